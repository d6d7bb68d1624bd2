"""Benchmark (not a test): question understanding as the corpus grows. Copies of the bundled notices, each with its own
region, pinyin and 文号, make corpora of N notices; a question naming one notice is understood in each.

Run: PYTHONPATH=. python eval/bench_scale.py [N ...]    (default 5 200 1000)"""

from __future__ import annotations

import dataclasses
import statistics
import sys
import time

from assistant.config import BUNDLED_NOTICES
from assistant.understand import understand
from index.corpus import load_corpus

QUESTIONS = [
    "第{k}县第17项由谁牵头？",
    "Who leads task 3 in the Xian{k} notice?",
    "X政办〔2024〕{k}号的发文日期",
    "哪些通知提到12345",
]


def corpus_of(n: int):
    base = load_corpus([BUNDLED_NOTICES])
    notices, tasks = [], []
    for k in range(n):
        p = base.notices[k % len(base.notices)]
        doc_id = f"{p.notice.doc_id}-{k}" if k >= len(base.notices) else p.notice.doc_id
        if k >= len(base.notices):
            notice = dataclasses.replace(
                p.notice,
                doc_id=doc_id,
                region=f"第{k}县",
                aliases=(f"第{k}县", f"xian{k}"),
                doc_number=f"X政办〔2024〕{k}号",
                sha256=f"{k}",
            )
        else:
            notice = p.notice
        notices.append(notice)
        tasks += [dataclasses.replace(t, doc_id=doc_id) for t in p.tasks]
    return notices, tasks


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [5, 200, 1000]
    for n in sizes:
        notices, tasks = corpus_of(n)
        k = n - 1
        questions = [q.format(k=k) for q in QUESTIONS]
        understand(questions[0], notices, tasks)  # the corpus's name index is built once, here
        times = []
        for _ in range(5):
            for q in questions:
                t = time.perf_counter()
                understand(q, notices, tasks)
                times.append((time.perf_counter() - t) * 1000)
        print(f"{n:>5} notices: understand() median {statistics.median(times):.1f} ms, max {max(times):.1f} ms")


if __name__ == "__main__":
    main()

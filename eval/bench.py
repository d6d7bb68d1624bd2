"""Benchmark (not a test): index build time and in-process `ask` latency on 50 fixed questions after warm-up.

Run: python eval/bench.py [--data-dir DIR]    Target on a 2-core machine: p95 < 50 ms for extractive answers.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from assistant.boot import build_and_open
from assistant.config import Settings
from assistant.service import Assistant
from index.corpus import load_corpus

QUESTIONS = [
    "Who leads task 17 in the Zhashui list and by when?",
    "who leads task 17?",
    "柞水县的防汛抗旱指挥部由谁负责？",
    "宜阳县存在问题6的完成时限是什么？",
    "宜阳县存在问题6由谁牵头",
    "柞水县第十七项任务由谁牵头？",
    "柞水县第3项的完成时限",
    "which Zhashui tasks are led by 县审批局",
    "how many problems does the Yiyang notice list",
    "tasks due by 2024年6月底",
    "training hours for law-enforcement staff in each notice",
    "陵川县领导小组组长是谁？",
    "领导小组办公室设在哪里？",
    "陵川县三级指标45需要报送什么资料",
    "渭南市工作要点（十）由谁负责",
    "What is the capital of France?",
    "昌江区第30项的责任单位",
    "Jingdezhen item 17: who leads it?",
    "Lingchuan indicator 1: which units are responsible?",
    "陵川县否决项1是什么",
    "柞水县有多少项任务",
    "How many hours of training must law-enforcement staff get each year in Weinan?",
    "陵川县创建活动分为哪几个阶段？",
    "What is the deadline of problem 9 in Yiyang?",
    "Who leads task 9 in Zhashui?",
    "行政执法人员每年培训多少学时",
    "渭南市对行政复议有什么要求",
    "柞水县图书馆的开放时间是几点？",
    "昌江区由区财政局牵头的任务有哪些",
    "What does the Weinan notice say about 政务公开?",
    "Which Yiyang problems are due 2024年12月31日前?",
    "宜阳县存在问题16的责任单位",
    "Zhashui task 12 deadline",
    "陵川县加分项有哪些",
    "柞水县第20项由谁牵头",
    "Who is responsible for item 5 in the Weinan work points?",
    "昌江区第9项",
    "陵川县三级指标100的责任单位",
    "What must be reported by 3月1日 each year?",
    "柞水县第22项的内容是什么",
    "Who leads problem 15 in Yiyang?",
    "渭南（二十五）的责任单位",
    "陵川县实施推进阶段是什么时候",
    "Which Changjiang tasks are led by 区政务局?",
    "how many indicators does the Lingchuan plan have",
    "法律顾问的作用",
    "Zhashui task 4 deadline",
    "昌江区第41项由谁牵头",
    "宜阳县有多少个存在问题",
    "陵川县的创建目标是什么",
]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, help="state directory (default: a fresh temporary one)")
    args = parser.parse_args()
    assert len(QUESTIONS) == 50
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="bench-"))
    settings = Settings(data_dir=data_dir)
    t0 = time.perf_counter()
    corpus = load_corpus(settings.notices)
    t1 = time.perf_counter()
    assistant, report = build_and_open(settings, corpus)
    t2 = time.perf_counter()
    print(
        f"load+parse notices: {1000 * (t1 - t0):.0f} ms; index build (embed + Chroma + BM25): {t2 - t1:.2f} s"
        f" ({len(assistant.index.chunks())} chunks, {'fresh' if report.added else 'reused'})"
    )
    t3 = time.perf_counter()
    Assistant(settings, corpus=corpus)  # reopen: reads the index built above
    print(f"reopen existing index: {1000 * (time.perf_counter() - t3):.0f} ms")
    for q in QUESTIONS[:5]:  # warm-up: model load, caches
        assistant.ask(q)
    times = []
    for q in QUESTIONS:
        s = time.perf_counter()
        assistant.ask(q)
        times.append(1000 * (time.perf_counter() - s))
    print(
        f"ask latency over {len(times)} questions: median {statistics.median(times):.1f} ms, "
        f"p95 {pct(times, 95):.1f} ms, max {max(times):.1f} ms (target p95 < 50 ms)"
    )


if __name__ == "__main__":
    main()

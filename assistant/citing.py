"""Citations: every one quotes its notice exactly, or is not made."""

from __future__ import annotations

from assistant.records import Citation
from index.records import Notice, Task


def cite(notice: Notice, label: str, start: int, end: int, quote: str) -> Citation:
    if quote not in notice.text:  # a citation must never point at text the notice does not hold
        raise AssertionError(f"quote not in {notice.doc_id}: {quote[:40]!r}")
    return Citation(notice.doc_id, notice.title, notice.doc_number, notice.source, label, start, end, quote)


def cite_task(notice: Notice, task: Task) -> Citation:
    return cite(notice, task.label, task.start_line, task.end_line, task.source_text)

"""Citations: every one quotes its notice exactly, or is not made."""

from __future__ import annotations

from assistant.records import Citation
from index.records import Notice, ParsedNotice, Task


def cite(notice: Notice, label: str, start: int, end: int, quote: str) -> Citation:
    if quote not in notice.text:  # a citation must never point at text the notice does not hold
        raise AssertionError(f"quote not in {notice.doc_id}: {quote[:40]!r}")
    return Citation(notice.doc_id, notice.title, notice.doc_number, notice.source, label, start, end, quote)


def cite_task(notice: Notice, task: Task) -> Citation:
    return cite(notice, task.label, task.start_line, task.end_line, task.source_text)


def cite_roster(parsed: ParsedNotice, c: Citation) -> Citation:
    """A roster line cited whole (副组长：A) cites the lines its value runs on over too; other citations stay."""
    roster = parsed.structure.roster_at(c.start_line) if c.start_line == c.end_line else None
    if roster is None or roster.head != c.quote:
        return c
    n = parsed.notice
    return cite(n, c.label, roster.start_line, roster.end_line, n.line_span_text(roster.start_line, roster.end_line))


def cite_list(parsed: ParsedNotice, c: Citation) -> list[Citation]:
    """The numbered list right after a cited sentence that introduces it ("以“七个一”活动为重点…" then 1. … 7. …),
    each item's first sentence cited on its line; [] when no list follows at once."""
    found = parsed.structure.list_after(c.end_line)
    return [cite(parsed.notice, c.label, item.line, item.line, item.text) for item in found.items] if found else []

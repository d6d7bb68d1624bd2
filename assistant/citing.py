"""Citations: every one quotes its notice exactly, or is not made."""

from __future__ import annotations

import re

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


# A numbered point's title: 3. 开展一次案卷评查活动。 — what the point says follows it on its line.
POINT_TITLE = re.compile(r"^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.、．]\s*[^。；;]{2,30}[。；;]?\s*$")


def cite_point(parsed: ParsedNotice, c: Citation) -> Citation:
    """A numbered point's title cited alone cites the whole point: its line, title and what it says."""
    if c.start_line != c.end_line or not POINT_TITLE.match(c.quote):
        return c
    n = parsed.notice
    whole = n.line_span_text(c.start_line, c.end_line).strip()
    return cite(n, c.label, c.start_line, c.end_line, whole) if len(whole) > len(c.quote.strip()) else c


def cite_list(parsed: ParsedNotice, c: Citation) -> list[Citation]:
    """The numbered list right after a cited sentence that introduces it ("以“七个一”活动为重点…" then 1. … 7. …),
    each item's first sentence cited on its line; [] when no list follows at once."""
    found = parsed.structure.list_after(c.end_line)
    return [cite(parsed.notice, c.label, item.line, item.line, item.text) for item in found.items] if found else []

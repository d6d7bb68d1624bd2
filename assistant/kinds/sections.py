"""A notice's groups: how many there are (分为几个方面, 多少个二级指标, how many areas), from its rows' headings, with
the count of its items when the question asks both (分了几个方面，具体任务有多少项); the name of one picked by its
ordinal (第四个一级指标叫什么, what's section 3 called) and the section an item sits in (第10项属于哪个部分), each
with the items under it, cited."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.citing import cite, cite_task
from assistant.kinds.context import Context
from assistant.kinds.lists import rows_draft
from assistant.records import Citation, Draft, Kind, Phrase, Question, say
from assistant.tasktable import in_part, in_scope, part_number, tasks_for
from assistant.understand import COUNT_CUES, SECTION_COUNT
from assistant.wording import Joined
from index.records import Notice, Task
from index.structure import line_of

MAX_NAMES = 20


def sections_of(tasks: Sequence[Task], level: int, part: int | None = None) -> list[str]:
    """The notice's groups at one level of its headings, in order: 一、… (1) or （一）…/ 二级指标 (2); within part
    `part` (一、… numbered so) when given."""
    out: list[str] = []
    for t in tasks:
        if part is not None and not in_part(t, part):
            continue
        if t.kind == "task" and len(t.section) >= level:
            name = re.sub(r"\s+", "", t.section[level - 1])  # "六、 完善" and "六、完善" are one heading
            if name not in out:
                out.append(name)
    return out


def draft(q: Question, ctx: Context) -> Draft:
    """The groups counted; when the question also asks how many items (分了几个方面，具体任务有多少项), that count
    too, in the order asked."""
    if q.asks_section and q.numbers:
        return _section_of_items(q, ctx)
    if q.asks_heading and q.part is not None and not q.section_level:
        return _heading(q, ctx)
    groups = _groups(q, ctx)
    if not q.asks_count or not groups.found:
        return groups
    items = rows_draft(replace(q, kind=Kind.COUNT), ctx, counting=True)
    if items is None or not items.found:
        return groups
    first, then = (items, groups) if _items_first(q.text.lower()) else (groups, items)
    return Draft(first.lines + then.lines, first.citations + then.citations, items.tasks)


def _items_first(low: str) -> bool:
    """Whether the question asks how many items before it asks how many groups."""
    items, groups = COUNT_CUES.search(low), SECTION_COUNT.search(low)
    return bool(items and groups and items.start() < groups.start())


def _groups(q: Question, ctx: Context) -> Draft:
    lines: list[Phrase] = []
    cites: list[Citation] = []
    word = q.section_word or say("sections.word")  # the asker's word for the groups: 方面, areas
    for p in ctx.corpus.notices:
        if not in_scope(p.notice, ctx.doc_ids):
            continue
        part = q.part if (q.section_level or 1) > 1 else None
        names = sections_of(p.tasks, q.section_level or 1, part)
        if not names:
            continue
        shown = names if len(names) <= MAX_NAMES else [names[0], "…", names[-1]]
        heading = next((t.section[0] for t in p.tasks if part is not None and in_part(t, part) and t.section), None)
        where = {"part": re.sub(r"\s+", "", heading)} if heading else {}
        lines.append(
            say(
                "sections.in_part" if heading else "sections.line",
                notice=p.notice,
                count=len(names),
                word=word,
                names=Joined(tuple(shown), "facts"),
                **where,
            )
        )
        for name in names if len(names) <= 4 else [*names[:2], names[-1]]:
            if (found := line_of(p.notice.lines, name)) is not None:
                n, line = found
                cites.append(cite(p.notice, name, n, n, line))
    if not lines:
        return Draft([say("not_found")], found=False)
    return Draft(lines, cites)


MAX_LABELS = 12  # a section holding more items names its first and last


def _part_rows(tasks: Sequence[Task], part: int) -> list[Task]:
    return [t for t in tasks if t.kind == "task" and in_part(t, part)]


def _under(notice: Notice, heading: str, rows: Sequence[Task]) -> tuple[Phrase, list[Citation]]:
    """A section's heading as printed and the items under it, cited on the heading's line and the rows named."""
    name = re.sub(r"\s+", "", heading)
    labels: object = tuple(rows) if len(rows) <= MAX_LABELS else say("list.range", first=rows[0], last=rows[-1])
    cites = [
        cite(notice, name, n, n, line) for found in [line_of(notice.lines, heading)] if found for n, line in [found]
    ]
    cites += [cite_task(notice, t) for t in (rows if len(rows) <= 3 else [rows[0], rows[-1]])]
    return say("sections.under", heading=name, count=len(rows), labels=labels), cites


def _heading(q: Question, ctx: Context) -> Draft:
    """The section picked by its ordinal: its heading, and the items under it."""
    assert q.part is not None
    lines: list[Phrase] = []
    cites: list[Citation] = []
    kept: list[Task] = []
    for p in ctx.corpus.notices:
        if not in_scope(p.notice, ctx.doc_ids):
            continue
        rows = _part_rows(p.tasks, q.part)
        if not rows:
            if ctx.doc_ids:
                lines.append(say("sections.no_part", notice=p.notice, part=q.part))
            continue
        under, cited = _under(p.notice, rows[0].section[0], rows)
        lines.append(say("sections.part", notice=p.notice, part=q.part, under=under))
        cites += cited
        kept += rows
    if not kept:
        return Draft(lines or [say("not_found")], found=False)
    return Draft(lines, cites, kept)


def _section_of_items(q: Question, ctx: Context) -> Draft:
    """The section each item named sits in, with the items under it."""
    lines: list[Phrase] = []
    cites: list[Citation] = []
    kept: list[Task] = []
    for n, t in tasks_for(q, ctx.corpus, ctx.doc_ids):
        if not t.section:
            continue
        part = part_number(t.section[0])
        rows = _part_rows(ctx.corpus.get(n.doc_id).tasks, part) if part is not None else [t]
        under, cited = _under(n, t.section[0], rows or [t])
        lines.append(say("sections.of_item", notice=n, item=t, under=under))
        cites += [cite_task(n, t), *cited]
        kept.append(t)
    if not kept:
        return Draft([say("not_found")], found=False)
    return Draft(lines, list(dict.fromkeys(cites)), kept)

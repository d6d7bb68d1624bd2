"""Counts of a notice's groups (分为几个方面, 多少个二级指标, how many areas), from its rows' headings, cited; with
the count of its items when the question asks both (分了几个方面，具体任务有多少项)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.citing import cite
from assistant.kinds.context import Context
from assistant.kinds.lists import rows_draft
from assistant.records import Citation, Draft, Kind, Phrase, Question, say
from assistant.tasktable import in_part, in_scope
from assistant.understand import COUNT_CUES, SECTION_COUNT
from assistant.wording import Joined
from index.records import Task
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

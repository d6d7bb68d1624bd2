"""Counts of a notice's groups (分为几个方面, 多少个二级指标, how many areas), from its rows' headings, cited."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.citing import cite
from assistant.kinds.context import Context
from assistant.records import Citation, Draft, Phrase, Question, say
from assistant.tasktable import in_scope
from assistant.wording import Joined
from index.records import Task
from index.structure import line_of

MAX_NAMES = 20


def sections_of(tasks: Sequence[Task], level: int) -> list[str]:
    """The notice's groups at one level of its headings, in order: 一、… (1) or （一）…/ 二级指标 (2)."""
    out: list[str] = []
    for t in tasks:
        if t.kind == "task" and len(t.section) >= level:
            name = re.sub(r"\s+", "", t.section[level - 1])  # "六、 完善" and "六、完善" are one heading
            if name not in out:
                out.append(name)
    return out


def draft(q: Question, ctx: Context) -> Draft:
    lines: list[Phrase] = []
    cites: list[Citation] = []
    word = q.section_word or say("sections.word")  # the asker's word for the groups: 方面, areas
    for p in ctx.corpus.notices:
        if not in_scope(p.notice, ctx.doc_ids):
            continue
        names = sections_of(p.tasks, q.section_level or 1)
        if not names:
            continue
        shown = names if len(names) <= MAX_NAMES else [names[0], "…", names[-1]]
        lines.append(
            say("sections.line", notice=p.notice, count=len(names), word=word, names=Joined(tuple(shown), "facts"))
        )
        for name in names if len(names) <= 4 else [*names[:2], names[-1]]:
            if (found := line_of(p.notice.lines, name)) is not None:
                n, line = found
                cites.append(cite(p.notice, name, n, n, line))
    if not lines:
        return Draft([say("not_found")], found=False)
    return Draft(lines, cites)

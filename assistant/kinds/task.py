"""Task lookups: the asked fields of numbered rows, from the task table."""

from __future__ import annotations

from assistant.citing import cite_task
from assistant.kinds.context import Context
from assistant.records import Draft, Phrase, Question, say
from assistant.tasktable import DEFAULT_FIELDS, facts, in_scope, item_noun, tasks_for
from assistant.wording import Joined


def numbers(q: Question, wanted: list[int] | tuple[int, ...] | None = None) -> Joined:
    return Joined(tuple(str(n) for n in (q.numbers if wanted is None else wanted)))


def draft(q: Question, ctx: Context) -> Draft | None:
    pairs = tasks_for(q, ctx.corpus, ctx.doc_ids)
    if not pairs:
        return None if q.style in ("bonus", "veto") else no_such_item(q, ctx)
    fields = q.fields
    if "content" not in q.fields and ctx.scorer.asks_detail(q, [p.notice for p in ctx.corpus.notices]):
        fields = (*(q.fields or DEFAULT_FIELDS), "content")  # "how many lectures in item 5": its text answers
    lines: list[Phrase] = []
    notices = list(dict.fromkeys(n.doc_id for n, _ in pairs))
    if not ctx.doc_ids and len(notices) > 1:
        lines.append(say("task.several", count=len(notices), numbers=numbers(q)))
    for notice, t in pairs:
        lines.append(say("task.row", notice=notice, item=t, facts=Joined(tuple(facts(t, notice, fields)), "facts")))
    missing = [n for n in q.numbers if not any(t.number == n for _, t in pairs)]
    if missing and ctx.doc_ids:
        lines.append(say("task.missing", numbers=numbers(q, missing)))
    return Draft(
        lines,
        [cite_task(n, t) for n, t in pairs],
        [t for _, t in pairs],
        missing=[str(n) for n in missing],
    )


def no_such_item(q: Question, ctx: Context) -> Draft:
    """No notice asked about has the item: say what they do have, claim nothing."""
    lines = [say("task.no_such_item", numbers=numbers(q))]
    for p in ctx.corpus.notices:
        if not in_scope(p.notice, ctx.doc_ids) or not p.tasks:
            continue
        top = max(t.number for t in p.tasks if t.kind == "task")
        lines.append(say("task.has_items", notice=p.notice, top=top, noun=item_noun(p.tasks)))
    return Draft(lines, found=False, missing=[str(n) for n in q.numbers])

"""Lists over the task tables: the rows matching a question's filters (unit, deadline, a word they say), per notice."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.citing import cite_task
from assistant.kinds.context import Context
from assistant.records import Draft, Phrase, Question, say
from assistant.tasktable import facts, filtered_tasks, in_scope, item_noun
from assistant.wording import Joined
from index.records import Notice, Task

MAX_COUNT_LABELS = 20  # a count answer leads with the number, not 100 labels
MAX_ROWS = 40
CONTENT_CHARS = 40


def draft(q: Question, ctx: Context) -> Draft | None:
    return rows_draft(q, ctx, counting=False)


def rows_draft(q: Question, ctx: Context, *, counting: bool) -> Draft | None:
    """One line per notice in scope (how many rows match, their labels), and for a list the rows themselves."""
    pairs = filtered_tasks(q, ctx.corpus, ctx.doc_ids)
    groups: dict[str, list[Task]] = {}
    for n, t in pairs:
        groups.setdefault(n.doc_id, []).append(t)
    targets = [p.notice for p in ctx.corpus.notices if in_scope(p.notice, ctx.doc_ids)]
    lines: list[Phrase] = []
    for n in targets:
        tasks = groups.get(n.doc_id, [])
        if not tasks and (q.units or q.due) and len(targets) > 1:
            continue
        lines.append(_head(q, n, tasks, ctx.corpus.get(n.doc_id).tasks, counting))
        if not counting:
            fields = q.fields if not q.due else ("deadline",)
            lines.extend(_row(t, n, fields) for t in tasks[:MAX_ROWS])
        elif not (q.units or q.due or q.mentions):
            lines.extend(_extra(ctx.corpus.get(n.doc_id).tasks))
    if not pairs:
        if q.mentions:  # no row says it in those words: the notice's text may still say it otherwise
            return None
        return Draft(lines or [say("not_found")], found=bool(lines and counting))
    cited = pairs if not counting or len(pairs) <= 3 else [pairs[0], pairs[-1]]
    return Draft(lines, [cite_task(n, t) for n, t in cited[:MAX_ROWS]], [t for _, t in pairs])


def _head(q: Question, n: Notice, tasks: list[Task], all_tasks: Sequence[Task], counting: bool) -> Phrase:
    labels: object = tuple(t.label for t in tasks)
    if counting and len(tasks) > MAX_COUNT_LABELS:
        labels = say("list.range", first=tasks[0].label, last=tasks[-1].label)
    return say(
        "list.head",
        notice=n,
        unit=_unit_condition(q),
        due=_due_condition(q),
        mentions=Joined(tuple(_mention(q, w) for w in q.mentions), "none"),
        count=len(tasks),
        noun=item_noun(tasks or all_tasks),
        tail=say("list.labels", labels=labels) if tasks else say("list.no_labels"),
    )


def _unit_condition(q: Question) -> Phrase | None:
    if not q.units:
        return None
    both = {"lead", "responsible"} <= set(q.fields)  # 牵头或责任: either column matched
    role = "both" if both else "lead" if "lead" in q.fields else "responsible" if "responsible" in q.fields else "any"
    key = "list.not_by_unit" if "units" in q.negated else "list.by_unit"
    return say(key, units=q.units, role=say(f"role.{role}"))


def _due_condition(q: Question) -> Phrase | None:
    if not q.due:
        return None
    if "due" in q.negated:
        return say("list.due_is_not", due=q.due)
    literal = not re.search(r"\d", q.due)  # 长期: a kind of deadline, not a date
    if not literal and re.search(r"半年|季度", q.due) and not q.by_date:
        return say("list.due_in", due=q.due)
    return say("list.due_is" if literal else "list.due_by", due=q.due)


def _mention(q: Question, word: str) -> Phrase:
    return say("list.materials_mention" if "materials" in q.fields else "list.mentions", word=word)


def _row(t: Task, n: Notice, fields: Sequence[str]) -> Phrase:
    content = t.content[:CONTENT_CHARS] + ("…" if len(t.content) > CONTENT_CHARS else "")
    return say("list.row", label=t.label, content=content, facts=Joined(tuple(facts(t, n, fields)), "facts"))


def _extra(tasks: Sequence[Task]) -> list[Phrase]:
    """A count of all items also says how many bonus and veto items a notice lists besides."""
    extra = [t for t in tasks if t.kind != "task"]
    if not extra:
        return []
    return [say("list.extra", **{k: sum(1 for t in extra if t.kind == k) for k in ("bonus", "veto")})]

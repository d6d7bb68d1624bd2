"""Lists over the task tables: the rows matching a question's filters (unit, deadline, a word they say), per notice.

Each row listed is one line: its name, the gist of its content (its first sentence, trimmed at a clause), the units
that lead it (the responsible units where the notice has no lead column) and the field the question filtered by."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.citing import cite_task
from assistant.kinds.context import Context
from assistant.records import Citation, Draft, Phrase, Question, say
from assistant.tasktable import filtered_tasks, in_part, in_scope, item_noun, keeps
from assistant.wording import Joined
from index.records import Notice, Task

MAX_COUNT_LABELS = 20  # a count answer leads with the number, not 100 labels
MAX_ROWS = 40
GIST_CHARS = 36  # a row's gist: its first sentence, cut at a clause when longer than this
MIN_GIST = 10  # a clause shorter than this ("每年3月1日前") says too little to stand for the row
SENTENCE_END = re.compile(r"[。；;！？!?\n]")
CLAUSE_END = re.compile(r"[，,：:]")


def draft(q: Question, ctx: Context) -> Draft | None:
    if q.distinct:
        return distinct_draft(q, ctx)
    return rows_draft(q, ctx, counting=False)


def _part_condition(q: Question, tasks: Sequence[Task]) -> Phrase | None:
    """The section a question picked (第七部分), by its heading as the notice writes it."""
    if q.part is None or not tasks or not tasks[0].section:
        return None
    return say("list.part", heading=re.sub(r"\s+", "", tasks[0].section[0]))


def distinct_draft(q: Question, ctx: Context) -> Draft:
    """The units of one column (lead; responsible where asked, or where the notice has no lead column), each once in
    the order they first appear, with how many rows name each, each cited on the first row that names it."""
    lines: list[Phrase] = []
    cites: list[Citation] = []
    kept: list[Task] = []
    for p in ctx.corpus.notices:
        n = p.notice
        if not in_scope(n, ctx.doc_ids):
            continue
        tasks = [t for t in p.tasks if keeps(q, t)]
        column = q.distinct or "lead"
        fallback = column == "lead" and not any(t.lead for t in p.tasks)
        if fallback:
            column = "responsible"
        first: dict[str, Task] = {}
        rows: dict[str, int] = {}
        for t in tasks:
            for u in dict.fromkeys(t.lead if column == "lead" else t.responsible):
                first.setdefault(u, t)
                rows[u] = rows.get(u, 0) + 1
        if not first:
            continue
        column_name = say(f"distinct.{column}")
        lines.append(
            say(
                "distinct.head",
                notice=n,
                part=_part_condition(q, tasks),
                column=Joined((column_name, say("distinct.no_lead")), "none") if fallback else column_name,
                count=len(first),
            )
        )
        noun = item_noun(tasks)
        lines.extend(say("distinct.row", unit=u, rows=rows[u], noun=noun) for u in first)
        cites.extend(cite_task(n, t) for t in dict.fromkeys(first.values()))
        kept.extend(tasks)
    if not lines:
        return Draft([say("not_found")], found=False)
    return Draft(lines, cites, kept)


COUNT_ROWS_SHOWN = 8  # a filtered count this small lists its rows


def rows_draft(q: Question, ctx: Context, *, counting: bool) -> Draft | None:
    """One line per notice in scope (how many rows match), then the rows themselves, one line each: for a list, and
    for a count that also asks which (有几项，分别是哪些); a count alone names the rows by their labels."""
    pairs = filtered_tasks(q, ctx.corpus, ctx.doc_ids)
    groups: dict[str, list[Task]] = {}
    for n, t in pairs:
        groups.setdefault(n.doc_id, []).append(t)
    targets = [p.notice for p in ctx.corpus.notices if in_scope(p.notice, ctx.doc_ids)]
    # a count by a filter (how many tasks involve 市委网信办) shows its few rows, each on its line, as a list does
    filtered = bool(q.units or q.due or q.mentions or q.part is not None)
    listing = not counting or q.asks_which or (filtered and 0 < len(pairs) <= COUNT_ROWS_SHOWN)
    lines: list[Phrase] = []
    shown: list[tuple[Notice, Task]] = []
    held: list[tuple[Notice, Task]] = []  # a section's rows, named when none of them passes the other filters
    for n in targets:
        tasks = groups.get(n.doc_id, [])
        if not tasks and (q.units or q.due) and len(targets) > 1:
            continue
        rows = tasks[:MAX_ROWS] if listing else []
        lines.append(
            _head(q, n, tasks, ctx.corpus.get(n.doc_id).tasks, counting, all_rows=bool(rows) and rows == tasks)
        )
        lines.extend(_row(t, n, q) for t in rows)
        shown.extend((n, t) for t in rows)
        if not tasks and q.part is not None and (whole := _part_rows(q, ctx.corpus.get(n.doc_id).tasks)):
            # none of section 五 is not led by 区司法局: the section's items, so "none" is seen to be of them
            heading = re.sub(r"\s+", "", whole[0].section[0])
            labels = (
                tuple(whole) if len(whole) <= MAX_COUNT_LABELS else say("list.range", first=whole[0], last=whole[-1])
            )
            lines.append(say("list.part_holds", heading=heading, count=len(whole), labels=labels))
            held.extend((n, t) for t in (whole if len(whole) <= 3 else [whole[0], whole[-1]]))
        if counting and not (q.units or q.due or q.mentions or q.part is not None or q.style in ("bonus", "veto")):
            lines.extend(_extra(ctx.corpus.get(n.doc_id).tasks))
    if not pairs:
        if q.mentions:  # no row says it in those words: the notice's text may still say it otherwise
            return None
        if held:
            return Draft(lines, [cite_task(n, t) for n, t in held])
        return Draft(lines or [say("not_found")], found=bool(lines and counting))
    cited = shown or (pairs if len(pairs) <= 3 else [pairs[0], pairs[-1]])  # every row shown is cited
    return Draft(lines, [cite_task(n, t) for n, t in cited], [t for _, t in pairs])


def _head(
    q: Question, n: Notice, tasks: list[Task], all_tasks: Sequence[Task], counting: bool, *, all_rows: bool
) -> Phrase:
    """The count line: how many rows match in one notice; their labels too unless every row follows on its own line."""
    labels: object = tuple(tasks)
    if counting and len(tasks) > MAX_COUNT_LABELS:
        labels = say("list.range", first=tasks[0], last=tasks[-1])
    tail = say("list.rows_follow") if all_rows else say("list.labels", labels=labels) if tasks else None
    return say(
        "list.head",
        notice=n,
        part=_part_condition(q, tasks),
        unit=_unit_condition(q),
        due=_due_condition(q, tasks),
        mentions=Joined(tuple(_mention(q, w) for w in q.mentions), "none"),
        count=len(tasks),
        noun=item_noun(tasks or all_tasks),
        tail=tail or say("list.no_labels"),
    )


def _part_rows(q: Question, tasks: Sequence[Task]) -> list[Task]:
    """The items of the section a question picked, whatever its other filters."""
    return [t for t in tasks if t.kind == "task" and q.part is not None and in_part(t, q.part)]


def _unit_condition(q: Question) -> Phrase | None:
    if not q.units:
        return None
    both = {"lead", "responsible"} <= set(q.fields)  # 牵头或责任: either column matched
    role = "both" if both else "lead" if "lead" in q.fields else "responsible" if "responsible" in q.fields else "any"
    negated = "units" in q.negated
    key = "list.not_by_unit" if negated else "list.by_unit_only" if q.only_units else "list.by_unit"
    return say(key, units=q.units, role=say(f"role.{role}"))


def _due_condition(q: Question, tasks: Sequence[Task]) -> Phrase | None:
    if not q.due:
        return None
    literal = not re.search(r"\d", q.due)  # 长期: a kind of deadline, not a date
    if "due" in q.negated:  # a row kept for a date besides 长期坚持 is "not just" 长期
        mixed = literal and any(q.due in (t.deadline or "") for t in tasks)
        return say("list.due_is_not_only" if mixed else "list.due_is_not", due=q.due)
    if not literal and re.search(r"半年|季度|全年", q.due) and not q.by_date:
        return say("list.due_in", due=q.due)
    return say("list.due_is" if literal else "list.due_by", due=q.due)


def _mention(q: Question, word: str) -> Phrase:
    return say("list.materials_mention" if "materials" in q.fields else "list.mentions", word=word)


def gist(text: str) -> str:
    """What a row is about, short: its first sentence, cut at the last clause that fits when it is long."""
    first = SENTENCE_END.split(text.strip(), maxsplit=1)[0].strip()
    if len(first) <= GIST_CHARS:
        return first
    cuts = [m.start() for m in CLAUSE_END.finditer(first) if MIN_GIST <= m.start() <= GIST_CHARS]
    return first[: cuts[-1] if cuts else GIST_CHARS] + "…"


def _row(t: Task, n: Notice, q: Question) -> Phrase:
    facts = _row_facts(t, n, q)
    if not facts:
        return say("list.row_bare", item=t, gist=gist(t.content))
    return say("list.row", item=t, gist=gist(t.content), facts=Joined(tuple(facts), "facts"))


def _row_facts(t: Task, n: Notice, q: Question) -> list[Phrase]:
    """Who leads the row (who is responsible, in a notice without a lead column), and the fields the question
    filtered or asked by: the responsible units, the deadline, the materials. A field the row leaves empty is left
    out: the line names the row, it does not list the notice's columns."""
    has_lead = "lead" in n.task_fields or bool(t.lead)
    out: list[Phrase] = []
    if has_lead and t.lead:
        out.append(say("fact.lead", units=t.lead))
    if t.responsible and (not has_lead or "responsible" in q.fields or not t.lead):
        out.append(say("fact.responsible", units=t.responsible))
    if t.deadline and (q.due or "deadline" in q.fields):
        out.append(say("fact.deadline", deadline=t.deadline))
    if t.materials and "materials" in q.fields:
        out.append(say("fact.materials", materials=gist(t.materials)))
    return out


def _extra(tasks: Sequence[Task]) -> list[Phrase]:
    """A count of all items also says how many bonus and veto items a notice lists besides."""
    extra = [t for t in tasks if t.kind != "task"]
    if not extra:
        return []
    return [say("list.extra", **{k: sum(1 for t in extra if t.kind == k) for k in ("bonus", "veto")})]

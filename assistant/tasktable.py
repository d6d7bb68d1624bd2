"""Rows of the task tables a question is about: by number, by unit, by deadline, by a word they say."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.records import Citation, Kind, Phrase, Question, say
from index.corpus import Corpus
from index.records import Notice, Task
from index.text import cn_to_int, no_spaces, year_month

STYLE_PREFIX = {"problem": ("存在问题",), "indicator": ("三级指标", "评价指标"), "paren": ("(", "（")}
DEFAULT_FIELDS = ("lead", "responsible", "deadline")


def in_scope(notice: Notice, doc_ids: Sequence[str]) -> bool:
    return not doc_ids or notice.doc_id in doc_ids


TaskPlace = tuple[int, int, Notice, Task]  # (notice's place in the corpus, row's place in its notice, notice, row)


def task_places(corpus: Corpus) -> dict[tuple[str, str, int], list[TaskPlace]]:
    """Every task row by (doc_id, kind, number), with its place in corpus order; built once per corpus."""

    def build() -> dict[tuple[str, str, int], list[TaskPlace]]:
        table: dict[tuple[str, str, int], list[TaskPlace]] = {}
        for i, p in enumerate(corpus.notices):
            for j, t in enumerate(p.tasks):
                table.setdefault((p.notice.doc_id, t.kind, t.number), []).append((i, j, p.notice, t))
        return table

    return corpus.cached("tasktable.task_places", build)


def task_places_by_number(corpus: Corpus) -> dict[tuple[str, int], list[TaskPlace]]:
    """Every task row by (kind, number), in corpus order; built once per corpus."""

    def build() -> dict[tuple[str, int], list[TaskPlace]]:
        table: dict[tuple[str, int], list[TaskPlace]] = {}
        for (_, kind, number), places in task_places(corpus).items():
            table.setdefault((kind, number), []).extend(places)
        return {key: sorted(places, key=lambda x: x[:2]) for key, places in table.items()}

    return corpus.cached("tasktable.task_places_by_number", build)


def tasks_for(q: Question, corpus: Corpus, doc_ids: Sequence[str]) -> list[tuple[Notice, Task]]:
    """The rows a question names by number; a numbering style (存在问题6) prefers notices labelled that way.
    Looked up by (doc_id, kind, number), in corpus and table order, not by a scan of every row."""
    kind = q.style if q.style in ("bonus", "veto") else "task"
    numbers = set(q.numbers)
    places: list[TaskPlace] = []
    if doc_ids:
        table = task_places(corpus)
        for doc_id in dict.fromkeys(doc_ids):
            for number in numbers:
                places += table.get((doc_id, kind, number), ())
    else:
        by_number = task_places_by_number(corpus)
        for number in numbers:
            places += by_number.get((kind, number), ())
    found = [(n, t) for _, _, n, t in sorted(places, key=lambda x: x[:2])]
    prefixes = STYLE_PREFIX.get(q.style or "")
    if prefixes and not doc_ids:
        styled = [(n, t) for n, t in found if t.label.startswith(prefixes)]
        found = styled or found
    return found


def facts(t: Task, notice: Notice, fields: Sequence[str]) -> list[Phrase]:
    """The asked fields of one row, saying plainly when the notice has no such column."""
    wanted = list(fields) or list(DEFAULT_FIELDS)
    if "lead" in wanted and "responsible" not in wanted:
        wanted.insert(wanted.index("lead") + 1, "responsible")
    if "responsible" in wanted and "lead" not in wanted and t.lead:  # 责任单位 asks who is accountable: the lead too
        wanted.insert(wanted.index("responsible"), "lead")
    if "materials" in wanted and "materials" not in notice.task_fields and "content" not in wanted:
        wanted.insert(wanted.index("materials") + 1, "content")  # no materials column: what the item itself asks
    if ("lead" in wanted or "responsible" in wanted) and "deadline" not in wanted and "deadline" in notice.task_fields:
        wanted.append("deadline")
    out: list[Phrase] = []
    for f in wanted:
        out.extend(_fact(t, f, lead_asked="lead" in wanted))
    return out


def _fact(t: Task, field: str, *, lead_asked: bool) -> list[Phrase]:
    if field == "lead":
        return [say("fact.lead", units=t.lead) if t.lead else say("fact.no_lead")]
    if field == "responsible":
        if t.responsible:
            return [say("fact.responsible", units=t.responsible)]
        return [] if lead_asked and t.lead else [say("fact.no_responsible")]
    if field == "deadline":
        if t.deadline:
            return [say("fact.deadline", deadline=t.deadline)]
        return [say("fact.no_deadline")] + ([say("fact.dates", dates=t.dates)] if t.dates else [])
    if field == "materials":
        return [say("fact.materials", materials=t.materials) if t.materials else say("fact.no_materials")]
    if field == "content":
        return [say("fact.content", content=t.content)]
    return []


def row_of(c: Citation, corpus: Corpus) -> Task | None:
    """The task-table row whose source lines hold a cited sentence."""
    return next(
        (t for t in corpus.get(c.doc_id).tasks if t.start_line <= c.start_line and c.end_line <= t.end_line),
        None,
    )


def item_noun(tasks: Sequence[Task]) -> Phrase:
    """What a notice calls its items, from its labels: problems, indicators or items."""
    label = tasks[0].label if tasks else ""
    if tasks and tasks[0].kind in ("bonus", "veto") and all(t.kind == tasks[0].kind for t in tasks):
        return say(f"noun.{tasks[0].kind}")  # 2 veto items / 2 项否决项
    return say(
        "noun.problems" if label.startswith("存在问题") else "noun.indicators" if "指标" in label else "noun.items"
    )


# --- filters --------------------------------------------------------------------------------------------


PERIODS = {
    "全年": (1, 12),
    "上半年": (1, 6),
    "下半年": (7, 12),
    "第一季度": (1, 3),
    "第二季度": (4, 6),
    "第三季度": (7, 9),
    "第四季度": (10, 12),
}


def _period(due: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """2024年上半年 -> ((2024, 1), (2024, 6)): the months a half-year or quarter spans."""
    if m := re.fullmatch(r"(\d{4})年(.+)", due):
        if span := PERIODS.get(m.group(2)):
            year = int(m.group(1))
            return (year, span[0]), (year, span[1])
    return None


def due_matches(t: Task, due: str, by: bool) -> bool:
    """Whether a row's deadline (not a date inside its text) is `due`, or on or before it when `by`."""
    if not t.deadline:
        return False
    if period := _period(due):  # due within the half-year or quarter (by its end, when "by")
        ym = year_month(t.deadline)
        return ym is not None and (by or period[0] <= ym) and ym <= period[1] and not t.deadline.startswith("每年")
    target = year_month(due)
    if target is None:
        return re.sub(r"[底末前]", "", due) in t.deadline
    ym = year_month(t.deadline)
    return ym is not None and (ym <= target if by else ym == target) and not t.deadline.startswith("每年")


def unit_matches(t: Task, units: Sequence[str], fields: Sequence[str], only: bool = False) -> bool:
    if "lead" in fields and "responsible" in fields:  # 牵头或责任: either column
        pool = t.lead + t.responsible
    elif "lead" in fields:
        pool = t.lead
    elif "responsible" in fields:
        pool = t.responsible
    else:
        pool = t.lead + t.responsible
    if only:  # the units and nobody else
        return (
            bool(pool)
            and all(any(u in x for u in units) for x in pool)
            and all(any(u in x for x in pool) for u in units)
        )
    return all(any(u in x for x in pool) for u in units)


HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")


def says_words(t: Task, words: Sequence[str], fields: Sequence[str]) -> bool:
    """Whether a row says all the words: in its materials when the question asks about materials, else anywhere."""
    text = (t.materials or "") if "materials" in fields else "\n".join([t.content, t.materials or ""])
    if any(HEADING.match(w) for w in words):  # a heading quoted as written: the items under it (三、推进…下面有几条)
        text += "\n" + "\n".join(t.section)
    flat = no_spaces(text)
    return all(no_spaces(w) in flat for w in words)


def part_number(heading: str) -> int | None:
    """The number of a top-level heading (七、重大突发事件… -> 7), or None for any other line."""
    m = re.match(r"\s*([一二三四五六七八九十]+)、", heading)
    return cn_to_int(m.group(1)) if m else None


def in_part(t: Task, part: int) -> bool:
    """Whether a row sits under the top-level heading numbered `part` (七、重大突发事件…)."""
    return bool(t.section) and part_number(t.section[0]) == part


def keeps(q: Question, t: Task) -> bool:
    """Whether a row passes every filter of a list or count question."""
    if q.part is not None and not in_part(t, q.part):
        return False
    if q.units and unit_matches(t, q.units, q.fields, q.only_units) == ("units" in q.negated):
        return False
    if q.mentions and not says_words(t, q.mentions, q.fields):
        return False
    if q.due:
        hit = due_matches(t, q.due, q.by_date)
        if "due" in q.negated and hit and not re.search(r"\d", q.due):
            hit = not re.search(r"\d", t.deadline or "")  # not 长期: a date besides 长期坚持 is more than 长期
        if ("due" in q.negated and (not t.deadline or hit)) or ("due" not in q.negated and not hit):
            return False
    if q.style in ("bonus", "veto"):
        return t.kind == q.style
    return t.kind == "task" or not (q.units or q.due or q.kind == Kind.COUNT)


def filtered_tasks(q: Question, corpus: Corpus, doc_ids: Sequence[str]) -> list[tuple[Notice, Task]]:
    return [(p.notice, t) for p in corpus.notices if in_scope(p.notice, doc_ids) for t in p.tasks if keeps(q, t)]

"""One module per kind of question; each turns a Question into a language-free Draft, or None to hand the question
to the open answer (a numbered bonus item the notices lack, a word no row says)."""

from __future__ import annotations

from collections.abc import Callable

from assistant.kinds import cited, count, counterpart, cross, lists, meta, notices, open, refuse, sections, task
from assistant.kinds.context import Context
from assistant.records import ROW_FIELDS, Draft, Kind, Question
from assistant.understand import DISTINCT_CUE
from assistant.values import expected

Answerer = Callable[[Question, Context], Draft | None]

ANSWERERS: dict[Kind, Answerer] = {
    Kind.TASK: task.draft,
    Kind.LIST: lists.draft,
    Kind.COUNT: count.draft,
    Kind.SECTIONS: sections.draft,
    Kind.CROSS: cross.draft,
    Kind.META: meta.draft,
    Kind.OPEN: open.draft,
    Kind.REFUSE: refuse.draft,
    Kind.NOTICES: notices.draft,
    Kind.CITED: cited.draft,
    Kind.COUNTERPART: counterpart.draft,
}


def _may_name_a_row(q: Question) -> bool:
    """A row's column asked with no number, no item word and no filter (道路交通安全整治由哪些部门牵头, who leads the
    sewage treatment work?): the topic may name one row. Only the open answer or the weak column-units reading
    (哪些部门 without 去重) would take it otherwise."""
    if not set(q.fields) & set(ROW_FIELDS) or q.numbers or q.units or q.due or q.mentions or q.asks_count or q.meta:
        return False
    if expected(q.text) in (*task.NOT_COLUMNS, *task.OUTCOMES):
        return False  # how many cases were handled, how much it costs: a value no column gives
    if q.kind is Kind.LIST:
        return q.distinct is not None and not DISTINCT_CUE.search(q.text.lower())
    return q.kind is Kind.OPEN


def draft(q: Question, ctx: Context) -> tuple[Kind, Draft]:
    """The draft of the question's kind; the open answer when that kind declines. Returns the kind that answered."""
    if _may_name_a_row(q) and (row := task.draft(q, ctx)) is not None:
        return Kind.TASK, row  # one row stands out from every other by what the question is about
    made = ANSWERERS[q.kind](q, ctx)
    if made is not None:
        return q.kind, made
    fallback = open.draft(q, ctx)
    assert fallback is not None  # the open answer always answers or refuses
    return Kind.OPEN, fallback


__all__ = ["ANSWERERS", "Context", "draft"]

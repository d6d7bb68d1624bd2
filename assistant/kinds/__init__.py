"""One module per kind of question; each turns a Question into a language-free Draft, or None to hand the question
to the open answer (a numbered bonus item the notices lack, a word no row says)."""

from __future__ import annotations

from collections.abc import Callable

from assistant.kinds import count, cross, lists, meta, notices, open, refuse, sections, task
from assistant.kinds.context import Context
from assistant.records import Draft, Kind, Question

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
}


def draft(q: Question, ctx: Context) -> tuple[Kind, Draft]:
    """The draft of the question's kind; the open answer when that kind declines. Returns the kind that answered."""
    made = ANSWERERS[q.kind](q, ctx)
    if made is not None:
        return q.kind, made
    fallback = open.draft(q, ctx)
    assert fallback is not None  # the open answer always answers or refuses
    return Kind.OPEN, fallback


__all__ = ["ANSWERERS", "Context", "draft"]

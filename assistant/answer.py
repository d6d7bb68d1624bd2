"""Answering: the draft of the question's kind, worded in the asker's language."""

from __future__ import annotations

from assistant import kinds
from assistant.kinds.context import Context
from assistant.records import Answer, Question
from assistant.wording import compose


def answer(q: Question, ctx: Context) -> Answer:
    """The extractive answer: every fact in it quoted from a notice and cited, or a refusal."""
    kind, draft = kinds.draft(q, ctx)
    return compose(draft, q.lang, kind.value)

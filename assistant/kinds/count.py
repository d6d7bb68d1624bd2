"""Counts over the task tables: how many rows match, per notice, with their labels."""

from __future__ import annotations

from assistant.kinds.context import Context
from assistant.kinds.lists import rows_draft
from assistant.records import Draft, Question


def draft(q: Question, ctx: Context) -> Draft | None:
    return rows_draft(q, ctx, counting=True)

"""Task lookups: the asked fields of numbered rows, from the task table."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.citing import cite_task
from assistant.kinds.context import Context
from assistant.kinds.refuse import not_given
from assistant.records import ROW_FIELDS, Draft, Phrase, Question, say
from assistant.scoring import MIN_COVERAGE
from assistant.tasktable import DEFAULT_FIELDS, facts, in_scope, item_noun, tasks_for
from assistant.understand import lexicon
from assistant.values import asks_outcome, expected, holds, reports_outcome
from assistant.wording import Joined
from index.records import Notice, Task

# How far the best row must cover the question's words, and lead the next row, to be the row it describes.
DESCRIBED_MIN = max(MIN_COVERAGE, 0.6)
DESCRIBED_MARGIN = 0.15
# Words that point at the row rather than describe it: 那项, 这一条, 该项, 那个.
POINTER = re.compile(r"^[这那该此本][一]?[项条个件类]?$")


def numbers(q: Question, wanted: list[int] | tuple[int, ...] | None = None) -> Joined:
    return Joined(tuple(str(n) for n in (q.numbers if wanted is None else wanted)))


@lru_cache(maxsize=1)
def field_cues() -> str:
    """The Chinese words that ask for a row's fields (牵头, 完成时限…), granted to every row when rows compete."""
    return " ".join(c for f in ROW_FIELDS for c in lexicon().fields.get(f, ()) if not c.isascii())


def described(q: Question, ctx: Context) -> tuple[Notice, Task] | None:
    """The one row whose text covers the question's content words clearly better than any other row, or None.

    The asked fields' own words (牵头, deadline…) are granted to every row, so rows compete on what they are about."""
    notices = [p.notice for p in ctx.corpus.notices]
    groups = [g for g in ctx.scorer.content_words(q, notices) if not all(POINTER.match(w) for w in g)]
    cues = field_cues()
    scored = sorted(
        (
            (ctx.scorer.coverage(groups, f"{' '.join(t.section)} {t.content} {t.label} {cues}"), i, p.notice, t)
            for p in ctx.corpus.notices
            if in_scope(p.notice, ctx.doc_ids)
            for i, t in enumerate(p.tasks)
        ),
        key=lambda s: -s[0],
    )
    if not scored or not groups:
        return None
    best = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if best[0] < DESCRIBED_MIN or best[0] - runner_up < DESCRIBED_MARGIN:
        return None
    return best[2], best[3]


# Values a row's columns never hold: asked of a row, they must be in its own text (the budget of item 6, how many
# staff item 13 provides).
NOT_COLUMNS = ("money", "percent", "phone", "hotline", "email", "url", "place", "count")
# Columns that answer a count themselves: how many units lead item 5 is read off its lead column.
COUNTED_COLUMNS = ("lead", "responsible")
# Kinds of value an outcome is asked in: how many were done, how much was spent, when it was finished.
OUTCOMES = ("count", "money", "percent", "duration", "date")


def _row_text(t: Task) -> str:
    return f"{t.content} {t.materials or ''}"


MATERIALS_NAMED = re.compile(r"材料|资料|materials?|evidence|documents", re.I)  # not "provided", which asks a value too


def lacks_asked_value(q: Question, pairs: list[tuple[Notice, Task]]) -> bool:
    """The question asks for a kind of value no column gives and no asked row's text holds (how much money for item
    6? how many people does item 13 add?): the row is not the answer."""
    kind = expected(q.text)
    if kind == "count" and set(q.fields) & set(COUNTED_COLUMNS):
        return False
    named = set(q.fields) & {"lead", "responsible", "deadline"}
    if named or ("materials" in q.fields and MATERIALS_NAMED.search(q.text)):
        return False  # a column is asked; values in the question describe the row ("indicator 28 (5-15 days)")
    return kind in NOT_COLUMNS and not any(holds(kind, q.text, _row_text(t)) for _, t in pairs)


def asks_unreported_outcome(q: Question, pairs: list[tuple[Notice, Task]]) -> bool:
    """The question asks what an item actually achieved (how many cases item 23 corrected last year): a row sets a
    requirement and reports no outcome, unless its text says something was done."""
    return (
        asks_outcome(q.text)
        and expected(q.text) in OUTCOMES
        and not set(q.fields) & {"lead", "responsible", "deadline"}
        and not any(reports_outcome(_row_text(t)) for _, t in pairs)
    )


def not_in_row(pairs: list[tuple[Notice, Task]], ctx: Context) -> Draft:
    """The asked rows do not give the asked value: a refusal naming them as the nearest passages, not as sources."""
    return not_given([cite_task(n, t) for n, t in pairs], ctx.corpus)


def draft(q: Question, ctx: Context) -> Draft | None:
    if not q.numbers:  # a row named by what it is about
        row = described(q, ctx)
        if row is None or lacks_asked_value(q, [row]):
            return None
        return not_in_row([row], ctx) if asks_unreported_outcome(q, [row]) else rows(q, ctx, [row])
    pairs = tasks_for(q, ctx.corpus, ctx.doc_ids)
    if pairs and (lacks_asked_value(q, pairs) or asks_unreported_outcome(q, pairs)):
        return not_in_row(pairs, ctx)
    if not pairs:
        return None if q.style in ("bonus", "veto") else no_such_item(q, ctx)
    return rows(q, ctx, pairs)


def rows(q: Question, ctx: Context, pairs: list[tuple[Notice, Task]]) -> Draft:
    """The asked fields of each row, each cited on its lines."""
    fields = q.fields
    if q.numbers and "content" not in q.fields and ctx.scorer.asks_detail(q, [p.notice for p in ctx.corpus.notices]):
        fields = (*(q.fields or DEFAULT_FIELDS), "content")  # "how many lectures in item 5": its text answers
    lines: list[Phrase] = []
    notices = list(dict.fromkeys(n.doc_id for n, _ in pairs))
    if not ctx.doc_ids and len(notices) > 1:
        lines.append(say("task.several", count=len(notices), numbers=numbers(q)))
    if not q.numbers:  # say which row the description was read as, so a wrong pick is visible
        fields = (*(fields or DEFAULT_FIELDS), "content") if "content" not in fields else fields
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

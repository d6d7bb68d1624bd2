"""Task lookups: the asked fields of numbered rows, from the task table."""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
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
from index.text import no_spaces

# How far the best row must cover the question's words, and lead the next row, to be the row it describes.
DESCRIBED_MIN = max(MIN_COVERAGE, 0.6)
DESCRIBED_MARGIN = 0.15
# Words that point at the row rather than describe it: 那项, 这一条, 该项, 那个, and the row's own nouns (条目, 事项).
POINTER = re.compile(r"^(?:[这那该此本][一]?[项条个件类]?|条目|条款|事项|任务|工作任务|那条|一条|一项)$")


def numbers(q: Question, wanted: list[int] | tuple[int, ...] | None = None) -> Joined:
    return Joined(tuple(str(n) for n in (q.numbers if wanted is None else wanted)))


@lru_cache(maxsize=1)
def field_cues() -> str:
    """The Chinese words that ask for a row's fields (牵头, 完成时限…), granted to every row when rows compete."""
    return " ".join(c for f in ROW_FIELDS for c in lexicon().fields.get(f, ()) if not c.isascii())


def described(q: Question, ctx: Context) -> tuple[Notice, Task] | None:
    """The one row whose text covers the question's content words clearly better than any other row, or None.

    The asked fields' own words (牵头, deadline…) are granted to every row, so rows compete on what they are about.
    Words are read as a person would: a word with one character mistyped (体质 for 体制) is read as the row's word
    its neighbours in the question pin down, and an English word whose glosses no row says (table → 目录) is no
    evidence about which row is meant."""
    notices = [p.notice for p in ctx.corpus.notices]
    cues = field_cues()
    rows = [
        (p.notice, t, no_spaces(f"{' '.join(t.section)} {t.content} {t.label}").lower())
        for p in ctx.corpus.notices
        if in_scope(p.notice, ctx.doc_ids)
        for t in p.tasks
    ]
    texts = [text for _, _, text in rows]
    groups, asked = [], q.text  # asked: the question as the rows spell it, mistyped words read as the rows' words
    for g in ctx.scorer.content_words(q, notices):
        if all(POINTER.match(w) for w in g):
            continue
        if not any(w in text for w in g for text in texts):
            read = {w: typo_read(w, q.text, texts) for w in g}
            for w, r in read.items():
                asked = asked.replace(w, r)
            g = tuple(read.values())
        groups.append(g)
    if not rows or not groups:
        return None
    if q.lang == "en":  # glosses of an English word no row says, when the rows say most of what is asked
        said = [g for g in groups if any(w in q.text or any(w in text for text in texts) for w in g)]
        if said != groups and ctx.scorer.coverage(groups, " ".join(texts)) >= DESCRIBED_MIN:
            groups = said
    scored = sorted(
        ((ctx.scorer.coverage(groups, f"{text} {cues}"), i, n, t) for i, (n, t, text) in enumerate(rows)),
        key=lambda s: -s[0],
    )
    best = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    close = [s for s in scored if best[0] - s[0] < DESCRIBED_MARGIN]
    if best[0] < DESCRIBED_MIN:
        if expected(q.text) in (*NOT_COLUMNS, *OUTCOMES):
            return None  # how many rows U leads, how many cases were handled: not a row's column, take no guess
        return agreed([s for s in scored if s[0] >= AGREED_SHARE * best[0]], ctx)
    if best[0] - runner_up >= DESCRIBED_MARGIN:
        return best[2], best[3]
    # Rows that say the same words: the one that says a phrase of the question as written (行政执法案卷制作不规范
    # opens one row; another says 行政执法, 案卷制作, 规范化 apart) is the one described.
    runs = sorted(((longest_run(no_spaces(asked).lower(), rows[s[1]][2]), s) for s in close), key=lambda r: -r[0])
    if runs[0][0] >= PHRASE_MIN and runs[0][0] - runs[1][0] >= PHRASE_LEAD:
        return runs[0][1][2], runs[0][1][3]
    return None


# Words alone too weak to name a row (an English question whose words the glossary carries only in part: "rural
# domestic sewage treatment" reaches 农村 and 污水): the row is taken when one of at most this many rows that lead on
# words is also the retriever's first row, which reads the sentence as a whole (the multilingual embedder).
AGREED_MIN = 0.2
AGREED_ROWS = 2
AGREED_SHARE = 0.8  # a row this close to the best on words leads with it


def agreed(close: list[tuple[float, int, Notice, Task]], ctx: Context) -> tuple[Notice, Task] | None:
    """The row both readings put first: among the few rows leading on words, the retriever's top-ranked row.
    `close` is best first."""
    if not close or close[0][0] < AGREED_MIN or len(close) > AGREED_ROWS:
        return None
    top = next(((h.chunk.doc_id, h.chunk.task_kind, h.chunk.number) for h in ctx.hits if h.chunk.kind == "task"), None)
    return next(((n, t) for _, _, n, t in close if (n.doc_id, t.kind, t.number) == top), None)


# A phrase of the question one close row says and no other: this long, and this much longer than the next row's.
PHRASE_MIN = 6
PHRASE_LEAD = 3


def longest_run(question: str, text: str) -> int:
    """The length of the longest stretch of the question the text says as written."""
    match = SequenceMatcher(None, question, text, autojunk=False).find_longest_match(0, len(question), 0, len(text))
    return match.size


# Characters either side of a mistyped word that must be as the question has them for a row's word to replace it.
TYPO_CONTEXT = 2


def typo_read(word: str, question: str, texts: Sequence[str]) -> str:
    """The word the rows say where the question has `word` with one character changed (体质 for 体制), found with the
    characters around it in the question as written (执法体质改革 → 执法体制改革); the word itself when no row, or more
    than one reading, fits."""
    at = question.find(word)
    if at < 0 or len(word) < 2 or not HAN.fullmatch(word):
        return word
    left = HAN_TAIL.search(question[max(0, at - TYPO_CONTEXT) : at])
    right = HAN_HEAD.search(question[at + len(word) : at + len(word) + TYPO_CONTEXT])
    before, after = (left.group() if left else ""), (right.group() if right else "")
    if len(before) + len(after) < TYPO_CONTEXT:
        return word
    readings = set()
    for i in range(len(word)):
        probe = re.compile(re.escape(before + word[:i]) + "([\u3400-\u9fff])" + re.escape(word[i + 1 :] + after))
        readings |= {word[:i] + m.group(1) + word[i + 1 :] for text in texts for m in probe.finditer(text)}
    return readings.pop() if len(readings) == 1 else word


HAN = re.compile(r"[\u3400-\u9fff]+")
HAN_TAIL = re.compile(r"[\u3400-\u9fff]+$")
HAN_HEAD = re.compile(r"^[\u3400-\u9fff]+")


# Values a row's columns never hold: asked of a row, they must be in its own text (the budget of item 6, how many
# staff item 13 provides).
NOT_COLUMNS = ("money", "percent", "phone", "hotline", "email", "url", "place", "count", "person")
# Columns asked by name: values the question also says only describe the row (indicator 28 (5-15 days) - who
# leads?), and how many units lead item 5 is read off its lead column.
NAMED_COLUMNS = frozenset({"lead", "responsible", "deadline"})
# Kinds of value an outcome is asked in: how many were done, how much was spent, when it was finished.
OUTCOMES = ("count", "money", "percent", "duration", "date")


def _row_text(t: Task) -> str:
    return f"{t.content} {t.materials or ''}"


MATERIALS_NAMED = re.compile(r"材料|资料|materials?|evidence|documents", re.I)  # not "provided", which asks a value too


def lacks_asked_value(q: Question, pairs: list[tuple[Notice, Task]]) -> bool:
    """The question asks for a kind of value no column gives and no asked row's text holds (how much money for item
    6? how many people does item 13 add?): the row is not the answer."""
    if NAMED_COLUMNS & set(q.fields) or ("materials" in q.fields and MATERIALS_NAMED.search(q.text)):
        return False  # a column is asked; values in the question describe the row
    kind = expected(q.text)
    return kind in NOT_COLUMNS and not any(holds(kind, q.text, _row_text(t)) for _, t in pairs)


def asks_unreported_outcome(q: Question, pairs: list[tuple[Notice, Task]]) -> bool:
    """The question asks what an item actually achieved (how many cases item 23 corrected last year): a row sets a
    requirement and reports no outcome, unless its text says something was done."""
    return (
        asks_outcome(q.text)
        and expected(q.text) in OUTCOMES
        and not NAMED_COLUMNS & set(q.fields)
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


# A question naming no notice is answered row by row for at most this many notices that have the item: the bundled
# corpus's five notices (four have an item 17) always are, and eight lines still read as one answer. Past it the rows
# would run to thousands of lines at a province's scale: the answer gives the count and the first few notices and asks
# which one is meant.
MANY_NOTICES = 8
NOTICES_SHOWN = 3  # the notices named as examples when asking which one


def rows(q: Question, ctx: Context, pairs: list[tuple[Notice, Task]]) -> Draft:
    """The asked fields of each row, each cited on its lines."""
    notices = list(dict.fromkeys(n.doc_id for n, _ in pairs))
    if not ctx.doc_ids and len(notices) > MANY_NOTICES:
        return which_notice(q, pairs, len(notices))
    fields = q.fields
    if q.numbers and "content" not in q.fields and ctx.scorer.asks_detail(q, [p.notice for p in ctx.corpus.notices]):
        fields = (*(q.fields or DEFAULT_FIELDS), "content")  # "how many lectures in item 5": its text answers
    lines: list[Phrase] = []
    if not ctx.doc_ids and len(notices) > 1:
        lines.append(say("task.several", count=len(notices), numbers=numbers(q)))
    if not q.numbers:  # say which row the description was read as, so a wrong pick is visible
        fields = (*(fields or DEFAULT_FIELDS), "content") if "content" not in fields else fields
    for notice, t in pairs:
        lines.append(say("task.row", notice=notice, item=t, facts=Joined(tuple(facts(t, notice, fields)), "facts")))
    missing = [n for n in q.numbers if not any(t.number == n for _, t in pairs)]
    if missing and ctx.doc_ids:
        lines.append(say("task.missing", numbers=numbers(q, missing)))
    cites = [cite_task(n, t) for n, t in pairs]
    if not any(gives(t, q.fields) for _, t in pairs) and not told(q, fields, pairs):  # "sets no deadline": nearest
        return Draft(lines, [], [t for _, t in pairs], found=False, nearest=cites, missing=[str(n) for n in missing])
    return Draft(lines, cites, [t for _, t in pairs], missing=[str(n) for n in missing])


def told(q: Question, fields: Sequence[str], pairs: list[tuple[Notice, Task]]) -> bool:
    """How soon / when, asked of a row whose shown text sets a time limit (5小时内发布): its text is the answer; a
    frequency (每半年) is no day."""
    kind = expected(q.text)
    return "content" in fields and kind is not None and any(tells(kind, q.text, _row_text(t)) for _, t in pairs)


TIME_LIMIT = re.compile(r"[\d一二三四五六七八九十两]+\s*个?\s*(?:工作日|日|天|小时|周|个月)(?:之)?内")


def tells(kind: str, asked: str, text: str) -> bool:
    """Whether a row's text holds a value of the asked kind: for a time, a limit counted from an event."""
    return bool(TIME_LIMIT.search(text)) if kind == "date" else holds(kind, asked, text)


def gives(t: Task, fields: Sequence[str]) -> bool:
    """Whether a row holds anything for the asked fields: a deadline asked of a row with no deadline and no date in
    its text is not answered ("the notice sets no deadline" is said, and the answer counts as one the notices do not
    hold), nor units asked of a row with none. No field asked: the row itself answers."""
    held = {
        "lead": bool(t.lead or t.responsible),
        "responsible": bool(t.responsible or t.lead),
        "deadline": bool(t.deadline or t.dates),
        "materials": True,  # a notice without the column: the item's own text says what it asks
        "content": True,
    }
    return not fields or any(held.get(f, True) for f in fields)


def which_notice(q: Question, pairs: list[tuple[Notice, Task]], count: int) -> Draft:
    """Many notices have the item and the question names none: how many, the first few (cited), and which one is
    meant. Nothing is answered from any of them."""
    first: dict[str, tuple[Notice, Task]] = {}
    for n, t in pairs:
        first.setdefault(n.doc_id, (n, t))
    shown = list(first.values())[:NOTICES_SHOWN]
    line = say("task.which_notice", count=count, numbers=numbers(q), notices=Joined(tuple(n for n, _ in shown)))
    return Draft([line], [cite_task(n, t) for n, t in shown])


def no_such_item(q: Question, ctx: Context) -> Draft:
    """No notice asked about has the item: say what they do have, claim nothing."""
    lines = [say("task.no_such_item", numbers=numbers(q))]
    tabled = [p for p in ctx.corpus.notices if in_scope(p.notice, ctx.doc_ids) and p.tasks]
    shown = tabled if len(tabled) <= MANY_NOTICES else tabled[:NOTICES_SHOWN]  # never a line per notice of thousands
    for p in shown:
        top = max(t.number for t in p.tasks if t.kind == "task")
        lines.append(say("task.has_items", notice=p.notice, top=top, noun=item_noun(p.tasks)))
    if len(shown) < len(tabled):
        lines.append(say("task.more_notices", count=len(tabled) - len(shown)))
    return Draft(lines, found=False, missing=[str(n) for n in q.numbers])

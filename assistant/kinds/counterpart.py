"""The item of one notice matching a numbered item of another (柞水第5项跟渭南要点哪一项差不多, which Yiyang problem
matches Weinan item 15 — who leads it?): the other notice's rows ranked by what the item says, not by its number.

A row matches by the scorer's IDF-weighted coverage taken both ways: how much of the item's words the row says and how
much of the row's words the item says (their geometric mean), so that neither a long row nor a short one wins by its
length. Words the question adds of its own (about administrative reconsideration, which one asks for an annual review)
count as much as the item's. The best row is named with its asked fields and quoted; the item it was matched against
is named and cited too. When no row comes near, the answer says so and shows the nearest row, not as a source."""

from __future__ import annotations

import math
import re
from dataclasses import replace

from assistant.citing import cite_task
from assistant.kinds.context import Context
from assistant.kinds.task import no_such_item
from assistant.records import Draft, Question, say
from assistant.tasktable import DEFAULT_FIELDS, facts, tasks_for
from assistant.understand import LIKENS, WHICH_WORD, find_notices
from assistant.wording import Joined, Short
from index.records import Task
from index.text import SENTENCE, no_spaces

# The best row must reach this score to be called a match. Measured on the bundled notices: rows a reader pairs
# (柞水5 ~ 渭南（十一）, 渭南（十五）~ 宜阳问题14, 陵川79 ~ 昌江32) score 0.16 to 0.8; a row paired with nothing in the
# other notice tops out below 0.1.
MIN_MATCH = 0.12
CLOSE = 0.9  # a runner-up scoring this share of the best is named as well: two rows match about equally
MAX_SHOWN = 3
# Words of the question that liken or ask which item: no topic of their own.
FRAMING = re.compile(
    LIKENS.pattern + "|" + WHICH_WORD.pattern + r"|\b(?:items?|problems?|indicators?|points?|work\s+points?|ones?"
    r"|tasks?|measures?|lists?|it|them|in|is|about|there)\b"
    r"|要点|清单|方案|指标|问题|任务|事项|措施|工作|里|中|跟|和|与|同|是|的|在|个|一?项|条|呢|？|\?",
    re.I,
)


def row_text(t: Task) -> str:
    return no_spaces(f"{' '.join(t.section)} {t.content}").lower()


def row_words(t: Task, ctx: Context) -> list[tuple[str, ...]]:
    notices = [p.notice for p in ctx.corpus.notices]
    return ctx.scorer.content_words(Question(text=f"{' '.join(t.section)} {t.content}", lang="zh"), notices)


def likeness(a_words: list[tuple[str, ...]], a_text: str, t: Task, ctx: Context) -> float:
    """How alike the item (its words and text) and row `t` are: the coverage each gives the other's words."""
    there = ctx.scorer.coverage(a_words, row_text(t))
    back = ctx.scorer.coverage(row_words(t, ctx), a_text)
    return math.sqrt(there * back)


def own_words(q: Question, ctx: Context) -> list[tuple[str, ...]]:
    """What the question itself says the item is about (is about administrative reconsideration), or []."""
    text = FRAMING.sub(" ", q.text)
    bare = replace(q, text=text, fields=(), expects=(None,), parts=(text,))
    groups = ctx.scorer.content_words(bare, [p.notice for p in ctx.corpus.notices])
    return [g for g in groups if g]


def matching_sentence(t: Task, words: list[tuple[str, ...]], ctx: Context) -> str:
    """The sentence of row `t` saying most of `words` (the first one on a tie): what the row's quote shows."""
    sentences = [m.group(0).strip() for m in SENTENCE.finditer(t.content) if len(m.group(0).strip()) >= 4]
    if not sentences:
        return t.content.strip()
    return max(sentences, key=lambda s: (ctx.scorer.coverage(words, s), -sentences.index(s)))


def draft(q: Question, ctx: Context) -> Draft | None:
    target = q.counterpart
    source = next((d for d in q.doc_ids if d != target), None)
    if target is None or source is None:
        return None
    pairs = tasks_for(replace(q, doc_ids=(source,)), ctx.corpus, (source,))
    if not pairs:
        return no_such_item(replace(q, doc_ids=(source,)), replace(ctx, doc_ids=(source,)))
    items = [t for _, t in pairs]
    a_notice = pairs[0][0]
    b_notice = ctx.corpus.get(target).notice
    rows = list(ctx.corpus.get(target).tasks)
    if not rows:
        return None  # a notice without a task table: the open answer searches its prose
    a_words = list(dict.fromkeys(g for t in items for g in row_words(t, ctx)))
    a_text = " ".join(row_text(t) for t in items)
    asked = own_words(q, ctx)
    scored = []
    for t in rows:
        score = likeness(a_words, a_text, t, ctx)
        if asked:  # the question's own words say what about the item it means
            score = (score + ctx.scorer.coverage(asked, row_text(t))) / 2
        scored.append((score, t))
    scored.sort(key=lambda x: x[0], reverse=True)
    best = scored[0][0]
    a_cites = [cite_task(a_notice, t) for t in items]
    fields = tuple(f for f in q.fields if f != "content") or DEFAULT_FIELDS  # the row's text is quoted anyway
    against = Joined(tuple(items))
    if best < MIN_MATCH:
        line = say("counterpart.none", notice=b_notice, source=Short(a_notice), items=against)
        return Draft([line], found=False, nearest=[cite_task(b_notice, scored[0][1])])
    shown = [t for s, t in scored[:MAX_SHOWN] if s >= CLOSE * best]
    lines = [say("counterpart.head", notice=b_notice, source=Short(a_notice), items=against, count=len(shown))]
    for t in shown:
        said = Joined(tuple(facts(t, b_notice, fields)), "facts")
        lines.append(say("counterpart.row", item=t, facts=said, text=matching_sentence(t, asked or a_words, ctx)))
    # the matched item's own fields where the message names its notice (who leads them in Zhashui); a follow-up
    # leaning on the item just answered names it only, so its values are not mistaken for the other notice's
    named = source in find_notices(q.text, [a_notice])
    for t in items:
        if named:
            said = Joined(tuple(facts(t, a_notice, fields)), "facts")
            lines.append(say("counterpart.source", notice=Short(a_notice), item=t, facts=said))
        else:
            lines.append(say("counterpart.source_named", notice=Short(a_notice), item=t))
    return Draft(lines, [*(cite_task(b_notice, t) for t in shown), *a_cites], [*shown, *items])

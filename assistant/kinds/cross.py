"""One question put to every notice in scope (各通知…, 哪几个文件要求…, how do the notices differ on…, 柞水和昌江对…
有啥区别): each notice's best sentence on the topic, or that it does not say.

The topic is the question without its framing (哪几个文件, 有什么不同, which notices, differ): the words of the
framing name no content. A notice answers when its best sentence covers the topic's meaning-bearing words, measured
against the other notices' best (one notice writing 热线 where the question says 热线电话 still answers); a value the
question states (100%, 2期, 12345) or a unit it names (学时, hours) must be in the sentence, and a notice whose sentence
is on the topic but lacks the stated value is said to differ. When the question asks who does it, the row holding the
sentence gives its lead and responsible units."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.kinds.context import Context
from assistant.records import ROW_FIELDS, Citation, Draft, Phrase, Question, say
from assistant.retrieve import Hit
from assistant.scoring import MIN_COVERAGE, Scorer, best_sentences
from assistant.tasktable import facts, row_of
from assistant.values import NUMBER, expected, unit_words
from assistant.wording import Joined, Short
from index.records import Notice, Task

# The words that frame a question as one about several notices (which ones, how they differ): not its topic.
FRAMING = re.compile(
    r"(?:在|对于?|关于)?(?:哪(?:几|些)(?:个|份)?|各(?:个|份)?|每(?:个|份)|这(?:几|些|两)(?:个|份)?|几份|两份|两个)"
    r"(?:文件|通知|方案|清单|地方?)(?:里|中|当中)?(?:都|分别)?"
    r"|有(?:什么|何|啥|哪些)(?:不同|区别|差别|差异|异同)|(?:不同|区别|差别|差异|异同)(?:之处|在哪里?|是什么)?"
    r"|分别|对比一下|比较一下|对比|比较|一样吗|相同吗|是否一致|都有|哪些有|哪几个有"
    r"|\bwhich\s+(?:of\s+the\s+)?(?:notices|documents|ones|lists|plans)\b|\b(?:each|every|all(?:\s+the)?)\s+notices?\b"
    r"|\b(?:any|all)\s+of\s+the\s+notices\b|\bthe\s+notices\b|\bhow\s+do\b|\bdiffer(?:ences?|ent)?\b|\bcompared?\b"
    r"|\bcomparison\b|\bvary\b",
    re.I,
)
# Verbs of the framing (which notices mention / require …) and comparison words: they say nothing about the topic.
FRAME_WORDS = {
    "提到", "提及", "涉及", "写到", "写明", "说到", "规定", "要求", "达到", "不同", "区别", "差别", "差异", "异同",
    "各个", "分别", "文件", "通知", "一样", "相同", "比较", "对比", "都", "异地", "差距",
}  # fmt: skip
RELATIVE = 0.7  # a notice's best sentence must cover this share of what the best notice's covers
NEAR = 0.4  # and at least this share of the topic's words
STATED = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.])\s*([%％]?)")
PER_NOTICE = 3  # sentences per notice weighed: the best, and the next ones in case it lacks the stated value
VALUE_MARGIN = 0.1  # how much worse than the best a sentence stating the value may cover the topic
UNIT_SEARCH = 30  # sentences per notice searched for a quantity in the unit the question names (学时)


@dataclass(frozen=True)
class Topic:
    question: Question  # the question without its framing
    words: list[tuple[str, ...]]  # its meaning-bearing word groups
    values: tuple[str, ...]  # numbers it states: 100, 2, 12345 (not years)
    units: tuple[str, ...]  # measurement units it names, as notices write them: 学时, 小时


def topic(q: Question, ctx: Context) -> Topic:
    text = FRAMING.sub(" ", q.text).strip() or q.text
    tq = replace(q, text=text, parts=(text,), expects=(expected(text),))
    notices = [p.notice for p in ctx.corpus.notices]
    groups = [g for g in ctx.scorer.content_words(tq, notices) if g and not set(g) & FRAME_WORDS]
    groups = _meaning_bearing(groups, ctx.scorer)
    values = tuple(v + pct for v, pct in STATED.findall(spelled(text)) if not re.fullmatch(r"(?:19|20)\d\d", v))
    measures = {zh for zhs in unit_words().values() for zh in zhs if len(zh) >= 2}
    units = sorted({u for u in measures if re.search(rf"(?<![\d一二三四五六七八九十两]){u}", text)})
    low = text.lower()
    for en, zhs in unit_words().items():
        if re.search(rf"\b{re.escape(en)}\b" if en.isascii() else re.escape(en), low):
            units += [u for u in zhs if len(u) >= 2 and u not in units]
    if units:  # the quantity in that unit is the value asked for ("a number of hours" is no count of items), and
        # it says the words naming the unit (时长, 学时): they are not content a sentence must also say
        tq = replace(tq, expects=(None,))
        named = {*units, *(k for k in unit_words() if not k.isascii())}
        groups = [g for g in groups if not set(g) & named]
    return Topic(tq, groups, values, tuple(units))


# A count written in words ("two or more lectures", 两期以上): the value a sentence must state, as a digit.
COUNT_WORDS = {
    w: str(n)
    for n, ws in enumerate(
        (("one", "once"), ("two", "twice", "两"), ("three", "thrice"), ("four",), ("five",), ("six",)), start=1
    )
    for w in ws
}
SPELLED = re.compile(
    r"\b(once|twice|thrice)\b"
    r"|\b(one|two|three|four|five|six)\b(?=\s+(?:or\s+more\b|times\b"
    r"|(?!notices?\b|documents?\b|lists?\b|plans?\b|ones\b|of\b)[a-z-]+s\b))"
    r"|(两)(?=[期次个场项名天年])",
    re.I,
)


def spelled(text: str) -> str:
    """Counts written as words spelled as digits: "two or more lectures" -> "2 or more lectures", 两期 -> 2期."""
    return SPELLED.sub(lambda m: COUNT_WORDS[next(g for g in m.groups() if g).lower()], text)


def _meaning_bearing(groups: list[tuple[str, ...]], scorer: Scorer) -> list[tuple[str, ...]]:
    """One word per idea: a word inside a longer word the notices print goes (责人 in 负责人), and a compound the
    notices never print goes when its parts are asked (热线电话 -> 热线, 电话)."""
    singles = [g[0] for g in groups if len(g) == 1]
    out = []
    for g in groups:
        if len(g) == 1:
            w = g[0]
            if any(w != o and w in o and scorer.df.get(o, 0) for o in singles):
                continue
            if not scorer.df.get(w, 0) and sum(o != w and o in w for o in singles) >= 2:
                continue
        out.append(g)
    return out


def _states(sentence: str, values: Sequence[str]) -> bool:
    return all(re.search(rf"(?<![\d.]){re.escape(v.rstrip('%％'))}(?![\d.])", sentence) for v in values)


def _measures(sentence: str, units: Sequence[str]) -> str | None:
    """The quantity in `sentence` written with one of `units` (60学时), or None."""
    if not units:
        return None
    m = re.search(NUMBER + "(?:个)?(?:" + "|".join(map(re.escape, units)) + ")", sentence)
    return m.group(0) if m else None


@dataclass(frozen=True)
class Found:
    notice: Notice
    score: float
    cite: Citation | None
    states: bool  # holds the values the question states (and a quantity in the unit it names)


def _best(t: Topic, doc_id: str, ctx: Context) -> Found:
    notice = ctx.corpus.get(doc_id).notice
    hits: list[Hit] = list(ctx.search(doc_id))
    seen = {h.chunk.id for h in hits}
    hits += [h for h in ctx.whole(doc_id) if h.chunk.id not in seen]
    limit = PER_NOTICE if not t.units else UNIT_SEARCH
    best = best_sentences(t.question, hits, ctx.corpus, ctx.scorer, limit=limit, words=t.words)
    if not best:
        return Found(notice, 0.0, None, False)
    top = best[0][0]
    for score, c in best:  # the best sentence stating the value (about as good as the best), or the unit asked
        measured = _measures(c.quote, t.units) is not None
        if _states(c.quote, t.values) and (measured if t.units else score >= top - VALUE_MARGIN):
            return Found(notice, score, c, True)
    return Found(notice, top, best[0][1], False)


def draft(q: Question, ctx: Context) -> Draft:
    t = topic(q, ctx)
    scope = [ctx.corpus.get(d) for d in ctx.doc_ids] or list(ctx.corpus.notices)
    if not t.words:
        return Draft([say("not_found")], found=False)
    found = [_best(t, p.notice.doc_id, ctx) for p in scope]
    top = max(f.score for f in found)
    fields = tuple(f for f in q.fields if f in ROW_FIELDS)
    lines: list[Phrase] = []
    cites: list[Citation] = []
    rows: list[Task] = []
    answering, differing, silent = [], [], []
    for f in found:
        on_topic = f.cite is not None and (f.score >= MIN_COVERAGE or (f.score >= NEAR and f.score >= RELATIVE * top))
        if not on_topic or f.cite is None:
            silent.append(f.notice)
            continue
        c = f.cite
        text = re.sub(r"\n\s*", "；", c.quote.strip())
        if not f.states and t.units and _measures(c.quote, t.units) is None:
            silent.append(f.notice)  # on the topic, but no quantity in the unit asked (学时): it sets none
            continue
        cites.append(c)
        if not f.states and t.values:
            differing.append(f.notice)
            lines.append(say("cross.differs", notice=f.notice, values=Joined(t.values), text=text))
            continue
        answering.append(f.notice)
        value = _measures(c.quote, t.units)
        row = row_of(c, ctx.corpus) if fields else None
        if row is not None:
            rows.append(row)
            shown = Joined(tuple(facts(row, f.notice, fields)), "facts")
            lines.append(say("cross.row", notice=f.notice, item=row, facts=shown, text=text))
        elif value:
            lines.append(say("cross.value", notice=f.notice, value=value, text=text))
        else:
            lines.append(say("cross.line", notice=f.notice, text=text))
    if not answering and not differing:
        return Draft([say("not_found")], found=False)
    head = (
        [say("cross.which", count=len(answering), total=len(scope), notices=tuple(map(Short, answering)))]
        if answering
        else []
    )
    tail = [say("cross.silent_all", notices=tuple(map(Short, silent)))] if silent else []
    return Draft([*head, *lines, *tail], cites, rows)

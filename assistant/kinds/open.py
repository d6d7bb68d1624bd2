"""Open questions: the best sentences of the retrieved passages, a roster line with the lines it runs on over, a
sentence introducing a numbered list with the list. Refused when no sentence covers the question. A message asking
several things is answered part by part, in order, each part with its own sentence or said to be absent."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.citing import cite, cite_list, cite_point, cite_roster, cite_task
from assistant.kinds.context import Context
from assistant.kinds.refuse import nothing_answers
from assistant.records import Citation, Draft, Phrase, Question, say
from assistant.scoring import best_sentences, passes
from assistant.tasktable import facts, row_of
from assistant.understand import find_fields
from assistant.values import AskedValue, asked_values, asks_outcome, asks_yes_no, holds_values, reports_outcome
from assistant.wording import Joined
from index.records import ParsedNotice, Task

# One point of a list asked by its place (the 4th one, 第四个): the list the sentence introduces is shown.
ASKS_NTH = re.compile(
    r"第\s*[一二三四五六七八九十\d]{1,3}\s*[个条点]"
    r"|\b(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)"
    r"\s+(?:one|item|activit(?:y|ies)|point|step|measure|campaign|event|of)s?\b",
    re.I,
)
ASKS_LIST = re.compile(
    r"哪些|哪几|有什么|包括|包含|分别|\bwhich\b|\blist\b|\binclud|\bconsist|\bmake up\b|\bcomprise|\bwhat\s+\w+\s+are\b"
)
# A part asking about the item the previous part's sentence stands in: 这条谁牵头, which item is that.
THAT_ITEM = re.compile(
    r"这[一]?[条项个]|该[条项]|此[条项]|哪一?[条项]|第几[条项]"
    r"|\bwhich\s+(?:item|task|point|indicator|problem|one)\b|\bwhat\s+(?:item|task)\b|\b(?:that|this)\s+(?:item|task)\b"
)


def draft(q: Question, ctx: Context) -> Draft:
    if len(q.parts) < 2:
        return single(q, ctx)
    return parted(q, ctx)


def single(q: Question, ctx: Context) -> Draft:
    nth = bool(ASKS_NTH.search(q.text))
    values = asked_values(q.text) if asks_yes_no(q.text) else ()
    if values:  # 是不是要求3月1日前, did it run into 2026: only a sentence saying that value answers yes or no
        q = replace(q, text=YES_NO_WORDS.sub(" ", without_values(q.text, values)))
        best = [
            b for b in best_sentences(q, ctx.hits, ctx.corpus, ctx.scorer, limit=8) if holds_values(values, b[1].quote)
        ]
        best = wide = best[:2]
    else:  # a quoted term is looked for among more sentences, scored once
        wide = best_sentences(q, ctx.hits, ctx.corpus, ctx.scorer, limit=12 if QUOTED.search(q.text) else 2)
        best = wide[:2]
    quoted = QUOTED.findall(q.text)
    holding = [b for b in wide if any(t in b[1].quote for t in quoted)] if quoted else []
    if holding and passes(q, holding[0][0], ctx.hits):
        best = holding  # '七个一'都有哪些: a term the question quotes is what it asks about (when it answers at all)
    if not best or not passes(q, best[0][0], ctx.hits):
        return nothing_answers(ctx.hits, ctx.corpus)
    if asks_outcome(q.text, notice_year(q, ctx)) and not any(reports_outcome(c.quote) for _, c in best):
        return nothing_answers(ctx.hits, ctx.corpus)  # the notices set targets; they report no outcome
    keep = [c for s, c in best if passes(q, s, ctx.hits)] or [best[0][1]]
    keep = [cite_point(ctx.corpus.get(c.doc_id), cite_roster(ctx.corpus.get(c.doc_id), c)) for c in keep]
    lines = [
        say("open.line", notice=ctx.corpus.get(c.doc_id).notice, text=re.sub(r"\n\s*", "；", c.quote.strip()))
        for c in keep
    ]
    for k, c in enumerate(keep):  # a kept sentence introduces a numbered list: the list is the answer
        asks = ASKS_LIST.search(q.text.lower()) or ASKS_WHEN.search(q.text) or STAGE_WORD.search(q.text) or nth
        if not (asks or c.quote.rstrip().endswith(("：", ":"))):
            break
        if items := cite_list(ctx.corpus.get(c.doc_id), c) or cite_stages(ctx.corpus.get(c.doc_id), c, q.text):
            lines[k + 1 : k + 1] = [say("open.item", text=re.sub(r"[*]{2}", "", it.quote)) for it in items]
            keep[k + 1 : k + 1] = items
            break
    if WHICH_ITEM.search(q.text) and (row := row_of(keep[0], ctx.corpus)):  # 是第几项, is there an item about X
        lines.append(_item_line(q, q.text, row, ctx))
        return Draft(lines, [*keep, cite_task(ctx.corpus.get(row.doc_id).notice, row)], [row])
    return Draft(lines, keep)


# A question asking which item says something: the answer names the row its sentence stands in, so the item is in
# focus for "这个谁负责" / "who leads it?" next.
WHICH_ITEM = re.compile(
    r"第几[项条个]|哪一?[项条](?!目)|哪个(?:问题|指标|任务|事项)"
    r"|\b(?:which|what)\s+(?:\w+\s+){0,2}?(?:items?|tasks?|indicators?|problems?|work points?)\b"
    r"|\bis there an?\s+(?:\w+\s+){0,3}?(?:item|task|indicator|problem)\b|\bitem number\b",
    re.I,
)


QUOTED = re.compile(r"[“\"‘'「『]([^”\"’'」』]{2,12})[”\"’'」』]")  # a term in quotes: '七个一', “放管服”
STAGE_WORD = re.compile(r"阶段|步骤|环节|\b(?:phases?|stages?|steps?)\b", re.I)  # asks the stages themselves
ASKS_WHEN = re.compile(r"时间|几月|何时|什么时候|啥时候|日期|\bwhen\b|\btime|\bdates?\b|\bmonths?\b|\bschedule", re.I)


def cite_stages(parsed: ParsedNotice, c: Citation, asked: str) -> list[Citation]:
    """The headings of the stages a cited overview sentence names (分为动员部署、…五个阶段 -> （一）动员部署
    （2022年11月）…), each cited on its line: each stage's own name and dates; [] when the sentence names none."""
    n = parsed.notice
    named = [s for s in parsed.structure.stages if c.start_line <= s.overview <= c.end_line]
    if any(
        s.name in asked or n.line_span_text(s.line, s.line).strip().lstrip("（一二三四五六七八九十）") in asked
        for s in named
    ):
        return []  # one stage asked about (县级初审阶段包括哪些工作): its own heading answers, not the whole list
    return [
        cite(n, c.label, s.line, s.line, n.line_span_text(s.line, s.line).strip())
        for s in parsed.structure.stages
        if c.start_line <= s.overview <= c.end_line
    ]


# The words that only make a Chinese question a yes/no one: they name nothing a sentence must say.
YES_NO_WORDS = re.compile(r"是不是|对不对|行不行|了没有?|没有(?=[？?]?\s*$)|吗|么(?=[？?]?\s*$)")


def without_values(text: str, values: tuple[AskedValue, ...]) -> str:
    """The question without the values it names: a sentence must hold them as values, not as words."""
    for v in sorted(values, key=lambda v: -len(v.text)):
        text = re.sub(re.escape(v.text), " ", text, flags=re.I)
    return text


def notice_year(q: Question, ctx: Context) -> int | None:
    """The year of the earliest notice the question is about (every loaded one when it names none): a figure for a
    year before it can only be an outcome."""
    years = [
        int(p.notice.date[:4])
        for p in ctx.corpus.notices
        if p.notice.date and (not q.doc_ids or p.notice.doc_id in q.doc_ids)
    ]
    return min(years) if years else None


def part_question(q: Question, i: int, *, alone: bool = False) -> Question:
    """Part i as a question of its own: a later part is read with the first part as its context ("最长不超过多少"
    means the first part's 合法性审查时间) unless `alone`, and asks the first part's kind of value when it names
    none."""
    text = q.parts[i] if i == 0 or alone else f"{q.parts[0]}，{q.parts[i]}"
    kind = q.expects[i] if q.expects[i] is not None or i == 0 else q.expects[0]
    return replace(q, text=text, parts=(text,), expects=(kind,))


OWN_TOPIC_WORDS = 2  # content words a later part must name to be read on its own (最长不超过多少 names none)


def names_own_topic(part: Question, ctx: Context) -> bool:
    return len(ctx.scorer.content_words(part, [p.notice for p in ctx.corpus.notices])) >= OWN_TOPIC_WORDS


def parted(q: Question, ctx: Context) -> Draft:
    lines: list[Phrase] = []
    cites: list[Citation] = []
    tasks: list[Task] = []
    missing: list[str] = []
    for i, part in enumerate(q.parts):
        if i and cites and asks_that_item(q, i, ctx) and (found := row_of(cites[-1], ctx.corpus)):
            lines.append(_item_line(q, part, found, ctx))
            if found not in tasks:
                tasks.append(found)
                cites.append(cite_task(ctx.corpus.get(found.doc_id).notice, found))
            continue
        answer = single(part_question(q, i), ctx)
        if i and names_own_topic(own := part_question(q, i, alone=True), ctx):
            alone = single(own, ctx)
            if alone.found and any(all(c.quote != o.quote for o in cites) for c in alone.citations):
                answer = alone  # 部门集体学法又是几次 names its own topic: read alone, not as the first part's
        if not answer.found:
            lines.append(say("open.part_missing", part=part))
            missing.append(part)
            continue
        for line, c in zip(answer.lines, answer.citations, strict=False):
            if all(c.quote != o.quote for o in cites):
                lines.append(line)
                cites.append(c)
    if not cites:
        return nothing_answers(ctx.hits, ctx.corpus)
    return Draft(lines, cites, tasks, missing=missing)


ITEM_FIELDS = {"lead", "responsible", "deadline", "materials"}


def asks_that_item(q: Question, i: int, ctx: Context) -> bool:
    """Part i asks about the item the previous part's sentence stands in: it says so (这条谁牵头, which item is
    that), or asks an item's fields and nothing else (由谁负责？ who leads it?)."""
    part = q.parts[i]
    if THAT_ITEM.search(part.lower()):
        return True
    return bool(ITEM_FIELDS & set(find_fields(part))) and not names_own_topic(part_question(q, i, alone=True), ctx)


def _item_line(q: Question, part: str, t: Task, ctx: Context) -> Phrase:
    notice = ctx.corpus.get(t.doc_id).notice
    fields = tuple(f for f in find_fields(part) if f != "content")
    shown = Joined(tuple(facts(t, notice, fields)), "facts") if fields else ""
    return say("open.that_item", notice=notice, item=t, facts=shown)

"""A section of a task table named by what it is about (突发事件应对那部分, the emergency-response section): the
top-level heading of the named notice whose words the question covers clearly best, as the section's ordinal."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.records import ROW_FIELDS, Kind, Question
from assistant.scoring import Scorer
from assistant.tasktable import part_number
from assistant.understand import routed
from index.corpus import Corpus
from index.records import Task

# The question speaks of a part of the notice: 那部分, 这方面, 板块, 下面/底下 (the rows under it), section, heading.
SECTION_WORD = re.compile(
    r"部分|方面|板块|底下|下面|下边|\b(?:section|sub-?heading|heading|part|chapter|area)s?\b", re.I
)
ROW_NOUNS = frozenset({"问题", "任务", "事项", "指标", "措施", "举措", "要点", "工作"})
MIN_COVER = 0.5  # share of the question's content words a heading must say (scoring.MIN_COVERAGE)
MARGIN = 0.15  # how far ahead of the next heading it must be: two headings about the same thing pick neither


def topic_part(q: Question, corpus: Corpus, scorer: Scorer) -> int | None:
    """The ordinal of the one top-level heading the question describes, or None."""
    if len(q.doc_ids) != 1 or q.numbers or q.part is not None or not SECTION_WORD.search(q.text):
        return None
    asks_rows = q.asks_list or q.asks_count or q.task_noun or q.item_noun or bool(set(q.fields) & set(ROW_FIELDS))
    if q.kind not in (Kind.LIST, Kind.COUNT, Kind.OPEN, Kind.TASK) or not asks_rows:  # 那几个问题牵头单位都是谁
        return None
    tasks = corpus.get(q.doc_ids[0]).tasks
    headings = list(dict.fromkeys(t.section[0] for t in tasks if t.section and part_number(t.section[0])))
    # the words naming the part itself (部分, section) or its rows (问题, 任务) say nothing about which part; a quoted
    # heading (“规范行政执法方面”) keeps its other words
    words = [
        g
        for g in (
            tuple(w for w in (SECTION_WORD.sub("", x) for x in group) if w and w not in ROW_NOUNS)
            for group in scorer.content_words(q, [p.notice for p in corpus.notices])
            if not any(SECTION_WORD.fullmatch(x) for x in group)  # "section" and its glosses: dropped whole
        )
        if g
    ]
    if len(headings) < 2 or not words:
        return None
    scored = sorted(((scorer.coverage(words, h), h) for h in headings), reverse=True)
    (best, heading), runner_up = scored[0], scored[1][0]
    if best < MIN_COVER or best - runner_up < MARGIN:
        return None
    return part_number(heading)


def with_topic_part(q: Question, corpus: Corpus, scorer: Scorer) -> Question:
    """`q` as a list of the rows under the section it describes, when it describes one; else `q` unchanged."""
    part = topic_part(q, corpus, scorer)
    if part is None:
        return q
    return routed(replace(q, part=part, numbers=(), asks_list=not q.asks_count), q.doc_ids)


# A message about the section just discussed: "that section", 这部分, 其中, it, under it.
THAT_SECTION = re.compile(
    r"[这那该此本其]\s*(?:一|个)?\s*(?:部分|方面|板块|大类|类|块|一级指标)|其中|里面|下面|底下"
    r"|\b(?:that|this|the same)\s+(?:section|part|category|heading|area|chapter|first[- ]level\s+indicator)\b"
    r"|\b(?:it|under it|in it|in there|there)\b",
    re.I,
)


def discussed_part(p: Question, tasks: Sequence[Task]) -> int | None:
    """The top-level section a resolved question was about: the one it picked (第四部分叫什么, section 3's items) or
    the one holding the item it asked the section of (第10项属于哪个部分)."""
    if len(p.doc_ids) != 1:
        return None
    if p.part is not None and p.kind in (Kind.SECTIONS, Kind.LIST, Kind.COUNT):
        return p.part
    if p.kind == Kind.SECTIONS and p.asks_section and len(p.numbers) == 1:
        kind = p.style if p.style in ("bonus", "veto") else "task"
        row = next((t for t in tasks if t.doc_id == p.doc_ids[0] and t.kind == kind and t.number == p.numbers[0]), None)
        return part_number(row.section[0]) if row and row.section else None
    return None


def in_discussed_part(q: Question, p: Question, tasks: Sequence[Task]) -> Question | None:
    """ "What other items are in that section?", 这部分有哪些任务, which of them are led by …: the message asked of the
    rows of the section `p` was about, in its notice; None when the message is not about that section's rows."""
    part = discussed_part(p, tasks)
    if part is None or q.numbers or q.part is not None or q.section_level or (q.doc_ids and q.doc_ids != p.doc_ids):
        return None
    if not THAT_SECTION.search(q.text) or (p.kind != Kind.SECTIONS and (p.units or p.due or p.mentions)):
        return None  # a filtered list narrowed (其中哪些是长期的) keeps its filters: conversation._narrow
    asks_rows = q.asks_list or q.asks_count or q.item_noun or q.task_noun or bool(set(q.fields) & set(ROW_FIELDS))
    if not asks_rows:
        return None
    asked = replace(q, part=part, doc_ids=p.doc_ids, asks_list=not q.asks_count, asks_heading=False)
    return routed(asked, p.doc_ids)

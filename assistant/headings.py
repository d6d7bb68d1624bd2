"""A section of a task table named by what it is about (突发事件应对那部分, the emergency-response section): the
top-level heading of the named notice whose words the question covers clearly best, as the section's ordinal."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.records import Kind, Question
from assistant.scoring import Scorer
from assistant.tasktable import part_number
from assistant.understand import routed
from index.corpus import Corpus

# The question speaks of a part of the notice: 那部分, 这方面, 板块, 下面/底下 (the rows under it), section, heading.
SECTION_WORD = re.compile(
    r"部分|方面|板块|底下|下面|下边|\b(?:section|sub-?heading|heading|part|chapter|area)s?\b", re.I
)
MIN_COVER = 0.5  # share of the question's content words a heading must say (scoring.MIN_COVERAGE)
MARGIN = 0.15  # how far ahead of the next heading it must be: two headings about the same thing pick neither


def topic_part(q: Question, corpus: Corpus, scorer: Scorer) -> int | None:
    """The ordinal of the one top-level heading the question describes, or None."""
    if len(q.doc_ids) != 1 or q.numbers or q.part is not None or not SECTION_WORD.search(q.text):
        return None
    if q.kind not in (Kind.LIST, Kind.COUNT, Kind.OPEN, Kind.TASK) or not (q.asks_list or q.asks_count or q.task_noun):
        return None
    tasks = corpus.get(q.doc_ids[0]).tasks
    headings = list(dict.fromkeys(t.section[0] for t in tasks if t.section and part_number(t.section[0])))
    words = [  # the words naming the part itself (部分, section) say nothing about which part
        g
        for g in scorer.content_words(q, [p.notice for p in corpus.notices])
        if not any(SECTION_WORD.search(w) for w in g)
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

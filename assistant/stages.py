"""A stage picked by its place (第三个阶段, the fourth phase, stage 2) named as its notice names it (县级初审阶段, the
县级初审 phase), so the question is answered from that stage's own heading and dates like a stage asked by name."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.understand import find_notices, stage_ordinal
from index.corpus import Corpus
from index.records import Stage


def plan_stages(corpus: Corpus, doc_ids: Sequence[str]) -> list[Stage]:
    """The stages of the one notice in scope that has them (the first overview's, in order); [] when none or several."""
    with_stages = [p for p in corpus.notices if (not doc_ids or p.notice.doc_id in doc_ids) and p.structure.stages]
    if len(with_stages) != 1:
        return []
    stages = with_stages[0].structure.stages
    first = min(s.overview for s in stages)
    return sorted((s for s in stages if s.overview == first), key=lambda s: s.line)


def name_stage(text: str, lang: str, corpus: Corpus, doc_ids: Sequence[str] = ()) -> str:
    """`text` with a stage picked by its place replaced by the stage's name; unchanged when it picks none, or a place
    beyond the stages of the notice in scope (the question is then answered, or refused, as asked)."""
    found = stage_ordinal(text)
    if found is None:
        return text
    k, m = found
    named = find_notices(text, [p.notice for p in corpus.notices]) or tuple(doc_ids)
    stages = plan_stages(corpus, named)
    k = len(stages) if k == -1 else k  # the last stage
    if not 0 < k <= len(stages):
        return text
    stage = stages[k - 1]
    name = f"{stage.name}{stage.noun}" if lang == "zh" else f"the {stage.name} phase"
    return text[: m.start()] + name + text[m.end() :]

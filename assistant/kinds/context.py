"""What a kind module may read besides the question: the corpus, the scorer and the retrieved passages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.retrieve import Hit
from assistant.scoring import Scorer
from index.corpus import Corpus


@dataclass(frozen=True)
class Context:
    corpus: Corpus
    scorer: Scorer
    hits: Sequence[Hit]  # the ranked passages for the question, then every other line of the notices it names
    search: Callable[[str], Sequence[Hit]]  # the question's passages within one notice (doc_id)
    doc_ids: tuple[str, ...] = ()  # the notices in scope: named by the question or chosen by the user
    whole: Callable[[str], Sequence[Hit]] = lambda doc_id: ()  # every passage of one notice (doc_id), unranked

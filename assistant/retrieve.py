"""Hybrid retrieval: BM25 over jieba tokens and dense vectors, fused by reciprocal rank, with a notice filter."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.records import Question
from index.chunks import Chunk
from index.store import NoticeIndex

RRF_K = 60  # the constant from Cormack et al.; rank fusion is insensitive to it in the usual 10-100 range


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float  # fused RRF score
    bm25_rank: int | None
    dense_rank: int | None
    dense_score: float | None


def fuse(bm25: list[tuple[Chunk, float]], dense: list[tuple[Chunk, float]], k: int, keep_top: int = 0) -> list[Hit]:
    """Reciprocal-rank fusion of two ranked lists (best first): the k best fused, then any of each list's `keep_top`
    best that fusion left out. A passage one retriever ranks near the top and the other not at all (a short heading
    like "（一）动员部署（2022年11月）", which BM25 finds and the embedder does not) loses to passages both rank
    middling; the answer step, which reads every passage, still gets to see it."""
    table: dict[str, dict] = {}
    for rank, (chunk, _) in enumerate(bm25, 1):
        table.setdefault(chunk.id, {"chunk": chunk})["bm25"] = rank
    for rank, (chunk, score) in enumerate(dense, 1):
        row = table.setdefault(chunk.id, {"chunk": chunk})
        row["dense"], row["dense_score"] = rank, score
    hits = [
        Hit(
            row["chunk"],
            sum(1.0 / (RRF_K + row[key]) for key in ("bm25", "dense") if key in row),
            row.get("bm25"),
            row.get("dense"),
            row.get("dense_score"),
        )
        for row in table.values()
    ]
    hits.sort(key=lambda h: h.score, reverse=True)

    def best_rank(h: Hit) -> float:
        return min(h.bm25_rank or math.inf, h.dense_rank or math.inf)

    return hits[:k] + sorted((h for h in hits[k:] if best_rank(h) <= keep_top), key=best_rank)


@dataclass(frozen=True)
class Retrieved:
    """The chain's state after retrieval: the question as understood (its kind and notices) and its passages."""

    question: Question
    hits: list[Hit]


class HybridRetriever(BaseRetriever):
    """LangChain retriever over a NoticeIndex. `doc_ids` restricts the search to the notices a question names."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index: NoticeIndex
    k: int = 12
    fetch_k: int = 30
    keep_top: int = 3
    doc_ids: Sequence[str] | None = None

    def search(
        self, text: str, *, dense_text: str | None = None, doc_ids: Sequence[str] | None = None, k: int | None = None
    ) -> list[Hit]:
        """Best chunks for a question. `text` feeds BM25 (with Chinese words added for English questions);
        `dense_text` feeds the multilingual embedder (the question as asked)."""
        ids = doc_ids if doc_ids is not None else self.doc_ids
        bm25 = self.index.bm25_search(text, k=self.fetch_k, doc_ids=ids)
        dense = self.index.dense_search(dense_text or text, k=self.fetch_k, doc_ids=ids)
        return fuse(bm25, dense, k or self.k, self.keep_top)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [
            Document(page_content=h.chunk.text, metadata={**h.chunk.metadata(), "id": h.chunk.id, "score": h.score})
            for h in self.search(query)
        ]

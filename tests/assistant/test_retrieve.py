"""Rank fusion: what the fused list keeps and in which order."""

from __future__ import annotations

from assistant.retrieve import fuse
from index.chunks import Chunk


def chunk(i: int) -> Chunk:
    return Chunk(
        id=f"c{i}", doc_id="d", kind="paragraph", label="", start_line=i, end_line=i, text=f"t{i}", quote=f"t{i}"
    )


def test_fusion_ranks_what_both_retrievers_rank_high_first():
    a, b, c = chunk(1), chunk(2), chunk(3)
    hits = fuse([(a, 3.0), (b, 2.0), (c, 1.0)], [(b, 0.9), (a, 0.8)], k=3)
    assert [h.chunk.id for h in hits][:2] in (["c1", "c2"], ["c2", "c1"]) and hits[2].chunk.id == "c3"
    assert (hits[0].bm25_rank, hits[0].dense_rank) in ((1, 2), (2, 1))


def test_one_retrievers_top_passages_are_kept_after_the_fused_k():
    """A passage BM25 ranks 2nd and the embedder not at all loses the fused top k to passages both rank middling;
    keep_top brings it back, after them, so the answer step still reads it."""
    both = [chunk(i) for i in range(10, 16)]
    lone = chunk(1)
    bm25 = [(both[0], 9.0), (lone, 8.0), *[(c, 1.0) for c in both[1:]]]
    dense = [(c, 0.5) for c in both]
    without = fuse(bm25, dense, k=4)
    assert "c1" not in [h.chunk.id for h in without]
    kept = fuse(bm25, dense, k=4, keep_top=2)
    assert [h.chunk.id for h in kept][:4] == [h.chunk.id for h in without] and kept[4].chunk.id == "c1"
    assert len(kept) == 5, "only the lone passage is added: the rest of the top 2 are in the fused k already"

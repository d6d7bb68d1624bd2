"""The one write path of the index: bring the store in line with a corpus. The CLI's `index`, the app's start-up and
its upload path call it; the answering side only opens what it wrote."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from langchain_core.embeddings import Embeddings

from index.corpus import Corpus
from index.store import NoticeIndex, SyncReport

Progress = Callable[[int, int, str], None]


def index_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "index"


def build(
    corpus: Corpus, data_dir: Path, embedder: Embeddings, *, rebuild: bool = False, progress: Progress | None = None
) -> tuple[NoticeIndex, SyncReport]:
    """Syncs the index under `data_dir` with `corpus` (only what changed is embedded) and returns it opened."""
    index = NoticeIndex(index_dir(data_dir), embedder)
    report = index.sync(corpus, rebuild=rebuild, progress=progress)
    return index, report

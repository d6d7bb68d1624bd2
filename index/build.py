"""The one write path of the index: bring the store in line with a corpus. The CLI's `index`, the app's start-up and
its upload path call it; the answering side only opens what it wrote."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from langchain_core.embeddings import Embeddings

from index.corpus import Corpus
from index.store import NoticeIndex, SyncReport
from index.tasks import unread_warning
from index.text import spans

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]


def index_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "index"


def build(
    corpus: Corpus, data_dir: Path, embedder: Embeddings, *, rebuild: bool = False, progress: Progress | None = None
) -> tuple[NoticeIndex, SyncReport]:
    """Syncs the index under `data_dir` with `corpus` (only what changed is embedded) and returns it opened."""
    index = NoticeIndex(index_dir(data_dir), embedder)
    report = index.sync(corpus, rebuild=rebuild, progress=progress)
    for doc_id in report.added + report.updated:
        warn_unplaced(corpus, doc_id)
    return index, report


def warn_unplaced(corpus: Corpus, doc_id: str) -> None:
    """Lines inside a task table that no task took are rows the parser could not read: say so when they are indexed."""
    parsed = corpus.get(doc_id)
    if parsed.unplaced:
        log.warning(
            "%s: %d line(s) inside its task tables were read as no task: %s (see `assistant tasks --unplaced`)",
            doc_id,
            len(parsed.unplaced),
            spans(parsed.unplaced),
        )
    if warning := unread_warning(parsed):
        log.warning("%s", warning)

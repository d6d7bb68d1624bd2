"""Embedding in a child process, for indexing beside a process that is answering questions.

Two threads embedding in one process share one BLAS: a query waiting behind an upload's batch took seconds instead
of milliseconds. An upload's chunks are embedded in a long-lived child (one, started on first use) with its own
copy of the model; the server's own embedder keeps answering queries."""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.connection import Connection
from typing import Any

from langchain_core.embeddings import Embeddings

from index import lifeline

_POOL: ProcessPoolExecutor | None = None
_POOL_LOCK = threading.Lock()
_CHILD_EMBEDDER: dict[tuple[str, bool], Embeddings] = {}  # in the child: the embedder, loaded once


def _embed(name: str, allow_download: bool, texts: list[str]) -> list[list[float]]:
    from index.embed import make_embedder

    key = (name, allow_download)
    if key not in _CHILD_EMBEDDER:
        _CHILD_EMBEDDER[key] = make_embedder(name, allow_download=allow_download)
    return _CHILD_EMBEDDER[key].embed_documents(texts)


def _background(line: Connection) -> None:
    """In the child: exit with the server, and a lower priority, so the serving process is scheduled first."""
    lifeline.watch(line)
    os.nice(10)


def _pool() -> ProcessPoolExecutor:
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_background,
                initargs=(lifeline.line(),),
            )
        return _POOL


def stop() -> None:
    """On the server's graceful stop: every child told to exit (the lifeline cut), and the worker joined."""
    global _POOL
    with _POOL_LOCK:
        pool, _POOL = _POOL, None
    lifeline.cut()
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


class ChildEmbedder(Embeddings):
    """`local`'s documents embedded in the child process (same model, named by `name`); queries stay local."""

    def __init__(self, local: Embeddings, name: str, *, allow_download: bool = False) -> None:
        self.local = local
        self.name = name
        self.allow_download = allow_download
        self.model_id: Any = getattr(local, "model_id", None)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        try:
            return _pool().submit(_embed, self.name, self.allow_download, list(texts)).result()
        except Exception:  # the child died (out of memory, killed): embed here rather than lose the upload
            global _POOL
            with _POOL_LOCK:
                _POOL = None
            return self.local.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.local.embed_query(text)

"""The edges' build step (CLI, web app, benchmarks): sync the index with the corpus, then open an Assistant on it.

The Assistant itself only reads; this is the one place on the read side that asks the write side to build."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel

from assistant.config import Settings
from assistant.service import Assistant
from index.build import Progress, build
from index.corpus import Corpus, load_corpus
from index.embed import make_embedder
from index.store import SyncReport


def build_and_open(
    settings: Settings,
    corpus: Corpus | None = None,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    chat_model: BaseChatModel | None = None,
) -> tuple[Assistant, SyncReport]:
    corpus = corpus or load_corpus(settings.notices)
    embedder = make_embedder(settings.embedder, allow_download=settings.allow_model_download)
    index, report = build(corpus, settings.data_dir, embedder, rebuild=rebuild, progress=progress)
    return Assistant(settings, corpus=corpus, index=index, chat_model=chat_model), report

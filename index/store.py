"""The search index of the chunks: vectors in a persistent Chroma collection, BM25 over jieba tokens.

Layout under `root / embedder.model_id /`:
    manifest.json             the commit point: per doc_id its sha256 and chunk ids, plus the collection
                              and the generation folder it names
    gen-NNNNNN/chunks.jsonl   every committed chunk, in BM25 row order
    gen-NNNNNN/bm25/          the bm25s index of those chunks
    gen-NNNNNN/words.json     their word counts (n, df) for the scorer's IDF, and other values derived from the
                              chunks (index/derived.py), each keyed by what it was derived from
    chroma/                   the Chroma database (one collection per rebuild, named for the model)

A sync writes vectors first, then a new generation folder, then replaces manifest.json, and only
then deletes what the new manifest no longer names. Every read goes through the loaded manifest,
so a sync killed at any point leaves the previous index as it was.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import bm25s
import chromadb
import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Space
from chromadb.api.types import Embeddings as ChromaEmbeddings
from chromadb.config import Settings as ChromaSettings
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import Embeddings

from index import derived
from index.chunks import Chunk, make_chunks
from index.corpus import Corpus
from index.derived import WORDS_FILE, WordStats, count_words, words_key
from index.errors import ConfigError
from index.text import TOKENIZER_VERSION, tokenize

log = logging.getLogger(__name__)

MANIFEST_FORMAT = 1
UPSERT_BATCH = 1000  # well under Chroma's max batch size (~5000 on sqlite)

logging.getLogger("bm25s").setLevel(logging.WARNING)


@dataclass(frozen=True)
class SyncReport:
    """What a sync did, by doc_id."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


@register_embedding_function
class LangChainEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma's embedding-function protocol over a LangChain embedder.

    Given to every collection so Chroma never builds its default one (which downloads an ONNX
    model). The index itself always passes vectors; this only serves callers that hand Chroma text.
    """

    def __init__(self, embedder: Embeddings | None, model_id: str) -> None:
        self._embedder = embedder
        self.model_id = model_id

    def _require(self) -> Embeddings:
        if self._embedder is None:  # rebuilt from a persisted config, which cannot carry a model
            raise ConfigError(f"no embedder attached for {self.model_id!r}; pass vectors to Chroma directly")
        return self._embedder

    def __call__(self, input: Documents) -> ChromaEmbeddings:
        return [np.asarray(v, dtype=np.float32) for v in self._require().embed_documents(list(input))]

    def embed_query(self, input: Documents) -> ChromaEmbeddings:
        embedder = self._require()
        return [np.asarray(embedder.embed_query(text), dtype=np.float32) for text in input]

    @staticmethod
    def name() -> str:
        return "notice-assistant-langchain"

    def get_config(self) -> dict[str, Any]:
        return {"model_id": self.model_id}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> LangChainEmbeddingFunction:
        return LangChainEmbeddingFunction(None, str(config.get("model_id", "")))

    def default_space(self) -> Space:
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        return ["cosine"]


@dataclass(frozen=True)
class _Manifest:
    model_id: str
    collection: str
    generation: int = 0  # 0: nothing committed yet
    docs: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # doc_id -> (sha256, chunk ids)
    tokenizer: int = TOKENIZER_VERSION  # the tokenize() that built this generation's BM25 index

    @property
    def gen_dir(self) -> str:
        return f"gen-{self.generation:06d}"

    def to_json(self) -> dict[str, Any]:
        return {
            "format": MANIFEST_FORMAT,
            "model_id": self.model_id,
            "collection": self.collection,
            "generation": self.generation,
            "tokenizer": self.tokenizer,
            "docs": {d: {"sha256": sha, "chunks": list(ids)} for d, (sha, ids) in self.docs.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> _Manifest:
        if data.get("format") != MANIFEST_FORMAT:
            raise ConfigError(
                f"index manifest format {data.get('format')!r} is not {MANIFEST_FORMAT}; rebuild the index"
            )
        docs = {d: (e["sha256"], tuple(e["chunks"])) for d, e in data["docs"].items()}
        return cls(data["model_id"], data["collection"], int(data["generation"]), docs, int(data.get("tokenizer", 1)))


def _write_atomic(path: Path, text: str) -> None:
    """Replaces `path` with `text` so a reader (or a crash) sees the old file or the new one, never half."""
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _chroma_name(model_id: str, generation: int | None = None) -> str:
    base = f"chunks-{model_id}"
    return base if generation is None else f"{base}-g{generation}"


class NoticeIndex:
    """Chunks of the notices, searchable by vector (Chroma) and by words (BM25), for one embedder."""

    def __init__(self, root: Path, embedder: Embeddings) -> None:
        model_id = getattr(embedder, "model_id", None)
        if not isinstance(model_id, str) or not re.fullmatch(r"[a-z0-9][a-z0-9._-]*[a-z0-9]", model_id):
            raise ConfigError(f"embedder needs a model_id of lowercase letters, digits and - _ ., got {model_id!r}")
        self.embedder = embedder
        self.model_id = model_id
        self.dir = Path(root) / model_id
        self._client: Any = None  # opened on first dense search or sync: BM25-only use never starts Chroma
        self._ef = LangChainEmbeddingFunction(embedder, model_id)
        self._load()

    # -- committed state ---------------------------------------------------------------

    def _load(self) -> None:
        """Reads the committed manifest and its generation: chunks and BM25. No embedding."""
        path = self.dir / "manifest.json"
        if path.is_file():
            self._manifest = _Manifest.from_json(json.loads(path.read_text(encoding="utf-8")))
            if self._manifest.model_id != self.model_id:
                raise ConfigError(
                    f"index at {self.dir} was built by {self._manifest.model_id!r}, not {self.model_id!r}"
                )
        else:
            self._manifest = _Manifest(self.model_id, _chroma_name(self.model_id))
        self._chunks: list[Chunk] = []
        self._bm25: bm25s.BM25 | None = None
        if self._manifest.generation:
            gen = self.dir / self._manifest.gen_dir
            with open(gen / "chunks.jsonl", encoding="utf-8") as f:
                self._chunks = [Chunk(**json.loads(line)) for line in f]
            if self._chunks:
                self._bm25 = bm25s.BM25.load(str(gen / "bm25"), show_progress=False)
        self._by_id = {c.id: c for c in self._chunks}
        # Rows by notice and task rows by (doc_id, task kind, number), so a question about one notice reads its
        # rows without a scan of every chunk.
        self._doc_rows: dict[str, list[int]] = {}
        self._task_rows: dict[tuple[str, str, int], list[int]] = {}
        for row, c in enumerate(self._chunks):
            self._doc_rows.setdefault(c.doc_id, []).append(row)
            if c.kind == "task":
                self._task_rows.setdefault((c.doc_id, c.task_kind, c.number), []).append(row)
        # The committed collection, opened on first dense search and kept with its count until the next load.
        self._open: Any = None
        self._count: int | None = None

    @property
    def collection_name(self) -> str:
        return self._manifest.collection

    @property
    def is_empty(self) -> bool:
        return not self._chunks

    def indexed(self) -> dict[str, str]:
        """The committed notices: doc_id -> sha256 of the text they were indexed from."""
        return {doc_id: sha for doc_id, (sha, _) in self._manifest.docs.items()}

    def chunks(self, doc_ids: Iterable[str] | None = None) -> list[Chunk]:
        """The committed chunks, in index order; only those of `doc_ids` when given."""
        if doc_ids is None:
            return list(self._chunks)
        return [self._chunks[row] for row in self._rows(doc_ids)]

    def _rows(self, doc_ids: Iterable[str]) -> list[int]:
        """The rows of the chunks of `doc_ids`, in index order."""
        wanted = [self._doc_rows[d] for d in set(doc_ids) if d in self._doc_rows]
        if len(wanted) == 1:
            return wanted[0]
        return sorted(row for rows in wanted for row in rows)

    def task_chunks(self, rows: Iterable[tuple[str, str, int]]) -> list[Chunk]:
        """The task chunks of the given (doc_id, task kind, number) rows, in index order."""
        found = sorted({r for key in set(rows) for r in self._task_rows.get(key, ())})
        return [self._chunks[r] for r in found]

    # -- values derived from the chunks ------------------------------------------------------

    def derived_path(self, name: str) -> Path | None:
        """Where a value derived from the committed chunks is kept (see index.derived); None before any commit."""
        return self.dir / self._manifest.gen_dir / name if self._manifest.generation else None

    def word_stats(self) -> WordStats:
        """How many committed chunks there are and in how many each search token appears: as the sync stored them,
        or counted again (and stored, where the folder can be written) when absent, stale or unreadable."""
        key, path = words_key(self._chunks), self.derived_path(WORDS_FILE)
        if path is not None and (stored := derived.read(path, key)) is not None:
            try:
                return WordStats.from_json(stored)
            except ValueError as e:
                log.warning("%s: %s; counting again", path, e)
        stats = count_words([tokenize(c.text) for c in self._chunks])
        if path is not None:
            derived.write(path, key, stats.to_json())
        return stats

    # -- Chroma ------------------------------------------------------------------------

    def _chroma(self) -> Any:
        if self._client is None:
            self._client = chromadb.PersistentClient(
                path=str(self.dir / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
            )
        return self._client

    def _collection(self, name: str) -> Any:
        return self._chroma().get_or_create_collection(
            name, configuration={"hnsw": {"space": "cosine"}}, embedding_function=self._ef
        )

    # -- search ------------------------------------------------------------------------

    @staticmethod
    def _check(k: int) -> None:
        if k <= 0:
            raise ValueError(f"k must be > 0, got {k}")

    def dense_search(self, query: str, k: int = 20, doc_ids: Sequence[str] | None = None) -> list[tuple[Chunk, float]]:
        """Nearest chunks by cosine similarity of embeddings, best first."""
        self._check(k)
        wanted = None if doc_ids is None else list(dict.fromkeys(doc_ids))
        if self.is_empty or wanted == [] or not query.strip():
            return []
        where = None if wanted is None else {"doc_id": wanted[0]} if len(wanted) == 1 else {"doc_id": {"$in": wanted}}
        vector: list[float] | None = None
        fresh = self._open is None or self._count is None
        while True:
            if self._open is None:
                self._open = self._collection(self._manifest.collection)
            collection = self._open
            try:
                if self._count is None:
                    self._count = int(collection.count())
            except Exception:
                if fresh:
                    raise
                self._open, self._count, fresh = None, None, True  # dropped by another process: open it again
                continue
            # Vectors a killed sync left behind are not in the manifest: fetch enough extra to drop them all.
            n = min(self._count, k + max(0, self._count - len(self._by_id)))
            if n == 0:
                return []
            if vector is None:
                vector = self.embedder.embed_query(query)
            try:
                found = collection.query(query_embeddings=[vector], n_results=n, where=where, include=["distances"])
            except Exception:
                if fresh:
                    raise
                self._open, self._count, fresh = None, None, True
                continue
            ids = found["ids"][0]
            hits = [
                (self._by_id[i], 1.0 - d) for i, d in zip(ids, found["distances"][0], strict=True) if i in self._by_id
            ]
            if fresh or len(hits) >= k or len(hits) == len(ids):
                return hits[:k]
            # Short of k for vectors the manifest does not name: the collection grew since it was counted (another
            # process's sync); count again, as every search used to.
            self._count, fresh = None, True

    def bm25_search(self, query: str, k: int = 20, doc_ids: Sequence[str] | None = None) -> list[tuple[Chunk, float]]:
        """Chunks sharing words with the query, by BM25 score, best first; [] when no query word is indexed."""
        self._check(k)
        if self._bm25 is None:
            return []
        token_ids = self._bm25.get_tokens_ids(tokenize(query))
        if not token_ids:  # bm25s cannot score an empty query
            return []
        scores = self._bm25.get_scores_from_ids(token_ids)
        if doc_ids is not None:  # only the named notices' rows, in index order (the others would score 0)
            rows = np.asarray(self._rows(doc_ids), dtype=np.int64)
            top = rows[np.argsort(-scores[rows], kind="stable")[:k]]
        else:
            top = np.argsort(-scores, kind="stable")[:k]
        return [(self._chunks[i], float(scores[i])) for i in top if scores[i] > 0]

    # -- sync --------------------------------------------------------------------------

    @contextmanager
    def _lock(self) -> Iterator[None]:
        # Two syncs at once (CLI and app) would each delete the other's uncommitted work.
        self.dir.mkdir(parents=True, exist_ok=True)
        with open(self.dir / "sync.lock", "w") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    def sync(
        self, corpus: Corpus, *, rebuild: bool = False, progress: Callable[[int, int, str], None] | None = None
    ) -> SyncReport:
        """Brings the index in line with `corpus`, embedding only chunks it does not hold yet.

        rebuild=True re-embeds everything into a fresh collection; the old one is dropped after the commit.
        """
        with self._lock():
            self._load()  # another process may have committed since we opened
            old = self._manifest
            generation = old.generation + 1
            name = _chroma_name(self.model_id, generation) if rebuild else old.collection
            if rebuild and name in {c.name for c in self._chroma().list_collections()}:
                self._chroma().delete_collection(name)  # left by a killed rebuild: never committed
            collection = self._collection(name)
            stored = set(collection.get(include=[])["ids"])
            base = {} if rebuild else old.docs
            report = SyncReport()
            docs: dict[str, tuple[str, tuple[str, ...]]] = {}
            chunks: list[Chunk] = []
            total = len(corpus.notices)
            for done, parsed in enumerate(corpus.notices, 1):
                doc_id, sha = parsed.notice.doc_id, parsed.notice.sha256
                mine = list({c.id: c for c in make_chunks(parsed)}.values())
                ids = tuple(c.id for c in mine)
                prev = base.get(doc_id)
                # Same text but other chunk ids means the chunker changed: that is an update too.
                status = report.added if prev is None else report.skipped if prev == (sha, ids) else report.updated
                status.append(doc_id)
                # Ids already stored (unchanged, or upserted by a sync that was killed) are not embedded again.
                self._upsert(collection, [c for c in mine if c.id not in stored])
                docs[doc_id] = (sha, ids)
                chunks.extend(mine)
                if progress:
                    progress(done, total, doc_id)
            report.removed.extend(sorted(set(base) - set(docs)))

            if rebuild or report.changed or not old.generation or old.tokenizer != TOKENIZER_VERSION:
                new = _Manifest(self.model_id, name, generation, docs)
                self._write_generation(new, chunks)
                _write_atomic(self.dir / "manifest.json", json.dumps(new.to_json(), ensure_ascii=False, indent=1))
                self._load()
            self._clean(collection, stored)
            self._count = None  # the clean-up deleted vectors: count them again on the next search
            return report

    def _upsert(self, collection: Any, chunks: list[Chunk]) -> None:
        for i in range(0, len(chunks), UPSERT_BATCH):
            batch = chunks[i : i + UPSERT_BATCH]
            vectors = self.embedder.embed_documents([c.text for c in batch])
            collection.upsert(
                ids=[c.id for c in batch],
                embeddings=vectors,
                documents=[c.text for c in batch],
                metadatas=[c.metadata() for c in batch],
            )

    def _write_generation(self, manifest: _Manifest, chunks: list[Chunk]) -> None:
        gen = self.dir / manifest.gen_dir
        shutil.rmtree(gen, ignore_errors=True)  # a killed sync may have left a partial one of this number
        gen.mkdir(parents=True)
        tokens = [tokenize(c.text) for c in chunks]
        # The scorer's word counts come from the same tokens: stored now, opening the index need not tokenise again.
        derived.write(gen / WORDS_FILE, words_key(chunks), count_words(tokens).to_json())
        if chunks:
            retriever = bm25s.BM25()
            retriever.index(tokens, show_progress=False)
            retriever.save(str(gen / "bm25"), show_progress=False)
        lines = "".join(json.dumps(asdict(c), ensure_ascii=False) + "\n" for c in chunks)
        _write_atomic(gen / "chunks.jsonl", lines)

    def _clean(self, collection: Any, stored: set[str]) -> None:
        """Deletes what the committed manifest no longer names: vectors, other collections, old generations."""
        committed = self._manifest
        if collection.name == committed.collection:
            stale = list(stored - set(self._by_id))
            for i in range(0, len(stale), UPSERT_BATCH):
                collection.delete(ids=stale[i : i + UPSERT_BATCH])
        prefix = _chroma_name(self.model_id)
        for c in self._chroma().list_collections():
            if c.name.startswith(prefix) and c.name != committed.collection:
                self._chroma().delete_collection(c.name)
        for path in self.dir.glob("gen-*"):
            if path.name != committed.gen_dir:
                shutil.rmtree(path, ignore_errors=True)

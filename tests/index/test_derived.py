"""Values stored beside an index generation (index/derived.py): read back only under the key they were stored with;
an absent, stale or unreadable file is None, never an error; a folder that cannot be written is no error either."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from index import derived
from index.chunks import Chunk
from index.derived import WordStats, count_words, words_key
from index.text import tokenize


def chunk(cid: str, text: str) -> Chunk:
    return Chunk(id=cid, doc_id="d", kind="paragraph", text=text, quote=text, start_line=1, end_line=1)


def test_a_value_is_read_back_under_its_key_only(tmp_path: Path) -> None:
    path = tmp_path / "words.json"
    assert derived.read(path, "k1") is None, "absent"
    assert derived.write(path, "k1", {"n": 2, "df": {"牵头": 1}})
    assert derived.read(path, "k1") == {"n": 2, "df": {"牵头": 1}}
    assert derived.read(path, "k2") is None, "stored under another key: stale"
    assert [p.name for p in tmp_path.iterdir()] == ["words.json"], "no temporary file is left behind"


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe\x00garbage", b"", b"[1, 2]", json.dumps({"format": 99, "key": "k", "value": 1}).encode()],
    ids=["truncated", "not-utf8", "empty", "not-an-object", "other-format"],
)
def test_an_unreadable_file_counts_as_absent(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "words.json"
    path.write_bytes(content)
    assert derived.read(path, "k") is None


def test_a_folder_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    assert derived.write(tmp_path / "gone" / "words.json", "k", 1) is False


def test_stored_word_counts_of_another_shape_are_refused() -> None:
    assert WordStats.from_json({"n": 2, "df": {"牵头": 1}}) == WordStats(2, {"牵头": 1})
    for bad in (None, [], {"n": "2", "df": {}}, {"n": 2, "df": []}, {"n": 2, "df": {"牵头": "1"}}):
        with pytest.raises(ValueError):
            WordStats.from_json(bad)


def test_word_counts_count_each_chunk_once_per_word() -> None:
    stats = count_words([tokenize("县司法局牵头，县司法局负责。"), tokenize("县法院负责。")])
    assert stats.n == 2 and stats.df["司法局"] == 1 and stats.df["负责"] == 2


def test_the_words_key_follows_the_texts_and_the_tokenizer(monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = chunk("1", "县司法局牵头"), chunk("2", "县法院负责")
    key = words_key([a, b])
    assert words_key([b, a]) == key, "the order of the chunks counts for nothing"
    assert words_key([a, chunk("2", "县法院负责。")]) != key, "a changed text"
    assert words_key([a]) != key, "a removed chunk"
    monkeypatch.setattr(derived, "TOKENIZER_VERSION", derived.TOKENIZER_VERSION + 1)
    assert words_key([a, b]) != key, "another tokenizer"


def test_a_file_is_written_with_the_umasks_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        derived.write(tmp_path / "words.json", "k", 1)
    finally:
        os.umask(old)
    assert (tmp_path / "words.json").stat().st_mode & 0o777 == 0o644, "readable by a server running as another user"

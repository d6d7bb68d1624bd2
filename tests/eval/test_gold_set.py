"""The gold question set (eval/questions.jsonl) cannot drift from the bundled notices.

Every expected string must be printed in the notice it is about, every gold quote must sit on the lines it names,
and the set keeps its shape: size, kinds, both languages, all five notices. A failure names the item's id.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from eval.grading import KINDS, norm

GOLD = Path(__file__).resolve().parents[2] / "eval" / "questions.jsonl"
LANGS = ("zh", "en")
FIELDS = ("lead", "responsible", "deadline", "content", "materials")
BUNDLED_DOCS = {"zhashui-2024", "weinan-2024", "changjiang-2024", "yiyang-2024", "lingchuan-2022"}
MIN_ITEMS = 150


def _read() -> tuple[list[dict], list[str]]:
    rows, errors = [], []
    for n, line in enumerate(GOLD.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"line {n}: {exc}")
            continue
        if not isinstance(row, dict):
            errors.append(f"line {n}: not a JSON object but {type(row).__name__}")
            continue
        rows.append(row)
    return rows, errors


ROWS, PARSE_ERRORS = _read()
IDS = [str(r.get("id", f"<no id, row {i}>")) for i, r in enumerate(ROWS, 1)]


def _lines(corpus, doc: str) -> list[str]:
    return corpus.get(doc).notice.lines


def _span(corpus, src: dict) -> str:
    return "\n".join(_lines(corpus, src["doc"])[src["start_line"] - 1 : src["end_line"]])


# --- the set as a whole ----------------------------------------------------------------------------------


def test_every_line_parses() -> None:
    assert not PARSE_ERRORS, f"{GOLD.name}: {PARSE_ERRORS}"


def test_ids_are_unique() -> None:
    dup = sorted(i for i, c in Counter(IDS).items() if c > 1)
    assert not dup, f"duplicate ids: {dup}"


def test_set_is_large_enough() -> None:
    assert len(ROWS) >= MIN_ITEMS, f"{len(ROWS)} items, want at least {MIN_ITEMS}"


def test_languages_are_balanced() -> None:
    zh = sum(r.get("lang") == "zh" for r in ROWS)
    share = zh / len(ROWS)
    assert 0.4 <= share <= 0.6, f"Chinese share {share:.0%} ({zh} of {len(ROWS)}) is outside 40%-60%"


def test_every_kind_is_asked_in_both_languages() -> None:
    have = {(r.get("kind"), r.get("lang")) for r in ROWS}
    missing = [f"{k}/{lang}" for k in KINDS for lang in LANGS if (k, lang) not in have]
    assert not missing, f"no questions for {missing}"


def test_every_bundled_notice_is_asked_about(corpus) -> None:
    asked = {r.get("doc") for r in ROWS} | {g["doc"] for r in ROWS for g in r.get("gold", [])}
    assert set(corpus.doc_ids) <= asked, f"notices never asked about: {sorted(set(corpus.doc_ids) - asked)}"
    assert BUNDLED_DOCS <= set(corpus.doc_ids), f"bundled notices changed: {sorted(corpus.doc_ids)}"


@pytest.mark.parametrize("kinds", [("task",), ("prose",), ("list", "count")], ids=["task", "prose", "list-or-count"])
def test_every_notice_has_its_own_questions_of_kind(kinds: tuple[str, ...]) -> None:
    docs = {r.get("doc") for r in ROWS if r.get("kind") in kinds}
    assert BUNDLED_DOCS <= docs, f"{'/'.join(kinds)}: no questions about {sorted(BUNDLED_DOCS - docs)}"


# --- one item at a time ----------------------------------------------------------------------------------


@pytest.mark.parametrize("item", ROWS, ids=IDS)
def test_item_shape(item: dict) -> None:
    iid = item.get("id")
    for key in ("id", "lang", "kind", "doc", "question", "must_include", "gold"):
        assert key in item, f"{iid}: no {key!r}"
    assert isinstance(iid, str) and iid, f"{iid!r}: id must be a non-empty string"
    assert item["lang"] in LANGS, f"{iid}: lang {item['lang']!r} not in {LANGS}"
    assert item["kind"] in KINDS, f"{iid}: kind {item['kind']!r} not in {KINDS}"
    assert isinstance(item["question"], str) and item["question"].strip(), f"{iid}: empty question"
    if item["kind"] == "task":
        assert item.get("field") in FIELDS, f"{iid}: task field {item.get('field')!r} not in {FIELDS}"
        assert item["doc"], f"{iid}: a task question is about one notice, doc is {item['doc']!r}"
    else:
        assert item.get("field") is None, f"{iid}: field {item.get('field')!r} on a {item['kind']} question"
    for key in ("must_include", "must_not_include"):
        values = item.get(key, [])
        assert isinstance(values, list) and all(isinstance(s, str) and s.strip() for s in values), (
            f"{iid}: {key} must be a list of non-empty strings, got {values!r}"
        )
    any_of = item.get("any_of", [])
    assert isinstance(any_of, list) and all(
        isinstance(g, list) and g and all(isinstance(s, str) and s.strip() for s in g) for g in any_of
    ), f"{iid}: any_of must be a list of non-empty lists of strings, got {any_of!r}"
    if item["kind"] != "unanswerable":
        assert item["must_include"] or any_of, f"{iid}: nothing an answer must show"


@pytest.mark.parametrize("item", ROWS, ids=IDS)
def test_item_notices_exist(item: dict, corpus) -> None:
    docs = ([item["doc"]] if item.get("doc") else []) + [g.get("doc") for g in item.get("gold", [])]
    unknown = [d for d in docs if d not in corpus.doc_ids]
    assert not unknown, f"{item.get('id')}: unknown doc_id {unknown}"


@pytest.mark.parametrize("item", ROWS, ids=IDS)
def test_gold_sources_quote_their_lines(item: dict, corpus) -> None:
    iid = item.get("id")
    if item["kind"] == "unanswerable":
        assert item["must_include"] == [] and item["gold"] == [], f"{iid}: an unanswerable item expects nothing"
        return
    assert item["gold"], f"{iid}: no gold source"
    for g in item["gold"]:
        assert g.get("doc") in corpus.doc_ids, f"{iid}: gold doc {g.get('doc')!r} unknown"
        n = len(_lines(corpus, g["doc"]))
        start, end = g.get("start_line"), g.get("end_line")
        assert isinstance(start, int) and isinstance(end, int) and 1 <= start <= end <= n, (
            f"{iid}: {g['doc']} lines {start}..{end} outside 1..{n}"
        )
        quote = g.get("quote")
        assert isinstance(quote, str) and quote.strip(), f"{iid}: {g['doc']} {start}-{end} has an empty quote"
        assert quote in _span(corpus, g), f"{iid}: quote {quote[:40]!r} is not on {g['doc']} lines {start}-{end}"
    if item.get("doc"):
        others = {g["doc"] for g in item["gold"]} - {item["doc"]}
        assert not others, f"{iid}: asks about {item['doc']} but cites {sorted(others)}"
    if item["kind"] in ("cross", "ambiguous"):
        assert len({g["doc"] for g in item["gold"]}) >= 2, (
            f"{iid}: a {item['kind']} question needs sources in two notices"
        )


@pytest.mark.parametrize("item", ROWS, ids=IDS)
def test_expected_strings_are_printed_in_the_notice(item: dict, corpus) -> None:
    iid = item.get("id")
    texts = (
        [corpus.get(item["doc"]).notice.text]
        if item.get("doc")
        else [corpus.get(d).notice.text for d in {g["doc"] for g in item.get("gold", [])}]
    )
    for s in item.get("must_include", []):
        assert any(s in t for t in texts), f"{iid}: must_include {s!r} is not in {item.get('doc') or 'any gold notice'}"


@pytest.mark.parametrize("item", ROWS, ids=IDS)
def test_expected_strings_are_not_the_question(item: dict) -> None:
    """An answer that only echoes the question must not pass."""
    q = norm(item["question"])
    echoed = [s for s in item.get("must_include", []) if norm(s) in q]
    assert not echoed, f"{item.get('id')}: must_include {echoed} already in the question"


@pytest.mark.parametrize("item", ROWS, ids=IDS)
def test_forbidden_strings_are_not_in_the_gold_source(item: dict, corpus) -> None:
    """A correct answer quoting its source must not be marked wrong."""
    iid = item.get("id")
    bad = [s for s in item.get("must_not_include", []) if s in item.get("must_include", [])]
    assert not bad, f"{iid}: {bad} both required and forbidden"
    for g in item.get("gold", []):
        inside = [s for s in item.get("must_not_include", []) if norm(s) in norm(_span(corpus, g))]
        assert not inside, (
            f"{iid}: must_not_include {inside} is printed in its gold source "
            f"{g['doc']} {g['start_line']}-{g['end_line']}"
        )

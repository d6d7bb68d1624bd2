"""Blind sets, once scored blind, become regression sets: each must stay at or above the floor recorded for it in
eval/thresholds.toml [blind] (the score it reached, see eval/blind/HISTORY.md and LAYOUTS.md). A failure lists the
questions or tasks that went wrong.

The questions (~45 s of one core) are asked by a child process started at the session's first test (tests/conftest.py's
Early.launch), over a copy of the session's bundled index, while the other tests run on the other core; the child
answers with the same real extractive assistant and grades with eval.blind_score, one JSON line per set."""

from __future__ import annotations

import json
import subprocess
import tomllib
from pathlib import Path

import pytest

from eval.blind_tables import score_notice, truths
from tests.conftest import Early, bundled_index_copy, isolated_environ, python_child, stop_child

ROOT = Path(__file__).resolve().parents[2]
FLOORS = tomllib.loads((ROOT / "eval" / "thresholds.toml").read_text("utf-8"))["blind"]
SETS = sorted(FLOORS["questions"])

ANSWER = """\
import json, os, sys

os.nice(10)  # the tests' own thread keeps its core; this child takes what is left
from pathlib import Path
from assistant.boot import build_and_open
from assistant.config import BUNDLED_NOTICES, Settings
from eval.blind_score import ask, grade, load
from index.corpus import load_corpus

assistant, _ = build_and_open(Settings(data_dir=Path(sys.argv[1])), load_corpus([BUNDLED_NOTICES]))
for name in sys.argv[3:]:
    items = load(Path(sys.argv[2]) / f"{name}.jsonl")
    wrong = []
    for item in items:
        text, found, _ = ask(assistant, item)
        if not grade(item, text, found)["correct"]:
            wrong.append(item["id"])
    print(json.dumps({"name": name, "n": len(items), "wrong": wrong}), flush=True)
"""


def launch(data_dir: Path, environ: dict[str, str]) -> subprocess.Popen:
    return python_child(ANSWER, str(data_dir), str(ROOT / "eval" / "blind"), *SETS, environ=environ)


EARLY = ("blind_answers",)


def start_early(request: pytest.FixtureRequest, early: Early) -> None:
    factory = request.getfixturevalue("tmp_path_factory")
    early.launch("blind", launch, stop_child, bundled_index_copy(request, "blind"), isolated_environ(factory))


@pytest.fixture(scope="module")
def blind_answers(request: pytest.FixtureRequest, early: Early) -> dict[str, dict]:
    """Each set's question count and the ids answered wrong, by set name; asked by the child started early if it
    could be (see start_early), else now."""
    factory = request.getfixturevalue("tmp_path_factory")
    proc = early.result("blind", lambda: launch(bundled_index_copy(request, "blind"), isolated_environ(factory)))
    out, err = proc.communicate(timeout=900)
    assert proc.returncode == 0, f"the blind sets' child exited {proc.returncode}:\n{err[-3000:]}"
    return {row["name"]: row for row in map(json.loads, out.splitlines())}


@pytest.mark.parametrize("name", SETS)
def test_blind_questions_on_the_bundled_notices_stay_at_their_floor(name, blind_answers):
    row = blind_answers[name]
    wrong = row["wrong"]
    assert row["n"] > 0
    accuracy = 1 - len(wrong) / row["n"]
    assert accuracy >= FLOORS["questions"][name], f"{name}: {accuracy:.1%} < floor; wrong: {wrong}"


@pytest.mark.parametrize("name", sorted(FLOORS["tables"]))
def test_blind_layouts_keep_their_tasks(name):
    rows = [score_notice(folder, truth) for folder, truth in truths(ROOT / "eval" / "blind" / "notices" / name)]
    got = {
        "found": sum(r["found"] for r in rows),
        "lead": sum(r["lead_exact"] for r in rows),
        "responsible": sum(r["responsible_exact"] for r in rows),
        "deadline": sum(r["deadline_exact"] for r in rows),
    }
    floor = FLOORS["tables"][name]
    below = {k: f"{got[k]} < {floor[k]}" for k in floor if got[k] < floor[k]}
    assert not below, (below, {r["notice"]: r["misses"] for r in rows if r["misses"]})

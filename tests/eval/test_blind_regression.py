"""Blind sets, once scored blind, become regression sets: each must stay at or above the floor recorded for it in
eval/thresholds.toml [blind] (the score it reached, see eval/blind/HISTORY.md and LAYOUTS.md). A failure lists the
questions or tasks that went wrong."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from eval.blind_score import ask, grade, load
from eval.blind_tables import score_notice, truths

ROOT = Path(__file__).resolve().parents[2]
FLOORS = tomllib.loads((ROOT / "eval" / "thresholds.toml").read_text("utf-8"))["blind"]


@pytest.mark.parametrize("name", sorted(FLOORS["questions"]))
def test_blind_questions_on_the_bundled_notices_stay_at_their_floor(name, bundled_assistant):
    items = load(ROOT / "eval" / "blind" / f"{name}.jsonl")
    wrong = []
    for item in items:
        text, found, _ = ask(bundled_assistant, item)
        if not grade(item, text, found)["correct"]:
            wrong.append(item["id"])
    accuracy = 1 - len(wrong) / len(items)
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

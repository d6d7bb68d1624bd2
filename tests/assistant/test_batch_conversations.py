"""`assistant batch` with conversation items: {"id", "turns": [...]} answers the last turn in the context of the
earlier ones, each of them answered first as the chat would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.batch import read_questions, run_batch
from assistant.errors import AssistantError


def test_the_last_turn_is_answered_in_context(bundled_assistant, corpus, tmp_path: Path) -> None:
    t18 = next(t for t in corpus.get("zhashui-2024").tasks if t.number == 18)
    rows = [
        {"id": "c1", "turns": ["柞水县第17项任务由谁牵头？", "那第18项呢？", "完成时限呢？"]},
        {"id": "c2", "turns": ["Who leads task 3 in the Yiyang notice?"]},
        {"id": "q3", "question": "完成时限呢？"},
    ]
    infile = tmp_path / "in.jsonl"
    infile.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    assert run_batch(bundled_assistant, infile, tmp_path / "out.jsonl") == (3, 0)
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert out[0]["question"] == "完成时限呢？" and f"第18项：完成时限：{t18.deadline}" in out[0]["answer"]
    assert out[0]["citations"][0]["start_line"] == t18.start_line
    assert out[1]["tasks"][0]["number"] == 3
    assert "未找到相关规定" in out[2]["answer"], "a plain row has no conversation"


@pytest.mark.parametrize("turns", [[], "柞水县第17项", ["ok", 3], ["ok", "  "]])
def test_bad_turns_are_refused_with_the_row(tmp_path: Path, turns) -> None:
    infile = tmp_path / "in.jsonl"
    infile.write_text(json.dumps({"id": "c1", "turns": turns}, ensure_ascii=False) + "\n", "utf-8")
    with pytest.raises(AssistantError, match="row 1: 'turns' must be a non-empty list of questions"):
        read_questions(infile)

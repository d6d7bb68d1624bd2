"""`assistant chat`: a conversation on stdin, run through the real click entry point over the session's built index."""

from __future__ import annotations

import json

from click.testing import CliRunner

from assistant.cli import cli


def chat(bundled_assistant, lines: list[str], *args: str):
    env = {"ASSISTANT_DATA_DIR": str(bundled_assistant.settings.data_dir)}  # the index is built: no re-embedding
    return CliRunner().invoke(cli, ["chat", *args], input="\n".join(lines) + "\n", env=env)


def test_each_answer_follows_the_conversation_and_new_starts_over(bundled_assistant, corpus):
    t18 = next(t for t in corpus.get("zhashui-2024").tasks if t.number == 18)
    result = chat(
        bundled_assistant,
        ["柞水县第17项任务由谁牵头？", "那第18项呢？", "完成时限呢？", "/new", "完成时限呢？", "/quit", "never asked"],
    )
    assert result.exit_code == 0, result.output
    answers = result.output.split("\n\n来源：")
    assert "（理解为：柞水县 · 第18项 · 完成时限）" in result.output and f"完成时限：{t18.deadline}[1]" in result.output
    assert f"{t18.label} zhashui-2024-task-list.txt 第{t18.start_line}–{t18.end_line}行" in result.output
    after_new = result.output.split("新对话 / new conversation")[1]
    assert "理解为" not in after_new and "未找到相关规定" in after_new, "after /new nothing is carried"
    assert "never asked" not in result.output and len(answers) >= 3


def test_json_lines_carry_what_was_understood(bundled_assistant):
    result = chat(bundled_assistant, ["Who leads task 3 in the Yiyang notice?", "And the deadline?"], "--json")
    first, second = (json.loads(line) for line in result.output.splitlines())
    assert first["understood"]["carried"] == [] and second["understood"]["label"] == "Yiyang · problem 3 · deadline"


def test_a_bad_line_is_reported_and_the_conversation_goes_on(bundled_assistant):
    result = chat(bundled_assistant, ["问" * 2001, "柞水县第17项任务由谁牵头？"])
    assert result.exit_code == 0 and "2000" in result.output and "县司法局" in result.output

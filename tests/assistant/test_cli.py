"""The `assistant` console script, run through its real entry point."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from assistant.cli import cli

TASK_KEYS = {
    "doc_id",
    "number",
    "label",
    "kind",
    "section",
    "content",
    "lead",
    "responsible",
    "deadline",
    "dates",
    "materials",
    "start_line",
    "end_line",
    "source_text",
}


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_tasks_json_for_zhashui_lists_22_tasks_and_task_17_is_led_by_the_justice_bureau():
    result = run("tasks", "--doc", "柞水", "--json")
    assert result.exit_code == 0, result.output
    tasks = json.loads(result.output)
    assert len(tasks) == 22 and all(set(t) == TASK_KEYS for t in tasks)
    t17 = next(t for t in tasks if t["number"] == 17)
    assert (t17["lead"], t17["deadline"], t17["kind"]) == (["县司法局"], "长期", "task")


def test_tasks_doc_accepts_doc_number_and_pinyin():
    by_number = json.loads(run("tasks", "--doc", "宜政办〔2024〕22号", "--json").output)
    by_pinyin = json.loads(run("tasks", "--doc", "Yiyang", "--json").output)
    assert by_number == by_pinyin and len(by_number) == 16


def test_tasks_table_is_readable():
    result = run("tasks", "--doc", "lingchuan")
    assert result.exit_code == 0
    assert "三级指标100" in result.output and "否决项2" in result.output


def test_unknown_doc_exits_2_with_a_message():
    result = run("tasks", "--doc", "nowhere")
    assert result.exit_code == 2
    assert "nowhere" in result.output


def test_notices_prints_one_line_per_notice():
    lines = run("notices").output.strip().splitlines()
    assert len(lines) == 5
    assert any(line.startswith("weinan-2024\t(无文号)") for line in lines)


def test_console_script_is_installed():
    out = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "notices", "--json"], capture_output=True, text=True, check=True
    )
    assert {n["doc_id"] for n in json.loads(out.stdout)} == {
        "zhashui-2024",
        "weinan-2024",
        "changjiang-2024",
        "yiyang-2024",
        "lingchuan-2022",
    }


def test_gbk_argv_and_invalid_utf8_stdin_exit_2_with_a_message(tmp_path):
    """A GBK terminal's bytes in argv, or bytes that are not UTF-8 on stdin, are a one-line error and exit code 2,
    not a traceback; nothing is indexed first."""
    env = {"ASSISTANT_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"}
    argv = subprocess.run(
        [sys.executable.encode(), b"-m", b"assistant.cli", b"ask", "柞水县第17项".encode("gbk")],
        capture_output=True,
        env=env,
        timeout=120,
    )
    stdin = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "ask", "-"], input=b"\xff\xfe\xb2\xe2\n", capture_output=True, env=env
    )
    for r in (argv, stdin):
        err = r.stderr.decode("utf-8", "replace")
        assert r.returncode == 2 and err.startswith("error: ") and "Traceback" not in err, err
    assert not any(tmp_path.iterdir()), "a question that cannot be read built an index"

"""`assistant batch` and the shared runner: JSONL and CSV in and out, bad rows, interruption and resume."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.batch import read_questions, run_batch
from assistant.cli import cli
from assistant.errors import AssistantError
from assistant.runner import partial_path

QUESTIONS = [
    {"id": "q1", "question": "Who leads task 17 in the Zhashui list and by when?", "note": "ignored"},
    {"id": "q2", "question": "宜阳县存在问题6的完成时限是什么？"},
    {"id": "q3", "question": "   "},
    {"id": "q4", "question": "柞水县的防汛抗旱指挥部由谁负责？"},
]


class Interrupting:
    """The real assistant, but Ctrl-C arrives while the n-th question is being answered."""

    def __init__(self, inner, after: int) -> None:
        self.inner, self.after, self.asked = inner, after, []

    def ask(self, question, doc=None):
        if len(self.asked) == self.after:
            raise KeyboardInterrupt
        self.asked.append(question)
        return self.inner.ask(question, doc)


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def test_jsonl_batch_answers_each_row_and_keeps_bad_ones(bundled_assistant, tmp_path: Path) -> None:
    n, bad = run_batch(bundled_assistant, write_jsonl(tmp_path / "in.jsonl", QUESTIONS), tmp_path / "out.jsonl")
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert (n, bad) == (4, 1)
    assert [r["id"] for r in rows] == ["q1", "q2", "q3", "q4"]
    assert set(rows[0]) == {"id", "question", "answer", "citations", "tasks", "lang"}
    assert "县司法局" in rows[0]["answer"] and rows[0]["lang"] == "en"
    assert rows[0]["citations"][0]["doc_id"] == "zhashui-2024" and rows[0]["tasks"][0]["number"] == 17
    assert rows[2]["answer"].startswith("error:") and rows[2]["citations"] == []
    assert "未找到相关规定" in rows[3]["answer"]
    assert not partial_path(tmp_path / "out.jsonl").exists(), "the progress file goes once the output is written"


def test_csv_in_and_out(bundled_assistant, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "question", "extra"])
        w.writeheader()
        w.writerow({"id": "a", "question": "宜阳县存在问题6的完成时限是什么？", "extra": "x"})
    run_batch(bundled_assistant, src, tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["id", "question", "answer", "citations", "tasks", "lang"]
    assert json.loads(rows[0]["citations"])[0]["doc_id"] == "yiyang-2024"
    assert rows[0]["lang"] == "zh"


def test_interrupted_batch_resumes_without_asking_again(bundled_assistant, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", QUESTIONS)
    out = tmp_path / "out.jsonl"
    first = Interrupting(bundled_assistant, after=2)
    with pytest.raises(KeyboardInterrupt):
        run_batch(first, src, out)
    assert not out.exists()
    assert len(partial_path(out).read_text("utf-8").splitlines()) == 2

    second = Interrupting(bundled_assistant, after=99)
    assert run_batch(second, src, out) == (4, 1)
    assert second.asked == [QUESTIONS[2]["question"], QUESTIONS[3]["question"]], "finished questions were asked again"
    assert [json.loads(line)["id"] for line in out.read_text("utf-8").splitlines()] == ["q1", "q2", "q3", "q4"]


def test_fresh_ignores_an_interrupted_run(bundled_assistant, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", QUESTIONS[:2])
    out = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt):
        run_batch(Interrupting(bundled_assistant, after=1), src, out)
    again = Interrupting(bundled_assistant, after=99)
    run_batch(again, src, out, fresh=True)
    assert len(again.asked) == 2


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"id": 1, "question": "a"}\nnot json\n', "in.jsonl:2: not JSON"),
        ('{"id": 1}\n', "no 'question' text"),
        ('{"id": 1, "question": "a"}\n{"id": 1, "question": "b"}\n', "occurs twice"),
        ("[1, 2]\n", "not a JSON object"),
    ],
)
def test_malformed_input_is_refused_with_the_line(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "in.jsonl").write_text(text, "utf-8")
    with pytest.raises(AssistantError, match=message):
        read_questions(tmp_path / "in.jsonl")


def test_cli_batch_reports_malformed_input_with_exit_2(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text("nope\n", "utf-8")
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2 and "not JSON" in result.output


@pytest.mark.parametrize("question, message", [("", "empty"), ("   \n\t", "empty"), ("问" * 2001, "2000")])
def test_cli_ask_refuses_empty_and_over_long_questions_with_exit_2(question: str, message: str) -> None:
    result = CliRunner().invoke(cli, ["ask", question])
    assert result.exit_code == 2, result.output
    assert "error:" in result.output and message in result.output.lower()
    assert "Traceback" not in result.output

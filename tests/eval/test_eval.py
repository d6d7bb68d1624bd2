"""`python -m eval`: grading, the four outputs, --compare, and the CI gate on the bundled notices.

The gate tests run the whole gold set through the real extractive assistant (the chat's code path)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import assistant.kinds.task as task_kind
from assistant.cli import cli
from eval.__main__ import main as eval_main
from eval.grading import grade, load_gold
from eval.report import evaluate, load_thresholds
from tests.conftest import Early, ExampleRun, start_gold_example, stop_gold_example

ROOT = Path(__file__).resolve().parents[2]

MINI = [
    {
        "id": "t17",
        "lang": "en",
        "kind": "task",
        "field": "lead",
        "doc": "zhashui-2024",
        "question": "Who leads task 17 in the Zhashui list and by when?",
        "must_include": ["县司法局", "长期"],
        "gold": [{"doc": "zhashui-2024", "start_line": 0, "end_line": 0, "quote": ""}],
    },
    {
        "id": "flood",
        "lang": "zh",
        "kind": "unanswerable",
        "doc": None,
        "question": "柞水县的防汛抗旱指挥部由谁负责？",
        "must_include": [],
        "gold": [],
    },
    {
        "id": "wrong",
        "lang": "zh",
        "kind": "task",
        "field": "lead",
        "doc": "zhashui-2024",
        "question": "柞水县第17项任务由谁牵头？",
        "must_include": ["县财政局"],
        "gold": [],
    },
]


@pytest.fixture(scope="module")
def mini(corpus) -> list[dict]:
    """MINI with the real line span of Zhashui task 17 as its gold source."""
    t = next(t for t in corpus.tasks("zhashui-2024") if t.number == 17)
    items = json.loads(json.dumps(MINI))
    items[0]["gold"] = [
        {"doc": "zhashui-2024", "start_line": t.start_line, "end_line": t.end_line, "quote": t.source_text}
    ]
    return items


def test_grade_checks_strings_refusals_and_citations(corpus, mini) -> None:
    t = next(t for t in corpus.tasks("zhashui-2024") if t.number == 17)
    cite = {"doc_id": "zhashui-2024", "start_line": t.start_line, "end_line": t.end_line, "quote": t.source_text}
    good = grade(mini[0], {"answer": "lead: 县司法局; deadline: 长 期", "found": True, "citations": [cite]}, corpus)
    assert good["correct"] and good["cites_good"] == 1 and good["cite_recall"] == 1.0

    forged = dict(cite, quote="县司法局牵头，2025年完成")  # not in the notice
    other = dict(cite, doc_id="yiyang-2024", quote="宜阳县")
    bad = grade(mini[0], {"answer": "县司法局", "found": True, "citations": [forged, other]}, corpus)
    assert not bad["correct"] and bad["missing"] == ["长期"] and bad["cites_bad"] == 2

    refused = grade(mini[1], {"answer": "未找到相关规定", "found": False, "citations": [other]}, corpus)
    assert refused["correct"] and refused["cites_good"] == refused["cites_bad"] == 0, (
        "a refusal's nearest passages claim nothing"
    )
    assert not grade(mini[1], {"answer": "县水利局", "found": True, "citations": []}, corpus)["correct"]
    assert (
        grade(
            mini[0],
            {"answer": "x", "found": True, "citations": []},
            corpus,
            retrieved=[["yiyang-2024", 1, 2], ["zhashui-2024", t.start_line, t.start_line]],
        )["rank"]
        == 2
    )


def test_eval_writes_report_results_summary_and_chart(bundled_assistant, mini, tmp_path: Path) -> None:
    summary, failures = evaluate(bundled_assistant, tmp_path, items=mini, thresholds={"accuracy": 0.9})
    assert {p.name for p in tmp_path.iterdir()} >= {
        "report.md",
        "results.jsonl",
        "summary.json",
        "accuracy_by_kind.png",
    }
    assert (tmp_path / "accuracy_by_kind.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    results = [json.loads(x) for x in (tmp_path / "results.jsonl").read_text("utf-8").splitlines()]
    assert [r["correct"] for r in results] == [True, True, False]
    assert summary["by_kind"]["task"] == {"n": 2, "correct": 1, "accuracy": 0.5}
    assert summary["refusal_accuracy"] == 1.0 and summary["citation_precision"] == 1.0
    assert summary["retrieval"]["n"] == 1 and summary["latency_ms"]["median"] > 0
    assert failures == ["accuracy 0.6667 < 0.9"]
    report = (tmp_path / "report.md").read_text("utf-8")
    assert "| task | 50.0% (1/2)" in report and "## Failures (1)" in report and "missing 县财政局" in report


def test_compare_lists_worse_and_better(bundled_assistant, mini, tmp_path: Path) -> None:
    evaluate(bundled_assistant, tmp_path / "old", items=mini, thresholds={})
    flipped = json.loads(json.dumps(mini))
    flipped[0]["must_include"] = ["县财政局"]  # now wrong
    flipped[2]["must_include"] = ["县司法局"]  # now right
    evaluate(bundled_assistant, tmp_path / "new", items=flipped, thresholds={}, old_dir=tmp_path / "old")
    diff = json.loads((tmp_path / "new" / "compare.json").read_text("utf-8"))
    assert [d["id"] for d in diff["worse"]] == ["t17"] and [d["id"] for d in diff["better"]] == ["wrong"]
    assert "1 worse, 1 better" in (tmp_path / "new" / "report.md").read_text("utf-8")


def test_python_m_eval_runs_a_set_and_checks_thresholds(mini, tmp_path: Path) -> None:
    (tmp_path / "set.jsonl").write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in mini), "utf-8")
    result = CliRunner().invoke(
        eval_main, ["--set", str(tmp_path / "set.jsonl"), "--out", str(tmp_path / "out"), "--check"]
    )
    assert result.exit_code == 1, result.output  # 2 of 3 correct is below the shipped thresholds
    assert "accuracy 66.7% over 3 questions" in result.output and "below thresholds" in result.output
    assert (tmp_path / "out" / "report.md").exists()


def test_python_m_eval_refuses_a_bad_set_with_exit_2(tmp_path: Path) -> None:
    (tmp_path / "set.jsonl").write_text('{"id": "x", "question": "?"}\n', "utf-8")  # no lang, no kind
    result = CliRunner().invoke(eval_main, ["--set", str(tmp_path / "set.jsonl"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "has no 'lang'" in result.output, result.output


def test_the_product_cli_has_no_eval_command() -> None:
    """Grading is eval/'s job: the product's `assistant` command does not import it."""
    assert "eval" not in cli.commands


# --- the CI gate ---------------------------------------------------------------------------------------


def test_thresholds_never_fall_below_the_agreed_floors() -> None:
    t = load_thresholds()
    assert t["citation_precision"] == 1.0
    assert t["kind"]["task"] >= 0.9
    assert t["refusal_accuracy"] >= 0.9


# The gold run (~8 s of one core) is README's `python -m eval --out eval-out --check` (GOLD_EXAMPLE), answered by a
# child started at the session's first test (tests/conftest.py's Early.launch) on the otherwise idle core;
# tests/test_docs.py checks the same run as README's example.
EARLY = ("gold_run",)


def start_early(request: pytest.FixtureRequest, early: Early) -> None:
    early.launch("gold", start_gold_example, stop_gold_example, request)


@pytest.fixture(scope="module")
def gold_run(gold_example: ExampleRun):
    """(summary, failures) of the whole gold set through the real extractive assistant, and its output folder."""
    out = gold_example.cwd / "eval-out"
    where = f"`{gold_example.command}` exited {gold_example.returncode}:\n{gold_example.stderr[-3000:]}"
    assert gold_example.returncode in (0, 1) and (out / "summary.json").is_file(), where
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    return (summary, summary["below_thresholds"]), out, gold_example.returncode


def test_ci_gate_gold_set_meets_thresholds(gold_run) -> None:
    """The gate: answer accuracy, task accuracy, citation precision and refusal accuracy on the whole gold set."""
    (summary, failures), out, returncode = gold_run
    assert summary["n"] == len(load_gold())
    assert summary["mode"] == "extractive"
    assert summary["errors"] == 0
    assert failures == [], f"below eval/thresholds.toml: {failures}; see {out / 'report.md'}"
    assert returncode == 0, "--check passed no failures yet exited 1"


def test_ci_gate_fails_when_an_extractor_is_broken(bundled_assistant, monkeypatch, tmp_path: Path) -> None:
    """Deliberately break the task-field extractor (every task reported with a wrong lead and no deadline):
    the same gate must fail on task accuracy."""
    real = task_kind.facts

    def broken(t, notice, fields):
        return real(dataclasses.replace(t, lead=("县财政局",), responsible=(), deadline=None), notice, fields)

    monkeypatch.setattr(task_kind, "facts", broken)
    items = [i for i in load_gold() if i["kind"] in ("task", "ambiguous")]
    summary, failures = evaluate(bundled_assistant, tmp_path, items=items, thresholds=load_thresholds())
    assert any(f.startswith("task accuracy") for f in failures), failures
    assert summary["by_kind"]["task"]["accuracy"] < load_thresholds()["kind"]["task"]

"""Batch answering: a JSONL or CSV file of questions in, one answer per line out.

Resumable: the questions are asked by assistant/runner.py, which keeps each finished answer as it goes."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import AssistantError
from assistant.runner import partial_path, run_questions

if TYPE_CHECKING:
    from assistant.service import Assistant

FIELDS = ["id", "question", "answer", "citations", "tasks", "lang"]


def read_questions(path: str | Path) -> list[dict]:
    p = Path(path)
    try:
        text = p.read_text("utf-8-sig")
    except UnicodeDecodeError:
        raise AssistantError(f"{p.name}: not UTF-8 text") from None
    if p.suffix.lower() == ".csv":
        rows = list(csv.DictReader(text.splitlines()))
    else:
        rows = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise AssistantError(f"{p.name}:{n}: not JSON ({exc.msg})") from None
                if not isinstance(row, dict):
                    raise AssistantError(f"{p.name}:{n}: not a JSON object")
                rows.append(row)
    seen: set[str] = set()
    for n, row in enumerate(rows, 1):
        if "turns" in row:  # a conversation: its last turn is the question, answered in context
            turns = row["turns"]
            if not isinstance(turns, list) or not turns or not all(isinstance(t, str) and t.strip() for t in turns):
                raise AssistantError(f"{p.name}: row {n}: 'turns' must be a non-empty list of questions")
            row["question"] = turns[-1]
        if not isinstance(row.get("question"), str):
            raise AssistantError(f"{p.name}: row {n} has no 'question' text")
        row["id"] = str(row.get("id") or n)
        if row["id"] in seen:
            raise AssistantError(f"{p.name}: id {row['id']!r} occurs twice")
        seen.add(row["id"])
    return rows


def with_history(assistant: Assistant, row: dict[str, Any]) -> dict[str, Any]:
    """A conversation item with the turns before its last one answered, as the chat would have answered them, so
    the last turn is asked with that history. A turn that cannot be answered stays in the history unanswered."""
    turns = row.get("turns")
    if not turns or len(turns) < 2:
        return row
    from assistant.conversation import Turn

    history: list[Turn] = []
    for question in turns[:-1]:
        history.append(Turn("user", question))
        try:
            answer = assistant.ask(question, row.get("doc") or None, history[:-1])
        except AssistantError:
            continue
        history.append(Turn("assistant", answer.text, answer.understood))
    return {**row, "history": history}


def output_row(rec: dict) -> dict:
    if "error" in rec:
        return {
            "id": rec["id"],
            "question": rec["question"],
            "answer": f"error: {rec['error']}",
            "citations": [],
            "tasks": [],
            "lang": "",
        }
    r = rec["result"]
    return {
        "id": rec["id"],
        "question": rec["question"],
        "answer": r["answer"],
        "citations": r["citations"],
        "tasks": r["tasks"],
        "lang": r["lang"],
    }


def write_rows(out: Path, rows: list[dict]) -> None:
    tmp = out.with_name(out.name + ".tmp")
    if out.suffix.lower() == ".csv":
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=FIELDS)
            w.writeheader()
            for r in rows:
                w.writerow(
                    {
                        **r,
                        "citations": json.dumps(r["citations"], ensure_ascii=False),
                        "tasks": json.dumps(r["tasks"], ensure_ascii=False),
                    }
                )
    else:
        with tmp.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    tmp.replace(out)


def run_batch(assistant: Assistant, infile: str | Path, outfile: str | Path, *, fresh: bool = False) -> tuple[int, int]:
    """Answers every row into OUT; a bad question gets its error in `answer` and the run goes on.

    Progress is kept in OUT.partial.jsonl, so an interrupted run asked again skips what is done.
    Returns (rows, bad)."""
    rows = [with_history(assistant, r) for r in read_questions(infile)]
    out = Path(outfile)
    records = run_questions(assistant, rows, out, fresh=fresh)
    out_rows = [output_row(r) for r in records]
    write_rows(out, out_rows)
    partial_path(out).unlink(missing_ok=True)
    return len(out_rows), sum(1 for r in records if "error" in r)

"""Batch answering: a JSONL or CSV file of questions in, one answer per line out."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from tqdm import tqdm

from assistant.errors import AssistantError, BadQuestion


def read_questions(path: str | Path) -> list[dict]:
    p = Path(path)
    text = p.read_text("utf-8-sig")
    if p.suffix.lower() == ".csv":
        rows = list(csv.DictReader(text.splitlines()))
    else:
        rows = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise AssistantError(f"{p.name}:{n}: not JSON ({exc.msg})") from None
    for n, row in enumerate(rows, 1):
        if "question" not in row:
            raise AssistantError(f"{p.name}: row {n} has no 'question' field")
        row.setdefault("id", str(n))
    return rows


def run_batch(assistant, infile: str | Path, outfile: str | Path) -> tuple[int, int]:
    """Answers every row; a bad question gets its error in `answer` and the run goes on. Returns (rows, bad)."""
    rows = read_questions(infile)
    out_rows = []
    bad = 0
    for row in tqdm(rows, desc="answering", unit="q", file=sys.stderr):
        try:
            a = assistant.ask(row["question"], row.get("doc") or None)
            out_rows.append({"id": row["id"], "question": row["question"], "answer": a.text,
                             "citations": a.to_json()["citations"], "tasks": a.to_json()["tasks"], "lang": a.lang})
        except BadQuestion as exc:
            bad += 1
            out_rows.append({"id": row["id"], "question": row["question"], "answer": f"error: {exc}",
                             "citations": [], "tasks": [], "lang": ""})
    out = Path(outfile)
    if out.suffix.lower() == ".csv":
        with out.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=["id", "question", "answer", "citations", "tasks", "lang"])
            w.writeheader()
            for r in out_rows:
                w.writerow({**r, "citations": json.dumps(r["citations"], ensure_ascii=False),
                            "tasks": json.dumps(r["tasks"], ensure_ascii=False)})
    else:
        with out.open("w", encoding="utf-8") as fh:
            for r in out_rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return len(out_rows), bad

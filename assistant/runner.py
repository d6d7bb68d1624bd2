"""The resumable question runner shared by `assistant batch` and `python -m eval`: answers a list of questions,
writing one line per question as soon as it is done, so an interrupted run resumes where it stopped."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

from assistant.errors import BadQuestion, UnknownNotice

if TYPE_CHECKING:
    from assistant.service import Assistant

Record = dict[str, Any]  # one question's line: id, question, doc, latency_ms, result (Answer.to_json()) or error


def partial_path(out: Path) -> Path:
    """Where the answers of an unfinished run are kept: `<out>.partial.jsonl`."""
    return out.with_name(out.name + ".partial.jsonl")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSONL file; a line cut short is skipped."""
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:  # a line cut by a crash: the question is simply asked again
                continue
    return rows


def answer_one(assistant: Assistant, row: dict[str, Any], *, with_retrieval: bool) -> Record:
    """Asks one question; a bad question or unknown notice is recorded as an error, not raised."""
    rec: Record = {"id": str(row["id"]), "question": row["question"], "doc": row.get("doc") or None}
    start = time.perf_counter()
    try:
        history = row.get("history")  # a conversation item of `assistant batch`: the turns before this one
        answer = (
            assistant.ask(row["question"], rec["doc"], history)
            if history
            else assistant.ask(row["question"], rec["doc"])
        )
        rec["latency_ms"] = round((time.perf_counter() - start) * 1000, 2)
        rec["result"] = answer.to_json()
        timing = getattr(getattr(assistant, "llm", None), "last_timing", None)  # LLM mode: the model's own timing
        if timing is not None and answer.mode != "extractive":
            rec["llm_first_token_ms"] = None if timing.first_token_s is None else round(timing.first_token_s * 1000, 2)
            rec["llm_ms"] = round(timing.total_s * 1000, 2)
    except (BadQuestion, UnknownNotice) as exc:
        rec["latency_ms"] = round((time.perf_counter() - start) * 1000, 2)
        rec["error"] = str(exc)
        return rec
    if with_retrieval:
        asked = answer.understood.text if answer.understood else row["question"]  # a follow-up as resolved
        hits = assistant.retrieve(asked, rec["doc"])
        rec["retrieved"] = [[h.chunk.doc_id, h.chunk.start_line, h.chunk.end_line] for h in hits[:10]]
    return rec


def run_questions(
    assistant: Assistant,
    rows: Sequence[dict[str, Any]],
    out: Path,
    *,
    with_retrieval: bool = False,
    fresh: bool = False,
    desc: str = "answering",
) -> list[Record]:
    """Answers every row, appending each record to `<out>.partial.jsonl` as it finishes.

    If that file exists from an interrupted run, its questions are not asked again (unless `fresh`).
    Returns the records in the order of `rows`; the caller writes the final output and removes the partial file.
    """
    part = partial_path(out)
    done: dict[str, Record] = {}
    if part.exists() and not fresh:
        done = {r["id"]: r for r in read_jsonl(part) if "id" in r}
        wanted = {str(r["id"]) for r in rows}
        done = {k: v for k, v in done.items() if k in wanted}
        if done:
            print(f"resuming: {len(done)} of {len(rows)} questions already answered ({part})", file=sys.stderr)
    elif part.exists():
        part.unlink()
    todo = [r for r in rows if str(r["id"]) not in done]
    part.parent.mkdir(parents=True, exist_ok=True)
    with (
        part.open("a", encoding="utf-8") as fh,
        tqdm(total=len(rows), initial=len(done), desc=desc, unit="q", file=sys.stderr, disable=None) as bar,
    ):
        for row in todo:
            rec = answer_one(assistant, row, with_retrieval=with_retrieval)
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            fh.flush()
            done[rec["id"]] = rec
            bar.update(1)
    return [done[str(r["id"])] for r in rows]

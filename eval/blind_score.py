"""Scores a blind set (eval/blind/NNN.jsonl, written by someone who never saw the code) against the assistant.

    python -m eval.blind_score eval/blind/001.jsonl --label before [--notices DIR]... [--out eval/blind]

A blind item has the format of shared/blind-questions.md: `question` or `turns` (a conversation; only the last turn
is graded), `must_include`, `any_of` (a flat list: one is enough), `must_not_include`, `refuse`. The notice the item
is about (`doc`) is NOT passed as a filter: staff name the notice in the question, or don't.

Self-contained on purpose (only `Assistant`, `Settings` and `ask`), so the same scorer runs against an earlier commit
to give the "before" figure. Writes `<set>.<label>.results.jsonl` and `<set>.<label>.summary.json` beside the set
(or into --out) and prints accuracy by kind and by language.
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from pathlib import Path


def norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def grade(item: dict, answer: str, found: bool) -> dict:
    """Correct: an answer (not a refusal) holding every must_include and one of any_of, and no must_not_include;
    for `refuse` items a refusal holding no must_not_include."""
    text = norm(answer)
    missing = [s for s in item.get("must_include") or [] if norm(s) not in text]
    any_of = item.get("any_of") or []
    if any_of and isinstance(any_of[0], list):  # gold-set style groups
        missing_any = [g for g in any_of if not any(norm(s) in text for s in g)]
    else:
        missing_any = [any_of] if any_of and not any(norm(s) in text for s in any_of) else []
    forbidden = [s for s in item.get("must_not_include") or [] if norm(s) in text]
    refuse = bool(item.get("refuse")) or item.get("kind") == "unanswerable"
    ok = (not found if refuse else found and not missing and not missing_any) and not forbidden
    return {"correct": ok, "missing": missing, "missing_any_of": missing_any, "forbidden": forbidden}


def ask(assistant, item: dict) -> tuple[str, bool, dict]:
    turns = item.get("turns") or [item["question"]]
    takes_history = "history" in inspect.signature(assistant.ask).parameters
    history: list[dict] = []
    answer = None
    for turn in turns:
        if takes_history:
            answer = assistant.ask(turn, None, history=list(history))
        else:  # an assistant without conversations sees the last message alone
            answer = assistant.ask(turns[-1], None)
            break
        history += [{"role": "user", "content": turn}, {"role": "assistant", "content": answer.text}]
    assert answer is not None
    return answer.text, answer.found, answer.to_json()


def summarize(rows: list[dict]) -> dict:
    def acc(rs: list[dict]) -> dict:
        n = len(rs)
        c = sum(r["correct"] for r in rs)
        return {"n": n, "correct": c, "accuracy": round(c / n, 4) if n else None}

    by_kind: dict[str, list[dict]] = defaultdict(list)
    by_lang: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_kind[r["kind"]].append(r)
        by_lang[r["lang"]].append(r)
    return {
        "all": acc(rows),
        "by_kind": {k: acc(v) for k, v in sorted(by_kind.items())},
        "by_lang": {k: acc(v) for k, v in sorted(by_lang.items())},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="+", type=Path)
    ap.add_argument("--label", required=True)
    ap.add_argument("--notices", action="append", default=[], help="extra notice files or folders to load")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)

    from assistant.config import BUNDLED_NOTICES as bundled  # every tree since the first one defines it
    from assistant.config import Settings

    data_dir = Path(tempfile.mkdtemp(prefix="blind-"))
    settings = Settings(data_dir=data_dir, notices=[str(bundled), *args.notices])
    from assistant.service import Assistant

    if "index" in inspect.signature(Assistant.__init__).parameters:  # the Assistant only reads: build first
        from assistant.boot import build_and_open

        assistant, _ = build_and_open(settings)
    else:  # earlier trees: constructing the Assistant built the index
        assistant = Assistant(settings)
    items = [it for s in args.sets for it in load(s)]
    rows = []
    for item in items:
        start = time.perf_counter()
        try:
            text, found, raw = ask(assistant, item)
        except Exception as exc:  # a crash is a wrong answer, recorded with its message
            text, found, raw = f"error: {type(exc).__name__}: {exc}", True, {}
        g = grade(item, text, found)
        rows.append(
            {
                "id": item["id"],
                "lang": item["lang"],
                "kind": "unanswerable" if item.get("refuse") else item["kind"],
                "question": item.get("turns") or item["question"],
                "answer": text,
                "found": found,
                "understood": raw.get("understood"),
                "ms": round((time.perf_counter() - start) * 1000, 1),
                **g,
            }
        )
    summary = summarize(rows)
    out_dir = args.out or args.sets[0].parent
    out_dir.mkdir(parents=True, exist_ok=True)
    stems = list(dict.fromkeys(s.stem for s in args.sets))  # four notices' questions.jsonl are one set
    stem = "+".join(stems)
    (out_dir / f"{stem}.{args.label}.results.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8"
    )
    (out_dir / f"{stem}.{args.label}.summary.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=1) + "\n", "utf-8"
    )
    a = summary["all"]
    print(f"{stem} [{args.label}]: {a['correct']}/{a['n']} = {a['accuracy']:.1%}")
    for group in ("by_kind", "by_lang"):
        print("  " + "  ".join(f"{k} {v['correct']}/{v['n']}" for k, v in summary[group].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Scores task-table extraction on blind notices: each `truth.json` (written by a person reading the notice) against
the tasks the index side reads from the notice file.

    python -m eval.blind_tables eval/blind/notices/001 [--label after]

Per notice: tasks found (a truth task counts as found when a parsed task has its number and its text starts with the
truth's first 12 characters, spaces ignored), and of those the share with exactly the truth's lead, responsible units
and deadline. Uses only `index.corpus.load_corpus`, so it runs against any commit.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from index.corpus import load_corpus


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def truths(root: Path) -> list[tuple[Path, dict]]:
    """(folder, truth) per notice: one truth.json per sub-folder (set 001) or one list of truths in root (set 002)."""
    if (root / "truth.json").exists():
        listed = json.loads((root / "truth.json").read_text("utf-8"))
        return [(root, t) for t in (listed if isinstance(listed, list) else [listed])]
    return [
        (d, json.loads((d / "truth.json").read_text("utf-8")))
        for d in sorted(root.iterdir())
        if (d / "truth.json").exists()
    ]


def score_notice(folder: Path, truth: dict) -> dict:
    path = folder / truth["file"] if (folder / truth["file"]).exists() else next(folder.glob(f"*{truth['file']}"))
    parsed = load_corpus([path]).notices[0]
    by_number = {t.number: t for t in parsed.tasks if t.kind == "task"}
    found = lead = resp = due = 0
    misses = []
    for want in truth["tasks"]:
        got = by_number.get(int(want["number"]))
        if got is None or not squash(got.content).startswith(squash(want["content_start"])[:12]):
            misses.append(f"{want['number']}: not found")
            continue
        found += 1
        ok_lead = sorted(got.lead) == sorted(want["lead"])
        ok_resp = sorted(got.responsible) == sorted(want["responsible"])
        ok_due = (got.deadline or None) == (want.get("deadline") or None)
        lead, resp, due = lead + ok_lead, resp + ok_resp, due + ok_due
        if not (ok_lead and ok_resp and ok_due):
            misses.append(
                f"{want['number']}: lead {got.lead}≠{want['lead']}" * (not ok_lead)
                + f" resp {got.responsible}≠{want['responsible']}" * (not ok_resp)
                + f" due {got.deadline!r}≠{want.get('deadline')!r}" * (not ok_due)
            )
    return {
        "notice": path.stem if folder.name != path.stem else folder.name,
        "truth_tasks": len(truth["tasks"]),
        "parsed_tasks": len(by_number),
        "found": found,
        "lead_exact": lead,
        "responsible_exact": resp,
        "deadline_exact": due,
        "doc_number": parsed.notice.doc_number == truth.get("文号", truth.get("doc_number", truth.get("wenhao"))),
        "misses": misses,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", type=Path)
    ap.add_argument("--label", default=None, help="also write <root>/tables.<label>.json")
    args = ap.parse_args(argv)
    rows = [score_notice(folder, truth) for folder, truth in truths(args.root)]
    total = sum(r["truth_tasks"] for r in rows)
    for r in rows:
        print(
            f"{r['notice']}: found {r['found']}/{r['truth_tasks']} (parsed {r['parsed_tasks']}), "
            f"lead {r['lead_exact']}, responsible {r['responsible_exact']}, deadline {r['deadline_exact']}, "
            f"文号 {'ok' if r['doc_number'] else 'wrong'}"
        )
    keys = ("found", "lead_exact", "responsible_exact", "deadline_exact")
    summary = {k: sum(r[k] for r in rows) for k in keys}
    print(f"all: {summary['found']}/{total} tasks found; " + ", ".join(f"{k} {summary[k]}" for k in keys[1:]))
    if args.label:
        out = {"total": total, **summary, "notices": rows}
        (args.root / f"tables.{args.label}.json").write_text(
            json.dumps(out, ensure_ascii=False, indent=1) + "\n", "utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

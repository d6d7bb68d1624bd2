"""The gold set and its grading: `load_gold`, `grade`, `grade_run`, `summarize`, `check_thresholds`, `compare`.

The questions themselves are asked by the product's resumable runner, `assistant/runner.py`."""

from __future__ import annotations

import statistics
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from assistant.runner import read_jsonl
from index.corpus import Corpus

GOLD_SET = Path(__file__).resolve().parent / "questions.jsonl"
KINDS = ("task", "prose", "list", "count", "cross", "ambiguous", "unanswerable", "followup")


# --- the gold set ---------------------------------------------------------------------------------------


def load_gold(path: str | Path | None = None) -> list[dict]:
    p = Path(path) if path else GOLD_SET
    items = read_jsonl(p)
    for n, item in enumerate(items, 1):
        for key in ("id", "lang", "kind", "question"):
            if key not in item:
                raise ValueError(f"{p.name}: item {n} has no {key!r}")
    return items


def norm(text: str) -> str:
    """Full-width and half-width forms, case and white space do not decide a grade."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def _overlaps(cited: dict | Sequence, gold: dict) -> bool:
    doc, start, end = (cited["doc_id"], cited["start_line"], cited["end_line"]) if isinstance(cited, dict) else cited
    return doc == gold["doc"] and start <= gold["end_line"] and gold["start_line"] <= end


def grade(item: dict, result: dict, corpus: Corpus, retrieved: Sequence | None = None) -> dict:
    """Grades one answer (Answer.to_json()) against a gold item.

    correct: answerable items need found, every must_include, one string of each any_of group and no
    must_not_include; unanswerable items need a refusal (found false) and no must_not_include.
    Citation precision counts the citations of answers (a refusal's "nearest passages" claim nothing): a good
    citation quotes its notice exactly and points at a gold notice. Recall: share of gold sources cited.
    """
    text = norm(result.get("answer", ""))
    missing = [s for s in item.get("must_include", []) if norm(s) not in text]
    groups = [g for g in item.get("any_of", []) if not any(norm(s) in text for s in g)]
    forbidden = [s for s in item.get("must_not_include", []) if norm(s) in text]
    found = bool(result.get("found", True))
    unanswerable = item["kind"] == "unanswerable"
    correct = (not found if unanswerable else found and not missing and not groups) and not forbidden

    gold = item.get("gold", [])
    gold_docs = {g["doc"] for g in gold}
    cites = result.get("citations", [])
    good = bad = 0
    if found:
        for c in cites:
            ok = c["doc_id"] in corpus.doc_ids and c["quote"] in corpus.get(c["doc_id"]).notice.text
            ok = ok and (not gold_docs or c["doc_id"] in gold_docs) and not unanswerable
            good, bad = good + ok, bad + (not ok)
    recall = (sum(any(_overlaps(c, g) for c in cites) for g in gold) / len(gold)) if gold and found else None
    rank = None
    if gold and retrieved is not None:
        rank = next((i for i, r in enumerate(retrieved, 1) if any(_overlaps(r, g) for g in gold)), 0)
    return {
        "correct": bool(correct),
        "missing": missing,
        "missing_any_of": groups,
        "forbidden": forbidden,
        "found": found,
        "cites_good": good,
        "cites_bad": bad,
        "cite_recall": recall,
        "rank": rank,
    }


def grade_run(items: Sequence[dict], records: Sequence[dict], corpus: Corpus) -> list[dict]:
    """One results line per gold item: the item, what came back, and its grade."""
    out = []
    for item, rec in zip(items, records, strict=True):
        result = rec.get("result") or {"answer": f"error: {rec.get('error')}", "found": True, "citations": []}
        g = grade(item, result, corpus, rec.get("retrieved"))
        out.append(
            {
                "id": item["id"],
                "lang": item["lang"],
                "kind": item["kind"],
                "field": item.get("field"),
                "doc": item.get("doc"),
                "question": item["question"],
                "expected": item.get("must_include", []),
                "any_of": item.get("any_of", []),
                "must_not_include": item.get("must_not_include", []),
                "answer": result.get("answer", ""),
                "found": g["found"],
                "mode": result.get("mode", "extractive"),
                "notes": result.get("notes", []),
                "citations": result.get("citations", []),
                "error": rec.get("error"),
                "latency_ms": rec.get("latency_ms"),
                "llm_first_token_ms": rec.get("llm_first_token_ms"),
                "llm_ms": rec.get("llm_ms"),
                **g,
            }
        )
    return out


# --- summary ---------------------------------------------------------------------------------------------


def _ratio(num: float, den: float) -> float | None:
    return round(num / den, 4) if den else None


def _accuracy(rows: Iterable[dict]) -> dict:
    rows = list(rows)
    return {
        "n": len(rows),
        "correct": sum(r["correct"] for r in rows),
        "accuracy": _ratio(sum(r["correct"] for r in rows), len(rows)),
    }


def _pct(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    vs = sorted(values)
    return round(vs[min(len(vs) - 1, int(q * len(vs)))], 2)


def summarize(results: Sequence[dict]) -> dict:
    by_kind: dict[str, list] = defaultdict(list)
    by_lang: dict[str, list] = defaultdict(list)
    by_cell: dict[str, list] = defaultdict(list)
    for r in results:
        by_kind[r["kind"]].append(r)
        by_lang[r["lang"]].append(r)
        by_cell[f"{r['kind']}/{r['lang']}"].append(r)
    ranked = [r["rank"] for r in results if r["rank"] is not None]
    recalls = [r["cite_recall"] for r in results if r["cite_recall"] is not None]
    unans = [r for r in results if r["kind"] == "unanswerable"]
    answerable = [r for r in results if r["kind"] != "unanswerable"]
    lat = [r["latency_ms"] for r in results if r["latency_ms"] is not None]
    modes: dict[str, int] = defaultdict(int)
    for r in results:
        modes[r["mode"]] += 1
    good = sum(r["cites_good"] for r in results)
    bad = sum(r["cites_bad"] for r in results)
    return {
        "n": len(results),
        "accuracy": _accuracy(results)["accuracy"],
        "by_kind": {
            k: _accuracy(v)
            for k, v in sorted(by_kind.items(), key=lambda kv: KINDS.index(kv[0]) if kv[0] in KINDS else 99)
        },
        "by_lang": {k: _accuracy(v) for k, v in sorted(by_lang.items())},
        "by_kind_lang": {k: _accuracy(v) for k, v in sorted(by_cell.items())},
        "citation_precision": _ratio(good, good + bad),
        "citations_checked": good + bad,
        "citation_recall": round(statistics.fmean(recalls), 4) if recalls else None,
        "retrieval": {
            "n": len(ranked),
            "hit@1": _ratio(sum(1 for x in ranked if x == 1), len(ranked)),
            "hit@5": _ratio(sum(1 for x in ranked if 1 <= x <= 5), len(ranked)),
            "mrr": round(statistics.fmean(1 / x if x else 0.0 for x in ranked), 4) if ranked else None,
        },
        "refusal_accuracy": _accuracy(unans)["accuracy"],
        "false_refusals": sum(1 for r in answerable if not r["found"]),
        "errors": sum(1 for r in results if r["error"]),
        "latency_ms": {"median": round(statistics.median(lat), 2) if lat else None, "p95": _pct(lat, 0.95)},
        "modes": dict(modes),
        **({"llm": llm_summary(results)} if any(r["mode"] in LLM_MODES for r in results) else {}),
    }


LLM_MODES = ("llm", "llm-repaired", "extractive-fallback")


def llm_summary(results: Sequence[dict]) -> dict:
    """LLM mode: how many answers passed verification, were repaired or fell back to the extractive answer, and
    the latency of the whole answer and of the model's first token (median, p95, in ms)."""
    asked = [r for r in results if r["mode"] in LLM_MODES]
    lat = [r["latency_ms"] for r in asked if r["latency_ms"] is not None]
    ttft = [r["llm_first_token_ms"] for r in asked if r.get("llm_first_token_ms") is not None]
    return {
        "n": len(asked),
        "passed": sum(r["mode"] == "llm" for r in asked),
        "repaired": sum(r["mode"] == "llm-repaired" for r in asked),
        "fell_back": sum(r["mode"] == "extractive-fallback" for r in asked),
        "latency_ms": {"median": round(statistics.median(lat), 2) if lat else None, "p95": _pct(lat, 0.95)},
        "first_token_ms": {"median": round(statistics.median(ttft), 2) if ttft else None, "p95": _pct(ttft, 0.95)},
    }


def check_thresholds(summary: dict, thresholds: dict) -> list[str]:
    """Names every metric below its threshold; thresholds: {"accuracy": .., "citation_precision": ..,
    "refusal_accuracy": .., "kind": {"task": ..}}."""
    failures = []
    for key in ("accuracy", "citation_precision", "refusal_accuracy"):
        if key in thresholds and (summary.get(key) or 0.0) < thresholds[key]:
            failures.append(f"{key} {summary.get(key)} < {thresholds[key]}")
    for kind, floor in thresholds.get("kind", {}).items():
        got = summary["by_kind"].get(kind, {}).get("accuracy")
        if got is not None and got < floor:
            failures.append(f"{kind} accuracy {got} < {floor}")
    return failures


def compare(old: Sequence[dict], new: Sequence[dict]) -> dict:
    """Questions that went from correct to wrong (worse) and from wrong to correct (better), by id."""
    before = {r["id"]: r for r in old}
    worse, better = [], []
    for r in new:
        o = before.get(r["id"])
        if o is None:
            continue
        if o["correct"] and not r["correct"]:
            worse.append({"id": r["id"], "question": r["question"], "old": o["answer"], "new": r["answer"]})
        elif r["correct"] and not o["correct"]:
            better.append({"id": r["id"], "question": r["question"], "old": o["answer"], "new": r["answer"]})
    return {
        "worse": worse,
        "better": better,
        "only_old": sorted(set(before) - {r["id"] for r in new}),
        "only_new": sorted({r["id"] for r in new} - set(before)),
    }

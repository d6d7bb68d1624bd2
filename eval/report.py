"""`python -m eval`: run the gold set, grade it, and write report.md, results.jsonl, summary.json and a chart."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from assistant.batch import with_history
from assistant.runner import partial_path, read_jsonl, run_questions
from eval.grading import KINDS, check_thresholds, compare, grade_run, load_gold, summarize

THRESHOLDS = Path(__file__).resolve().parent / "thresholds.toml"


def load_thresholds(path: Path | None = None) -> dict:
    return tomllib.loads((path or THRESHOLDS).read_text("utf-8"))


def evaluate(
    assistant,
    out_dir: Path,
    *,
    gold: str | Path | None = None,
    old_dir: Path | None = None,
    fresh: bool = False,
    thresholds: dict | None = None,
    items: list[dict] | None = None,
) -> tuple[dict, list[str]]:
    """Runs the set through `assistant.ask` (the chat's code path) and writes the four outputs into out_dir.
    Returns the summary and the thresholds it misses."""
    items = items if items is not None else load_gold(gold)
    # the question alone, as a user asks it; a conversation's last turn with the earlier turns answered before it
    rows = [
        with_history(assistant, {"id": i["id"], "question": i["question"], "doc": None, **_turns(i)}) for i in items
    ]
    out_dir.mkdir(parents=True, exist_ok=True)
    results_path = out_dir / "results.jsonl"
    records = run_questions(assistant, rows, results_path, with_retrieval=True, fresh=fresh, desc="eval")
    results = grade_run(items, records, assistant.corpus)
    summary = summarize(results)
    llm_on = getattr(assistant, "llm", None) is not None or getattr(assistant.settings, "llm_base_url", None)
    summary["mode"] = "llm" if llm_on else "extractive"
    failures = check_thresholds(summary, thresholds if thresholds is not None else load_thresholds())
    summary["below_thresholds"] = failures
    diff = compare(read_jsonl(old_dir / "results.jsonl"), results) if old_dir else None

    with (out_dir / "results.jsonl.tmp").open("w", encoding="utf-8") as fh:
        for r in results:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    (out_dir / "results.jsonl.tmp").replace(results_path)
    partial_path(results_path).unlink(missing_ok=True)
    (out_dir / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), "utf-8")
    if diff is not None:
        (out_dir / "compare.json").write_text(json.dumps(diff, ensure_ascii=False, indent=2), "utf-8")
    chart(summary, out_dir / "accuracy_by_kind.png")
    (out_dir / "report.md").write_text(render(summary, results, diff, old_dir), "utf-8")
    return summary, failures


def _turns(item: dict) -> dict:
    return {"turns": item["turns"]} if item.get("turns") else {}


def chart(summary: dict, path: Path) -> None:
    """Grouped bars: accuracy by kind, one bar per language, with n on each bar."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    kinds = [k for k in KINDS if k in summary["by_kind"]]
    langs = sorted(summary["by_lang"])
    fig, ax = plt.subplots(figsize=(9, 4.2), dpi=110)
    width = 0.8 / max(1, len(langs))
    colors = {"zh": "#c0392b", "en": "#2c6fbb"}
    for j, lang in enumerate(langs):
        xs, ys, ns = [], [], []
        for i, k in enumerate(kinds):
            cell = summary["by_kind_lang"].get(f"{k}/{lang}")
            if cell and cell["n"]:
                xs.append(i + (j - (len(langs) - 1) / 2) * width)
                ys.append(cell["accuracy"] * 100)
                ns.append(cell["n"])
        bars = ax.bar(xs, ys, width, label=lang, color=colors.get(lang))
        for b, y, n in zip(bars, ys, ns, strict=True):
            ax.text(b.get_x() + b.get_width() / 2, y + 1, f"{y:.0f}%\nn={n}", ha="center", va="bottom", fontsize=7)
    ax.set_xticks(range(len(kinds)), kinds)
    ax.set_ylim(0, 115)
    ax.set_ylabel("answer accuracy (%)")
    ax.axhline(90, color="grey", lw=0.6, ls="--")
    ax.set_title(f"Accuracy by kind ({summary['mode']}): overall {summary['accuracy'] * 100:.1f}% of {summary['n']}")
    ax.legend(loc="lower left")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def _p(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.1f}%"


def _clip(text: str, n: int = 300) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    return text if len(text) <= n else text[: n - 1] + "…"


def render(summary: dict, results: list[dict], diff: dict | None, old_dir: Path | None) -> str:
    """report.md: the headline, accuracy by kind and language, the other metrics, every failure, the comparison."""
    s = summary
    lines = [
        f"# Evaluation report ({s['mode']} mode)",
        "",
        f"{s['n']} questions. Answer accuracy **{_p(s['accuracy'])}**; citation precision "
        f"{_p(s['citation_precision'])} ({s['citations_checked']} citations checked), citation recall "
        f"{_p(s['citation_recall'])}; refusal accuracy {_p(s['refusal_accuracy'])}; {s['false_refusals']} answerable "
        f"questions refused; {s['errors']} errors.",
        "",
        "![accuracy by kind](accuracy_by_kind.png)",
        "",
        *_accuracy_table(s, results),
        *_metrics_table(s),
    ]
    if s.get("below_thresholds"):
        lines += ["", "**Below thresholds (eval/thresholds.toml):** " + "; ".join(s["below_thresholds"])]
    lines += _failures(results)
    if diff is not None:
        lines += _comparison(diff, old_dir)
    return "\n".join(lines) + "\n"


def _cell(c: dict | None) -> str:
    return f"{_p(c['accuracy'])} ({c['correct']}/{c['n']})" if c else "—"


def _accuracy_table(s: dict, results: list[dict]) -> list[str]:
    lines = ["## Accuracy by kind and language", "", "| kind | all | zh | en |", "|---|---|---|---|"]
    for kind, cell in s["by_kind"].items():
        zh = s["by_kind_lang"].get(f"{kind}/zh")
        en = s["by_kind_lang"].get(f"{kind}/en")
        lines.append(f"| {kind} | {_cell(cell)} | {_cell(zh)} | {_cell(en)} |")
    by_lang = " | ".join(_cell(s["by_lang"].get(lang)) for lang in ("zh", "en"))
    lines.append(f"| **all** | {_p(s['accuracy'])} ({sum(r['correct'] for r in results)}/{s['n']}) | {by_lang} |")
    return lines


def _metrics_table(s: dict) -> list[str]:
    r = s["retrieval"]
    lines = [
        "",
        "## Retrieval, citations, latency",
        "",
        "| metric | value |",
        "|---|---|",
        f"| retrieval hit@1 (gold source ranked first; {r['n']} questions with a gold source) | {_p(r['hit@1'])} |",
        f"| retrieval hit@5 | {_p(r['hit@5'])} |",
        f"| retrieval MRR | {r['mrr']} |",
        f"| citation precision (exact quote, gold notice) | {_p(s['citation_precision'])} |",
        f"| citation recall (gold source cited) | {_p(s['citation_recall'])} |",
        f"| refusal accuracy (unanswerable refused) | {_p(s['refusal_accuracy'])} |",
        f"| latency median / p95 | {s['latency_ms']['median']} ms / {s['latency_ms']['p95']} ms |",
        f"| answer modes | {', '.join(f'{k}: {v}' for k, v in sorted(s['modes'].items()))} |",
    ]
    if m := s.get("llm"):
        first = m["first_token_ms"]
        lines += [
            f"| LLM answers: passed verification / repaired / fell back to extractive | "
            f"{m['passed']} / {m['repaired']} / {m['fell_back']} (of {m['n']}) |",
            f"| LLM latency median / p95 | {m['latency_ms']['median']} ms / {m['latency_ms']['p95']} ms |",
            f"| LLM time to first token median / p95 | {first['median']} ms / {first['p95']} ms |",
        ]
    return lines


def _why(x: dict) -> str:
    """Why a graded answer is wrong, in a few words."""
    why = []
    if x["error"]:
        why.append(f"error: {x['error']}")
    if x["kind"] == "unanswerable" and x["found"]:
        why.append("answered instead of refusing")
    if x["kind"] != "unanswerable" and not x["found"]:
        why.append("refused")
    if x["missing"]:
        why.append("missing " + ", ".join(x["missing"]))
    if x["missing_any_of"]:
        why.append("none of " + " / ".join("|".join(g) for g in x["missing_any_of"]))
    if x["forbidden"]:
        why.append("contains " + ", ".join(x["forbidden"]))
    return "; ".join(why)


def _failures(results: list[dict]) -> list[str]:
    wrong = [x for x in results if not x["correct"]]
    lines = ["", f"## Failures ({len(wrong)})", ""]
    if wrong:
        lines += ["| id | kind | lang | question | expected | got | why |", "|---|---|---|---|---|---|---|"]
    for x in wrong:
        expected = ", ".join(x["expected"]) or ("(a refusal)" if x["kind"] == "unanswerable" else "")
        lines.append(
            f"| {x['id']} | {x['kind']} | {x['lang']} | {_clip(x['question'], 120)} | {_clip(expected, 120)} "
            f"| {_clip(x['answer'])} | {_clip(_why(x), 160)} |"
        )
    return lines


def _comparison(diff: dict, old_dir: Path | None) -> list[str]:
    lines = ["", f"## Compared with {old_dir}", "", f"{len(diff['worse'])} worse, {len(diff['better'])} better."]
    for title, key in (("Worse", "worse"), ("Better", "better")):
        if diff[key]:
            lines += ["", f"### {title}", "", "| id | question | before | now |", "|---|---|---|---|"]
            lines += [
                f"| {d['id']} | {_clip(d['question'], 100)} | {_clip(d['old'], 160)} | {_clip(d['new'], 160)} |"
                for d in diff[key]
            ]
    return lines

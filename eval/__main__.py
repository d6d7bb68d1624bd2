"""`python -m eval`: run the gold set through the assistant (the chat's code path) and write a report.

Exit codes as the `assistant` command's: 0 ok, 1 below the thresholds with --check, 2 bad input, 130 interrupted."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import NoReturn

import click

from assistant.cli import notices_option, verbose_option
from assistant.config import Settings
from assistant.errors import AssistantError
from eval.grading import load_gold
from eval.report import evaluate

EXIT_BAD_INPUT = 2


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.1%}"


@click.command()
@click.option(
    "--set",
    "gold",
    type=click.Path(exists=True, dir_okay=False),
    help="Gold set (JSONL); default eval/questions.jsonl.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default="eval-out",
    show_default=True,
    help="Folder for report.md, results.jsonl, summary.json and accuracy_by_kind.png.",
)
@click.option(
    "--compare",
    "old_dir",
    type=click.Path(exists=True, file_okay=False),
    help="An earlier --out folder: list what got worse or better.",
)
@click.option("--check", is_flag=True, help="Exit 1 when a metric falls below eval/thresholds.toml.")
@click.option("--fresh", is_flag=True, help="Ignore the progress of an interrupted run and start again.")
@notices_option
@verbose_option
def main(
    gold: str | None,
    out_dir: str,
    old_dir: str | None,
    check: bool,
    fresh: bool,
    notices: tuple[str, ...],
    verbose: bool,
) -> None:
    """Run the gold question set through the assistant and write a report."""
    from assistant.boot import build_and_open
    from index.corpus import load_corpus

    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        settings = Settings(notices=[Path(p) for p in notices]) if notices else Settings()
    except Exception as exc:  # pydantic's ValidationError names the bad setting
        fail(f"bad configuration: {exc}")
    try:
        items = load_gold(gold)  # a malformed set fails before the index is built
        corpus = load_corpus(settings.notices)
        for err in corpus.errors:
            click.echo(f"warning: {err}", err=True)
        assistant, _ = build_and_open(settings, corpus)
        summary, failures = evaluate(
            assistant,
            Path(out_dir),
            items=items,
            old_dir=Path(old_dir) if old_dir else None,
            fresh=fresh,
        )
    except (AssistantError, ValueError) as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail("interrupted; run the same command again to resume", 130)

    click.echo(
        f"accuracy {pct(summary['accuracy'])} over {summary['n']} questions; citation precision "
        f"{pct(summary['citation_precision'])}, recall {pct(summary['citation_recall'])}; refusals "
        f"{pct(summary['refusal_accuracy'])}; hit@1 {pct(summary['retrieval']['hit@1'])}, hit@5 "
        f"{pct(summary['retrieval']['hit@5'])}; latency median {summary['latency_ms']['median']} ms"
    )
    if m := summary.get("llm"):
        click.echo(
            f"LLM mode: {m['passed']} passed verification, {m['repaired']} repaired, {m['fell_back']} fell back "
            f"(of {m['n']}); latency median {m['latency_ms']['median']} ms, p95 {m['latency_ms']['p95']} ms; "
            f"first token median {m['first_token_ms']['median']} ms"
        )
    click.echo(f"report: {Path(out_dir) / 'report.md'}")
    if failures:
        click.echo("below thresholds: " + "; ".join(failures), err=True)
        if check:
            sys.exit(1)


if __name__ == "__main__":
    main(prog_name="python -m eval")

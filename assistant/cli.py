"""The `assistant` command: a thin shell over index/ and assistant/. Exit codes: 0 ok, 1 failure, 2 bad input."""

from __future__ import annotations

import json
import logging
import sys

import click
from rich.console import Console
from rich.table import Table

from assistant.config import Settings
from assistant.errors import AssistantError
from index.corpus import Corpus, load_corpus

EXIT_BAD_INPUT = 2


class Context:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._corpus: Corpus | None = None

    @property
    def corpus(self) -> Corpus:
        if self._corpus is None:
            self._corpus = load_corpus(self.settings.notices)
            for err in self._corpus.errors:
                click.echo(f"warning: {err}", err=True)
        return self._corpus


def fail(message: str, code: int = EXIT_BAD_INPUT) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@click.group()
@click.option("--notices", "notices", multiple=True, type=click.Path(), help="Notice file or folder (repeatable); default: the bundled notices.")
@click.option("-v", "--verbose", is_flag=True, help="Log details to stderr.")
@click.pass_context
def cli(ctx: click.Context, notices: tuple[str, ...], verbose: bool) -> None:
    """Notice Assistant: answers questions about Chinese government notices, with citations."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    overrides = {"notices": list(notices)} if notices else {}
    try:
        ctx.obj = Context(Settings(**overrides))
    except Exception as exc:  # pydantic's ValidationError names the bad setting
        fail(f"bad configuration: {exc}")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.pass_obj
def notices(obj: Context, as_json: bool) -> None:
    """List the loaded notices with their metadata, one line each."""
    rows = [p.notice for p in obj.corpus.notices]
    if as_json:
        keys = ("doc_id", "title", "doc_number", "issuer", "date", "region", "aliases", "source")
        data = [{k: getattr(n, k) for k in keys} | {"tasks": len(obj.corpus.get(n.doc_id).tasks)} for n in rows]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for n in rows:
        count = len(obj.corpus.get(n.doc_id).tasks)
        click.echo(f"{n.doc_id}\t{n.doc_number or '(无文号)'}\t{n.date or '-'}\t{n.issuer or '-'}\t{n.title}\t{count} tasks\t{n.source}")


@cli.command()
@click.option("--doc", "doc", help="doc_id, region (中文 or pinyin) or 文号.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array of task objects.")
@click.pass_obj
def tasks(obj: Context, doc: str | None, as_json: bool) -> None:
    """List the task table of one notice or of all notices."""
    try:
        doc_id = obj.corpus.resolve(doc).notice.doc_id if doc else None
    except AssistantError as exc:
        fail(str(exc))
    rows = obj.corpus.tasks(doc_id)
    if as_json:
        click.echo(json.dumps([t.to_json() for t in rows], ensure_ascii=False, indent=2))
        return
    table = Table(show_lines=False)
    for col in ("doc_id", "label", "content", "lead", "responsible", "deadline", "lines"):
        table.add_column(col, overflow="fold")
    for t in rows:
        content = t.content.replace("\n", " ")
        table.add_row(t.doc_id, t.label, content[:40] + ("…" if len(content) > 40 else ""), " ".join(t.lead) or "—",
                      " ".join(t.responsible) or "—", t.deadline or "—", f"{t.start_line}-{t.end_line}")
    Console(width=200).print(table)


def main() -> None:
    try:
        cli(standalone_mode=True)
    except AssistantError as exc:
        fail(str(exc))


if __name__ == "__main__":
    main()

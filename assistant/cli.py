"""The `assistant` command: a thin shell over index/ and assistant/. Exit codes: 0 ok, 1 failure, 2 bad input."""

from __future__ import annotations

import io
import json
import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click
from rich.console import Console
from rich.table import Table

from assistant.config import Settings
from assistant.errors import AssistantError
from index.corpus import Corpus, notice_files
from index.records import ParsedNotice
from index.tasks import unread_warning
from index.uploads import DataDir

if TYPE_CHECKING:
    from assistant.records import Answer
    from assistant.service import Assistant

EXIT_BAD_INPUT = 2


class Context:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._corpus: Corpus | None = None

    @property
    def corpus(self) -> Corpus:
        if self._corpus is None:
            self._corpus = DataDir(self.settings.data_dir).load(self.settings.notices)  # with the uploads, ids kept
            for err in self._corpus.errors:
                click.echo(f"warning: {err}", err=True)
        return self._corpus


def read_stdin() -> str:
    """All of stdin as UTF-8 text (a BOM is dropped); other bytes are a one-line error, exit 2."""
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        fail(f"stdin is not UTF-8 text (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); convert it first")


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


# Options every command line of the project takes (the `assistant` group and `python -m eval`).
notices_option = click.option(
    "--notices",
    "notices",
    multiple=True,
    type=click.Path(),
    help="Notice file or folder (repeatable); default: the bundled notices.",
)
verbose_option = click.option("-v", "--verbose", is_flag=True, help="Log details to stderr.")


@click.group()
@notices_option
@verbose_option
@click.pass_context
def cli(ctx: click.Context, notices: tuple[str, ...], verbose: bool) -> None:
    """Notice Assistant: answers questions about Chinese government notices, with citations."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        ctx.obj = Context(Settings(notices=[Path(p) for p in notices]) if notices else Settings())
    except Exception as exc:  # pydantic's ValidationError names the bad setting
        fail(f"bad configuration: {exc}")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.pass_obj
def notices(obj: Context, as_json: bool) -> None:
    """List the loaded notices with their metadata, one line each."""
    rows = [p.notice for p in obj.corpus.notices]
    _warn_unread(obj.corpus.notices)
    if as_json:
        keys = ("doc_id", "title", "doc_number", "issuer", "date", "region", "aliases", "source")
        data = [{k: getattr(n, k) for k in keys} | {"tasks": len(obj.corpus.get(n.doc_id).tasks)} for n in rows]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for n in rows:
        count = len(obj.corpus.get(n.doc_id).tasks)
        click.echo(
            f"{n.doc_id}\t{n.doc_number or '(无文号)'}\t{n.date or '-'}\t{n.issuer or '-'}\t{n.title}\t"
            f"{count} tasks\t{n.source}"
        )


@cli.command()
@click.option("--doc", "doc", help="doc_id, region (中文 or pinyin) or 文号.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array of task objects.")
@click.option("--unplaced", is_flag=True, help="List the lines inside task tables that no task took, instead.")
@click.pass_obj
def tasks(obj: Context, doc: str | None, as_json: bool, unplaced: bool) -> None:
    """List the task table of one notice or of all notices."""
    try:
        doc_id = obj.corpus.resolve(doc).notice.doc_id if doc else None
    except AssistantError as exc:
        fail(str(exc))
    if unplaced:
        _print_unplaced([obj.corpus.get(doc_id)] if doc_id else obj.corpus.notices, as_json)
        return
    rows = obj.corpus.tasks(doc_id)
    _warn_unread([obj.corpus.get(doc_id)] if doc_id else obj.corpus.notices)
    if as_json:
        click.echo(json.dumps([t.to_json() for t in rows], ensure_ascii=False, indent=2))
        return
    table = Table(show_lines=False)
    for col in ("doc_id", "label", "content", "lead", "responsible", "deadline", "lines"):
        table.add_column(col, overflow="fold")
    for t in rows:
        content = t.content.replace("\n", " ")
        table.add_row(
            t.doc_id,
            t.label,
            content[:40] + ("…" if len(content) > 40 else ""),
            " ".join(t.lead) or "—",
            " ".join(t.responsible) or "—",
            t.deadline or "—",
            f"{t.start_line}-{t.end_line}",
        )
    Console(width=200).print(table)


def _warn_unread(parsed: list[ParsedNotice]) -> None:
    """On stderr, so that --json output stays machine-readable: notices whose text looks like a task table that
    gave no task."""
    for p in parsed:
        if warning := unread_warning(p):
            click.echo(f"warning: {warning}", err=True)


def _print_unplaced(parsed: list[ParsedNotice], as_json: bool) -> None:
    """The lines inside task tables that no task took (rows the parser could not read): doc_id:line<TAB>text."""
    rows = []
    for p in parsed:
        lines = p.notice.lines
        rows += [{"doc_id": p.notice.doc_id, "line": n, "text": lines[n - 1]} for n in p.unplaced]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        click.echo(f"{row['doc_id']}:{row['line']}\t{row['text']}")


def _assistant(obj: Context, *, quiet: bool = False) -> Assistant:
    from tqdm import tqdm

    from assistant.boot import build_and_open

    bar = None
    started = time.monotonic()

    def progress(done: int, total: int, doc_id: str) -> None:
        nonlocal bar
        if quiet or (bar is None and time.monotonic() - started < 1.0):
            return  # an index that is up to date syncs in well under a second: no bar for it
        if bar is None:
            bar = tqdm(total=total, initial=done - 1, desc="indexing", unit="notice", file=sys.stderr, leave=False)
        bar.update(1)
        bar.set_postfix_str(doc_id)

    a, _ = build_and_open(obj.settings, obj.corpus, progress=progress)
    if bar is not None:
        bar.close()
    return a


def print_answer(answer: Answer, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(answer.text)
    for note in answer.notes:  # how the answer was made: an LLM answer checked, repaired, or the extractive fallback
        click.echo(f"※ {note}")
    if answer.citations:
        click.echo("\n" + ("来源：" if answer.lang == "zh" else "Sources:"))
        for i, c in enumerate(answer.citations, 1):
            quote = c.quote.replace("\t", " | ").replace("\n", " ")
            quote = quote if len(quote) <= 160 else quote[:157] + "…"
            click.echo(
                f"[{i}] {c.title}{'（' + c.doc_number + '）' if c.doc_number else ''} {c.label} "
                f"{c.source}:{c.start_line}-{c.end_line}\n    “{quote}”"
            )


@cli.command()
@click.argument("question")
@click.option("--doc", "doc", help="Restrict to one notice: doc_id, region or 文号.")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.pass_obj
def ask(obj: Context, question: str, doc: str | None, as_json: bool) -> None:
    """Answer one QUESTION (Chinese or English) with citations; '-' reads it from stdin."""
    if question == "-":
        question = read_stdin()
    from assistant.understand import check_question

    try:
        check_question(question, obj.settings.max_question_chars)
        answer = _assistant(obj).ask(question, doc)
    except AssistantError as exc:
        fail(str(exc))
    print_answer(answer, as_json)


@cli.command()
@click.option("--doc", "doc", help="Restrict to one notice: doc_id, region or 文号.")
@click.option("--json", "as_json", is_flag=True, help="Print each answer as one line of JSON.")
@click.pass_obj
def chat(obj: Context, doc: str | None, as_json: bool) -> None:
    """A conversation: one question per line of stdin, each answered in the context of the ones before
    ("那第18项呢？" after "柞水县第17项任务由谁牵头？"). '/new' starts a new conversation; '/quit' or end of input
    ends."""
    from assistant.conversation import MAX_TURNS, Turn
    from assistant.footnotes import with_sources

    assistant = _assistant(obj)
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", errors="surrogateescape")  # a bad line: 400
    interactive = sys.stdin.isatty()
    history: list[Turn] = []
    if interactive:
        click.echo("每行一个问题；/new 开始新对话，/quit 退出。 One question per line; /new starts over, /quit ends.")
    while True:
        if interactive:
            click.echo("> ", nl=False)
        line = stdin.readline()
        if not line or line.strip() in ("/quit", "/exit"):
            return
        question = line.strip()
        if not question:
            continue
        if question == "/new":
            history = []
            click.echo("（新对话 / new conversation）" if not as_json else json.dumps({"new": True}))
            continue
        try:
            answer = assistant.ask(question, doc, history[-MAX_TURNS:])
        except AssistantError as exc:
            click.echo(f"error: {exc}", err=True)
            continue
        history += [Turn("user", question), Turn("assistant", answer.text, answer.understood)]
        if as_json:
            click.echo(json.dumps(answer.to_json(), ensure_ascii=False))
        else:
            click.echo(with_sources(answer) + "\n")


@cli.command("index")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--rebuild", is_flag=True, help="Drop the index and embed everything again.")
@click.option("--replace", is_flag=True, help="A file with the 文号 of a loaded notice takes that notice's place.")
@click.pass_obj
def index_cmd(obj: Context, paths: tuple[str, ...], rebuild: bool, replace: bool) -> None:
    """Build or update the search index (incremental: unchanged notices are skipped).

    With PATHs, their notices are added to the data directory's index beside the others, as uploads are (recorded,
    removable with DELETE /api/uploads/DOC_ID): a copy of a loaded notice is skipped, a 文号 already loaded is refused
    unless --replace."""
    from tqdm import tqdm

    from index.build import build, index_dir
    from index.embed import make_embedder

    if paths:
        _add_files(obj, [Path(p) for p in paths], replace=replace)
        return
    corpus = obj.corpus
    if not corpus.notices:
        fail("no notices could be loaded")
    embedder = make_embedder(obj.settings.embedder, allow_download=obj.settings.allow_model_download)
    with tqdm(total=len(corpus.notices), desc="indexing", unit="notice", file=sys.stderr) as bar:

        def progress(done: int, total: int, doc_id: str) -> None:
            bar.update(1)
            bar.set_postfix_str(doc_id)

        idx, report = build(corpus, obj.settings.data_dir, embedder, rebuild=rebuild, progress=progress)
    DataDir(obj.settings.data_dir).pin(corpus)
    click.echo(
        f"added {len(report.added)}, updated {len(report.updated)}, removed {len(report.removed)}, "
        f"unchanged {len(report.skipped)}; {len(idx.chunks())} chunks in {index_dir(obj.settings.data_dir)}"
    )


def _add_files(obj: Context, paths: list[Path], *, replace: bool) -> None:
    """Each file added as an upload is (same checks, a record with who = cli); exit 2 when none could be added."""
    from assistant.web.state import UploadRejected, WebState

    state = WebState(obj.settings)
    state.build_now()  # the index as it stands, synced, before anything is added
    if state.progress.phase != "ready":
        fail(f"the index could not be opened: {state.progress.error}", 1)
    added = refused = 0
    for path in notice_files(paths):
        try:
            info = state.add_notice(path.name, path.read_bytes(), who="cli", replace=replace)
        except UploadRejected as exc:
            click.echo(f"skipped {path}: {exc}", err=True)
            refused += 1
            continue
        added += 1
        replaced = f", in place of {info['replaced']}" if info.get("replaced") else ""
        click.echo(f"added {path} as {info['doc_id']} ({info['tasks']} tasks{replaced})")
    click.echo(f"{added} added, {refused} skipped; {len(state.assistant().corpus.notices)} notices in the index")
    if not added:
        sys.exit(EXIT_BAD_INPUT)


@cli.command()
@click.argument("infile", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "-o", "--out", "outfile", required=True, type=click.Path(dir_okay=False), help="JSONL or CSV (by extension)."
)
@click.option("--fresh", is_flag=True, help="Ignore the progress of an interrupted run and start again.")
@click.pass_obj
def batch(obj: Context, infile: str, outfile: str, fresh: bool) -> None:
    """Answer every question of INFILE (JSONL or CSV with id, question) into OUT, with a progress bar.

    Interrupted (Ctrl-C, crash)? Run the same command again: finished questions are not asked again."""
    from assistant.batch import run_batch

    try:
        n, failed = run_batch(_assistant(obj, quiet=True), infile, outfile, fresh=fresh)
    except AssistantError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail("interrupted; run the same command again to resume", 130)
    click.echo(f"{n} answered, {failed} refused as bad input -> {outfile}", err=True)


def main() -> None:
    try:
        cli(standalone_mode=True)
    except AssistantError as exc:
        fail(str(exc))


if __name__ == "__main__":
    main()

"""Every example in README.md and docs/*.md is run, so the docs stay true.

Each fenced ```bash block is a list of commands (a trailing backslash continues a line; comments are dropped):
- `assistant …`, `python -m eval …`, `printf …` (files an example reads) and other local commands run for real, one
  block at a time in a scratch folder, on a copy of the session's bundled index (`bundled_assistant` in
  tests/conftest.py). `assistant …` (the console script's function) and `python -m MODULE …` run in this
  interpreter through their real entry points, with their own argv, environment, folder, stdin (a pipe's output),
  stdout, stderr and exit code, so imports and the embedder load once per session; anything else runs in bash;
- `curl …` commands, and the ```python client example, run against a real `python app.py` on a free port, its URL
  put in place of 127.0.0.1:7860, in a thread while the local blocks run;
- `python app.py …` itself and the README's two set-up commands are checked structurally (they start a server or
  install): README holds the set-up block verbatim, `.ci/run` runs command 2, app.py takes the options shown.
A block that cannot run here (an external LLM server) says so on a line `# (not run by tests/test_docs.py: why)`.
The slowest example, `python -m eval --out eval-out --check` (the whole gold set), is not run twice: the CI gate's
run of that very command (`gold_example` in tests/conftest.py, a process of its own over a copy of the bundled index)
is checked here as that example's run."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import runpy
import shlex
import shutil
import socket
import subprocess
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import entry_points
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import GOLD_EXAMPLE, ExampleRun, wait_ready

REPO = Path(__file__).resolve().parents[1]
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
SKIP = re.compile(r"^# \(not run by tests/test_docs\.py: (.+)\)$", re.M)
SERVER = re.compile(r"^(?:[A-Z_]+=\S+ )*python app\.py(?: --host \S+)?(?: --port \d+)?$")
DOCUMENTED_URL = "http://127.0.0.1:7860"
SETUP = """\
# 1. create a virtual environment, install, and start the web chat on the bundled notices: open http://127.0.0.1:7860/
python3 -m venv .venv && . .venv/bin/activate && pip install -e . && python app.py

# 2. the tests, in the same virtual environment
python3 -m venv .venv && . .venv/bin/activate && bash tests/setup.sh && python -m pytest
"""
TEST_COMMAND = SETUP.strip().splitlines()[-1]
# what a sensible answer to an example question holds (checked wherever the question appears in a command)
FACTS = {
    r"(ask|chat).*柞水县第17项任务由谁牵头|柞水县第17项任务由谁牵头.*chat": "县司法局",
    r"ask.*task 17 in the Zhashui list": "县司法局",
    r"ask --doc 宜阳": "存在问题6",
    r"/api/notices": "zhashui-2024",
    r"tasks --doc 柞水": "zhashui-2024",
    r"^assistant notices$": "柞政办函〔2024〕54号",
    r"^ASSISTANT_NOTICES=eval/blind/notices/004": "zheling",
    r"python -m eval": "accuracy",
    r"/v1/models": "notice-assistant",
    r"widget-host\.html": "widget.js",
    r"tongxi.*/api/upload$": "tongxi-2025",
}


@dataclass
class Block:
    page: str
    number: int  # its place among the page's bash blocks, from 1
    lang: str
    text: str

    @property
    def id(self) -> str:
        return f"{self.page}#{self.number}"

    def commands(self) -> list[str]:
        """One entry per shell command: backslash continuations joined, a quoted string may span lines."""
        found: list[str] = []
        pending = ""
        for line in re.sub(r"\\\n\s*", "", self.text).splitlines():
            if not pending and (not line.strip() or line.lstrip().startswith("#")):
                continue
            pending = f"{pending}\n{line}" if pending else line.strip()
            try:
                shlex.split(pending)
            except ValueError:  # an open quote: the command goes on
                continue
            found.append(pending)
            pending = ""
        assert not pending, f"{self.id}: unclosed quote in {pending!r}"
        return found


def blocks(lang: str) -> list[Block]:
    found = []
    for page in PAGES:
        name = page.relative_to(REPO).as_posix()
        fenced = re.findall(r"^```(\w*)\n(.*?)^```", page.read_text("utf-8"), re.M | re.S)
        found += [Block(name, i, lang, text) for i, (_, text) in enumerate((b for b in fenced if b[0] == lang), 1)]
    return found


def kind(block: Block) -> str:
    if block.text == SETUP:
        return "setup"
    if SKIP.search(block.text):
        return "skipped"
    if block.lang == "python":
        return "http"
    commands = block.commands()
    if all(SERVER.match(c) for c in commands):
        return "server"
    if any(SERVER.match(c) for c in commands):
        return "mixed"
    return "http" if any(c.startswith("curl ") for c in commands) else "local"


BASH = blocks("bash")
PYTHON = blocks("python")
RUN_LOCAL = [b for b in BASH if kind(b) == "local"]
RUN_HTTP = [b for b in BASH + PYTHON if kind(b) == "http"]


@dataclass
class Ran:
    command: str
    returncode: int
    stdout: str
    stderr: str


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory, bundled_assistant):
    """A bin folder whose `python` is this interpreter and whose `assistant` is `python -m assistant.cli` (the
    console script's target), for the commands bash runs, and a copy of the session's bundled index to copy once
    more for each block."""
    root = tmp_path_factory.mktemp("docs")
    bin_dir = root / "bin"
    bin_dir.mkdir()
    for name, command in (("python", ""), ("python3", ""), ("assistant", "-m assistant.cli")):
        (bin_dir / name).write_text(f'#!/bin/sh\nexec "{sys.executable}" {command} "$@"\n'.replace("  ", " "))
        (bin_dir / name).chmod(0o755)
    index = root / "bundled-state"
    shutil.copytree(bundled_assistant.settings.data_dir, index)
    return root, bin_dir, index


def workspace(scratch, name: str) -> tuple[Path, dict[str, str]]:
    """A folder to run one block in (eval/ reachable as in the checkout) and its environment, with its own state."""
    root, bin_dir, index = scratch
    cwd = root / name
    cwd.mkdir()
    (cwd / "eval").symlink_to(REPO / "eval")
    state = root / f"{name}-state"
    shutil.copytree(index, state)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "LLM_"))}
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        ASSISTANT_DATA_DIR=str(state),
        ASSISTANT_CONFIG=str(root / "no-config.toml"),
        PYTHONPATH=str(REPO),
    )
    return cwd, env


def bash(command: str, cwd: Path, env: dict[str, str], stdin: bytes | None = None) -> Ran:
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], cwd=cwd, env=env, input=stdin, capture_output=True, timeout=300
    )
    return Ran(command, done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))


def unquoted(command: str) -> list[tuple[int, str]]:
    """(position, character) of each shell operator character outside quotes."""
    found, quote, escaped = [], None, False
    for i, ch in enumerate(command):
        if escaped:
            escaped = False
        elif ch == "\\" and quote != "'":
            escaped = True
        elif quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "|&;<>()`$":
            found.append((i, ch))
    return found


def entry_point(words: list[str]) -> tuple[str, object, list[str]] | None:
    """What a command runs in this interpreter: the `assistant` console script's function, or the module of
    `python -m MODULE`; None for anything else (bash runs it)."""
    if words[0] == "assistant":
        (script,) = entry_points(group="console_scripts", name="assistant")
        return "assistant", script.load(), words[1:]
    if words[0] in ("python", "python3") and len(words) > 2 and words[1] == "-m":
        return words[2], words[2], words[3:]
    return None


def in_process(command: str, cwd: Path, env: dict[str, str]) -> Ran | None:
    """Run `[VAR=value …] assistant …` or `python -m MODULE …`, optionally fed by a pipe, through its real entry
    point in this interpreter (imports and the embedder are loaded once per session), as the process would run:
    its own argv, environment, working folder, stdin, stdout, stderr and exit code. None: bash must run it."""
    operators = unquoted(command)
    if any(ch != "|" for _, ch in operators) or any(b - a == 1 for (a, _), (b, _) in pairwise(operators)):
        return None  # redirections, `||`, `&&`, `;`, substitutions: bash
    producer, consumer = (command[: operators[-1][0]], command[operators[-1][0] + 1 :]) if operators else ("", command)
    words = shlex.split(consumer)
    assigned = {}
    while words and re.fullmatch(r"[A-Za-z_]\w*=.*", words[0]):
        name, _, value = words.pop(0).partition("=")
        assigned[name] = value
    target = entry_point(words) if words else None
    if target is None:
        return None
    stdin, stderr = b"", ""
    if producer.strip():
        fed = bash(producer, cwd, env)
        if fed.returncode:
            return Ran(command, fed.returncode, "", fed.stderr)
        stdin, stderr = fed.stdout.encode("utf-8"), fed.stderr
    prog, run, argv = target
    overrides: dict[str, str | None] = {k: None for k in os.environ if k.startswith(("ASSISTANT_", "LLM_"))}
    overrides.update({k: v for k, v in env.items() if k.startswith(("ASSISTANT_", "LLM_"))}, **assigned)
    handlers, level, old_argv = logging.root.handlers[:], logging.root.level, sys.argv
    code = 0
    with CliRunner().isolation(input=stdin, env=overrides) as (out, err, _), contextlib.chdir(cwd):
        sys.argv = [prog, *argv]
        try:
            run() if callable(run) else runpy.run_module(run, run_name="__main__", alter_sys=True)
        except SystemExit as exc:
            if isinstance(exc.code, int) or exc.code is None:
                code = exc.code or 0
            else:
                print(exc.code, file=sys.stderr)
                code = 1
        except BaseException:  # as an uncaught exception ends the process: its traceback on stderr, exit 1
            traceback.print_exc()
            code = 1
        finally:
            sys.argv = old_argv
            logging.root.handlers[:], logging.root.level = handlers, level  # none left writing to the closed stderr
            sys.stdout.flush()
            sys.stderr.flush()
        stdout, stderr = out.getvalue().decode("utf-8", "replace"), stderr + err.getvalue().decode("utf-8", "replace")
    return Ran(command, code, stdout, stderr)


def run_block(
    block: Block, cwd: Path, env: dict[str, str], url: str = DOCUMENTED_URL, local: bool = False
) -> list[Ran]:
    """The block's commands one after another, in this interpreter where `local` and the command allows (see
    in_process), else by bash; stops at the first that fails."""
    if block.lang == "python":
        text = block.text.replace(DOCUMENTED_URL, url)
        done = subprocess.run(
            [sys.executable, "-c", text], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
        )
        return [Ran(text, done.returncode, done.stdout, done.stderr)]
    ran = []
    for command in block.commands():
        command = command.replace(DOCUMENTED_URL, url)
        ran.append((local and in_process(command, cwd, env)) or bash(command, cwd, env))
        if ran[-1].returncode:
            break
    return ran


def start_app(scratch) -> tuple[subprocess.Popen, str, Path, dict[str, str]]:
    """`python app.py --port P` for real, on a copy of the bundled index (not waited for)."""
    cwd, env = workspace(scratch, "app")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "app.py"), "--port", str(port)],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return proc, f"http://127.0.0.1:{port}", cwd, env


@pytest.fixture(scope="module")
def runs(scratch, gold_example: ExampleRun) -> dict[str, list[Ran]]:
    """Every example, by block id. `python app.py` starts first and, once ready, the HTTP blocks run against it
    (curl and the client example, one after another in a thread) while the local blocks run here, one at a time
    through the real entry points, each in its own folder and data directory; a local block shown on two pages
    runs once, and the block that is just GOLD_EXAMPLE is the gate's run of it."""
    proc, url, cwd, env = start_app(scratch)
    gold = gold_example

    def http() -> dict[str, list[Ran]]:
        wait_ready(url, proc, what="python app.py")
        return {b.id: run_block(b, cwd, env, url) for b in RUN_HTTP}

    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            served = pool.submit(http)
            done: dict[str, list[Ran]] = {
                f"{GOLD_EXAMPLE}\n": [Ran(gold.command, gold.returncode, gold.stdout, gold.stderr)]
            }
            for block in RUN_LOCAL:
                if block.text not in done:
                    cwd_, env_ = workspace(scratch, block.id.replace("/", "-").replace("#", "-"))
                    done[block.text] = run_block(block, cwd_, env_, local=True)
            found = {b.id: done[b.text] for b in RUN_LOCAL}
            return found | served.result()
    finally:
        proc.terminate()
        proc.wait(10)


def check(ran: list[Ran], block: Block) -> None:
    assert ran, f"{block.id} has no command"
    for r in ran:
        where = f"{block.id}: `{r.command}`"
        assert r.returncode == 0, f"{where} exited {r.returncode}\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}"
        assert "Traceback" not in r.stderr, f"{where}\n{r.stderr[-2000:]}"
        if re.search(r"(?<![-\d])>\s*\S+$", r.command):
            continue  # writes a file the next command reads
        assert (r.stdout + r.stderr).strip(), f"{where} printed nothing"  # batch reports on stderr
        if r.command.startswith("curl ") and r.stdout.lstrip().startswith("{"):
            body = json.loads(r.stdout)
            assert "error" not in body, f"{where} answered {body}"
        for cue, fact in FACTS.items() if block.lang == "bash" else ():
            if re.search(cue, r.command):
                assert fact in r.stdout, f"{where} does not say {fact!r}:\n{r.stdout[:2000]}"


def test_readme_fits_on_a_screen_and_holds_the_two_commands_verbatim():
    readme = (REPO / "README.md").read_text("utf-8")
    assert len(readme.encode("utf-8")) <= 8192, f"README.md is {len(readme.encode())} bytes"
    assert f"```bash\n{SETUP}```" in readme
    assert (REPO / "docs" / "img" / "chat.png").is_file() and "](docs/img/chat.png)" in readme


def test_ci_runs_exactly_the_readme_test_command():
    lines = (REPO / ".ci" / "run").read_text("utf-8").splitlines()
    assert lines[0] == "#!/usr/bin/env bash"
    assert "set -euo pipefail" in lines and 'cd "$(dirname "$0")/.."' in lines
    commands = [line for line in lines if line.strip() and not line.startswith("#")]
    assert commands[-1] == TEST_COMMAND


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_link_to_a_file_and_its_heading_exists(page):
    text = page.read_text("utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if target.startswith(("http://", "https://")):
            continue
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        assert file.exists(), f"{page.name} links to {target}, which does not exist"
        if anchor and file.suffix == ".md":
            headings = re.findall(r"^#+ (.+)$", file.read_text("utf-8"), re.M)
            slugs = {re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-") for h in headings}
            assert anchor in slugs, f"{page.name} links to {target}: no such heading"


def test_every_doc_page_is_linked_from_the_readme():
    readme = (REPO / "README.md").read_text("utf-8")
    for page in PAGES[1:]:
        assert f"(docs/{page.name}" in readme, f"README.md does not link docs/{page.name}"


def test_every_block_is_run_or_says_why_not():
    kinds = {b.id: kind(b) for b in BASH}
    assert "mixed" not in kinds.values(), f"a block mixes `python app.py` with other commands: {kinds}"
    assert list(kinds.values()).count("setup") == 1
    skipped = [b for b in BASH if kinds[b.id] == "skipped"]
    assert len(skipped) <= 3, f"keep the examples that cannot run few: {[b.id for b in skipped]}"
    assert RUN_LOCAL and RUN_HTTP


def test_the_server_command_takes_the_options_shown():
    shown = {c for b in BASH if kind(b) == "server" for c in b.commands()}
    assert shown
    done = subprocess.run([sys.executable, str(REPO / "app.py"), "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "--host" in done.stdout and "--port" in done.stdout
    for command in shown:
        for variable in re.findall(r"([A-Z_]+)=", command):
            assert variable.startswith("ASSISTANT_") or variable.startswith("LLM_"), command


@pytest.mark.parametrize("block", RUN_LOCAL, ids=lambda b: b.id)
def test_local_example_runs(block, runs):
    check(runs[block.id], block)


@pytest.mark.parametrize("block", RUN_HTTP, ids=lambda b: b.id)
def test_http_example_runs_against_python_app(block, runs):
    check(runs[block.id], block)

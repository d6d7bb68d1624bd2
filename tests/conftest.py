import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assistant.config import BUNDLED_NOTICES
from index.corpus import Corpus, load_corpus

REPO = Path(__file__).resolve().parents[1]


class Early:
    """Work started at the beginning of the session in one background thread, its result taken by the fixture that
    needs it: the tiny LLM's answers (~45 s of one core) or a wheel build run while the tests use the other core."""

    def __init__(self, pool: ThreadPoolExecutor) -> None:
        self.pool = pool
        self.futures: dict[str, Future] = {}
        self.stops: dict[str, Callable[[Any], None]] = {}

    def submit(self, name: str, fn: Callable[..., Any], *args: Any) -> None:
        self.futures[name] = self.pool.submit(fn, *args)

    def launch(self, name: str, start: Callable[..., Any], stop: Callable[[Any], None], *args: Any) -> None:
        """`start(*args)` run now, in this thread, for work that goes on by itself (a server process starting: not
        queued behind the thread's work); its result is taken by `result`, or passed to `stop` at the session's
        end if no test took it."""
        future: Future = Future()
        future.set_result(start(*args))
        self.futures[name] = future
        self.stops[name] = stop

    def stop_leftovers(self) -> None:
        for name, stop in self.stops.items():
            if name in self.futures:
                stop(self.futures.pop(name).result())

    def result(self, name: str, fn: Callable[..., Any], *args: Any) -> Any:
        """The result of the work started early under `name`, or of `fn(*args)` run now if none was."""
        future = self.futures.pop(name, None)
        return future.result() if future is not None else fn(*args)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A module whose work starts early (EARLY, see _slow_work_starts_early) runs last, when that work is done."""
    items.sort(key=lambda item: hasattr(getattr(item, "module", None), "EARLY"))


@pytest.fixture(scope="session")
def early() -> Iterator[Early]:
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="early") as pool:
        early = Early(pool)
        try:
            yield early
        finally:
            early.stop_leftovers()


@pytest.fixture(scope="session", autouse=True)
def _slow_work_starts_early(request: pytest.FixtureRequest, early: Early, _embed_each_batch_once: None) -> None:
    """A test module that defines EARLY (fixture names) and start_early(request, early) gets its slow work started at
    the session's first test, if one of its selected tests uses one of those fixtures. When starting fails (no
    local model: skip or fail), nothing is started here and the fixture itself meets the failure at its own test."""
    modules = {}
    for item in request.session.items:
        module = getattr(item, "module", None)
        if set(getattr(module, "EARLY", ())) & set(getattr(item, "fixturenames", ())):
            modules[module.__name__] = module
    for module in modules.values():
        try:
            module.start_early(request, early)
        except (Exception, pytest.skip.Exception, pytest.fail.Exception):
            pass


# what no test sees (_isolated_state), nor a process started for a test before it runs (isolated_environ)
UNSET = (
    "ASSISTANT_NOTICES",
    *(
        f"{prefix}{name}"
        for name in ("LLM_BASE_URL", "LLM_MODEL", "LLM_API_KEY", "LLM_PROVIDER", "LLM_TIMEOUT")
        for prefix in ("", "ASSISTANT_")
    ),
)


def wait_ready(
    url: str, proc: subprocess.Popen | None = None, *, timeout: float = 120, what: str = "the server"
) -> None:
    """Until `url`/healthz says ready; fails when `proc` (the server's process, if it has one) exits or `timeout`
    seconds pass first."""
    import httpx

    deadline = time.time() + timeout
    while True:
        try:
            if httpx.get(url + "/healthz", timeout=2).json()["status"] == "ready":
                return
        except (httpx.HTTPError, ValueError):
            pass
        assert proc is None or proc.poll() is None, f"{what} exited"
        assert time.time() < deadline, f"{what} did not become ready in {timeout:g} s"
        time.sleep(0.2)


def python_child(script: str, *args: str, environ: dict[str, str]) -> subprocess.Popen:
    """`python -c script args…` run from the checkout, its output read as UTF-8 text: the work tests hand to a child
    started early (Early.launch)."""
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=REPO,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def stop_child(proc: subprocess.Popen) -> None:
    proc.kill()
    proc.communicate()


def bundled_index_copy(request: pytest.FixtureRequest, name: str) -> Path:
    """A copy of the session's bundled index for a child to open (a child never writes the session's own)."""
    source = request.getfixturevalue("bundled_assistant").settings.data_dir
    return copy_index(source, request.getfixturevalue("tmp_path_factory").mktemp(name))


def copy_index(source: Path, root: Path) -> Path:
    """A data dir at `root` holding a copy of data dir `source`'s committed index: a server over it is ready in
    seconds."""
    shutil.copytree(source / "index", root / "index")
    return root


@contextmanager
def read_only(path: Path):
    """Makes `path` unwritable for this process: modes for a normal user, the immutable flag for root."""
    subprocess.run(["chmod", "-R", "a-w", str(path)], check=True)
    probe = path / ".probe"
    try:
        probe.write_bytes(b"")
        probe.unlink()
        flagged = subprocess.run(["chattr", "-R", "+i", str(path)], capture_output=True).returncode == 0
        if not flagged:
            subprocess.run(["chmod", "-R", "u+w", str(path)], check=True)
            pytest.skip("cannot make a folder read-only here (root without chattr)")
    except PermissionError:
        flagged = False
    try:
        yield
    finally:
        if flagged:
            subprocess.run(["chattr", "-R", "-i", str(path)], check=True)
        subprocess.run(["chmod", "-R", "u+w", str(path)], check=True)


def isolated_environ(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """os.environ as a test sees it (_isolated_state), for a process started early, before the test that uses it."""
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env["ASSISTANT_DATA_DIR"] = str(tmp_path_factory.mktemp("state"))
    env["ASSISTANT_CONFIG"] = str(tmp_path_factory.mktemp("cfg") / "none.toml")
    return env


# README's evaluation example, the whole gold set with the CI gate's thresholds. One run serves two tests: the gate
# (tests/eval/test_eval.py) reads its summary, tests/test_docs.py checks it as the example it is.
GOLD_EXAMPLE = "python -m eval --out eval-out --check"


@dataclass
class ExampleRun:
    """A documented command run for real: where, and what it printed and returned."""

    command: str
    cwd: Path
    returncode: int
    stdout: str
    stderr: str


def start_gold_example(request: pytest.FixtureRequest) -> tuple[subprocess.Popen, Path]:
    """GOLD_EXAMPLE as a user runs it (its own process, in a folder where eval/ is reachable as in the checkout) over
    a copy of the session's bundled index, niced: the tests' own thread keeps its core, this child takes what is
    left."""
    factory = request.getfixturevalue("tmp_path_factory")
    env = isolated_environ(factory)
    env.update(ASSISTANT_DATA_DIR=str(bundled_index_copy(request, "gold-state")), PYTHONPATH=str(REPO))
    cwd = factory.mktemp("gold-example")
    (cwd / "eval").symlink_to(REPO / "eval")
    python, *args = shlex.split(GOLD_EXAMPLE)
    assert python == "python"
    proc = subprocess.Popen(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        preexec_fn=lambda: os.nice(10),
    )
    return proc, cwd


def stop_gold_example(started: tuple[subprocess.Popen, Path]) -> None:
    stop_child(started[0])


@pytest.fixture(scope="session")
def gold_example(request: pytest.FixtureRequest, early: Early) -> ExampleRun:
    """GOLD_EXAMPLE's run: started at the session's first test if tests/eval/test_eval.py's gate is selected (its
    start_early), else now."""
    proc, cwd = early.result("gold", start_gold_example, request)
    stdout, stderr = proc.communicate(timeout=900)
    return ExampleRun(GOLD_EXAMPLE, cwd, proc.returncode, stdout, stderr)


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path_factory, monkeypatch):
    """Every test gets its own data directory and no stray config file or notice override."""
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("ASSISTANT_CONFIG", str(tmp_path_factory.mktemp("cfg") / "none.toml"))
    for name in UNSET:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session", autouse=True)
def _embed_each_batch_once():
    """The same notices are indexed by several fixtures (the bundled index, tests/index/test_store.py's, the web
    server's, the upload copies): a batch of texts the session has embedded already is not embedded again. Only an
    identical call is reused (the model is a pure function of its batch); any other batch still runs the model."""
    from index.embed import UseMultilingualEmbeddings

    embed = UseMultilingualEmbeddings.embed_documents
    seen: dict[tuple[str, ...], list[list[float]]] = {}

    def embed_documents(self: UseMultilingualEmbeddings, texts: list[str]) -> list[list[float]]:
        key = tuple(texts)
        if key not in seen:
            seen[key] = embed(self, list(key))
        return [list(v) for v in seen[key]]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(UseMultilingualEmbeddings, "embed_documents", embed_documents)
        yield


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus([BUNDLED_NOTICES])


@pytest.fixture(scope="session")
def bundled() -> Path:
    return BUNDLED_NOTICES


@pytest.fixture(scope="session")
def bundled_assistant(tmp_path_factory, corpus):
    """One extractive Assistant over the bundled notices, its real index built once for the session."""
    from assistant.boot import build_and_open
    from assistant.config import Settings

    assistant, _ = build_and_open(Settings(data_dir=tmp_path_factory.mktemp("bundled-index")), corpus)
    return assistant

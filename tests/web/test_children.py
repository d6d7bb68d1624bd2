"""Children die with the server (issue 29, item 8): the processes `python app.py` starts (the embedding worker an
upload starts and multiprocessing's helper beside it) are gone within seconds of the server's death, whether it is
killed (`kill -9`) or stopped (SIGTERM)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import Early, copy_index, isolated_environ, wait_ready
from tests.web.conftest import REPO, free_port

NOTICE = "示例县人民政府办公室关于印发{title}的通知\n示政办〔2025〕{n}号\n\n一、开展第{n}轮专项检查并形成报告。\n"


def alive(pid: int) -> bool:
    """The process exists and is not a zombie (an orphan's zombie waits for a reaper that may never come)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def descendants(pid: int) -> set[int]:
    """Every living process below `pid`, from /proc."""
    parent_of: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent_of[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                pass
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parent_of.items() if parent in frontier} - found
        found |= frontier
    return {p for p in found if alive(p)}


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def launch(data_dir: Path, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """`python app.py` on a free port over `data_dir`, as an operator starts it (loopback: uploads open); not waited
    for."""
    port = free_port()
    env = {**env, "ASSISTANT_DATA_DIR": str(data_dir), "GRADIO_ANALYTICS_ENABLED": "False"}
    proc = subprocess.Popen(
        [sys.executable, "app.py", "--port", str(port)], cwd=REPO, env=env, stdout=subprocess.DEVNULL
    )
    return proc, f"http://127.0.0.1:{port}"


def kill(started: tuple[subprocess.Popen, str]) -> None:
    proc = started[0]
    if proc.poll() is None:
        proc.kill()
    proc.wait(10)


# Each test's server (~7-14 s of start-up, mostly imports) starts at the session's first test (tests/conftest.py's
# Early.launch), both at once, and is ready when the test comes; the test still kills or stops its own.
EARLY = ("app_server",)


def start_early(request: pytest.FixtureRequest, early: Early) -> None:
    factory = request.getfixturevalue("tmp_path_factory")
    source = request.getfixturevalue("bundled_assistant").settings.data_dir
    for item in request.session.items:
        if getattr(item, "module", None) is sys.modules[__name__] and "app_server" in item.fixturenames:
            data_dir = copy_index(source, factory.mktemp("data"))
            early.launch(f"app_server {item.nodeid}", launch, kill, data_dir, isolated_environ(factory))


@pytest.fixture
def app_server(request: pytest.FixtureRequest, early: Early, tmp_path: Path) -> Iterator[tuple[subprocess.Popen, str]]:
    """The test's own `python app.py` over a copy of the session's bundled index, started early if it could be
    (see start_early), else now; ready to answer."""

    def now() -> tuple[subprocess.Popen, str]:
        source = request.getfixturevalue("bundled_assistant").settings.data_dir
        return launch(copy_index(source, tmp_path / "data"), dict(os.environ))

    started = early.result(f"app_server {request.node.nodeid}", now)
    proc, url = started
    try:
        wait_ready(url, proc, timeout=60)
        yield proc, url
    finally:
        kill(started)


def upload(url: str, n: int) -> httpx.Response | None:
    """A small notice uploaded; None if the server died before answering."""
    body = NOTICE.format(title=f"第{n}轮检查方案", n=n).encode()
    try:
        return httpx.post(url + "/api/upload", files={"file": (f"n{n}.txt", body)}, timeout=60)
    except httpx.HTTPError:
        return None


def embedding_worker(server: subprocess.Popen, timeout: float = 30) -> set[int]:
    """The server's children once its embedding worker (a multiprocessing spawn) is running."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        kids = descendants(server.pid)
        if any("multiprocessing" in cmdline(p) for p in kids):
            return kids
        time.sleep(0.05)
    raise AssertionError(f"no embedding worker started; the server's children: {[cmdline(p) for p in kids]}")


def gone_within(pids: set[int], seconds: float) -> set[int]:
    """Those of `pids` still alive after `seconds`."""
    deadline = time.time() + seconds
    while time.time() < deadline and any(alive(p) for p in pids):
        time.sleep(0.05)
    return {p for p in pids if alive(p)}


def test_children_die_when_the_server_is_killed(app_server: tuple[subprocess.Popen, str]) -> None:
    """kill -9 while the worker is busy with an upload: the worker and its helper exit on their own."""
    server, url = app_server
    threading.Thread(target=upload, args=(url, 1), daemon=True).start()
    kids = embedding_worker(server)
    server.send_signal(signal.SIGKILL)
    server.wait(5)
    left = gone_within(kids, 5)
    assert not left, f"still alive 5 s after kill -9 of the server: {[cmdline(p) for p in left]}"


def test_children_die_when_the_server_stops(app_server: tuple[subprocess.Popen, str]) -> None:
    """SIGTERM once an upload is done (the worker idles, waiting for the next): the server stops and takes its
    children with it."""
    server, url = app_server
    r = upload(url, 2)
    assert r is not None and r.status_code == 200
    kids = embedding_worker(server)
    server.send_signal(signal.SIGTERM)
    server.wait(10)
    left = gone_within(kids, 5)
    assert not left, f"still alive 5 s after the server stopped: {[cmdline(p) for p in left]}"


def test_a_subprocess_handed_a_lifeline_exits_when_it_breaks() -> None:
    """The PDF reader's way (index/loaders.py): a subprocess given a lifeline's descriptor in `lifeline.ENV` exits
    once the write end is closed (a pipe of the test's own: cutting the process-wide one would stop other tests'
    embedding workers)."""
    from multiprocessing import Pipe

    from index import lifeline

    read, write = Pipe(duplex=False)
    child = subprocess.Popen(
        [sys.executable, "-c", "import time; from index import lifeline; lifeline.watch(); time.sleep(60)"],
        cwd=REPO,
        env={**os.environ, lifeline.ENV: str(read.fileno())},
        pass_fds=(read.fileno(),),
    )
    try:
        time.sleep(0.5)
        assert child.poll() is None, "the child exited while its lifeline held"
        write.close()
        child.wait(5)
    finally:
        read.close()
        if child.poll() is None:
            child.kill()
            child.wait()

"""One gate before any body (issue 29, deliverable 1): a 300 MB body, declared or chunked, without credentials to
every route family is refused (401, or 413 on size) within a second, and the server's memory barely moves; with the
key a question is still answered and an oversized body is a 413.

The server runs in its own process (over a copy of the session's bundled index) so its memory can be measured."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import Early, copy_index, isolated_environ, wait_ready
from tests.web.conftest import REPO, free_port

KEY = "s3cret"
HUGE = 300 * 1024 * 1024
PIECE = 256 * 1024
BOUNDARY = "gateboundary"
ROUTES = [  # (path, content type, start of the body)
    ("/api/ask", "application/json", b'{"question": "'),
    (
        "/api/upload",
        f"multipart/form-data; boundary={BOUNDARY}",
        (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="n.txt"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        ).encode(),
    ),
    ("/v1/chat/completions", "application/json", b'{"model": "x", "messages": [{"role": "user", "content": "'),
    ("/gradio_api/queue/join", "application/json", b'{"fn_index": 0, "data": ["'),
    ("/gradio_api/run/predict", "application/json", b'{"data": ["'),
]

SERVE = """
import sys, uvicorn
from assistant.config import Settings
from assistant.web.api import create_app
settings = Settings(data_dir=sys.argv[1], api_key=sys.argv[3], max_upload_bytes=200_000, rate_ask=0, rate_upload=0)
uvicorn.run(create_app(settings), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


class Memory:
    """The server process's resident memory, sampled every 10 ms from /proc while a probe runs."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self.running = False

    def rss(self) -> int:
        with open(f"/proc/{self.pid}/status") as f:
            return next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmRSS:"))

    def __enter__(self) -> Memory:
        self.base = self.peak = self.rss()
        self.running = True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()
        return self

    def sample(self) -> None:
        while self.running:
            self.peak = max(self.peak, self.rss())
            time.sleep(0.01)

    def __exit__(self, *exc) -> None:
        time.sleep(0.05)
        self.running = False
        self.thread.join()

    @property
    def growth(self) -> int:
        return self.peak - self.base


def launch(data_dir: Path, environ: dict[str, str]) -> tuple[subprocess.Popen, int]:
    """A server with the key set over `data_dir`'s index, in a subprocess (not waited for)."""
    port = free_port()
    env = {**environ, "GRADIO_ANALYTICS_ENABLED": "False"}
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(SERVE), str(data_dir), str(port), KEY],
        cwd=REPO,
        env=env,
    )
    return proc, port


def stop(started: tuple[subprocess.Popen, int]) -> None:
    proc = started[0]
    proc.terminate()
    proc.wait(10)


def copy_of_bundled_index(request: pytest.FixtureRequest) -> Path:
    source = request.getfixturevalue("bundled_assistant").settings.data_dir
    return copy_index(source, request.getfixturevalue("tmp_path_factory").mktemp("gated"))


# The gated server's start-up (~7 s, mostly imports) runs from the session's first test (tests/conftest.py's
# Early.launch), over a copy of the session's bundled index.
EARLY = ("gated",)


def start_early(request: pytest.FixtureRequest, early: Early) -> None:
    factory = request.getfixturevalue("tmp_path_factory")
    early.launch("gated", launch, stop, copy_of_bundled_index(request), isolated_environ(factory))


@pytest.fixture(scope="module")
def gated(request: pytest.FixtureRequest, early: Early):
    """A server with the key set, over a copy of the session's bundled index, in a subprocess; started early if it
    could be (see start_early), else now."""
    started = early.result("gated", lambda: launch(copy_of_bundled_index(request), dict(os.environ)))
    proc, port = started
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, proc, what="the gated server")
        yield port, proc
    finally:
        stop(started)


def body_stream(start: bytes, total: int, chunked: bool):
    """The body's bytes on the wire, made as they are sent: `start`, then "x" up to `total` (chunk framed)."""
    filler = b"x" * PIECE
    if chunked:
        yield b"%x\r\n%s\r\n" % (len(start), start)
        sent = len(start)
        while sent < total:
            yield b"%x\r\n%s\r\n" % (PIECE, filler)
            sent += PIECE
        yield b"0\r\n\r\n"
    else:
        yield start
        sent = len(start)
        while sent < total:
            piece = filler[: total - sent]
            yield piece
            sent += len(piece)


def probe(port: int, path: str, ctype: str, start: bytes, *, chunked: bool, headers: str = "", total: int = HUGE):
    """POST a `total`-byte body over a raw socket, writing only while the server takes it and stopping as soon as
    it answers: (status, seconds to the status line). 0 for no answer within 10 s."""
    length = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {total}"
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: {ctype}\r\n{length}\r\n{headers}\r\n"
    began = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head.encode())
        s.setblocking(False)
        pieces, pending = body_stream(start, total, chunked), b""
        answered = b""
        while time.monotonic() - began < 10:
            readable, writable, _ = select.select([s], [s] if pending is not None else [], [], 0.5)
            if readable:
                break
            if writable:
                if not pending:
                    pending = next(pieces, None)
                    if pending is None:
                        continue
                try:
                    pending = pending[s.send(pending) :]
                except (BrokenPipeError, ConnectionResetError):
                    break
        s.setblocking(True)
        s.settimeout(max(0.1, 10 - (time.monotonic() - began)))
        try:
            while b"\r\n" not in answered:
                got = s.recv(4096)
                if not got:
                    break
                answered += got
        except (TimeoutError, ConnectionResetError):
            pass
    seconds = time.monotonic() - began
    status = int(answered.split(b" ", 2)[1]) if answered.startswith(b"HTTP/1.1 ") else 0
    return status, seconds


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
@pytest.mark.parametrize("path,ctype,start", ROUTES, ids=[r[0] for r in ROUTES])
def test_a_huge_body_without_credentials_is_refused_before_it_is_read(gated, path, ctype, start, chunked):
    port, proc = gated
    with Memory(proc.pid) as memory:
        status, seconds = probe(port, path, ctype, start, chunked=chunked)
    print(f"{path} {'chunked' if chunked else 'declared'}: {status} in {seconds:.2f} s, RSS +{memory.growth >> 20} MB")
    assert status in (401, 413) and seconds < 1.0, (status, seconds)
    assert memory.growth < 100 << 20, f"server RSS grew {memory.growth >> 20} MB"


def test_with_credentials_questions_work_and_oversized_bodies_are_413(gated):
    port, proc = gated
    url, key = f"http://127.0.0.1:{port}", {"X-API-Key": KEY}
    r = httpx.post(url + "/api/ask", json={"question": "柞水县第17项由谁牵头"}, headers=key, timeout=30)
    assert r.status_code == 200 and r.json()["answer"]
    r = httpx.post(
        url + "/v1/chat/completions",
        headers=key,
        timeout=30,
        json={"model": "x", "messages": [{"role": "user", "content": "柞水县第17项由谁牵头"}]},
    )
    assert r.status_code == 200
    with Memory(proc.pid) as memory:
        for path, ctype, start in ROUTES[:3]:
            for chunked in (False, True):
                status, seconds = probe(port, path, ctype, start, chunked=chunked, headers=f"X-API-Key: {KEY}\r\n")
                assert status == 413 and seconds < 1.0, (path, chunked, status, seconds)
        cookies = httpx.post(url + "/login", data={"username": "staff", "password": KEY}, timeout=30).cookies
        cookie = "Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()) + "\r\n"
        for path, ctype, start in ROUTES[3:]:
            for chunked in (False, True):
                status, seconds = probe(port, path, ctype, start, chunked=chunked, headers=cookie)
                assert status == 413 and seconds < 1.0, (path, chunked, status, seconds)
    assert memory.growth < 100 << 20, f"server RSS grew {memory.growth >> 20} MB"

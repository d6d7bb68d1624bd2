"""A real server (uvicorn on a free port, real index in a temporary folder) and headless Debian Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import threading
from pathlib import Path

import pytest

from tests.conftest import wait_ready

CHROMIUM = "/usr/bin/chromium"
REPO = Path(__file__).resolve().parents[2]


def ask_in_chat(page, server, question: str) -> None:
    """The chat opened and `question` sent, as a user types it (not waited for)."""
    page.goto(server.url + "/")
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, app, port: int) -> None:
        import uvicorn

        self.url = f"http://127.0.0.1:{port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        wait_ready(self.url)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def host_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def server(tmp_path_factory, host_port):
    """The whole product on one port: chat at /, API at /api/*, widget at /widget.js. The example host page's
    origin (another port) is on the CORS allow-list."""
    from assistant.config import Settings
    from assistant.web.api import create_app

    settings = Settings(
        data_dir=tmp_path_factory.mktemp("web-state"),
        cors_origins=[f"http://127.0.0.1:{host_port}"],
        max_upload_bytes=200_000,
        uploads="all",  # the suite uploads without a key; tests/web/test_uploads.py covers off and admin
        rate_ask=0,  # one client (the tests) asks hundreds of questions; tests/web/test_uploads.py covers limits
        rate_upload=0,
        rate_feedback=0,
    )
    with Server(create_app(settings), free_port()) as s:
        s.settings = settings
        yield s


@pytest.fixture(scope="session")
def host_page(server, host_port, tmp_path_factory):
    """examples/widget-host.html (reached through assistant/web/static) served from its own origin, its script tag
    (src="/widget.js": the server that serves it) pointed at the test server, as another site writes it."""
    root = tmp_path_factory.mktemp("host")
    html = (
        (REPO / "assistant" / "web" / "static" / "widget-host.html")
        .read_text("utf-8")
        .replace('src="/widget.js"', f'src="{server.url}/widget.js"')
    )
    (root / "index.html").write_text(html, "utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", host_port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{host_port}/index.html"
    httpd.shutdown()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    path = Path(os.environ.get("ARTIFACTS_DIR", REPO / "test-artifacts"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which("chromedriver") is None:
        reason = f"{CHROMIUM} is not installed (bash tests/setup.sh installs Debian's chromium)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records every request; the test fails if any leaves localhost."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    pg = context.new_page()
    pg.requests = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    yield pg
    outside = [u for u in pg.requests if not u.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))]
    context.close()
    assert not outside, f"the page fetched from outside localhost: {outside[:5]}"

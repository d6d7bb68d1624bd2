"""LLM mode against a FAKE OpenAI-compatible server (http.server in a thread, scripted per test), for the failures
a real model will not produce on demand: connection refused, a reply after the timeout, malformed JSON, a stream cut
halfway, an error status. The client is the real one: settings -> make_chat_model -> ChatOpenAI -> openai -> httpx.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.config import Settings
from assistant.service import Assistant

QUESTION = "柞水县第十七项由谁牵头？"
GOOD = ["第十七项", "由县司法局", "牵头", "[1]", "。"]


def sse(content: str | None = None, finish: str | None = None) -> bytes:
    delta = {"role": "assistant", "content": content} if content is not None else {}
    body = {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "fake",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n".encode()


class FakeOpenAIServer(ThreadingHTTPServer):
    """FAKE OpenAI chat-completions endpoint: `script(handler)` writes each reply; `requests` logs what came in."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.script: Callable[[Handler], None] = good
        self.requests: list[dict] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}/v1"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: FakeOpenAIServer

    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
        try:
            self.server.script(self)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up first (the timeout case)
            pass

    def start_stream(self, *, chunked: bool = True) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding" if chunked else "Connection", "chunked" if chunked else "close")
        self.end_headers()

    def chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def end_stream(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def reply(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def good(h: Handler, pause: float = 0.0) -> None:
    h.start_stream()
    for piece in GOOD:
        h.chunk(sse(piece))
        time.sleep(pause)
    h.chunk(sse(finish="stop"))
    h.chunk(b"data: [DONE]\n\n")
    h.end_stream()


@pytest.fixture(scope="module")
def server():
    srv = FakeOpenAIServer()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def ask(server, bundled_assistant, corpus):
    """Asks through an Assistant configured, as a user would, to use the fake server.

    Returns (pieces, answer, seconds)."""
    server.requests.clear()

    def run(script, *, timeout: float = 5.0, url: str | None = None):
        server.script = script
        settings = Settings(
            data_dir=bundled_assistant.settings.data_dir,
            llm_base_url=url or server.url,
            llm_model="fake-model",
            llm_timeout=timeout,
        )
        assistant = Assistant(settings, corpus=corpus)
        start = time.monotonic()
        arrivals, out = [], []
        for item in assistant.stream(QUESTION):
            arrivals.append(time.monotonic() - start)
            out.append(item)
        return out[:-1], out[-1], arrivals

    return run


def test_a_good_streamed_reply_passes_and_arrives_token_by_token(ask, server):
    """FAKE server streaming a correct answer in five pieces, 0.1 s apart."""
    pieces, answer, arrivals = ask(lambda h: good(h, pause=0.1))
    assert pieces == GOOD
    assert arrivals[0] < arrivals[-1] - 0.3  # the first token reached the caller long before the answer
    assert (answer.mode, answer.text) == ("llm", "第十七项由县司法局牵头[1]。")
    [request] = server.requests
    assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer none"
    body = request["body"]
    assert (body["model"], body["stream"], body["temperature"], body["max_tokens"]) == ("fake-model", True, 0, 512)
    assert [m["role"] for m in body["messages"]] == ["system", "user"]


def test_connection_refused(ask):
    """No server at all: a port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    pieces, answer, _ = ask(good, url=f"http://127.0.0.1:{port}/v1")
    assert pieces == [] and answer.mode == "extractive-fallback" and "县司法局" in answer.text
    assert answer.notes == ["大模型暂不可用（无法连接），以下为摘录式回答。"]


def test_a_reply_after_the_timeout(ask):
    """FAKE server that answers correctly, but only after 3 s, against a 0.5 s timeout."""

    def late(h: Handler) -> None:
        time.sleep(3)
        good(h)

    pieces, answer, arrivals = ask(late, timeout=0.5)
    assert arrivals[-1] < 2.5  # the user did not wait for the late reply
    assert pieces == [] and answer.mode == "extractive-fallback"
    assert answer.notes == ["大模型暂不可用（超时），以下为摘录式回答。"]


def test_tokens_trickling_past_the_timeout(ask):
    """FAKE server sending each piece within the read timeout, but the whole reply takes longer than it."""
    pieces, answer, arrivals = ask(lambda h: good(h, pause=0.3), timeout=0.5)
    assert 0 < len(pieces) < len(GOOD) and arrivals[-1] < 1.5
    assert answer.mode == "extractive-fallback" and answer.notes == ["大模型暂不可用（超时），以下为摘录式回答。"]


@pytest.mark.parametrize(
    "name, script",
    [
        (
            "malformed JSON in the stream",
            lambda h: (h.start_stream(), h.chunk(b'data: {"choices": [{"delta": \n\n'), h.end_stream()),
        ),
        (
            "an HTML page instead of a stream",
            lambda h: h.reply(200, b"<html><body>Bad Gateway</body></html>", "text/html"),
        ),
        ("an empty stream", lambda h: (h.start_stream(), h.chunk(b"data: [DONE]\n\n"), h.end_stream())),
    ],
)
def test_garbage(name, script, ask):
    """FAKE server replying with something that is not a chat completion."""
    pieces, answer, _ = ask(script)
    assert answer.mode == "extractive-fallback" and "县司法局" in answer.text, name
    assert answer.notes == ["大模型暂不可用（回复为空或无法解析），以下为摘录式回答。"], name


def test_an_error_status(ask):
    """FAKE server answering 500 with an OpenAI-style error body."""
    pieces, answer, _ = ask(lambda h: h.reply(500, b'{"error": {"message": "model crashed", "type": "server_error"}}'))
    assert answer.mode == "extractive-fallback" and answer.notes == [
        "大模型暂不可用（服务返回错误），以下为摘录式回答。"
    ]


def _cut_chunked(h: Handler) -> None:
    h.start_stream()
    for piece in GOOD[:2]:
        h.chunk(sse(piece))
    h.connection.shutdown(socket.SHUT_RDWR)  # mid-body: no final chunk, no [DONE]
    h.close_connection = True


def _cut_clean(h: Handler) -> None:
    h.start_stream(chunked=False)  # body delimited by the connection: closing it looks like a normal end
    for piece in GOOD[:2]:
        h.wfile.write(sse(piece))
    h.wfile.flush()
    h.close_connection = True


@pytest.mark.parametrize("script", [_cut_chunked, _cut_clean], ids=["connection dropped", "closed without finish"])
def test_a_stream_cut_halfway(script, ask):
    """FAKE server sending the first two pieces of a good answer, then closing the connection."""
    pieces, answer, _ = ask(script)
    assert pieces == GOOD[:2]
    assert answer.mode == "extractive-fallback" and "县司法局" in answer.text
    assert answer.notes == ["大模型暂不可用（回复中途中断），以下为摘录式回答。"]


def test_cli_ask_prints_the_notes_saying_the_llm_was_down(bundled_assistant, monkeypatch):
    """The CLI as a user runs it, LLM_BASE_URL pointing at a port nobody listens on: the extractive answer, and the
    line saying why it is not the LLM's."""
    from click.testing import CliRunner

    from assistant.cli import cli

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(bundled_assistant.settings.data_dir))
    monkeypatch.setenv("LLM_BASE_URL", f"http://127.0.0.1:{port}/v1")
    result = CliRunner().invoke(cli, ["ask", QUESTION])
    assert result.exit_code == 0, result.output
    assert "县司法局" in result.output
    assert "※ 大模型暂不可用（无法连接），以下为摘录式回答。" in result.output

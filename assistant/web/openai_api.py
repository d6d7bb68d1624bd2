"""An OpenAI-compatible chat endpoint on the same server: `GET /v1/models` and `POST /v1/chat/completions` (plain and
`stream: true` as server-sent events), so chat programs that speak the OpenAI API (Open WebUI, Chatbox, Cherry Studio,
LobeChat, the `openai` and LangChain clients) can use the assistant as a model.

Stateless: the request's messages are the conversation. System messages are ignored; the last message must be the
user's question and the ones before it are its history. The reply is the answer with `[n]` markers and the sources
as numbered footnotes; the citations and what the question was understood as also come as extra fields.
Errors come in OpenAI's shape: `{"error": {"message", "type", "param", "code"}}`.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from assistant.conversation import MAX_TURNS, Turn
from assistant.errors import BadQuestion, UnknownNotice
from assistant.footnotes import with_sources

MODEL_ID = "notice-assistant"
MAX_MESSAGES = 200  # a longer request is refused; only the last MAX_TURNS messages before the question are read
ROLES = ("system", "developer", "user", "assistant", "tool", "function")
ERROR_TYPES = {400: "invalid_request_error", 401: "authentication_error", 404: "not_found_error", 503: "server_error"}


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: str
    content: str | list[dict[str, Any]] | None = None


class ChatRequest(BaseModel):
    """The OpenAI request body; sampling options (temperature, max_tokens, …) are accepted and ignored."""

    model_config = ConfigDict(extra="allow")

    model: str = MODEL_ID
    messages: list[ChatMessage] = Field(min_length=1, max_length=MAX_MESSAGES)
    stream: bool = False
    doc: str | None = None  # an extension: restrict to one notice (doc_id, region or 文号)


def openai_error(status: int, message: str, *, param: str | None = None, code: str | None = None) -> JSONResponse:
    body = {"message": message, "type": ERROR_TYPES.get(status, "invalid_request_error"), "param": param, "code": code}
    return JSONResponse({"error": body}, status_code=status)


def text_of(message: ChatMessage) -> str:
    """A message's text: a string, or the text parts of a list of content parts (images and files are skipped)."""
    if isinstance(message.content, str):
        return message.content
    return "".join(
        str(p.get("text") or "") for p in message.content or [] if isinstance(p, dict) and p.get("type") == "text"
    )


def conversation(messages: list[ChatMessage]) -> tuple[str, tuple[Turn, ...]]:
    """The question (the last message, which must be the user's) and the user/assistant turns before it."""
    for i, m in enumerate(messages):
        if m.role not in ROLES:
            raise BadQuestion(f"messages[{i}].role must be one of {', '.join(ROLES)}, got {m.role!r}")
    last = messages[-1]
    if last.role != "user":
        raise BadQuestion(f"the last message must be the user's question, got role {last.role!r}")
    turns = tuple(Turn(m.role, text_of(m)) for m in messages[:-1] if m.role in ("user", "assistant"))
    return text_of(last), turns[-MAX_TURNS:]


def router(ready: Callable[[], Any], check_key: Callable[[Request], bool]) -> APIRouter:
    """The /v1 routes; `ready()` returns the Assistant (or raises a 503), `check_key` says whether a request may in."""
    api = APIRouter(prefix="/v1", tags=["OpenAI-compatible"])

    def refused(request: Request) -> JSONResponse | None:
        if check_key(request):
            return None
        return openai_error(401, "missing or wrong API key (Authorization: Bearer …)", code="invalid_api_key")

    # response_model=None: the return annotations below are for mypy; FastAPI serialises the dicts as they are
    @api.get("/models", response_model=None)
    def models(request: Request) -> dict[str, Any] | JSONResponse:
        if (no := refused(request)) is not None:
            return no
        return {
            "object": "list",
            "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "notice-assistant"}],
        }

    @api.post("/chat/completions", response_model=None)
    def completions(body: ChatRequest, request: Request) -> dict[str, Any] | JSONResponse | StreamingResponse:
        if (no := refused(request)) is not None:
            return no
        assistant = ready()
        try:
            question, history = conversation(body.messages)
            answer = assistant.ask(question, body.doc or None, history)
        except UnknownNotice as exc:
            return openai_error(404, str(exc), param="doc", code="unknown_notice")
        except BadQuestion as exc:
            return openai_error(400, str(exc), param="messages")
        text = with_sources(answer)
        extra = {
            "citations": [c for c in answer.to_json()["citations"]],
            "understood": answer.understood.to_json() if answer.understood else None,
        }
        ident, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
        if body.stream:
            return StreamingResponse(
                _chunks(ident, created, body.model, text, extra),
                media_type="text/event-stream",
                headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
            )
        prompt = sum(len(text_of(m)) for m in body.messages)
        return {
            "id": ident,
            "object": "chat.completion",
            "created": created,
            "model": body.model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": "stop",
                    "logprobs": None,
                }
            ],
            "usage": {"prompt_tokens": prompt, "completion_tokens": len(text), "total_tokens": prompt + len(text)},
            **extra,
        }

    return api


def _chunks(ident: str, created: int, model: str, text: str, extra: dict[str, Any]) -> Iterator[str]:
    """The reply as OpenAI stream chunks: the role, the text a line at a time, the finish with the extra fields,
    then [DONE]. The answer is final (verified) before the first chunk: a client cannot take back streamed text."""

    def event(delta: dict[str, Any], finish: str | None = None, **more: Any) -> str:
        chunk = {
            "id": ident,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
            **more,
        }
        return f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"

    yield event({"role": "assistant", "content": ""})
    for piece in text.splitlines(keepends=True):
        yield event({"content": piece})
    yield event({}, "stop", **extra)
    yield "data: [DONE]\n\n"

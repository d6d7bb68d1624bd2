"""The one server: a FastAPI app with the JSON API, the help widget script, and the Gradio chat mounted at /."""

from __future__ import annotations

import hmac
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, File, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.config import Settings
from assistant.conversation import turns_from
from assistant.errors import AssistantError, BadQuestion, UnknownNotice
from assistant.web.limits import BodyLimit, SecurityHeaders
from assistant.web.openai_api import openai_error
from assistant.web.openai_api import router as openai_router
from assistant.web.state import NotReady, UploadRejected, WebState

if TYPE_CHECKING:  # the service loads with the first index build (assistant/web/state.py)
    from assistant.service import Assistant

STATIC = Path(__file__).resolve().parent / "static"
MAX_HISTORY = 50  # messages a request may send; the conversation reads the last 20 (conversation.MAX_TURNS)
MAX_TURN_CHARS = 20_000  # an earlier answer can be a long list; anything longer is not a chat message
MAX_COMMENT_CHARS = 2_000
MAX_CITATIONS = 100
MAX_JSON_BYTES = 2_000_000  # 50 history messages of 20,000 characters fit; uploads have their own limit


class HistoryMessage(BaseModel):
    role: Literal["user", "assistant"]
    content: str = Field(max_length=MAX_TURN_CHARS)
    understood: dict[str, Any] | None = None  # as an earlier /api/ask returned it: lets "第二个呢" pick its rows


class AskBody(BaseModel):
    question: str
    doc: str | None = None
    history: list[HistoryMessage] = Field(default_factory=list, max_length=MAX_HISTORY)


class FeedbackBody(BaseModel):
    question: str = Field(max_length=MAX_TURN_CHARS)
    answer: str = Field(max_length=MAX_TURN_CHARS)
    rating: int  # 1 up, -1 down
    citations: list = Field(default_factory=list, max_length=MAX_CITATIONS)
    comment: str | None = Field(default=None, max_length=MAX_COMMENT_CHARS)


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def create_app(settings: Settings | None = None, *, ui: bool = True) -> FastAPI:
    """The server: the JSON API, the OpenAI-compatible /v1 routes, the widget's files and, with `ui`, the Gradio chat
    at /. The index starts building in the background; requests that need it get a 503 until it is ready."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    settings = settings or Settings()
    state = WebState(settings)
    app = FastAPI(
        title="Notice Assistant API",
        docs_url=None,
        redoc_url=None,  # Swagger UI loads from a CDN
        description="Questions about Chinese government notices, answered with exact citations.",
    )
    app.state.web = state
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "X-API-Key", "Authorization"],
        )
    app.add_middleware(BodyLimit, limit=MAX_JSON_BYTES, applies=json_route)
    app.add_middleware(SecurityHeaders)
    add_error_handlers(app)
    key_ok = key_checker(settings)
    ready = ready_check(state)
    app.include_router(health_router(state))
    app.include_router(api_router(state, ready, key_ok))
    app.include_router(openai_router(ready, key_ok))
    app.include_router(widget_router())
    state.start()
    return with_ui(app, state) if ui else app


def json_route(path: str) -> bool:
    """The routes that take a JSON body (an upload is multipart, limited by max_upload_bytes)."""
    return path.startswith("/v1/") or path in ("/api/ask", "/api/feedback")


def openai_path(request: Request) -> bool:
    return request.url.path.startswith("/v1/")


def add_error_handlers(app: FastAPI) -> None:
    """Errors as JSON: `{"error": message}` on /api, OpenAI's shape on /v1; a body that fails validation is a 400."""

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if openai_path(request):
            return openai_error(exc.status_code, str(exc.detail))
        return error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x != "body")
        message = f"bad request: {where} {first.get('msg', '')}".strip()
        return openai_error(400, message, param=where or None) if openai_path(request) else error(400, message)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:  # logged by Starlette; never shown raw
        message = "internal error; the server log has the details"
        return openai_error(500, message) if openai_path(request) else error(500, message)


def key_checker(settings: Settings) -> Callable[[Request], bool]:
    """Whether a request may in: no key configured, or it sends the key as X-API-Key or as Authorization: Bearer
    (OpenAI clients)."""

    def key_ok(request: Request) -> bool:
        if not settings.api_key:
            return True
        bearer = request.headers.get("authorization", "")
        given = request.headers.get("x-api-key") or (bearer[7:].strip() if bearer[:7].lower() == "bearer " else None)
        return given is not None and hmac.compare_digest(given.encode(), settings.api_key.encode())

    return key_ok


def ready_check(state: WebState) -> Callable[[], Assistant]:
    """The Assistant, or a 503 while the index is being built (or its build failed)."""

    def ready() -> Assistant:
        try:
            return state.assistant(wait=0)
        except NotReady as exc:
            raise StarletteHTTPException(503, str(exc)) from None

    return ready


def health_router(state: WebState) -> APIRouter:
    """/healthz: the index build's phase and progress; 503 when the build failed."""
    router = APIRouter()

    @router.get("/healthz")
    def healthz() -> JSONResponse:
        p = state.progress
        body: dict[str, Any] = {"status": p.phase, "indexed": p.done, "total": p.total}
        if p.error:
            body["error"] = p.error
        return JSONResponse(body, status_code=200 if p.phase != "failed" else 503)

    return router


# The routes below return plain dicts or an error JSONResponse: response_model=None keeps FastAPI from reading the
# return annotations (there for mypy) as a response model, so responses are serialised as they are.


def api_router(state: WebState, ready: Callable[[], Assistant], key_ok: Callable[[Request], bool]) -> APIRouter:
    """The JSON API under /api, every route behind the API key when one is configured."""

    def api_key(request: Request) -> None:
        if not key_ok(request):
            raise StarletteHTTPException(401, "missing or wrong X-API-Key")

    router = APIRouter(dependencies=[Depends(api_key)])
    add_question_routes(router, state, ready)
    add_notice_routes(router, ready)
    add_upload_route(router, state, ready)
    return router


def add_question_routes(router: APIRouter, state: WebState, ready: Callable[[], Assistant]) -> None:
    """/api/ask and /api/feedback."""

    @router.post("/api/ask", response_model=None)
    def ask(body: AskBody) -> dict[str, Any] | JSONResponse:
        """{question, doc?, history?} -> {answer, citations[], tasks[], lang, found, mode, notes, understood}"""
        assistant = ready()
        try:
            history = turns_from([m.model_dump(exclude_none=True) for m in body.history])
            return assistant.ask(body.question, body.doc or None, history).to_json()
        except BadQuestion as exc:
            return error(400, str(exc))
        except UnknownNotice as exc:
            return error(404, str(exc))

    @router.post("/api/feedback", response_model=None)
    def feedback(body: FeedbackBody) -> dict[str, Any] | JSONResponse:
        if body.rating not in (1, -1):
            return error(400, "rating must be 1 or -1")
        state.save_feedback(body.model_dump())
        return {"saved": True}


def add_notice_routes(router: APIRouter, ready: Callable[[], Assistant]) -> None:
    """/api/notices and /api/tasks."""

    @router.get("/api/notices", response_model=None)
    def notices() -> list[dict[str, Any]]:
        return [
            {
                "doc_id": p.notice.doc_id,
                "title": p.notice.title,
                "doc_number": p.notice.doc_number,
                "issuer": p.notice.issuer,
                "date": p.notice.date,
                "region": p.notice.region,
                "source": p.notice.source,
                "tasks": len(p.tasks),
            }
            for p in ready().corpus.notices
        ]

    @router.get("/api/tasks", response_model=None)
    def tasks(
        doc: Annotated[str | None, Query(description="doc_id, region or 文号; all notices when absent")] = None,
    ) -> list[dict[str, Any]] | JSONResponse:
        corpus = ready().corpus
        if doc:
            chosen = corpus.match(doc)
            if not chosen:
                return error(404, str(UnknownNotice(doc, corpus.doc_ids)))
            return [t.to_json() for p in chosen for t in p.tasks]
        return [t.to_json() for t in corpus.tasks()]


def add_upload_route(router: APIRouter, state: WebState, ready: Callable[[], Assistant]) -> None:
    """/api/upload: a notice file added to the index; too big is a 413, unreadable a 400."""

    @router.post("/api/upload", response_model=None)
    async def upload(request: Request, file: Annotated[UploadFile, File()]) -> dict[str, Any] | JSONResponse:
        ready()
        limit = state.settings.max_upload_bytes
        declared = int(request.headers.get("content-length") or 0)
        if declared > limit + 64 * 1024:
            return error(413, f"file too large; limit {limit} bytes")
        data = await file.read(limit + 1)
        try:
            return state.add_notice(file.filename or "", data)
        except UploadRejected as exc:
            return error(exc.status, str(exc))
        except AssistantError as exc:
            return error(400, str(exc))


def widget_router() -> APIRouter:
    """The help widget's script and the example page that embeds it."""
    router = APIRouter(include_in_schema=False)

    @router.get("/widget.js")
    def widget() -> FileResponse:
        return FileResponse(STATIC / "widget.js", media_type="application/javascript")

    @router.get("/examples/widget-host.html")
    def host_page() -> FileResponse:
        return FileResponse(STATIC / "widget-host.html", media_type="text/html")

    return router


def with_ui(app: FastAPI, state: WebState) -> FastAPI:
    """The app with the Gradio chat mounted at /; Gradio is imported only when the UI is served."""
    import gradio as gr

    from assistant.web.render import CSS
    from assistant.web.ui import build_ui, theme

    key = state.settings.api_key

    def login(_user: str, password: str) -> bool:  # with a key set, the chat asks for it as its password
        return key is not None and hmac.compare_digest(password.encode(), key.encode())

    return gr.mount_gradio_app(
        app,
        build_ui(state),
        path="/",
        theme=theme(),
        css=CSS,
        footer_links=[],
        ssr_mode=False,
        allowed_paths=[],
        auth=login if key else None,
        auth_message="API key / 访问密钥" if key else None,
        show_error=False,
        max_file_size=state.settings.max_upload_bytes,
    )

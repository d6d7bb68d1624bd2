"""The one server: a FastAPI app with the JSON API, the help widget script, and the Gradio chat mounted at /."""

from __future__ import annotations

import hmac
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, File, Query, Request, Security, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.routing import APIRoute
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import HTTPConnection
from starlette.routing import Mount
from starlette.types import Scope
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from assistant.config import Settings
from assistant.conversation import turns_from
from assistant.errors import AssistantError, BadQuestion, UnknownNotice
from assistant.web.limits import (
    CookiePolicy,
    Gate,
    Guesses,
    LoginThrottle,
    OriginCheck,
    RateLimit,
    RateRule,
    SecurityHeaders,
    origin_allowed,
)
from assistant.web.openai_api import openai_error
from assistant.web.openai_api import router as openai_router
from assistant.web.schemas import AskResponse, FeedbackSaved, NoticeOut
from assistant.web.state import (
    ADMIN_NEEDED,
    ADMIN_USER,
    NotReady,
    NotWritable,
    UploadRejected,
    WebState,
    chat_admin,
    uploads_closed,
)

if TYPE_CHECKING:  # the service loads with the first index build (assistant/web/state.py)
    from assistant.service import Assistant

STATIC = Path(__file__).resolve().parent / "static"
MAX_HISTORY = 50  # messages a request may send; the conversation reads the last 20 (conversation.MAX_TURNS)
MAX_TURN_CHARS = 20_000  # an earlier answer can be a long list; anything longer is not a chat message
MAX_COMMENT_CHARS = 2_000
MAX_CITATIONS = 100
MAX_JSON_BYTES = 2_000_000  # 50 history messages of 20,000 characters fit; uploads have their own limit
MAX_UI_BYTES = 10_000_000  # a request of the Gradio chat: it sends the whole conversation (rendered) back each turn
MULTIPART_SLACK = 64 * 1024  # an upload's multipart framing around a file of max_upload_bytes
UPLOAD_PATHS = ("/api/upload", "/gradio_api/upload")
PUBLIC_POSTS = ("/login", "/login/")  # the chat's login form: the way to the credential
Role = Literal["admin", "read"]


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
    id: str | None = Field(default=None, max_length=64, description="the message rated: a later vote replaces it")


class ErrorBody(BaseModel):
    error: str = Field(description="what went wrong, in plain words (Chinese / English)")


ERRORS = {
    400: "bad request: a field that fails its check, an unreadable file",
    401: "missing or wrong X-API-Key (only when a key is set)",
    403: "uploads switched off, the read key used for an admin route, or a post from a page on an origin not allowed",
    404: "no notice (or upload) by that name",
    409: "a duplicate of a loaded notice, or its 文号 without replace=true",
    413: "request body or file too large",
    415: "unsupported file type",
    429: "too many requests from this client; see Retry-After",
    503: "the index is being built, or the data dir is read-only",
}


def errors_doc(*codes: int, ok: Any = None) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error statuses a route really returns, all in the `{"error": …}` shape, and with `ok`
    the model of its 200 body (the routes return plain dicts: response_model=None, so the model only documents)."""
    doc: dict[int | str, dict[str, Any]] = {code: {"model": ErrorBody, "description": ERRORS[code]} for code in codes}
    if ok is not None:
        doc[200] = {"model": ok, "description": "the answer"}
    return doc


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
    app.state.sessions = ChatSessions()
    key_ok = key_checker(settings)
    sessions = app.state.sessions
    # outermost last: security headers and cookie attributes on every answer, CORS headers on the gate's refusals
    # (a widget on another site reads its 401), a foreign page's post refused before the gate, the gate before the
    # rate limit (a refused request spends no one's allowance: a wrong key counts only as its caller's guess)
    app.add_middleware(RateLimit, rules=rate_rules(settings))
    app.add_middleware(LoginThrottle, paths=PUBLIC_POSTS, guesses=Guesses(settings.guess_limit))
    app.add_middleware(
        Gate,
        admitted=admission(settings, key_ok, sessions),
        limit_for=body_limit(settings),
        refusal=gate_refusal,
        forbidden=admin_only(settings, sessions),
        guesses=Guesses(settings.guess_limit),
    )
    app.add_middleware(OriginCheck, allowed=lambda: settings.cors_origins, refusal=gate_refusal)
    # always Starlette's CORS, even with no origin listed: the mounted Gradio app then leaves CORS to it (its own
    # middleware, reached by a host name, grants any origin with credentials)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_credentials=True,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", "X-API-Key", "Authorization"],
    )
    app.add_middleware(CookiePolicy, secure=settings.secure_cookies)
    app.add_middleware(SecurityHeaders)
    if settings.trusted_proxies:  # outermost: every check above sees the client a configured proxy names
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
    add_error_handlers(app)
    ready = ready_check(state)
    app.include_router(health_router(state))
    app.include_router(api_router(state, ready, key_ok))
    app.include_router(openai_router(ready, key_ok))
    app.include_router(widget_router())
    app.include_router(unknown_routes_router())  # last: only what no route above takes
    document_bad_requests_as_400(app)
    state.start()
    return with_ui(app, state) if ui else app


def document_bad_requests_as_400(app: FastAPI) -> None:
    """OpenAPI says what the API returns: a body failing validation is a 400 in the error shape, never a 422."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        schema = generate()
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.get("responses", {})
                if responses.pop("422", None) is not None and "400" not in responses:
                    responses["400"] = {
                        "description": ERRORS[400],
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
                    }
        schemas = schema.get("components", {}).get("schemas", {})
        if "HTTPValidationError" not in json.dumps(schema.get("paths", {})):  # FastAPI's 422 body, no longer used
            schemas.pop("HTTPValidationError", None)
            schemas.pop("ValidationError", None)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def rate_rules(settings: Settings) -> list[RateRule]:
    """Per-client limits: answering, adding or removing notices, feedback (Gradio's file upload counts as one), the
    chat's actions (as many as questions)."""
    return [
        RateRule("ask", settings.rate_ask, lambda method, path: path in ("/api/ask", "/v1/chat/completions")),
        RateRule(
            "upload",
            settings.rate_upload,
            lambda method, path: (
                path in ("/api/upload", "/gradio_api/upload")
                or (method == "DELETE" and path.startswith("/api/uploads/"))
            ),
        ),
        RateRule("feedback", settings.rate_feedback, lambda method, path: path == "/api/feedback"),
        RateRule(  # the chat's questions (and its other actions) go through Gradio's queue
            "chat",
            settings.rate_ask,
            lambda method, path: method == "POST" and path.startswith(("/gradio_api/queue/join", "/gradio_api/call/")),
        ),
    ]


def body_limit(settings: Settings) -> Callable[[str], int]:
    """The largest body a route takes: a file upload (the API's or the chat's), a JSON request, a chat request."""

    def limit_for(path: str) -> int:
        if path in UPLOAD_PATHS:
            return settings.max_upload_bytes + MULTIPART_SLACK
        if path.startswith(("/api/", "/v1/")):
            return MAX_JSON_BYTES
        return MAX_UI_BYTES

    return limit_for


def admission(
    settings: Settings, key_ok: Callable[[HTTPConnection], bool], session_ok: Callable[[HTTPConnection], bool]
) -> Callable[[HTTPConnection], bool]:
    """Whether the gate lets a request reach a route, from its headers alone; each route checks again. With a key:
    /api and /v1 need the read or admin key (X-API-Key or a bearer token); the chat's routes need its login for anything
    with a body; pages, scripts, /healthz and the login form are public. Without a key everything is open."""

    def admitted(conn: HTTPConnection) -> bool:
        if not settings.keyed or conn.scope["method"] == "OPTIONS":  # a CORS preflight carries no credentials
            return True
        path = conn.scope["path"]
        if path.startswith(("/api/", "/v1/")):
            return key_ok(conn)
        if path in PUBLIC_POSTS or not carries_body(conn):
            return True
        return session_ok(conn)

    return admitted


def admin_only(settings: Settings, sessions: ChatSessions) -> Callable[[HTTPConnection], str | None]:
    """The gate's 403, before the body is read, for an upload or its management by a caller without the admin role
    (the read key, a chat login that is not the admin's); None when the route may decide (it checks again)."""

    def forbidden(conn: HTTPConnection) -> str | None:
        if not settings.keyed or settings.uploads == "all" or conn.scope["method"] == "OPTIONS":
            return None
        path, method = conn.scope["path"], conn.scope["method"]
        if path == "/api/upload" or (path.startswith("/api/uploads") and method in ("GET", "DELETE")):
            return None if role_of(conn, settings) == "admin" else ADMIN_NEEDED
        if path == "/gradio_api/upload" and sessions(conn) and not chat_admin(settings, sessions.user(conn)):
            return ADMIN_NEEDED
        return None

    return forbidden


def carries_body(conn: HTTPConnection) -> bool:
    declared = conn.headers.get("content-length")
    sent = "transfer-encoding" in conn.headers or (declared is not None and declared != "0")
    return sent or conn.scope["method"] not in ("GET", "HEAD")


def gate_refusal(scope: Scope, status: int, message: str) -> JSONResponse:
    """The gate's 401 or 413 as the route itself words it: OpenAI's shape on /v1, `{"error": …}` elsewhere."""
    path = scope["path"]
    if path.startswith("/v1/"):
        if status == 401:
            return openai_error(401, "missing or wrong API key (Authorization: Bearer …)", code="invalid_api_key")
        return openai_error(status, message)
    if status == 401:
        message = "missing or wrong X-API-Key" if path.startswith("/api/") else "not logged in to the chat"
    return error(status, message)


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


def key_checker(settings: Settings) -> Callable[[HTTPConnection], bool]:
    """Whether a request may in to /api and /v1: no credential configured, or it sends the read or the admin key as
    X-API-Key or as Authorization: Bearer (OpenAI clients)."""

    def key_ok(request: HTTPConnection) -> bool:
        return not settings.keyed or role_of(request, settings) is not None

    return key_ok


def role_of(request: HTTPConnection, settings: Settings) -> Role | None:
    """The role of the key a request sends (X-API-Key or a bearer token): admin, read, or None (none, or wrong)."""
    bearer = request.headers.get("authorization", "")
    given = request.headers.get("x-api-key") or (bearer[7:].strip() if bearer[:7].lower() == "bearer " else None)
    if given is None:
        return None
    if same(given, settings.admin_secret):
        return "admin"
    return "read" if same(given, settings.read_key) else None


def same(given: str, secret: str | None) -> bool:
    return secret is not None and hmac.compare_digest(given.encode(), secret.encode())


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

    @router.get("/healthz", responses=errors_doc(503))
    async def healthz() -> JSONResponse:  # async: answered on the event loop, never queued behind the answering pool
        p = state.progress
        body: dict[str, Any] = {"status": p.phase, "indexed": p.done, "total": p.total, "read_only": state.read_only}
        if state.uploading:
            body["uploading"] = state.uploading
        if p.error:
            body["error"] = p.error
        return JSONResponse(body, status_code=200 if p.phase != "failed" else 503)

    return router


# The routes below return plain dicts or an error JSONResponse: response_model=None keeps FastAPI from reading the
# return annotations (there for mypy) as a response model, so responses are serialised as they are.


def api_router(state: WebState, ready: Callable[[], Assistant], key_ok: Callable[[Request], bool]) -> APIRouter:
    """The JSON API under /api, every route behind the API key when one is configured."""

    def api_key(
        request: Request,
        _header: Annotated[str | None, Security(APIKeyHeader(name="X-API-Key", auto_error=False))] = None,
        _bearer: Annotated[HTTPAuthorizationCredentials | None, Security(HTTPBearer(auto_error=False))] = None,
    ) -> None:  # the two security parameters document the key in OpenAPI; key_ok reads the headers itself
        if not key_ok(request):
            raise StarletteHTTPException(401, "missing or wrong X-API-Key")

    router = APIRouter(dependencies=[Depends(api_key)])
    add_question_routes(router, state, ready)
    add_notice_routes(router, ready)
    add_upload_routes(router, state, ready)
    return router


def add_question_routes(router: APIRouter, state: WebState, ready: Callable[[], Assistant]) -> None:
    """/api/ask and /api/feedback."""

    @router.post("/api/ask", response_model=None, responses=errors_doc(400, 401, 404, 413, 429, 503, ok=AskResponse))
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

    @router.post("/api/feedback", response_model=None, responses=errors_doc(400, 401, 413, 429, 503, ok=FeedbackSaved))
    def feedback(body: FeedbackBody) -> dict[str, Any] | JSONResponse:
        if body.rating not in (1, -1):
            return error(400, "rating must be 1 or -1")
        try:
            state.save_feedback(body.model_dump(exclude={"id"} if body.id is None else set()))
        except NotWritable as exc:
            return error(503, str(exc))
        return {"saved": True}


def add_notice_routes(router: APIRouter, ready: Callable[[], Assistant]) -> None:
    """/api/notices and /api/tasks."""

    @router.get("/api/notices", response_model=None, responses=errors_doc(401, 503, ok=list[NoticeOut]))
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

    @router.get("/api/tasks", response_model=None, responses=errors_doc(401, 404, 503))
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


def add_upload_routes(router: APIRouter, state: WebState, ready: Callable[[], Assistant]) -> None:
    """/api/upload, /api/uploads, /api/uploads/{doc_id}: notices added to the index, listed and removed. Reading and
    indexing run in a worker thread: every other request keeps being answered meanwhile."""

    def allowed(request: Request, *, adding: bool) -> JSONResponse | None:
        return upload_refusal(request, state, adding=adding)

    @router.post("/api/upload", response_model=None, responses=errors_doc(400, 401, 403, 409, 413, 415, 429, 503))
    async def upload(
        request: Request,
        file: Annotated[UploadFile, File()],
        replace: Annotated[bool, Query(description="stand in for the loaded notice with the same 文号")] = False,
    ) -> dict[str, Any] | JSONResponse:
        """A notice file added to the index. Refused: 413 too large, 415 wrong type, 400 unreadable, 409 a copy of a
        loaded notice or a 文号 already loaded (unless `replace=true`, which puts the file in that notice's place
        under its doc_id), 403 when uploads are off, 503 while the data dir is read-only."""
        ready()
        if refused := allowed(request, adding=True):
            return refused
        limit = state.settings.max_upload_bytes
        declared = int(request.headers.get("content-length") or 0)
        if declared > limit + MULTIPART_SLACK:
            return error(413, f"file too large; limit {limit} bytes")
        data = await file.read(limit + 1)
        who = f"api {client_of(request)}" + (" (admin key)" if role_of(request, state.settings) == "admin" else "")
        try:
            return await run_in_threadpool(
                lambda: state.add_notice(file.filename or "", data, who=who, replace=replace)
            )
        except UploadRejected as exc:
            return error(exc.status, str(exc))
        except AssistantError as exc:
            return error(400, str(exc))

    add_upload_admin_routes(router, state, ready)


def add_upload_admin_routes(router: APIRouter, state: WebState, ready: Callable[[], Assistant]) -> None:
    """/api/uploads (the records) and DELETE /api/uploads/{doc_id}."""

    def allowed(request: Request, *, adding: bool) -> JSONResponse | None:
        return upload_refusal(request, state, adding=adding)

    @router.get("/api/uploads", response_model=None, responses=errors_doc(401, 403, 429))
    def uploads(request: Request) -> list[dict[str, Any]] | JSONResponse:
        """Every uploaded notice: doc_id, file, sha256, who added it and when, the 文号 and what it replaces."""
        if refused := allowed(request, adding=False):
            return refused
        return [{**r.to_json(), "replaces": r.replaces and Path(r.replaces).name} for r in state.upload_records()]

    @router.delete("/api/uploads/{doc_id}", response_model=None, responses=errors_doc(401, 403, 404, 429, 503))
    async def remove(request: Request, doc_id: str) -> dict[str, Any] | JSONResponse:
        """An uploaded notice out of the index and the data dir; a notice it replaced is served again."""
        ready()
        if refused := allowed(request, adding=False):
            return refused
        try:
            return await run_in_threadpool(state.remove_upload, doc_id)
        except UploadRejected as exc:
            return error(exc.status, str(exc))


def upload_refusal(request: Request, state: WebState, *, adding: bool) -> JSONResponse | None:
    """A 403 for an upload (or its management) this server does not take; None when it may go ahead."""
    if not origin_allowed(request.scope, state.settings.cors_origins):  # OriginCheck refuses it first; kept here
        return error(403, "cross-origin uploads are refused; the origin is not on the CORS allow-list")
    if adding and not state.uploads_open():
        return error(403, uploads_closed(state.settings.uploads))
    if not adding and not state.may_manage():
        return error(
            403, "managing uploads needs the admin key (ASSISTANT_ADMIN_KEY or API key) or ASSISTANT_UPLOADS=all"
        )
    if state.settings.uploads != "all" and state.settings.keyed and role_of(request, state.settings) != "admin":
        return error(403, ADMIN_NEEDED)
    return None


def client_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


def unknown_routes_router() -> APIRouter:
    """Unknown paths (or a wrong method) under /api and /v1 answered in the API's own error shape: without this they
    fall through to the chat mounted at / and get its `{"detail": "Not Found"}`."""
    router = APIRouter(include_in_schema=False)

    async def unknown(request: Request) -> JSONResponse:
        path, method = request.url.path, request.method
        matching = [r for r in api_routes(request.app.router.routes) if r.path_regex.match(path)]
        allowed = sorted({m for r in matching if r.endpoint is not unknown for m in r.methods or ()})
        if allowed:
            status, message = 405, f"{method} is not allowed on {path}; use {' or '.join(allowed)}"
        else:
            status, message = 404, f"no such route: {method} {path} (the routes are listed at /openapi.json)"
        response = openai_error(status, message) if openai_path(request) else error(status, message)
        if allowed:
            response.headers["Allow"] = ", ".join(allowed)
        return response

    for prefix in ("/api", "/v1"):
        router.add_api_route(prefix, unknown, methods=ALL_METHODS)
        router.add_api_route(prefix + "/{rest:path}", unknown, methods=ALL_METHODS)
    return router


def api_routes(routes: list[Any]) -> list[APIRoute]:
    """Every route of the app, routers included (FastAPI wraps an included router; none here has a prefix)."""
    found: list[APIRoute] = []
    for r in routes:
        if isinstance(r, APIRoute):
            found.append(r)
        elif (inner := getattr(r, "original_router", None)) is not None:
            found.extend(api_routes(inner.routes))
    return found


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

    settings = state.settings

    def login(user: str, password: str) -> bool:
        """The chat password (any user name but admin: asks only), or the admin key (as user admin when a chat
        password is set, as anyone when not: the single key of earlier versions). The read key is not a login."""
        if settings.chat_password and user != ADMIN_USER and same(password, settings.chat_password):
            return True
        return same(password, settings.admin_secret) and (not settings.chat_password or user == ADMIN_USER)

    app = gr.mount_gradio_app(
        app,
        build_ui(state),
        path="/",
        theme=theme(),
        css=CSS,
        footer_links=[],
        ssr_mode=False,
        allowed_paths=[],
        auth=login if settings.keyed else None,
        auth_message=login_message(settings) if settings.keyed else None,
        show_error=False,
        max_file_size=state.settings.max_upload_bytes,
    )
    app.state.sessions.chat = next(
        r.app for r in app.routes if isinstance(r, Mount) and isinstance(r.app, gr.routes.App)
    )
    return app


def login_message(settings: Settings) -> str:
    if settings.chat_password:
        return "聊天密码 / chat password (管理员 / admin: user admin, the admin key)"
    return "访问密钥 / admin key"


class ChatSessions:
    """Whether a request carries a live login session of the chat, checked as Gradio checks it (get_current_user in
    its routes.py): either of its two access-token cookies naming a token it issued at /login. None without the UI."""

    def __init__(self) -> None:
        self.chat: Any = None  # the mounted Gradio app, once with_ui has mounted it

    def __call__(self, conn: HTTPConnection) -> bool:
        if self.chat is None:
            return False
        cookies, cookie_id = conn.cookies, self.chat.cookie_id
        token = cookies.get(f"access-token-{cookie_id}") or cookies.get(f"access-token-unsecure-{cookie_id}")
        return token is not None and token in self.chat.tokens

    def user(self, conn: HTTPConnection) -> str | None:
        """The user name a live login session was issued to (its role: chat_admin), or None."""
        if not self(conn):
            return None
        cookies, cookie_id = conn.cookies, self.chat.cookie_id
        token = cookies.get(f"access-token-{cookie_id}") or cookies.get(f"access-token-unsecure-{cookie_id}")
        user = self.chat.tokens.get(token)
        return str(user) if user is not None else None

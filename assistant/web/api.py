"""The one server: a FastAPI app with the JSON API, the help widget script, and the Gradio chat mounted at /."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from fastapi import Depends, FastAPI, File, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.config import Settings
from assistant.conversation import turns_from
from assistant.errors import AssistantError, BadQuestion, UnknownNotice
from assistant.web.openai_api import openai_error
from assistant.web.openai_api import router as openai_router
from assistant.web.state import NotReady, UploadRejected, WebState

STATIC = Path(__file__).resolve().parent / "static"
MAX_HISTORY = 50  # messages a request may send; the conversation reads the last 20 (conversation.MAX_TURNS)
MAX_TURN_CHARS = 20_000  # an earlier answer can be a long list; anything longer is not a chat message


class HistoryMessage(BaseModel):
    role: Literal["user", "assistant"]
    content: str = Field(max_length=MAX_TURN_CHARS)
    understood: dict[str, Any] | None = None  # as an earlier /api/ask returned it: lets "第二个呢" pick its rows


class AskBody(BaseModel):
    question: str
    doc: str | None = None
    history: list[HistoryMessage] = Field(default_factory=list, max_length=MAX_HISTORY)


class FeedbackBody(BaseModel):
    question: str
    answer: str
    rating: int  # 1 up, -1 down
    citations: list = []
    comment: str | None = None


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def create_app(settings: Settings | None = None, *, ui: bool = True) -> FastAPI:
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

    def openai_path(request: Request) -> bool:
        return request.url.path.startswith("/v1/")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        if openai_path(request):
            return openai_error(exc.status_code, str(exc.detail))
        return error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x != "body")
        message = f"bad request: {where} {first.get('msg', '')}".strip()
        return openai_error(400, message, param=where or None) if openai_path(request) else error(400, message)

    def key_ok(request: Request) -> bool:
        """No key configured, or the request sends it as X-API-Key or as Authorization: Bearer (OpenAI clients)."""
        if not settings.api_key:
            return True
        bearer = request.headers.get("authorization", "")
        given = request.headers.get("x-api-key") or (bearer[7:].strip() if bearer[:7].lower() == "bearer " else None)
        return given == settings.api_key

    def api_key(request: Request) -> None:
        if not key_ok(request):
            raise StarletteHTTPException(401, "missing or wrong X-API-Key")

    def ready():
        try:
            return state.assistant(wait=0)
        except NotReady as exc:
            raise StarletteHTTPException(503, str(exc)) from None

    @app.get("/healthz")
    def healthz():
        p = state.progress
        body = {"status": p.phase, "indexed": p.done, "total": p.total}
        if p.error:
            body["error"] = p.error
        return JSONResponse(body, status_code=200 if p.phase != "failed" else 503)

    @app.post("/api/ask", dependencies=[Depends(api_key)])
    def ask(body: AskBody):
        """{question, doc?, history?} -> {answer, citations[], tasks[], lang, found, mode, notes, understood}"""
        assistant = ready()
        try:
            history = turns_from([m.model_dump(exclude_none=True) for m in body.history])
            return assistant.ask(body.question, body.doc or None, history).to_json()
        except BadQuestion as exc:
            return error(400, str(exc))
        except UnknownNotice as exc:
            return error(404, str(exc))

    @app.get("/api/notices", dependencies=[Depends(api_key)])
    def notices():
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

    @app.get("/api/tasks", dependencies=[Depends(api_key)])
    def tasks(doc: str | None = Query(None, description="doc_id, region or 文号; all notices when absent")):
        corpus = ready().corpus
        if doc:
            chosen = corpus.match(doc)
            if not chosen:
                return error(404, str(UnknownNotice(doc, corpus.doc_ids)))
            return [t.to_json() for p in chosen for t in p.tasks]
        return [t.to_json() for t in corpus.tasks()]

    @app.post("/api/feedback", dependencies=[Depends(api_key)])
    def feedback(body: FeedbackBody):
        if body.rating not in (1, -1):
            return error(400, "rating must be 1 or -1")
        state.save_feedback(body.model_dump())
        return {"saved": True}

    @app.post("/api/upload", dependencies=[Depends(api_key)])
    async def upload(request: Request, file: UploadFile = File(...)):
        ready()
        limit = settings.max_upload_bytes
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

    app.include_router(openai_router(ready, key_ok))

    @app.get("/widget.js", include_in_schema=False)
    def widget():
        return FileResponse(STATIC / "widget.js", media_type="application/javascript")

    @app.get("/examples/widget-host.html", include_in_schema=False)
    def host_page():
        return FileResponse(STATIC / "widget-host.html", media_type="text/html")

    state.start()
    if ui:
        import gradio as gr

        from assistant.web.render import CSS
        from assistant.web.ui import build_ui, theme

        app = gr.mount_gradio_app(
            app, build_ui(state), path="/", theme=theme(), css=CSS, footer_links=[], ssr_mode=False, allowed_paths=[]
        )
    return app

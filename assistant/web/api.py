"""The one server: a FastAPI app with the JSON API, the help widget script, and the Gradio chat mounted at /."""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import Depends, FastAPI, File, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.config import Settings
from assistant.errors import AssistantError, BadQuestion, UnknownNotice
from assistant.web.state import NotReady, UploadRejected, WebState

STATIC = Path(__file__).resolve().parent / "static"


class AskBody(BaseModel):
    question: str
    doc: str | None = None


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
            allow_headers=["Content-Type", "X-API-Key"],
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        return error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x != "body")
        return error(400, f"bad request: {where} {first.get('msg', '')}".strip())

    def api_key(request: Request) -> None:
        if settings.api_key and request.headers.get("x-api-key") != settings.api_key:
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
        """{question, doc?} -> {answer, citations[], tasks[], lang, found, mode, notes}"""
        assistant = ready()
        try:
            return assistant.ask(body.question, body.doc or None).to_json()
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

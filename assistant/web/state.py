"""What the web server holds: one Assistant, built in the background on first start, swapped whole after an upload."""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from assistant.config import Settings
from assistant.errors import AssistantError, LoadError
from index.corpus import load_corpus
from index.loaders import SUPPORTED_SUFFIXES, load_file
from index.records import ParsedNotice
from index.tasks import unread_warning

if TYPE_CHECKING:  # the service (and LangChain under it) loads with the first build, not with the web server
    from assistant.service import Assistant

# called as the index is built: notices done, notices in all, the notice being indexed
OnProgress = Callable[[int, int, str], None]

log = logging.getLogger(__name__)


class NotReady(AssistantError):
    """The index is still being built."""


class UploadRejected(AssistantError):
    def __init__(self, message: str, status: int) -> None:
        self.status = status
        super().__init__(message)


@dataclass
class Progress:
    done: int = 0
    total: int = 0
    doc_id: str = ""
    phase: str = "starting"  # starting | indexing | ready | failed
    error: str | None = None


@dataclass
class WebState:
    settings: Settings
    progress: Progress = field(default_factory=Progress)
    _assistant: Assistant | None = None
    _ready: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)  # one upload (re-index) at a time

    @property
    def uploads(self) -> Path:
        return self.settings.data_dir / "uploads"

    @property
    def feedback_file(self) -> Path:
        return self.settings.data_dir / "feedback.jsonl"

    def notice_paths(self) -> list[Path]:
        return [*self.settings.notices, *([self.uploads] if self.uploads.is_dir() else [])]

    # --- building ---------------------------------------------------------------------------------
    def start(self) -> None:
        threading.Thread(target=self._build_first, name="index-build", daemon=True).start()

    def _build_first(self) -> None:
        try:
            self._assistant = self._build(self.notice_paths())
            self.progress.phase = "ready"
        except Exception as exc:  # shown on /healthz and in the chat; the server stays up
            log.exception("index build failed")
            self.progress.phase, self.progress.error = "failed", str(exc)
        finally:
            self._ready.set()

    def _build(self, paths: list[Path], on_progress: OnProgress | None = None) -> Assistant:
        from assistant.boot import build_and_open

        corpus = load_corpus(paths)

        def progress(done: int, total: int, doc_id: str) -> None:
            self.progress.done, self.progress.total, self.progress.doc_id = done, total, doc_id
            self.progress.phase = "indexing" if self.progress.phase != "ready" else "ready"
            if on_progress:
                on_progress(done, total, doc_id)

        assistant, _ = build_and_open(self.settings, corpus, progress=progress)
        return assistant

    def assistant(self, wait: float | None = None) -> Assistant:
        if not self._ready.wait(wait):
            raise NotReady("正在建立索引，请稍候… / The index is being built, please wait…")
        if self._assistant is None:
            raise NotReady(f"索引建立失败 / index build failed: {self.progress.error}")
        return self._assistant

    # --- uploads ------------------------------------------------------------------------------------
    def add_notice(self, filename: str, data: bytes, on_progress: OnProgress | None = None) -> dict[str, Any]:
        """Saves an uploaded notice, indexes it incrementally and swaps in the new assistant.

        A file that is too big, of the wrong type or unreadable is refused and nothing changes."""
        limit = self.settings.max_upload_bytes
        if len(data) > limit:
            raise UploadRejected(
                f"文件过大：{len(data)} 字节，上限 {limit} 字节 / file too large: {len(data)} bytes, limit {limit}", 413
            )
        name = Path(filename or "").name
        name = re.sub(r"[^\w.\-\u4e00-\u9fff]+", "_", name).lstrip(".") or "notice.txt"
        suffix = Path(name).suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            raise UploadRejected(
                f"不支持的文件类型 {suffix or '(无)'}；支持：{', '.join(SUPPORTED_SUFFIXES)} / unsupported file type",
                415,
            )
        if not data.strip():
            raise UploadRejected("文件为空 / the file is empty", 400)
        current = self.assistant(wait=0)
        with self._lock:
            staging = self.settings.data_dir / "staging"
            staging.mkdir(parents=True, exist_ok=True)
            tmp = staging / name
            tmp.write_bytes(data)
            try:
                loaded = load_file(tmp, max_bytes=limit)
                parsed = load_corpus([tmp])
                if parsed.errors or not parsed.notices:
                    raise parsed.errors[0] if parsed.errors else LoadError(tmp, "no text found")
                if not loaded.text.strip():
                    raise LoadError(tmp, "no text found")
            except AssistantError as exc:
                tmp.unlink(missing_ok=True)
                raise UploadRejected(f"无法读取该文件 / cannot read this file: {exc}", 400) from None
            self.uploads.mkdir(parents=True, exist_ok=True)
            dest = self.uploads / name
            stem, n = dest.stem, 1
            while dest.exists():
                dest = self.uploads / f"{stem}-{n}{dest.suffix}"
                n += 1
            tmp.replace(dest)
            try:
                new = self._build(self.notice_paths(), on_progress)
            except Exception:
                dest.unlink(missing_ok=True)  # the old assistant keeps serving
                raise
            self._assistant = new
        added = next((p for p in new.corpus.notices if p.notice.path.resolve() == dest.resolve()), None)
        log.info("uploaded %s (was serving %d notices)", dest.name, len(current.corpus.notices))
        if added is None:
            return {"file": dest.name, "doc_id": None, "title": None, "tasks": 0, **recognised(None)}
        return {
            "file": dest.name,
            "doc_id": added.notice.doc_id,
            "title": added.notice.title,
            "tasks": len(added.tasks),
            "tasks_url": f"/api/tasks?doc={quote(added.notice.doc_id)}",
            **recognised(added),
        }

    # --- feedback -------------------------------------------------------------------------------------
    def save_feedback(self, record: dict) -> None:
        self.feedback_file.parent.mkdir(parents=True, exist_ok=True)
        record = {"time": time.strftime("%Y-%m-%dT%H:%M:%S"), **record}
        with self.feedback_file.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def recognised(parsed: ParsedNotice | None) -> dict[str, str | None]:
    """What the upload screen says about an uploaded notice's task table: how many tasks were recognised, and a
    warning when lines look like a task table that gave none, or no task came from a notice with numbered items."""
    n = len(parsed.tasks) if parsed else 0
    warning = unread_warning(parsed) if parsed else None
    if warning is None and parsed and n == 0 and parsed.structure.lists:
        warning = "未识别出任务，但文中有编号条目 / no tasks recognised, though the notice has numbered items"
    elif warning:
        warning = f"部分内容像任务表但未识别出任务 / {warning}"
    return {"message": f"识别出 {n} 项任务 / {n} tasks recognised", "warning": warning}

"""What the web server holds: one Assistant, built in the background on first start, swapped whole after an upload."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from assistant.config import Settings
from assistant.errors import AssistantError, LoadError
from index.corpus import Corpus, free_id, load_corpus, with_doc_id
from index.loaders import SUPPORTED_SUFFIXES
from index.records import ParsedNotice
from index.tasks import unread_warning
from index.text import no_spaces
from index.uploads import DataDir, UploadRecord

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


class NotWritable(AssistantError):
    """The data directory cannot be written: the index is served read-only, nothing can be added or saved."""

    def __init__(self) -> None:
        super().__init__("数据目录只读，暂不能保存 / the data directory is read-only; nothing can be saved now")


# What a loader's reason means, in plain words for the person who uploaded the file (the detail goes to the log).
PLAIN_REASONS = (
    ("not a valid .pdf", "文件不是有效的 PDF / not a valid PDF file"),
    ("encrypted PDF", "PDF 有密码保护 / the PDF is password-protected"),
    ("not a valid .docx", "文件不是有效的 Word 文档（.docx）/ not a valid Word (.docx) file"),
    ("not a text file", "文件不是文本 / not a text file"),
    ("no text content", "文件中没有文字 / the file holds no text"),
    ("no extractable text", "PDF 中没有可提取的文字（扫描件？）/ no text in the PDF (a scan?)"),
    ("could not be read as a notice", "无法读取为通知 / could not be read as a notice"),
)


def plain_reason(exc: LoadError) -> str:
    for prefix, words in PLAIN_REASONS:
        if exc.reason.startswith(prefix):
            return f"{exc.path.name}: {words}"
    return str(exc)  # the limits name themselves plainly (over the limit of …)


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _doc_number_key(doc_number: str | None) -> str:
    return no_spaces(doc_number or "")


@dataclass
class WebState:
    settings: Settings
    progress: Progress = field(default_factory=Progress)
    read_only: bool = False  # the data dir could not be written at start: the index is served from a copy
    uploading: str | None = None  # the file being added or removed, for /healthz and the upload screen
    _assistant: Assistant | None = None
    _ready: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)  # one upload (re-index) at a time
    _feedback_lock: threading.Lock = field(default_factory=threading.Lock)  # one feedback write at a time

    @property
    def data(self) -> DataDir:
        return DataDir(self.settings.data_dir)

    @property
    def uploads(self) -> Path:
        return self.data.uploads

    @property
    def feedback_file(self) -> Path:
        return self.settings.data_dir / "feedback.jsonl"

    def notice_paths(self) -> list[Path]:
        return self.data.paths(self.settings.notices)

    def uploads_open(self) -> bool:
        """Whether notices may be added: ASSISTANT_UPLOADS=all, or admin with an admin key set (the routes check
        the caller's role)."""
        mode = self.settings.uploads
        return mode == "all" or (mode == "admin" and bool(self.settings.admin_secret))

    def may_manage(self) -> bool:
        """Whether uploads may be listed and removed: by an admin (an admin key is set) even when adding is off."""
        return self.settings.uploads == "all" or bool(self.settings.admin_secret)

    # --- building ---------------------------------------------------------------------------------
    def start(self) -> None:
        threading.Thread(target=self.build_now, name="index-build", daemon=True).start()

    def build_now(self) -> None:
        try:
            if self.data.writable():
                self.data.clear_staging()
                corpus = self.data.load(self.settings.notices)
                self._assistant = self._build(corpus)
                self.data.reconcile(corpus, now())
            else:
                self._assistant = self._open_read_only()
                self.read_only = True
                threading.Thread(target=self._await_writable, name="writable-check", daemon=True).start()
            self.progress.phase = "ready"
        except Exception as exc:  # shown on /healthz and in the chat; the server stays up
            log.exception("index build failed")
            self.progress.phase, self.progress.error = "failed", public_error(exc, self.settings.data_dir)
        finally:
            self._ready.set()

    def _open_read_only(self) -> Assistant:
        """The committed index served from a copy (Chroma cannot open a database it may not write), if it holds
        every notice as it is now; IndexNotBuilt otherwise."""
        from assistant.service import Assistant
        from index.build import index_dir
        from index.embed import make_embedder
        from index.store import NoticeIndex

        corpus = self.data.load(self.settings.notices)
        copy = Path(tempfile.mkdtemp(prefix="notice-index-ro-"))
        shutil.copytree(index_dir(self.settings.data_dir), copy / "index")
        embedder = make_embedder(self.settings.embedder, allow_download=self.settings.allow_model_download)
        index = NoticeIndex(copy / "index", embedder)
        log.warning("%s is read-only: serving its index read-only until it can be written", self.settings.data_dir)
        return Assistant(self.settings, corpus=corpus, index=index)

    def _await_writable(self) -> None:
        """Once the data dir can be written again, the index is synced there and served read-write."""
        while not self.data.writable():
            time.sleep(self.settings.writable_check_seconds)
        try:
            with self._lock:
                self.data.clear_staging()
                corpus = self.data.load(self.settings.notices)
                self._assistant = self._build(corpus)
                self.read_only = False
            log.info("%s is writable again: the index is served read-write", self.settings.data_dir)
        except Exception:
            log.exception("could not take the index back read-write")

    def _build(self, corpus: Corpus, on_progress: OnProgress | None = None, *, beside: bool = False) -> Assistant:
        """The index synced with `corpus` and an Assistant on it. `beside` (an upload or a removal while questions
        are being answered): new chunks are embedded in a child process, so queries do not queue behind them."""
        from assistant.boot import build_and_open
        from assistant.service import Assistant
        from index.build import build, index_dir
        from index.embed import make_embedder
        from index.embedchild import ChildEmbedder
        from index.store import NoticeIndex

        def progress(done: int, total: int, doc_id: str) -> None:
            self.progress.done, self.progress.total, self.progress.doc_id = done, total, doc_id
            self.progress.phase = "indexing" if self.progress.phase != "ready" else "ready"
            if on_progress:
                on_progress(done, total, doc_id)

        if not beside:
            assistant, _ = build_and_open(self.settings, corpus, progress=progress)
        else:
            s = self.settings
            local = make_embedder(s.embedder, allow_download=s.allow_model_download)
            child = ChildEmbedder(local, s.embedder, allow_download=s.allow_model_download)
            build(corpus, s.data_dir, child, progress=progress)
            assistant = Assistant(s, corpus=corpus, index=NoticeIndex(index_dir(s.data_dir), local))
        self.data.pin(corpus)
        return assistant

    def assistant(self, wait: float | None = None) -> Assistant:
        if not self._ready.wait(wait):
            raise NotReady("正在建立索引，请稍候… / The index is being built, please wait…")
        if self._assistant is None:
            raise NotReady(f"索引建立失败 / index build failed: {self.progress.error}")
        return self._assistant

    # --- uploads ------------------------------------------------------------------------------------
    def check_upload(self, filename: str, data: bytes) -> str:
        """The file name an upload is stored under; UploadRejected when it is too big, of the wrong type or empty."""
        limit = self.settings.max_upload_bytes
        if len(data) > limit:
            raise UploadRejected(
                f"文件过大：{len(data)} 字节，上限 {limit} 字节 / file too large: {len(data)} bytes, limit {limit}", 413
            )
        name = Path(filename or "").name
        name = re.sub(r"[^\w.\-\u4e00-\u9fff]+", "_", name).lstrip(".") or "notice.txt"
        suffix = Path(name).suffix.lower()
        if len(name.encode()) > 120:  # file systems refuse names of 255 bytes; keep the start and the suffix
            name = name.encode()[: 120 - len(suffix)].decode("utf-8", "ignore") + suffix
        if suffix not in SUPPORTED_SUFFIXES:
            raise UploadRejected(
                f"不支持的文件类型 {suffix or '(无)'}；支持：{', '.join(SUPPORTED_SUFFIXES)} / unsupported file type",
                415,
            )
        if not data.strip():
            raise UploadRejected("文件为空 / the file is empty", 400)
        return name

    def add_notice(
        self,
        filename: str,
        data: bytes,
        on_progress: OnProgress | None = None,
        *,
        who: str = "unknown",
        replace: bool = False,
    ) -> dict[str, Any]:
        """Reads an uploaded notice, indexes it beside the others and swaps in the new assistant; the file joins
        uploads/ only once the index holding it has committed. Blocking: the web routes call it in a worker thread.

        Refused (UploadRejected), nothing changed: too big, wrong type, unreadable (400), the same text as a loaded
        notice (409), or the 文号 of a loaded notice without `replace` (409); with `replace` it stands in for that
        notice under its doc_id."""
        name = self.check_upload(filename, data)
        current = self.assistant(wait=0)
        if self.read_only:
            raise UploadRejected(str(NotWritable()), 503)
        with self._lock:
            self.uploading = name
            try:
                return self._add(name, data, current, on_progress, who=who, replace=replace)
            finally:
                self.uploading = None

    def _add(
        self, name: str, data: bytes, current: Assistant, on_progress: OnProgress | None, *, who: str, replace: bool
    ) -> dict[str, Any]:
        current = self._assistant or current  # another upload may have swapped it while this one waited
        staging = self.data.work_folder()
        tmp = staging / name
        try:
            tmp.write_bytes(data)
            parsed = self._read(tmp)
            existing = self._conflict(parsed, current.corpus, replace)
            self.uploads.mkdir(parents=True, exist_ok=True)
            dest = unique_name(self.uploads, name)
            records = self.data.records()
            doc_id = existing.notice.doc_id if existing else free_id(parsed.notice.doc_id, set(current.corpus.doc_ids))
            added = with_doc_id(parsed, doc_id, dest)
            kept = [p for p in current.corpus.notices if p is not existing]
            corpus = Corpus([*kept, added], current.corpus.errors)

            def progress(done: int, total: int, _doc_id: str) -> None:
                if on_progress:
                    on_progress(done, total, name)

            try:
                new = self._build(corpus, progress, beside=True)  # the index commits here
            except Exception:
                log.exception("indexing the upload %s failed", name)
                raise UploadRejected(
                    f"{name}: 索引未能更新，文件未加入 / the index could not be updated; the file was not added", 503
                ) from None
            tmp.replace(dest)  # only now is the upload part of what a restart loads
            self.data.pin(corpus, {str(dest.resolve()): doc_id})
            replaces = None
            if existing is not None:
                old = next((r for r in records if r.doc_id == existing.notice.doc_id), None)
                if old is not None:  # an earlier upload: its file and record go
                    (self.uploads / old.file).unlink(missing_ok=True)
                    records = [r for r in records if r is not old]
                    replaces = old.replaces
                else:  # a configured notice: left out while this upload stands in for it
                    replaces = str(existing.notice.path.resolve())
            record = UploadRecord(
                doc_id=doc_id,
                file=dest.name,
                sha256=hashlib.sha256(data).hexdigest(),
                text_sha256=added.notice.sha256,
                title=added.notice.title,
                doc_number=added.notice.doc_number,
                who=who,
                time=now(),
                replaces=replaces,
            )
            self.data.save_records([*records, record])
            self._assistant = new
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        log.info("uploaded %s as %s by %s", dest.name, doc_id, who)
        return {
            "file": dest.name,
            "doc_id": doc_id,
            "title": added.notice.title,
            "tasks": len(added.tasks),
            "tasks_url": f"/api/tasks?doc={quote(doc_id)}",
            "replaced": existing.notice.doc_id if existing else None,
            **recognised(added),
        }

    def _read(self, path: Path) -> ParsedNotice:
        parsed = load_corpus([path])
        if parsed.errors:
            log.info("upload refused: %s", parsed.errors[0])
            raise UploadRejected(f"无法读取该文件 / cannot read this file: {plain_reason(parsed.errors[0])}", 400)
        if not parsed.notices or not parsed.notices[0].notice.text.strip():
            raise UploadRejected(f"无法读取该文件 / cannot read this file: {path.name}: 文件中没有文字 / no text", 400)
        return parsed.notices[0]

    @staticmethod
    def _conflict(parsed: ParsedNotice, corpus: Corpus, replace: bool) -> ParsedNotice | None:
        """The loaded notice an upload replaces (same 文号, `replace` asked); UploadRejected for a copy of a loaded
        notice, or a 文号 already loaded without `replace`."""
        same = next((p for p in corpus.notices if p.notice.sha256 == parsed.notice.sha256), None)
        if same is not None:
            raise UploadRejected(
                f"重复：与已有通知 {same.notice.doc_id} 内容相同，未加入 / duplicate: the same text as "
                f"{same.notice.doc_id} ({same.notice.title}); not added",
                409,
            )
        key = _doc_number_key(parsed.notice.doc_number)
        claimed = next((p for p in corpus.notices if key and _doc_number_key(p.notice.doc_number) == key), None)
        if claimed is not None and not replace:
            raise UploadRejected(
                f"文号 {parsed.notice.doc_number} 已属于 {claimed.notice.doc_id}；如要替换该通知，请选择“替换” "
                f"/ {claimed.notice.doc_id} already has 文号 {parsed.notice.doc_number}; ask to replace it "
                "(replace=true) to put this file in its place",
                409,
            )
        return claimed

    def upload_records(self) -> list[UploadRecord]:
        return self.data.records()

    def remove_upload(self, doc_id: str) -> dict[str, Any]:
        """Takes an uploaded notice out of the index and uploads/ (a notice it replaced comes back); UploadRejected
        404 when no upload has that doc_id."""
        self.assistant(wait=0)
        if self.read_only:
            raise UploadRejected(str(NotWritable()), 503)
        with self._lock:
            records = self.data.records()
            record = next((r for r in records if r.doc_id == doc_id), None)
            if record is None:
                known = ", ".join(r.doc_id for r in records) or "none"
                raise UploadRejected(f"没有这个上传 / no upload has doc_id {doc_id!r}; uploads: {known}", 404)
            self.uploading = record.file
            staging = self.data.work_folder()
            path, hidden = self.uploads / record.file, staging / record.file
            try:
                path.replace(hidden)  # out of what loads; back if the index does not commit
                rest = [r for r in records if r is not record]
                try:
                    self._assistant = self._build(self.data.load(self.settings.notices, rest), beside=True)
                except Exception:
                    hidden.replace(path)
                    raise
                self.data.save_records(rest)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
                self.uploading = None
        log.info("removed upload %s (%s)", doc_id, record.file)
        return {"removed": doc_id, "file": record.file}

    # --- feedback -------------------------------------------------------------------------------------
    def save_feedback(self, record: dict, remove: bool = False) -> None:
        """Appends a feedback record. A record with an `id` (one chat message) replaces that message's earlier
        record, so a changed vote leaves one record with the last vote (and the comment it had, unless the new record
        brings its own); `remove` drops it (a vote taken back)."""
        if self.read_only:
            raise NotWritable()
        record = {"time": time.strftime("%Y-%m-%dT%H:%M:%S"), **record}
        key = record.get("id")
        try:
            self.feedback_file.parent.mkdir(parents=True, exist_ok=True)
            with self._feedback_lock:
                if not key:
                    with self.feedback_file.open("a", encoding="utf-8") as fh:
                        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                    return
                lines = self.feedback_file.read_text("utf-8").splitlines() if self.feedback_file.exists() else []
                earlier = [line for line in lines if feedback_id(line) == key]
                kept = [line for line in lines if feedback_id(line) != key]
                if earlier and not record.get("comment"):  # a changed vote keeps the comment already written
                    comment = json.loads(earlier[-1]).get("comment")
                    record = {**record, "comment": comment} if comment else record
                if not remove:
                    kept.append(json.dumps(record, ensure_ascii=False))
                tmp = self.feedback_file.with_suffix(".jsonl.tmp")
                tmp.write_text("".join(line + "\n" for line in kept), "utf-8")
                tmp.replace(self.feedback_file)
        except OSError as exc:
            log.warning("feedback not saved: %s", exc)
            raise NotWritable() from None


def feedback_id(line: str) -> str | None:
    """The message id of one feedback.jsonl line, or None (no id, or not a JSON object)."""
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value.get("id") if isinstance(value, dict) else None


ADMIN_USER = "admin"  # with a separate chat password, the chat user who logs in with the admin key
ADMIN_NEEDED = (
    "上传、删除和上传记录需要管理员密钥 / uploads, deletions and the upload records need the admin key "
    "(ASSISTANT_ADMIN_KEY, or the single ASSISTANT_API_KEY); the read key and the chat password only ask"
)


def chat_admin(settings: Settings, user: str | None) -> bool:
    """Whether a chat login has the admin role: with a chat password of its own, only the user `admin` (who logged
    in with the admin key); without one every login used the admin key."""
    return bool(settings.admin_secret) and user is not None and (not settings.chat_password or user == ADMIN_USER)


def chat_may_manage(settings: Settings, user: str | None) -> bool:
    """Whether the chat's user may upload, remove and see the records, as far as the role goes (the upload mode is
    checked apart): no credential configured, ASSISTANT_UPLOADS=all, or the admin's login."""
    return not settings.keyed or settings.uploads == "all" or chat_admin(settings, user)


def uploads_closed(mode: str) -> str:
    if mode == "off":
        return "上传已关闭 / uploads are switched off (ASSISTANT_UPLOADS=off)"
    return (
        "上传需要管理员密钥 / uploads need the admin key (ASSISTANT_ADMIN_KEY or API key), and none is set "
        "(ASSISTANT_UPLOADS=admin)"
    )


def unique_name(folder: Path, name: str) -> Path:
    dest = folder / name
    stem, n = dest.stem, 1
    while dest.exists():
        dest = folder / f"{stem}-{n}{dest.suffix}"
        n += 1
    return dest


def public_error(exc: Exception, data_dir: Path) -> str:
    """An error for /healthz and the chat: no absolute paths of the server."""
    return str(exc).replace(str(Path(data_dir).resolve()), "DATA_DIR").replace(str(data_dir), "DATA_DIR")


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

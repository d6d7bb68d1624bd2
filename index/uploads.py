"""What a data directory adds to the configured notices: uploaded files under uploads/ with a record of each (who,
when, hashes, doc_id), the doc_id every indexed notice was given (so adding a file never renames another), and
staging/ for a file being checked or removed, cleared at start.

    DATA_DIR/uploads/       the uploaded notices, each only after the index holding it committed
    DATA_DIR/uploads.json   one record per uploaded notice
    DATA_DIR/doc_ids.json   resolved file path -> doc_id, for every notice once indexed
    DATA_DIR/staging/       an upload being read, a removal being indexed: never loaded, emptied at start
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from index.corpus import Corpus, load_corpus

RECORDS_FILE = "uploads.json"
IDS_FILE = "doc_ids.json"


@dataclass(frozen=True)
class UploadRecord:
    """One uploaded notice: the file under uploads/, who added it and when, what it holds."""

    doc_id: str
    file: str  # its name under uploads/
    sha256: str  # of the file's bytes
    text_sha256: str  # of the text it was indexed from (the notice's sha256)
    title: str
    doc_number: str | None
    who: str  # the edge and client that added it: "api 10.0.0.5 (key)", "chat staff@10.0.0.7", "cli"
    time: str  # ISO 8601, UTC
    replaces: str | None = None  # resolved path of a configured notice it stands in for (same 文号)

    def to_json(self) -> dict[str, str | None]:
        return asdict(self)


def write_atomic(path: Path, text: str) -> None:
    """Replaces `path` with `text`: a reader or a crash sees the old file or the new one, never half."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


class DataDir:
    """The data directory's added notices and the doc_ids of every notice indexed from it."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @property
    def uploads(self) -> Path:
        return self.root / "uploads"

    @property
    def staging(self) -> Path:
        return self.root / "staging"

    # --- state ------------------------------------------------------------------------------------------------
    def writable(self) -> bool:
        """Whether files can be created in the data directory now (checked by doing it: root ignores modes)."""
        probe = self.root / f".write-probe-{uuid.uuid4().hex[:8]}"
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            probe.write_bytes(b"")
            probe.unlink()
            return True
        except OSError:
            return False

    def clear_staging(self) -> None:
        """A file left in staging/ is an upload whose index never committed (or a removal that did not finish): gone,
        unless a live process (another server on this data dir) is working in it."""
        if not self.staging.is_dir():
            return
        for entry in self.staging.iterdir():
            pid = entry.name.split("-", 1)[0]
            if not (pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid))):
                shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)

    def work_folder(self) -> Path:
        """A fresh folder in staging/ for one upload or removal, named for this process."""
        folder = self.staging / f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        folder.mkdir(parents=True)
        return folder

    def records(self) -> list[UploadRecord]:
        path = self.root / RECORDS_FILE
        if not path.is_file():
            return []
        return [UploadRecord(**r) for r in json.loads(path.read_text("utf-8"))]

    def save_records(self, records: Iterable[UploadRecord]) -> None:
        text = json.dumps([r.to_json() for r in records], ensure_ascii=False, indent=1)
        write_atomic(self.root / RECORDS_FILE, text)

    def pins(self) -> dict[str, str]:
        path = self.root / IDS_FILE
        return json.loads(path.read_text("utf-8")) if path.is_file() else {}

    def pin(self, corpus: Corpus, extra: dict[str, str] | None = None) -> None:
        """Keeps the doc_id of every notice of `corpus` (and `extra` path -> doc_id) for the next load; pins of files
        that no longer exist are dropped."""
        pins = {p: d for p, d in self.pins().items() if Path(p).exists()}
        pins.update({str(p.notice.path.resolve()): p.notice.doc_id for p in corpus.notices})
        pins.update(extra or {})
        if pins != self.pins():
            write_atomic(self.root / IDS_FILE, json.dumps(pins, ensure_ascii=False, indent=1, sort_keys=True))

    # --- the corpus -------------------------------------------------------------------------------------------
    def paths(self, configured: Iterable[Path]) -> list[Path]:
        return [*configured, *([self.uploads] if self.uploads.is_dir() else [])]

    @staticmethod
    def replaced(records: Iterable[UploadRecord]) -> set[str]:
        return {r.replaces for r in records if r.replaces}

    def load(self, configured: Iterable[Path], records: list[UploadRecord] | None = None) -> Corpus:
        """The configured notices and the uploads, each under the doc_id it was first given; a configured notice an
        upload replaced is left out while that upload is there."""
        records = self.records() if records is None else records
        return load_corpus(self.paths(configured), pinned=self.pins(), skip=self.replaced(records))

    def reconcile(self, corpus: Corpus, now: str) -> list[UploadRecord]:
        """The records brought in line with uploads/ as loaded: a record whose file is gone is dropped, a file with no
        record (uploaded before records were kept) gets one. Saved when anything changed."""
        records = self.records()
        here = {p.notice.path.resolve(): p for p in corpus.notices}
        kept = [r for r in records if (self.uploads / r.file).resolve() in here]
        named = {r.file for r in kept}
        uploads = self.uploads.resolve()
        for path, parsed in here.items():
            if path.parent == uploads and path.name not in named:
                kept.append(
                    UploadRecord(
                        doc_id=parsed.notice.doc_id,
                        file=path.name,
                        sha256=file_sha256(path),
                        text_sha256=parsed.notice.sha256,
                        title=parsed.notice.title,
                        doc_number=parsed.notice.doc_number,
                        who="unknown (found in uploads/)",
                        time=now,
                    )
                )
        by_file = {p.name: parsed.notice.doc_id for p, parsed in here.items()}
        kept = [r if r.doc_id == by_file.get(r.file, r.doc_id) else _with_id(r, by_file[r.file]) for r in kept]
        if kept != records:
            self.save_records(kept)
        return kept


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _with_id(record: UploadRecord, doc_id: str) -> UploadRecord:
    return UploadRecord(**{**record.to_json(), "doc_id": doc_id})  # type: ignore[arg-type]


def file_sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()

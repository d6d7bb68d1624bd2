"""Chunks for search: one per task (with its fields written out), one per prose paragraph, one per named block."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass

from index.records import ParsedNotice, Task
from index.text import paragraphs, sentences

MAX_PARAGRAPH_CHARS = 400  # longer paragraphs are split at sentence ends so one chunk says one thing


@dataclass(frozen=True)
class Chunk:
    id: str  # sha256(doc_id + kind + text)[:16]: re-indexing the same text is a no-op
    doc_id: str
    kind: str  # task | paragraph | block
    text: str  # what is embedded and searched
    quote: str  # exact substring of the notice that this chunk stands for
    start_line: int
    end_line: int
    label: str = ""  # task label, or block name
    number: int = 0  # task number (0 when not a task)
    task_kind: str = ""  # task | bonus | veto for task chunks

    def metadata(self) -> dict[str, str | int]:
        """Flat metadata for the vector store."""
        return {k: v for k, v in asdict(self).items() if k not in ("id", "text")}

    @classmethod
    def from_metadata(cls, id: str, text: str, meta: dict) -> Chunk:
        return cls(id=id, text=text, **{k: meta[k] for k in cls.__dataclass_fields__ if k not in ("id", "text")})


def chunk_id(doc_id: str, kind: str, text: str) -> str:
    return hashlib.sha256(f"{doc_id}\x00{kind}\x00{text}".encode()).hexdigest()[:16]


def task_text(task: Task, title: str) -> str:
    """The task as one searchable passage, its fields spelled out with the words questions use."""
    parts = [f"{title} {task.label}", " ".join(task.section), task.content]
    if task.lead:
        parts.append("牵头单位：" + "、".join(task.lead))
    if task.responsible:
        parts.append("责任单位：" + "、".join(task.responsible))
    if task.deadline:
        parts.append("完成时限：" + task.deadline)
    if task.leader:
        parts.append("责任领导：" + task.leader)
    if task.materials:
        parts.append("资料报送：" + task.materials)
    if task.remarks:
        parts.append("备注：" + task.remarks)
    return "\n".join(p for p in parts if p)


def paragraph_pieces(text: str) -> list[str]:
    """A paragraph cut at sentence ends into pieces of at most MAX_PARAGRAPH_CHARS (a longer sentence stays whole)."""
    if len(text) <= MAX_PARAGRAPH_CHARS:
        return [text]
    pieces, buf = [], ""
    for sentence in sentences(text):
        if buf and len(buf) + len(sentence) > MAX_PARAGRAPH_CHARS:
            pieces.append(buf)
            buf = ""
        buf += sentence
    if buf:
        pieces.append(buf)
    return pieces


def make_chunks(parsed: ParsedNotice) -> list[Chunk]:
    notice = parsed.notice
    lines = notice.lines
    chunks: list[Chunk] = []
    task_lines: set[int] = set()
    for t in parsed.tasks:
        text = task_text(t, notice.title)
        chunks.append(
            Chunk(
                chunk_id(notice.doc_id, "task", text),
                notice.doc_id,
                "task",
                text,
                t.source_text,
                t.start_line,
                t.end_line,
                t.label,
                t.number,
                t.kind,
            )
        )
        task_lines.update(range(t.start_line, t.end_line + 1))
    for start, end in paragraphs(lines):
        for i in range(start, end + 1):  # prose is searched line by line: each line is exact source text
            line = lines[i - 1].strip()
            if len(line) < 4 or i in task_lines:
                continue
            for piece in paragraph_pieces(line):
                chunks.append(
                    Chunk(
                        chunk_id(notice.doc_id, "paragraph", f"{i}:{piece}"),
                        notice.doc_id,
                        "paragraph",
                        piece,
                        piece,
                        i,
                        i,
                    )
                )
    for b in parsed.blocks:  # whole sections (a phase timeline, a member list) answer "list the ..." questions
        if not task_lines & set(range(b.start_line, b.end_line + 1)):
            text = f"{notice.title} {b.name}\n{b.text}"
            chunks.append(
                Chunk(
                    chunk_id(notice.doc_id, "block", text),
                    notice.doc_id,
                    "block",
                    text,
                    b.text,
                    b.start_line,
                    b.end_line,
                    b.name,
                )
            )
    return chunks

"""The typed records that flow from ingestion to answering."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import NamedTuple

from index.text import split_lines

TASK_KINDS = ("task", "bonus", "veto")


@dataclass(frozen=True)
class Notice:
    """One notice file with the metadata read from its text."""

    doc_id: str
    title: str
    doc_number: str | None
    issuer: str | None
    date: str | None  # ISO yyyy-mm-dd
    region: str | None  # e.g. 柞水县, 昌江区
    aliases: tuple[str, ...]  # names a user may call it by: regions with and without suffix, pinyin
    source: str  # file name
    path: Path
    text: str
    sha256: str
    task_fields: frozenset[str] = frozenset()  # which task columns the notice has: lead, deadline, ...

    @property
    def lines(self) -> list[str]:
        """Line n (1-based) is element n - 1: the lines every citation counts (see index.text.split_lines)."""
        return split_lines(self.text)

    def line_span_text(self, start: int, end: int) -> str:
        """The exact text of 1-based lines start..end."""
        return "\n".join(self.lines[start - 1 : end])


@dataclass(frozen=True)
class Task:
    """One numbered task/item/problem/indicator of a notice, with a pointer to its source lines."""

    doc_id: str
    number: int
    label: str  # as printed: 17. / （十七） / 存在问题6 / 三级指标17 / 加分项1
    kind: str  # task | bonus | veto
    section: tuple[str, ...]
    content: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    deadline: str | None
    dates: tuple[str, ...]
    materials: str | None
    start_line: int
    end_line: int
    source_text: str  # exact text of lines start_line..end_line
    leader: str | None = None  # 责任领导/分管领导 (a person or post, not a unit), where a table has the column
    remarks: str | None = None  # 备注, where a table has the column

    def __post_init__(self) -> None:
        if self.kind not in TASK_KINDS:
            raise ValueError(f"kind must be one of {TASK_KINDS}, got {self.kind!r}")
        if self.number < 1:
            raise ValueError(f"task number must be >= 1, got {self.number}")
        if not 1 <= self.start_line <= self.end_line:
            raise ValueError(f"bad line span {self.start_line}..{self.end_line}")

    def to_json(self) -> dict:
        d = asdict(self)
        for key in ("section", "lead", "responsible", "dates"):
            d[key] = list(d[key])
        for key in ("leader", "remarks"):  # only tables with such a column have them
            if d[key] is None:
                del d[key]
        return d


@dataclass(frozen=True)
class Block:
    """A named stretch of prose kept whole for search (a leading-group list, a phase timeline, a paragraph)."""

    doc_id: str
    name: str
    start_line: int
    end_line: int
    text: str


class LineText(NamedTuple):
    """Text printed on one line of a notice: the line without its indent, or one sentence of it."""

    line: int  # 1-based
    text: str


@dataclass(frozen=True)
class Roster:
    """A "label：value" line whose value runs on over the lines after it (副组长：A / B / C), lines start..end."""

    start_line: int
    end_line: int
    head: str  # the first line, stripped


@dataclass(frozen=True)
class NumberedList:
    """Items numbered from 1 (1. 2. …, （一）（二）…, 一、二、…) right after the line introducing them."""

    after: int  # the last non-blank line before the first item (0: none); a sentence ending there introduces it
    items: tuple[LineText, ...]  # each item's first sentence, on the item's first line


@dataclass(frozen=True)
class Stage:
    """A heading naming one of the stages an overview sentence lists (分为动员部署、…、申报验收五个阶段 ->
    （五）迎接验收…): the heading's line, and the name and noun the overview gives it (申报验收, 阶段)."""

    line: int
    name: str
    noun: str
    overview: int  # the overview sentence's line


@dataclass(frozen=True)
class Structure:
    """The lines of a notice that answer by their place or shape, found once when the notice is parsed."""

    doc_number: LineText | None = None  # the line printing the 文号
    issuer: LineText | None = None  # the line printing the issuer, else the 文号 line that implies it
    title: LineText | None = None
    recipients: LineText | None = None  # the 主送 line
    # the line printing the notice's date, then the head's sentences saying when it was issued
    dates: tuple[LineText, ...] = ()
    rosters: tuple[Roster, ...] = ()
    lists: tuple[NumberedList, ...] = ()
    # a web page's own labelled lines (来源:…, 编辑:…, 作者:…): label name -> the "label:value" text as printed
    page: tuple[tuple[str, LineText], ...] = ()
    # the head's sentences naming the documents the notice implements (根据《…》(X〔2024〕39号), 全面落实《…》)
    basis: tuple[LineText, ...] = ()
    stages: tuple[Stage, ...] = ()  # headings of the stages an overview sentence lists, in order

    def stage_at(self, line: int) -> Stage | None:
        return next((x for x in self.stages if x.line == line), None)

    def page_line(self, name: str) -> LineText | None:
        return next((hit for label, hit in self.page if label == name), None)

    def roster_at(self, line: int) -> Roster | None:
        return next((r for r in self.rosters if r.start_line == line), None)

    def list_after(self, line: int) -> NumberedList | None:
        """The numbered list that a sentence ending on `line` introduces: only blank lines lie between them."""
        return next((x for x in self.lists if x.after <= line < x.items[0].line), None)


@dataclass
class ParsedNotice:
    notice: Notice
    tasks: list[Task] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    unplaced: list[int] = field(default_factory=list)  # lines inside a task table that no task took
    structure: Structure = field(default_factory=Structure)
    unread: list[int] = field(default_factory=list)  # lines that look like a task table but gave no task

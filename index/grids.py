"""Tables as grids of cells, both ways.

Reading a source file (docx, html, pdf), a table becomes rows of cell texts in which merged cells are applied:
a vertically merged cell (docx vMerge, html rowspan, a PDF cell drawn over several rows) repeats its value on
every row it spans, a horizontally merged one (gridSpan, colspan) fills its first column and leaves the others
empty, so every row keeps the table's columns. The loaders write each row as one TAB-joined line, which makes a
task's citation its row. Reading a notice's text, `find_grids` turns runs of such lines back into a `Grid` whose
cells know their line span.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.oxml.ns import qn

if TYPE_CHECKING:  # for annotations only: reading a notice's grids needs no parser
    from bs4 import Tag
    from docx.oxml.table import CT_Tc
    from docx.oxml.xmlchemy import BaseOxmlElement
    from pdfplumber.table import Table

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
# A running page number, alone on a line at the top or bottom of a page: 2 / - 2 - / — 2 — / 第2页 / 第2页 共5页 / 2/5
PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*页?\s*(?:(?:/|共)\s*\d{1,4}\s*页?)?[-—–\s]*$")


@dataclass(frozen=True)
class Cell:
    text: str
    start: int  # 1-based line span in the notice's text
    end: int


@dataclass(frozen=True)
class Grid:
    """A table read back from a notice's text: one row per TAB-joined line."""

    rows: tuple[tuple[Cell, ...], ...]

    @property
    def start(self) -> int:
        return self.rows[0][0].start

    @property
    def end(self) -> int:
        return self.rows[-1][0].end

    def texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]


def find_grids(lines: Sequence[str]) -> list[Grid]:
    """Every run of TAB-joined lines (blank lines inside a run do not end it) as a Grid."""
    grids: list[Grid] = []
    rows: list[tuple[Cell, ...]] = []
    for i, line in enumerate(list(lines) + [""], 1):
        if "\t" in line:
            rows.append(tuple(Cell(c.strip(), i, i) for c in line.split("\t")))
        elif line.strip() and rows:
            grids.append(Grid(tuple(rows)))
            rows = []
    if rows:
        grids.append(Grid(tuple(rows)))
    return grids


def join_wrapped(a: str, b: str) -> str:
    """Two parts of one cell's text broken over lines or pages: CJK rejoins without a space, other text with one."""
    a, b = a.strip(), b.strip()
    if not a or not b:
        return a or b
    return a + b if _CJK.match(a[-1]) and _CJK.match(b[0]) else f"{a} {b}"


# --- docx ------------------------------------------------------------------------------------------------


def docx_rows(tbl: BaseOxmlElement, cell_text: Callable[[CT_Tc], str]) -> list[list[str]]:
    """Rows of a w:tbl with vMerge repeated down and gridSpan/gridBefore kept as empty columns."""
    rows: list[list[str]] = []
    above: dict[int, str] = {}  # grid column -> text of the last cell in that column
    for tr in tbl.iterchildren(qn("w:tr")):
        out: list[str] = []
        before = tr.xpath("./w:trPr/w:gridBefore/@w:val")
        out.extend([""] * int(before[0]) if before and before[0].isdigit() else [])
        for tc in tr.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc"):
            col = len(out)
            text = above.get(col, "") if tc.vMerge == "continue" else cell_text(tc)
            span = max(1, min(int(tc.grid_span or 1), 64))
            for k in range(span):
                above[col + k] = text if k == 0 else ""
            out.extend([text] + [""] * (span - 1))
        rows.append(out)
    return rows


# --- html ------------------------------------------------------------------------------------------------


def html_rows(table: Tag, cell_text: Callable[[Tag], str]) -> list[list[str]]:
    """Rows of a <table> (not of tables nested in it) with rowspan repeated down and colspan kept as empty columns."""
    rows: list[list[str]] = []
    carry: dict[int, tuple[int, str]] = {}  # column -> (rows still covered, text) of a rowspan above
    for tr in (tr for tr in table.find_all("tr") if tr.find_parent("table") is table):
        cells = iter(tr.find_all(["td", "th"], recursive=False))
        out: list[str] = []
        pending: dict[int, tuple[int, str]] = {}
        while True:
            col = len(out)
            left, text = carry.get(col, (0, ""))
            if left:
                carry[col] = (left - 1, text)
                out.append(text)
                continue
            td = next(cells, None)
            if td is None:
                if any(c > col and n for c, (n, _) in carry.items()):
                    out.append("")  # a rowspan further right still covers this row
                    continue
                break
            text = cell_text(td)
            rowspan, colspan = _span(td.get("rowspan")), _span(td.get("colspan"))
            for k in range(colspan):
                out.append(text if k == 0 else "")
                if rowspan > 1:
                    pending[col + k] = (rowspan - 1, text if k == 0 else "")
        carry = {c: v for c, v in carry.items() if v[0]} | pending
        rows.append(out)
    return rows


def _span(value: object) -> int:
    text = str(value or "1").strip()
    return max(1, min(int(text), 1000)) if text.isdigit() else 1


def is_layout_table(table: Tag) -> bool:
    """A page laid out in a table (old government sites): some cell holds a table of several rows and columns."""
    for inner in table.find_all("table"):
        if inner.find_parent("table") is not table:
            continue
        rows = [tr for tr in inner.find_all("tr") if tr.find_parent("table") is inner]
        if len(rows) >= 2 and any(len(tr.find_all(["td", "th"], recursive=False)) >= 2 for tr in rows):
            return True
    return False


# --- pdf -------------------------------------------------------------------------------------------------


def pdf_rows(table: Table) -> list[list[str]]:
    """Rows of a pdfplumber table: a cell covered by a merge from the left stays empty, one covered from above
    repeats the value above (pdfplumber reports both as None)."""
    texts = table.extract()
    lefts: dict[int, float] = {}
    for row in table.rows:
        for c, bbox in enumerate(row.cells):
            if bbox is not None:
                lefts.setdefault(c, bbox[0])
    rows: list[list[str]] = []
    for r, (row, cells) in enumerate(zip(table.rows, texts, strict=True)):
        out: list[str] = []
        for c, text in enumerate(cells):
            if text is not None:
                out.append(text)
                continue
            left = next((row.cells[j] for j in range(c - 1, -1, -1) if row.cells[j] is not None), None)
            x0 = lefts.get(c)
            if left is not None and x0 is not None and left[2] > x0 + 1:
                out.append("")  # covered by a wider cell to its left
            else:
                out.append(rows[r - 1][c] if r and c < len(rows[r - 1]) else "")
        rows.append(out)
    return rows


Item = str | list[list[str]]  # a text line, or a table's rows of cleaned cells


def stitch_pages(pages: Sequence[Sequence[Item]]) -> list[str]:
    """The lines of a PDF whose pages are lists of text lines and tables, in reading order.

    A table that ends one page and starts the next is one table: page numbers and running heads and feet
    between are dropped (each running line is kept once), the header rows the next page repeats are skipped,
    and a row broken by the page (its number cell empty) is joined to the row it continues.
    """
    heads = _repeated([_edge(p, 0) for p in pages])
    feet = _repeated([_edge(p, -1) for p in pages])
    items: list[Item] = []
    seen_heads: set[str] = set()
    for page in pages:
        page = list(page)
        while page and isinstance(page[-1], str) and (PAGE_NUMBER.match(page[-1]) or page[-1] in feet):
            page.pop()
        while page and isinstance(page[0], str) and (PAGE_NUMBER.match(page[0]) or page[0] in seen_heads):
            page.pop(0)
        if page and isinstance(page[0], str) and page[0] in heads:
            seen_heads.add(page[0])  # a running head is kept where it first appears (it may be the title)
        if page and items and isinstance(items[-1], list) and isinstance(page[0], list):
            if _continue_table(items[-1], page[0]):
                page.pop(0)
        items.extend(page)
    lines: list[str] = []
    for item in items:
        if isinstance(item, str):
            lines.append(item)
        else:
            lines.extend("\t".join(cells) for cells in item if any(c.strip() for c in cells))
    return lines


def _edge(page: Sequence[Item], at: int) -> Item | None:
    """The first (at=0) or last (at=-1) item of a page past page numbers: a text line, or a table."""
    lines = list(page) if at == 0 else list(reversed(page))
    return next((i for i in lines if not (isinstance(i, str) and PAGE_NUMBER.match(i))), None) if lines else None


def _repeated(edges: list[Item | None]) -> set[str]:
    """Text lines on the same edge of two or more pages: running heads or feet."""
    texts = [e for e in edges if isinstance(e, str)]
    return {t for t in texts if texts.count(t) > 1}


def _continue_table(rows: list[list[str]], more: list[list[str]]) -> bool:
    """Appends `more` to `rows` when it continues the same table; returns whether it did."""
    if not rows or not more or len(rows[0]) != len(more[0]):
        return False
    squash = lambda cells: [re.sub(r"\s+", "", c) for c in cells]  # noqa: E731
    k = 0
    while k < min(2, len(more), len(rows) - 1) and squash(more[k]) == squash(rows[k]):
        k += 1
    more = more[k:]
    number_at = _number_column(rows[k or 1 :])
    if (
        more
        and number_at is not None
        and not more[0][number_at].strip()
        and rows[-1][number_at].strip()
        and not re.match(r"^[一二三四五六七八九十]+\s*、", next((c.strip() for c in more[0] if c.strip()), ""))
    ):
        first, *more = more
        rows[-1] = [join_wrapped(a, b) if a != b else a for a, b in zip(rows[-1], first, strict=True)]
    rows.extend(more)
    return True


def _number_column(rows: Sequence[Sequence[str]]) -> int | None:
    """The column that holds item numbers in most rows."""
    if not rows:
        return None
    for c in range(len(rows[0])):
        nums = sum(1 for r in rows if c < len(r) and re.fullmatch(r"\s*\d{1,3}\s*[.．、]?\s*", r[c]))
        if nums >= max(1, 0.6 * len(rows)):
            return c
    return None

"""Reading the cells of a task table: the header's column roles, the number(s) a row carries, and unit cells."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.layouts.words import TASK_FIELDS, words
from index.text import no_spaces

BARE_NUMBER = re.compile(r"^(\d{1,3})$")
FUSED_NUMBER = re.compile(r"^(\d{1,3})\s+(\S.*)$", re.S)
DOTTED_NUMBER = re.compile(r"^(\d{1,3})\s*([.．、])\s*(\S.*)$", re.S)
P_SEGMENT = re.compile(r"<p>(.*?)</p>", re.S)  # one merged cell holding several rows' items: <p>14. …</p><p>15. …</p>
HEADER_CELL_MAX = 10  # a header names a column; a longer cell is data
# Trailing phrases of a 责任单位 cell that say how the units share the work, not which units they are.
UNIT_TAIL = re.compile(r"(?:按职责分工)?(?:分别)?负责$")


def clean_cell(text: str) -> str:
    return text.strip().replace("<p>", "").replace("</p>", "").strip()


@dataclass(frozen=True)
class Header:
    content_name: str  # the header text of the content column, used in labels (三级指标17)
    trailing: tuple[str, ...]  # roles of the columns after the content column, in order

    @property
    def fields(self) -> frozenset[str]:
        """The task fields this table has columns for."""
        return frozenset(r for r in self.trailing if r in TASK_FIELDS)


def read_header(cells: list[str]) -> Header | None:
    """The header a row is, when every non-empty cell names a known column, one the content and one who or when."""
    names = [c for c in cells if c.strip()]
    if len(names) < 3 or any(len(no_spaces(c)) > HEADER_CELL_MAX for c in names):
        return None
    roles = [words().column_role(c) for c in names]
    if None in roles or "content" not in roles:
        return None
    if not {"lead", "responsible", "deadline"} & set(roles):
        return None
    at = max(i for i, r in enumerate(roles) if r == "content")
    return Header(no_spaces(names[at]), tuple(r for r in roles[at + 1 :] if r))


@dataclass(frozen=True)
class Item:
    printed: str  # the label as printed (17.), or "" for a bare number
    number: int
    content: str


@dataclass(frozen=True)
class NumberCell:
    number_at: int  # index of the cell holding the number
    content_at: int  # index of the cell holding the content (the same cell when they are fused)
    items: tuple[Item, ...]  # several for merged rows


def number_cell(cells: list[str]) -> NumberCell | None:
    """Finds the task number(s) of a row: a bare `17` cell, a fused `17 content` cell, else `17. content`."""
    for k, cell in enumerate(cells):
        text = cell.strip()
        if m := BARE_NUMBER.match(text):
            content = cells[k + 1].strip() if k + 1 < len(cells) else ""
            return NumberCell(k, k + 1, (Item("", int(m.group(1)), content),))
        if m := FUSED_NUMBER.match(text):
            return NumberCell(k, k, (Item("", int(m.group(1)), m.group(2).strip()),))
    for k, cell in enumerate(cells):
        segments = P_SEGMENT.findall(cell) or [cell]
        items = [
            Item(m.group(1) + m.group(2), int(m.group(1)), m.group(3).strip())
            for seg in segments
            if (m := DOTTED_NUMBER.match(clean_cell(seg)))
        ]
        if items and len(items) == len(segments):
            return NumberCell(k, k, tuple(items))
    return None


def split_units(cell: str) -> tuple[str, ...]:
    """Splits a cell naming several units into units as a reader would: `县审批局 县司法局` is two units.

    Separators are spaces and 、，,；; outside brackets. `县政府各部门、各单位` stays one unit, because a
    bare `各单位` after `、` qualifies the unit before it rather than naming a new one.
    """
    text = UNIT_TAIL.sub("", cell.strip().strip("[]【】").strip())
    parts: list[str] = []
    buf = ""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        if depth == 0 and (ch.isspace() or ch in "，,；;、"):
            rest = text[i + 1 :].lstrip()
            if ch == "、" and re.match(r"各[\u4e00-\u9fff]{1,2}(?:$|[\s，,；;、])", rest):
                buf += ch
                continue
            parts.append(buf)
            buf = ""
            continue
        buf += ch
    parts.append(buf)
    return _units(parts)


def _units(parts: list[str]) -> tuple[str, ...]:
    units: list[str] = []
    for part in parts:
        unit = part.strip()
        if unit.startswith("及") and len(unit) > 2:
            unit = unit[1:]
        while unit and unit[-1] in ")）" and unit.count(unit[-1]) > unit.count("(" if unit[-1] == ")" else "（"):
            unit = unit[:-1]  # a stray closing bracket left by the typist
        if unit and unit not in units:
            units.append(unit)
    return tuple(units)

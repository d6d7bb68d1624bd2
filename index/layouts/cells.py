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
# Where a cell's units lost their separators (a PDF cell's line breaks: 县农业农村局各乡镇人民政府): a unit ends in a
# body's suffix (with an aside such as （共同牵头）) and the next opens with a place or 各 + a place.
FUSED_END = re.compile(
    r"(?:局|办|委|院|府|室|部|厅|处|所|中心|公司|单位|政府|办事处|街道|分局|大队|支队|会|联|社|站|队|机构|集团)"
    r"(?:[（(][^（()）]{1,8}[)）])?$"
)
FUSED_START = re.compile(r"^(?:[县市区省州]|各(?=乡|镇|街道|村|社区|县|区|市))")
FUSED_MAX = 80  # a longer cell is prose, not a list of units
# A branch printed after its parent names one unit: 市生态环境局镇坪分局, 县公安局城区派出所.
BRANCH = re.compile(r"(?:分局|分公司|分中心|分院|分所|支队|大队|中队|派出所)$")
FUSED_UNIT = re.compile(
    r"(?:局|办|委|院|府|室|部|厅|处|所|中心|公司|单位|政府|街道|会|联|社|行|站|队|机构|集团|镇|乡|部门|机关)"
    r"(?:[（(][^（()）]{1,8}[)）])?$"
)


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


def unfuse(text: str) -> list[str]:
    """Units run together without a separator, split where one unit ends and the next begins, only where both
    sides read as units: `县自然资源局县农业农村局` is two, `县人力资源和社会保障局` and `市生态环境局湘源分局` one,
    and a branch after its parent (`市公安局县分局`) stays with it."""
    if len(text) > FUSED_MAX:
        return [text]
    for i in range(3, len(text) - 2):
        left, right = text[:i], text[i:]
        if not (FUSED_END.search(left) and FUSED_START.match(right) and FUSED_UNIT.search(right)):
            continue
        rest = unfuse(right)
        if not BRANCH.search(rest[0]):
            return [left, *rest]
    return [text]


def _units(parts: list[str]) -> tuple[str, ...]:
    units: list[str] = []
    for part in (u for p in parts for u in unfuse(p.strip())):
        unit = part.strip()
        if unit.startswith("及") and len(unit) > 2:
            unit = unit[1:]
        while unit and unit[-1] in ")）" and unit.count(unit[-1]) > unit.count("(" if unit[-1] == ")" else "（"):
            unit = unit[:-1]  # a stray closing bracket left by the typist
        if unit and unit not in units:
            units.append(unit)
    return tuple(units)

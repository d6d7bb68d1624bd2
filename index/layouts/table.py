"""What the two table layouts share once their rows are read: a header row naming the columns, then rows carrying a
number, their section headings (一、… in a first column, 1. … or （一）… in a second) and field cells.

A Word table flattened to text leaves a vertically merged cell empty on the rows after the first; such a cell takes
the value of the row above within one section."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from index.layouts.cells import Header, NumberCell, clean_cell, number_cell, read_header
from index.layouts.layout import LayoutResult, make_task
from index.records import Task
from index.text import LEVEL1, no_spaces

NAMED_MATERIALS = re.compile(r"^第\s*(\d{1,3}(?:\s*[、，,和及]\s*\d{1,3})*)\s*项")


@dataclass(frozen=True)
class Row:
    start: int  # 1-based line numbers
    end: int
    cells: list[str] | None  # None: a line that ends any table (prose, or a row of the other table layout)

    @property
    def span(self) -> range:
        return range(self.start, self.end + 1)


@dataclass
class _Walk:
    """What the walk over a table's rows remembers."""

    header: Header | None = None
    level1: str = ""
    level2: str = ""
    above: dict[str, str] = field(default_factory=dict)  # the previous row's section, kind and field cells
    tasks: list[Task] = field(default_factory=list)
    fields: set[str] = field(default_factory=set)
    placed: set[int] = field(default_factory=set)
    unplaced: list[int] = field(default_factory=list)

    def headings(self, cells: list[str]) -> None:
        for cell in (c.strip() for c in cells):
            if not cell:
                continue
            if LEVEL1.match(cell):
                self.level1, self.level2 = cell, ""
            else:
                self.level2 = cell

    @property
    def section(self) -> tuple[str, ...]:
        return tuple(s for s in (self.level1, self.level2) if s)


def parse_rows(doc_id: str, lines: list[str], rows: Iterable[Row]) -> LayoutResult:
    """Tasks from the rows of every table whose header row is recognised; rows before a header are not a table."""
    walk = _Walk()
    for row in rows:
        if row.cells is None:
            walk.header = None
            continue
        if (header := read_header(row.cells)) is not None:
            walk.header = header
            walk.fields |= header.fields
            walk.placed.update(row.span)
            continue
        if walk.header is None:
            continue
        found = number_cell(row.cells)
        walk.headings(row.cells[: found.number_at] if found else row.cells)
        if found is not None:
            _row_tasks(doc_id, lines, row, found, walk)
        elif _is_stray(row.cells):
            walk.unplaced.extend(row.span)
        else:
            walk.placed.update(row.span)
    return LayoutResult(
        _assign_named_materials(walk.tasks), frozenset(walk.placed), tuple(walk.unplaced), frozenset(walk.fields)
    )


def _is_stray(cells: list[str]) -> bool:
    """A row with text but no number that is no section heading either."""
    texts = [c.strip() for c in cells if c.strip()]
    return bool(texts) and not any(LEVEL1.match(t) or t.startswith(("（", "(")) for t in texts)


def _row_tasks(doc_id: str, lines: list[str], row: Row, found: NumberCell, walk: _Walk) -> None:
    assert walk.header is not None
    after = row.cells[found.content_at + 1 :] if row.cells else []
    cells = {role: after[i].strip() if i < len(after) else "" for i, role in enumerate(walk.header.trailing)}
    section = walk.section
    flat = no_spaces("".join(section))
    kind = "bonus" if "加分" in flat else "veto" if "否决" in flat else "task"
    key = "|".join(section)
    for role, value in list(cells.items()):
        if not value and walk.above.get("section") == key and walk.above.get("kind") == kind:
            cells[role] = walk.above.get(role, "")
    walk.above = {"section": key, "kind": kind, **cells}
    for item in found.items:
        if kind != "task":
            label = f"{'加分项' if kind == 'bonus' else '否决项'}{item.number}"
        else:
            label = item.printed or f"{walk.header.content_name}{item.number}"
        task = make_task(
            doc_id,
            lines,
            (row.start, row.end),
            number=item.number,
            label=label,
            content=clean_cell(item.content),
            section=section,
            kind=kind,
            cells=cells,
        )
        if task is None:  # numbered 0: its row is reported, not a task
            walk.unplaced.extend(row.span)
        else:
            walk.tasks.append(task)
            walk.placed.update(row.span)


def _assign_named_materials(tasks: list[Task]) -> list[Task]:
    """A materials cell that opens `第 43、44、45、46 项指标，请合并提供…` belongs to exactly those indicators,
    whichever row the flattened table printed it on."""
    named: dict[int, list[str]] = {}
    for t in tasks:
        if t.kind == "task" and t.materials and (m := NAMED_MATERIALS.match(t.materials)):
            for n in re.findall(r"\d{1,3}", m.group(1)):
                cells = named.setdefault(int(n), [])
                if t.materials not in cells:
                    cells.append(t.materials)
    if not named:
        return tasks
    out = []
    for t in tasks:
        if t.kind == "task" and t.number in named:
            t = replace(t, materials="\n".join(named[t.number]))
        elif t.kind == "task" and t.materials and NAMED_MATERIALS.match(t.materials):
            t = replace(t, materials=None)
        out.append(t)
    return out


def is_blank(line: str) -> bool:
    # A line holding only a tab is an empty table cell, not a break between rows.
    return "\t" not in line and not line.strip()


def blocks(lines: list[str]) -> Iterable[tuple[int, int]]:
    """0-based [start, end) spans of the runs of non-blank lines."""
    i, n = 0, len(lines)
    while i < n:
        if is_blank(lines[i]):
            i += 1
            continue
        j = i
        while j < n and not is_blank(lines[j]):
            j += 1
        yield i, j
        i = j

"""What a notice layout is: something that reads a notice's lines into tasks, saying which lines it understood."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from index.layouts.cells import split_units
from index.records import Task
from index.text import cn_to_int, dates_in


@dataclass(frozen=True)
class LayoutResult:
    """The tasks a layout found, in source order, and the lines of its tables or blocks: placed (a task, a header or
    a section heading took them) or unplaced (inside a table, but no task took them: a row the parser could not
    read)."""

    tasks: list[Task] = field(default_factory=list)
    placed_lines: frozenset[int] = frozenset()
    unplaced: tuple[int, ...] = ()
    fields: frozenset[str] = frozenset()  # the task fields the layout had columns or labels for: lead, deadline, ...


class Layout(Protocol):
    """One way notices print their tasks (a tab table, labelled blocks, ...)."""

    name: str

    def parse(self, doc_id: str, lines: list[str]) -> LayoutResult:
        """Tasks from the 0-indexed lines of a notice; line numbers in the result are 1-based."""
        ...


def make_task(
    doc_id: str,
    lines: list[str],
    span: tuple[int, int],
    *,
    number: int,
    label: str,
    content: str,
    section: tuple[str, ...] = (),
    kind: str = "task",
    cells: dict[str, str] | None = None,
) -> Task | None:
    """The one Task record every layout returns, from the 1-based line span and the field cells (role -> text).
    None for an item numbered 0 or below: no task, its lines are reported as unplaced."""
    if number < 1:
        return None
    cells = cells or {}
    start, end = span
    return Task(
        doc_id=doc_id,
        number=number,
        label=label,
        kind=kind,
        section=section,
        content=content,
        lead=split_units(cells.get("lead", "")),
        responsible=split_units(cells.get("responsible", "")),
        deadline=cells.get("deadline") or None,
        dates=dates_in(content),
        materials=cells.get("materials") or None,
        start_line=start,
        end_line=end,
        source_text="\n".join(lines[start - 1 : end]),
    )


def read_number(text: str) -> int:
    """An item's number as printed (17, 十七); 0 when it is none (十十), which makes no task."""
    try:
        return cn_to_int(text)
    except ValueError:
        return 0

"""A notice's task table: every registered layout (index/layouts/) reads the notice, their tasks in source order.

The layouts recognise structure, not particular notices: a table by its header row's column roles (tab-separated
rows, or one cell per line), labelled blocks (存在问题6：… 牵头单位：…), numbered paragraphs with a
[责任单位：…] tag."""

from __future__ import annotations

from dataclasses import dataclass, replace

from index.layouts import REGISTRY
from index.records import ParsedNotice, Task
from index.roles import LeadNote, lead_note, settle_units
from index.tables import general_tasks, unread_lines
from index.text import spans


@dataclass(frozen=True)
class TaskTable:
    tasks: list[Task]  # in source order
    fields: frozenset[str]  # the task fields the notice has columns or labels for: lead, deadline, ...
    unplaced: tuple[int, ...]  # lines inside a table that no task took, ascending
    unread: tuple[int, ...] = ()  # lines that look like a task table but gave no task, ascending


def extract_tasks(doc_id: str, lines: list[str]) -> TaskTable:
    results = [layout.parse(doc_id, lines) for layout in REGISTRY.values()]
    tasks = sorted((t for r in results for t in r.tasks), key=lambda t: (t.start_line, t.kind, t.number))
    placed = frozenset().union(*(r.placed_lines for r in results))
    unplaced = {n for r in results for n in r.unplaced} - placed
    fields = frozenset().union(*(r.fields for r in results))
    # A note on which listed unit leads (排在第一位的为牵头单位, 标★的为牵头单位) holds for the layouts' rows too.
    note = lead_note(lines)
    if note.first or note.mark:
        tasks = [_settled(t, note) for t in tasks]
        if note.first and any(t.lead for t in tasks):
            fields |= {"lead"}
    # The general readers (any table by its columns' roles, outlines with inline fields) read what no layout took.
    more, more_fields = general_tasks(doc_id, lines, tasks)
    tasks = sorted(tasks + more, key=lambda t: (t.start_line, t.kind, t.number))
    unplaced = {n for n in unplaced if not any(t.start_line <= n <= t.end_line for t in more)}
    return TaskTable(tasks, fields | more_fields, tuple(sorted(unplaced)), unread_lines(lines, tasks))


def _settled(task: Task, note: LeadNote) -> Task:
    lead, responsible = settle_units(task.lead, task.responsible, note)
    return replace(task, lead=lead, responsible=responsible)


def unread_warning(parsed: ParsedNotice) -> str | None:
    """A one-line warning for a notice with lines that look like a task table but gave no task, else None."""
    if not parsed.unread:
        return None
    return (
        f"{parsed.notice.doc_id}: lines {spans(parsed.unread)} look like a task table, but no task was read from them"
        f" ({len(parsed.tasks)} tasks recognised in the notice)"
    )

"""The general table reader: tasks from any table of a notice whose columns can be given roles.

A table is a run of TAB-joined lines (`index.grids.find_grids`). Its header row is recognised by the roles its
cells name (`index.roles`: 序号, 重点任务, 牵头单位, 配合单位, 责任领导, 完成时间, ...); columns whose header is
unknown, or a table without a header, get roles from what their cells hold. Then every body row with content is
a task: header rows repeated mid-table are skipped, a row whose cells span the table is a section heading, a row
repeating the number and content of the one above (a task with two leads on two rows) joins it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from index.grids import Grid, find_grids
from index.outline import outline_tasks
from index.records import Task
from index.roles import (
    DEADLINE_DATE,
    DEADLINE_WORDS,
    LeadNote,
    cell_kind,
    grouping_roles,
    header_role,
    header_roles,
    infer_roles,
    lead_column,
    lead_note,
    list_units,
    merge_header_rows,
    number_of,
    settle_units,
    squash,
)
from index.text import LEVEL1, dates_in

TASK_FIELDS = ("lead", "responsible", "deadline", "materials")
MIN_CONTENT = 8  # mean Chinese characters of a task column found by its cells; names and phone numbers have fewer
# A unit named inside a sentence (县发改局负责), for telling numbered task lines from numbered prose.
UNIT_IN_TEXT = re.compile(r"[县市区镇乡][\u4e00-\u9fff]{1,10}?(?:局|办|委|中心|政府|街道|办事处)")
WHO_WORDS = re.compile(r"牵头|负责|责任单位|配合")
MARKER = re.compile(r"^(\d{1,3}\s*[.．、]|[（(][\d一二三四五六七八九十]{1,4}[)）])\s*")


@dataclass
class Draft:
    """A task row being read, before it becomes a Task."""

    number: int
    label: str
    section: tuple[str, ...]
    content: str
    start: int
    end: int
    fields: dict[str, list[str]] = field(default_factory=dict)


def general_tasks(doc_id: str, lines: Sequence[str], taken: Sequence[Task]) -> tuple[list[Task], set[str]]:
    """Tasks the layout-specific readers did not find: any task table, then any outline with inline fields."""
    tables, fields = table_tasks(doc_id, lines, taken)
    items, item_fields = outline_tasks(doc_id, lines, [*taken, *tables])
    return tables + items, fields | item_fields


def table_tasks(doc_id: str, lines: Sequence[str], taken: Sequence[Task] = ()) -> tuple[list[Task], set[str]]:
    """Tasks of the tables no other reader took, and the task fields those tables have."""
    note = lead_note(lines)
    tasks: list[Task] = []
    fields: set[str] = set()
    carried = None
    for grid in find_grids(lines):
        if any(grid.start <= t.start_line <= grid.end for t in taken):
            carried = None
            continue
        drafts, roles = read_grid(grid, carried)
        carried = roles if drafts else None
        if not drafts:
            continue
        fields |= {r for r in roles if r in TASK_FIELDS}
        if (note.first or note.mark) and "lead" not in roles and "responsible" in roles:
            fields.add("lead")
        tasks.extend(_task(doc_id, d, lines, note) for d in drafts)
    return tasks, fields


def read_grid(grid: Grid, carried: list[str | None] | None = None) -> tuple[list[Draft], list[str | None]]:
    """The task rows of one table and its column roles ([] when it is no task table); `carried` are the roles of
    the task table just before it."""
    rows = grid.texts()
    at, roles = _header(rows)
    if roles is None and carried is not None and len(carried) == max(map(len, rows)):
        roles = carried  # a table continued without its header (a page break, a second Word table)
    elif roles is not None:
        names = ["".join(r[k] for r in rows[: at + 1] if k < len(r)) for k in range(len(roles))]
        roles = lead_column(names, roles)
    named = set(roles or ())
    body = [r for r in (rows[at + 1 :] if roles else rows) if not _spanning(r)]
    roles = grouping_roles(body, infer_roles(body, roles or ()))
    if at < 0 and carried is None and "number" not in roles:
        return [], roles  # without a header only numbered rows make a task table
    if "content" not in roles or not {"lead", "responsible", "deadline", "leader"} & set(roles):
        return [], roles
    if "content" not in named and _mean_length(body, roles.index("content")) < MIN_CONTENT:
        return [], roles  # a roster (序号 | 单位 | 联系人 | 电话) has no task column
    content_name = squash(rows[at][roles.index("content")]) if at >= 0 else ""
    headers = {_signature(r) for r in rows[: at + 1]}
    drafts: list[Draft] = []
    section: tuple[str, ...] = ()
    heading: tuple[str, ...] = ()  # the section a row spanning the table opened
    for cells, row in zip(rows[at + 1 :], grid.rows[at + 1 :], strict=True):
        if _signature(cells) in headers:
            continue  # the header repeated (a page break in the source)
        if (again := header_roles(cells)) is not None and "content" in again:
            roles = grouping_roles(rows, infer_roles([], again))  # a new table's header: its own columns from here on
            headers.add(_signature(cells))
            continue
        if _spanning(cells):
            text = next(c for c in cells if c.strip())
            section = heading = (text,) if LEVEL1.match(text) or not heading else (heading[0], text)
            continue
        values = _by_role(cells, roles)
        if values.get("section"):  # a grouping column: its value under the heading the rows are in
            section = tuple(dict.fromkeys([*heading, *values["section"]]))
        _add_row(drafts, values, "number" in roles, section, content_name, row[0].start)
    return drafts, roles


def _add_row(
    drafts: list[Draft], values: dict[str, list[str]], numbered: bool, section: tuple, content_name: str, line: int
) -> None:
    """Adds a body row as a task, or to the task above when it continues it."""
    content = " ".join(values.get("content", []))
    if not content:
        return
    number, label = _number(values.get("number", []), content, content_name, len(drafts) + 1)
    if not values.get("number"):
        content = MARKER.sub("", content, count=1)
    prev = drafts[-1] if drafts else None
    if prev and prev.number == number and squash(prev.content) == squash(content):
        for role, vals in values.items():  # the same task on a second row: another lead, another deadline
            prev.fields.setdefault(role, []).extend(v for v in vals if v not in prev.fields.get(role, []))
        prev.end = line
    elif prev and numbered and not values.get("number") and not any(values.get(r) for r in TASK_FIELDS):
        prev.content += content  # the rest of a row broken over two lines
        prev.end = line
    else:
        drafts.append(Draft(number, label, section, content, line, line, values))


def _mean_length(rows: list[list[str]], col: int) -> float:
    """Mean count of Chinese characters in a column's filled cells."""
    counts = [len(re.findall(r"[\u4e00-\u9fff]", r[col])) for r in rows if col < len(r) and r[col].strip()]
    return sum(counts) / len(counts) if counts else 0.0


def _signature(cells: list[str]) -> tuple[str, ...]:
    return tuple(squash(c) for c in cells)


def _header(rows: list[list[str]]) -> tuple[int, list[str | None] | None]:
    """Index and column roles of the header among a table's first rows (two header rows are merged)."""
    for at in range(min(3, len(rows))):
        roles = header_roles(rows[at])
        if roles is None:
            continue
        if at + 1 < len(rows) and (lower := header_roles(rows[at + 1]) or _sub_header(rows[at + 1])):
            return at + 1, merge_header_rows(roles, lower)
        return at, roles
    return -1, None


def _sub_header(cells: list[str]) -> list[str | None] | None:
    """The lower row of a two-row header names roles under a merged upper cell: 牵头单位 | 配合单位."""
    filled = [c for c in cells if c.strip()]
    roles = [header_role(c) if c.strip() else None for c in cells]
    if filled and len(filled) < len(cells) and all(header_role(c) for c in filled):
        return roles
    return None


def _spanning(cells: list[str]) -> bool:
    """A row with one text across the table (a merged heading cell): a section, not a task."""
    filled = {c.strip() for c in cells if c.strip()}
    if len(cells) < 3 or len(filled) != 1 or not cells[0].strip():
        return False
    return number_of(cells[0]) is None


def _by_role(cells: list[str], roles: list[str | None]) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {r: [] for r in roles if r}
    for cell, role in zip(cells, roles, strict=False):  # a short row leaves the last columns empty
        text = " ".join(cell.split())
        if role and text and text not in values[role]:
            values[role].append(text)
    return values


def _number(cells: list[str], content: str, content_name: str, running: int) -> tuple[int, str]:
    """The row's number and label: a number cell as printed, else a number opening the content, else its place."""
    for cell in cells:
        if (n := number_of(cell)) is not None:
            label = (
                cell
                if re.search(r"[.．、)）项条]$", cell)
                else f"{content_name or '第'}{n}{'' if content_name else '项'}"
            )
            return n, label
    if m := MARKER.match(content):
        n = number_of(m.group(1))
        if n is not None:
            return n, m.group(1).strip()
    return running, f"{content_name or '第'}{running}{'' if content_name else '项'}"


def _units(values: Sequence[str]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        for u in list_units(v):
            if u not in out:
                out.append(u)
    return tuple(out)


def _task(doc_id: str, d: Draft, lines: Sequence[str], note: LeadNote) -> Task:
    lead, responsible = settle_units(_units(d.fields.get("lead", [])), _units(d.fields.get("responsible", [])), note)
    deadline = "；".join(d.fields.get("deadline", [])) or None
    materials = "\n".join(d.fields.get("materials", [])) or None
    return Task(
        doc_id=doc_id,
        number=d.number,
        label=d.label,
        kind="task",
        section=d.section,
        content=d.content,
        lead=lead,
        responsible=responsible,
        deadline=deadline,
        dates=dates_in(d.content),
        materials=materials,
        start_line=d.start,
        end_line=d.end,
        source_text="\n".join(lines[d.start - 1 : d.end]),
        leader="；".join(d.fields.get("leader", [])) or None,
        remarks="；".join(d.fields.get("remarks", [])) or None,
    )


# --- what looks like a task table but gave no task ------------------------------------------------------------


def unread_lines(lines: Sequence[str], tasks: Sequence[Task]) -> tuple[int, ...]:
    """Lines that look like a task table but gave no task, for a warning: a TAB table no task came from whose header
    names a task and who or by when, or whose numbered rows name units or deadlines beside a task's text; a header
    printed one cell per line with no task after it; and in a notice with no task, three or more numbered lines
    naming a unit and who or by when."""
    taken = {n for t in tasks for n in range(t.start_line, t.end_line + 1)}
    starts = sorted(t.start_line for t in tasks)
    out: set[int] = set()
    for grid in find_grids(lines):
        span = range(grid.start, grid.end + 1)
        if not taken.intersection(span) and _task_like_grid(grid.texts()):
            out.update(n for n in span if lines[n - 1].strip())
    for first, last in _header_runs(lines):
        if not any(first <= n <= last + 40 for n in starts):
            out.update(range(first, last + 1))
    if not tasks:
        numbered = [n for n, line in enumerate(lines, 1) if "\t" not in line and _task_like_line(line)]
        out.update(numbered if len(numbered) >= 3 else ())
    return tuple(sorted(out))


def _task_like_grid(rows: list[list[str]]) -> bool:
    for row in rows[:3]:
        roles = header_roles(row)
        if roles and "content" in roles and _who_or_when(roles):
            return True
    numbered = [r for r in rows if r and number_of(r[0]) is not None]
    fielded = [r for r in numbered if {cell_kind(c) for c in r[1:]} & {"units", "deadline"}]
    worded = [r for r in fielded if any(len(re.findall(r"[\u4e00-\u9fff]", c)) >= MIN_CONTENT for c in r[1:])]
    return len(worded) >= 2


def _who_or_when(roles: Sequence[str | None]) -> bool:
    return bool({"lead", "responsible", "deadline"} & set(roles))


def _header_runs(lines: Sequence[str]) -> list[tuple[int, int]]:
    """1-based spans of header rows printed one cell per line (序号 / 重点任务 / 牵头单位 / 完成时限)."""
    runs: list[tuple[int, int]] = []
    n = 0
    while n < len(lines):
        end = n
        while end < len(lines) and "\t" not in lines[end] and lines[end].strip() and header_role(lines[end]):
            end += 1
        roles = header_roles(list(lines[n:end])) if end - n >= 3 else None
        if roles and "content" in roles and _who_or_when(roles):
            runs.append((n + 1, end))
        n = max(end, n + 1)
    return runs


def _task_like_line(line: str) -> bool:
    text = squash(line)
    if not (MARKER.match(text) or LEVEL1.match(text)) or not UNIT_IN_TEXT.search(text):
        return False
    return bool(DEADLINE_DATE.search(text) or WHO_WORDS.search(text) or any(w in text for w in DEADLINE_WORDS))

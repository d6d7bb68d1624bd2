"""Task extraction: turns a notice's text into one `Task` per numbered task, item, problem or indicator.

Three layouts occur in real notices, and each parser below recognises one of them by its structure, not
by which notice it is reading:

* tables (`parse_table_tasks`): a header row naming the columns (分类/具体内容/牵头部门/责任单位/完成时限,
  一级指标/二级指标/三级指标/责任单位/具体资料报送, ...), then rows. A row is either one line of
  tab-separated cells, or, for tables flattened from Word, one cell per line with rows between blank lines.
* labelled blocks (`parse_labelled_tasks`): ``存在问题6:…`` followed by ``工作举措:`` / ``牵头单位:`` /
  ``责任单位:`` / ``完成时限:`` lines.
* numbered paragraphs (`parse_paragraph_tasks`): ``（十七）…[责任单位:…]``; a paragraph counts as a task
  only when it names who is responsible, so numbered prose (principles, phases) stays prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from index.numbers import cn_to_int
from index.records import Task

CN_DIGITS = "一二三四五六七八九十百零〇两"
LEVEL1 = re.compile(rf"^[{CN_DIGITS}]+\s*、")
BARE_NUMBER = re.compile(r"^(\d{1,3})$")
FUSED_NUMBER = re.compile(r"^(\d{1,3})\s+(\S.*)$", re.S)
DOTTED_NUMBER = re.compile(r"^(\d{1,3})\s*([.．、])\s*(\S.*)$", re.S)
P_SEGMENT = re.compile(r"<p>(.*?)</p>", re.S)

DATE_IN_TEXT = re.compile(
    r"(?:\d{4}\s*年|每年)(?:年?底|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:底|末)?)?(?:前|以前|之前)?"
    r"|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:底|末)?(?:前|以前|之前)"
    r"|\d{4}\s*[—–-]\s*\d{4}\s*年"
)

# Trailing phrases of a 责任单位 cell that say how the units share the work, not which units they are.
UNIT_TAIL = re.compile(r"(?:按职责分工)?(?:分别)?负责$")


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


def dates_in(text: str) -> tuple[str, ...]:
    """Date expressions as printed in a task's text (2024年12月底前, 每年3月1日前, 6月底前, ...)."""
    found: list[str] = []
    for m in DATE_IN_TEXT.finditer(text):
        value = m.group(0).strip()
        if re.fullmatch(r"每年|\d{4}\s*年|\d{4}\s*[—–-]\s*\d{4}\s*年", value):
            continue  # a bare year or 每年 marks no point in time
        if value not in found:
            found.append(value)
    return tuple(found)


def clean_cell(text: str) -> str:
    return text.strip().replace("<p>", "").replace("</p>", "").strip()


# --- tables ---------------------------------------------------------------------------------------


def column_role(name: str) -> str | None:
    """The role of a table column from its header text (None for an unknown column)."""
    n = re.sub(r"\s+", "", name)
    if not n:
        return None
    if n == "分类" or n.startswith(("一级", "二级")) or "类别" in n:
        return "section"
    if "牵头" in n:
        return "lead"
    if "责任" in n or "配合" in n:
        return "responsible"
    if "时限" in n or "完成时间" in n:
        return "deadline"
    if "资料" in n or "材料" in n:
        return "materials"
    if "内容" in n or "指标" in n or "任务" in n or "举措" in n:
        return "content"
    return None


@dataclass(frozen=True)
class Header:
    content_name: str  # the header text of the content column, used in labels (三级指标17)
    trailing: tuple[str, ...]  # roles of the columns after the content column, in order


def read_header(cells: list[str]) -> Header | None:
    names = [c for c in cells if c.strip()]
    if len(names) < 3 or any(len(re.sub(r"\s+", "", c)) > 10 for c in names):
        return None
    roles = [column_role(c) for c in names]
    if roles.count(None) > 0 or "content" not in roles:
        return None
    if not {"lead", "responsible", "deadline"} & set(roles):
        return None
    at = max(i for i, r in enumerate(roles) if r == "content")
    return Header(re.sub(r"\s+", "", names[at]), tuple(r for r in roles[at + 1 :] if r))


@dataclass(frozen=True)
class Row:
    start: int  # 1-based line numbers
    end: int
    cells: list[str] | None  # None for a prose line


def _is_blank(line: str) -> bool:
    # A line holding only a tab is an empty table cell, not a break between rows.
    return "\t" not in line and not line.strip()


def _is_vertical(block: list[str]) -> bool:
    if not block[0].startswith("\t"):
        return False
    return all(("\t" not in line) or (line.startswith("\t") and "\t" not in line[1:]) for line in block)


def read_rows(lines: list[str]) -> Iterator[Row]:
    """Yields table rows (horizontal: one line of tab cells; vertical: one cell per line) and prose lines."""
    i, n = 0, len(lines)
    while i < n:
        if _is_blank(lines[i]):
            i += 1
            continue
        j = i
        while j < n and not _is_blank(lines[j]):
            j += 1
        block = lines[i:j]
        if _is_vertical(block):
            cells: list[str] = []
            for line in block:
                if line.startswith("\t"):
                    cells.append(line[1:].strip())
                else:  # a cell's text continued on a line of its own
                    cells[-1] = cells[-1] + line.strip()
            yield Row(i + 1, j, cells)
        else:
            for k in range(i, j):
                line = lines[k]
                yield Row(k + 1, k + 1, line.split("\t") if "\t" in line else None)
        i = j


@dataclass(frozen=True)
class NumberCell:
    number_at: int  # index of the cell holding the number
    content_at: int  # index of the cell holding the content (the same cell when they are fused)
    items: list[tuple[str, int, str]]  # (label as printed or "", number, content); several for merged rows


def _number_cell(cells: list[str]) -> NumberCell | None:
    """Finds the task number(s) of a row: a bare `17` cell, a fused `17 content` cell, else `17. content`."""
    for k, cell in enumerate(cells):
        text = cell.strip()
        if m := BARE_NUMBER.match(text):
            content = cells[k + 1].strip() if k + 1 < len(cells) else ""
            return NumberCell(k, k + 1, [("", int(m.group(1)), content)])
        if m := FUSED_NUMBER.match(text):
            return NumberCell(k, k, [("", int(m.group(1)), m.group(2).strip())])
    for k, cell in enumerate(cells):
        segments = P_SEGMENT.findall(cell) or [cell]
        items = []
        for seg in segments:
            if m := DOTTED_NUMBER.match(clean_cell(seg)):
                items.append((m.group(1) + m.group(2), int(m.group(1)), m.group(3).strip()))
        if items and len(items) == len(segments):
            return NumberCell(k, k, items)
    return None


def parse_table_tasks(doc_id: str, lines: list[str]) -> tuple[list[Task], set[str], list[int]]:
    """Tasks from every table of the text, the column roles seen, and table lines no task took."""
    tasks: list[Task] = []
    roles_seen: set[str] = set()
    unplaced: list[int] = []
    header: Header | None = None
    level1 = level2 = ""
    prev: dict[str, str] = {}
    for row in read_rows(lines):
        if row.cells is None:
            header = None
            continue
        if (h := read_header(row.cells)) is not None:
            header = h
            roles_seen.update(h.trailing)
            continue
        if header is None:
            continue
        found = _number_cell(row.cells)
        for cell in row.cells[: found.number_at] if found else row.cells:
            cell = cell.strip()
            if not cell:
                continue
            if LEVEL1.match(cell):
                level1, level2 = cell, ""
            else:
                level2 = cell
        if found is None:
            if any(c.strip() for c in row.cells) and not any(
                LEVEL1.match(c.strip()) or c.strip().startswith(("（", "(")) for c in row.cells if c.strip()
            ):
                unplaced.extend(range(row.start, row.end + 1))
            continue
        after = row.cells[found.content_at + 1 :]
        fields = {role: after[i].strip() if i < len(after) else "" for i, role in enumerate(header.trailing)}
        section = tuple(s for s in (level1, level2) if s)
        flat = re.sub(r"\s+", "", "".join(section))
        kind = "bonus" if "加分" in flat else "veto" if "否决" in flat else "task"
        # Word tables flatten a vertically merged cell to an empty cell on the rows after the first.
        for role, value in list(fields.items()):
            if not value and prev.get("section") == "|".join(section) and prev.get("kind") == kind:
                fields[role] = prev.get(role, "")
        prev = {"section": "|".join(section), "kind": kind, **fields}
        source = "\n".join(lines[row.start - 1 : row.end])
        for printed, number, content in found.items:
            if kind != "task":
                label = f"{'加分项' if kind == 'bonus' else '否决项'}{number}"
            else:
                label = printed or f"{header.content_name}{number}"
            content = clean_cell(content)
            tasks.append(
                Task(
                    doc_id=doc_id,
                    number=number,
                    label=label,
                    kind=kind,
                    section=section,
                    content=content,
                    lead=split_units(fields.get("lead", "")),
                    responsible=split_units(fields.get("responsible", "")),
                    deadline=fields.get("deadline") or None,
                    dates=dates_in(content),
                    materials=fields.get("materials") or None,
                    start_line=row.start,
                    end_line=row.end,
                    source_text=source,
                )
            )
    return _assign_named_materials(tasks), roles_seen, unplaced


NAMED_MATERIALS = re.compile(r"^第\s*(\d{1,3}(?:\s*[、，,和及]\s*\d{1,3})*)\s*项")


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


# --- labelled blocks (存在问题6: … 牵头单位: …) --------------------------------------------------

ITEM_START = re.compile(rf"^(存在问题|问题|任务|事项)\s*(\d{{1,3}}|[{CN_DIGITS}]+)\s*[:：]\s*(.*)$")
FIELD_LINE = re.compile(r"^(牵头单位|牵头部门|责任单位|责任部门|配合单位|完成时限|完成时间|时限要求)\s*[:：]\s*(.*)$")
FIELD_ROLE = {
    "牵头单位": "lead",
    "牵头部门": "lead",
    "责任单位": "responsible",
    "责任部门": "responsible",
    "配合单位": "responsible",
    "完成时限": "deadline",
    "完成时间": "deadline",
    "时限要求": "deadline",
}


def parse_labelled_tasks(doc_id: str, lines: list[str]) -> tuple[list[Task], set[str]]:
    tasks: list[Task] = []
    roles_seen: set[str] = set()
    level1 = ""
    i, n = 0, len(lines)
    while i < n:
        line = lines[i].strip()
        if LEVEL1.match(line):
            level1 = line
        m = ITEM_START.match(line)
        if not m:
            i += 1
            continue
        start = i
        body = [m.group(3)]
        fields: dict[str, str] = {}
        i += 1
        while i < n:
            nxt = lines[i].strip()
            if ITEM_START.match(nxt) or LEVEL1.match(nxt):
                break
            if f := FIELD_LINE.match(nxt):
                fields[FIELD_ROLE[f.group(1)]] = f.group(2).strip()
            elif nxt:
                if fields:  # text after the field lines belongs to no item
                    break
                body.append(nxt)
            i += 1
        end = i
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        if not fields:
            continue
        roles_seen.update(fields)
        content = "\n".join(body)
        tasks.append(
            Task(
                doc_id=doc_id,
                number=cn_to_int(m.group(2)),
                label=f"{m.group(1)}{m.group(2)}",
                kind="task",
                section=(level1,) if level1 else (),
                content=content,
                lead=split_units(fields.get("lead", "")),
                responsible=split_units(fields.get("responsible", "")),
                deadline=fields.get("deadline") or None,
                dates=dates_in(content),
                materials=None,
                start_line=start + 1,
                end_line=end,
                source_text="\n".join(lines[start:end]),
            )
        )
    return tasks, roles_seen


# --- numbered paragraphs ending in [责任单位:…] ---------------------------------------------------

PARA_ITEM = re.compile(rf"^([（(]([{CN_DIGITS}]+)[）)])\s*(.*)$", re.S)
OWNER_TAG = re.compile(r"[\[【［]\s*(责任单位|牵头单位)\s*[:：]\s*(.*?)[\]】］]\s*$", re.S)


def parse_paragraph_tasks(doc_id: str, lines: list[str]) -> tuple[list[Task], set[str]]:
    tasks: list[Task] = []
    roles_seen: set[str] = set()
    level1 = ""
    for start, end in paragraphs(lines):
        line = "".join(l.strip() for l in lines[start - 1 : end])
        if LEVEL1.match(line):
            level1 = line
            continue
        m = PARA_ITEM.match(line)
        if not m or not (tag := OWNER_TAG.search(m.group(3))):
            continue
        role = "lead" if tag.group(1) == "牵头单位" else "responsible"
        roles_seen.add(role)
        content = m.group(3)[: tag.start()].strip()
        tasks.append(
            Task(
                doc_id=doc_id,
                number=cn_to_int(m.group(2)),
                label=m.group(1),
                kind="task",
                section=(level1,) if level1 else (),
                content=content,
                lead=split_units(tag.group(2)) if role == "lead" else (),
                responsible=split_units(tag.group(2)) if role == "responsible" else (),
                deadline=None,
                dates=dates_in(content),
                materials=None,
                start_line=start,
                end_line=end,
                source_text="\n".join(lines[start - 1 : end]),
            )
        )
    return tasks, roles_seen


def paragraphs(lines: list[str]) -> Iterator[tuple[int, int]]:
    """1-based line spans of prose paragraphs: runs of non-blank lines without table cells."""
    start = None
    for i, line in enumerate(lines + [""], 1):
        prose = bool(line.strip()) and "\t" not in line
        if prose and start is None:
            start = i
        elif not prose and start is not None:
            yield start, i - 1
            start = None


def extract_tasks(doc_id: str, text: str) -> tuple[list[Task], frozenset[str], list[int]]:
    """All tasks of a notice in source order, the task fields it has, and table lines no task took."""
    lines = text.split("\n")
    table, roles, unplaced = parse_table_tasks(doc_id, lines)
    labelled, roles2 = parse_labelled_tasks(doc_id, lines)
    paragraphs, roles3 = parse_paragraph_tasks(doc_id, lines)
    tasks = sorted(table + labelled + paragraphs, key=lambda t: (t.start_line, t.kind, t.number))
    from index.tables import general_tasks  # it reads cells with this module's split_units

    more, roles4 = general_tasks(doc_id, lines, tasks)
    tasks = sorted(tasks + more, key=lambda t: (t.start_line, t.kind, t.number))
    unplaced = [n for n in unplaced if not any(t.start_line <= n <= t.end_line for t in more)]
    return tasks, frozenset(roles | roles2 | roles3 | roles4), unplaced

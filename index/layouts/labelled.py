"""Labelled blocks: an item opened by a word and its number, then one line per field:

    存在问题6：行政执法不规范……
    工作举措：……
    牵头单位：县司法局
    责任单位：各乡镇人民政府、县政府各部门
    完成时限：2024年12月31日前

The item's text runs until its first field line; text after the field lines belongs to no item."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from index.layouts.layout import LayoutResult, make_task, read_number
from index.layouts.words import words
from index.records import Task
from index.text import CN_DIGITS, LEVEL1


@functools.cache
def patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(item start, field line), from the words in index/data/layouts.toml."""
    w = words()
    items = "|".join(map(re.escape, w.items))
    item = re.compile(rf"^({items})\s*(\d{{1,3}}|[{CN_DIGITS}]+)\s*[:：]\s*(.*)$")
    return item, re.compile(rf"^({w.field_pattern()})\s*[:：]\s*(.*)$")


@dataclass(frozen=True)
class _Block:
    start: int  # 0-based index of the item line
    end: int  # 0-based index after its last non-blank line
    next: int  # where to go on reading
    body: list[str]
    cells: dict[str, str]


def _block(lines: list[str], start: int, first: str) -> _Block:
    item, field_line = patterns()
    body, cells = [first], {}
    i = start + 1
    while i < len(lines):
        line = lines[i].strip()
        if item.match(line) or LEVEL1.match(line):
            break
        if f := field_line.match(line):
            cells[words().fields[f.group(1)]] = f.group(2).strip()
        elif line:
            if cells:  # text after the field lines belongs to no item
                break
            body.append(line)
        i += 1
    end = i
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return _Block(start, end, i, body, cells)


class LabelledBlocks:
    name = "labelled-blocks"

    def parse(self, doc_id: str, lines: list[str]) -> LayoutResult:
        item, _ = patterns()
        tasks: list[Task] = []
        fields: set[str] = set()
        placed: set[int] = set()
        unplaced: list[int] = []
        level1 = ""
        i = 0
        while i < len(lines):
            line = lines[i].strip()
            if LEVEL1.match(line):
                level1 = line
            if not (m := item.match(line)):
                i += 1
                continue
            block = _block(lines, i, m.group(3))
            i = block.next
            if not block.cells:
                continue
            fields.update(block.cells)
            span = range(block.start + 1, block.end + 1)
            task = make_task(
                doc_id,
                lines,
                (block.start + 1, block.end),
                number=read_number(m.group(2)),
                label=f"{m.group(1)}{m.group(2)}",
                content="\n".join(block.body),
                section=(level1,) if level1 else (),
                cells=block.cells,
            )
            if task is None:  # 问题0：, or a numeral that is none
                unplaced.extend(span)
            else:
                tasks.append(task)
                placed.update(span)
        return LayoutResult(tasks, frozenset(placed), tuple(unplaced), frozenset(fields))

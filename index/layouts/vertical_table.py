"""Tables flattened from Word one cell per line: each cell on its own line after a TAB, rows between blank lines,
a cell's text continued on lines without a TAB:

    <TAB>一级
    指标
    <TAB>二级指标
    <TAB>评价指标
    <TAB>牵头单位
    <TAB>责任单位

    <TAB>1
    <TAB>每年3月1日前，……
    <TAB>区司法局
    <TAB>区政府各部门，……"""

from __future__ import annotations

from collections.abc import Iterator

from index.layouts.layout import LayoutResult
from index.layouts.table import Row, blocks, parse_rows


def is_vertical(block: list[str]) -> bool:
    if not block[0].startswith("\t"):
        return False
    return all(("\t" not in line) or (line.startswith("\t") and "\t" not in line[1:]) for line in block)


def rows(lines: list[str]) -> Iterator[Row]:
    for i, j in blocks(lines):
        block = lines[i:j]
        if not is_vertical(block):
            yield Row(i + 1, j, None)  # prose, or a row of the tab table layout, ends the table
            continue
        cells: list[str] = []
        for line in block:
            if line.startswith("\t"):
                cells.append(line[1:].strip())
            else:  # a cell's text continued on a line of its own
                cells[-1] = cells[-1] + line.strip()
        yield Row(i + 1, j, cells)


class VerticalTable:
    name = "vertical-table"

    def parse(self, doc_id: str, lines: list[str]) -> LayoutResult:
        return parse_rows(doc_id, lines, rows(lines))

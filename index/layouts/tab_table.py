"""Tables with one row per line, cells joined by TAB (how every loader writes a docx, html or pdf table row):

    分类<TAB>具体内容<TAB>牵头部门<TAB>责任单位<TAB>完成时限
    一、加强依法行政制度建设<TAB>1. 配合完成……<TAB>县司法局<TAB>各镇(办)<TAB>2024年12月底前
    <TAB><p>14. ……</p><p>15. ……</p><TAB>县司法局<TAB>……<TAB>长期      (merged rows: one row, two tasks)

A header row repeated further down starts the table again; a prose line ends it."""

from __future__ import annotations

from collections.abc import Iterator

from index.layouts.layout import LayoutResult
from index.layouts.table import Row, blocks, parse_rows
from index.layouts.vertical_table import is_vertical


def rows(lines: list[str]) -> Iterator[Row]:
    for i, j in blocks(lines):
        if is_vertical(lines[i:j]):
            yield Row(i + 1, j, None)  # a one-cell-per-line table is the other layout's
            continue
        for k in range(i, j):
            yield Row(k + 1, k + 1, lines[k].split("\t") if "\t" in lines[k] else None)


class TabTable:
    name = "tab-table"

    def parse(self, doc_id: str, lines: list[str]) -> LayoutResult:
        return parse_rows(doc_id, lines, rows(lines))

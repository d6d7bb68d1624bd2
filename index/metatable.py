"""Labelled metadata at a notice's head: `发文字号：…` lines and the label | value cells of a web page's metadata
table (索引号 | … | 文号 | 柞政办发〔2024〕12号 / 成文日期 | … | 发布日期 | …)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

HEAD_LINES = 60  # a web page's metadata table can sit below its navigation and breadcrumb
LABELS = {
    "doc_number": ("文号", "发文字号", "发文文号", "文件编号", "文件字号", "字号", "发文号"),
    "written": ("成文日期", "成文时间", "印发日期", "签发日期"),
    "published": ("发布日期", "发布时间", "公开日期", "公布日期", "发文日期", "发文时间"),
    "issuer": ("发布机构", "发文机关", "发文单位", "发布单位", "发文机构", "制发机关"),
    "title": ("标题", "文件名称", "名称", "公文标题"),
}
_ROLE = {label: key for key, labels in LABELS.items() for label in labels}
_LABEL = re.compile("(" + "|".join(sorted(map(re.escape, _ROLE), key=len, reverse=True)) + r")\s*[:：]\s*")
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[［(（【]\d{4}[〕\]］)）】]\s*\d{1,4}\s*号")
DATE = re.compile(r"(\d{4})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})\s*日?")


@dataclass(frozen=True)
class HeadFields:
    doc_number: str | None = None
    written: str | None = None  # 成文日期, ISO
    published: str | None = None  # 发布日期, ISO
    issuer: str | None = None
    title: str | None = None


def head_fields(lines: Sequence[str]) -> HeadFields:
    """The labelled metadata among a notice's first lines; the first value of each kind wins."""
    found: dict[str, str] = {}
    for line in lines[:HEAD_LINES]:
        for key, value in _pairs(line):
            value = value.strip()
            if key in found or not value:
                continue
            if key == "doc_number":
                if m := DOC_NUMBER.search(value):
                    found[key] = re.sub(r"\s+", "", m.group(0))
            elif key in ("written", "published"):
                if m := DATE.search(value):
                    y, mo, d = (int(g) for g in m.groups())
                    if 1 <= mo <= 12 and 1 <= d <= 31:
                        found[key] = f"{y:04d}-{mo:02d}-{d:02d}"
            elif key == "title" and 6 <= len(value) <= 80:
                found[key] = value
            elif key == "issuer" and len(value) <= 30:
                found[key] = value
    return HeadFields(**found)


def _pairs(line: str) -> list[tuple[str, str]]:
    """(kind, value) pairs of a line: label | value cells, and `label：value` runs."""
    pairs: list[tuple[str, str]] = []
    cells = [c.strip() for c in line.split("\t")]
    for k, cell in enumerate(cells):
        label = re.sub(r"\s+", "", cell).rstrip(":：")
        if label in _ROLE and k + 1 < len(cells):
            pairs.append((_ROLE[label], cells[k + 1]))
            continue
        marks = [m for m in _LABEL.finditer(cell) if m.start() == 0 or cell[m.start() - 1] in " \u3000|｜丨"]
        for j, m in enumerate(marks):
            end = marks[j + 1].start() if j + 1 < len(marks) else len(cell)
            pairs.append((_ROLE[m.group(1)], cell[m.end() : end]))
    return pairs

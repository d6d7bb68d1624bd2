"""Numbered paragraphs that name who is responsible in a bracketed tag at their end:

    （十七）预防和化解矛盾纠纷。……[责任单位：市司法局、市公安局，各县（市、区）政府]

A paragraph counts as a task only when it carries such a tag, so numbered prose (principles, phases) stays prose."""

from __future__ import annotations

import functools
import re

from index.layouts.layout import LayoutResult, make_task, read_number
from index.layouts.words import words
from index.records import Task
from index.text import CN_DIGITS, LEVEL1, paragraphs

PARA_ITEM = re.compile(rf"^([（(]([{CN_DIGITS}]+)[）)])\s*(.*)$", re.S)
OWNER_ROLES = ("lead", "responsible")  # a tag naming a deadline alone does not make a paragraph a task


@functools.cache
def owner_tag() -> re.Pattern[str]:
    return re.compile(rf"[\[【［]\s*({words().field_pattern(OWNER_ROLES)})\s*[:：]\s*(.*?)[\]】］]\s*$", re.S)


class NumberedParagraphs:
    name = "numbered-paragraphs"

    def parse(self, doc_id: str, lines: list[str]) -> LayoutResult:
        tasks: list[Task] = []
        fields: set[str] = set()
        placed: set[int] = set()
        unplaced: list[int] = []
        level1 = ""
        for start, end in paragraphs(lines):
            line = "".join(x.strip() for x in lines[start - 1 : end])
            if LEVEL1.match(line):
                level1 = line
                continue
            m = PARA_ITEM.match(line)
            if not m or not (tag := owner_tag().search(m.group(3))):
                continue
            role = words().fields[tag.group(1)]
            fields.add(role)
            task = make_task(
                doc_id,
                lines,
                (start, end),
                number=read_number(m.group(2)),
                label=m.group(1),
                content=m.group(3)[: tag.start()].strip(),
                section=(level1,) if level1 else (),
                cells={role: tag.group(2)},
            )
            if task is None:  # （零）
                unplaced.extend(range(start, end + 1))
            else:
                tasks.append(task)
                placed.update(range(start, end + 1))
        return LayoutResult(tasks, frozenset(placed), tuple(unplaced), frozenset(fields))

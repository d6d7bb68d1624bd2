"""Which kind of question a Question is: an ordered route table, first match wins, `Kind.OPEN` when none does.

To add a kind: a `Kind` member (records.py), a route here, a module in `kinds/` registered in `kinds/__init__.py`,
its messages in `data/messages.toml`, and its tests (see assistant/README.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.records import ROW_FIELDS, Kind, Question

# What a section holds: what's in section 3, 第三部分包括什么.
WHAT_IN = re.compile(
    r"\bwhat(?:'s|\s+is|\s+are)\s+(?:in|under|covered)\b|\bcover(?:s|ed)?\b|包含|包括|涵盖|有什么", re.I
)


def _row_by_description(q: Question) -> bool:
    """Fields of a row named by what it is about, not by its number (那个“三所联动”的事项谁牵头; the item about on-site
    inspections — who is responsible?). The task module hands it to the open answer when no row stands out."""
    return (
        bool(set(q.fields) & set(ROW_FIELDS))
        and (q.item_noun or q.task_noun or q.points_at_row)  # 那项, 这条任务, the item about …: it points at a row
        and not (q.numbers or q.units or q.due or q.mentions or q.asks_count or q.meta)
        # a list cue with a pointer at one row lists that row's units (那一条的责任单位有哪些) or names the table
        # ("the Zhashui list — that one"), not rows
        and (q.points_at_row or not q.asks_list)
    )


def _row_in_each(q: Question) -> bool:
    """Who does something, asked of two or more notices named (柞水和昌江的第一责任人述职工作由谁牵头): the row
    about it in each."""
    return (
        len(q.doc_ids) >= 2
        and bool(set(q.fields) & set(ROW_FIELDS))
        and not (q.numbers or q.units or q.due or q.mentions or q.asks_count or q.asks_list or q.meta)
    )


def _filters_rows(q: Question) -> bool:
    """A list of items by who does them or by when: 哪些任务由县司法局牵头, tasks due by June 2024."""
    asks_who = "lead" in q.fields or "responsible" in q.fields
    return (
        (q.asks_list or (bool(q.units) and q.task_noun))
        and bool(q.units or q.due)
        and (asks_who or bool(q.due) or q.asks_list)
    )


ROUTES: tuple[tuple[Kind, Callable[[Question], bool]], ...] = (
    (Kind.REFUSE, lambda q: bool(q.foreign) and not q.doc_ids),
    (Kind.REFUSE, lambda q: bool(q.cited_only)),  # what a document the notices only cite says
    (Kind.CITED, lambda q: bool(q.cites) and not q.numbers),  # a cited document's 文号 or title, as printed
    (Kind.COUNTERPART, lambda q: q.counterpart is not None),  # 柞水第5项跟渭南哪一项差不多: the other's matching item
    (
        Kind.NOTICES,
        lambda q: (
            q.notices_asked is not None and not q.numbers and (len(q.doc_ids) != 1 or q.notices_asked == "region")
        ),
    ),
    (Kind.LIST, lambda q: q.distinct is not None),  # the units of a column, each once
    # 第一大类下面有哪几个二级指标: the groups of the level below, within that part
    (Kind.SECTIONS, lambda q: q.section_level is not None and (q.part is None or q.section_level > 1)),
    # 第10项属于哪个部分, what's section 五 called: a heading, with the items under it
    (Kind.SECTIONS, lambda q: q.asks_section or (q.asks_heading and not WHAT_IN.search(q.text))),
    (Kind.COUNT, lambda q: bool(q.mentions) and q.asks_count),
    (Kind.LIST, lambda q: bool(q.mentions)),
    (Kind.TASK, lambda q: bool(q.numbers) and not q.asks_count and not (q.asks_list and bool(q.units))),
    (Kind.COUNT, lambda q: q.asks_count),
    (Kind.LIST, _filters_rows),
    (Kind.LIST, lambda q: q.style in ("bonus", "veto") and q.asks_list),  # 否决项有哪些: the family's rows
    (  # 第七部分的指标有哪些; what's in section 3, 第三部分讲的是什么, who leads part 2: its rows, under its heading
        Kind.LIST,
        lambda q: (
            q.part is not None
            and (
                q.asks_list
                or q.item_noun
                or q.fields == ("content",)
                or bool(WHAT_IN.search(q.text))
                or bool(set(q.fields) & set(ROW_FIELDS))  # 第二部分的各项由谁牵头
            )
            and not q.meta
        ),
    ),
    (Kind.LIST, lambda q: bool(q.due) and (q.asks_list or q.item_noun)),
    (Kind.META, lambda q: q.meta is not None),
    (Kind.CROSS, _row_in_each),
    (Kind.TASK, _row_by_description),
    (Kind.CROSS, lambda q: q.asks_cross and len(q.doc_ids) != 1),
)


def route(q: Question) -> Kind:
    return next((kind for kind, matches in ROUTES if matches(q)), Kind.OPEN)

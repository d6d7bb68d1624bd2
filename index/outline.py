"""Tasks of a plain-text outline whose numbered items carry their fields in the text.

    一、优化营商环境
    （一）提升审批效率
    1. 推行“一网通办”……（牵头单位：县审批局；责任单位：各乡镇；完成时限：2025年6月底前）
    2. 清理证明事项……（县司法局牵头，县直各部门配合，6月底前完成）

An item is a line opening with a numbering marker (1. / （一） / （1） / ①), with the lines that continue it
(a wrapped item). Its fields are the bracket that closes it — labelled (`牵头单位：…；完成时限：…`, `[责任单位:…]`)
or not (`县发改局牵头，各乡镇配合`, `县财政局负责`, `6月底前完成`) — or labelled fields trailing its text
(`…工作。责任单位：…`), or labelled field lines of their own under it (blank lines between or not) up to the next
item or heading. Items of the marker style that carries fields are tasks, also the ones between them that
carry none; numbered prose before the first and after the last of them (principles, 保障措施) stays prose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from index.records import Task
from index.roles import (
    CN_NUMERAL,
    header_role,
    is_deadline,
    is_unit,
    lead_note,
    list_units,
    number_of,
    role_words,
    settle_units,
)
from index.text import dates_in

MARKERS = (
    ("heading", re.compile(rf"^([{CN_NUMERAL}]{{1,4}})\s*、\s*")),
    ("paren-cn", re.compile(rf"^[（(]([{CN_NUMERAL}]{{1,4}})[）)]\s*")),
    ("arabic", re.compile(r"^(\d{1,3})\s*[.．、](?!\d)\s*")),
    ("paren-arabic", re.compile(r"^[（(](\d{1,3})[）)]\s*")),
    ("circled", re.compile(r"^([①-⑳])\s*")),
)
OPEN = {"）": "（", ")": "(", "】": "【", "]": "[", "］": "［"}
ENDS_SENTENCE = ("。", "；", ";", "！", "？", "）", ")", "】", "]", "］")
# Unlabelled parts of a fields bracket: 县发改局牵头 / 各乡镇配合 / 县财政局负责
PART_ROLE = (
    (re.compile(r"^(?:由)?(.+?)(?:牵头负责|共同牵头|牵头)$"), "lead"),
    (
        re.compile(r"^(?:由)?(.+?)(?:按职责分工)?(?:配合|协助|协办|参与|共同负责|分别负责|负责落实|落实|负责)$"),
        "responsible",
    ),
)
FIELD_ROLES = ("lead", "responsible", "deadline", "leader")
SHORT_LABELS = {
    "牵头": "lead",
    "责任": "responsible",
    "配合": "responsible",
    "协办": "responsible",
    "时限": "deadline",
    "时间": "deadline",
}


@dataclass(frozen=True)
class Item:
    style: str
    number: int
    label: str
    text: str  # marker removed, continuation lines joined
    start: int  # 1-based
    end: int


def outline_tasks(doc_id: str, lines: Sequence[str], taken: Sequence[Task] = ()) -> tuple[list[Task], set[str]]:
    """Tasks of the outline items no other reader took, and the fields they carry."""
    items = list(read_items(lines))
    fielded = {i: f for i, it in enumerate(items) if it.style != "heading" and (f := trailing_fields(it.text))}
    # One item with a bracket among prose is an aside (培训…（县人社局负责）); a task list has several.
    styles = {s for s in {items[i].style for i in fielded} if sum(items[i].style == s for i in fielded) >= 2}
    taken_numbers = {t.number for t in taken if t.kind == "task"}
    taken_lines = {n for t in taken for n in range(t.start_line, t.end_line + 1)}
    note = lead_note(lines)
    tasks: list[Task] = []
    seen: set[str] = set()
    heading = sub = ""
    for i, it in enumerate(items):
        if it.style == "heading":
            heading, sub = it.label + it.text, ""
            continue
        if it.style not in styles:
            if it.style == "paren-cn":
                sub = it.label + it.text
            continue
        span = [j for j in fielded if items[j].style == it.style]
        if not min(span) <= i <= max(span) or set(range(it.start, it.end + 1)) & taken_lines:
            continue
        if it.number in taken_numbers:
            continue  # numbered prose beside a task table: the table's item keeps its number
        content, fields = fielded.get(i) or (it.text, {})
        lead, responsible = settle_units(fields.get("lead", ()), fields.get("responsible", ()), note)
        seen.update(
            r for r, v in (("lead", lead), ("responsible", responsible), ("deadline", fields.get("deadline"))) if v
        )
        section = tuple(s for s in (heading, sub if it.style != "paren-cn" else "") if s)
        deadline = fields.get("deadline")
        tasks.append(
            Task(
                doc_id=doc_id,
                number=it.number,
                label=it.label,
                kind="task",
                section=section,
                content=content,
                lead=lead,
                responsible=responsible,
                deadline=deadline or None,
                dates=dates_in(content),
                materials=None,
                start_line=it.start,
                end_line=it.end,
                source_text="\n".join(lines[it.start - 1 : it.end]),
            )
        )
    return tasks, seen


def read_items(lines: Sequence[str]) -> list[Item]:
    """Numbered lines of prose with the lines that continue them."""
    items: list[Item] = []
    current: list = []  # [style, number, label, text, start, end, fields on own lines] of the item being read

    def close() -> None:
        if current:
            items.append(Item(*current[:6]))
            current.clear()

    gap = False  # a blank line since the item's last line: only its field lines may follow
    width = max((len(x.strip()) for x in lines if "\t" not in x), default=0)
    for i, raw in enumerate(lines, 1):
        line = raw.strip()
        if "\t" in raw:
            close()
            continue
        if not line:
            gap = True
            continue
        marker = next(((style, m) for style, m in ((s, p.match(line)) for s, p in MARKERS) if m), None)
        if marker:
            style, m = marker
            number = number_of(m.group(1)) if style != "circled" else ord(m.group(1)) - ord("①") + 1
            close()
            gap = False
            if number is not None:
                current.extend([style, number, m.group(0).strip(), line[m.end() :].strip(), i, i, False])
            continue
        text = current[3] if current else ""
        if current and _field_line(line):
            current[3] += ("" if text.endswith(("；", ";", "。")) else "；") + line  # 牵头单位：… on a line of its own
            current[5:7] = [i, True]
            gap = False
        elif gap:
            close()  # the item's paragraph ended, and this line is none of its fields
            gap = False
        elif current and current[6] and _wrapped_field(lines[i - 2].strip(), line, width):
            current[3] += line  # a field line wrapped by the page width (a PDF's lines)
            current[5] = i
        elif (
            current and not current[6] and (not text.endswith(ENDS_SENTENCE) or _unclosed(text) or _opens_fields(line))
        ):
            current[3] += line  # the item wrapped onto this line
            current[5] = i
        else:
            close()
    close()
    return items


def _wrapped_field(previous: str, line: str, width: int) -> bool:
    """Whether `line` continues the field line before it: that line filled the page's width without ending a
    sentence, and this one opens no item or field of its own."""
    return (
        bool(_label_pattern().match(previous))
        and width >= 20
        and len(previous) >= width - 2
        and not previous.endswith(ENDS_SENTENCE)
        and not _label_pattern().match(line)
        and _field_line(previous + line)
    )


def _field_line(line: str) -> bool:
    """A line that holds only labelled fields: 牵头单位：县发改局 / 完成时限：2025年6月底前."""
    return bool(_label_pattern().match(line)) and parse_fields(line) is not None


def _unclosed(text: str) -> bool:
    """A bracket opened and not closed: the item's fields go on over the line break."""
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _opens_fields(line: str) -> bool:
    return line[0] in "（([【［" and (found := trailing_fields(line)) is not None and found[0] == ""


def trailing_fields(text: str) -> tuple[str, dict] | None:
    """(content, fields) when the text ends with the item's fields, else None.

    fields maps lead/responsible to unit tuples and deadline to its text.
    """
    text = text.strip()
    if text and text[-1] in OPEN:
        opener = OPEN[text[-1]]
        depth, at = 0, None
        for k in range(len(text) - 1, -1, -1):
            if text[k] == text[-1]:
                depth += 1
            elif text[k] == opener:
                depth -= 1
                if depth == 0:
                    at = k
                    break
        if at is not None and (fields := parse_fields(text[at + 1 : -1])):
            return text[:at].strip(), fields
    labels = _label_pattern()
    for m in labels.finditer(text):
        if m.start() == 0 or text[m.start() - 1] in "。；;，, \u3000":
            if fields := parse_fields(text[m.start() :]):
                return text[: m.start()].strip(), fields
    return None


def parse_fields(inner: str) -> dict | None:
    """The fields a bracket holds, labelled (牵头单位：…；完成时限：…) or not (县发改局牵头，6月底前完成); None if
    any part of it is something else (an aside, a year range)."""
    inner = inner.strip().strip("。")
    if not inner:
        return None
    fields: dict = {}
    labelled = list(_label_pattern().finditer(inner))
    if labelled and labelled[0].start() == 0:
        for k, m in enumerate(labelled):
            value = inner[m.end() : labelled[k + 1].start() if k + 1 < len(labelled) else len(inner)]
            value = value.strip().strip("；;，,。").strip()
            role = SHORT_LABELS.get(m.group(1)) or header_role(m.group(1))
            _put(fields, role, value)
        return fields if any(fields.get(r) for r in FIELD_ROLES) else None
    for part in (p.strip() for p in re.split(r"[；;，,。]", inner)):
        if not part:
            continue
        if is_deadline(part) and not is_unit(part):
            _put(fields, "deadline", re.sub(r"完成$", "", part))
            continue
        for pattern, role in PART_ROLE:
            if (
                (named := pattern.match(part))
                and (units := list_units(named.group(1)))
                and all(is_unit(u) for u in units)
            ):
                _put(fields, role, named.group(1))
                break
        else:
            return None
    return fields if any(fields.get(r) for r in ("lead", "responsible")) else None


def _put(fields: dict, role: str | None, value: str) -> None:
    if not value or role not in FIELD_ROLES:
        return
    if role == "deadline":
        fields["deadline"] = f"{fields['deadline']}；{value}" if fields.get("deadline") else value
    elif role != "leader":
        units = [u for u in list_units(value) if u not in fields.get(role, ())]
        fields[role] = tuple(fields.get(role, ())) + tuple(units)
    else:
        fields["leader"] = value


@cache
def _label_pattern() -> re.Pattern:
    """A field label followed by a colon: every lead/responsible/leader/deadline header word, and 牵头/责任/配合."""
    names = [n for n, r in role_words().names.items() if r in FIELD_ROLES] + list(SHORT_LABELS)
    alternatives = "|".join(sorted({re.escape(n) for n in names}, key=len, reverse=True))
    return re.compile(rf"({alternatives})\s*[:：]\s*")

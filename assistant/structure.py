"""Lines of a notice that answer by their shape: a roster line running on, a numbered list after the line introducing
it, the lines printing the notice's date and its 主送 line."""

from __future__ import annotations

import re

from assistant.citing import cite
from assistant.records import Citation
from assistant.scoring import SENTENCE
from index.numbers import cn_to_int
from index.records import Notice

LABEL_LINE = re.compile(r"^\s*[\u4e00-\u9fff][\u4e00-\u9fff ]{0,7}[:：]\s*\S")
ROSTER_ENTRY_MAX = 40  # a roster line is a name and a post, not a sentence


def continued(notice: Notice, c: Citation) -> Citation:
    """A "label：value" roster line whose value runs on over the next lines (副组长：A … / B … / C …) cites all of
    them: the lines after it that carry no label of their own and read as entries, not sentences."""
    lines = notice.lines
    line = lines[c.start_line - 1] if c.start_line == c.end_line and c.start_line <= len(lines) else ""
    if line.strip() != c.quote or not LABEL_LINE.match(line) or len(line.strip()) > ROSTER_ENTRY_MAX:
        return c
    end = c.start_line
    for i in range(c.start_line, len(lines)):
        text = lines[i].strip()
        if not text:
            continue
        if LABEL_LINE.match(text) or len(text) > ROSTER_ENTRY_MAX or text.endswith(("。", "；", ";", "：", ":")):
            break
        end = i + 1
    if end == c.start_line:
        return c
    return cite(notice, c.label, c.start_line, end, notice.line_span_text(c.start_line, end))


ITEM = re.compile(
    r"^\s*(?:(?P<arabic>\d{1,2})\s*[.、．]|[（(](?P<paren>[一二三四五六七八九十]{1,3})[)）]|(?P<han>[一二三四五六七八九十]{1,3})、)"
)
MAX_ITEMS = 30
MAX_GAP_LINES = 2  # lines inside one item (a wrapped paragraph) before the list is taken to have ended


def _item(line: str) -> tuple[str, int] | None:
    if not (m := ITEM.match(line)):
        return None
    style = next(k for k, v in m.groupdict().items() if v)
    return style, cn_to_int(m.group(style))


def enumerated(notice: Notice, c: Citation) -> list[Citation]:
    """The numbered items right after a sentence that introduces them ("以“七个一”活动为重点…" then 1. … 7. …): the
    first sentence of each, cited on its own line. [] when no list starting at 1 follows at once."""
    lines = notice.lines
    i = c.end_line  # 0-based index of the line after the citation
    while i < len(lines) and not lines[i].strip():
        i += 1
    first = _item(lines[i]) if i < len(lines) else None
    if first is None or first[1] != 1:
        return []
    style, want, gap, out = first[0], 1, 0, []
    for j in range(i, len(lines)):
        text = lines[j].strip()
        if not text:
            continue
        item = _item(text)
        if item is None:
            gap += 1
            if gap > MAX_GAP_LINES:
                break
            continue
        if item != (style, want):
            break
        head = re.match(r"[^。；;]*[。；;]?", text).group(0)
        out.append(cite(notice, c.label, j + 1, j + 1, head))
        want, gap = want + 1, 0
        if len(out) >= MAX_ITEMS:
            break
    return out if len(out) >= 2 else []


def line_of(notice: Notice, value: str, within: int | None = None) -> tuple[int, str] | None:
    """The first line (1-based) holding `value`, ignoring spaces, with the line as printed."""
    want = re.sub(r"\s+", "", value)
    lines = notice.lines
    for n, line in enumerate(lines[:within] if within else lines, 1):
        if want and want in re.sub(r"\s+", "", line):
            return n, line.strip()
    return None


def date_lines(notice: Notice) -> list[tuple[int, str]]:
    """Lines that print the notice's date: 2024年4月16日 or 时间:2024-04-20, plus a head sentence saying when it
    was issued (…4月18日,制定印发了…)."""
    if not notice.date:
        return []
    y, m, d = (int(x) for x in notice.date.split("-"))
    found = []
    for n, line in enumerate(notice.lines, 1):
        flat = re.sub(r"\s+", "", line)
        if f"{y}年{m}月{d}日" in flat or re.search(rf"{y}-0?{m}-0?{d}(?!\d)", flat):
            found.append((n, line.strip()))
            break
    for n, line in enumerate(notice.lines[:HEAD_LINES], 1):
        for sentence in SENTENCE.findall(line):
            if (
                re.search(r"\d{1,2}月\d{1,2}日", sentence)
                and re.search(r"印发|发布|出台", sentence)
                and (n, line.strip()) not in found
            ):
                found.append((n, sentence.strip()))
    return found


HEAD_LINES = 25
ADDRESSEES = re.compile(r"^[^。；]{4,200}(政府|部门|单位|机关|办事处|街道|委员会|局)[^。；]*[:：]$")


def recipients_line(notice: Notice) -> tuple[int, str] | None:
    """The 主送 line: the bodies a notice is sent to, a line ending in a colon near its head."""
    for n, line in enumerate(notice.lines[:HEAD_LINES], 1):
        if ADDRESSEES.match(line.strip()) and ("、" in line or "，" in line or "," in line):
            return n, line.strip()
    return None

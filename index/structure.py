"""The lines of a notice that answer by their place or shape, found once when it is parsed: where its 文号, issuer,
title, 主送 and date are printed, a web page's own labelled lines (来源, 编辑), the head's sentences naming the
documents it implements, roster lines that run on over the next lines, and numbered lists."""

from __future__ import annotations

import re

from index.records import LineText, Notice, NumberedList, Roster, Stage, Structure
from index.text import CN_TO_99, HEAD_LINES, MONTH_DAY, SENTENCE, cn_to_int, no_spaces, prints_date

LABEL_LINE = re.compile(r"^\s*[\u4e00-\u9fff][\u4e00-\u9fff ]{0,7}[:：]\s*\S")
ROSTER_ENTRY_MAX = 40  # a roster line is a name and a post, not a sentence
ADDRESSEES = re.compile(r"^[^。；]{4,200}(政府|部门|单位|机关|办事处|街道|委员会|局)[^。；]*[:：]$")
ISSUED = re.compile(r"印发|发布|出台")  # a head sentence with a month and day saying when the notice was issued
ITEM = re.compile(
    rf"^\s*(?:(?P<arabic>\d{{1,2}})\s*[.、．]|[（(](?P<paren>[{CN_TO_99}]{{1,3}})[)）]|(?P<han>[{CN_TO_99}]{{1,3}})、)"
)
# A web page prints its own metadata as short "label:value" lines: 时间:2024-04-20 来源:渭南市司法局, [编辑:陈冰娟].
PAGE_LABELS = {
    "source": "信息来源|稿件来源|文章来源|来源",
    "editor": "责任编辑|编辑",
    "author": "作者|撰稿|撰稿人",
}
PAGE_LABEL = re.compile(
    r"(?:^|(?<=[\s\[【(（]))(?P<label>" + "|".join(PAGE_LABELS.values()) + r")\s*[:：]\s*(?P<value>[^\s\]】)）]+)"
)
PAGE_LINE_MAX = 60  # page chrome, not a sentence of the notice
# A head sentence naming what the notice implements: 根据《…》, 按照…要求, 全面落实《…》和《…》.
BASIS = re.compile(r"(?:根据|依据|依照|按照|贯彻落实|全面落实|落实)[^。；]*?《[^》]{4,}》")
# An overview listing the stages the headings after it take one by one: 分为动员部署、实施推进、…五个阶段.
OVERVIEW = re.compile(
    rf"分为(?P<names>[^。；：:]{{4,120}}?)(?:等)?(?P<count>[{CN_TO_99}\d]{{1,3}})个(?P<noun>阶段|步骤|环节|时期|部分|方面)"
)
STAGE_WINDOW = 120  # lines after an overview its stage headings may run over
MAX_ITEMS = 30
MAX_GAP_LINES = 2  # lines inside one item (a wrapped paragraph) before the list is taken to have ended


def find_structure(notice: Notice) -> Structure:
    lines = notice.lines
    doc_number = line_of(lines, notice.doc_number, HEAD_LINES) if notice.doc_number else None
    issuer = line_of(lines, notice.issuer, HEAD_LINES) if notice.issuer else None
    if issuer is None and notice.issuer and notice.region and doc_number:
        issuer = doc_number  # 宜阳县人民政府办公室 is printed only as its 文号's 宜政办
    return Structure(
        doc_number=doc_number,
        issuer=issuer,
        title=line_of(lines, notice.title[:12], HEAD_LINES),
        recipients=recipients_line(lines),
        dates=date_lines(lines, notice.date),
        rosters=tuple(rosters(lines)),
        lists=tuple(numbered_lists(lines)),
        page=tuple(page_lines(lines)),
        basis=tuple(basis_sentences(lines)),
        stages=tuple(stages(lines)),
    )


def stages(lines: list[str]) -> list[Stage]:
    """The headings that take, in order, the stages an overview sentence names: item k of the first list numbered in one
    style after it is the k-th name (its heading may word it otherwise: 申报验收 listed, （五）迎接验收 printed)."""
    out: list[Stage] = []
    for n, line in enumerate(lines, 1):
        for m in OVERVIEW.finditer(line):
            names = [x.strip() for x in re.split(r"[、，,]|和|及", m.group("names")) if x.strip()]
            try:
                if len(names) != cn_to_int(m.group("count")):
                    continue
            except ValueError:
                continue
            heads = _headings(lines, n, len(names))
            out += [Stage(h, name, m.group("noun"), n) for h, name in zip(heads, names, strict=False)]
    return out


def _headings(lines: list[str], after: int, count: int) -> list[int]:
    """Lines of the items numbered 1..count in one style after line `after`, other styles' items skipped in between."""
    style: str | None = None
    found: list[int] = []
    for j in range(after, min(len(lines), after + STAGE_WINDOW)):
        item = _item(lines[j])
        if item is None:
            continue
        if style is None and item[1] == 1 and item[0] != "arabic":
            style = item[0]
        if style is not None and item == (style, len(found) + 1):
            found.append(j + 1)
            if len(found) == count:
                return found
        elif style == "paren" and item[0] == "han":  # the next chapter: the stages have ended
            break
    return found if len(found) == count else []


def page_lines(lines: list[str]) -> list[tuple[str, LineText]]:
    """A web page's labelled lines, each "label:value" as printed: (source, 来源:渭南市司法局)."""
    out: list[tuple[str, LineText]] = []
    for n, line in enumerate(lines, 1):
        if len(line.strip()) > PAGE_LINE_MAX:
            continue
        for m in PAGE_LABEL.finditer(line):
            name = next(k for k, words in PAGE_LABELS.items() if m.group("label") in words.split("|"))
            if all(k != name for k, _ in out):
                out.append((name, LineText(n, m.group(0).strip())))
    return out


def basis_sentences(lines: list[str]) -> list[LineText]:
    """The sentences of the notice's opening prose that name the documents it implements, before its first heading
    or numbered item (a later 根据《…》 is a task's, not the notice's)."""
    out: list[LineText] = []
    for n, line in enumerate(lines[:HEAD_LINES], 1):
        if _item(line) is not None:
            break
        for sentence in SENTENCE.findall(line):
            if BASIS.search(sentence):
                out.append(LineText(n, sentence.strip()))
    return out


def line_of(lines: list[str], value: str, within: int | None = None) -> LineText | None:
    """The first line holding `value`, ignoring spaces, as printed (stripped)."""
    want = no_spaces(value)
    for n, line in enumerate(lines[:within] if within else lines, 1):
        if want and want in no_spaces(line):
            return LineText(n, line.strip())
    return None


def recipients_line(lines: list[str]) -> LineText | None:
    """The 主送 line: the bodies a notice is sent to, a line ending in a colon near its head."""
    for n, line in enumerate(lines[:HEAD_LINES], 1):
        if ADDRESSEES.match(line.strip()) and ("、" in line or "，" in line or "," in line):
            return LineText(n, line.strip())
    return None


def date_lines(lines: list[str], date: str | None) -> tuple[LineText, ...]:
    """The first line printing the notice's date (2024年4月16日 or 时间:2024-04-20), then the head's sentences saying
    when it was issued (…4月18日,制定印发了…)."""
    if not date:
        return ()
    found: list[LineText] = []
    for n, line in enumerate(lines, 1):
        if prints_date(no_spaces(line), date):
            found.append(LineText(n, line.strip()))
            break
    for n, line in enumerate(lines[:HEAD_LINES], 1):
        for sentence in SENTENCE.findall(line):
            if MONTH_DAY.search(sentence) and ISSUED.search(sentence) and LineText(n, line.strip()) not in found:
                found.append(LineText(n, sentence.strip()))
    return tuple(found)


def rosters(lines: list[str]) -> list[Roster]:
    """Label lines (副组长：A) whose value runs on over the next lines: those that carry no label of their own and
    read as entries, not sentences."""
    out: list[Roster] = []
    for start, line in enumerate(lines, 1):
        if not LABEL_LINE.match(line) or len(line.strip()) > ROSTER_ENTRY_MAX:
            continue
        end = start
        for i in range(start, len(lines)):
            text = lines[i].strip()
            if not text:
                continue
            if LABEL_LINE.match(text) or len(text) > ROSTER_ENTRY_MAX or text.endswith(("。", "；", ";", "：", ":")):
                break
            end = i + 1
        if end > start:
            out.append(Roster(start, end, line.strip()))
    return out


def _item(line: str) -> tuple[str, int] | None:
    if not (m := ITEM.match(line)):
        return None
    style = next(k for k, v in m.groupdict().items() if v)
    try:
        return style, cn_to_int(m.group(style))
    except ValueError:  # 十十、 is no number
        return None


def numbered_lists(lines: list[str]) -> list[NumberedList]:
    """Every list numbered from 1 in one style, of two items or more: each item's first sentence."""
    out: list[NumberedList] = []
    after = 0
    for i, line in enumerate(lines):
        first = _item(line)
        if first is not None and first[1] == 1 and len(items := _list_from(lines, i, first[0])) >= 2:
            out.append(NumberedList(after, tuple(items)))
        if line.strip():
            after = i + 1
    return out


def _list_from(lines: list[str], start: int, style: str) -> list[LineText]:
    want, gap, out = 1, 0, []
    for j in range(start, len(lines)):
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
        head = re.match(r"[^。；;]*[。；;]?", text)
        out.append(LineText(j + 1, head.group(0) if head else text))
        want, gap = want + 1, 0
        if len(out) >= MAX_ITEMS:
            break
    return out

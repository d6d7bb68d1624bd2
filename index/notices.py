"""Notice metadata (title, issuer, 文号, date, region, doc_id) read from the text, and prose blocks."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pypinyin import lazy_pinyin

from index.loaders import LoadedText
from index.metatable import head_fields
from index.records import Block, Notice, ParsedNotice
from index.structure import find_structure
from index.tasks import extract_tasks
from index.text import (
    FULL_DATE,
    HEAD_LINES,
    LABELLED_ISO_DATE,
    LEVEL1,
    iso_date,
    join_cjk,
    no_spaces,
    paragraphs,
    split_lines,
)

DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[［(（【]\d{4}[〕\]］)）】]\s*\d{1,4}\s*号")
SOURCE = re.compile(r"来源\s*[:：]\s*(\S+)")
TITLE_END = ("通知", "要点", "清单", "举措", "方案", "办法", "意见", "规定", "决定", "计划", "细则")
REGION = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:自治县|省|市|县|区|旗)")
ISSUER_UNIT = re.compile(r"^([\u4e00-\u9fff]{2,20}?(?:人民政府办公室|人民政府|司法局|办公室|委员会))(?:文件)?$")
# Abbreviations in a 文号 that name the issuing body: 柞政办函 -> 人民政府办公室, 陵政发 -> 人民政府.
ISSUER_BY_NUMBER = (("府办", "人民政府办公室"), ("政办", "人民政府办公室"), ("政发", "人民政府"), ("政", "人民政府"))


def find_doc_number(head: list[str]) -> str | None:
    for line in head:
        stripped = line.strip()
        if (m := DOC_NUMBER.fullmatch(stripped)) is not None:
            return no_spaces(m.group(0))
    return None


def find_date(head: list[str]) -> str | None:
    for line in head:
        if m := LABELLED_ISO_DATE.search(line):
            return iso_date(*m.groups())
    for line in head:
        if m := FULL_DATE.fullmatch(line.strip()):
            return iso_date(*m.groups())
    return None


def find_title(lines: list[str]) -> str | None:
    """The notice's own title: a 关于…通知 paragraph in the head, else the first short line ending like a title."""
    head = lines[:HEAD_LINES]
    for start, end in paragraphs(head):
        text = join_cjk("".join(line.strip() for line in head[start - 1 : end]))
        if "关于" in text and text.endswith("通知") and len(text) <= 80:
            return text
    for line in head:
        text = join_cjk(line)
        if 6 <= len(text) <= 40 and text.endswith(TITLE_END) and "\t" not in line:
            return text
    return None


def leading_regions(text: str | None) -> list[str]:
    """The region names a body's name starts with, outermost first: 景德镇市昌江区人民政府 -> [景德镇市, 昌江区]."""
    names: list[str] = []
    pos = 0
    if text and text.startswith("中共"):  # a Party body (中共镇坪县委…) is of the region after 中共
        pos = 2
    while text and (m := REGION.match(text, pos)):
        names.append(m.group(0))
        pos = m.end()
    return [n for n in names if not n.endswith("省")] or names


def find_issuer(head: list[str], region: str | None, doc_number: str | None) -> str | None:
    for line in head:
        if m := SOURCE.search(line):
            return m.group(1)
    for line in head:
        if (m := ISSUER_UNIT.match(join_cjk(line))) is not None:
            return m.group(1)
    if doc_number and region:
        for abbr, body in ISSUER_BY_NUMBER:
            if abbr in doc_number:
                return f"{region}{body}"
    return None


def region_aliases(regions: list[str]) -> tuple[str, ...]:
    """Names a user may use for a notice: 昌江区, 昌江, changjiang, 景德镇市, 景德镇, jingdezhen."""
    aliases: list[str] = []
    for name in regions:
        short = re.sub(r"(自治县|县|区|市|旗)$", "", name)
        for alias in (name, short, "".join(lazy_pinyin(short)).lower()):
            if alias and alias not in aliases:
                aliases.append(alias)
    return tuple(aliases)


def make_doc_id(regions: list[str], date: str | None, path: Path) -> str:
    """A short stable id: pinyin of the notice's own region and its year (zhashui-2024); else from the file name."""
    if regions:
        short = re.sub(r"(自治县|县|区|市|旗)$", "", regions[-1])
        pinyin = "".join(lazy_pinyin(short)).lower()
        year = date[:4] if date else None
        if year is None and (m := re.search(r"(19|20)\d{2}", path.stem)):
            year = m.group(0)
        if pinyin.isascii() and pinyin.isalpha():
            return f"{pinyin}-{year}" if year else pinyin
    stem = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    parts = stem.split("-")
    return "-".join(parts[:2]) if len(parts) >= 2 else (stem or "notice")


def prose_blocks(doc_id: str, text_lines: list[str]) -> list[Block]:
    """Top-level sections (一、… up to the next 一、/附件) and appendices, kept whole and searchable.

    This is where a plan's phase timeline (五、实施步骤) and a leading group's member list (附件2) live.
    """
    starts: list[tuple[int, str]] = []
    for i, line in enumerate(text_lines, 1):
        text = line.strip()
        if "\t" in line or not text:
            continue
        if LEVEL1.match(text) and len(text) <= 40:
            starts.append((i, text))
        elif re.fullmatch(r"附件\s*\d+", text):
            nxt = next((x.strip() for x in text_lines[i:] if x.strip()), "")
            starts.append((i, f"{text} {join_cjk(nxt)}"))
    blocks: list[Block] = []
    for k, (start, name) in enumerate(starts):
        end = (starts[k + 1][0] - 1) if k + 1 < len(starts) else len(text_lines)
        span = [i for i in range(start, end + 1) if "\t" not in text_lines[i - 1] and text_lines[i - 1].strip()]
        if not span or span[-1] == start:
            continue
        last = span[-1]
        # A section that runs into a table stops at its prose; the table's rows are tasks.
        table_at = next((i for i in range(start, last + 1) if "\t" in text_lines[i - 1]), None)
        if table_at is not None:
            last = max([i for i in span if i < table_at] or [start])
            if last == start:
                continue
        blocks.append(Block(doc_id, name, start, last, "\n".join(text_lines[start - 1 : last])))
    return blocks


def parse_notice(loaded: LoadedText) -> ParsedNotice:
    """Metadata, tasks and prose blocks of one loaded notice."""
    text = loaded.text
    text_lines = split_lines(text)
    head = text_lines[:HEAD_LINES]
    title = find_title(text_lines)
    labelled = head_fields(text_lines)  # 文号 | … cells of a web page's metadata table; 成文日期 before 发布日期
    doc_number = find_doc_number(head) or labelled.doc_number
    date = labelled.written or find_date(head) or labelled.published
    issuer = labelled.issuer or find_issuer(head, None, doc_number)
    regions = leading_regions(issuer) or leading_regions(title)
    region = regions[-1] if regions else None
    issuer = issuer or find_issuer([], region, doc_number)
    aliases = region_aliases(regions)
    doc_id = make_doc_id(regions, date, loaded.path)
    table = extract_tasks(doc_id, text_lines)
    notice = Notice(
        doc_id=doc_id,
        title=title or labelled.title or loaded.path.stem,
        doc_number=doc_number,
        issuer=issuer,
        date=date,
        region=region,
        aliases=aliases,
        source=loaded.path.name,
        path=loaded.path,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        task_fields=table.fields,
    )
    blocks = prose_blocks(doc_id, text_lines)
    return ParsedNotice(notice, table.tasks, blocks, list(table.unplaced), find_structure(notice), list(table.unread))

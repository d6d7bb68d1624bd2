"""Text as the notices hold it, defined once for the write side and the read side: lines, whitespace, Chinese
numerals and outline numbering, dates, sentences and the search tokens."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import cn2an
import jieba

# --- lines --------------------------------------------------------------------------------------------------------

# A line ends at \r\n, \r or \n, as editors, `grep -n` and `sed -n` count lines. Form feed, vertical tab, U+0085,
# U+2028 and U+2029 (which str.splitlines() also breaks at) stay inside their line: the citation "lines 20-21" must
# be lines 20-21 of the file a user opens. The loaders write every line end as \n, so line n of a notice is
# `split_lines(text)[n - 1]` everywhere: Notice.lines, the task parsers, the chunks, the citations, the web page.
LINE_END = re.compile(r"\r\n|\r|\n")
HEAD_LINES = 25  # a notice's metadata sits in its head; later lines quote other notices' numbers and dates


def normalise_newlines(text: str) -> str:
    """The text with every line end written as \\n."""
    return LINE_END.sub("\n", text) if "\r" in text else text


# A converter's marker left in a text export of a Word file ([bookmark: _GoBack]): no word of the notice.
CONVERTER_MARK = re.compile(r"\[bookmark:[^\]\n]{0,80}\]")


def without_marks(text: str) -> str:
    """The text without converter markers; lines keep their numbers."""
    return CONVERTER_MARK.sub("", text) if "[bookmark:" in text else text


def split_lines(text: str) -> list[str]:
    """The lines of a text; line n (1-based) is element n - 1."""
    return normalise_newlines(text).split("\n")


def paragraphs(text_lines: list[str]) -> Iterator[tuple[int, int]]:
    """1-based line spans of prose paragraphs: runs of non-blank lines without table cells (TAB)."""
    start = None
    for i, line in enumerate([*text_lines, ""], 1):
        prose = bool(line.strip()) and "\t" not in line
        if prose and start is None:
            start = i
        elif not prose and start is not None:
            yield start, i - 1
            start = None


# --- whitespace ---------------------------------------------------------------------------------------------------

SPACES = re.compile(r"\s+")
_SPACE_IN_CJK = re.compile(r"(?<=[\u4e00-\u9fff\d])\s+(?=[\u4e00-\u9fff\d《“])")


def no_spaces(text: str) -> str:
    """The text without any whitespace: notices pad names and headers (组 长：王 丽, 完成 时限)."""
    return SPACES.sub("", text)


def one_line(text: str) -> str:
    """The text on one line, each run of whitespace (newlines, tabs) one space."""
    return " ".join(text.split())


def join_cjk(text: str) -> str:
    """A title broken over lines or padded with spaces between Chinese characters, joined up again."""
    return _SPACE_IN_CJK.sub("", text.strip())


# --- Chinese numerals and outline numbering -------------------------------------------------------------------------

CN_DIGITS = "一二三四五六七八九十百零〇两"  # the characters a Chinese numeral is written with
CN_TO_99 = "一二三四五六七八九十"  # enough for 1..99, the numbers an outline prints (（十七）, 二十、)
LEVEL1 = re.compile(rf"^[{CN_DIGITS}]+\s*、")  # a top-level outline heading: 一、… 十二、…


def cn_to_int(text: str) -> int:
    """`十七` -> 17, `17` -> 17; raises ValueError naming the text if it is no number."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    try:
        return int(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError) as exc:
        raise ValueError(f"not a number: {text!r}") from exc


def int_to_cn(number: int) -> str:
    """17 -> `十七` (the form notices print in labels such as （十七））."""
    return str(cn2an.an2cn(number))


# --- dates --------------------------------------------------------------------------------------------------------
# Each pattern matches one way a notice or a question writes a point in time. They differ on purpose: a notice's own
# date is a full 年月日 line, a task's deadline may be 6月底前, a question's filter a month.

BEFORE = r"(?:前|以前|之前)"
# 2024年4月16日 (groups: year, month, day): the date line of a notice
FULL_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# 时间：2024-04-20 (groups: year, month, day): a web page's date field
LABELLED_ISO_DATE = re.compile(r"(?:时间|日期|发布时间|发文日期)\s*[:：]\s*(\d{4})-(\d{1,2})-(\d{1,2})")
# 4月18日 in a sentence of the head saying when the notice was issued (matched on text without spaces)
MONTH_DAY = re.compile(r"\d{1,2}月\d{1,2}日")
# 2024年12月底前, 每年3月1日前, 6月底前, 2021—2025年: the dates printed in a task's text
DATE_IN_TASK = re.compile(
    rf"(?:\d{{4}}\s*年|每年)(?:年?底|\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*日)?(?:底|末)?)?{BEFORE}?"
    rf"|\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*日)?(?:底|末)?{BEFORE}"
    r"|\d{4}\s*[—–-]\s*\d{4}\s*年"
)
NO_POINT_IN_TIME = re.compile(r"每年|\d{4}\s*年|\d{4}\s*[—–-]\s*\d{4}\s*年")  # a bare year, a span of years, 每年
# 力争到2025年基本实现: a bare year a target is set for is a point in time (not after another year: 2023年至2024年)
TARGET_YEAR = re.compile(r"(?<![年月日\d])(?:到|至)\s*$")
# 2024年6月 (groups: year, month) and 2024年底 (group: year): the month a deadline falls in
YEAR_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月")
YEAR_END = re.compile(r"(\d{4})\s*年\s*(?:年)?底")
# 2024年6月底, 2024年底, 每年3月, 6月底 (group 1): the date a question filters deadlines by
DUE_DATE = re.compile(r"(\d{4}\s*年\s*\d{1,2}\s*月(?:底|末)?|\d{4}\s*年底|每年\s*\d{1,2}\s*月(?:底)?|\d{1,2}\s*月底)")
# Any date a sentence states, as precise as it is printed (2024年, 2024年6月底, 3月1日, 2024-04-20, 长期): the dates an
# answer's sentence must share with its source
DATE_MENTION = re.compile(
    r"\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日|底|初|上旬|中旬|下旬)?|底|内)?"
    r"|每年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日|底)?|(?<![\d年])\d{1,2}\s*月(?:\s*\d{1,2}\s*日|底)|\d{4}-\d{1,2}(?:-\d{1,2})?|长期"
)
# A word of time (2024年, 6月, 六月, 年底, 季度): what a sentence answering "when" must hold
TIME_WORD = re.compile(r"\d{4}\s*年|\d{1,2}\s*月|\d{4}-\d{1,2}|[一二三四五六七八九十]+月|年底|月底|季度")


def iso_date(year: str | int, month: str | int, day: str | int) -> str:
    """yyyy-mm-dd."""
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def prints_date(flat_text: str, iso: str) -> bool:
    """Whether text without spaces prints the date `iso` (yyyy-mm-dd) as 2024年4月16日 or 2024-04-16."""
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日" in flat_text or re.search(rf"{y}-0?{m}-0?{d}(?!\d)", flat_text) is not None


def dates_in(text: str) -> tuple[str, ...]:
    """Date expressions as printed in a task's text (2024年12月底前, 每年3月1日前, 6月底前, ...)."""
    found: list[str] = []
    for m in DATE_IN_TASK.finditer(text):
        value = m.group(0).strip()
        if NO_POINT_IN_TIME.fullmatch(value) and not TARGET_YEAR.search(text[max(0, m.start() - 3) : m.start()]):
            continue
        if value not in found:
            found.append(value)
    return tuple(found)


def year_month(text: str) -> tuple[int, int] | None:
    """The (year, month) a deadline falls in: 2024年6月底前 -> (2024, 6), 2024年底 -> (2024, 12); None if no month."""
    if m := YEAR_MONTH.search(text):
        return int(m.group(1)), int(m.group(2))
    if m := YEAR_END.search(text):
        return int(m.group(1)), 12
    return None


# --- sentences ------------------------------------------------------------------------------------------------------

SENTENCE = re.compile(r"[^。；！？\n\t]+[。；！？]?")  # a sentence or clause, never across a line or a table cell


def sentences(text: str) -> list[str]:
    """The text cut after each 。；！？ (pieces of only whitespace left out)."""
    return [s for s in re.split(r"(?<=[。；！？])", text) if s.strip()]


# --- search tokens ------------------------------------------------------------------------------------------------

TOKENIZER_VERSION = 2  # bump when tokenize() changes: committed BM25 indexes are then rebuilt on the next sync
_CJK = "\u3400-\u9fff"
# jieba announces building its prefix dictionary on stderr at DEBUG; that is noise in a CLI.
jieba.setLogLevel(logging.WARNING)
# Word tables pad short labels and names with spaces: "组 长：王 丽". Two lone characters joined by one space are
# one word to a reader; jieba sees two.
_SPACED = re.compile(f"(?<![{_CJK}])([{_CJK}]) ([{_CJK}])(?![{_CJK}])")


def tokenize(text: str) -> list[str]:
    """Search tokens (BM25, question words): jieba's search-mode words, lowercased; tokens with no letter or digit
    are dropped."""
    text = _SPACED.sub(r"\1\2", text)
    return [t for t in (w.strip().lower() for w in jieba.lcut_for_search(text)) if any(ch.isalnum() for ch in t)]


def tagged_words(text: str) -> list[tuple[str, str]]:
    """jieba's words with their part of speech ("ns": a place name), for telling places from other words."""
    import jieba.posseg  # its tagger loads a model on first import: only for the questions that need it

    return [(p.word, p.flag) for p in jieba.posseg.lcut(text)]


def spans(numbers: list[int]) -> str:
    """1-based line numbers as ranges: [3, 4, 5, 9] -> "3-5, 9"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in runs)

"""One idea of a line, everywhere: a notice saved with CRLF line ends and page breaks (form feed) is cited by the lines
a user sees when opening the file. Plus the other shared text pieces: numerals, dates, whitespace."""

from __future__ import annotations

import re

import pytest

from assistant.boot import build_and_open
from assistant.config import Settings
from assistant.web.render import citation_html
from index.corpus import load_corpus
from index.text import (
    cn_to_int,
    dates_in,
    int_to_cn,
    join_cjk,
    no_spaces,
    normalise_newlines,
    prints_date,
    split_lines,
    year_month,
)

T = "\t"
# A notice as a county office saves it from Word on Windows: CRLF line ends, a form feed where each page ends (Word's
# "page break" in plain text), a vertical tab and a line separator (U+2028) pasted inside paragraphs. None of them
# but CRLF ends a line in an editor, in grep -n or in sed; str.splitlines() breaks at all of them.
LINES = [
    "测试县人民政府办公室文件\f",  # 1: a page break right after the cover's first line
    "",
    "测政办函〔2024〕7号",  # 3
    "",
    "测试县人民政府办公室\v关于印发测试县2024年重点工作任务清单的通知",  # 5
    "",
    "各镇人民政府，县政府各部门：",  # 7: 主送
    "\u3000\u3000现将《测试县2024年重点工作任务清单》印发给你们，\u2028请认真贯彻落实。",  # 8
    "\f",  # 9: a page of its own
    "测试县人民政府办公室",  # 10
    "2024年3月5日",  # 11: the date line
    "\f测试县2024年重点工作任务清单",  # 12
    T.join(["分类", "具体内容", "牵头部门", "责任单位", "完成时限"]),  # 13
    T.join(["一、依法行政", "1. 完成规范性文件清理。", "县司法局", "各镇", "2024年6月底前"]),  # 14
    T.join(["", "2. 开展行政执法案卷评查。\f", "县市场监管局", "各镇", "长期"]),  # 15
    T.join(["二、监督", "3. 加强行政复议监督。", "县司法局", "县政府各部门", "2024年12月底前"]),  # 16
]


@pytest.fixture(scope="module")
def notice_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("crlf") / "ceshi-2024-task-list.txt"
    path.write_bytes("\r\n".join(LINES).encode("utf-8") + b"\r\n")
    return path


@pytest.fixture(scope="module")
def file_lines(notice_file) -> list[str]:
    """The file's lines as an editor shows them, split here without index.text."""
    return notice_file.read_bytes().decode("utf-8").split("\r\n")


@pytest.fixture(scope="module")
def parsed(notice_file):
    corpus = load_corpus([notice_file])
    assert not corpus.errors
    return corpus.notices[0]


def test_split_lines_breaks_where_editors_do():
    assert split_lines("a\r\nb\rc\nd\fe\vf\u2028g\x85h") == ["a", "b", "c", "d\fe\vf\u2028g\x85h"]
    assert normalise_newlines("a\r\nb\rc") == "a\nb\nc"
    assert "a\fb".splitlines() == ["a", "b"], "what Notice.lines must not do"


def test_the_notice_has_the_files_lines(parsed, file_lines):
    assert parsed.notice.lines[: len(LINES)] == file_lines[: len(LINES)] == LINES


def in_file(file_lines: list[str], start: int, end: int, quote: str) -> bool:
    return quote in "\n".join(file_lines[start - 1 : end])


def test_task_citations_point_at_the_files_lines(parsed, file_lines):
    spans = [(t.label, t.start_line, t.end_line) for t in parsed.tasks]
    assert spans == [("1.", 14, 14), ("2.", 15, 15), ("3.", 16, 16)]
    for t in parsed.tasks:
        assert t.source_text == "\n".join(file_lines[t.start_line - 1 : t.end_line]), t.label
    assert parsed.tasks[1].content == "开展行政执法案卷评查。"


def test_doc_number_date_and_recipient_lines_are_the_files_lines(parsed, file_lines):
    n, s = parsed.notice, parsed.structure
    assert (n.doc_number, n.date) == ("测政办函〔2024〕7号", "2024-03-05")
    assert s.doc_number is not None and s.doc_number.line == 3
    assert [d.line for d in s.dates] == [11]
    assert s.recipients is not None and s.recipients.line == 7
    for found in (s.doc_number, *s.dates, s.recipients, s.title):
        assert found is not None and in_file(file_lines, found.line, found.line, found.text), found


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, notice_file):
    settings = Settings(notices=[notice_file], data_dir=tmp_path_factory.mktemp("idx"))
    made, _ = build_and_open(settings)
    return made


@pytest.mark.parametrize(
    "question, line",
    [
        ("测试县这份通知的文号是什么？", 3),
        ("测试县的通知是什么时候印发的？", 11),
        ("测试县第2项由谁牵头？", 15),
        ("测试县第3项的完成时限是什么？", 16),
        ("测试县的通知主送哪些单位？", 7),
    ],
)
def test_every_answer_cites_the_files_lines(assistant, file_lines, parsed, question, line):
    answer = assistant.ask(question)
    assert answer.citations, f"{question}: no citation"
    assert answer.citations[0].start_line == line, f"{question}: cites {answer.citations[0]}"
    for c in answer.citations:
        assert in_file(file_lines, c.start_line, c.end_line, c.quote), f"{question}: {c} is not in the file there"
        html = citation_html(c, parsed.notice.text, 1, "zh")
        marked = re.findall(r'<span class="ln">(\d+)</span> [^<]*<mark>', html)
        assert marked and int(marked[0]) == c.start_line, f"{question}: the page marks line {marked}"


# --- numerals, dates, whitespace ------------------------------------------------------------------------------------


@pytest.mark.parametrize("cn, n", [("一", 1), ("十", 10), ("十七", 17), ("二十五", 25), ("一百", 100), ("17", 17)])
def test_chinese_numerals_convert_both_ways(cn, n):
    assert cn_to_int(cn) == n
    if not cn.isdigit():
        assert int_to_cn(n) == cn


def test_cn_to_int_names_a_bad_value():
    with pytest.raises(ValueError, match="abc"):
        cn_to_int("abc")


def test_dates():
    assert dates_in("2024年底前完成，每年3月1日前报送，2021—2025年持续推进") == ("2024年底前", "每年3月1日前")
    assert year_month("2024年6月底前") == (2024, 6) and year_month("2024年底前") == (2024, 12)
    assert year_month("长期") is None
    assert prints_date(no_spaces("2024 年 4 月 16 日"), "2024-04-16")
    assert prints_date("时间:2024-04-20", "2024-04-20") and not prints_date("2024-04-201", "2024-04-20")


def test_whitespace():
    assert join_cjk(" 测试县 人民 政府\n办公室 ") == "测试县人民政府办公室"
    assert no_spaces("组 长：王 丽\f") == "组长：王丽"

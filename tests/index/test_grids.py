"""Grids: merged cells applied on every row they span, PDF tables stitched across pages, text tables read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from fpdf import FPDF

from index.grids import find_grids, stitch_pages
from index.loaders import load_file

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
HEADER = ["序号", "工作内容", "牵头单位", "完成时限"]


def test_a_table_continued_on_the_next_page_is_one_table():
    page1 = ["任务清单", [HEADER, ["1", "修订应急预案", "县应急局", "3月底前"]], "- 1 -"]
    page2 = ["- 2 -", [HEADER, ["2", "开展应急演练", "县应急局", "6月底前"]], "（此件公开发布）"]

    assert stitch_pages([page1, page2]) == [
        "任务清单",
        "序号\t工作内容\t牵头单位\t完成时限",
        "1\t修订应急预案\t县应急局\t3月底前",
        "2\t开展应急演练\t县应急局\t6月底前",
        "（此件公开发布）",
    ]


def test_a_row_broken_by_the_page_is_joined():
    page1 = [[HEADER, ["1", "修订应急预案", "县应急局", "3月底前"], ["2", "开展全县应急", "县应急局", ""]]]
    page2 = [[HEADER, ["", "演练两次", "", "6月底前"], ["3", "储备物资", "县发改局", "长期"]]]

    assert stitch_pages([page1, page2])[2:] == [
        "2\t开展全县应急演练两次\t县应急局\t6月底前",
        "3\t储备物资\t县发改局\t长期",
    ]


def test_text_between_tables_keeps_them_apart():
    page1 = [[HEADER, ["1", "a", "b", "c"]], "附件2"]
    page2 = [[HEADER, ["1", "d", "e", "f"]]]
    assert stitch_pages([page1, page2]).count("序号\t工作内容\t牵头单位\t完成时限") == 2


def test_find_grids_keeps_line_spans():
    lines = ["标题", "序号\t任务", "1\t甲", "", "2\t乙", "落款"]
    (grid,) = find_grids(lines)
    assert (grid.start, grid.end) == (2, 5)
    assert grid.texts() == [["序号", "任务"], ["1", "甲"], ["2", "乙"]]
    assert grid.rows[2][1].start == 5


def test_docx_vertical_merge_over_three_rows_and_grid_before(tmp_path):
    doc = Document()
    table = doc.add_table(rows=4, cols=3)
    for r, row in enumerate([("序号", "任务", "牵头单位"), ("1", "甲", "县财政局"), ("2", "乙", ""), ("3", "丙", "")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 2).merge(table.cell(3, 2))
    doc.save(tmp_path / "merged.docx")

    lines = load_file(tmp_path / "merged.docx").text.split("\n")
    assert lines[1:4] == ["1\t甲\t县财政局", "2\t乙\t县财政局", "3\t丙\t县财政局"]


def _row(pdf: FPDF, y: float, texts: list[str], height: float) -> None:
    x = 10.0
    for width, text in zip((15, 100, 40, 35), texts, strict=True):
        pdf.rect(x, y, width, height)
        pdf.set_xy(x, y + 1)
        pdf.multi_cell(width, 7, text)
        x += width


@pytest.mark.skipif(not FONT.is_file(), reason="needs the CJK font fonts-wqy-microhei (tests/setup.sh installs it)")
def test_pdf_row_broken_across_a_page_is_one_line(tmp_path):
    pdf = FPDF()
    pdf.add_font("cjk", fname=str(FONT))
    pdf.set_font("cjk", size=11)
    pdf.add_page()
    _row(pdf, 20, HEADER, 9)
    _row(pdf, 29, ["1", "修订县级突发事件总体应急预案", "县应急管理局", "2025年3月底前"], 9)
    _row(pdf, 38, ["2", "组织开展防汛、森林防火", "县应急管理局", ""], 9)
    pdf.set_xy(90, 280)
    pdf.cell(30, 8, "- 1 -")
    pdf.add_page()
    _row(pdf, 20, HEADER, 9)
    _row(pdf, 29, ["", "和地质灾害综合应急演练", "", "2025年6月底前"], 9)
    _row(pdf, 38, ["3", "完善应急物资储备库", "县发改局", "长期"], 9)
    pdf.output(str(tmp_path / "split.pdf"))

    lines = [line for line in load_file(tmp_path / "split.pdf").text.split("\n") if "\t" in line]
    assert lines == [
        "序号\t工作内容\t牵头单位\t完成时限",
        "1\t修订县级突发事件总体应急预案\t县应急管理局\t2025年3月底前",
        "2\t组织开展防汛、森林防火和地质灾害综合应急演练\t县应急管理局\t2025年6月底前",
        "3\t完善应急物资储备库\t县发改局\t长期",
    ]


def test_running_head_and_foot_do_not_split_a_table():
    head, foot = "青岚县2025年重点项目任务清单", "青岚县人民政府办公室印发"
    page1 = [head, [HEADER, ["1", "修订应急预案", "县应急局", "3月底前"]], foot, "1"]
    page2 = [head, [HEADER, ["2", "开展应急演练", "县应急局", "6月底前"]], foot, "2"]

    assert stitch_pages([page1, page2]) == [
        head,
        "序号\t工作内容\t牵头单位\t完成时限",
        "1\t修订应急预案\t县应急局\t3月底前",
        "2\t开展应急演练\t县应急局\t6月底前",
    ]

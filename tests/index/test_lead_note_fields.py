"""A note that the first listed unit leads, numbered items with their fields on labelled lines, and unit cells whose
separators a PDF's line breaks lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from fpdf import FPDF
from fpdf.fonts import FontFace

from index.layouts.cells import split_units
from index.loaders import load_file
from index.notices import parse_notice
from index.outline import outline_tasks
from index.roles import LeadNote, lead_note
from index.tasks import extract_tasks

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

# Fields on lines of their own (blank lines between, as a Markdown or Word file prints paragraphs), both fields on
# one line, fields in a closing bracket, an item with no deadline, an item naming its lead itself.
ITEMS = """青川县2025年文旅融合发展重点工作安排

注：每项工作所列责任单位中，第一个单位为牵头单位；另行写明牵头单位的，按写明的执行。

一、完善文旅设施

1. 建成县博物馆新馆并对外开放，完善展陈和讲解服务。

责任单位：县文化和旅游局、县住房和城乡建设局、县财政局

完成时限：2025年9月底前

2. 推进景区厕所提质改造，新改建旅游厕所12座。

责任单位：县文化和旅游局、各镇人民政府；完成时限：2025年6月底前

3. 完善游客集散中心功能，增设智慧导览设备。（责任单位：县城投公司、县文化和旅游局；完成时限：常态化推进）

二、丰富文旅业态

4. 培育乡村民宿集群，打造精品民宿示范点5个。

责任单位：县农业农村局、县文化和旅游局

5. 举办油菜花节等节会活动。（牵头单位：县文化和旅游局；配合单位：县公安局、县市场监督管理局；完成时限：长期坚持）

6. 开发研学旅行线路3条。

责任单位：县教育局

完成时限：2025年12月底前

三、工作要求

各单位要于每季度末报送进展情况。
"""
ALL_TOWNS = "各镇人民政府"
EXPECTED = {
    1: (("县文化和旅游局",), ("县文化和旅游局", "县住房和城乡建设局", "县财政局"), "2025年9月底前"),
    2: (("县文化和旅游局",), ("县文化和旅游局", ALL_TOWNS), "2025年6月底前"),
    3: (("县城投公司",), ("县城投公司", "县文化和旅游局"), "常态化推进"),
    4: (("县农业农村局",), ("县农业农村局", "县文化和旅游局"), None),
    5: (("县文化和旅游局",), ("县公安局", "县市场监督管理局"), "长期坚持"),
    6: (("县教育局",), ("县教育局",), "2025年12月底前"),
}


def _fields(parsed) -> dict[int, tuple]:
    return {t.number: (t.lead, t.responsible, t.deadline) for t in parsed.tasks if t.kind == "task"}


@pytest.mark.parametrize("suffix", ["txt", "md"])
def test_items_with_labelled_field_lines_and_a_first_unit_note(tmp_path, suffix):
    path = tmp_path / f"文旅融合.{suffix}"
    path.write_text(ITEMS, "utf-8")
    parsed = parse_notice(load_file(path))

    assert _fields(parsed) == EXPECTED
    by_number = {t.number: t for t in parsed.tasks}
    lines = parsed.notice.lines
    # each item's quote runs to its last field line, and no further
    assert lines[by_number[1].end_line - 1] == "完成时限：2025年9月底前"
    assert lines[by_number[4].end_line - 1] == "责任单位：县农业农村局、县文化和旅游局"
    assert by_number[6].content.startswith("开发研学旅行线路")
    assert {"lead", "responsible", "deadline"} <= parsed.notice.task_fields


def test_word_paragraphs_with_field_lines(tmp_path):
    doc = Document()
    for line in ITEMS.splitlines():
        if line.strip():
            doc.add_paragraph(line)
    doc.save(tmp_path / "文旅融合.docx")
    parsed = parse_notice(load_file(tmp_path / "文旅融合.docx"))

    assert _fields(parsed) == EXPECTED


def test_a_field_line_wrapped_at_the_page_width():
    width = 30  # a PDF's lines: every full line is about this long
    lines = [
        "说明：排在首位的单位为牵头单位。",
        "1. 开展森林防火隐患排查，重点林区巡护全覆盖，确保",
        "不发生重大森林火灾。",
        "责任单位：县林业局、县应急管理局、县气象局、县公安",
        "局、各镇人民政府",
        "完成时限：2025年4月底前",
        "2. 修缮护林防火检查站5处，配齐扑火机具和物资储备。",
        "责任单位：县林业局",
    ]
    assert max(len(x) for x in lines) <= width
    tasks, _ = outline_tasks("t", lines)

    assert [(t.number, t.lead, t.responsible, t.deadline, t.end_line) for t in tasks] == [
        (1, ("县林业局",), ("县林业局", "县应急管理局", "县气象局", "县公安局", "各镇人民政府"), "2025年4月底前", 6),
        (2, ("县林业局",), ("县林业局",), None, 8),
    ]


@pytest.mark.parametrize(
    "cell, units",
    [
        ("县文化和旅游局各镇人民政府", ("县文化和旅游局", "各镇人民政府")),
        ("县交通运输局县公路事业发展中心各街道办事处", ("县交通运输局", "县公路事业发展中心", "各街道办事处")),
        ("市自然资源局青川分局县林业局", ("市自然资源局青川分局", "县林业局")),
        ("县委办公室县政府办公室", ("县委办公室", "县政府办公室")),
        ("县民政局（共同牵头）县残联", ("县民政局（共同牵头）", "县残联")),
        # one unit each: no boundary where both sides are units
        ("县人力资源和社会保障局", ("县人力资源和社会保障局",)),
        ("市生态环境局青川分局", ("市生态环境局青川分局",)),
        ("县政府各部门", ("县政府各部门",)),
        ("县防灾减灾委员会各成员单位", ("县防灾减灾委员会各成员单位",)),
        ("开发区市场监督管理局", ("开发区市场监督管理局",)),
        ("县城市管理局", ("县城市管理局",)),
        ("县委县政府督查室", ("县委县政府督查室",)),
    ],
)
def test_units_run_together_are_split_at_unit_boundaries(cell, units):
    assert split_units(cell) == units


@pytest.mark.parametrize(
    "note, expected",
    [
        ("（各任务责任单位中居首位者负责牵头）", LeadNote(first=True)),
        ("责任单位中第一个单位为牵头单位。", LeadNote(first=True)),
        ("责任单位列首位的牵头，其他单位协助。", LeadNote(first=True, rest_cooperate=True)),
        ("发现问题要第一时间报告牵头单位。", LeadNote()),
        ("第一次会议由牵头单位召集。", LeadNote()),
    ],
)
def test_first_unit_notes(note, expected):
    assert lead_note([note]) == expected


def test_a_note_saying_the_others_cooperate_keeps_the_lead_out_of_them():
    lines = [
        "说明：责任单位排第一的为牵头单位，其余单位配合。",
        "1. 编制县域商业体系建设方案。（责任单位：县商务局、县发展和改革局、县财政局；完成时限：2025年3月底前）",
        "2. 建设乡镇商贸中心3个。（责任单位：县商务局（共同牵头）县供销社、各镇人民政府）",
    ]
    tasks, _ = outline_tasks("t", lines)

    assert [(t.number, t.lead, t.responsible) for t in tasks] == [
        (1, ("县商务局",), ("县发展和改革局", "县财政局")),
        (2, ("县商务局",), ("县供销社", "各镇人民政府")),
    ]


@pytest.mark.skipif(not FONT.is_file(), reason="needs the CJK font fonts-wqy-microhei (tests/setup.sh installs it)")
def test_pdf_table_cells_broken_over_lines_and_a_first_unit_note(tmp_path):
    rows = [
        ("序号", "工作内容", "责任单位", "完成时限"),
        ("1", "实施城区雨污分流改造8公里", "县住房和城乡建设局\n县水利局\n各街道办事处", "2025年10月底前"),
        ("2", "建设城乡供水一体化工程", "县水利局\n县财政局", "2025年12月底前"),
        ("3", "整治农村黑臭水体4处", "市生态环境局青川分局\n各镇人民政府", "持续推进"),
        ("4", "完善城市排水防涝应急预案", "县应急管理局", "2025年5月底前"),
    ]
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("cjk", fname=str(FONT))
    pdf.set_font("cjk", size=11)
    pdf.multi_cell(0, 8, "青川县2025年城市水环境治理任务清单", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 8, "（各任务责任单位中居首位者负责牵头）", new_x="LMARGIN", new_y="NEXT")
    with pdf.table(col_widths=(12, 70, 50, 35), headings_style=FontFace()) as table:
        for row in rows:
            cells = table.row()
            for text in row:
                cells.cell(text)
    pdf.multi_cell(0, 8, "青川县人民政府办公室", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "水环境.pdf"))
    parsed = parse_notice(load_file(tmp_path / "水环境.pdf"))

    got = _fields(parsed)
    for number, _, cell, deadline in rows[1:]:
        listed = tuple(cell.split("\n"))  # the units the cell printed, one a line
        assert got[int(number)] == (listed[:1], listed, deadline), number


def test_a_layout_table_follows_the_note_too():
    lines = [
        "备注：责任单位栏排在第一位的为牵头单位。",
        "分类\t具体内容\t牵头部门\t责任单位\t完成时限",
        "一、基础设施\t1. 新建停车场2处\t\t县城市管理局、县交通运输局\t2025年8月底前",
        "\t2. 改造背街小巷10条\t县住房和城乡建设局\t各街道办事处\t2025年11月底前",
    ]
    tasks = extract_tasks("t", lines).tasks

    assert [(t.number, t.lead, t.responsible) for t in tasks] == [
        (1, ("县城市管理局",), ("县城市管理局", "县交通运输局")),
        (2, ("县住房和城乡建设局",), ("各街道办事处",)),
    ]

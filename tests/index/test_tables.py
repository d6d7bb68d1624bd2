"""The general table reader on made-up notices in layouts the bundled five do not have (issue 19)."""

from __future__ import annotations

import logging
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from docx import Document
from fpdf import FPDF
from fpdf.fonts import FontFace

from assistant.cli import cli
from index.build import warn_unplaced
from index.corpus import load_corpus
from index.grids import Cell, Grid
from index.loaders import load_file
from index.notices import parse_notice
from index.tables import read_grid, table_tasks, unread_lines

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

# --- a Word table: other header words, merged lead and deadline cells, a header repeated mid-table ------------

WORD_ROWS = [
    ("序号", "重点任务", "责任领导", "牵头单位", "配合单位", "完成时间"),
    ("一、提升政务服务效能",),
    (
        "1",
        "推行政务服务事项“一网通办”，网上可办率达到95%以上。",
        "王副县长",
        "县行政审批局",
        "县大数据中心",
        "2025年12月底前",
    ),
    ("2", "深化“一件事一次办”改革，新增集成办理事项10项。", "", "", "县政府各部门", ""),
    ("3", "规范政务服务中心窗口设置，推行综合窗口受理。", "", "", "各镇人民政府", "持续推进"),
    ("序号", "重点任务", "责任领导", "牵头单位", "配合单位", "完成时间"),
    ("二、优化市场环境",),
    (
        "4",
        "全面落实公平竞争审查制度，清理妨碍统一市场的政策措施。",
        "李副县长",
        "县市场监管局",
        "县司法局、县发改局",
        "2025年6月底前",
    ),
    (
        "5",
        "开展涉企收费专项检查，纠正违规收费行为。",
        "李副县长",
        "县发改局、县财政局",
        "县市场监管局",
        "2025年9月底前",
    ),
    ("6", "推进工程建设项目审批制度改革。", "张副县长", "县住建局", "县行政审批局", "持续推进"),
    ("", "", "", "县自然资源局", "", ""),
    ("7", "建立企业诉求“接诉即办”机制，诉求办结率达到98%以上。", "张副县长", "县工商联", "县政府各部门", "长期坚持"),
    ("三、强化法治保障",),
    ("8", "开展涉企行政执法专项监督，规范行政检查。", "赵副县长", "县司法局", "县直各执法部门", "2025年11月底前"),
]
# (first row, last row, column) of each vertical merge: 责任领导/牵头单位 over tasks 1-3, 完成时间 over 1-2,
# and task 6 over two rows that differ only in the lead.
WORD_MERGES = [(2, 4, 2), (2, 4, 3), (2, 3, 5), (9, 10, 0), (9, 10, 1), (9, 10, 2), (9, 10, 4), (9, 10, 5)]
WORD_EXPECTED = [
    (1, "推行政务服务事项", ("县行政审批局",), ("县大数据中心",), "2025年12月底前"),
    (2, "深化“一件事一次办”", ("县行政审批局",), ("县政府各部门",), "2025年12月底前"),
    (3, "规范政务服务中心", ("县行政审批局",), ("各镇人民政府",), "持续推进"),
    (4, "全面落实公平竞争", ("县市场监管局",), ("县司法局", "县发改局"), "2025年6月底前"),
    (5, "开展涉企收费", ("县发改局", "县财政局"), ("县市场监管局",), "2025年9月底前"),
    (6, "推进工程建设项目", ("县住建局", "县自然资源局"), ("县行政审批局",), "持续推进"),
    (7, "建立企业诉求", ("县工商联",), ("县政府各部门",), "长期坚持"),
    (8, "开展涉企行政执法", ("县司法局",), ("县直各执法部门",), "2025年11月底前"),
]


def word_notice(path: Path) -> Path:
    doc = Document()
    for text in (
        "青岚县人民政府办公室",
        "青政办发〔2025〕7号",
        "青岚县人民政府办公室关于印发青岚县2025年优化营商环境重点任务分工方案的通知",
        "各镇人民政府，县政府各部门：",
        "现将《青岚县2025年优化营商环境重点任务分工方案》印发给你们，请认真抓好落实。",
    ):
        doc.add_paragraph(text)
    table = doc.add_table(rows=len(WORD_ROWS), cols=6)
    for r, row in enumerate(WORD_ROWS):
        if len(row) == 1:  # a section heading across the table
            table.cell(r, 0).merge(table.cell(r, 5)).text = row[0]
            continue
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for first, last, col in WORD_MERGES:
        table.cell(first, col).merge(table.cell(last, col))
    doc.add_paragraph("青岚县人民政府办公室")
    doc.add_paragraph("2025年2月18日")
    doc.save(path)
    return path


def test_word_table_with_merged_cells_and_other_header_words(tmp_path, check_tasks):
    parsed = parse_notice(load_file(word_notice(tmp_path / "营商环境分工方案.docx")))

    check_tasks(parsed, WORD_EXPECTED)
    by_number = {t.number: t for t in parsed.tasks}
    assert by_number[1].section == ("一、提升政务服务效能",)
    assert by_number[8].section == ("三、强化法治保障",)
    assert by_number[6].end_line == by_number[6].start_line + 1, "task 6's two rows are one task"
    assert "王副县长" in by_number[2].source_text, "a merged cell is repeated in every row's line"
    assert (by_number[2].leader, by_number[8].leader) == ("王副县长", "赵副县长"), "the 责任领导 column is kept"
    assert "leader" in by_number[2].to_json() and "remarks" not in by_number[2].to_json()
    assert parsed.notice.doc_number == "青政办发〔2025〕7号"
    assert {"lead", "responsible", "deadline"} <= parsed.notice.task_fields


# --- a web page: metadata table, <th> header, <br> between units, rowspan, a note on which unit leads ---------

HTML_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>青岚县人民政府</title></head><body>
<div class="top"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/bs">办事服务</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 通知公告</div>
<table class="meta">
<tr><td>索引号</td><td>11610926/2025-00031</td><td>主题分类</td><td>综合政务</td></tr>
<tr><td>发布机构</td><td>青岚县人民政府办公室</td><td>文号</td><td>青政办函〔2025〕19号</td></tr>
<tr><td>成文日期</td><td>2025年04月02日</td><td>发布日期</td><td>2025年04月09日</td></tr>
<tr><td>标题</td><td colspan="3">青岚县人民政府办公室关于做好2025年安全生产大排查工作的通知</td></tr>
</table>
<h1>青岚县人民政府办公室关于做好2025年安全生产大排查工作的通知</h1>
<p>各镇人民政府，县政府各部门：</p>
<p>为深入排查整治安全生产隐患，经县政府同意，现就有关事项通知如下：</p>
<p>一、工作任务</p>
<table border="1">
<tr><th>序号</th><th>工作任务</th><th>责任单位</th><th>完成时限</th></tr>
<tr><td>1</td><td>开展危险化学品企业全覆盖排查，建立隐患台账。</td><td>县应急管理局<br>县公安局<br>各镇人民政府</td>
<td rowspan="2">2025年5月底前</td></tr>
<tr><td>2</td><td>排查城镇燃气管道老化更新改造情况。</td><td>县住建局<br>县市场监管局</td></tr>
<tr><td>3</td><td>开展道路交通安全隐患“清零”行动。</td><td>县公安局<br>县交通运输局</td><td>2025年6月底前</td></tr>
<tr><td>4</td><td>加强汛期地质灾害隐患点巡查。</td><td>县自然资源局</td><td>持续推进</td></tr>
<tr><td>5</td><td>组织学校、医院等人员密集场所消防检查。</td><td>县消防救援大队<br>县教育局<br>县卫健局</td>
<td rowspan="2">2025年9月底前</td></tr>
<tr><td>6</td><td>开展建筑施工领域安全专项整治。</td><td>县住建局<br>县交通运输局<br>县水利局</td></tr>
</table>
<p>注：责任单位中排在第一位的为牵头单位。</p>
<p>二、工作要求</p>
<p>（一）各单位要于每月25日前报送排查进展。联系人：刘某某，电话：0914-1234567。</p>
<p>（二）县应急管理局于5月组织一次全县安全生产培训，培训地点：县政府三楼会议室（青岚县城关街道民主路8号）。</p>
<p>青岚县人民政府办公室</p><p>2025年4月2日</p>
<div class="footer">主办：青岚县人民政府办公室 地址：青岚县民主路8号</div>
</body></html>"""
HTML_EXPECTED = [
    (1, "开展危险化学品企业", ("县应急管理局",), ("县应急管理局", "县公安局", "各镇人民政府"), "2025年5月底前"),
    (2, "排查城镇燃气管道", ("县住建局",), ("县住建局", "县市场监管局"), "2025年5月底前"),
    (3, "开展道路交通安全", ("县公安局",), ("县公安局", "县交通运输局"), "2025年6月底前"),
    (4, "加强汛期地质灾害", ("县自然资源局",), ("县自然资源局",), "持续推进"),
    (5, "组织学校、医院", ("县消防救援大队",), ("县消防救援大队", "县教育局", "县卫健局"), "2025年9月底前"),
    (6, "开展建筑施工领域", ("县住建局",), ("县住建局", "县交通运输局", "县水利局"), "2025年9月底前"),
]


def test_web_page_table_with_rowspan_br_units_and_a_lead_note(tmp_path, check_tasks):
    path = tmp_path / "安全生产大排查.html"
    path.write_text(HTML_PAGE, "utf-8")
    parsed = parse_notice(load_file(path))

    check_tasks(parsed, HTML_EXPECTED)
    notice = parsed.notice
    assert notice.doc_number == "青政办函〔2025〕19号", "文号 from the page's metadata table"
    assert notice.date == "2025-04-02", "成文日期, not 发布日期"
    assert notice.issuer == "青岚县人民政府办公室"
    assert notice.title == "青岚县人民政府办公室关于做好2025年安全生产大排查工作的通知"
    assert "lead" in notice.task_fields


# --- a multi-page PDF: wrapped cells, the header repeated on each page, no responsible-units column ----------

PDF_TASKS = [
    (
        n,
        f"{text}，确保各项工作按期推进并形成可复制可推广的经验做法，每月报送一次工作进展情况，年底前开展一次全面评估。",
        lead,
        due,
    )
    for n, (text, lead, due) in enumerate(
        [
            ("编制全县国土空间总体规划实施方案", "县自然资源局", "2025年3月底前"),
            ("推进城区老旧小区改造12个", "县住建局", "2025年10月底前"),
            ("实施县城供水管网延伸工程", "县水利局", "2025年8月底前"),
            ("完成农村公路危桥改造5座", "县交通运输局", "2025年9月底前"),
            ("建设县域医共体信息平台", "县卫健局", "2025年12月底前"),
            ("推进义务教育学校标准化建设", "县教育局", "持续推进"),
            ("开展重点行业领域信用监管", "县发改局", "长期"),
            ("实施高标准农田建设2万亩", "县农业农村局", "2025年11月底前"),
            ("推进政务数据共享平台建设", "县大数据中心", "2025年6月底前"),
            ("开展养老服务设施提升行动", "县民政局", "2025年12月底前"),
            ("实施文化惠民演出100场", "县文旅局", "每季度"),
            ("推进工业园区污水处理厂提标改造", "县生态环境分局", "2025年7月底前"),
            ("开展全民健身设施补短板工程", "县文旅局", "2025年10月底前"),
            ("完善基层应急物资储备体系", "县应急管理局", "2025年5月底前"),
        ],
        1,
    )
]


class _Paged(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.cell(0, 10, f"- {self.page_no()} -", align="C")


def pdf_notice(path: Path) -> Path:
    pdf = _Paged()
    pdf.add_font("cjk", fname=str(FONT))
    pdf.set_font("cjk", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 8, "青岚县2025年重点项目推进工作任务清单", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 8, "各有关单位要按照任务清单抓好落实。", new_x="LMARGIN", new_y="NEXT")
    with pdf.table(col_widths=(12, 110, 26, 42), headings_style=FontFace(emphasis=None)) as table:
        header = table.row()
        for text in ("序号", "工作内容", "牵头单位", "完成时限"):
            header.cell(text)
        for n, text, lead, due in PDF_TASKS:
            row = table.row()
            for value in (str(n), text, lead, due):
                row.cell(value)
    pdf.multi_cell(0, 8, "青岚县重点项目建设领导小组办公室", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


@pytest.mark.skipif(not FONT.is_file(), reason="needs the CJK font fonts-wqy-microhei (tests/setup.sh installs it)")
def test_multi_page_pdf_table_with_repeated_header(tmp_path, check_tasks):
    path = pdf_notice(tmp_path / "重点项目任务清单.pdf")
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 2, "the fixture's table must run over a page break"
    loaded = load_file(path)
    parsed = parse_notice(loaded)

    assert loaded.text.count("序号\t工作内容") == 1, "the header each page repeats is read once"
    assert "- 2 -" not in loaded.text, "page numbers do not split the table"
    check_tasks(parsed, [(n, text[:12], (lead,), (), due) for n, text, lead, due in PDF_TASKS])
    assert all(t.content == text for t, (_, text, _, _) in zip(parsed.tasks, PDF_TASKS, strict=True)), (
        "wrapped text rejoined"
    )
    assert "responsible" not in parsed.notice.task_fields


# --- smaller shapes ---------------------------------------------------------------------------------------


def _grid(*rows: str) -> Grid:
    return Grid(tuple(tuple(Cell(c, i, i) for c in row.split("|")) for i, row in enumerate(rows, 1)))


def test_two_row_header_under_a_merged_units_cell():
    grid = _grid(
        "序号|任务|责任单位||时限",
        "||牵头单位|配合单位|",
        "1|制定年度立法计划并报审。|县司法局|县政府各部门|2025年3月底前",
    )
    drafts, roles = read_grid(grid)

    assert roles == ["number", "content", "lead", "responsible", "deadline"]
    assert [(d.number, d.fields["lead"], d.fields["responsible"]) for d in drafts] == [
        (1, ["县司法局"], ["县政府各部门"])
    ]


def test_unknown_header_word_gets_its_role_from_the_cells():
    lines = [
        "编号\t工作事项\t承接科室\t办结时间",
        "1\t清理历史遗留档案并数字化。\t县档案馆\t2025年4月底前",
        "2\t完成年度档案移交接收。\t县档案馆、县委办\t2025年12月底前",
    ]
    tasks, fields = table_tasks("t", lines)

    assert [(t.number, t.responsible, t.deadline) for t in tasks] == [
        (1, ("县档案馆",), "2025年4月底前"),
        (2, ("县档案馆", "县委办"), "2025年12月底前"),
    ]
    assert fields == {"responsible", "deadline"}


def test_a_metadata_table_is_no_task_table():
    lines = [
        "索引号\t11610926/2025-00031\t主题分类\t综合政务",
        "发布机构\t青岚县人民政府办公室\t文号\t青政办函〔2025〕19号",
        "成文日期\t2025年04月02日\t发布日期\t2025年04月09日",
    ]
    assert table_tasks("t", lines) == ([], set())


def test_units_column_beside_a_cooperating_column_leads():
    lines = [
        "序号\t工作任务\t责任单位\t配合单位\t完成时限",
        "1\t修订应急预案并组织评审。\t县应急管理局\t县直各部门\t2025年3月底前",
        "2\t开展防汛应急演练两次。\t县水利局、县应急管理局（牵头）\t各镇、各社区\t持续推进",
    ]
    tasks, fields = table_tasks("t", lines)

    assert [(t.lead, t.responsible) for t in tasks] == [
        (("县应急管理局",), ("县直各部门",)),
        (("县水利局", "县应急管理局"), ("各镇", "各社区")),
    ]
    assert fields == {"lead", "responsible", "deadline"}


def test_a_table_continued_without_its_header_keeps_its_columns():
    lines = [
        "序号\t工作任务\t牵头单位\t完成时限",
        "1\t修订应急预案并组织评审。\t县应急管理局\t2025年3月底前",
        "— 2 —",
        "2\t开展防汛应急演练两次。\t县水利局\t持续推进",
    ]
    tasks, _ = table_tasks("t", lines)

    assert [(t.number, t.lead, t.responsible, t.deadline) for t in tasks] == [
        (1, ("县应急管理局",), (), "2025年3月底前"),
        (2, ("县水利局",), (), "持续推进"),
    ]


def test_a_roster_is_no_task_table():
    lines = [
        "序号\t单位\t联系人\t联系电话",
        "1\t县应急管理局\t刘某某\t0914-1234567",
        "2\t县住建局\t王某某\t0914-7654321",
    ]
    assert table_tasks("t", lines) == ([], set())


# --- a grouping column merged down over its detail rows ---------------------------------------------------------


def test_a_task_title_merged_over_its_measures_is_the_section_not_the_content():
    lines = [
        "序号\t重点任务\t具体措施\t牵头单位\t完成时限",
        "一、优化政务服务\t\t\t\t",
        "1\t推进“高效办成一件事”\t梳理企业开办等高频事项清单，实现一次告知、一表申请。\t县行政审批局\t2025年6月底前",
        "2\t推进“高效办成一件事”\t推行帮办代办服务，在政务服务中心设立帮办窗口。\t县行政审批局\t持续推进",
        "3\t提升执法水平\t开展涉企行政执法专项检查，纠正不规范执法行为。\t县司法局\t2025年9月底前",
        "4\t提升执法水平\t推行包容审慎监管，制定轻微违法免罚清单。\t县市场监管局\t2025年12月底前",
    ]
    tasks, _ = table_tasks("t", lines)

    got = [(t.number, t.section, t.content) for t in tasks]
    assert got == [
        (1, ("一、优化政务服务", "推进“高效办成一件事”"), "梳理企业开办等高频事项清单，实现一次告知、一表申请。"),
        (2, ("一、优化政务服务", "推进“高效办成一件事”"), "推行帮办代办服务，在政务服务中心设立帮办窗口。"),
        (3, ("一、优化政务服务", "提升执法水平"), "开展涉企行政执法专项检查，纠正不规范执法行为。"),
        (4, ("一、优化政务服务", "提升执法水平"), "推行包容审慎监管，制定轻微违法免罚清单。"),
    ]
    assert tasks[0].label == "具体措施1"


def test_a_shorter_task_name_beside_its_content_is_the_section():
    lines = [
        "序号\t工作任务\t工作内容\t责任单位\t完成时间",
        "1\t档案数字化\t完成2000年以前文书档案数字化扫描和目录著录。\t县档案馆\t2025年10月底前",
        "2\t安全检查\t对全县国有档案馆库房开展消防和防汛安全检查。\t县档案馆、县消防救援大队\t每季度",
    ]
    tasks, _ = table_tasks("t", lines)

    assert [(t.section, t.content[:6]) for t in tasks] == [
        (("档案数字化",), "完成2000"),
        (("安全检查",), "对全县国有档"),
    ]


def test_a_column_of_outline_headings_is_the_section_even_without_a_header():
    lines = [
        "1\t一、强化组织保障\t成立工作专班，每月召开一次调度会议研究解决问题。\t县发改局\t2025年3月底前",
        "2\t一、强化组织保障\t建立问题台账，实行销号管理并定期通报进展。\t县发改局\t持续推进",
        "3\t二、加强督导考核\t将任务落实情况纳入年度目标责任考核内容。\t县委督查室\t2025年12月底前",
    ]
    tasks, _ = table_tasks("t", lines)

    assert [(t.number, t.section, t.content[:4], t.lead or t.responsible) for t in tasks] == [
        (1, ("一、强化组织保障",), "成立工作", ("县发改局",)),
        (2, ("一、强化组织保障",), "建立问题", ("县发改局",)),
        (3, ("二、加强督导考核",), "将任务落", ("县委督查室",)),
    ]


# --- what looks like a task table but gave no task is reported ---------------------------------------------------

UNREAD_NOTICE = """\
青岚县人民政府办公室关于做好2025年防汛工作的通知
各镇人民政府，县政府各部门：
一、工作任务
1. 县应急管理局负责修订县级防汛应急预案，2025年4月底前完成。
2. 县水利局牵头开展汛前隐患排查，建立问题台账，5月底前完成。
3. 县气象局负责做好汛期天气预报预警，持续推进。
二、工作要求
各单位要高度重视，按时报送进展。
"""


def test_numbered_lines_naming_units_and_deadlines_that_gave_no_task_are_reported(tmp_path, caplog):
    path = tmp_path / "防汛.txt"
    path.write_text(UNREAD_NOTICE, "utf-8")
    corpus = load_corpus([path])
    (parsed,) = corpus.notices

    assert parsed.tasks == [] and parsed.unread == [4, 5, 6]
    with caplog.at_level(logging.WARNING, logger="index.build"):
        warn_unplaced(corpus, parsed.notice.doc_id)
    assert "lines 4-6 look like a task table" in caplog.text
    for command in (["tasks"], ["tasks", "--json"], ["notices"]):
        result = CliRunner().invoke(cli, ["--notices", str(path), *command])
        assert result.exit_code == 0, result.output
        assert "lines 4-6 look like a task table" in result.stderr, command


def test_a_header_printed_one_cell_per_line_with_no_task_after_it_is_reported():
    lines = [
        "通知",
        "序号",
        "工作任务",
        "牵头单位",
        "完成时间",
        "1",
        "修订县级防汛应急预案。",
        "县应急管理局",
        "4月底前",
    ]
    assert unread_lines(lines, []) == (2, 3, 4, 5)


def test_tables_that_gave_tasks_rosters_and_prose_are_not_reported():
    roster = [
        "序号\t单位\t联系人\t联系电话",
        "1\t县应急管理局\t刘某某\t0914-1234567",
        "2\t县住建局\t王某某\t0914-7654321",
    ]
    table = ["序号\t工作任务\t牵头单位\t完成时间", "1\t修订县级防汛应急预案并组织专家评审。\t县应急管理局\t4月底前"]
    prose = ["一、总体要求", "1. 提高认识。", "2. 加强领导，各镇要明确专人负责。", "3. 按时报送。"]
    assert unread_lines(roster, []) == ()
    assert unread_lines(table, table_tasks("t", table)[0]) == ()
    assert unread_lines(prose, []) == ()


def test_a_remarks_column_is_kept_on_the_task_and_bundled_tasks_have_no_such_keys(corpus):
    lines = [
        "序号\t工作任务\t牵头单位\t完成时间\t备注",
        "1\t修订县级防汛应急预案并组织专家评审。\t县应急管理局\t4月底前\t报县政府审定",
        "2\t开展汛前隐患排查，建立问题台账。\t县水利局\t5月底前\t",
    ]
    tasks, _ = table_tasks("t", lines)

    assert [t.remarks for t in tasks] == ["报县政府审定", None]
    assert not any({"leader", "remarks"} & set(t.to_json()) for t in corpus.tasks())


def test_a_word_task_title_merged_over_its_measures_is_the_section(tmp_path, check_tasks):
    rows = [
        ("序号", "主要任务", "工作措施", "责任单位", "完成时限"),
        ("1", "深化“放管服”改革", "全面推行证明事项告知承诺制，公布告知承诺事项清单。", "县司法局", "2025年6月底前"),
        ("2", "深化“放管服”改革", "推进涉企经营许可事项全覆盖清单管理。", "县市场监管局", "2025年9月底前"),
        ("3", "深化“放管服”改革", "压减工程建设项目审批时间至60个工作日以内。", "县住建局", "持续推进"),
        ("4", "优化要素保障", "建立重点项目用地保障台账，实行挂图作战。", "县自然资源局", "2025年12月底前"),
    ]
    doc = Document()
    doc.add_paragraph("青岚县人民政府办公室关于印发2025年优化营商环境工作措施的通知")
    table = doc.add_table(rows=len(rows), cols=5)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if not (c == 1 and r in (2, 3)):  # the task title is written once, in the merged cell
                table.cell(r, c).text = text
    table.cell(1, 1).merge(table.cell(3, 1))
    path = tmp_path / "措施.docx"
    doc.save(path)
    parsed = parse_notice(load_file(path))

    check_tasks(
        parsed,
        [
            (1, "全面推行证明事项", (), ("县司法局",), "2025年6月底前"),
            (2, "推进涉企经营许可", (), ("县市场监管局",), "2025年9月底前"),
            (3, "压减工程建设项目", (), ("县住建局",), "持续推进"),
            (4, "建立重点项目用地", (), ("县自然资源局",), "2025年12月底前"),
        ],
    )
    assert [t.section for t in parsed.tasks] == [("深化“放管服”改革",)] * 3 + [("优化要素保障",)]

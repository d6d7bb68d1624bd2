"""Each task layout on a small made-up notice written here, and the registry that runs them all."""

from __future__ import annotations

import logging

import pytest
from click.testing import CliRunner

from assistant.cli import cli
from index.build import spans, warn_unplaced
from index.corpus import load_corpus
from index.layouts import REGISTRY, get, register
from index.layouts.cells import read_header
from index.layouts.words import words
from index.records import Task
from index.roles import header_role
from index.tasks import extract_tasks

T = "\t"


def parse(name: str, text: str):
    return get(name).parse("made-up", text.split("\n"))


def fields(t: Task) -> tuple:
    return (t.label, t.number, t.content, t.lead, t.responsible, t.deadline, t.start_line, t.end_line)


# --- tab table ------------------------------------------------------------------------------------------------------

TAB_TABLE = "\n".join(
    [
        "测试县2024年重点工作任务清单",  # 1
        "",
        T.join(["分类", "具体内容", "牵头部门", "责任单位", "完成时限"]),  # 3
        T.join(["一、制度建设", "1. 清理规范性文件。", "县司法局", "各镇", "2024年6月底前"]),  # 4
        T.join(["", "2. 公开权责清单。", "", "县政府各部门、各单位", ""]),  # 5: lead and deadline merged from above
        T.join(["", "<p>3. 培训执法人员。</p><p>4. 考核执法人员。</p>", "县人社局", "各镇", "长期"]),  # 6: merged rows
        T.join(["分类", "具体内容", "牵头部门", "责任单位", "完成时限"]),  # 7: the header repeated on a new page
        T.join(["二、执法监督", "5. 开展执法检查。", "县市场监管局", "各镇", "每年3月底前"]),  # 8
        T.join(["", "0. 说明：以下各项按季度报送。", "县司法局", "", ""]),  # 9: numbered 0, no task
        T.join(["", "各单位每季度报送进展。", "", "", ""]),  # 10: text, no number
        "",
        "各镇、各部门要抓好落实。",  # 12: prose ends the table
        T.join(["", "6. 不在表内。", "县司法局", "各镇", "长期"]),  # 13: no header above: no task
    ]
)


def test_tab_table_reads_rows_merged_cells_and_repeated_headers():
    result = parse("tab-table", TAB_TABLE)
    got = [fields(t) for t in result.tasks]
    assert got == [
        ("1.", 1, "清理规范性文件。", ("县司法局",), ("各镇",), "2024年6月底前", 4, 4),
        ("2.", 2, "公开权责清单。", ("县司法局",), ("县政府各部门、各单位",), "2024年6月底前", 5, 5),
        ("3.", 3, "培训执法人员。", ("县人社局",), ("各镇",), "长期", 6, 6),
        ("4.", 4, "考核执法人员。", ("县人社局",), ("各镇",), "长期", 6, 6),
        ("5.", 5, "开展执法检查。", ("县市场监管局",), ("各镇",), "每年3月底前", 8, 8),
    ]
    assert result.tasks[4].section == ("二、执法监督",)
    assert result.fields == {"lead", "responsible", "deadline"}


def test_a_row_numbered_0_is_reported_not_raised():
    result = parse("tab-table", TAB_TABLE)  # Task(number=0) would raise ValueError and fail the whole index
    assert result.unplaced == (9, 10)
    assert {3, 4, 5, 6, 7, 8} <= result.placed_lines and not {9, 10, 12, 13} & result.placed_lines


def test_header_rows_are_recognised_by_column_roles_from_the_data_files():
    # The bundled layouts read the bundled notices' header words (data/layouts.toml) ...
    bundled = read_header(["分类", "具体内容", "牵头部门", "责任单位", "完成时限"])
    assert bundled is not None and bundled.content_name == "具体内容"
    assert bundled.trailing == ("lead", "responsible", "deadline")
    assert {name: words().column_role(name) for name in ("分类", "一级指标", "牵头单位", "具体资料报送")} == {
        "分类": "section",
        "一级指标": "section",
        "牵头单位": "lead",
        "具体资料报送": "materials",
    }
    assert read_header(["分类", "工作任务", "备注"]) is None, "no column says who or when"
    # ... any other header goes to the general reader, whose roles come from data/column_roles.toml.
    assert read_header(["序号", "工作任务", "主责单位", "配合单位", "责任领导", "时间节点", "备注"]) is None
    expected = {
        "主责单位": "lead",
        "协办单位": "responsible",
        "责任领导": "leader",
        "分管领导": "leader",
        "完成时间": "deadline",
        "时间节点": "deadline",
        "时限要求": "deadline",
        "进度安排": "deadline",
        "备注": "remarks",
        "序号": "number",
    }
    assert {name: header_role(name) for name in expected} == expected


def test_a_number_column_and_other_header_words_give_the_same_task_record():
    text = "\n".join(
        [
            T.join(["序号", "工作任务", "主责单位", "配合单位", "责任领导", "时间节点", "备注"]),
            T.join(["1", "建立台账", "县司法局", "各镇 各部门", "王副县长", "2024年5月", "无"]),
        ]
    )
    (task,) = extract_tasks("t", text.split("\n")).tasks
    assert fields(task) == ("工作任务1", 1, "建立台账", ("县司法局",), ("各镇", "各部门"), "2024年5月", 2, 2)


# --- one cell per line ----------------------------------------------------------------------------------------------

VERTICAL_TABLE = "\n".join(
    [
        "测试区任务分工",  # 1
        "",
        f"{T}一级",  # 3: a header cell wrapped onto the next line
        "指标",
        f"{T}二级指标",
        f"{T}评价指标",
        f"{T}牵头单位",
        f"{T}责任单位",
        "",
        f"{T}一、加强党的领导",  # 10
        f"{T}（一）落实责任",
        f"{T}1 ",
        f"{T}每年3月1日前报告",
        "上年度工作情况。",  # a cell's text continued on a line of its own
        f"{T}区司法局",
        f"{T}区政府各部门",
        "",
        f"{T}",  # 18: the section cells merged from above
        f"{T}",
        f"{T}2 ",
        f"{T}组织专题学习。",
        f"{T}区委办",
        f"{T}各街道",
        "",
        f"{T}备注：以上为重点任务。",  # 25: text, no number
    ]
)


def test_vertical_table_reads_one_cell_per_line():
    result = parse("vertical-table", VERTICAL_TABLE)
    assert [fields(t) for t in result.tasks] == [
        ("评价指标1", 1, "每年3月1日前报告上年度工作情况。", ("区司法局",), ("区政府各部门",), None, 10, 16),
        ("评价指标2", 2, "组织专题学习。", ("区委办",), ("各街道",), None, 18, 23),
    ]
    assert result.tasks[1].section == ("一、加强党的领导", "（一）落实责任")
    assert result.tasks[0].dates == ("每年3月1日前",)
    assert result.unplaced == (25,)
    assert parse("tab-table", VERTICAL_TABLE).tasks == [], "the tab-table layout leaves these rows alone"


# --- labelled blocks ------------------------------------------------------------------------------------------------

LABELLED = "\n".join(
    [
        "一、行政执法方面",  # 1
        "存在问题1：执法不规范。",  # 2
        "工作举措：开展案卷评查。",
        "牵头单位：县司法局",
        "责任单位：县政府各部门",
        "完成时限：2024年12月31日前",  # 6
        "",
        "存在问题2：",  # 8
        "复议能力不足。",
        "主责单位：县司法局",
        "时间节点：长期坚持",  # 11
        "以上问题要逐项整改。",  # text after the field lines belongs to no item
        "问题0：总体情况。",  # 13
        "牵头单位：县政府办",
        "存在问题3：没有字段的问题。",  # no field line: prose
    ]
)


def test_labelled_blocks_read_each_field_line():
    result = parse("labelled-blocks", LABELLED)
    assert [fields(t) for t in result.tasks] == [
        (
            "存在问题1",
            1,
            "执法不规范。\n工作举措：开展案卷评查。",
            ("县司法局",),
            ("县政府各部门",),
            "2024年12月31日前",
            2,
            6,
        ),
        ("存在问题2", 2, "\n复议能力不足。", ("县司法局",), (), "长期坚持", 8, 11),
    ]
    assert result.tasks[0].section == ("一、行政执法方面",)
    assert result.unplaced == (13, 14), "an item numbered 0 is reported, not raised"


# --- numbered paragraphs --------------------------------------------------------------------------------------------

PARAGRAPHS = "\n".join(
    [
        "一、总体要求",  # 1
        "",
        "（一）坚持依法行政。这是一条原则，不是任务。",  # 3: no tag: prose
        "",
        "二、重点任务",  # 5
        "",
        "（一）推进机构职能优化。完善权责清单。[责任单位：市委编办、市政府办公室，各县（市、区）政府]",  # 7
        "",
        "（二）提升执法质量。2024年底前完成评查。",  # 9: a paragraph over two lines
        "【牵头单位：市司法局】",
        "",
        "（三）健全监督机制。[完成时限：长期]",  # 12: a deadline tag alone makes no task
    ]
)


def test_numbered_paragraphs_are_tasks_only_with_a_responsibility_tag():
    result = parse("numbered-paragraphs", PARAGRAPHS)
    assert [fields(t) for t in result.tasks] == [
        (
            "（一）",
            1,
            "推进机构职能优化。完善权责清单。",
            (),
            ("市委编办", "市政府办公室", "各县（市、区）政府"),
            None,
            7,
            7,
        ),
        ("（二）", 2, "提升执法质量。2024年底前完成评查。", ("市司法局",), (), None, 9, 10),
    ]
    assert result.tasks[1].section == ("二、重点任务",) and result.tasks[1].dates == ("2024年底前",)
    assert result.fields == {"lead", "responsible"}


# --- all layouts ----------------------------------------------------------------------------------------------------


def test_the_registry_runs_every_layout_and_merges_in_source_order():
    assert list(REGISTRY) == ["tab-table", "vertical-table", "labelled-blocks", "numbered-paragraphs"]
    text = "\n".join([LABELLED, "", PARAGRAPHS, "", TAB_TABLE])
    table = extract_tasks("made-up", text.split("\n"))
    assert [t.start_line for t in table.tasks] == sorted(t.start_line for t in table.tasks)
    assert len(table.tasks) == 2 + 2 + 5
    assert table.fields == {"lead", "responsible", "deadline"}
    offset = len(LABELLED.split("\n")) + 1 + len(PARAGRAPHS.split("\n")) + 1
    assert table.unplaced == (13, 14, offset + 9, offset + 10)


def test_a_layout_name_is_registered_once():
    with pytest.raises(ValueError, match="tab-table"):
        register(get("tab-table"))
    with pytest.raises(ValueError, match="no layout named 'nope'"):
        get("nope")


# --- unplaced lines are reported ------------------------------------------------------------------------------------


@pytest.fixture
def made_up_corpus(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(TAB_TABLE, encoding="utf-8")
    return path, load_corpus([path])


def test_unplaced_lines_are_kept_on_the_parsed_notice_and_listed_by_the_cli(made_up_corpus):
    path, corpus = made_up_corpus
    (parsed,) = corpus.notices
    assert parsed.unplaced == [9, 10] and len(parsed.tasks) == 5
    result = CliRunner().invoke(cli, ["--notices", str(path), "tasks", "--unplaced"])
    assert result.exit_code == 0, result.output
    doc_id = parsed.notice.doc_id
    assert result.output.splitlines() == [
        f"{doc_id}:9\t{T}0. 说明：以下各项按季度报送。{T}县司法局{T}{T}",
        f"{doc_id}:10\t{T}各单位每季度报送进展。{T}{T}{T}",
    ]


def test_unplaced_lines_are_a_warning_when_the_notice_is_indexed(made_up_corpus, caplog):
    _, corpus = made_up_corpus
    with caplog.at_level(logging.WARNING, logger="index.build"):
        warn_unplaced(corpus, corpus.doc_ids[0])
    assert "9-10" in caplog.text and "--unplaced" in caplog.text
    assert spans([3, 4, 5, 9, 11, 12]) == "3-5, 9, 11-12"


def test_the_bundled_notices_have_no_unplaced_lines(corpus):
    assert {p.notice.doc_id: p.unplaced for p in corpus.notices if p.unplaced} == {}

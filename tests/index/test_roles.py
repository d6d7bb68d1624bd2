"""Column roles from header words (data/column_roles.toml) and from what cells hold."""

from __future__ import annotations

import pytest

from index.roles import (
    LeadNote,
    cell_kind,
    header_role,
    header_roles,
    infer_roles,
    is_deadline,
    lead_note,
    number_of,
    settle_units,
)


@pytest.mark.parametrize(
    "header, role",
    [
        ("序号", "number"),
        ("序 号", "number"),
        ("牵头单位", "lead"),
        ("牵头部门", "lead"),
        ("主责单位", "lead"),
        ("责任单位", "responsible"),
        ("配合单位", "responsible"),
        ("协办单位", "responsible"),
        ("责任领导", "leader"),
        ("分管领导", "leader"),
        ("牵头领导", "leader"),
        ("完成时限", "deadline"),
        ("完成时间", "deadline"),
        ("时间节点", "deadline"),
        ("时限要求", "deadline"),
        ("进度安排", "deadline"),
        ("重点任务", "content"),
        ("工作任务", "content"),
        ("具体措施", "content"),
        ("主要内容", "content"),
        ("备注", "remarks"),
        ("类别", "section"),
        ("完成时限（年月）", "deadline"),
        ("联系电话", None),
        ("责任单位（牵头）", "lead"),
        ("责任单位（排名第一的为牵头单位）", "responsible"),
        ("重点工作", "content"),
    ],
)
def test_header_role(header, role):
    assert header_role(header) == role


def test_header_row_needs_roles_that_say_who_or_when():
    assert header_roles(["序号", "重点任务", "责任领导", "牵头单位", "配合单位", "完成时间"]) == [
        "number",
        "content",
        "leader",
        "lead",
        "responsible",
        "deadline",
    ]
    assert header_roles(["序号", "任务", "备注"]) is None  # who and when unknown: no task table
    assert header_roles(["1", "重点任务", "牵头单位"]) is None  # a number is a value, not a header


@pytest.mark.parametrize(
    "cell, kind",
    [
        ("3", "number"),
        ("（三）", "number"),
        ("12.", "number"),
        ("县发改局、县财政局", "units"),
        ("各镇人民政府 县直各部门", "units"),
        ("2025年6月底前", "deadline"),
        ("持续推进", "deadline"),
        ("长期", "deadline"),
        ("每季度", "deadline"),
        ("开展涉企收费专项检查，纠正违规收费行为。", "text"),
        ("", None),
    ],
)
def test_cell_kind(cell, kind):
    assert cell_kind(cell) == kind


def test_headerless_columns_from_cells():
    rows = [
        ["1", "修订应急预案并组织评审", "县应急局", "县直各部门", "2025年3月底前"],
        ["2", "开展防汛应急演练两次", "县水利局", "各镇人民政府", "2025年6月底前"],
    ]
    assert infer_roles(rows) == ["number", "content", "lead", "responsible", "deadline"]


@pytest.mark.parametrize(
    "note, expected",
    [
        ("注：责任单位中排在第一位的为牵头单位。", LeadNote(first=True)),
        ("（列第一位的单位为牵头单位）", LeadNote(first=True)),
        ("责任单位中排在首位的单位负责牵头。", LeadNote(first=True)),
        ("牵头单位列于首位。", LeadNote(first=True)),
        ("注：标注★的为牵头单位。", LeadNote(mark="★")),
        ("牵头单位要履行牵头职责。", LeadNote()),
    ],
)
def test_lead_note(note, expected):
    assert lead_note(["序号\t任务", note]) == expected


def test_settle_units():
    units = ("县财政局", "★县发改局", "各镇")
    assert settle_units((), units, LeadNote(mark="★")) == (("县发改局",), ("县财政局", "各镇"))
    assert settle_units((), units[::2], LeadNote(first=True)) == (("县财政局",), ("县财政局", "各镇"))
    assert settle_units((), ("县水利局（牵头）", "各镇"), LeadNote()) == (("县水利局",), ("各镇",))
    assert settle_units(("县水利局",), ("各镇",), LeadNote(first=True)) == (("县水利局",), ("各镇",))


def test_numbers_and_deadlines():
    assert number_of("第3项") == 3 and number_of("十二") == 12 and number_of("县发改局") is None
    assert is_deadline("2025年12月31日前") and is_deadline("6月底前") and not is_deadline("县发改局")

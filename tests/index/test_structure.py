"""The lines found once when a notice is parsed: 文号, issuer, title, 主送, date lines, rosters and numbered lists."""

from __future__ import annotations

from index.records import LineText, NumberedList, Roster
from index.structure import date_lines, line_of, numbered_lists, recipients_line, rosters

NOTICE = [
    "测试县人民政府办公室",  # 1
    "测政办发〔2024〕3号",  # 2
    "各镇人民政府，县政府各部门：",  # 3
    "为做好创建工作，3月2日，县政府印发了方案。现通知如下：",  # 4
    "",
    "一、领导小组",  # 6
    "组  长：王 丽 县长",  # 7: a roster entry that runs on
    "副组长：张三 副县长",  # 8
    "        李四 副县长",
    "成  员：县司法局局长",  # 10: runs on over 11 and 12, a blank line between
    "        县财政局局长",
    "",
    "        县审批局局长",
    "办公室设在县司法局。",  # 14: a sentence ends the roster
    "二、工作安排",  # 15
    "以“三个一”活动为重点：",  # 16: introduces the list below
    "",
    "1. 开展一次调研。由领导小组组织。",  # 18
    "2. 开展一次评查；每季度一次",
    "   评查结果通报。",  # 20: a wrapped item
    "3. 开展一次培训。",  # 21
    "5. 不是下一项。",  # 22: the numbering breaks: the list ends
    "2024年3月5日",  # 23
]


def test_head_lines():
    assert line_of(NOTICE, "测政办发〔2024〕3号", 25) == LineText(2, "测政办发〔2024〕3号")
    assert line_of(NOTICE, "组长：王丽") == LineText(7, "组  长：王 丽 县长"), "spaces are ignored"
    assert line_of(NOTICE, "不在通知里") is None
    assert recipients_line(NOTICE) == LineText(3, "各镇人民政府，县政府各部门：")
    assert date_lines(NOTICE, "2024-03-05") == (
        LineText(23, "2024年3月5日"),
        LineText(4, "为做好创建工作，3月2日，县政府印发了方案。"),
    )
    assert date_lines(NOTICE, None) == ()


def test_rosters_run_on_over_lines_without_a_label():
    assert rosters(NOTICE) == [Roster(8, 9, "副组长：张三 副县长"), Roster(10, 13, "成  员：县司法局局长")]


def test_numbered_lists_start_at_1_and_stop_where_the_numbering_breaks():
    assert numbered_lists(NOTICE) == [
        NumberedList(
            16,
            (
                LineText(18, "1. 开展一次调研。"),
                LineText(19, "2. 开展一次评查；"),
                LineText(21, "3. 开展一次培训。"),
            ),
        )
    ]

"""Labelled metadata at a notice's head: metadata-table cells and `label：value` lines."""

from __future__ import annotations

from index.metatable import HeadFields, head_fields


def test_metadata_table_cells():
    lines = [
        "首页 > 政务公开 > 通知公告",
        "索引号\t11610926/2025-00031\t主题分类\t综合政务",
        "发布机构\t青岚县人民政府办公室\t文号\t青政办函〔2025〕19号",
        "成文日期\t2025年04月02日\t发布日期\t2025-04-09",
    ]
    assert head_fields(lines + ["标题\t关于做好安全生产大排查工作的通知\t\t"]) == HeadFields(
        "青政办函〔2025〕19号", "2025-04-02", "2025-04-09", "青岚县人民政府办公室", "关于做好安全生产大排查工作的通知"
    )


def test_labelled_lines():
    lines = ["发文字号：青政发〔2025〕3号  成文日期：2025年1月6日", "发布时间：2025-01-08 来源：青岚县政府"]
    assert head_fields(lines) == HeadFields("青政发〔2025〕3号", "2025-01-06", "2025-01-08", None)


def test_no_number_is_none():
    assert head_fields(["文号：无", "关于做好春节期间安全工作的通知"]).doc_number is None

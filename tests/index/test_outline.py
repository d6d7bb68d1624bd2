"""Outline items carrying their fields in the text: 1. …（牵头单位：…；责任单位：…；完成时限：…）"""

from __future__ import annotations

import pytest

from index.loaders import load_file
from index.notices import parse_notice
from index.outline import outline_tasks, parse_fields, trailing_fields

OUTLINE = """青岚县2025年农村人居环境整治提升工作要点

为持续改善农村人居环境，现提出如下工作要点。

一、农村厕所革命
（一）巩固户厕改造成果
1. 开展农村户厕问题摸排整改，整改率达到100%。（牵头单位：县农业农村局；责任单位：各镇人民政府；完成时限：2025年6月底前）
2. 推进农村公厕规范化管护，落实管护人员和经费。（牵头单位：县农业农村局；责任单位：县财政局、各镇人民政府）
（二）推进粪污资源化利用
3. 因地制宜推广粪污就地就近还田利用模式。（县农业农村局牵头，县生态环境分局配合，2025年10月底前完成）
二、农村生活垃圾和污水治理
（一）垃圾治理
4. 完善“户分类、村收集、镇转运、县处理”体系。（牵头单位：县住建局；责任单位：各镇人民政府；完成时限：持续推进）
5. 开展农村垃圾分类试点，每个镇至少打造1个示范村，并建立健全考核评价和长效管护
机制。（牵头单位：县住建局；责任单位：各镇人民政府；完成时限：2025年12月底前）
（二）污水治理
6. 推进农村生活污水治理，新增治理行政村8个。（县生态环境分局牵头，县住建局、县水利局配合，2025年11月底前完成）
7. 开展农村黑臭水体排查整治。（县生态环境分局负责）
三、村容村貌提升
8. 开展村庄清洁行动，每季度组织一次集中评比。（牵头单位：县农业农村局；责任单位：各镇人民政府；完成时限：每季度）
9. 加强农村公共空间治理。（牵头单位：县自然资源局、县住建局；责任单位：各镇人民政府；完成时限：2025年9月底前）
四、保障措施
（一）加强组织领导。各镇要成立工作专班，主要负责同志亲自抓、负总责。
（二）强化资金保障。县财政局要统筹安排资金（含上级补助资金），确保工作顺利推进。
（三）严格督导考核。县委督查室、县政府督查室定期开展督导。

青岚县农村人居环境整治工作领导小组办公室
2025年3月1日
"""
TOWNS = ("各镇人民政府",)
EXPECTED = [
    (1, "开展农村户厕问题", ("县农业农村局",), TOWNS, "2025年6月底前"),
    (2, "推进农村公厕", ("县农业农村局",), ("县财政局", "各镇人民政府"), None),
    (3, "因地制宜推广粪污", ("县农业农村局",), ("县生态环境分局",), "2025年10月底前"),
    (4, "完善“户分类", ("县住建局",), TOWNS, "持续推进"),
    (5, "开展农村垃圾分类试点", ("县住建局",), TOWNS, "2025年12月底前"),
    (6, "推进农村生活污水", ("县生态环境分局",), ("县住建局", "县水利局"), "2025年11月底前"),
    (7, "开展农村黑臭水体", (), ("县生态环境分局",), None),
    (8, "开展村庄清洁行动", ("县农业农村局",), TOWNS, "每季度"),
    (9, "加强农村公共空间", ("县自然资源局", "县住建局"), TOWNS, "2025年9月底前"),
]


def test_outline_with_fields_in_a_closing_parenthesis(tmp_path, check_tasks):
    path = tmp_path / "人居环境整治工作要点.txt"
    path.write_bytes(OUTLINE.encode("gbk"))
    parsed = parse_notice(load_file(path))

    check_tasks(parsed, EXPECTED)
    by_number = {t.number: t for t in parsed.tasks}
    assert by_number[5].end_line == by_number[5].start_line + 1, "item 5 is wrapped over two lines"
    assert by_number[5].content.endswith("长效管护机制。")
    assert by_number[1].section == ("一、农村厕所革命", "（一）巩固户厕改造成果")
    assert by_number[8].section == ("三、村容村貌提升",)
    assert {"lead", "responsible", "deadline"} <= parsed.notice.task_fields


@pytest.mark.parametrize(
    "text, content, fields",
    [
        ("做好信息报送。[牵头：县政府办]", "做好信息报送。", {"lead": ("县政府办",)}),
        (
            "做好信息报送。（县政府办、县大数据中心负责）",
            "做好信息报送。",
            {"responsible": ("县政府办", "县大数据中心")},
        ),
        (
            "做好信息报送。责任单位：县政府办；完成时限：每月5日前",
            "做好信息报送。",
            {"responsible": ("县政府办",), "deadline": "每月5日前"},
        ),
        ("开展评估（2024—2025年）", None, None),
        ("开展评估（详见附件2）", None, None),
    ],
)
def test_trailing_fields(text, content, fields):
    found = trailing_fields(text)
    assert (found is None) if fields is None else (found == (content, fields)), found


def test_numbered_prose_without_fields_stays_prose():
    lines = ["二、基本原则", "1. 坚持问题导向。聚焦群众反映强烈的问题。", "2. 坚持系统观念（统筹推进）。"]
    assert outline_tasks("t", lines) == ([], set())


def test_a_bracket_with_other_words_is_no_fields():
    assert parse_fields("含上级补助资金") is None
    assert parse_fields("县财政局牵头，确保资金到位") is None


def test_fields_wrapped_inside_the_bracket_and_a_lead_note():
    lines = [
        "注：责任单位排在第一位的为牵头单位。",
        "一、重点任务",
        "1. 开展消防安全专项检查。（责任单位：县消防救援大队、各镇人民政府；",
        "完成时限：2025年5月底前）",
        "2. 排查整治燃气安全隐患。（由县住建局牵头，县市场监管局配合）",
    ]
    tasks, fields = outline_tasks("t", lines)

    assert [(t.number, t.lead, t.responsible, t.deadline, t.end_line) for t in tasks] == [
        (1, ("县消防救援大队",), ("县消防救援大队", "各镇人民政府"), "2025年5月底前", 4),
        (2, ("县住建局",), ("县市场监管局",), None, 5),
    ]
    assert fields == {"lead", "responsible", "deadline"}


def test_fields_on_lines_of_their_own():
    lines = [
        "1. 推进老旧小区改造。",
        "牵头单位：县住建局",
        "责任单位：城关街道",
        "完成时限：2025年10月底前",
        "2. 开展燃气管道更新。",
        "责任单位：县住建局",
        "各单位要高度重视。",
    ]
    tasks, _ = outline_tasks("t", lines)

    assert [(t.number, t.content, t.lead, t.responsible, t.deadline, t.end_line) for t in tasks] == [
        (1, "推进老旧小区改造。", ("县住建局",), ("城关街道",), "2025年10月底前", 4),
        (2, "开展燃气管道更新。", (), ("县住建局",), None, 6),
    ]


def test_one_bracketed_aside_in_prose_is_no_task():
    lines = [
        "二、工作要求",
        "（一）各单位要于每月25日前报送排查进展。",
        "（二）5月组织一次全县安全生产培训（县应急管理局负责）。",
    ]
    assert outline_tasks("t", lines) == ([], set())

"""The task table of each bundled notice, checked field by field against what the notice prints."""

from __future__ import annotations

import pytest

from index.layouts.cells import split_units
from index.records import Task
from index.text import dates_in

COUNTS = {"zhashui-2024": 22, "weinan-2024": 25, "changjiang-2024": 41, "yiyang-2024": 16, "lingchuan-2022": 100}

ZS_RESP = ("各镇(办)", "县政府各部门、各单位")
CJ_RESP = ("区政府各部门", "各乡（镇）街道")
CJ_EXEC = ("区政府各行政执法部门", "各乡（镇）街道")
YY_RESP = ("各乡镇人民政府", "街道办事处", "县政府各部门")
LONG = "2024年12月31日前取得阶段性成效,长期坚持"

# (doc_id, kind, number, label, content starts with, lead, responsible, deadline)
EXPECTED = [
    ("zhashui-2024", "task", 1, "1.", "配合完成省、市地方性法规", ("县司法局",), ZS_RESP, "2024年12月底前"),
    ("zhashui-2024", "task", 2, "2.", "贯彻落实《陕西省重大行政决策", ("县司法局",), ZS_RESP, "2024年4月底前"),
    ("zhashui-2024", "task", 3, "3.", "行政规范性文件合法性审查率", ("县司法局",), ZS_RESP, "每年3月底前"),
    ("zhashui-2024", "task", 4, "4.", "全面推行行政执法事项清单制度", ("县司法局",), ZS_RESP, "2024年底前"),
    ("zhashui-2024", "task", 5, "5.", "聚焦人民群众反映强烈的运动式执法", ("县司法局",), ZS_RESP, "2024年6月底前"),
    ("zhashui-2024", "task", 7, "7.", "规范行政执法检查工作", ("县市场监管局",), ZS_RESP, "长期"),
    ("zhashui-2024", "task", 9, "9.", "加强执法投诉举报监督", ("县审批局", "县司法局"), ZS_RESP, "长期"),
    ("zhashui-2024", "task", 12, "12.", "加强行政复议案件分析研判", ("县司法局",), ZS_RESP, "每年最少发布1次"),
    ("zhashui-2024", "task", 13, "13.", "加强行政复议队伍及场所规范化建设", ("县司法局",), ("县司法局",), "长期"),
    ("zhashui-2024", "task", 14, "14.", "行政机关负责人出庭应诉率达到100%", ("县司法局",), ZS_RESP, "长期"),
    ("zhashui-2024", "task", 15, "15.", "开展行政机关领导干部旁听庭审活动", ("县司法局",), ZS_RESP, "长期"),
    ("zhashui-2024", "task", 16, "16.", "建设法院、府检联动工作机制", ("县司法局",), ZS_RESP, "长期"),
    ("zhashui-2024", "task", 17, "17.", "每季度对行政机关负责人出庭应诉", ("县司法局",), ZS_RESP, "长期"),
    ("zhashui-2024", "task", 18, "18.", "全面加强行政许可事项清单管理", ("县审批局",), ZS_RESP, "长期"),
    ("zhashui-2024", "task", 19, "19.", "聚焦与企业和群众生产生活密切相关", ("县审批局",), ZS_RESP, "长期"),
    ("zhashui-2024", "task", 20, "20.", "配合完善《陕西省政府信息公开答复示范文本》", ("县政府办",), ZS_RESP, "长期"),
    (
        "zhashui-2024",
        "task",
        22,
        "22.",
        "充分发挥县、镇、村三级法律顾问的作用",
        ("县政府办", "县司法局"),
        ZS_RESP,
        "长期",
    ),
    (
        "weinan-2024",
        "task",
        1,
        "(一)",
        "推进政府机构职能协调高效",
        (),
        (
            "市委编办",
            "市政府办公室",
            "市发展改革委",
            "市行政审批局",
            "市市场监管局",
            "市政府有关部门",
            "各县(市、区)政府",
        ),
        None,
    ),
    ("weinan-2024", "task", 4, "(四)", "完善立法工作机制", (), ("市司法局", "市政府有关部门"), None),
    (
        "weinan-2024",
        "task",
        10,
        "(十)",
        "提升行政执法质量",
        (),
        ("市司法局", "市公安局", "市交通运输局", "市政府有关部门", "各县(市、区)政府"),
        None,
    ),
    (
        "weinan-2024",
        "task",
        17,
        "(十七)",
        "预防和化解矛盾纠纷",
        (),
        ("市司法局", "市信访局", "市政府有关部门", "各县(市、区)政府"),
        None,
    ),
    ("weinan-2024", "task", 25, "(二十五)", "强化理论调查研究", (), ("市政府各部门", "各县(市、区)政府"), None),
    ("changjiang-2024", "task", 1, "评价指标1", "每年3月1日前，各乡（镇）街道", ("区司法局",), CJ_RESP, None),
    ("changjiang-2024", "task", 7, "评价指标7", "全面推进政务诚信建设", ("区发改委",), ("各乡（镇）街道",), None),
    (
        "changjiang-2024",
        "task",
        9,
        "评价指标9",
        "区政府和政府部门及时将制定的规范性文件",
        ("区政府办公室", "区司法局"),
        CJ_RESP,
        None,
    ),
    (
        "changjiang-2024",
        "task",
        13,
        "评价指标13",
        "推进政府部门权责清单标准化建设",
        ("区委编办", "区政务局", "区司法局"),
        CJ_RESP,
        None,
    ),
    (
        "changjiang-2024",
        "task",
        17,
        "评价指标17",
        "规范监管检查的组织实施",
        ("区司法局", "区市场监管局", "区政务局", "区发改委"),
        CJ_EXEC,
        None,
    ),
    (
        "changjiang-2024",
        "task",
        20,
        "评价指标20",
        "司法行政部门代表本级政府承担",
        ("区司法局",),
        ("区委编办", "区政府各行政执法部门", "各乡（镇）街道"),
        None,
    ),
    (
        "changjiang-2024",
        "task",
        22,
        "评价指标22",
        "加强行政复议与行政诉讼、信访的衔接配合",
        ("区司法局",),
        CJ_RESP,
        None,
    ),
    (
        "changjiang-2024",
        "task",
        30,
        "评价指标30",
        "加强司法所规范化建设",
        ("区司法局",),
        ("区财政局", "区人社局", "各乡（镇）街道"),
        None,
    ),
    ("changjiang-2024", "task", 39, "评价指标39", "强化经费保障", ("区财政局",), ("各乡（镇）街道",), None),
    ("changjiang-2024", "task", 40, "评价指标40", "健全媒体公益普法制度", ("区司法局",), CJ_EXEC, None),
    (
        "changjiang-2024",
        "task",
        41,
        "评价指标41",
        "推进现代公共法律服务体系建设",
        ("区司法局",),
        ("区政务局", "各乡（镇）街道"),
        None,
    ),
    (
        "yiyang-2024",
        "task",
        1,
        "存在问题1",
        "部分领导干部对法治建设重要性认识不够",
        ("县司法局", "县委组织部", "县委巡察办"),
        YY_RESP,
        "长期坚持",
    ),
    (
        "yiyang-2024",
        "task",
        3,
        "存在问题3",
        "重大行政决策有关工作要求落实不到位",
        ("县政府办公室",),
        YY_RESP,
        "长期坚持",
    ),
    (
        "yiyang-2024",
        "task",
        6,
        "存在问题6",
        "乡镇(街道)承接执法权不主动",
        ("县司法局", "县委编办", "县委改革办"),
        YY_RESP,
        LONG,
    ),
    (
        "yiyang-2024",
        "task",
        7,
        "存在问题7",
        "乡镇(街道)执法队伍力量不足",
        ("县司法局", "县委编办", "县委改革办"),
        ("各乡镇人民政府", "街道办事处", "赋权部门"),
        LONG,
    ),
    ("yiyang-2024", "task", 9, "存在问题9", "执法证件管理不规范", ("县司法局",), ("各行政执法部门",), "长期坚持"),
    (
        "yiyang-2024",
        "task",
        15,
        "存在问题15",
        "府院联动作用发挥还不够",
        ("县司法局", "县法院", "县检察院"),
        YY_RESP,
        "长期坚持",
    ),
    (
        "yiyang-2024",
        "task",
        16,
        "存在问题16",
        "便民服务质量不高",
        ("县司法局",),
        ("各乡镇人民政府", "街道办事处", "县审信局", "县融媒体中心", "县政府有关部门"),
        LONG,
    ),
    (
        "lingchuan-2022",
        "task",
        1,
        "三级指标1",
        "全面普及行政审批服务",
        (),
        ("县行政审批服务管理局", "相关审批部门"),
        None,
    ),
    (
        "lingchuan-2022",
        "task",
        9,
        "三级指标9",
        "全面推行“双随机、一公开”监管",
        (),
        ("县市场监督管理局", "县行政审批服务管理局", "相关审批部门"),
        None,
    ),
    ("lingchuan-2022", "task", 12, "三级指标12", "认真开展公平竞争审查", (), ("县市场监督管理局",), None),
    (
        "lingchuan-2022",
        "task",
        43,
        "三级指标43",
        "重大行政决策经政府常务会议或者全体会议讨论",
        (),
        ("县政府办公室",),
        None,
    ),
    ("lingchuan-2022", "task", 53, "三级指标53", "除法律另有规定外", (), ("各乡镇", "县直各行政执法单位"), None),
    ("lingchuan-2022", "task", 76, "三级指标76", "实行政务公开清单管理制度", (), ("县大数据中心",), None),
    (
        "lingchuan-2022",
        "task",
        100,
        "三级指标100",
        "法治建设成效作为衡量各级领导班子",
        (),
        ("县委组织部", "县委依法治县办公室"),
        None,
    ),
    (
        "lingchuan-2022",
        "bonus",
        1,
        "加分项1",
        "2019年以来法治政府建设有关工作获得",
        (),
        ("各乡镇", "县直各行政执法单位"),
        None,
    ),
    ("lingchuan-2022", "veto", 2, "否决项2", "在示范创建活动的申报材料中", (), (), None),
]


def find(corpus, doc_id: str, kind: str, number: int) -> Task:
    hits = [t for t in corpus.tasks(doc_id) if t.kind == kind and t.number == number]
    assert len(hits) == 1, f"{doc_id} {kind} {number}: {len(hits)} records"
    return hits[0]


@pytest.mark.parametrize("doc_id,count", COUNTS.items())
def test_each_notice_has_its_numbered_tasks_once_in_order(corpus, doc_id, count):
    numbers = [t.number for t in corpus.tasks(doc_id) if t.kind == "task"]
    assert numbers == list(range(1, count + 1)), f"{doc_id}: numbers {numbers}"


def test_lingchuan_bonus_and_veto_items_are_labelled_apart_from_indicators(corpus):
    extra = [(t.kind, t.number, t.label) for t in corpus.tasks("lingchuan-2022") if t.kind != "task"]
    assert extra == [("bonus", 1, "加分项1"), ("bonus", 2, "加分项2"), ("veto", 1, "否决项1"), ("veto", 2, "否决项2")]


@pytest.mark.parametrize(
    "doc_id,kind,number,label,content,lead,responsible,deadline",
    EXPECTED,
    ids=[f"{e[0]}-{e[1]}{e[2]}" for e in EXPECTED],
)
def test_task_fields_match_the_notice(corpus, doc_id, kind, number, label, content, lead, responsible, deadline):
    t = find(corpus, doc_id, kind, number)
    where = f"{doc_id} {t.label}"
    assert t.label == label, f"{where}: label"
    assert t.content.startswith(content), f"{where}: content {t.content[:30]!r}"
    assert t.lead == lead, f"{where}: lead"
    assert t.responsible == responsible, f"{where}: responsible"
    assert t.deadline == deadline, f"{where}: deadline"


@pytest.mark.parametrize("doc_id", COUNTS)
def test_every_task_points_at_its_exact_source_lines(corpus, doc_id):
    notice = corpus.get(doc_id).notice
    for t in corpus.tasks(doc_id):
        assert t.source_text == notice.line_span_text(t.start_line, t.end_line), f"{doc_id} {t.label}: span"
        for piece in t.content.split("\n"):
            assert piece in t.source_text, f"{doc_id} {t.label}: content not in its source lines"
        for unit in t.lead + t.responsible:
            assert unit in notice.text, f"{doc_id} {t.label}: unit {unit!r} not in the notice"
        if t.deadline:
            assert t.deadline in t.source_text, f"{doc_id} {t.label}: deadline not in its row"


def test_merged_rows_share_one_row_and_its_lead_and_deadline(corpus):
    for first, second in ((14, 15), (16, 17), (18, 19)):
        a, b = find(corpus, "zhashui-2024", "task", first), find(corpus, "zhashui-2024", "task", second)
        assert a.start_line == b.start_line and a.source_text == b.source_text
        assert (a.lead, a.responsible, a.deadline) == (b.lead, b.responsible, b.deadline)
        assert "<p>" not in a.content and "</p>" not in b.content
        assert str(second) + "." not in a.content[:5]


def test_changjiang_rows_span_several_lines_and_keep_their_sections(corpus):
    t = find(corpus, "changjiang-2024", "task", 22)  # its content cell starts on a line of its own
    assert t.end_line - t.start_line >= 4
    assert t.section == ("四、推进行政执法监督体系建设", "（十五）提升行政复议监督质效")
    t = find(corpus, "changjiang-2024", "task", 33)  # a section row broken by a blank line
    assert t.section == ("六、推进依法行政能力建设", "（二十一）完善领导干部学法制度")


def test_notices_without_a_lead_or_deadline_column_never_get_one(corpus):
    for doc_id in ("weinan-2024", "lingchuan-2022"):
        assert all(t.lead == () for t in corpus.tasks(doc_id)), doc_id
    for doc_id in ("weinan-2024", "changjiang-2024", "lingchuan-2022"):
        assert all(t.deadline is None for t in corpus.tasks(doc_id)), doc_id
    assert corpus.get("changjiang-2024").notice.task_fields == {"lead", "responsible"}
    assert corpus.get("weinan-2024").notice.task_fields == {"responsible"}


def test_lingchuan_materials_column_follows_the_indicators_it_names(corpus):
    assert find(corpus, "lingchuan-2022", "task", 1).materials == "实地核查"
    for n in (26, 27, 28, 29):
        assert find(corpus, "lingchuan-2022", "task", n).materials.startswith("第 26、27、28、29 项指标")
    m45 = find(corpus, "lingchuan-2022", "task", 45).materials
    assert "第34、35、36" in m45 and "第43、44、45、46项指标" in m45
    assert find(corpus, "lingchuan-2022", "veto", 1).materials is None


def test_sections_and_dates(corpus):
    assert find(corpus, "lingchuan-2022", "task", 9).section == ("一、政府职能依法全面履行", "3. 加强事中事后监管。")
    assert find(corpus, "yiyang-2024", "task", 6).section == ("三、乡镇(街道)综合执法改革方面",)
    assert "2024年年底" in find(corpus, "yiyang-2024", "task", 6).dates
    assert find(corpus, "changjiang-2024", "task", 1).dates[0] == "每年3月1日前"
    assert find(corpus, "zhashui-2024", "task", 4).dates == ("2024年底前",)


@pytest.mark.parametrize(
    "cell,units",
    [
        ("县审批局 县司法局", ("县审批局", "县司法局")),
        ("各镇(办) 县政府各部门、各单位", ("各镇(办)", "县政府各部门、各单位")),
        (
            "市司法局,市政府有关部门,各县(市、区)政府按职责分工分别负责",
            ("市司法局", "市政府有关部门", "各县(市、区)政府"),
        ),
        ("区政府办公室、区司法局", ("区政府办公室", "区司法局")),
        ("县行政审批服务管理局 及相关审批部门", ("县行政审批服务管理局", "相关审批部门")),
        ("区政府各部门，各乡（镇）街道）", ("区政府各部门", "各乡（镇）街道")),
        ("", ()),
    ],
)
def test_split_units_reads_cells_as_a_person_would(cell, units):
    assert split_units(cell) == units


def test_dates_in_skips_bare_years():
    assert dates_in("每年3月1日前报告，2019年以来，2024年底前完成，6月底前编制") == (
        "每年3月1日前",
        "2024年底前",
        "6月底前",
    )


@pytest.mark.parametrize(
    "text, dates",
    [
        ("力争到2025年基本实现每个乡镇配备2名调解员", ("2025年",)),
        ("过渡期延长至2024年年底，过渡期内继续实施", ("2024年年底",)),
        ("到2026年6月底全面建成", ("2026年6月底",)),
        ("2023年至2024年连续开展两轮评查", ()),  # a span of years, not a year a target is set for
    ],
)
def test_dates_in_reads_the_year_a_target_is_set_for(text, dates):
    assert dates_in(text) == dates

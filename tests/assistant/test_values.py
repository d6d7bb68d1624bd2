"""Expected answer types (assistant/values.py, data/values.toml): what kind of value a question asks for, and whether
a sentence holds one. Wordings are new: none is a gold or blind question."""

from __future__ import annotations

import pytest

from assistant.values import asked_unit, asks_outcome, cue_words, expected, holds


@pytest.mark.parametrize(
    "text,kind",
    [
        ("市政府信息公开答复的及时率是多少", "percent"),
        ("What share of cases must be reviewed, as a percentage?", "percent"),
        ("举报投诉要打哪个电话？", "phone"),
        ("which hotline takes complaints about permits", "hotline"),
        ("资料的电子版要发到哪个邮箱", "email"),
        ("To which e-mail address should the scans go?", "email"),
        ("该方案的发文字号是什么", "docnum"),
        ("这项改革要投入多少钱", "money"),
        ("How much funding is set aside for mediation?", "money"),
        ("公示期一般持续多长时间", "duration"),
        ("Within how many working days must a filing be made?", "duration"),
        ("验收阶段安排在什么时候", "date"),
        ("By which year should the catalogue be complete?", "date"),
        ("每个乡镇要配备几名调解员", "count"),
        ("How often must the two courts meet?", "count"),
        ("评审团队在哪里办公", "place"),
        ("Which room do the paper files go to?", "place"),
        ("办公室副主任是谁", "person"),
        ("Who is the vice chair of the steering group?", "person"),
        ("这项工作由哪个部门负责", "unit"),
        ("Which bureau handles venue upgrades?", "unit"),
        ("是否要求每年开展一次评查", "yesno"),
        ("Does the plan set up a hotline? ", "hotline"),
        ("介绍一下这份通知", None),
    ],
)
def test_the_kind_of_value_asked(text, kind):
    assert expected(text) == kind


@pytest.mark.parametrize(
    "text,sentence,ok",
    [
        ("审查时间不少于几个工作日", "一般不少于5个工作日，最长不超过15个工作日", True),
        ("审查时间不少于几个工作日", "保证足够的合法性审查时间", False),
        ("How many hours of study a year?", "每年不少于40学时", True),
        ("How many hours of study a year?", "每年至少开展1次", False),
        ("要几天内报备", "要在10日内向县政府报备", True),  # 几天 is answered by 10日内
        ("满意率要达到多少", "满意率达到 90%以上", True),
        ("满意率要达到多少", "满意率要不断提高", False),
        ("发到哪个邮箱", "发送邮件至指定邮箱（abc123@163.com）", True),
        ("预算是多少钱", "所需经费列入同级财政预算", False),
        ("预算是多少钱", "安排专项经费20万元", True),
        ("电话号码是多少", "依托12345政务服务便民热线", False),  # a service line is not a phone number
        ("哪条热线", "依托12345政务服务便民热线", True),
        ("组长是谁", "组 长：王 丽 县委副书记", True),
        ("组长是谁", "由县委副书记担任组长", False),
    ],
)
def test_a_sentence_holds_the_value_or_not(text, sentence, ok):
    assert holds(expected(text), text, sentence) is ok


def test_units_and_cue_words():
    assert asked_unit("how many working days does it take") == ("working days", ("工作日",))
    assert asked_unit("最多几小时内发布") == ("小时", ("小时",))
    # the staff are content; only the unit asked and the words naming the kind are covered by the value
    assert cue_words("duration", "How many hours must staff train?") == ("hours",)
    assert "rate" in cue_words("percent", "What is the reply rate?")


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("By when must towns report the previous year's work?", False),  # the report is required: a target
        ("How many cases were handled last year?", True),
        ("What was the satisfaction rate in the previous year?", True),
    ],
)
def test_the_previous_years_work_to_report_is_a_requirement_not_an_outcome(text: str, outcome: bool) -> None:
    assert asks_outcome(text, 2024) is outcome

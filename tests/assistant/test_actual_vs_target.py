"""A notice sets targets and requirements; it reports no outcomes. A question for what has actually been achieved is
refused (with the target among the nearest passages), while the same question for the requirement is answered."""

from __future__ import annotations

import pytest

ASKED = [
    ("渭南市要求执法人员每年培训多少学时？", True),
    ("渭南市执法人员每年实际完成了多少学时培训？", False),
    ("How many hours of training a year does Weinan require of enforcement officers?", True),
    ("How many training hours have Weinan's officers actually completed so far?", False),
]


@pytest.mark.parametrize("question,answered", ASKED)
def test_targets_answer_requirements_but_not_outcomes(question, answered, bundled_assistant):
    answer = bundled_assistant.ask(question)
    assert answer.found is answered, answer.text[:120]
    if answered:
        assert "60学时" in answer.text and answer.citations
    else:
        assert not answer.citations and answer.nearest


# A figure for a year that is past (a year before the notice, 去年, "last year") or asked as done (办结了多少, how many
# … were handled, passed): an outcome, with or without an item number. The target sentence is only the nearest passage.
OUTCOMES = [
    ("2023年柞水县一共办结了多少件行政复议案件？", "zhashui-2024"),
    ("How many reconsideration cases were handled in Zhashui in 2023?", "zhashui-2024"),
    ("渭南去年有多少名执法人员考试合格？", "weinan-2024"),
    ("How many Weinan enforcement officers passed the qualification exam last year?", "weinan-2024"),
    ("昌江区去年行政机关负责人出庭应诉率到底是多少？", "changjiang-2024"),
    ("What share of Changjiang's agency heads appeared in court in 2023?", "changjiang-2024"),
    # with an item number whose row holds a count (发布2次以上): the count is the target, not the outcome
    ("Zhashui item 12: how many guiding cases were published in 2023?", "zhashui-2024"),
    ("柞水县第12项2023年发布了几个指导案例？", "zhashui-2024"),
]


@pytest.mark.parametrize("question,doc_id", OUTCOMES)
def test_a_past_figure_is_refused_with_the_notice_nearest(question, doc_id, bundled_assistant):
    answer = bundled_assistant.ask(question)
    assert answer.found is False, answer.text[:160]
    assert not answer.citations
    assert any(c.doc_id == doc_id for c in answer.nearest), answer.nearest


# The same figures asked as what is required are answered, with the target value, cited.
TARGETS = [
    ("柞水县第12项要求发布几次行政复议指导案例？", "zhashui-2024", "2次"),
    ("How many guiding cases must Zhashui publish under item 12?", "zhashui-2024", "2次"),
    ("昌江区要求行政机关负责人出庭应诉率达到多少？", "changjiang-2024", "100%"),
    ("What court-appearance rate must Changjiang's agency heads reach?", "changjiang-2024", "100%"),
]


@pytest.mark.parametrize("question,doc_id,value", TARGETS)
def test_the_same_figure_as_a_requirement_is_answered(question, doc_id, value, bundled_assistant):
    answer = bundled_assistant.ask(question)
    assert answer.found, answer.text[:160]
    assert any(c.doc_id == doc_id and value in c.quote for c in answer.citations), answer.citations


@pytest.mark.parametrize(
    "question,outcome",
    [
        ("2023年办理了多少件？", True),
        ("去年的出庭应诉率是多少", True),
        ("How many officials passed the exam?", True),
        ("Did the county eventually get named a model county?", True),
        ("最后评上示范县了没", True),
        ("有没有被评为示范县", True),
        ("2024年底前要评估几次？", False),  # a requirement, whatever its year
        ("What rate must be reached by 2025?", False),
        ("最后一项的完成时限是什么时候", False),  # 最后 as "the last", not "in the end"
        ("How many enforcement case files did the county review in 2024?", True),
        ("How many case files must be reviewed each year?", False),
        ("How many cases are handled by the bureau?", False),
        ("Who passed the plan?", False),  # asks a person, not a figure
    ],
)
def test_what_reads_as_an_outcome_question(question, outcome):
    from assistant.values import asks_outcome

    assert asks_outcome(question) is outcome


def test_a_year_before_the_notice_is_past():
    from assistant.values import asks_outcome

    assert asks_outcome("2021年出庭应诉率是多少", since=2024)
    assert not asks_outcome("2024年出庭应诉率是多少", since=2024)

"""Typed and multi-part answers end to end on the bundled notices: the asked value must be in the answer, every part
of a message is answered in order, list filters by period, by a heading and by "only". Wordings are new."""

from __future__ import annotations

import pytest

from assistant.scoring import Scorer
from assistant.understand import find_parts, find_period, understand


@pytest.fixture(scope="module")
def read(corpus):
    notices, tasks = [p.notice for p in corpus.notices], corpus.tasks()
    return lambda q: understand(q, notices, tasks)


@pytest.mark.parametrize(
    "text,parts",
    [
        ("陵川示范县分哪几个阶段？各阶段在什么时候", 2),
        ("渭南的要点是谁印发的，哪天印发的", 2),
        ("Where does the office sit, and who heads it?", 2),
        ("柞水县第3项的完成时限是什么", 1),
        ("昌江区那份清单，第五项谁牵头", 1),  # a comma before the only question is no second part
        # a clause asking nothing before two that ask: the context of the first, not a reason to keep one part
        ("For Lingchuan's preliminary review, by what date do units submit, and to which office?", 2),
        ("陵川县级初审阶段，资料什么时候报送，报送到哪里？", 2),
    ],
)
def test_a_message_splits_into_the_parts_it_asks(text, parts):
    assert len(find_parts(text)) == parts


@pytest.mark.parametrize(
    "text,period",
    [
        ("哪些任务要在2024年下半年完成", "2024年下半年"),
        ("2024年第二季度到期的任务", "2024年第二季度"),
        ("tasks due in the first half of 2024", "2024年上半年"),
        ("which items fall in Q1 2024", "2024年第一季度"),
        ("哪些要在2025年以内办完", "2025年全年"),
        ("2024年到期的有几项", "2024年全年"),
        ("which tasks are due during 2025", "2025年全年"),
        ("2024年底前完成的任务", None),  # a month (年底), read as a date
        ("柞水县2024年印发的通知", None),  # a year that is not a deadline
    ],
)
def test_deadline_periods(text, period):
    assert find_period(text) == period


def test_several_meta_fields_are_all_asked(read):
    q = read("宜阳县这份通知是哪个单位印发的，文号是什么？")
    assert q.metas == ("issuer", "number")


def test_only_marks_a_whole_unit_column(read):
    assert read("柞水清单里只由县审批局牵头的任务有哪些").only_units
    assert not read("柞水清单里县审批局牵头的任务有哪些").only_units
    assert not read("How many Zhashui tasks does 县审批局 lead, alone or jointly?").only_units


def test_the_refusal_threshold_does_not_drift_with_corpus_size(corpus):
    """Ten copies of the corpus: the same question covers a sentence exactly as much (an absent word's weight is a
    fixed share, not log(n))."""
    texts = [p.notice.text for p in corpus.notices] + [t.content for t in corpus.tasks()]
    q = understand("昌江区对区块链存证有什么要求", [p.notice for p in corpus.notices], corpus.tasks())
    sentence = "推进区块链等新技术在政务服务中的应用"
    small, big = Scorer(texts), Scorer(texts * 10)
    words_small = small.content_words(q, [p.notice for p in corpus.notices])
    words_big = big.content_words(q, [p.notice for p in corpus.notices])
    assert small.coverage(words_small, sentence) == pytest.approx(big.coverage(words_big, sentence), abs=0.02)


# question -> strings the answer must hold (None: a refusal)
CASES = [
    # parts answered in order, the second read with the first as its context
    ("陵川县特别重大突发事件的政务舆情要在几小时内发布权威信息？新闻发布会最迟几小时内举行", ["5小时内", "24小时内"]),
    ("柞水县的文号和成文日期分别是什么？", ["柞政办函〔2024〕54号", "2024年4月16日"]),
    # a part asking which item the previous sentence comes from gets that row's fields
    ("柞水清单要求执法人员每年培训多少学时？这一项由谁牵头", ["60学时", "第8项", "县司法局"]),
    # an English value word reaches the Chinese sentence: rate -> %, e-mail -> an address, PDF as printed
    ("Which address should Lingchuan's PDF files be e-mailed to?", ["lcsfj305@163.com"]),
    ("What satisfaction rate does Weinan require when handling CPPCC members' proposals?", ["95%"]),
    # the asked value is absent: a money question gets no sentence that only talks about a budget
    ("陵川县示范创建经费预算是多少万元？", None),
    ("What is the phone number of the Zhashui justice bureau?", None),
    # a place with no notice
    ("浮梁县的清单对执法培训有什么要求？", None),
    # lists by period, under a heading, by a single unit
    ("柞水县清单中哪些任务的完成时限在2024年第二季度？", ["第2项", "第5项"]),  # a row named as Chinese says it
    ("昌江区清单“二、推进政府机构职能优化协同高效”下面有多少项", ["项"]),
    ("Which problems in the Yiyang list are led only by 县司法局?", ["存在问题"]),
]


@pytest.mark.parametrize("question,expected", CASES)
def test_typed_and_multi_part_answers(bundled_assistant, question, expected):
    a = bundled_assistant.ask(question)
    if expected is None:
        assert not a.found, f"{question!r} should be refused, got {a.text[:200]!r}"
        assert not a.citations
        return
    assert a.found, f"{question!r} was refused: {a.text[:300]!r}"
    for s in expected:
        assert s in a.text, f"{question!r}: {s!r} missing from {a.text[:400]!r}"
    for c in a.citations:
        assert c.quote in bundled_assistant.corpus.get(c.doc_id).notice.text

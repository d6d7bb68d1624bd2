"""A row asked for a kind of value its columns never hold (money, a percentage, a phone number…) answers only when
its own text holds one; otherwise the notices do not say, and the row is not presented as the answer."""

from __future__ import annotations

import pytest

ASKED = [
    ("柞水县第14项的预算资金是多少万元？", False),
    ("How much funding is budgeted for item 3 of the Zhashui list?", False),
    ("柞水县第14项出庭应诉率要达到百分之多少？", True),  # its text says 100%
    ("What is the phone number for item 17 of the Zhashui list?", False),
]


@pytest.mark.parametrize("question,answered", ASKED)
def test_a_rows_answer_holds_the_kind_of_value_asked(question, answered, bundled_assistant):
    answer = bundled_assistant.ask(question)
    assert answer.found is answered, answer.text[:120]
    assert bool(answer.citations) is answered


def test_units_are_listed_as_the_notices_print_them_in_either_language(corpus, bundled_assistant):
    # a cell's units joined with 、 as printed, so an English answer quotes 各乡镇人民政府、街道办事处 as one string
    rows = [(p.notice, t) for p in corpus.notices for t in p.tasks if len(t.responsible) >= 2][:5]
    assert rows
    for notice, t in rows:
        asked = (f"{notice.region}第{t.number}项责任单位", f"{notice.aliases[-1]} item {t.number}: responsible units?")
        for question in asked:
            answer = bundled_assistant.ask(question)
            assert "、".join(t.responsible) in answer.text, (notice.doc_id, t.label, question, answer.text[:160])

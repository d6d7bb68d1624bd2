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

"""Question normalisation and the forms of item numbers it makes readable."""

from __future__ import annotations

import pytest

from assistant.normalize import normalize
from assistant.understand import find_numbers


@pytest.mark.parametrize(
    "text,number",
    [
        ("渭南要点第１２条的责任单位", 12),  # full-width digits
        ("宜陽縣存在問題３的牽頭單位", 3),  # traditional characters and full-width digits
        ("Who handles indicator eighty-two in Lingchuan?", 82),
        ("Lingchuan indicator seventy three: materials?", 73),
        ("What does the twelfth item of the Zhashui list say?", 12),
        ("who leads the 4th task in Changjiang", 4),
        ("Weinan point (14): responsible units?", 14),
        ("deadline of itme 6 in Zhashui", 6),  # a misspelt item noun
        ("Changjiang task number eleven", 11),
        ("Yiyang item No. 8", 8),
        ("柞水第8条由谁牵头", 8),
    ],
)
def test_item_numbers_in_more_forms(text, number):
    assert number in find_numbers(normalize(text))[0]


def test_normalisation_keeps_simplified_text_and_dates():
    assert normalize("乾佑街道办事处") == "乾佑街道办事处"  # 乾 is also a simplified character
    assert normalize("the first half of 2024") == "the first half of 2024"
    assert normalize("第十七项") == "第十七项"

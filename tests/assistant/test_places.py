"""Places no loaded notice is from, in either script, from China's adcode table."""

from __future__ import annotations

import pytest

from assistant.places import ancestors, foreign_places


@pytest.fixture(scope="module")
def notices(corpus):
    return [p.notice for p in corpus.notices]


@pytest.mark.parametrize(
    "text,place",
    [
        ("浮梁县的任务清单里行政复议怎么要求", "浮梁县"),
        ("汉中市对执法培训有什么规定", "汉中市"),
        ("What does the Fuliang list say about reconsideration?", "Fuliang"),
        ("In Hanzhong City, who leads item 2?", "Hanzhong City"),
    ],
)
def test_a_place_with_no_notice_is_foreign(notices, text, place):
    assert place in foreign_places(text, notices)


@pytest.mark.parametrize(
    "text",
    [
        "商洛市柞水县第3项由谁牵头",  # the city above a notice's county names that notice
        "Which Shaanxi notices set a deadline?",
        "What Luoyang document does Yiyang rest on?",  # printed in the Yiyang notice
        "景德镇昌江区的清单",
        "Which tasks does the Changjiang list give 区司法局?",
    ],
)
def test_a_notice_place_or_its_parents_is_not_foreign(notices, text):
    assert foreign_places(text, notices) == ()


def test_ancestors_go_up_to_the_province():
    assert {"商洛市", "陕西省"} <= ancestors("柞水县")

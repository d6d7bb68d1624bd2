"""The item of one notice matching a numbered item of another ("which Lingchuan indicator is like Changjiang
indicator 32?"), asked at once or as a follow-up: the match is found by what the item says, not by its number; it is
cited with its asked fields, the item it was matched against is named and cited too, and when nothing matches the
answer says so. Expectations are the notices' rows, read from their text."""

from __future__ import annotations

import pytest

from assistant.records import Kind


def _row(corpus, doc_id: str, number: int):
    return next(t for t in corpus.get(doc_id).tasks if t.number == number and t.kind == "task")


@pytest.mark.parametrize(
    ("question", "source", "number", "target", "expected"),
    [
        # Changjiang 32 (专职人民调解员 per township) is Lingchuan 79 (人民调解委员会 with full-time mediators), not 32
        ("昌江第32项在陵川方案里相当于哪个指标？", "changjiang-2024", 32, "lingchuan-2022", 79),
        (
            "Which Lingchuan indicator is the counterpart of Changjiang item 32?",
            "changjiang-2024",
            32,
            "lingchuan-2022",
            79,
        ),
        # Weinan (二) 深化“放管服”改革 is Zhashui's 县审批局 rows 18–19, not Zhashui 2
        ("渭南要点第二条跟柞水清单哪一项最像？", "weinan-2024", 2, "zhashui-2024", 19),
        (
            "Which Zhashui task corresponds to Weinan point (二), and who leads it?",
            "weinan-2024",
            2,
            "zhashui-2024",
            19,
        ),
    ],
)
def test_the_matching_item_is_found_by_what_the_item_says(
    question, source, number, target, expected, corpus, bundled_assistant
):
    answer = bundled_assistant.ask(question)
    assert answer.kind == Kind.COUNTERPART, answer.text
    match = _row(corpus, target, expected)
    cited = [c for c in answer.citations if c.doc_id == target]
    assert cited and cited[0].label == match.label, f"{target} item {expected} should be cited first: {answer.text}"
    assert cited[0].quote == match.source_text
    assert str(match.number) in answer.text.splitlines()[1]
    # the item it was matched against is named and cited
    item = _row(corpus, source, number)
    assert any(c.doc_id == source and c.label == item.label for c in answer.citations)
    assert item.label in answer.text
    for unit in match.lead or match.responsible:  # the matched row's units are given
        assert unit in answer.text


def test_the_asked_field_of_the_matching_item_is_given(corpus, bundled_assistant):
    answer = bundled_assistant.ask("Which Zhashui task corresponds to Weinan point (二), and who leads it?")
    assert "县审批局" in answer.text.splitlines()[1]  # Zhashui 19's lead, on the matched row's line


@pytest.mark.parametrize(
    ("turns", "target", "expected"),
    [
        (["宜阳存在问题14说的是什么", "渭南要点里对应的是哪一条？"], "weinan-2024", 15),
        (
            ["What does Changjiang indicator 1 require?", "what's the Lingchuan equivalent, and who is responsible?"],
            "lingchuan-2022",
            97,
        ),
    ],
)
def test_a_follow_up_asks_the_other_notice_for_the_item_in_focus(turns, target, expected, corpus, bundled_assistant):
    history: list[dict[str, str]] = []
    for turn in turns:
        answer = bundled_assistant.ask(turn, None, history=list(history))
        history += [{"role": "user", "content": turn}, {"role": "assistant", "content": answer.text}]
    assert answer.kind == Kind.COUNTERPART, answer.text
    match = _row(corpus, target, expected)
    first = next(c for c in answer.citations if c.doc_id == target)
    assert first.label == match.label, answer.text


@pytest.mark.parametrize(
    "question",
    ["陵川第17项跟宜阳哪个问题差不多？", "Which Yiyang problem matches Lingchuan indicator 17?"],
)
def test_nothing_matching_is_said_plainly(question, bundled_assistant):
    # Lingchuan 17 (政务服务“一网、一门、一次”) has no counterpart among Yiyang's sixteen problems
    answer = bundled_assistant.ask(question)
    assert answer.kind == Kind.COUNTERPART
    assert not answer.found and not answer.citations
    assert answer.nearest  # the closest row is shown for orientation, not as a source


def test_a_follow_up_names_the_item_just_answered_without_repeating_its_values(bundled_assistant, corpus):
    """After "who leads Changjiang item 32?", "the Lingchuan equivalent — who's responsible?" answers Lingchuan's row;
    Changjiang 32 is named as what it was matched against, its units not given again (they are not Lingchuan's)."""
    from assistant.conversation import Turn

    first_q = "Who leads Changjiang item 32?"
    first = bundled_assistant.ask(first_q)
    history = [Turn("user", first_q), Turn("assistant", first.text)]
    answer = bundled_assistant.ask("and the Lingchuan equivalent, who's responsible there?", None, history)
    assert answer.kind == Kind.COUNTERPART.value, answer.text[:300]
    mine = _row(corpus, "lingchuan-2022", 79)
    theirs = _row(corpus, "changjiang-2024", 32)
    assert all(u in answer.text for u in mine.responsible), answer.text[:300]
    assert theirs.label in answer.text and not any(
        u in answer.text for u in theirs.responsible if u not in mine.responsible
    )

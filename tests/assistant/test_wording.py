"""How an answer names its notice (assistant/wording.py): the fact asked first, after the notice's short name and 文号;
the full title only where it is what was asked, and always in the sources."""

from __future__ import annotations

import pytest

from assistant.wording import Titled, notice_name, render

HEAD_MAX = 40  # characters a first line may spend before the value asked: place, 文号, item and field label

FIRST_FIELD = [
    # question, notice, the field label whose value is asked
    ("昌江区第18项谁牵头？", "changjiang-2024", "牵头单位："),
    ("柞水县第17项任务由谁牵头？", "zhashui-2024", "牵头单位："),
    ("宜阳县存在问题6的完成时限是什么？", "yiyang-2024", "完成时限："),
    ("陵川县第5项的责任单位是哪些？", "lingchuan-2022", "责任单位："),
    ("渭南市第3项的责任单位是哪些？", "weinan-2024", "责任单位："),
]


@pytest.mark.parametrize(("question", "doc_id", "field"), FIRST_FIELD)
def test_a_chinese_task_answer_reaches_the_value_within_a_few_characters(
    question, doc_id, field, bundled_assistant, corpus
):
    answer = bundled_assistant.ask(question)
    first = answer.text.split("\n")[0]
    notice = corpus.get(doc_id).notice
    assert field in first, f"{doc_id}: {question!r} answered without {field} on its first line: {first!r}"
    head = first.index(field) + len(field)
    assert head <= HEAD_MAX, f"{doc_id}: {head} characters before the value: {first!r}"
    assert first.startswith(notice_name(notice, "zh")) and notice.title not in first, (doc_id, first)
    assert {c.title for c in answer.citations} == {notice.title}, f"{doc_id}: the sources keep the full title"


def test_the_short_name_is_the_place_and_its_number_or_the_place_alone(corpus):
    assert notice_name(corpus.get("changjiang-2024").notice, "zh") == "昌江区（昌府办字〔2024〕45号）"
    assert notice_name(corpus.get("weinan-2024").notice, "zh") == "渭南市"
    zhashui = corpus.get("zhashui-2024").notice
    assert render(Titled(zhashui), "zh") == f"柞水县《{zhashui.title}》（柞政办函〔2024〕54号）"


@pytest.mark.parametrize(
    ("question", "doc_id"),
    [("柞水县通知的全称是什么？", "zhashui-2024"), ("陵川县通知的标题是什么？", "lingchuan-2022")],
)
def test_a_question_asking_the_title_still_gets_the_full_title(question, doc_id, bundled_assistant, corpus):
    answer = bundled_assistant.ask(question)
    assert corpus.get(doc_id).notice.title in answer.text, f"{doc_id}: {question!r} -> {answer.text!r}"


def test_the_loaded_notices_are_listed_by_their_titles_their_dates_by_short_name(bundled_assistant, corpus):
    listed = bundled_assistant.ask("载入了哪些通知？").text
    assert all(p.notice.title in listed for p in corpus.notices), listed
    newest = bundled_assistant.ask("哪个通知最新？").text.split("\n")[0]
    assert "《" not in newest and "宜阳县（宜政办〔2024〕22号）" in newest, newest

"""Words people shorten or inflect where the notices spell them out: a two-character word the notices never print
(免考 for 免于…考试), an English comparative (stronger), a field asked with a word the table does not use (到期,
"completion-time column", 要参与). Expected lines are found in the parsed notices, not copied from answers."""

from __future__ import annotations

import re

import pytest

from assistant.glossary import comparative_bases, en_words
from assistant.scoring import Scorer
from assistant.understand import find_fields


def _line(corpus, doc_id: str, pattern: str) -> int:
    for n, line in enumerate(corpus.get(doc_id).notice.lines, 1):
        if re.search(pattern, line):
            return n
    raise AssertionError(f"{doc_id}: no line matches {pattern!r}")


def _cites(answer, doc_id: str, line: int) -> bool:
    return any(c.doc_id == doc_id and c.start_line <= line <= c.end_line for c in answer.citations)


def test_an_unprinted_two_character_word_is_read_where_its_characters_stand_apart_in_one_clause() -> None:
    scorer = Scorer(["取得资格的人员可免于执法资格考试。", "免费开放，按时考核。"])
    assert scorer.coverage([("免考",)], "取得资格的人员可免于执法资格考试。") == 1.0
    assert scorer.coverage([("免考",)], "免费开放，按时考核。") == 0.0  # a clause apart: not the word
    assert scorer.coverage([("免考",)], "免于一切形式的执法资格考试。") == 0.0  # too far apart


def test_a_printed_word_is_never_read_apart() -> None:
    scorer = Scorer(["开展考试。", "免于执法考试。"])
    # 考试 is a word of the notices: a sentence that does not print it does not say it
    assert scorer.coverage([("考试",)], "考核测试。") == 0.0
    assert scorer.coverage([("考试",)], "开展考试。") == 1.0


def test_a_comparative_reads_as_its_base_word(glossary_words) -> None:
    assert "strong" in [b for b in comparative_bases("stronger")]
    assert glossary_words("stronger") == glossary_words("strong") != ()


@pytest.fixture(scope="module")
def glossary_words(bundled_assistant):
    glossary = bundled_assistant.scorer.glossary
    return lambda word: glossary.translate(en_words(word)[0])


@pytest.mark.parametrize(
    ("question", "fields"),
    [
        ("柞水那条执法裁量基准的任务啥时候到期？谁牵头", ("deadline", "lead")),
        ("how many cases must be published, and what does its completion-time column say?", ("content", "deadline")),
        ("具体是哪三个所？除了司法局还有哪个区级部门要参与", ("content", "responsible")),
        ("What is the due date of item 4?", ("deadline",)),
    ],
)
def test_fields_asked_with_the_words_people_use(question: str, fields: tuple[str, ...]) -> None:
    assert find_fields(question) == fields


@pytest.mark.parametrize(
    ("question", "doc_id", "pattern"),
    [
        ("柞水说取得啥资格的人能免考执法资格", "zhashui-2024", "免于执法资格考试"),
        ("Which special groups does Weinan's plan single out for stronger legal aid?", "weinan-2024", "特殊群体"),
        ("Weinan: what reply rate is required for disclosure requests?", "weinan-2024", "依申请公开信息及时答复率"),
        # 办公室 names whose director is asked, not a place: it stays a word the sentence must say
        ("陵川领导小组办公室主任是谁", "lingchuan-2022", "办公室主任由"),
        ("Who directs the Lingchuan leading group's office?", "lingchuan-2022", "办公室主任由"),
    ],
)
def test_prose_facts_asked_in_other_words_are_found(bundled_assistant, corpus, question, doc_id, pattern) -> None:
    answer = bundled_assistant.ask(question)
    line = _line(corpus, doc_id, pattern)
    assert answer.found, answer.text
    assert _cites(answer, doc_id, line), (line, [(c.doc_id, c.start_line) for c in answer.citations])


def test_a_row_named_by_its_topic_answers_both_fields_asked(bundled_assistant, corpus) -> None:
    """啥时候到期 asks the deadline: it is not a word the row must print to be the row described."""
    answer = bundled_assistant.ask("柞水那条执法裁量基准的任务啥时候到期？谁牵头")
    row = next(t for t in corpus.get("zhashui-2024").tasks if "基准" in t.content)
    assert answer.found and [(t.doc_id, t.number) for t in answer.tasks] == [("zhashui-2024", row.number)]
    assert row.deadline and row.deadline in answer.text
    assert all(u in answer.text for u in row.lead)

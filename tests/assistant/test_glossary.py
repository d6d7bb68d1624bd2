"""The CC-CEDICT glossary: English question words -> Chinese words that occur in the notices."""

from __future__ import annotations

import pytest

from assistant.glossary import Glossary, en_words
from index.text import tokenize


@pytest.fixture(scope="module")
def glossary(bundled_assistant) -> Glossary:
    return bundled_assistant.scorer.glossary


def test_english_content_words_are_stemmed_and_stop_words_dropped() -> None:
    assert en_words("How often must the courts hold meetings in each county?") == ["often", "court", "meet"]


def test_it_proposes_only_words_of_the_notices(glossary: Glossary, bundled_assistant) -> None:
    vocab = set(bundled_assistant.scorer.df)
    assert "法院" in glossary.translate("court")
    assert "建议" in glossary.translate("suggest")
    # a word of the notices, or a field term written with words of the notices (上一年度: 上, 一年, 年度)
    assert all(z in vocab or all(t in vocab for t in tokenize(z)) for zh in glossary.map.values() for z in zh)
    assert glossary.translate("weather") == (), "天气 is in no notice, so 'weather' has nothing to match"


def test_names_inside_a_sentence_never_match_through_a_gloss(glossary: Glossary) -> None:
    groups = dict(glossary.groups("What is the capital of France?"))
    assert groups["franc"] == (), "法制 glosses as 'made in France'; a name must not match it"


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of France?",
        "What is the phone number of the Lingchuan justice bureau?",
        "Who is the mayor of Weinan?",
    ],
)
def test_english_questions_about_things_the_notices_lack_are_refused(bundled_assistant, question: str) -> None:
    assert not bundled_assistant.ask(question).found


@pytest.mark.parametrize(
    "question, must",
    [
        ("How many training hours must law enforcement officers complete each year in Zhashui?", "60学时"),
        ("Where is the office of the Lingchuan leading group?", "县委依法治县办公室"),
        # field terms CC-CEDICT glosses otherwise (审查 is never "review"): assistant/data/glossary.toml
        ("Under the Changjiang list, how long is the legality review supposed to take?", "15个工作日"),
        # bounds (minimum, maximum) and verbs (allow, held) are shown by the value, not words a sentence must say
        ("how long does changjiang allow for a legality review — the minimum and the maximum?", "5个工作日"),
        ("For a major emergency in Lingchuan, how soon must a press conference be held?", "24小时内"),
    ],
)
def test_english_open_questions_find_the_chinese_sentence(bundled_assistant, question: str, must: str) -> None:
    a = bundled_assistant.ask(question)
    assert a.found and must in a.text


def test_a_place_name_in_english_matches_the_notices_place_by_its_pinyin(glossary: Glossary) -> None:
    groups = dict(glossary.groups("Which Jiangxi document is the list based on, and what did Luoyang issue?"))
    assert "江西省" in groups["jiangxi"] and "洛阳市" in groups["luoyang"]
    assert "陕西" in dict(glossary.groups("the Shaanxi measures"))["shaanxi"], "陕西 is spelt Shaanxi, unlike 山西"
    assert dict(glossary.groups("the Shanxi standards"))["shanxi"] == ("山西", "山西省")


def test_inflected_stop_words_are_stop_words_too() -> None:
    assert en_words("Who is listed as the editor?") == ["editor"], "'listed' stems to 'list', a stop word"


def test_a_structural_terms_words_are_skipped_only_when_the_question_uses_the_term(bundled_assistant) -> None:
    """'approval bureau' is a structural term (审批局); 'approved' alone is an ordinary content word."""
    scorer, notices = bundled_assistant.scorer, [p.notice for p in bundled_assistant.corpus.notices]
    from assistant.understand import understand

    def words(text: str) -> list[tuple[str, ...]]:
        return scorer.content_words(understand(text, notices, bundled_assistant.corpus.tasks()), notices)

    assert any("同意" in g for g in words("Who approved the Yiyang measures?"))
    assert not any("同意" in g for g in words("Which tasks does the approval bureau lead in Zhashui?"))


def test_field_terms_are_proposed_only_where_a_notice_prints_them() -> None:
    printed = Glossary(["合法性审核", "行政复议"])
    assert "合法性" in printed.translate("legal")  # part of a longer word the notices print
    assert "复议" in printed.translate("reconsider")
    assert {"审核"} == set(printed.translate("review")), "a term no notice prints (审查, 审议) is never proposed"

"""Grounded or silent: a question asking for a value the row, the head line or the document it names does not hold
is refused, with that passage among the nearest and never cited; the same passage still answers what it does say."""

from __future__ import annotations

import pytest

from assistant.records import Kind
from assistant.routes import route
from assistant.understand import understand

# (question, notice, item): the item's text gives no such value (no count of staff, no number of cases, no phone).
ROW_LACKS = [
    ("柞水县第13项要配备的行政复议专职人员一共是多少名？", "zhashui-2024", 13),
    ("Under Zhashui item 13, how many full-time reconsideration staff must be provided?", "zhashui-2024", 13),
    ("昌江区评价指标23的责任人电话是多少？", "changjiang-2024", 23),
    ("What e-mail address does Changjiang indicator 23 give?", "changjiang-2024", 23),
    # outcomes, asked with the item named: the row sets a requirement, it reports nothing done
    ("昌江区第23项上一年度一共通报了几个部门？", "changjiang-2024", 23),
    ("For Changjiang item 23, how many departments were actually named and shamed last year?", "changjiang-2024", 23),
    # an amount of money the row does not set: a fine for what the row only says is criticised
    (
        "How much is the fine for a Changjiang department that fails to file its documents under item 10?",
        "changjiang-2024",
        10,
    ),
    ("昌江第10项不报备的罚款是多少", "changjiang-2024", 10),
]


@pytest.mark.parametrize("question,doc_id,number", ROW_LACKS)
def test_a_row_without_the_asked_value_is_nearest_not_cited(question, doc_id, number, bundled_assistant, corpus):
    answer = bundled_assistant.ask(question)
    row = next(t for t in corpus.get(doc_id).tasks if t.number == number)
    assert answer.found is False, f"{doc_id} item {number}: {answer.text[:150]}"
    assert not answer.citations
    assert any(c.doc_id == doc_id and c.start_line == row.start_line for c in answer.nearest), answer.nearest


# The same rows still answer what their columns and text do say.
ROW_GIVES = [
    ("柞水县第13项牵头的是哪个单位？", "zhashui-2024", 13, "lead"),
    ("Zhashui item 13: what does it say?", "zhashui-2024", 13, "content"),
    ("昌江区第23项有几个责任单位？", "changjiang-2024", 23, "responsible"),
    ("Which units lead Changjiang indicator 23?", "changjiang-2024", 23, "lead"),
]


@pytest.mark.parametrize("question,doc_id,number,field", ROW_GIVES)
def test_the_row_still_answers_its_own_fields(question, doc_id, number, field, bundled_assistant, corpus):
    answer = bundled_assistant.ask(question)
    row = next(t for t in corpus.get(doc_id).tasks if t.number == number)
    assert answer.found, f"{doc_id} item {number} {field}: {answer.text[:150]}"
    assert any(c.doc_id == doc_id and c.start_line == row.start_line for c in answer.citations)
    value = row.content[:10] if field == "content" else getattr(row, field)[0]
    assert value in answer.text, f"{doc_id} item {number} {field}: {value} not in {answer.text[:150]}"


# A column the row leaves empty, with nothing in the item's text for it either: said plainly, and counted as a
# refusal (the row is the nearest passage, not a source), while a field the row does hold is still answered.
FIELD_ABSENT = [
    ("昌江区第14项什么时候要完成？", "changjiang-2024", 14),
    ("By when must Changjiang indicator 22 be done?", "changjiang-2024", 22),
    ("渭南要点（十六）的截止时间", "weinan-2024", 16),
]


@pytest.mark.parametrize("question,doc_id,number", FIELD_ABSENT)
def test_an_empty_column_asked_alone_is_a_refusal(question, doc_id, number, bundled_assistant, corpus):
    row = next(t for t in corpus.get(doc_id).tasks if t.number == number)
    assert not row.deadline and not row.dates, "the test needs a row with no deadline anywhere"
    answer = bundled_assistant.ask(question)
    assert answer.found is False and not answer.citations, answer.text[:150]
    assert "没有规定完成时限" in answer.text or "sets no deadline" in answer.text
    assert any(c.doc_id == doc_id and c.start_line == row.start_line for c in answer.nearest)


@pytest.mark.parametrize(
    "question",
    [
        "昌江区第14项谁牵头、什么时候完成？",
        "Changjiang item 9: when is it due?",
        "昌江区第1项的完成时限是什么",
        # a time its text gives, asked as "how soon": the row's text answers though it has no deadline column
        "Lingchuan indicator 91: how soon must authoritative information be released after a major emergency?",
        # "when" joining a clause asks no deadline: the row's text answers what is asked
        "In Weinan item (九), what approach is used when powers are handed down to towns?",
    ],
)
def test_a_held_field_or_a_date_in_the_text_still_answers(question, bundled_assistant):
    answer = bundled_assistant.ask(question)  # a lead beside the empty deadline; dates named in the item's text
    assert answer.found and answer.citations, answer.text[:150]


@pytest.mark.parametrize(
    "question",
    [
        "渭南那份工作要点的编辑联系电话是什么？",
        "What is the Weinan page editor's mobile phone number?",
        "把渭南那篇稿子编辑的手机发我",
        "the Weinan editor's cell?",
    ],
)
def test_a_head_line_without_the_asked_value_is_refused(question, bundled_assistant, corpus):
    answer = bundled_assistant.ask(question)
    editor = corpus.get("weinan-2024").structure.page_line("editor")
    assert editor is not None
    assert answer.found is False and not answer.citations, answer.text[:150]
    assert any(c.start_line == editor.line for c in answer.nearest)


@pytest.mark.parametrize("question", ["渭南那份工作要点的编辑是谁？", "Who edited the Weinan page?"])
def test_the_head_line_still_answers_its_own_value(question, bundled_assistant, corpus):
    answer = bundled_assistant.ask(question)
    editor = corpus.get("weinan-2024").structure.page_line("editor")
    assert editor is not None
    assert answer.found and editor.text.split("：" if "：" in editor.text else ":")[1].strip() in answer.text


# Documents the loaded notices only cite: their own content is not loaded.
CITED = [
    ("赣府发〔2024〕10号对行政复议提出了哪些要求？", "赣府发〔2024〕10号", "changjiang-2024"),
    ("What does 赣府发〔2024〕10号 itself require of counties?", "赣府发〔2024〕10号", "changjiang-2024"),
    ("《法治政府建设实施纲要（2021-2025年）》第三部分讲了什么？", "法治政府建设实施纲要", "zhashui-2024"),
]


@pytest.mark.parametrize("question,name,citing", CITED)
def test_a_document_only_cited_is_refused_naming_who_cites_it(question, name, citing, bundled_assistant, corpus):
    q = understand(question, [p.notice for p in corpus.notices], corpus.tasks())
    assert route(q) is Kind.REFUSE and q.cited_only
    answer = bundled_assistant.ask(question)
    assert answer.found is False and not answer.citations, answer.text[:150]
    assert name in answer.text
    assert any(c.doc_id == citing for c in answer.nearest)


@pytest.mark.parametrize(
    "question",
    [
        "哪份通知是根据赣府发〔2024〕10号制定的？",
        "Which notice implements 赣府发〔2024〕10号?",
        "昌江区通知依据的《江西省人民政府关于进一步推进法治政府建设的若干意见》文号是多少？",
    ],
)
def test_how_a_notice_relates_to_a_cited_document_is_still_answered(question, bundled_assistant):
    answer = bundled_assistant.ask(question)
    assert answer.found and any(c.doc_id == "changjiang-2024" for c in answer.citations), answer.text[:150]
    assert "赣府发〔2024〕10号" in answer.text


@pytest.mark.parametrize(
    "question, number",
    [
        ("宜阳县：《关于印发洛阳市提升法治政府建设工作水平若干举措的通知》的文号是什么", "洛政办〔2024〕39号"),
        # a year in the cited title (2023—2025年) is the document's, not another edition of the Yiyang notice
        (
            "Yiyang: what's the document number of "
            "《关于印发河南省提升行政执法质量三年行动实施方案(2023—2025年)的通知》?",
            "豫政办〔2023〕68号",
        ),
        ("宜阳引用的宜司〔2023〕18号是关于啥的文件", "综合行政执法规范化建设"),
    ],
)
def test_what_the_citing_line_prints_of_a_cited_document_is_answered(question, number, bundled_assistant):
    answer = bundled_assistant.ask(question)
    assert answer.found and any(c.doc_id == "yiyang-2024" and number in c.quote for c in answer.citations), answer.text[
        :200
    ]


@pytest.mark.parametrize(
    "question, doc, number, field",
    [
        ("陵川三级指标40（做风险评估、3个工作日那条？）要交哪些材料", "lingchuan-2022", 40, "materials"),
        ("Zhashui item 14 (the 100% court-appearance one) - who leads it?", "zhashui-2024", 14, "lead"),
        ("宜阳存在问题9（一年办多少件那个）谁牵头", "yiyang-2024", 9, "lead"),
    ],
)
def test_values_describing_the_row_do_not_turn_a_column_question_into_a_value_question(
    question, doc, number, field, bundled_assistant, corpus
):
    """A column is asked (materials, lead); the numbers in the question only describe which row is meant, so the
    answer is the column, cited, not a refusal for a value the row does not hold."""
    t = next(t for t in corpus.tasks(doc) if t.number == number and t.kind == "task")
    answer = bundled_assistant.ask(question)
    assert answer.found, answer.text
    value = t.materials[:10] if field == "materials" else t.lead[0]
    assert value and value in answer.text, answer.text
    assert any(c.doc_id == doc and c.start_line == t.start_line for c in answer.citations)


# Whether something happened after the notice (评上了没, was it eventually designated), or a yes/no question about a
# value no passage holds (a year the measure was not extended to, a date it does not set): refused, nearest shown.
YES_NO_REFUSED = [
    ("陵川县后来有没有被命名为法治政府建设示范县？", "lingchuan-2022"),
    ("陵川最终评上示范县了没有？", "lingchuan-2022"),
    ("Was Lingchuan eventually designated a demonstration county?", "lingchuan-2022"),
    ("Did Lingchuan's acceptance check get completed?", "lingchuan-2022"),
    ("宜阳县的乡镇综合执法改革过渡期又延长到2026年了吗？", "yiyang-2024"),
    ("Did Yiyang push the township enforcement transition period out to 2026?", "yiyang-2024"),
    ("昌江区是不是要求每年5月1日前报告法治政府建设情况？", "changjiang-2024"),
    ("Does Changjiang ask for the rule-of-law report by June 1 each year?", "changjiang-2024"),
]


@pytest.mark.parametrize("question,doc_id", YES_NO_REFUSED)
def test_a_yes_no_question_no_passage_settles_is_refused(question, doc_id, bundled_assistant):
    answer = bundled_assistant.ask(question)
    assert answer.found is False, answer.text[:160]
    assert not answer.citations
    assert any(c.doc_id == doc_id for c in answer.nearest), answer.nearest


# The value asked about is in a passage: answered from it, the value in the cited sentence.
YES_NO_ANSWERED = [
    ("昌江区是不是要求每年3月1日前报告法治政府建设情况？", "changjiang-2024", "3月1日"),
    ("Does Changjiang ask for the rule-of-law report by March 1 each year?", "changjiang-2024", "3月1日"),
    ("宜阳县的综合执法改革过渡期是不是延长至2024年年底？", "yiyang-2024", "2024年年底"),
    ("Is Yiyang's township enforcement transition period extended to the end of 2024?", "yiyang-2024", "2024年"),
]


@pytest.mark.parametrize("question,doc_id,value", YES_NO_ANSWERED)
def test_a_yes_no_question_is_answered_by_the_passage_holding_its_value(question, doc_id, value, bundled_assistant):
    answer = bundled_assistant.ask(question)
    assert answer.found, answer.text[:160]
    assert answer.citations and all(value in c.quote for c in answer.citations if c.doc_id == doc_id)
    assert any(c.doc_id == doc_id for c in answer.citations)


def test_the_values_a_yes_no_question_names():
    from assistant.values import asked_values, holds_values

    values = asked_values("Was it due by March 1 2025, at 100%, twice (2 times)?")
    assert holds_values(values, "2025年3月1日前完成，达到100%，每年2次")
    assert not holds_values(values, "2025年4月1日前完成，达到100%，每年2次")
    assert [v.text for v in asked_values("是不是要求3月1日前报告")] == ["3月1日"]  # the 1日 is the date's


# A place no loaded notice is from names what every part of the message is about: the whole message is refused,
# naming the place, and no part is answered from the loaded notices; a part naming a loaded notice is still answered.
@pytest.mark.parametrize(
    "question,place",
    [
        ("浮梁县的任务清单有哪些内容？其中第3项由谁牵头？", "浮梁县"),
        ("What does the Fuliang County list cover? Who leads item 5 in it?", "Fuliang"),
        ("汉中市的工作要点讲了什么，第2项的完成时限是什么时候？", "汉中市"),
    ],
)
def test_every_part_about_a_place_with_no_notice_is_refused(question, place, bundled_assistant):
    answer = bundled_assistant.ask(question)
    assert answer.found is False and not answer.citations and not answer.tasks, answer.text[:200]
    assert place in answer.text


def test_a_part_naming_a_loaded_notice_is_still_answered(bundled_assistant, corpus):
    answer = bundled_assistant.ask("浮梁县有任务清单吗？柞水县第3项谁牵头？")
    row = next(t for t in corpus.get("zhashui-2024").tasks if t.number == 3 and t.kind == "task")
    assert any(c.doc_id == "zhashui-2024" and c.start_line == row.start_line for c in answer.citations)
    assert row.lead[0] in answer.text


# A loaded notice's title with another year or another place names a document that is not loaded: nothing answers it.
OTHER_EDITIONS = [
    ("渭南市2025年法治政府建设工作要点有几项任务？", "weinan-2024", "2025"),
    ("How many tasks are in Weinan's 2025 work points?", "weinan-2024", "2025"),
    ("洛阳市提升法治政府建设工作水平若干举措一共有多少条？牵头单位是谁？", "yiyang-2024", "洛阳市"),
    ("柞水县2025年那份法治政府建设任务清单的文号是多少？", "zhashui-2024", "2025"),
    ("洛阳市的提升法治政府建设工作水平若干举措一共有几条？", "yiyang-2024", "洛阳市"),  # 的 between place and title
]


@pytest.mark.parametrize("question,doc_id,other", OTHER_EDITIONS)
def test_another_edition_of_a_loaded_notice_is_refused(question, doc_id, other, bundled_assistant, corpus):
    answer = bundled_assistant.ask(question)
    assert answer.found is False and not answer.citations and not answer.tasks, answer.text
    assert other in answer.text, answer.text  # the refusal names the document asked about
    # the loaded edition itself is still answered
    own = question.replace("2025", "2024").replace("洛阳市", corpus.get(doc_id).notice.region or "")
    assert bundled_assistant.ask(own).found, own


@pytest.mark.parametrize(
    "question",
    [
        "What score weight does Lingchuan give rule-of-law work in the performance assessment?",
        "陵川县法治建设成效在绩效考核中占多少分值？",
    ],
)
def test_a_score_no_sentence_gives_is_refused(question, bundled_assistant):
    """Lingchuan asks units to *provide* the weight (提供…中的分值权重); no notice states one: nothing answers."""
    answer = bundled_assistant.ask(question)
    assert answer.found is False and not answer.citations, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Who is the director of the Changjiang District Justice Bureau (区司法局局长)?",
        "Who is the director of the Zhashui county justice bureau?",
    ],
)
def test_an_english_question_no_sentence_shares_a_word_with_is_refused(question, bundled_assistant):
    """The embedder finds the notice's head lines close to any question naming the notice; a sentence saying none
    of the question's words is still no answer."""
    answer = bundled_assistant.ask(question)
    assert answer.found is False and not answer.citations, answer.text[:200]


@pytest.mark.parametrize(
    "question, doc, title, number",
    [
        (
            "昌江区通知依据的《江西省人民政府关于进一步推进法治政府建设的若干意见》文号是多少？",
            "changjiang-2024",
            "若干意见",
            "赣府发〔2024〕10号",
        ),
        ("宜阳引用的宜司〔2023〕18号是关于啥的文件", "yiyang-2024", "综合行政执法规范化建设", "宜司〔2023〕18号"),
    ],
)
def test_a_cited_documents_number_or_title_is_read_from_the_citing_line_not_the_notices_own(
    question, doc, title, number, bundled_assistant, corpus
):
    """The answer names the cited document and the 文号 printed beside it, cited on that line, and does not print
    the citing notice's own 文号 as if it were the one asked."""
    answer = bundled_assistant.ask(question)
    own = corpus.get(doc).notice.doc_number
    assert answer.kind == "cited" and answer.found, answer.text[:200]
    assert title in answer.text and number in answer.text and own not in answer.text, answer.text[:200]
    assert any(c.doc_id == doc and number in c.quote for c in answer.citations)


def test_a_cited_document_printed_without_a_number_is_said_to_have_none(bundled_assistant):
    answer = bundled_assistant.ask("柞水县：《柞水县法治政府建设实施方案（2022-2025年）》的文号是多少")
    assert not answer.found and not answer.citations and "柞水县法治政府建设实施方案" in answer.text, answer.text
    assert any(c.doc_id == "zhashui-2024" for c in answer.nearest)

"""One message, several questions: every part answered in the order asked, each with its own citation (a part the
notices do not answer says so), and single questions with commas or several fields of one item left whole."""

from __future__ import annotations

import copy

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.footnotes import with_sources
from assistant.records import Answer, Citation
from assistant.understand import sub_questions
from index.corpus import Corpus


def cited(answer: Answer, doc_id: str, line: int) -> Citation:
    found = [c for c in answer.citations if c.doc_id == doc_id and c.start_line <= line <= c.end_line]
    assert found, f"{doc_id}: line {line} not cited; cited {[(c.doc_id, c.start_line) for c in answer.citations]}"
    return found[0]


def text_line(corpus: Corpus, doc_id: str, word: str) -> int:
    """The first line of a notice holding `word` (1-based, as citations count)."""
    lines = corpus.get(doc_id).notice.path.read_text(encoding="utf-8").splitlines()
    return next(i for i, x in enumerate(lines, 1) if word in x)


def in_order(text: str, *values: str) -> None:
    at = [text.find(v) for v in values]
    assert all(a >= 0 for a in at), f"missing {[v for v, a in zip(values, at, strict=True) if a < 0]} in {text!r}"
    assert at == sorted(at), f"{values} not in the order asked: {text!r}"


@pytest.mark.parametrize(
    "question",
    [
        "宜阳县那份通知文号多少 几号发的",
        "宜阳的文件，文号是多少？什么时候发的？",
        "宜阳县文号和日期是什么",  # both asked in one clause, joined by 和
        "Yiyang measures: document number and date issued?",
        "Yiyang notice number and date?",
    ],
)
def test_number_and_date_of_one_notice(bundled_assistant, corpus, question):
    s = corpus.get("yiyang-2024").structure
    a = bundled_assistant.ask(question)
    assert a.found
    number, date = cited(a, "yiyang-2024", s.doc_number.line), cited(a, "yiyang-2024", s.dates[0].line)
    in_order(a.text, number.quote, date.quote)


@pytest.mark.parametrize(
    "question,lang",
    [
        ("柞水县的通知是什么时候发的？第5项由谁牵头？", "zh"),
        ("When was the Zhashui notice issued, and who is in charge of item 5?", "en"),
    ],
)
def test_a_notice_field_then_an_item_field(bundled_assistant, corpus, question, lang):
    s = corpus.get("zhashui-2024").structure
    task = next(t for t in corpus.get("zhashui-2024").tasks if t.number == 5 and t.kind == "task")
    a = bundled_assistant.ask(question)
    assert a.found and a.lang == lang
    date = cited(a, "zhashui-2024", s.dates[0].line)
    cited(a, "zhashui-2024", task.start_line)
    in_order(a.text, date.quote, task.lead[0])
    assert a.understood is not None and a.understood.label.count("；" if lang == "zh" else "; ") == 1


@pytest.mark.parametrize(
    "question",
    [
        "陵川县方案的文号是多少，办公室副主任由谁兼任？",
        "Lingchuan plan: what's its document number, and who is the deputy director of the leading group office?",
    ],
)
def test_a_notice_field_then_a_prose_question(bundled_assistant, corpus, question):
    s = corpus.get("lingchuan-2022").structure
    a = bundled_assistant.ask(question)
    assert a.found
    number = cited(a, "lingchuan-2022", s.doc_number.line)
    deputy = cited(a, "lingchuan-2022", text_line(corpus, "lingchuan-2022", "办公室副主任由"))
    in_order(a.text, number.quote, "办公室副主任由")
    assert a.citations.index(number) < a.citations.index(deputy)


@pytest.mark.parametrize(
    "question",
    [
        "渭南的工作要点是哪家单位发的？谁编辑的？",
        "Which office issued the Weinan work points, and who edited the page?",
    ],
)
def test_web_page_issuer_and_editor(bundled_assistant, corpus, question):
    s = corpus.get("weinan-2024").structure
    editor = s.page_line("editor")
    a = bundled_assistant.ask(question)
    assert a.found
    cited(a, "weinan-2024", s.issuer.line)
    cited(a, "weinan-2024", editor.line)
    in_order(a.text, corpus.get("weinan-2024").notice.issuer, editor.text.split(":")[-1])


def test_a_part_the_notices_do_not_answer_says_so_for_that_part(bundled_assistant, corpus):
    s = corpus.get("zhashui-2024").structure
    a = bundled_assistant.ask("柞水县文号是多少，第5项的牵头单位是谁？县长的手机号是多少？")
    assert a.found
    cited(a, "zhashui-2024", s.doc_number.line)
    last = a.text.splitlines()[-1]
    assert "县长的手机号是多少" in last and not any(c.quote in last for c in a.citations)


def test_a_later_part_naming_its_own_topic_is_answered_from_its_own_sentence(bundled_assistant, corpus):
    """The second part names what it asks about (部门集体学法): its sentence, not the first part's again."""
    lines = corpus.get("changjiang-2024").notice.lines
    first = next(n for n, line in enumerate(lines, 1) if "常务会议每年学法" in line)
    second = next(n for n, line in enumerate(lines, 1) if "每年集体学法" in line)
    a = bundled_assistant.ask("昌江区政府常务会议一年学法最少几次？部门集体学法又是几次")
    cited(a, "changjiang-2024", first)
    cited(a, "changjiang-2024", second)


def test_markers_and_footnotes_match_the_merged_citations(bundled_assistant):
    a = bundled_assistant.ask("What is the Zhashui notice's document number, and who leads item 5?")
    shown = with_sources(a)
    for n in range(1, len(a.citations) + 1):
        assert f"[{n}]" in shown.split("\n\n")[0]
    assert len(a.citations) == len({(c.doc_id, c.start_line, c.quote) for c in a.citations})


def test_stream_gives_the_same_joined_answer(bundled_assistant):
    question = "柞水县的通知是什么时候发的？第5项由谁牵头？"
    *pieces, final = bundled_assistant.stream(question)
    assert isinstance(final, Answer) and "".join(pieces) == final.text
    assert final.text == bundled_assistant.ask(question).text


@pytest.mark.parametrize(
    "text,parts",
    [
        ("根据陵川县的方案，办公室主任是谁？", 1),  # a comma before the only question
        ("柞水县文号和印发日期是什么", 1),
        ("In the Zhashui list, who leads item 5?", 1),
        ("文号多少 哪天发的", 2),
        ("who is the director and who is the deputy?", 2),
        ("第5项由谁牵头；什么时候完成", 2),
    ],
)
def test_sub_questions(text, parts):
    assert len(sub_questions(text)) == parts


@pytest.mark.parametrize(
    "question,kind",
    [
        ("柞水县第5项由谁牵头，什么时候完成？", "task"),
        ("Zhashui item 5: who leads it, and when is it due?", "task"),
        ("柞水县哪些任务由县司法局牵头，分别什么时候完成？", "list"),
    ],
)
def test_one_item_or_one_list_is_answered_as_one(bundled_assistant, question, kind):
    a = bundled_assistant.ask(question)
    assert a.kind == kind
    assert a.understood is not None and "；" not in a.understood.label and "; " not in a.understood.label


def test_llm_mode_answers_the_message_whole(bundled_assistant):
    """FAKE chat model (FakeListChatModel): one reply for the whole message; the parts are not asked separately."""
    a = copy.copy(bundled_assistant)
    model = FakeListChatModel(responses=["柞政办函〔2024〕54号[1]"] * 3)
    a.use_llm(model)
    answer = a.ask("柞水县的通知是什么时候发的？第5项由谁牵头？")
    assert isinstance(answer, Answer) and model.i <= 1


@pytest.mark.parametrize(
    "question", ["渭南要求依申请公开的及时答复率是多少？哪些单位负责", "渭南依申请公开答复率要达到多少？由谁负责？"]
)
def test_who_is_responsible_after_a_prose_value_is_asked_of_its_row(bundled_assistant, corpus, question):
    """A later part of field words alone asks them of the row the first part's sentence stands in, not every unit
    of the notice."""
    answer = bundled_assistant.ask(question)
    line = text_line(corpus, "weinan-2024", "依申请公开信息及时答复率")
    row = next(t for t in corpus.get("weinan-2024").tasks if t.start_line <= line <= t.end_line)
    assert "100%" in cited(answer, "weinan-2024", line).quote
    assert all(u in answer.text for u in row.responsible), answer.text
    units = {u for t in corpus.get("weinan-2024").tasks for u in t.responsible}
    assert not [u for u in units - set(row.responsible) if u in answer.text], answer.text


@pytest.mark.parametrize(
    "question, doc, number, fields",
    [
        ("渭南第二十五条是啥？责任单位？", "weinan-2024", 25, ("content", "responsible")),
        ("What is Zhashui item 5? Who leads it?", "zhashui-2024", 5, ("content", "lead")),
    ],
)
def test_what_an_item_is_and_a_column_asked_in_two_sentences_are_both_answered(
    bundled_assistant, corpus, question, doc, number, fields
):
    """ "是啥？" in a sentence of its own asks the item's text; it is not swallowed by the column asked after it."""
    t = next(t for t in corpus.get(doc).tasks if t.kind == "task" and t.number == number)
    answer = bundled_assistant.ask(question)
    values = {"content": [t.content[:12]], "lead": list(t.lead), "responsible": list(t.responsible)}
    assert answer.understood.fields == fields, answer.understood.label
    for f in fields:
        assert all(v in answer.text for v in values[f]), f"{f} missing from {answer.text[:300]!r}"


def test_sentences_ending_in_a_question_mark_are_parts_even_without_a_question_word(bundled_assistant, corpus):
    """宜阳这份举措文号、印发日期？依据的洛阳文件文号？: three things asked, all answered, each cited."""
    n = corpus.get("yiyang-2024").notice
    answer = bundled_assistant.ask("宜阳这份举措文号、印发日期？依据的洛阳文件文号？")
    assert n.doc_number and n.doc_number in answer.text and "2024年12月16日" in answer.text
    assert any("洛政办〔2024〕39号" in c.quote for c in answer.citations), answer.text[:300]


def test_which_document_a_notice_cites_and_its_number_in_one_message(bundled_assistant):
    """ "…does Weinan cite, and what is its doc number?": the document the notice rests on, then the 文号 printed
    beside it (Weinan's own notice has none)."""
    answer = bundled_assistant.ask("What Shaanxi provincial measures does Weinan cite and what is its doc number?")
    assert "陕政办发〔2023〕25号" in answer.text, answer.text[:300]
    assert any(c.doc_id == "weinan-2024" and "陕政办发〔2023〕25号" in c.quote for c in answer.citations)

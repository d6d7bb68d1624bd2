"""Question understanding: numbers in every form, the field asked, the notice named, the kind of question."""

from __future__ import annotations

import pytest

from assistant.errors import EmptyQuestion, QuestionTooLong
from assistant.understand import detect_lang, find_numbers, understand, without_preamble


@pytest.fixture(scope="module")
def read(corpus):
    notices, tasks = [p.notice for p in corpus.notices], corpus.tasks()
    return lambda q: understand(q, notices, tasks)


@pytest.mark.parametrize(
    "text,number,style",
    [
        ("柞水县第17项任务由谁牵头", 17, "any"),
        ("第十七项的完成时限", 17, "any"),
        ("（十七）的责任单位", 17, "paren"),
        ("Who leads task 17?", 17, "any"),
        ("item #17", 17, "any"),
        ("problem 6 deadline", 6, "problem"),
        ("存在问题6的牵头单位", 6, "problem"),
        ("indicator 17 materials", 17, "indicator"),
        ("三级指标17", 17, "indicator"),
        ("任务17由谁负责", 17, "any"),
        ("17号任务", 17, "any"),
        ("加分项2", 2, "bonus"),
        ("veto item 1", 1, "veto"),
        ("第 5 项", 5, "any"),
        ("(二十五)", 25, "paren"),
    ],
)
def test_task_numbers_in_every_form(text, number, style):
    assert find_numbers(text) == ((number,), style)


@pytest.mark.parametrize("text", ["落实第一责任人职责", "2024年12月底前完成的", "每年3月底前", "the 2022 plan"])
def test_text_that_is_not_a_task_number_gives_none(text):
    assert find_numbers(text)[0] == ()


@pytest.mark.parametrize(
    "text,fields",
    [
        ("柞水县第17项由谁牵头？", ("lead",)),
        ("宜阳县存在问题6的完成时限是什么？", ("deadline",)),
        ("Who leads task 17 and by when?", ("deadline", "lead")),
        ("陵川三级指标17需要报送什么资料", ("materials",)),
        ("渭南（三）的责任单位是哪些", ("responsible",)),
        ("What does task 3 in Zhashui require?", ("content",)),
    ],
)
def test_the_field_asked(read, text, fields):
    assert set(read(text).fields) == set(fields)


@pytest.mark.parametrize(
    "text,doc_id",
    [
        ("柞水县第17项", "zhashui-2024"),
        ("task 17 in the Zhashui list", "zhashui-2024"),
        ("Jingdezhen item 3", "changjiang-2024"),
        ("昌江区第3项", "changjiang-2024"),
        ("宜政办〔2024〕22号 问题6", "yiyang-2024"),
        ("the Lingchuan plan", "lingchuan-2022"),
        ("渭南市2024年法治政府建设工作要点（三）", "weinan-2024"),
        ("What does the 2022 plan say about phases?", "lingchuan-2022"),
    ],
)
def test_the_notice_named(read, text, doc_id):
    assert read(text).doc_ids == (doc_id,)


@pytest.mark.parametrize(
    "text,intent",
    [
        ("who leads task 17?", "task"),
        ("which Zhashui tasks are led by 县审批局", "list"),
        ("how many problems does the Yiyang notice list", "count"),
        ("tasks due by 2024年6月底", "list"),
        ("柞水县有多少项任务", "count"),
        ("training hours for law-enforcement staff in each notice", "cross"),
        ("陵川县领导小组组长是谁", "open"),
        ("柞水县由县审批局牵头的任务有哪些", "list"),
    ],
)
def test_the_kind_of_question(read, text, intent):
    assert read(text).kind == intent


@pytest.mark.parametrize(
    "text,meta",
    [
        ("When was the Lingchuan plan issued?", "date"),
        ("渭南工作要点是什么时候印发的？", "date"),
        ("宜阳县文件的发文日期", "date"),
        ("柞水县这份通知的文号是什么？", "number"),
        ("What is the reference number of the Yiyang measures?", "number"),
        ("Who issued the Yiyang measures?", "issuer"),
        ("昌江区任务清单是哪个单位印发的？", "issuer"),
        ("陵川县方案的标题是什么", "title"),
    ],
)
def test_questions_about_the_notice_itself(read, text, meta):
    q = read(text)
    assert (q.kind, q.meta) == ("meta", meta)


def test_a_question_about_a_named_document_the_notice_rests_on_is_not_about_the_notice(read):
    q = read("渭南工作要点依据的《陕西省关于进一步推进法治政府建设的若干措施》文号是什么？")
    assert q.meta is None and q.kind == "cited"  # that document's 文号, as the citing line prints it


@pytest.mark.parametrize(
    "text, basis",
    [
        ("What Shaanxi provincial measures does Weinan cite?", True),
        ("Which Henan document on enforcement quality does Yiyang cite?", False),  # a topic: the passage citing it
        ("Which document does the Yiyang measure cite for the township enforcement plan?", False),
    ],
)
def test_which_document_a_notice_cites_is_its_basis_unless_a_topic_narrows_it(read, text, basis):
    assert (read(text).meta == "basis") is basis


def test_which_document_a_notice_rests_on_is_its_basis_sentence(read):
    """Not naming the document, it asks what the notice's head says it implements (根据《…》(洛政办〔2024〕39号))."""
    q = read("Which Luoyang document are the Yiyang measures based on (give its document number)?")
    assert (q.kind, q.meta) == ("meta", "basis")


@pytest.mark.parametrize(
    "text,negated",
    [
        ("柞水县任务清单中哪些任务的完成时限不是“长期”？", ("due",)),
        ("宜阳县哪些存在问题的牵头单位里没有县司法局？", ("units",)),
        ("Which Zhashui tasks are not led by the justice bureau?", ("units",)),
        ("Which Zhashui tasks have a deadline other than 长期?", ("due",)),
        ("柞水县哪些任务由县司法局牵头？", ()),
        ("柞水县完成时限为长期的任务有几项？", ()),
        ("除柞水县外，哪些任务由县司法局牵头？", ()),  # the negation is about the notice, not the unit
    ],
)
def test_a_negated_list_filter_is_read(read, text, negated):
    assert read(text).negated == negated


@pytest.mark.parametrize(
    "text,level",
    [
        ("宜阳县的举措分为几个方面？", 1),
        ("昌江区清单共有多少个二级指标？", 2),
        ("How many second-level headings does the Changjiang list have?", 2),
        ("Into how many areas are the Weinan work points divided?", 1),
        ("柞水县有多少项任务", None),
        ("How many problems does the Yiyang notice list?", None),
    ],
)
def test_a_count_of_the_notices_groups_is_told_from_a_count_of_items(read, text, level):
    q = read(text)
    assert q.section_level == level and q.kind == ("sections" if level else "count")


@pytest.mark.parametrize(
    "text,mentions,intent",
    [
        ("柞水县哪些任务提到行政复议？", ("行政复议",), "list"),
        ("陵川县有几项指标涉及“实地核查”？", ("实地核查",), "count"),
        ("Which Zhashui tasks mention 行政复议?", ("行政复议",), "list"),
        ("How many veto items (否决项) does Lingchuan list?", (), "count"),  # names a kind of item, not a word to find
        ("Which Zhashui tasks are led by 县司法局?", (), "list"),  # a unit filter, not a mention
        ("柞水县第11项提到行政复议吗？", (), "task"),
    ],
)
def test_words_a_list_question_filters_items_by(read, text, mentions, intent):
    q = read(text)
    assert (q.mentions, q.kind) == (mentions, intent)


def test_a_task_deadline_question_is_not_about_the_notice_date(read):
    q = read("柞水县第17项任务什么时候完成？")
    assert q.kind == "task" and q.meta is None


def test_units_and_due_dates_are_read(read):
    assert read("which Zhashui tasks are led by 县审批局").units == ("县审批局",)
    assert read("tasks due by 2024年6月底").due == "2024年6月底"
    assert read("Which tasks does the justice bureau lead in Zhashui?").units == ("司法局",)


def test_language(read):
    assert detect_lang("Who leads task 17 in 柞水?") == "en" and detect_lang("柞水县第17项 task") == "zh"
    assert "牵头" in read("Who leads task 17 in the Zhashui list?").search_text


@pytest.mark.parametrize("text", ["", "   \n\t"])
def test_an_empty_question_is_refused_before_any_work(read, text):
    with pytest.raises(EmptyQuestion):
        read(text)


def test_an_over_long_question_is_refused(read):
    with pytest.raises(QuestionTooLong, match="2001"):
        read("问" * 2001)


@pytest.mark.parametrize(
    "text,number",
    [
        ("宜阳5号由哪个单位牵头", 5),
        ("渭南市十二条的责任单位", 12),
        ("昌江区的8项，这条谁来牵头", 8),
        ("what is Lingchuan 44 about?", 44),
        ("Yiyang County no. 9, when is it due", 9),
    ],
)
def test_a_number_right_after_the_notices_name_is_its_item(read, text, number):
    assert read(text).numbers == (number,)


@pytest.mark.parametrize(
    "text",
    [
        "宜阳县16个问题都是什么",
        "柞水2024年的通知",
        "柞水县3个工作日内办结的事项有哪些",
        "Does Lingchuan have 100 indicators",
    ],
)
def test_a_count_or_date_after_the_notices_name_is_no_item(read, text):
    assert read(text).numbers == ()


@pytest.mark.parametrize(
    "text,fields",
    [
        ("宜阳问题2讲了什么，又由谁牵头？", ("content", "lead")),
        ("渭南（七）啥时候完成，具体措施是什么", ("deadline", "content")),
        ("When must Zhashui item 9 be done, and what does it involve?", ("deadline", "content")),
        ("What is indicator 30 of Lingchuan about, and which documents to submit?", ("content", "materials")),
        ("陵川指标30需要上交哪些东西", ("materials",)),
        ("What has to be handed in for Lingchuan indicator 31?", ("materials",)),
        ("Which office handles Zhashui task 8?", ("responsible",)),
        ("柞水县第9项由谁负责？什么时候完成？", ("lead", "responsible", "deadline")),
        ("第二十三项讲的是啥", ("content",)),
        ("宜阳问题3什么时候完成，由谁负责？", ("deadline", "lead", "responsible")),
        ("Who is in charge of Zhashui task 9, and by when?", ("lead", "deadline")),
    ],
)
def test_the_fields_asked_in_the_order_asked(read, text, fields):
    assert read(text).fields == fields


def test_notices_named_among_hundreds_are_found_by_the_corpus_name_index(corpus):
    """300 copies of the bundled notices, each with its own region, pinyin and 文号: a question naming one by any of
    them finds exactly that one; a title tail all copies share names none."""
    import dataclasses

    from assistant.understand import find_notices

    base = [p.notice for p in corpus.notices]
    copies = [
        dataclasses.replace(
            n,
            doc_id=f"copy-{k}",
            region=f"第{k}县",
            aliases=(f"第{k}县", f"xian{k}"),
            doc_number=f"X政办〔2024〕{k}号",
            sha256=str(k),
        )
        for k, n in enumerate(base * 60)
    ]
    assert find_notices("第123县第17项由谁牵头？", copies) == ("copy-123",)
    assert find_notices("Who leads task 3 in the Xian77 list?", copies) == ("copy-77",)
    assert find_notices("X政办〔2024〕250号的印发日期", copies) == ("copy-250",)
    assert find_notices("xian7 and xian8", copies) == ("copy-7", "copy-8")
    tail = base[0].title[-12:]
    assert find_notices(f"《{tail}》第3项", copies) == ()
    assert find_notices(f"《{tail}》第3项", base) == (base[0].doc_id,)


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("22项是谁牵头？", (22,)),
        ("8条呢，完成时限", (8,)),
        ("3项由哪个单位负责", (3,)),
        ("共22项吗", ()),
        ("一共5项任务", ()),
    ],
)
def test_a_message_opening_on_n_items_asks_about_that_item(read, text, numbers):
    assert read(text).numbers == numbers


@pytest.mark.parametrize(
    ("said", "question"),
    [
        ("好的。另外问一下，柞水第20项里要多少天内报备？", "柞水第20项里要多少天内报备？"),
        ("Different question: in Weinan, how often?", "in Weinan, how often?"),
        ("OK thanks. One more thing: who leads item 3?", "who leads item 3?"),
        ("还有哪些任务由县司法局牵头", "还有哪些任务由县司法局牵头"),  # 还有 asks here
        ("好的", "好的"),  # nothing else: the message stays as said
    ],
)
def test_words_before_a_question_that_ask_nothing_are_dropped(said, question):
    assert without_preamble(said) == question


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Which document numbers are cited in Yiyang problems 7 and 10?", (7, 10)),
        ("Who leads items 3, 5 and 9 of the Zhashui list?", (3, 5, 9)),
        ("Who leads task 17 and by when?", (17,)),
        ("task 17 and 2024", (17,)),  # a year is no item
        ("item 5 and 30 people", (5,)),  # nor a count
    ],
)
def test_numbers_joined_to_a_numbered_item_are_items_too(text, numbers):
    assert find_numbers(text)[0] == numbers


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("List the Zhashui tasks due in 2024", True),
        ("Can you list the Weinan items led by 市司法局?", True),
        ("Zhashui list: list the long-term items", True),
        ("same item number in the Changjiang list — who leads it?", False),
        ("In the Zhashui list, who leads item 4?", False),
    ],
)
def test_list_is_a_request_as_a_verb_not_as_the_notices_noun(corpus, text: str, asks: bool) -> None:
    q = understand(text, corpus.notice_list(), corpus.all_tasks())
    assert q.asks_list is asks


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Which Zhashui tasks were due before July 1, 2024?", "2024年6月"),  # the first of a month: the month before
        ("tasks due by 31 Dec 2024", "2024年12月"),
        ("anything due by 1st January 2025?", "2024年12月"),
        ("items due by June 30th, 2024", "2024年6月"),
    ],
)
def test_an_english_day_filters_deadlines_by_the_month_it_closes(corpus, text: str, due: str) -> None:
    assert understand(text, corpus.notice_list(), corpus.all_tasks()).due == due


def test_a_year_before_the_word_deadline_is_a_whole_year(corpus) -> None:
    q = understand("Which Zhashui tasks have a 2024 deadline?", corpus.notice_list(), corpus.all_tasks())
    assert q.due == "2024年全年"


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("柞水哪些任务跟县司法局一点关系都没有（牵头里没它）", ("units",)),
        ("柞水哪些任务与县司法局无关", ("units",)),
        ("柞水哪些任务牵头单位里没有县司法局", ("units",)),
        ("柞水哪些任务有县司法局参与", ()),
        ("柞水哪些任务跟县司法局有关", ()),
    ],
)
def test_a_unit_denied_after_it_is_named_turns_the_list_round(corpus, text: str, negated: tuple[str, ...]) -> None:
    q = understand(text, corpus.notice_list(), corpus.all_tasks())
    assert q.units == ("县司法局",) and q.negated == negated


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("陵川附加项里的加分项第1条，要附啥证明材料", "bonus"),
        ("陵川加分项第一项", "bonus"),
        ("陵川的否决项第2条是什么", "veto"),
    ],
)
def test_a_bonus_or_veto_item_numbered_after_its_family_keeps_the_family(text: str, style: str) -> None:
    assert find_numbers(text, [])[1] == style


@pytest.mark.parametrize(
    "text", ["陵川的七个一活动第三个是啥", "“七个一”的第五个讲的什么", "陵川县“三个一”第二条是什么"]
)
def test_the_kth_point_of_a_named_set_is_no_item_number(text):
    from assistant.understand import find_numbers

    assert find_numbers(text)[0] == (), text


@pytest.mark.parametrize(
    "text, fields",
    [
        ("Weinan point 3 — which unit and what deadline?", ("responsible", "deadline")),
        ("Zhashui item 5: which unit leads it?", ("lead",)),
        ("Lingchuan 20: from which unit, and what materials?", ("responsible", "materials")),
    ],
)
def test_which_unit_in_the_singular_asks_the_units(text, fields):
    from assistant.understand import find_fields

    assert find_fields(text) == fields

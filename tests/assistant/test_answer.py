"""End-to-end extractive answers on the bundled notices: real Chroma on disk, real USE embedder, no LLM."""

from __future__ import annotations

import re

import pytest

from assistant.errors import BadQuestion, EmptyQuestion, QuestionTooLong, UnknownNotice


@pytest.fixture(scope="module")
def assistant(bundled_assistant):
    return bundled_assistant


# question -> strings the answer must contain, and the doc_id its first citation must point at (None: refusal)
CASES = [
    ("Who leads task 17 in the Zhashui list and by when?", ["县司法局", "长期"], "zhashui-2024"),
    ("柞水县第十七项任务由谁牵头？", ["县司法局"], "zhashui-2024"),
    ("宜阳县存在问题6的完成时限是什么？", ["2024年12月31日前取得阶段性成效,长期坚持"], "yiyang-2024"),
    ("宜阳县存在问题6由谁牵头", ["县司法局", "县委编办", "县委改革办"], "yiyang-2024"),
    ("What is the deadline of problem 9 in Yiyang?", ["长期坚持"], "yiyang-2024"),
    ("柞水县第15项的完成时限", ["长期"], "zhashui-2024"),
    ("Who leads task 9 in Zhashui?", ["县审批局", "县司法局"], "zhashui-2024"),
    ("昌江区第30项的责任单位", ["区财政局", "区人社局"], "changjiang-2024"),
    ("Jingdezhen item 17: who leads it?", ["区司法局", "区市场监管局", "区政务局", "区发改委"], "changjiang-2024"),
    ("渭南市工作要点（十）由谁牵头？", ["没有牵头单位", "市司法局"], "weinan-2024"),
    ("陵川县三级指标12需要报送什么资料", ["2020年以来出台的经公平竞争审查"], "lingchuan-2022"),
    ("Lingchuan indicator 1: which units are responsible?", ["县行政审批服务管理局"], "lingchuan-2022"),
    ("陵川县否决项1是什么", ["发生严重违法行政行为"], "lingchuan-2022"),
    ("昌江区第1项的完成时限是什么", ["没有规定完成时限", "每年3月1日前"], "changjiang-2024"),
    ("which Zhashui tasks are led by 县审批局", ["9.", "18.", "19."], "zhashui-2024"),
    ("how many problems does the Yiyang notice list", ["16"], "yiyang-2024"),
    ("柞水县有多少项任务", ["22"], "zhashui-2024"),
    ("tasks due by 2024年6月底 in Zhashui", ["2.", "5.", "6."], "zhashui-2024"),
    ("领导小组办公室设在哪里？", ["县委依法治县"], "lingchuan-2022"),
    ("陵川县创建活动分为哪几个阶段？", ["动员部署"], "lingchuan-2022"),
    ("How many hours of training must law-enforcement staff get each year in Weinan?", ["60学时"], "weinan-2024"),
    ("When was the Lingchuan plan issued?", ["2022年11月28日"], "lingchuan-2022"),
    ("渭南工作要点是什么时候印发的？", ["2024-04-20", "4月18日"], "weinan-2024"),
    ("柞水县这份通知的文号是什么？", ["柞政办函〔2024〕54号"], "zhashui-2024"),
    ("What is the document number of the Weinan work points?", ["no document number"], None),
    ("昌江区任务清单是哪个单位印发的？", ["景德镇市昌江区人民政府办公室"], "changjiang-2024"),
    # a phase's dates are in its heading line, "（四）总结提升（2023年3月）", which neither retriever ranks high
    ("陵川县的总结提升阶段安排在什么时候？", ["2023年3月"], "lingchuan-2022"),
    ("When is the county-level preliminary review (县级初审) in Lingchuan?", ["2023年2月"], "lingchuan-2022"),
    # "based on": the notice says 根据《…》 or 全面落实《…》; the other document's 文号 is in the notice's text
    ("宜阳县的若干举措是根据哪个文件制定的？", ["洛政办〔2024〕39号"], "yiyang-2024"),
    (
        "What is the document number of the Jiangxi opinions that the Changjiang list is based on?",
        ["赣府发〔2024〕10号"],
        "changjiang-2024",
    ),
    (
        "柞水县的任务清单是依据哪些纲要和方案制定的？",
        ["法治政府建设实施纲要（2021-2025年）", "柞水县法治政府建设实施方案"],
        "zhashui-2024",
    ),
    ("Lingchuan: to which e-mail address do units send the electronic copies?", ["lcsfj305@163.com"], "lingchuan-2022"),
    # counts of the notices' groups: Yiyang has six 一、…方面 headings, Weinan eight, Changjiang six 一、… over
    # twenty-four （一）…（二十四）
    ("宜阳县的举措分为几个方面？", ["6个方面", "六、提升人民群众满意度方面"], "yiyang-2024"),
    ("Into how many areas are the Weinan work points divided?", ["8 areas"], "weinan-2024"),
    ("昌江区清单共有多少个二级指标？", ["24个二级指标", "（二十四）提升公共法律服务能力"], "changjiang-2024"),
    ("How many sections does the Changjiang list have?", ["6 sections"], "changjiang-2024"),
    # "by <date>" makes a due-date list, for problems as for tasks
    (
        "Which Yiyang problems have to be achieved by December 2024?",
        ["存在问题6", "存在问题7", "存在问题8", "存在问题16"],
        "yiyang-2024",
    ),
    ("柞水县的防汛抗旱指挥部由谁负责？", ["未找到相关规定"], None),
    ("What is the capital of France?", ["do not say"], None),
    ("柞水县图书馆的开放时间是几点？", ["未找到相关规定"], None),
]


@pytest.mark.parametrize("question,must,doc_id", CASES, ids=[c[0][:30] for c in CASES])
def test_answers_name_the_facts_and_cite_the_notice(assistant, corpus, question, must, doc_id):
    a = assistant.ask(question)
    for s in must:
        assert s in a.text, f"{question!r}: {s!r} missing from {a.text[:200]!r}"
    if doc_id is None:
        assert not a.found and not a.tasks
    else:
        assert a.found and a.citations and a.citations[0].doc_id == doc_id, f"{question!r}: cites {a.citations[:1]}"
    for c in a.citations:
        notice = corpus.get(c.doc_id).notice
        assert c.quote in notice.text, f"{question!r}: quote not in {c.doc_id}"
        assert c.quote.split("\n")[0].strip() in notice.line_span_text(c.start_line, c.end_line)


def test_a_task_question_naming_no_notice_answers_for_every_notice_with_that_item(assistant):
    a = assistant.ask("who leads task 17?")
    assert "names no notice" in a.text
    assert {c.doc_id for c in a.citations} == {"zhashui-2024", "weinan-2024", "changjiang-2024", "lingchuan-2022"}
    assert len(a.text.splitlines()) == 5 and "县司法局" in a.text


def test_answers_are_in_the_questions_language(assistant):
    assert assistant.ask("柞水县第17项由谁牵头").lang == "zh"
    assert "lead: 县司法局" in assistant.ask("Who leads Zhashui task 17?").text


def test_an_english_answer_names_the_notice_by_its_own_place_not_the_city_above_it(assistant):
    """昌江区 is a district of 景德镇市 (an alias of its notice): its answers say Changjiang."""
    text = assistant.ask("Who leads Changjiang item 3?").text
    assert text.startswith("Changjiang (昌府办字〔2024〕45号)") and "Jingdezhen" not in text, text


def test_cross_notice_question_is_grouped_by_notice(assistant):
    a = assistant.ask("training hours for law-enforcement staff in each notice")
    assert "60学时" in a.text and "40学时" in a.text
    assert len({c.doc_id for c in a.citations}) >= 3


def test_doc_filter_restricts_the_answer(assistant):
    a = assistant.ask("who leads task 17?", doc="宜阳")
    assert not a.tasks
    with pytest.raises(UnknownNotice):
        assistant.ask("who leads task 17?", doc="beijing")


@pytest.mark.parametrize(
    "question,filter_,doc_id,must,filter_place",
    [
        ("宜阳县存在问题6的完成时限是什么？", "柞水县", "yiyang-2024", "2024年12月31日前", "柞水县"),
        ("Who leads task 3 in the Changjiang notice?", "zhashui-2024", "changjiang-2024", "区司法局", "Zhashui"),
    ],
)
def test_a_notice_the_question_names_wins_over_the_filter_and_the_answer_says_so(
    assistant, corpus, question, filter_, doc_id, must, filter_place
):
    a = assistant.ask(question, doc=filter_)
    assert a.found and must in a.text, a.text
    assert {c.doc_id for c in a.citations} == {doc_id}, a.citations
    assert any(filter_place in n for n in a.notes), a.notes  # the conflict is shown, never silent
    assert assistant.ask(question, doc=doc_id).notes == [], "a filter agreeing with the question adds no note"


def test_a_notice_carried_from_the_conversation_gives_way_to_the_filter(assistant):
    history = [{"role": "user", "content": "宜阳县存在问题6的完成时限是什么？"}]
    a = assistant.ask("那第17项呢？", doc="柞水县", history=history)
    assert {c.doc_id for c in a.citations} == {"zhashui-2024"} and not a.notes, (a.text, a.notes)


@pytest.mark.parametrize(
    "q,exc",
    [
        ("", EmptyQuestion),
        ("  ", EmptyQuestion),
        ("\u200b\ufeff", EmptyQuestion),
        ("x" * 2001, QuestionTooLong),
        ("柞水县第17项\udc80由谁牵头", BadQuestion),
    ],
)
def test_bad_questions_raise_before_retrieval(assistant, q, exc):
    with pytest.raises(exc):
        assistant.ask(q)


def test_invisible_characters_do_not_split_an_item_number(assistant, corpus):
    """第1\u200b7项 (a zero-width space pasted from a web page) is item 17, as the reader sees it, not item 1."""
    t17 = next(t for t in corpus.tasks("zhashui-2024") if t.number == 17)
    plain = assistant.ask("柞水县第17项的完成时限是什么？")
    for hidden in ("\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad"):
        a = assistant.ask(f"柞水县第1{hidden}7项的完成时限是什么？")
        assert (a.text, [c.start_line for c in a.citations]) == (plain.text, [c.start_line for c in plain.citations])
    assert t17.start_line in [c.start_line for c in plain.citations]


def test_the_chain_is_a_runnable(assistant):
    from assistant.service import Request

    a = assistant.chain.invoke(Request("柞水县第1项的完成时限"))
    assert "2024年12月底前" in a.text


@pytest.mark.parametrize(
    "question",
    [
        "宜阳县要求行政执法人员每年培训多少学时？",  # no Yiyang sentence gives a number of 学时
        "渭南公布的行政执法投诉举报电话号码是多少？",  # it says to publish one, never gives it
    ],
)
def test_a_quantity_question_needs_a_sentence_with_that_quantity(assistant, question):
    assert not assistant.ask(question).found


def test_a_quantity_question_answers_with_the_sentence_holding_it(assistant):
    a = assistant.ask("陵川县行政执法人员每年专题培训多少学时？")
    assert a.found and "40学时" in a.text


def test_an_item_number_the_notice_lacks_is_refused_with_its_range(assistant):
    a = assistant.ask("Who leads task 30 in the Zhashui list?")
    assert not a.found and not a.citations and "22" in a.text


def test_a_place_with_no_loaded_notice_is_refused(assistant):
    for q in ("镇安县法治政府建设任务清单第5项由谁牵头？", "What did Shangluo City's notice require of townships?"):
        a = assistant.ask(q)
        assert not a.found and not a.citations, q


def test_a_task_question_about_its_text_shows_the_content(assistant):
    a = assistant.ask("Under Changjiang indicator 25, within how many days must a losing agency file the judgment?")
    assert "15日内" in a.text and "区司法局" in a.text


def test_a_roster_entry_cites_the_lines_its_value_runs_on_over(assistant, corpus):
    """副组长：原红芳 … is followed by four more deputies, one per line, with no label of their own."""
    a = assistant.ask("陵川县领导小组副组长都有谁？")
    assert all(name in a.text for name in ("原红芳", "张勇力", "李海富", "贾毅兵", "刘保全"))
    roster = next(c for c in a.citations if "原红芳" in c.quote)
    notice = corpus.get("lingchuan-2022").notice
    assert roster.quote == notice.line_span_text(roster.start_line, roster.end_line)
    assert "刘保全" in roster.quote and "成 员" not in roster.quote, "the roster stops at the next label"


def test_a_label_line_with_nothing_after_it_is_cited_alone(assistant):
    a = assistant.ask("陵川领导小组组长是谁？")
    leader = next(c for c in a.citations if "王 丽" in c.quote)
    assert leader.start_line == leader.end_line, "组 长 is followed by 副组长, a label of its own"


def test_a_negated_filter_lists_the_other_items(assistant, corpus):
    tasks = corpus.get("zhashui-2024").tasks
    a = assistant.ask("柞水县任务清单中哪些任务的完成时限不是“长期”？")
    assert {t.number for t in a.tasks} == {t.number for t in tasks if t.deadline and t.deadline != "长期"}
    assert "完成时限不是长期的共 7 项" in a.text
    b = assistant.ask("Which Zhashui tasks are not led by the justice bureau?")
    assert b.tasks and all(not any("司法局" in u for u in t.lead) for t in b.tasks)
    assert {t.number for t in b.tasks} | {t.number for t in assistant.ask("柞水县哪些任务由县司法局牵头？").tasks} == {
        t.number for t in tasks
    }


def test_lead_or_responsible_matches_either_column_and_says_so(assistant):
    a = assistant.ask("昌江区任务清单里涉及区财政局（牵头或责任）的指标有哪些？")
    assert {t.number for t in a.tasks} == {30, 32, 39} and "牵头或负责" in a.text
    assert any("区财政局" in t.responsible and "区财政局" not in t.lead for t in a.tasks)


def test_a_sentence_introducing_a_numbered_list_brings_the_list(assistant, corpus):
    """“七个一” is introduced in one sentence and spelled out as items 1.–7. on the lines after it."""
    a = assistant.ask("陵川县“七个一”活动包括哪些？")
    for word in ("调研指导", "专题培训会", "案卷评查", "宣传推广", "群众满意度测评", "大督察", "推优评选"):
        assert word in a.text, word
    notice = corpus.get("lingchuan-2022").notice
    items = [c for c in a.citations if re.match(r"\d\.", c.quote)]
    assert [c.quote.split(".")[0] for c in items] == [str(i) for i in range(1, 8)]
    assert all(c.quote in notice.line_span_text(c.start_line, c.end_line) for c in items)


def test_a_list_under_a_heading_stops_at_the_next_heading(assistant):
    a = assistant.ask("陵川县县级初审阶段包括哪些工作？")
    assert "资料报送" in a.text and "推荐上报" in a.text
    assert "回头看" not in a.text, "（四）总结提升 is the next phase, not part of this one"


def test_items_mentioning_a_word_are_listed_from_the_table(assistant, corpus):
    a = assistant.ask("Which Zhashui tasks mention 行政复议?")
    expected = {t.number for t in corpus.get("zhashui-2024").tasks if "行政复议" in t.content}
    assert expected and {t.number for t in a.tasks} == expected
    m = assistant.ask("陵川县哪些指标的资料要求“实地核查”？")
    lc = corpus.get("lingchuan-2022").tasks
    assert {t.number for t in m.tasks} == {
        t.number for t in lc if "实地核查" in (t.materials or "") and t.kind == "task"
    }


def test_a_mention_no_item_has_falls_back_to_the_notices_text(assistant):
    """No Yiyang problem says 乡镇执法 in those words; the text about 乡镇(街道)执法 still answers."""
    a = assistant.ask("宜阳县哪些问题涉及乡镇执法？")
    assert a.found and "乡镇" in a.text and not a.text.startswith("未找到")

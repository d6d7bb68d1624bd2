"""Facts stated in a notice's prose, asked in either language with wordings unlike the gold set's: a contact value
(e-mail, room), a stage's dates where the heading names the stage otherwise than the overview, a renamed thing, a
target rate, a count, a web page's own source and editor lines, the documents a notice implements, and a date with a
format from one paragraph. Expected values are read from the parsed notices, not written from the answers."""

from __future__ import annotations

import re

import pytest

from assistant.records import Kind
from assistant.understand import understand

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _line(corpus, doc_id: str, pattern: str) -> tuple[int, str]:
    """The first line of a notice matching `pattern`, 1-based, with the match."""
    for n, line in enumerate(corpus.get(doc_id).notice.lines, 1):
        if m := re.search(pattern, line):
            return n, m.group(0)
    raise AssertionError(f"{doc_id}: no line matches {pattern!r}")


def _cited_lines(answer) -> set[int]:
    return {n for c in answer.citations for n in range(c.start_line, c.end_line + 1)}


def _assert_answers(answer, doc_id: str, line: int, value: str) -> None:
    assert answer.found, f"{doc_id}: refused, expected line {line} ({value})\n{answer.text}"
    assert value in answer.text, f"{doc_id}: {value!r} missing from\n{answer.text}"
    assert any(c.doc_id == doc_id and c.start_line <= line <= c.end_line for c in answer.citations), (
        f"{doc_id}: line {line} not cited: {[(c.doc_id, c.start_line) for c in answer.citations]}"
    )


@pytest.mark.parametrize(
    "question",
    [
        "To which mailbox do the Lingchuan responsible units e-mail their digital copies?",
        "陵川各责任单位的电子版资料要发到哪个电子邮箱？",
    ],
)
def test_an_email_address_in_prose(bundled_assistant, corpus, question):
    line, address = _line(corpus, "lingchuan-2022", EMAIL.pattern)
    _assert_answers(bundled_assistant.ask(question), "lingchuan-2022", line, address)


@pytest.mark.parametrize(
    "question",
    [
        "In which office number do Lingchuan units hand in the paper copies of their materials?",
        "陵川的纸质资料送到哪个办公室？",
    ],
)
def test_a_room_in_prose(bundled_assistant, corpus, question):
    line, room = _line(corpus, "lingchuan-2022", r"\d+办公室")
    _assert_answers(bundled_assistant.ask(question), "lingchuan-2022", line, room)


def _first_month(corpus, stage) -> str:
    """The first date a Lingchuan stage's heading prints: （二）实施推进（2022年12月-2023年1月） -> 2022年12月."""
    heading = corpus.get("lingchuan-2022").notice.lines[stage.line - 1]
    dates = re.search(r"（([^（）]*\d+月[^（）]*)）", heading)
    assert dates, heading
    return dates.group(1).split("—")[0].split("-")[0]


@pytest.mark.parametrize(
    "question,stage",
    [
        ("During which months does Lingchuan's acceptance stage run?", "申报验收"),
        ("陵川申报验收阶段安排在哪几个月？", "申报验收"),
        ("When is Lingchuan's summing-up stage (总结提升) scheduled?", "总结提升"),
        ("陵川的动员部署是哪个月？", "动员部署"),
    ],
)
def test_a_stage_heading_gives_its_dates(bundled_assistant, corpus, question, stage):
    """The overview names the stage; its heading (worded its own way) carries the dates."""
    found = next(s for s in corpus.get("lingchuan-2022").structure.stages if s.name == stage)
    _assert_answers(bundled_assistant.ask(question), "lingchuan-2022", found.line, _first_month(corpus, found))


@pytest.mark.parametrize(
    "turns,k",
    [
        (["陵川创建示范县第三个阶段是啥时候？"], 3),
        (["When is the second phase of Lingchuan's plan?"], 2),
        (["陵川创建示范县分几个阶段？", "第四个阶段呢，什么时候？"], 4),
        (["When is the implementation phase of Lingchuan's plan?", "What about the fifth phase?"], 5),
    ],
)
def test_a_stage_picked_by_its_place_gives_that_stages_dates(bundled_assistant, corpus, turns, k):
    """第三个阶段 / the fourth phase is the k-th stage the overview names, never item k of a table."""
    found = corpus.get("lingchuan-2022").structure.stages[k - 1]
    history: list[dict[str, str]] = []
    for turn in turns[:-1]:
        history += [
            {"role": "user", "content": turn},
            {"role": "assistant", "content": bundled_assistant.ask(turn).text},
        ]
    answer = bundled_assistant.ask(turns[-1], history=history)
    assert not answer.tasks, f"a stage read as an item: {answer.text}"
    _assert_answers(answer, "lingchuan-2022", found.line, _first_month(corpus, found))


def test_a_stage_beyond_the_plans_stages_is_refused(bundled_assistant):
    answer = bundled_assistant.ask("陵川创建示范县第六个阶段是什么时候？")
    assert not answer.found and not answer.tasks, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Zhashui: when someone on the openness staff roster changes, how soon must it be reported?",
        "柞水县政务公开工作人员发生变动，多快要报备？",
    ],
)
def test_a_time_limit_answers_how_soon(bundled_assistant, corpus, question):
    """ "How soon" asks a date or a time limit counted from an event: 在10日内报备 answers it."""
    line, limit = _line(corpus, "zhashui-2024", r"\d+日内(?=向县政府报备)")
    _assert_answers(bundled_assistant.ask(question), "zhashui-2024", line, limit)


def test_stage_headings_are_read_from_the_overview(corpus):
    s = corpus.get("lingchuan-2022").structure
    overview = corpus.get("lingchuan-2022").notice.lines[s.stages[0].overview - 1]
    assert [x.name for x in s.stages] == re.search(r"分为(.+?)五个阶段", overview).group(1).split("、")
    assert all(re.match(r"（[一二三四五]）", corpus.get("lingchuan-2022").notice.lines[x.line - 1]) for x in s.stages)


@pytest.mark.parametrize(
    "question",
    [
        "What was Yiyang's assessment of rule-of-law government renamed to?",
        "What is Yiyang renaming its rule-of-law government assessment to?",
        "宜阳把法治政府建设考核改成了什么？",
    ],
)
def test_a_renamed_thing(bundled_assistant, corpus, question):
    line, new = _line(corpus, "yiyang-2024", r"(?<=更名为)“[^”]+”")
    _assert_answers(bundled_assistant.ask(question), "yiyang-2024", line, new.strip("“”"))


@pytest.mark.parametrize(
    "question",
    [
        "In Weinan, what percentage of disclosure-on-request information must be replied to in time?",
        "渭南依申请公开信息及时答复率要达到多少？",
    ],
)
def test_a_target_rate(bundled_assistant, corpus, question):
    line, rate = _line(corpus, "weinan-2024", r"(?<=及时答复率达)\d+%")
    _assert_answers(bundled_assistant.ask(question), "weinan-2024", line, rate)


@pytest.mark.parametrize(
    "question",
    ["How many third-level indicators must each Lingchuan unit refine?"],
)
def test_a_count_in_prose(bundled_assistant, corpus, question):
    line, count = _line(corpus, "lingchuan-2022", r"(?<=细化)\d+项")
    _assert_answers(bundled_assistant.ask(question), "lingchuan-2022", line, count)


@pytest.mark.parametrize(
    "question,label",
    [
        ("What is the source credited on the Weinan page?", "source"),
        ("渭南这则工作要点出自哪里，来源写的是什么？", "source"),
        ("Who is the editor of the Weinan web article?", "editor"),
        ("渭南那篇网页文章的编辑叫什么？", "editor"),
    ],
)
def test_a_web_page_metadata_line(bundled_assistant, corpus, question, label):
    hit = corpus.get("weinan-2024").structure.page_line(label)
    assert hit is not None
    value = re.split(r"[:：]", hit.text, maxsplit=1)[1]
    answer = bundled_assistant.ask(question)
    _assert_answers(answer, "weinan-2024", hit.line, value)


def test_page_lines_are_found_only_where_printed(corpus):
    assert {k for k, _ in corpus.get("weinan-2024").structure.page} >= {"source", "editor"}
    assert corpus.get("zhashui-2024").structure.page == ()


@pytest.mark.parametrize(
    "question,doc_id",
    [
        ("On which higher-level document is the Changjiang task list grounded? Give its number.", "changjiang-2024"),
        ("宜阳这些举措是依据哪份文件出台的？", "yiyang-2024"),
        ("What is the legal basis of the Lingchuan plan?", "lingchuan-2022"),
        ("柞水这个清单是参照哪个文件搞的，文号多少？", "zhashui-2024"),
    ],
)
def test_the_documents_a_notice_implements(bundled_assistant, corpus, question, doc_id):
    basis = corpus.get(doc_id).structure.basis
    assert basis, doc_id
    number = re.search(r"[^(（《》]{1,6}〔\d{4}〕\d+号", basis[0].text)
    title = re.search(r"《[^》]+》", basis[0].text)
    _assert_answers(bundled_assistant.ask(question), doc_id, basis[0].line, (number or title).group(0))


def test_a_question_naming_the_document_is_read_from_the_text(corpus):
    notices, tasks = [p.notice for p in corpus.notices], corpus.tasks()
    named = "渭南要点依据的《陕西省关于进一步推进法治政府建设的若干措施》文号是什么？"
    q = understand(named, notices, tasks)  # the cited document's 文号 as the citing line prints it, not the notice's
    assert q.kind == Kind.CITED and q.meta is None and q.cites == ("《陕西省关于进一步推进法治政府建设的若干措施》",)
    assert understand("宜阳依据的是哪个文件？", notices, tasks).metas == ("basis",)


@pytest.mark.parametrize(
    "question",
    [
        "Lingchuan materials: what is the deadline for handing them in, and which electronic file format is required?",
        "陵川的资料最晚哪天报送？电子版要求什么格式？",
    ],
)
def test_a_date_and_a_format_from_one_paragraph(bundled_assistant, corpus, question):
    line, date = _line(corpus, "lingchuan-2022", r"\d{4}年\d+月\d+日(?=前报送)")
    _, fmt = _line(corpus, "lingchuan-2022", r"[A-Z]{2,5}(?=格式)")
    answer = bundled_assistant.ask(question)
    _assert_answers(answer, "lingchuan-2022", line, date)
    assert fmt in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "What e-mail address do Zhashui departments use to submit their reports?",
        "昌江区司法局的办公电话是多少？",
        "What was the new name given to Zhashui's annual legal training programme?",
        "渭南的行政执法考核改为什么名称？",
        "Who edited the Yiyang measures web page?",
        "How much money did Lingchuan budget for the acceptance stage?",
        "陵川申报验收后实际获得命名了吗，哪一年获得的？",
    ],
)
def test_facts_the_notices_do_not_state_are_refused(bundled_assistant, question):
    answer = bundled_assistant.ask(question)
    assert not answer.found, f"answered although the notices do not say:\n{answer.text}"


@pytest.mark.parametrize(
    "question",
    [
        "陵川示范县创建的几个阶段各是什么时间？",
        "Lingchuan: what are the stages of the campaign and when does each run?",
        "陵川创建工作有哪几个步骤阶段",
    ],
)
def test_stages_an_overview_names_come_with_their_own_headings(question, corpus, bundled_assistant):
    # the overview sentence names the stages; each stage's heading (its own name, its dates) is cited under it
    parsed = corpus.get("lingchuan-2022")
    stages = parsed.structure.stages
    assert len(stages) >= 3
    answer = bundled_assistant.ask(question)
    cited = {(c.doc_id, c.start_line) for c in answer.citations}
    assert {("lingchuan-2022", s.line) for s in stages} <= cited, answer.text[:200]
    for s in stages:
        assert parsed.notice.line_span_text(s.line, s.line).strip() in answer.text


def test_one_procedure_named_two_ways_is_found_either_way(bundled_assistant, corpus):
    """合法性审核 and 合法性审查 name the same review: asked either way, the sentence giving its time answers."""
    line, limit = _line(corpus, "changjiang-2024", r"最长不超过\d+个工作日")
    _assert_answers(bundled_assistant.ask("昌江区合法性审核时间要多长？"), "changjiang-2024", line, limit)


@pytest.mark.parametrize(
    ("question", "doc_id", "pattern"),
    [
        # 打官司 is a word no notice prints, nor its part 官司: missed once, the rest of the question still finds 15日内
        ("昌江区 行政机关打官司败诉了，要多少天内备案？向哪个部门备案", "changjiang-2024", r"\d+日内"),
        # 啥时候前 only asks the date; 编完 is said 编制完成
        ("渭南市、县两级规范性文件制定主体清单啥时候前要编完？", "weinan-2024", r"\d+月底前"),
        # 多久…一次 asks how often: a frequency answers it, not a length of time
        ("渭南要求执法部门和镇街多久搞一次案卷评查？", "weinan-2024", r"每季度至少开展\d次"),
        # words before the question that ask nothing are not part of it
        (
            "Different question: in Weinan's 2024 work points, how often must government–court work symposiums be"
            " held?",
            "weinan-2024",
            r"每半年至少召开\d次",
        ),
    ],
)
def test_colloquial_words_and_preambles_do_not_hide_a_stated_fact(bundled_assistant, corpus, question, doc_id, pattern):
    line, value = _line(corpus, doc_id, pattern)
    _assert_answers(bundled_assistant.ask(question), doc_id, line, value)


def test_a_person_asked_is_never_answered_with_a_task_row(bundled_assistant, corpus):
    """组长是谁 asks a name: a row that shares the question's words but names nobody is not the answer."""
    answer = bundled_assistant.ask("陵川县创建法治政府建设示范县领导小组组长是谁？")
    line, name = _line(corpus, "lingchuan-2022", r"组\s*长：\s*\S+\s*\S+")
    assert answer.kind != Kind.TASK, answer.text
    _assert_answers(answer, "lingchuan-2022", line, name.split("：")[1].strip()[:1])


@pytest.mark.parametrize(
    "question", ["Lingchuan: what's the email?", "What e-mail address does the Lingchuan plan give?"]
)
def test_a_value_asked_by_its_kind_alone_is_the_named_notices_sentence_holding_one(question, bundled_assistant):
    """Nothing but the kind of value is asked ("the email"): the named notice's sentence holding an e-mail address
    answers, and a notice holding none says it does not say."""
    answer = bundled_assistant.ask(question)
    emails = [m for c in answer.citations for m in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", c.quote)]
    assert answer.found and emails and all(m in answer.text for m in emails), answer.text[:200]
    assert all(c.doc_id == "lingchuan-2022" for c in answer.citations)


@pytest.mark.parametrize("question", ["Zhashui: what's the email address?", "Weinan work points — what's the e-mail?"])
def test_a_value_kind_a_notice_does_not_hold_is_refused(question, bundled_assistant):
    answer = bundled_assistant.ask(question)
    assert not answer.found and not answer.citations, answer.text[:200]


@pytest.mark.parametrize(
    "question",
    [
        "Lingchuan: time to open a business should be capped at how many working days?",
        "How many working days may it take at most to open a company in Lingchuan?",
    ],
)
def test_everyday_english_for_a_firm_and_a_ceiling_reaches_the_sentence(question, bundled_assistant, corpus):
    """business/company are the notices' 企业, "capped"/"at most" their 不超过: the sentence holding the figure."""
    answer = bundled_assistant.ask(question)
    assert answer.found and any("企业开办" in c.quote and "工作日" in c.quote for c in answer.citations), answer.text


@pytest.mark.parametrize(
    ("question", "doc_id", "pattern"),
    [
        # 那边 / 那个 point, 村里 is 村, 配几名 counts: none of them is a word a sentence must print
        ("昌江那边要求每个村配几名专职人民调解员？", "changjiang-2024", r"村（社区）配备\d名"),
        # 官司打输了 is the notice's 败诉, 向谁 asks the office the same sentence names
        ("昌江清单：行政机关官司打输了，多少日内向谁备案？", "changjiang-2024", r"\d+日内"),
        # 在哪些领域 asks fields, not a place
        ("宜阳问题13里，要在哪些领域推行行政调解？", "yiyang-2024", r"环境污染"),
        # 最终 says when, not what; 争创什么？ asks what (its 么 is no yes/no question)
        ("陵川县最终要争创个什么？", "lingchuan-2022", r"省级法治政府建设示范县"),
        # full-time counts mediators, not times
        (
            "How many full-time mediators must each Lingchuan township mediation committee have?",
            "lingchuan-2022",
            r"\d\s*名以上专职人民调解员",
        ),
        # an executive meeting is 常务会议, studying law 学法
        (
            "How many times a year must Changjiang's government executive meetings study law?",
            "changjiang-2024",
            r"常务会议每年学法不少于\d次",
        ),
        # drafting bodies are 制定主体; "completed" only says it is a deadline
        ("When must Weinan have its normative-document drafting-body lists completed?", "weinan-2024", r"\d+月底前"),
    ],
)
def test_speech_around_a_stated_fact_does_not_hide_it(bundled_assistant, corpus, question, doc_id, pattern):
    """Words of speech (pointers, fillers, a list's form, everyday verbs) cost a sentence nothing; the notice's own
    word for the thing asked is found."""
    line, value = _line(corpus, doc_id, pattern)
    _assert_answers(bundled_assistant.ask(question), doc_id, line, value)


@pytest.mark.parametrize(
    "question",
    [
        # the mediators' sentence is near, but it says no pay: pay is a sum of money, and none is stated
        "昌江那边专职人民调解员每月工资多少？",
        "How much are Changjiang's full-time mediators paid?",
        # 那边 and 一共 are dropped as speech, 司机 is still a word no notice prints
        "陵川领导小组那边一共有几个司机？",
        "柞水那边的政务大厅几点开门？",
        # the plan says where the money comes from (列入财政预算), never how much: an amount asked is not stated
        "陵川创建示范县一共花了多少经费？",
    ],
)
def test_speech_dropped_from_a_question_about_what_no_notice_says_leaves_a_refusal(bundled_assistant, question):
    answer = bundled_assistant.ask(question)
    assert not answer.found and not answer.citations, answer.text[:300]


@pytest.mark.parametrize(
    "question",
    [
        "陵川方案实施推进阶段提的“七个一”具体是什么活动",
        "In Lingchuan's implementation stage, what are the 'seven ones' (“七个一”)?",
    ],
)
def test_a_quoted_term_is_what_the_question_asks_about(bundled_assistant, question):
    """A stage named beside a quoted term: the sentence holding the quoted term (and the list it introduces) answers,
    not the stage's heading."""
    answer = bundled_assistant.ask(question)
    assert answer.found and any("七个一" in c.quote for c in answer.citations), answer.text[:300]
    assert "案卷评查" in answer.text, answer.text[:300]

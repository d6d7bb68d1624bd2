"""List and count answers over the task tables (assistant/kinds/lists.py, count.py, sections.py), on the bundled
notices: each listed row on a line of its own with what it is about and who leads it, negated unit filters, a previous
list narrowed by its deadline, counts asked in two parts and counts that also ask which. The rows expected are read
from the parsed task tables, never written here."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from assistant.conversation import Turn
from assistant.kinds.lists import GIST_CHARS, gist
from assistant.kinds.sections import sections_of
from assistant.records import Answer
from index.records import Task

Keep = Callable[[Task], bool]


def lead_has(unit: str) -> Keep:
    return lambda t: any(unit in u for u in t.lead)


def responsible_has(unit: str) -> Keep:
    return lambda t: any(unit in u for u in t.responsible)


def lead_is(unit: str) -> Keep:
    return lambda t: t.lead == (unit,)


def not_just_literal(t: Task) -> bool:
    """A deadline that is more than a word such as 长期 / 长期坚持: it holds a date, or is no such word at all."""
    return bool(t.deadline) and (bool(re.search(r"\d", t.deadline)) or "长期" not in t.deadline)


def expected_rows(corpus, doc: str, keep: Keep) -> list[Task]:
    rows = [t for t in corpus.get(doc).tasks if t.kind == "task" and keep(t)]
    assert rows, f"the predicate selects no row of {doc}"
    return rows


def converse(assistant, turns: list[str]) -> Answer:
    history: list[Turn] = []
    answer = None
    for message in turns:
        answer = assistant.ask(message, None, history)
        history += [Turn("user", message), Turn("assistant", answer.text)]
    assert answer is not None
    return answer


def row_lines(answer: Answer) -> list[str]:
    return [line for line in answer.text.splitlines() if line.lstrip().startswith("- ")]


def assert_rows_listed(answer: Answer, corpus, doc: str, rows: list[Task], where: str) -> None:
    """The count line first, then one line per row: its label, the start of its content, its lead units (its
    responsible units when the notice has no lead column); every row cited on its own lines."""
    notice = corpus.get(doc).notice
    first = answer.text.splitlines()[0]
    assert re.search(rf"(?<!\d){len(rows)}(?!\d)", first), (
        f"{where}: the first line does not count {len(rows)}: {first}"
    )
    lines = row_lines(answer)
    assert len(lines) == len(rows), f"{where}: {len(lines)} row lines for {len(rows)} rows:\n{answer.text}"
    for t, line in zip(rows, lines, strict=True):
        named = t.label in line or (t.label[:1].isdigit() and f"第{t.number}项" in line)
        assert named, f"{where}: {doc} {t.label} is not named on {line!r}"
        assert t.content.strip()[:8] in line, f"{where}: {doc} {t.label} has no gist of its content on {line!r}"
        who = t.lead if "lead" in notice.task_fields else t.responsible
        for u in who:
            assert u in line, f"{where}: {doc} {t.label} unit {u} missing from {line!r}"
        assert any(c.label == t.label and c.start_line == t.start_line for c in answer.citations), (
            f"{where}: {doc} {t.label} not cited"
        )
    for c in answer.citations:
        assert c.quote in corpus.get(c.doc_id).notice.text, f"{where}: a quote not in {c.doc_id}"


# --- every listed row says what it is and who leads it ------------------------------------------------------------
LISTS = [
    ("昌江区由区发改委牵头的评价指标都有哪些？", "changjiang-2024", lead_has("区发改委")),
    (
        "List the Weinan work points that 市应急管理局 is responsible for",
        "weinan-2024",
        responsible_has("市应急管理局"),
    ),
    ("陵川县哪些三级指标由县纪委监委负责", "lingchuan-2022", responsible_has("县纪委监委")),
    ("Which Yiyang problems name 县法院 among the leads?", "yiyang-2024", lead_has("县法院")),
]


@pytest.mark.parametrize("question, doc, keep", LISTS, ids=[q[:24] for q, _, _ in LISTS])
def test_each_listed_row_says_what_it_is_and_who_leads_it(bundled_assistant, corpus, question, doc, keep):
    a = bundled_assistant.ask(question)
    assert a.kind == "list", f"{question!r} answered as {a.kind}"
    assert_rows_listed(a, corpus, doc, expected_rows(corpus, doc, keep), question)


def test_a_rows_gist_is_the_start_of_its_content_on_one_short_line(corpus):
    for t in corpus.tasks():
        g = gist(t.content)
        assert "\n" not in g and len(g) <= GIST_CHARS + 1, f"{t.doc_id} {t.label}: gist {g!r}"
        assert t.content.strip().startswith(g.removesuffix("…")), f"{t.doc_id} {t.label}: gist {g!r}"
        if g.endswith("…"):  # cut: at a clause that says enough, or at the length limit
            assert len(g) > 10, f"{t.doc_id} {t.label}: gist {g!r}"
        else:  # the whole first sentence
            rest = t.content.strip()[len(g) :]
            assert not rest or rest[0] in "。；;！？!?\n", f"{t.doc_id} {t.label}: gist {g!r} stops mid-sentence"


# --- a unit filter turned round: the rows it leaves, each with who leads it instead --------------------------------
NEGATED = [
    ("宜阳县哪些问题县司法局没有牵头？", "yiyang-2024", lambda t: not lead_has("县司法局")(t)),
    ("昌江区牵头单位压根不含区司法局的指标有哪些", "changjiang-2024", lambda t: not lead_has("区司法局")(t)),
    ("Which Zhashui tasks is 县司法局 not leading?", "zhashui-2024", lambda t: not lead_has("县司法局")(t)),
    (
        "Changjiang indicators where the district justice bureau is not among the lead units — list them",
        "changjiang-2024",
        lambda t: not lead_has("司法局")(t),
    ),
    # words between the negation and the role it turns round
    (
        "Which Changjiang items are NOT led, even jointly, by 区司法局?",
        "changjiang-2024",
        lambda t: not lead_has("区司法局")(t),
    ),
]


@pytest.mark.parametrize("question, doc, keep", NEGATED, ids=[q[:24] for q, _, _ in NEGATED])
def test_a_negated_unit_filter_lists_the_other_rows_with_their_leads(bundled_assistant, corpus, question, doc, keep):
    a = bundled_assistant.ask(question)
    assert a.kind == "list" and "units" in a.understood.negated, f"{question!r}: understood as {a.understood.label}"
    assert_rows_listed(a, corpus, doc, expected_rows(corpus, doc, keep), question)


# --- a previous list narrowed by its deadline -----------------------------------------------------------------------
NARROWED = [
    (
        "en-sole-lead-not-just-long-term",
        ["Which Yiyang problems have 县司法局 as the sole lead?", "which of these aren't purely long-term?"],
        "yiyang-2024",
        lambda t: lead_is("县司法局")(t) and not_just_literal(t),
    ),
    (
        "zh-one-lead-not-long-term",
        ["柞水县仅由县司法局一家牵头的任务有哪些？", "这些里面哪些完成时限不是长期？"],
        "zhashui-2024",
        lambda t: lead_is("县司法局")(t) and not_just_literal(t),
    ),
    (
        "zh-only-lead-not-only-long-term",
        ["宜阳县唯一牵头单位是县司法局的问题有哪些", "其中完成时限不只是长期坚持的是哪些？"],
        "yiyang-2024",
        lambda t: lead_is("县司法局")(t) and not_just_literal(t),
    ),
    (
        "en-led-by-not-long-term",
        ["Which Yiyang problems is 县委编办 a lead unit for?", "Of them, which are not long-term?"],
        "yiyang-2024",
        lambda t: lead_has("县委编办")(t) and not_just_literal(t),
    ),
]


@pytest.mark.parametrize("name, turns, doc, keep", NARROWED, ids=[n for n, *_ in NARROWED])
def test_a_previous_list_is_narrowed_by_its_deadline(bundled_assistant, corpus, name, turns, doc, keep):
    a = converse(bundled_assistant, turns)
    u = a.understood
    where = f"{name}: {turns[-1]!r} understood as {u.label!r}"
    assert a.kind == "list" and "filter" in u.carried and "due" in u.negated, where
    assert_rows_listed(a, corpus, doc, expected_rows(corpus, doc, keep), where)
    for t in expected_rows(corpus, doc, keep):
        assert t.deadline and t.deadline in a.text, f"{where}: {t.label} deadline {t.deadline} not shown"


def test_the_sole_lead_means_the_whole_lead_cell(bundled_assistant, corpus):
    a = bundled_assistant.ask("Which Zhashui tasks is 县审批局 the only lead unit of?")
    assert [t.label for t in a.tasks] == [t.label for t in expected_rows(corpus, "zhashui-2024", lead_is("县审批局"))]


# --- counts asked in two parts, and counts that also ask which ------------------------------------------------------
TWO_COUNTS = [
    ("昌江区这份清单一共分成几个部分？评价指标有多少项？", "changjiang-2024", 1, False),
    (
        "How many indicators does the Lingchuan plan set, and how many first-level groups are they in?",
        "lingchuan-2022",
        1,
        True,
    ),
    ("宜阳县的任务有多少项，分成了几个方面", "yiyang-2024", 1, True),
    ("How many aspects and specific tasks does the Weinan work points cover?", "weinan-2024", 1, False),
]


@pytest.mark.parametrize("question, doc, level, items_first", TWO_COUNTS, ids=[q[:24] for q, *_ in TWO_COUNTS])
def test_a_count_asked_in_two_parts_gives_both_numbers(bundled_assistant, corpus, question, doc, level, items_first):
    tasks = corpus.get(doc).tasks
    groups = sections_of(tasks, level)
    items = [t for t in tasks if t.kind == "task"]
    a = bundled_assistant.ask(question)
    lines = a.text.splitlines()
    at_groups = next(i for i, line in enumerate(lines) if re.search(rf"(?<!\d){len(groups)}\s*(?:个|\w)", line))
    at_items = next(i for i, line in enumerate(lines) if re.search(rf"(?<!\d){len(items)}(?!\d)", line))
    assert (at_items < at_groups) == items_first, f"{question!r}: the counts are not in the order asked:\n{a.text}"
    assert any(c.quote.strip().startswith(groups[0][:4]) or groups[0] in c.quote for c in a.citations), question
    assert any(c.label == items[-1].label for c in a.citations), f"{question!r}: {items[-1].label} not cited"


COUNT_AND_WHICH = [
    ("渭南工作要点里市统计局负责的有几项，分别是什么？", "weinan-2024", responsible_has("市统计局")),
    ("How many Zhashui tasks have 县政府办 among the leads, and which are they?", "zhashui-2024", lead_has("县政府办")),
]


@pytest.mark.parametrize("question, doc, keep", COUNT_AND_WHICH, ids=[q[:24] for q, _, _ in COUNT_AND_WHICH])
def test_a_count_that_asks_which_lists_the_rows(bundled_assistant, corpus, question, doc, keep):
    a = bundled_assistant.ask(question)
    assert a.kind == "count", f"{question!r} answered as {a.kind}"
    assert_rows_listed(a, corpus, doc, expected_rows(corpus, doc, keep), question)


def test_a_count_alone_leads_with_the_number_and_shows_a_few_rows_on_their_lines(bundled_assistant, corpus):
    """A filtered count of a few rows shows them as a list does (a label alone, 第9项 or (十三), says nothing); a
    count of many names them by their labels only."""
    few = expected_rows(corpus, "zhashui-2024", lead_has("县审批局"))
    a = bundled_assistant.ask("柞水县由县审批局牵头的任务共几项？")
    assert a.kind == "count" and re.search(rf"(?<!\d){len(few)}(?!\d)", a.text.splitlines()[0])
    assert len(row_lines(a)) == len(few)
    many = expected_rows(corpus, "zhashui-2024", lead_has("县司法局"))
    a = bundled_assistant.ask("柞水县由县司法局牵头的任务共几项？")
    assert len(many) > 8 and a.kind == "count" and not row_lines(a)
    assert re.search(rf"(?<!\d){len(many)}(?!\d)", a.text)


# --- filters read from how people ask (each wording differs from the question it came from) ----------------------


def mentions_unit(unit: str) -> Keep:
    return lambda t: any(unit in u for u in t.lead + t.responsible)


@pytest.mark.parametrize(
    "question, doc, keep",
    [
        ("How many of Yiyang's problems name 县委编办, and which?", "yiyang-2024", mentions_unit("县委编办")),
        ("how many of the Weinan points involve 市司法局, which ones?", "weinan-2024", mentions_unit("市司法局")),
        ("Which Yiyang problems name 县委党校?", "yiyang-2024", mentions_unit("县委党校")),
        (
            "宜阳完成时限写到2024年12月31日的有哪几个问题？",
            "yiyang-2024",
            lambda t: "2024年12月31日" in (t.deadline or ""),
        ),
        (
            "Which Yiyang problems have a deadline that names 2024年12月31日?",
            "yiyang-2024",
            lambda t: "2024年12月31日" in (t.deadline or ""),
        ),
        ("渭南哪一项列了市中级人民法院", "weinan-2024", mentions_unit("市中级人民法院")),  # 哪一项 + a unit: its rows
        ("昌江区清单第几项由区财政局牵头", "changjiang-2024", lambda t: "区财政局" in t.lead),
        (
            "陵川哪几项三级指标需要提供五个高质量案例？",
            "lingchuan-2022",
            lambda t: "高质量案例" in t.content + (t.materials or ""),
        ),
    ],
)
def test_a_count_or_list_asked_as_people_ask_it(bundled_assistant, corpus, question, doc, keep):
    """ "how many of X's tasks name U, and which", a deadline that names a date, items that must hand in N of
    something: the rows that pass, counted and each listed."""
    rows = expected_rows(corpus, doc, keep)
    assert_rows_listed(bundled_assistant.ask(question), corpus, doc, rows, question)


@pytest.mark.parametrize(
    "question, province",
    [("以上几份文件当中哪些来自山西省？", "山西省"), ("Which of these are from Shaanxi?", "陕西省")],
)
def test_which_loaded_notices_are_from_a_province(bundled_assistant, corpus, question, province):
    from assistant.places import province_of  # the adcode table's lookup, not the question reading under test

    want = {
        p.notice.doc_id
        for p in corpus.notices
        if p.notice.region and (place := province_of(p.notice.region)) and place.name == province
    }
    assert want, f"no bundled notice is from {province}"
    a = bundled_assistant.ask(question)
    assert a.found and set(a.understood.doc_ids) == want, (a.understood, a.text)


def test_a_section_picked_by_its_place_lists_that_sections_rows(bundled_assistant, corpus):
    """第五个方面 is the fifth top-level section (五、…), never item 5."""
    rows = [t for t in corpus.get("weinan-2024").tasks if t.section and t.section[0].startswith("五、")]
    assert rows
    answer = bundled_assistant.ask("渭南工作要点第五个方面有哪几项")
    assert {(t.doc_id, t.number) for t in answer.tasks} == {("weinan-2024", t.number) for t in rows}, answer.text


@pytest.mark.parametrize(
    "question,doc_id,words",
    [
        ("渭南工作要点突发事件应对那部分有哪些任务？", "weinan-2024", ("突发事件",)),
        (
            "What tasks fall under Weinan's emergency-response section, and who is responsible for them?",
            "weinan-2024",
            ("突发事件",),
        ),
        ("柞水县行政复议那部分有几项？", "zhashui-2024", ("行政复议",)),
        # a quoted heading, 那几个 pointing at its rows (not counting them), the rows' columns asked
        ("宜阳“规范行政执法方面”那几个问题，牵头和责任单位都是谁？", "yiyang-2024", ("规范行政执法",)),
    ],
)
def test_a_section_named_by_its_topic_lists_that_sections_rows(bundled_assistant, corpus, question, doc_id, words):
    """The one top-level heading the question's words describe: its rows, every one and no other."""
    heads = {t.section[0] for t in corpus.get(doc_id).tasks if t.section and all(w in t.section[0] for w in words)}
    assert len(heads) == 1, heads
    rows = {t.number for t in corpus.get(doc_id).tasks if t.section and t.section[0] in heads}
    answer = bundled_assistant.ask(question)
    assert {(t.doc_id, t.number) for t in answer.tasks} == {(doc_id, n) for n in rows}, answer.text


def test_a_deadline_in_a_whole_year_lists_the_rows_due_that_year(bundled_assistant, corpus):
    """完成时限在2024年: every row whose deadline is dated in 2024 (recurring 每年… and 长期 are not)."""
    due = {t.number for t in corpus.get("zhashui-2024").tasks if re.match(r"2024年", t.deadline or "")}
    assert due
    answer = bundled_assistant.ask("柞水县哪些任务的完成时限在2024年？")
    assert {t.number for t in answer.tasks if t.doc_id == "zhashui-2024"} == due, answer.text


def test_a_previous_list_is_narrowed_by_what_its_rows_are_about(bundled_assistant, corpus):
    """其中哪些跟突发事件有关: the rows of the previous list whose text says 突发事件, no other notice's."""
    a = converse(bundled_assistant, ["渭南25项任务里，责任单位有市公安局的是哪几项？", "其中哪些跟突发事件有关？"])
    keep = lambda t: responsible_has("市公安局")(t) and "突发事件" in f"{t.content}{''.join(t.section)}"  # noqa: E731
    assert a.kind == "list" and "filter" in a.understood.carried, a.understood.label
    assert_rows_listed(a, corpus, "weinan-2024", expected_rows(corpus, "weinan-2024", keep), "narrowed by topic")


@pytest.mark.parametrize(
    "question, family",
    [
        ("陵川县否决项有哪些", "veto"),
        ("陵川附加项里否决项是哪些情况", "veto"),
        ("What are Lingchuan's bonus items?", "bonus"),
        ("List the veto items in the Lingchuan plan.", "veto"),
    ],
)
def test_a_family_of_items_named_without_a_number_lists_its_rows(question, family, bundled_assistant, corpus):
    """加分项 / 否决项 are numbered apart from the indicators: named without a number, the question asks for that
    family's rows, every one of them and nothing else."""
    expected = [t.label for t in corpus.tasks("lingchuan-2022") if t.kind == family]
    assert expected, f"the Lingchuan plan lists no {family} items"
    answer = bundled_assistant.ask(question)
    assert answer.kind == "list"
    assert [i.label for i in answer.understood.items] == expected, answer.text[:300]


def test_a_count_of_one_family_says_nothing_of_the_others(bundled_assistant, corpus):
    answer = bundled_assistant.ask("陵川县加分项有几项")
    n = sum(1 for t in corpus.tasks("lingchuan-2022") if t.kind == "bonus")
    assert answer.kind == "count" and f"共 {n} 项" in answer.text and "否决项" not in answer.text, answer.text


@pytest.mark.parametrize(
    "question, kind",
    [
        ("陵川一票否决的情况都有哪些", "veto"),
        ("陵川县哪些情形可以加分？", "bonus"),
        ("What gets an automatic one-vote veto in Lingchuan?", "veto"),
    ],
)
def test_a_family_named_in_other_words_lists_its_items(bundled_assistant, corpus, question, kind):
    rows = [t for t in corpus.get("lingchuan-2022").tasks if t.kind == kind]
    answer = bundled_assistant.ask(question)
    assert answer.kind == "list" and {c.label for c in answer.citations} >= {t.label for t in rows}, answer.text[:300]

"""A row named by what it is about, not by its number: the asked fields of the one row the description fits, cited
on that row; no row picked when none stands out. Questions are generated from the task tables (every row whose
content quotes a term no other row quotes), so they hold for any notice, not for the gold set's wording."""

from __future__ import annotations

import re

import pytest

from assistant.records import Kind


def _quoted_rows(corpus):
    """(notice, task, term) for rows whose content quotes a term (“三所联动”) found in no other row of any notice."""
    every = [(p.notice, t) for p in corpus.notices for t in p.tasks if t.kind == "task" and t.lead]
    out = []
    for notice, t in every:
        for term in re.findall(r"“([^”]{3,10})”", t.content):
            if sum(term in other.content for _, other in every) == 1:
                out.append((notice, t, term))
                break
    return out


def test_the_corpus_gives_rows_to_ask_about(corpus):
    assert len(_quoted_rows(corpus)) >= 5


@pytest.mark.parametrize(
    "template", ["{region}“{term}”那一项由谁牵头？", "{region}关于“{term}”的任务，牵头单位是哪个？"]
)
def test_a_row_named_by_a_term_only_it_quotes_gives_that_rows_lead(template, corpus, bundled_assistant):
    for notice, t, term in _quoted_rows(corpus)[:6]:
        answer = bundled_assistant.ask(template.format(region=notice.region, term=term))
        assert answer.kind == Kind.TASK, (notice.doc_id, t.label, answer.text[:80])
        assert [(c.doc_id, c.start_line) for c in answer.citations] == [(notice.doc_id, t.start_line)], t.label
        assert all(unit in answer.text for unit in t.lead), (notice.doc_id, t.label, "lead")


def test_a_description_no_row_fits_is_not_answered_as_a_row(bundled_assistant):
    answer = bundled_assistant.ask("柞水县关于“低空经济无人机起降场”那一项由谁牵头？")
    assert answer.kind != Kind.TASK
    assert not answer.tasks


def test_a_description_several_rows_fit_equally_picks_none(corpus, bundled_assistant):
    # 法治政府 is in many rows of every notice: no row stands out, so no row's lead is given as the answer
    answer = bundled_assistant.ask("法治政府建设那一项谁牵头？")
    assert answer.kind != Kind.TASK


def _row(corpus, doc_id: str, says: str):
    """The one row of a notice whose content says `says`: the expected answer read from the task table."""
    found = [(p.notice, t) for p in corpus.notices if p.notice.doc_id == doc_id for t in p.tasks if says in t.content]
    assert len(found) == 1, (doc_id, says, [t.label for _, t in found])
    return found[0]


def _asks_row(answer, notice, t, fields: tuple[str, ...]) -> None:
    assert answer.kind == Kind.TASK, (notice.doc_id, t.label, answer.text[:120])
    assert [(c.doc_id, c.start_line) for c in answer.citations] == [(notice.doc_id, t.start_line)], answer.text[:120]
    for field in fields:
        assert all(unit in answer.text for unit in getattr(t, field)), (t.label, field)


@pytest.mark.parametrize(
    "template",
    [
        "{region}“{term}”那条是第几项，牵头单位和责任单位各是谁？",
        "{region}有个“{term}”的，是第几个任务，谁来牵头？",
    ],
)
def test_which_item_asked_with_fields_is_the_row_not_a_count(template, corpus, bundled_assistant):
    # 第几项 asks where one row stands, not how many rows there are
    for notice, t, term in _quoted_rows(corpus)[:4]:
        answer = bundled_assistant.ask(template.format(region=notice.region, term=term))
        _asks_row(answer, notice, t, ("lead",))
        assert t.label in answer.text  # the row's label shows which item it is


def _typo(run: str, corpus) -> str | None:
    """`run` with one inner character changed so that no row says the changed pair of characters."""
    every = "".join(t.content for p in corpus.notices for t in p.tasks)
    for i in (len(run) // 2, len(run) // 2 - 1, len(run) // 2 + 1):
        for c in "质素里":
            typed = run[:i] + c + run[i + 1 :]
            if c != run[i] and typed[i - 1 : i + 1] not in every and typed[i : i + 2] not in every:
                return typed
    return None


def test_a_description_with_one_mistyped_character_still_finds_the_row(corpus, bundled_assistant):
    """A row's opening clause (规范行政应诉工作), one character mistyped, still names the row, as a person reads it."""
    asked = []
    for p in corpus.notices:
        for t in p.tasks:
            head = re.match(r"([\u4e00-\u9fff]{6,12})[。，,；]", t.content)
            if head is None or sum(head.group(1) in o.content for o in p.tasks) != 1 or not t.responsible:
                continue
            typed = _typo(head.group(1), corpus)
            if typed is None:
                continue
            answer = bundled_assistant.ask(f"{p.notice.region}{typed}那一条，责任单位有哪些？")
            _asks_row(answer, p.notice, t, ("responsible",))
            asked.append(t.label)
            if len(asked) % 3 == 0:
                break
    assert len(asked) >= 6, asked


@pytest.mark.parametrize(
    ("doc_id", "says", "question", "fields"),
    [
        (
            "weinan-2024",
            "出庭应诉",
            "Weinan: the item on heads of administrative organs appearing in court - who is responsible for it?",
            ("responsible",),
        ),
        (
            "zhashui-2024",
            "12345",
            "In the Zhashui list, which item is the one on hotline complaints, and who leads it?",
            ("lead",),
        ),
        (  # "money" and "budget" describe the row; the question asks who leads it, not an amount
            "changjiang-2024",
            "普法工作经费列入本级财政预算",
            "In the Changjiang list, the item about putting 普法 money into the budget — who leads it?",
            ("lead",),
        ),
        (
            "zhashui-2024",
            "“一刀切”执法",
            "Zhashui: the task on rectifying one-size-fits-all enforcement - when is that one due?",
            ("deadline",),
        ),
    ],
)
def test_a_row_described_in_english_gives_that_rows_fields(doc_id, says, question, fields, corpus, bundled_assistant):
    notice, t = _row(corpus, doc_id, says)
    answer = bundled_assistant.ask(question)
    _asks_row(answer, notice, t, tuple(f for f in fields if f != "deadline"))
    if "deadline" in fields:
        assert t.deadline and t.deadline in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "陵川县领导小组的组长是哪位？",
        "What is the deadline for that one about low-altitude drone airports in Zhashui?",
        "柞水县低空经济无人机起降场那一条谁牵头？",
    ],
)
def test_a_question_no_row_is_about_is_not_read_as_a_row(question, bundled_assistant):
    answer = bundled_assistant.ask(question)
    assert answer.kind != Kind.TASK, answer.text[:120]
    assert not answer.tasks


def _opening_clauses(corpus, limit: int = 8):
    """(notice, task, clause) for rows whose opening clause (加强行政复议工作。) no other row of any notice says."""
    every = [t.content for p in corpus.notices for t in p.tasks]
    out = []
    for p in corpus.notices:
        for t in p.tasks:
            head = re.match(r"([\u4e00-\u9fff]{6,12})[。，,；]", t.content)
            if head and sum(head.group(1) in c for c in every) == 1 and (t.lead or t.responsible):
                out.append((p.notice, t, head.group(1)))
                break  # one per notice, so every notice's layout is asked
    return out[:limit]


@pytest.mark.parametrize(
    "template",
    [
        "{region}{clause}由哪些部门牵头？",  # 哪些部门 + 牵头: the lead units of one row, not the column's units
        "{region}{clause}这块哪个单位负责啊",  # no item word at all, 哪个单位负责 asks who does it
        "{region}的{clause}，时间节点和责任单位？",  # a column named as tables head it (时间节点)
    ],
)
def test_a_row_named_by_its_topic_alone_is_answered_from_that_row(template, corpus, bundled_assistant):
    asked = _opening_clauses(corpus)
    assert len(asked) >= 4, [t.label for _, t, _ in asked]
    for notice, t, clause in asked:
        answer = bundled_assistant.ask(template.format(region=notice.region, clause=clause))
        fields = tuple(f for f in ("lead", "responsible") if getattr(t, f))[:1]
        _asks_row(answer, notice, t, fields)


def test_which_departments_lead_asks_the_lead_column_first(corpus, bundled_assistant):
    notice, t = _row(corpus, "zhashui-2024", "行政复议队伍及场所规范化建设")
    answer = bundled_assistant.ask("柞水行政复议队伍及场所规范化建设由哪些部门牵头？")
    _asks_row(answer, notice, t, ("lead",))
    assert answer.understood is not None and answer.understood.fields[0] == "lead"


def test_a_count_asked_of_a_topic_is_not_answered_by_a_guessed_row(bundled_assistant):
    # the words are too few to name a row, and a count is no row's column: no row stands in for the number
    answer = bundled_assistant.ask("How many reconsideration cases did Zhashui handle last year?")
    assert answer.kind != Kind.TASK

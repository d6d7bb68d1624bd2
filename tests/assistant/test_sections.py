"""Questions about a notice's sections (一、二、三… headings; assistant/kinds/sections.py, understand.find_part,
headings.in_discussed_part): a section picked by its ordinal in any wording, with its heading's words or a filter
applied within it; its name; the section an item sits in; how many sections; and "that section" in a conversation.
Expected rows and headings are read from the parsed task tables, never written here."""

from __future__ import annotations

import re

import pytest

from assistant.conversation import Turn
from index.text import cn_to_int


@pytest.fixture(scope="module")
def assistant(bundled_assistant):
    return bundled_assistant


def ordinal(t) -> int | None:
    m = re.match(r"\s*([一二三四五六七八九十]+)、", t.section[0]) if t.section else None
    return cn_to_int(m.group(1)) if m else None


def under(corpus, doc: str, part: int):
    rows = [t for t in corpus.get(doc).tasks if t.kind == "task" and ordinal(t) == part]
    assert rows, f"{doc} has no section {part}"
    return rows


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def converse(assistant, turns: list[str]):
    history: list[Turn] = []
    answers = []
    for message in turns:
        answers.append(assistant.ask(message, None, history))
        history += [Turn("user", message), Turn("assistant", answers[-1].text)]
    return answers


@pytest.mark.parametrize(
    ("question", "doc", "part"),
    [
        ("Show the Yiyang problems in part 四 (规范行政执法) and who leads them", "yiyang-2024", 4),
        ("柞水第二部分（提升行政执法质量）的各项由谁牵头", "zhashui-2024", 2),
        ("Give me the Weinan tasks under the sixth section, with their responsible units", "weinan-2024", 6),
    ],
)
def test_a_section_by_its_ordinal_and_heading_words_lists_its_rows_with_the_field(
    assistant, corpus, question, doc, part
):
    """section 四 (its heading words): the heading words name the section, they filter nothing; every row under it
    is listed and cited, with the units asked."""
    rows = under(corpus, doc, part)
    a = assistant.ask(question)
    assert not a.understood.mentions, a.understood.label
    assert [i.label for i in a.understood.items] == [t.label for t in rows], a.text[:300]
    assert {c.label for c in a.citations} == {t.label for t in rows}, a.text[:300]
    units = rows[0].lead or rows[0].responsible
    assert units[0] in a.text, a.text[:300]


@pytest.mark.parametrize(
    ("question", "doc", "part", "unit"),
    [
        ("昌江区第四部分中哪些指标不由区司法局牵头？", "changjiang-2024", 4, "区司法局"),
        ("Zhashui part 5: which items are not led by 县司法局?", "zhashui-2024", 5, "县司法局"),
    ],
)
def test_a_negated_unit_within_a_section_that_every_row_passes_names_the_section_rows(
    assistant, corpus, question, doc, part, unit
):
    """None of the section's rows is led by another unit: the answer says none, names the section's rows (so the
    none is seen to be of them) and cites them; it never lists rows of other sections."""
    rows = under(corpus, doc, part)
    assert all(unit in t.lead for t in rows)  # the premise: every row of the section is led by the unit
    a = assistant.ask(question)
    assert a.found, a.text
    text = flat(a.text)
    assert flat(rows[0].section[0]) in text, a.text
    assert all(re.search(rf"(?<!\d){t.number}(?!\d)", a.text) for t in rows), a.text
    others = [t for t in corpus.get(doc).tasks if t.kind == "task" and ordinal(t) != part]
    assert not any(t.label in {c.label for c in a.citations} for t in others), a.text
    assert a.citations and all(c.doc_id == doc for c in a.citations)


@pytest.mark.parametrize(
    ("question", "doc"),
    [
        ("柞水这个清单分成几大块？", "zhashui-2024"),
        ("宜阳的方面一共有多少个", "yiyang-2024"),
        ("陵川指标体系的一级指标共有几个？", "lingchuan-2022"),
        ("How many first-level indicators are in the Lingchuan plan?", "lingchuan-2022"),
    ],
)
def test_how_many_sections(assistant, corpus, question, doc):
    """The count of the notice's top-level headings over its task rows (陵川's 十、附加项 holds bonus and veto items,
    not indicators: it is not counted)."""
    heads = list(dict.fromkeys(flat(t.section[0]) for t in corpus.get(doc).tasks if t.kind == "task" and t.section))
    a = assistant.ask(question)
    assert a.kind == "sections", a.text[:300]
    assert re.search(rf"(?<!\d){len(heads)}(?!\d)", a.text.splitlines()[0]), a.text[:300]
    assert all(h in flat(a.text) for h in heads), a.text[:300]


@pytest.mark.parametrize(
    ("question", "doc", "part"),
    [
        ("渭南第六部分的标题是什么", "weinan-2024", 6),
        ("What is the third category of the Yiyang list called?", "yiyang-2024", 3),
        ("陵川第二个一级指标叫什么名字？", "lingchuan-2022", 2),
    ],
)
def test_a_section_name_asked_by_its_ordinal(assistant, corpus, question, doc, part):
    """The heading of the section picked, as printed, cited on its line, with the items under it."""
    rows = under(corpus, doc, part)
    a = assistant.ask(question)
    assert a.kind == "sections", a.text[:300]
    assert flat(rows[0].section[0]) in flat(a.text), a.text[:300]
    assert any(flat(rows[0].section[0]) in flat(c.quote) for c in a.citations), a.citations
    assert [i.label for i in a.understood.items] == [t.label for t in rows]


@pytest.mark.parametrize(
    ("question", "doc", "part"),
    [
        ("宜阳第二部分叫什么？下面有哪几个问题", "yiyang-2024", 2),
        ("昌江区第五个方面是啥？下面有几条，分别是什么", "changjiang-2024", 5),
    ],
)
def test_a_section_name_asked_with_its_rows_lists_the_rows(assistant, corpus, question, doc, part):
    """The heading asked together with what is under it (下面有哪几条): the rows are listed with their text, not only
    their labels."""
    rows = under(corpus, doc, part)
    a = assistant.ask(question)
    assert flat(rows[0].section[0])[:8] in flat(a.text), a.text[:300]
    assert all(flat(t.content)[:8] in flat(a.text) for t in rows), a.text[:500]


@pytest.mark.parametrize(
    ("question", "doc", "number"),
    [
        ("渭南第10项属于哪个部分？", "weinan-2024", 10),
        ("Which part of the Lingchuan plan is indicator 50 in?", "lingchuan-2022", 50),
        ("宜阳县存在问题12在哪个方面下面", "yiyang-2024", 12),
    ],
)
def test_the_section_an_item_sits_in(assistant, corpus, question, doc, number):
    """The heading over the item asked, cited, not the item's fields."""
    row = next(t for t in corpus.get(doc).tasks if t.kind == "task" and t.number == number)
    a = assistant.ask(question)
    assert a.kind == "sections", a.text[:300]
    assert flat(row.section[0]) in flat(a.text.splitlines()[0]), a.text[:300]
    assert row.label in {c.label for c in a.citations}


@pytest.mark.parametrize(
    ("turns", "doc", "part"),
    [
        (["昌江区第15项在哪一部分？", "这部分还有哪些指标？"], "changjiang-2024", 3),
        (["What is section 2 of the Weinan notice called?", "Which tasks fall under it?"], "weinan-2024", 2),
        (["Which category is Zhashui item 19 under?", "List the other items in that category"], "zhashui-2024", 6),
        (["宜阳第二部分叫什么？", "其中有哪些问题，谁牵头？"], "yiyang-2024", 2),
    ],
)
def test_that_section_in_a_follow_up_is_the_section_just_discussed(assistant, corpus, turns, doc, part):
    """这部分 / it / that category / 其中, after a question about a section (its name, or the section an item is in):
    the rows of that section, in that notice."""
    rows = under(corpus, doc, part)
    last = converse(assistant, turns)[-1]
    assert [i.label for i in last.understood.items] == [t.label for t in rows], last.text[:300]
    assert flat(rows[0].section[0]) in flat(last.text), last.text[:300]

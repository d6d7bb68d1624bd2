"""Distinct units of a task table's column, and counts and lists under one section picked by its ordinal
(assistant/kinds/lists.py distinct_draft, tasktable.in_part, understand.find_part / find_distinct). Expected values are
read from the parsed task tables (Task.section, lead, responsible), never written here."""

from __future__ import annotations

import re

import pytest

from index.text import cn_to_int


@pytest.fixture(scope="module")
def assistant(bundled_assistant):
    return bundled_assistant


def under(corpus, doc: str, part: int):
    def ordinal(t) -> int | None:
        m = re.match(r"\s*([一二三四五六七八九十]+)、", t.section[0]) if t.section else None
        return cn_to_int(m.group(1)) if m else None

    rows = [t for t in corpus.get(doc).tasks if t.kind == "task" and ordinal(t) == part]
    assert rows
    return rows


def first_seen(rows, column: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for t in rows:
        for u in dict.fromkeys(getattr(t, column)):
            out[u] = out.get(u, 0) + 1
    return out


def unit_lines(text: str) -> list[str]:
    return [line.strip()[2:] for line in text.splitlines() if line.strip().startswith("- ")]


@pytest.mark.parametrize(
    ("question", "doc", "column", "part"),
    [
        ("柞水县的牵头单位都有哪些？不要重复", "zhashui-2024", "lead", None),
        ("List the distinct lead units of the Yiyang notice", "yiyang-2024", "lead", None),
        ("昌江区任务清单里的责任单位有哪些（去重）", "changjiang-2024", "responsible", None),
        ("Which unique responsible units are in part 4 of the Changjiang list?", "changjiang-2024", "responsible", 4),
        ("陵川第五部分涉及哪些不同的责任单位", "lingchuan-2022", "responsible", 5),
        # Weinan has no lead column: its responsible units stand in
        ("渭南的牵头单位有哪些，去重后列出", "weinan-2024", "responsible", None),
    ],
)
def test_distinct_units(assistant, corpus, question, doc, column, part):
    rows = under(corpus, doc, part) if part else [t for t in corpus.get(doc).tasks if t.kind == "task"]
    expected = first_seen(rows, column)
    a = assistant.ask(question, None, [])
    lines = unit_lines(a.text)
    assert [re.sub(r"\s*[（(]\d+ [^（(]*[）)]$", "", line) for line in lines] == list(expected), a.text
    for line, (_unit, n) in zip(lines, expected.items(), strict=True):
        assert re.search(rf"[（(]{n}\b", line), line
    assert str(len(expected)) in a.text.splitlines()[0]
    assert a.citations and all(c.doc_id == doc for c in a.citations)
    cited = "".join(c.quote for c in a.citations)
    assert all(re.sub(r"\s", "", u)[:3] in re.sub(r"\s", "", cited) for u in expected)


@pytest.mark.parametrize(
    ("question", "doc", "part", "listing"),
    [
        ("昌江区清单第三部分一共多少项任务？", "changjiang-2024", 3, False),
        ("How many indicators does part 2 of the Lingchuan plan contain?", "lingchuan-2022", 2, False),
        ("渭南第五部分的任务有哪些", "weinan-2024", 5, True),
        ("List the tasks under section 4 of the Zhashui notice", "zhashui-2024", 4, True),
    ],
)
def test_rows_under_a_section(assistant, corpus, question, doc, part, listing):
    rows = under(corpus, doc, part)
    a = assistant.ask(question, None, [])
    head = a.text.splitlines()[0]
    assert re.search(rf"(?<!\d){len(rows)}(?!\d)", head), a.text
    assert re.sub(r"\s", "", rows[0].section[0])[:6] in head
    assert "加分" not in a.text and "bonus" not in a.text
    if listing:
        listed = [line for line in a.text.splitlines() if line.lstrip().startswith("- ")]
        assert len(listed) == len(rows)
        assert len(a.citations) == len(rows)
    assert a.citations and all(c.doc_id == doc for c in a.citations)


@pytest.mark.parametrize(
    ("question", "doc", "part"),
    [
        ("柞水清单第四大类叫啥，包含哪几条？", "zhashui-2024", 4),
        ("What's in section 3 of the Zhashui list?", "zhashui-2024", 3),
        ("What is part 2 of the Changjiang list about?", "changjiang-2024", 2),
        ("Which tasks are in category 3 of the Zhashui list?", "zhashui-2024", 3),
    ],
)
def test_a_section_named_by_its_ordinal_in_other_words_lists_its_rows(assistant, corpus, question, doc, part):
    """第四大类, section 3 — what's in it, part 2 — what is it about: the rows under that heading, each cited."""
    rows = under(corpus, doc, part)
    a = assistant.ask(question, None, [])
    assert re.sub(r"\s", "", rows[0].section[0])[:6] in a.text.splitlines()[0], a.text
    assert {c.label for c in a.citations} == {t.label for t in rows}, a.text


@pytest.mark.parametrize(
    "question, doc",
    [
        ("List the category headings in Zhashui's task list.", "zhashui-2024"),
        ("What are the areas of Weinan's work points?", "weinan-2024"),
        ("渭南工作要点有哪几个方面", "weinan-2024"),
    ],
)
def test_the_groups_asked_by_name_are_listed_in_order(question, doc, assistant, corpus):
    """ "List the category headings" asks for the top-level groups themselves, as "how many areas" counts them."""
    heads = list(dict.fromkeys(t.section[0] for t in corpus.get(doc).tasks if t.kind == "task" and t.section))
    answer = assistant.ask(question)
    flat = re.sub(r"\s+", "", answer.text)
    at = [flat.find(re.sub(r"\s+", "", h)) for h in heads]
    assert answer.kind == "sections" and all(a >= 0 for a in at) and at == sorted(at), answer.text[:300]


def test_the_second_level_groups_of_one_part_are_those_under_its_heading(assistant, corpus):
    rows = under(corpus, "lingchuan-2022", 1)
    seconds = list(dict.fromkeys(re.sub(r"\s+", "", t.section[1]) for t in rows if len(t.section) > 1))
    answer = assistant.ask("陵川附件1第一大类下面有哪几个二级指标")
    flat = re.sub(r"\s+", "", answer.text)
    assert seconds and all(s in flat for s in seconds), answer.text[:300]
    others = {re.sub(r"\s+", "", t.section[1]) for t in under(corpus, "lingchuan-2022", 2) if len(t.section) > 1}
    assert not any(o in flat for o in others - set(seconds)), answer.text[:300]


@pytest.mark.parametrize(
    "question",
    ["zhashui items under 五、加强政府与法院、检察院联动?", "柞水县“五、加强政府与法院、检察院联动”下有几项"],
)
def test_a_unit_inside_a_section_heading_names_the_section_not_a_filter(question, assistant, corpus):
    """检察院 in the heading 五、加强政府与法院、检察院联动 is part of the section's name: the rows are that section's,
    not the rows 检察院 leads (none)."""
    rows = under(corpus, "zhashui-2024", 5)
    answer = assistant.ask(question)
    assert not answer.understood.units, answer.understood.label
    assert [i.label for i in answer.understood.items] == [t.label for t in rows], answer.text[:300]

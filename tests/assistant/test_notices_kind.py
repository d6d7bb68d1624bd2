"""Kind.NOTICES: questions about the loaded notices as a set (which is newest or oldest, which there are), answered
from each notice's parsed date and cited on the line printing it. Wordings differ from the gold set's."""

from __future__ import annotations

import re

import pytest

from assistant.records import Kind
from assistant.routes import route
from assistant.understand import understand

RANKED = [
    ("哪份通知是最新的？", "newest"),
    ("最近印发的文件是哪一个", "newest"),
    ("Which notice is the most recent?", "newest"),
    ("what is the latest document you have", "newest"),
    ("最早印发的文件是哪个？", "oldest"),
    ("这些通知里哪个最早", "oldest"),
    ("Which is the oldest notice?", "oldest"),
    ("which document was issued first?", "oldest"),
]
LISTED = ["系统里有几份通知？", "目前收录了哪些文件", "Which notices are there?", "how many documents are loaded?"]
NOT_THIS_KIND = [
    "柞水县的通知是什么时候印发的？",  # one notice's date: meta
    "哪些通知要求2024年底前完成？",  # a question about the notices' content
    "最新的要求是什么？",  # 最新 about content, no notice noun
    "Who leads the first task of the Zhashui notice?",
]


def _printed(p) -> str:
    """The notice's date as its date line prints it: 2024年12月16日, or 2024-04-20 on a web page."""
    y, m, d = (int(x) for x in p.notice.date.split("-"))
    line = p.structure.dates[0].text
    return f"{y}年{m}月{d}日" if f"{y}年{m}月{d}日" in line.replace(" ", "") else p.notice.date


def _understood(text: str, corpus):
    return understand(text, [p.notice for p in corpus.notices], [t for p in corpus.notices for t in p.tasks])


@pytest.mark.parametrize("text,which", RANKED)
def test_newest_and_oldest_name_the_notice_with_the_latest_or_earliest_printed_date(
    text, which, corpus, bundled_assistant
):
    q = _understood(text, corpus)
    assert (route(q), q.notices_asked) == (Kind.NOTICES, which)
    answer = bundled_assistant.ask(text)
    dates = sorted(p.notice.date for p in corpus.notices if p.notice.date)
    end = dates[-1] if which == "newest" else dates[0]
    first_line = answer.text.split("\n")[0]
    chosen_p = next(p for p in corpus.notices if p.notice.date == end)
    assert _printed(chosen_p) in first_line, "the date as the notice prints it"
    chosen = chosen_p.notice
    assert (chosen.doc_number or chosen.title) in first_line
    assert len(answer.citations) == sum(1 for p in corpus.notices if p.structure.dates)


@pytest.mark.parametrize("text", LISTED)
def test_the_list_of_notices_cites_every_notice_on_the_line_printing_its_date(text, corpus, bundled_assistant):
    assert route(_understood(text, corpus)) is Kind.NOTICES
    answer = bundled_assistant.ask(text)
    assert str(len(corpus.notices)) in answer.text.split("\n")[0]
    for c in answer.citations:
        notice = corpus.get(c.doc_id)
        assert c.quote.strip() and c.quote.strip() in notice.notice.lines[c.start_line - 1]
        assert notice.notice.date is not None
    assert {c.doc_id for c in answer.citations} == {p.notice.doc_id for p in corpus.notices if p.structure.dates}


@pytest.mark.parametrize("text", NOT_THIS_KIND)
def test_questions_about_one_notice_or_the_content_are_not_this_kind(text, corpus):
    assert route(_understood(text, corpus)) is not Kind.NOTICES


@pytest.mark.parametrize(
    "question, order",
    [
        ("五份文件里哪个最早印发、哪个最新？", ("oldest", "newest")),
        ("Which notice is the newest, and which the oldest?", ("newest", "oldest")),
    ],
)
def test_both_ends_asked_together_are_both_answered_in_the_order_asked(bundled_assistant, corpus, question, order):
    dated = sorted((p for p in corpus.notices if p.notice.date and p.structure.dates), key=lambda p: p.notice.date)
    ends = {"oldest": dated[0], "newest": dated[-1]}
    lines = bundled_assistant.ask(question).text.splitlines()[:2]
    for which, line in zip(order, lines, strict=True):
        p = ends[which]
        assert _printed(p) in line and (p.notice.doc_number or p.notice.title) in line, (which, line)


@pytest.mark.parametrize(
    ("question", "keep"),
    [
        ("Which of the notices were issued after October 1, 2024?", lambda d: d > "2024-10-01"),
        ("哪些通知是2024年10月以后发的", lambda d: d >= "2024-10"),
        ("Which notices were issued in 2024?", lambda d: d.startswith("2024")),
        ("哪些文件是2023年以前印发的", lambda d: d < "2023"),
    ],
)
def test_notices_issued_by_a_date_are_those_whose_date_line_says_so(question, keep, corpus, bundled_assistant):
    answer = bundled_assistant.ask(question)
    expected = {p.notice.doc_id for p in corpus.notices if p.notice.date and keep(p.notice.date)}
    assert answer.kind == "notices" and answer.found == bool(expected), answer.text
    assert {c.doc_id for c in answer.citations} == expected, answer.text
    assert re.search(rf"(?<!\d){len(expected)}(?!\d)", answer.text.splitlines()[0])


@pytest.mark.parametrize(
    "question, year, month",
    [
        ("Which of the notices were issued in 2024 before June?", "2024", "06"),
        ("Which notices came out in 2024 before November?", "2024", "11"),
    ],
)
def test_a_year_and_a_month_bound_pick_that_years_notices_before_the_month(
    bundled_assistant, corpus, question, year, month
):
    """ "in 2024 before June": issued in that year and before that month — not every notice before the month."""
    want = {
        p.notice.doc_id
        for p in corpus.notices
        if p.notice.date and p.notice.date.startswith(year) and p.notice.date < f"{year}-{month}"
    }
    answer = bundled_assistant.ask(question)
    got = {c.doc_id for c in answer.citations}
    assert got == want, (got, want, answer.text[:300])


@pytest.mark.parametrize(
    "question, which",
    [
        ("Which came out earlier, the Yiyang measures or the Weinan points?", "oldest"),
        ("昌江和陵川哪个通知发得晚一些？", "newest"),
        ("宜阳跟昌江哪份先印发的", "oldest"),
    ],
)
def test_which_of_two_named_notices_was_issued_first_or_last(bundled_assistant, corpus, question, which):
    answer = bundled_assistant.ask(question)
    named = answer.understood.doc_ids
    assert len(named) == 2 and answer.kind == "notices", answer.text[:300]
    dates = {d: corpus.get(d).notice.date for d in named}
    want = (max if which == "newest" else min)(dates, key=dates.__getitem__)
    y, m, d = dates[want].split("-")
    first = answer.text.splitlines()[0]  # "The earliest is …" names the notice by its date
    assert dates[want] in first or f"{y}年{int(m)}月{int(d)}日" in first, answer.text[:300]

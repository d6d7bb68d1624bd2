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

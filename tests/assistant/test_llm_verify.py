"""assistant/verify.py: an LLM answer checked sentence by sentence against the sources it was given.

Sources are real rows and lines of the bundled notices; the answers are written here as a model might write them.
"""

import pytest

from assistant.verify import Facts, Source, flat, renumber, split_sentences, unanswered, verify


@pytest.fixture(scope="module")
def facts(corpus):
    return Facts.of([p.notice for p in corpus.notices], corpus.tasks())


def task_source(corpus, n, doc_id, number, kind="task"):
    task = next(t for t in corpus.get(doc_id).tasks if t.number == number and t.kind == kind)
    return Source(n, corpus.get(doc_id).notice, task.label, task.start_line, task.end_line, task.source_text, task)


def line_source(corpus, n, doc_id, line):
    notice = corpus.get(doc_id).notice
    return Source(n, notice, "", line, line, notice.lines[line - 1].strip())


@pytest.fixture(scope="module")
def zs(corpus):
    """[1] Zhashui task 17 (lead 县司法局, deadline 长期), [2] Zhashui task 1 (deadline 2024年12月底前),
    [3] the line of the Zhashui notice that names its two plans."""
    return [
        task_source(corpus, 1, "zhashui-2024", 17),
        task_source(corpus, 2, "zhashui-2024", 1),
        line_source(corpus, 3, "zhashui-2024", 11),
    ]


# answer -> (passes, kinds of problem expected); sources as in `zs`
CASES = {
    "lead, zh": ("第十七项由县司法局牵头[1]。", True, set()),
    "lead and deadline, en": ("Task 17 is led by 县司法局 and its deadline is 长期 [1].", True, set()),
    "citation after the full stop": ("第十七项由县司法局牵头。[1]", True, set()),
    "citation on its own line": ("第十七项由县司法局牵头。\n[1]", True, set()),
    "two sources, range": ("第1项的完成时限是2024年12月底前[2]。第十七项由县司法局牵头[1-2]。", True, set()),
    "full-width brackets": ("第十七项由县司法局牵头【1】。", True, set()),
    "exact quote": ("第17项要求确保败诉率“双下降”[1]。", True, set()),
    "quote with the notice's own spacing ignored": (
        "该通知依据《法治政府建设实施纲要（2021-2025年）》制定[3]。",
        True,
        set(),
    ),
    "hallucinated [7]": ("第十七项由县司法局牵头[7]。", False, {"citation"}),
    "placeholder [n] copied from the prompt": ("第十七项由县司法局牵头[n][1]。", False, {"citation"}),
    "[2024] is no source": ("第十七项由县司法局牵头[2024]。", False, {"citation"}),
    "invented quote": ("第17项要求“每月通报一次”[1]。", False, {"quote"}),
    "invented document title": ("该通知依据《柞水县法治建设条例》制定[3]。", False, {"quote"}),
    "wrong lead, a unit the notices use": ("第十七项由县财政局牵头[1]。", False, {"unit", "task"}),
    "wrong lead, a unit no notice names": ("第十七项由县体育运动局牵头[1]。", False, {"task"}),
    "wrong lead, English": ("Task 17 is led by 县审批局 [1].", False, {"unit", "task"}),
    "wrong deadline": ("第十七项的完成时限是2024年12月底前[1]。", False, {"date", "task"}),
    "another task's deadline, cited from it": ("第十七项的完成时限是2024年12月底前[1][2]。", False, {"task"}),
    "wrong deadline, English month": ("Task 1 is due by the end of June 2024 [2].", False, {"task"}),
    "invented year": ("The plan was first adopted in 2019 [3].", False, {"date"}),
    "fact without citation": ("第十七项由县司法局牵头。", False, {"uncited"}),
    "English fact without citation": ("Task 17 is led by the county justice bureau.", False, {"uncited"}),
}


@pytest.mark.parametrize("name", CASES)
def test_verification(name, zs, facts, corpus):
    text, passes, kinds = CASES[name]
    table = [zs[0].task]  # the question asked about Zhashui task 17
    verdict = verify(text, zs, facts, table)
    got = {p.kind for p in verdict.problems}
    assert verdict.passed is passes, f"{name}: {text!r} -> {[str(p) for p in verdict.problems]}"
    assert kinds <= got, f"{name}: expected problems {kinds}, got {[str(p) for p in verdict.problems]}"


def test_a_lead_claim_with_no_row_cited_is_checked_against_the_rows_asked_about(zs, facts):
    """A passage cannot stand in for the task table: citing the prose line [3] for a lead claim about task 17."""
    verdict = verify("第十七项由县财政局负责[3]。", zs, facts, [zs[0].task])
    assert not verdict.passed
    assert any(p.kind == "task" and "县财政局" in str(p) for p in verdict.problems), verdict.problems


def test_bad_value_named_in_the_problem(zs, facts):
    [problem] = verify("第十七项由县司法局牵头[7]。", zs, facts).problems
    assert "[7]" in str(problem) and "[1]-[3]" in str(problem)


@pytest.mark.parametrize("text", ["未找到相关规定。", "The notices do not say.", "来源中没有提到这个问题。"])
def test_a_bare_refusal_claims_nothing(text, zs, facts):
    verdict = verify(text, zs, facts)
    assert verdict.refusal and not verdict.passed and not verdict.problems


def test_a_refusal_that_slips_in_a_fact_is_not_a_refusal(zs, facts):
    verdict = verify("The notices do not say when, but 县财政局 leads task 17.", zs, facts)
    assert not verdict.refusal and verdict.problems


def test_lead_in_needs_no_citation(zs, facts):
    verdict = verify("根据通知：\n- 第十七项由县司法局牵头[1]。\n- 完成时限为长期[1]。", zs, facts, [zs[0].task])
    assert verdict.passed, verdict.problems


def test_repair_drops_only_what_fails(zs, facts):
    text = "根据任务清单：\n1. 第十七项由县司法局牵头[1]。\n2. 它由县财政局配合[9]。\n3. 每月通报一次。"
    verdict = verify(text, zs, facts, [zs[0].task])
    assert not verdict.passed
    assert verdict.repaired() == "根据任务清单：\n1. 第十七项由县司法局牵头[1]。"
    assert verdict.cited() == [1]


def test_after_a_failure_only_checked_facts_stay(zs, facts):
    """A cited sentence with nothing checkable in it (no unit, date, number or quote) passes when the rest does,
    but once the model has been caught inventing, a repair keeps only what was checked."""
    vague = "该项工作十分重要[1]。"
    assert verify(vague + "第十七项由县司法局牵头[1]。", zs, facts).passed
    verdict = verify(vague + "第十七项由县司法局牵头[1]。该项由县财政局配合[1]。", zs, facts)
    assert verdict.repaired() == "第十七项由县司法局牵头[1]。"
    assert not any(s.checked for s in verify(vague + "它由县财政局配合[1]。", zs, facts).kept())


@pytest.mark.parametrize(
    "text, fields, missing",
    [
        ("第十七项由县司法局牵头[1]。", ("lead",), []),
        ("第十七项由县司法局牵头[1]。", ("lead", "deadline"), ["zhashui-2024 17.: 长期"]),
        ("第十七项是长期任务[1]。", ("lead", "responsible"), ["zhashui-2024 17.: 县司法局"]),
        ("第十七项是长期任务[1]。", ("content",), []),
    ],
)
def test_unanswered_names_the_table_values_left_out(text, fields, missing, zs):
    assert unanswered(text, [zs[0].task], fields) == missing


def test_renumber_follows_the_kept_sources():
    assert renumber("甲[3]。乙[1][3]。丙[2-3]。", [3, 1]) == "甲[1]。乙[2][1]。丙[1]。"


def test_sentences_keep_their_citations():
    text = "第一句。[1] Second one [2]. No. 17 stays whole.\n第二行[3]"
    assert [text[s:e].strip() for s, e in split_sentences(text)] == [
        "第一句。[1]",
        "Second one [2].",
        "No. 17 stays whole.",
        "第二行[3]",
    ]


def test_flat_ignores_width_and_spacing():
    assert flat("组 长：王 丽（１）") == flat("组长:王丽(1)")


def test_source_citation_quotes_the_notice_exactly(zs):
    for s in zs:
        c = s.citation()
        assert c.quote in s.notice.text and (c.start_line, c.end_line) == (s.start_line, s.end_line)

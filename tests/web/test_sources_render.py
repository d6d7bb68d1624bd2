"""Issue 16, item 3: the sources under an answer. A task of a merged table row has only its own segment highlighted
and its own cells in a labelled row; no formatting markup (<p>) is shown; sources are grouped under the notice's short
name, not its 40-character title on every item; a refusal's nearest passages are deduplicated, at most three, and
labelled 可能相关 apart from the sources."""

from __future__ import annotations

import re

from assistant.records import Answer, Citation
from assistant.web.render import MAX_NEAREST, bubble_html, sources_html


def cite(corpus, doc_id: str, start: int, end: int | None = None, label: str = "") -> Citation:
    p = corpus.get(doc_id)
    lines = p.notice.text.splitlines()
    end = end or start
    n = p.notice
    return Citation(n.doc_id, n.title, n.doc_number, n.source, label, start, end, "\n".join(lines[start - 1 : end]))


def task_cite(corpus, doc_id: str, number: int) -> Citation:
    t = next(t for t in corpus.get(doc_id).tasks if t.number == number)
    return cite(corpus, doc_id, t.start_line, t.end_line, t.label)


def docs_for(corpus, *ids: str):
    return {d: corpus.get(d) for d in ids}


def marks(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html, re.S)


def test_a_task_in_a_merged_row_highlights_only_its_own_segment_without_markup(corpus):
    tasks = corpus.get("zhashui-2024").tasks
    t16, t17 = (next(t for t in tasks if t.number == n) for n in (16, 17))
    assert t16.start_line == t17.start_line, "the bundled notice merges 16 and 17 on one line"
    answer = Answer("…[1]", [task_cite(corpus, "zhashui-2024", 17)], [t17], "zh")
    html = sources_html(answer, docs_for(corpus, "zhashui-2024"))
    [mark] = marks(html)
    assert mark.startswith("17.") and t17.content[:20] in mark
    assert t16.content[:20] not in mark and "16." not in mark
    assert "&lt;p&gt;" not in html and "&lt;/p&gt;" not in html and "<p>" not in html
    # the labelled row: its own number, content and cells
    row = re.search(r'<dl class="na-row">(.*?)</dl>', html).group(1)
    for name in ("编号", "内容", "牵头", "责任", "时限"):
        assert f"<dt>{name}</dt>" in row
    assert "<dd>17.</dd>" in row and f"<dd>{t17.deadline}</dd>" in row and t16.content[:20] not in row


def test_a_list_answer_names_its_notice_once_by_its_short_name(corpus):
    p = corpus.get("zhashui-2024")
    cites = [task_cite(corpus, "zhashui-2024", n) for n in range(1, 11)]
    html = sources_html(Answer("…", cites, [], "zh"), docs_for(corpus, "zhashui-2024"))
    assert html.count('class="na-doc"') == 1
    assert re.search(r'<div class="na-doc"[^>]*>柞水县 · 柞政办函〔2024〕54号</div>', html)
    assert html.count(f">{p.notice.title}") == 0, "the full title is not repeated on every source"
    assert html.count("<summary>") == 10


def test_sources_of_two_notices_are_grouped_in_their_order(corpus):
    cites = [
        task_cite(corpus, "zhashui-2024", 17),
        cite(corpus, "lingchuan-2022", 79),
        task_cite(corpus, "zhashui-2024", 18),
    ]
    html = sources_html(Answer("…", cites, [], "zh"), docs_for(corpus, "zhashui-2024", "lingchuan-2022"))
    heads = re.findall(r'<div class="na-doc"[^>]*>(.*?)</div>', html)
    assert [h.split(" · ")[0] for h in heads] == ["柞水县", "陵川县"]
    assert [int(n) for n in re.findall(r"<summary>\[(\d+)\]", html)] == [1, 3, 2]  # numbers stay as in the text


def test_english_sources_use_the_english_short_name_and_row_labels(corpus):
    answer = Answer("…[1]", [task_cite(corpus, "zhashui-2024", 17)], [], "en")
    html = sources_html(answer, docs_for(corpus, "zhashui-2024"), "en")
    assert re.search(r'<div class="na-doc"[^>]*>Zhashui · ', html)
    assert "<dt>Deadline</dt>" in html and "<dt>时限</dt>" not in html


def test_a_refusals_nearest_passages_are_deduplicated_labelled_and_apart(corpus):
    # lines 3 and 13 of the Zhashui notice both read 柞水县人民政府办公室: one passage, shown once
    near = [cite(corpus, "zhashui-2024", 3), cite(corpus, "zhashui-2024", 13)]
    near += [task_cite(corpus, "zhashui-2024", n) for n in (16, 17, 18)]
    assert near[0].quote == near[1].quote
    answer = Answer("未找到相关规定", [], [], "zh", found=False, nearest=near)
    html = bubble_html(answer, docs_for(corpus, "zhashui-2024"))
    sources, nearest = html.split('<div class="na-nearest">')
    assert "<summary>" not in sources, "nearest passages are not sources"
    assert nearest.startswith("<b>可能相关</b>")
    assert nearest.count("<summary>") == MAX_NEAREST == 3
    assert nearest.count("<mark>柞水县人民政府办公室</mark>") == 1
    assert "&lt;p&gt;" not in html


def test_a_tag_that_is_not_formatting_is_still_shown_as_text(corpus):
    from assistant.web.render import plain

    assert plain("<p>甲</p> <p>乙</p>") == "甲 乙"
    assert plain("x<script>alert(1)</script><img src=x onerror=y>") == "x<script>alert(1)</script><img src=x onerror=y>"

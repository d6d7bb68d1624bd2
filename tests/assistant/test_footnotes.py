"""An answer as text with [n] markers and numbered sources (assistant/footnotes.py), on answers built in code."""

from __future__ import annotations

from assistant.footnotes import footnote, marked, with_sources
from assistant.records import Answer, Citation, Understood

ZS = dict(title="柞水县…任务清单的通知", doc_number="柞政办函〔2024〕54号", source="zhashui.txt")
YY = dict(title="宜阳县…若干举措", doc_number="宜政办〔2024〕22号", source="yiyang.txt")


def cite(doc_id: str, label: str, line: int, quote: str, **notice) -> Citation:
    return Citation(doc_id, notice["title"], notice["doc_number"], notice["source"], label, line, line, quote)


def test_each_row_line_gets_the_marker_of_its_own_source():
    text = (
        "问题未指明通知；以下 2 份通知都有第6项，分别是：\n"
        "柞水县（柞政办函〔2024〕54号）第6项：完成时限：2024年3月底前\n"
        "宜阳县（宜政办〔2024〕22号）存在问题6：完成时限：长期坚持"
    )
    answer = Answer(
        text,
        [cite("zhashui-2024", "6.", 23, "6. …", **ZS), cite("yiyang-2024", "存在问题6", 30, "存在问题6:…", **YY)],
        [],
        "zh",
    )
    lines = marked(answer).split("\n")
    assert lines[1].endswith("[1]") and lines[2].endswith("[2]") and "[" not in lines[0]


def test_a_notice_without_a_number_is_known_by_the_place_its_lines_open_with():
    text = "各通知分别为：\n柞水县（柞政办函〔2024〕54号）：日期：2024年4月16日\n渭南市：日期：2024-04-20"
    wn = Citation("weinan-2024", "渭南市2024年法治政府建设工作要点", None, "w.txt", "", 4, 4, "时间:2024-04-20")
    answer = Answer(text, [cite("zhashui-2024", "", 5, "2024年4月16日", **ZS), wn], [], "zh")
    assert marked(answer).split("\n")[1:] == [
        "柞水县（柞政办函〔2024〕54号）：日期：2024年4月16日[1]",
        "渭南市：日期：2024-04-20[2]",
    ]


def test_list_rows_are_marked_by_their_label_not_a_longer_one():
    text = "柞水县（柞政办函〔2024〕54号）共 2 项：1.、11.\n  - 1. 配合完成…\n  - 11. 按照…"
    answer = Answer(text, [cite("z", "11.", 33, "11.", **ZS), cite("z", "1.", 20, "1.", **ZS)], [], "zh")
    assert marked(answer).split("\n")[1:] == ["  - 1. 配合完成…[2]", "  - 11. 按照…[1]"]


def test_an_open_answer_is_marked_where_it_quotes():
    text = "陵川县：领导小组办公室设在县委依法治县办公室\n陵川县：组 长：王 丽 县委副书记、县长"
    c = Citation("l", "陵川…方案", None, "l.txt", "", 40, 40, "组 长：王 丽 县委副书记、县长")
    assert marked(Answer(text, [c], [], "zh")).split("\n")[1].endswith("[1]")


def test_an_llm_answer_keeps_its_own_markers():
    answer = Answer("牵头单位为县司法局[1]。", [cite("z", "17.", 42, "17.", **ZS)], [], "zh", mode="llm")
    assert marked(answer) == "牵头单位为县司法局[1]。"


def test_the_reply_text_shows_a_carried_understanding_and_the_footnotes():
    u = Understood(text="…", label="Zhashui · item 18 · deadline", kind="task", carried=("item", "notice"))
    answer = Answer(
        "Zhashui item 18 [18.]: deadline: 长期", [cite("z", "18.", 43, "18.", **ZS)], [], "en", understood=u
    )
    assert with_sources(answer).split("\n") == [
        "(Understood as: Zhashui · item 18 · deadline)",
        "Zhashui item 18 [18.]: deadline: 长期[1]",
        "",
        "Sources:",
        "[1] 《柞水县…任务清单的通知》（柞政办函〔2024〕54号） 18. zhashui.txt lines 43–43",
    ]
    alone = Answer("…", [], [], "zh", understood=Understood(text="…", label="柞水县 · 第17项", kind="task"))
    assert with_sources(alone) == "…" and with_sources(alone, show_understood=True).startswith(
        "（理解为：柞水县 · 第17项）"
    )


def test_a_footnote_without_number_or_label():
    c = Citation("w", "渭南市…要点", None, "w.txt", "", 3, 5, "…")
    assert footnote(2, c, "zh") == "[2] 《渭南市…要点》 w.txt 第3–5行"

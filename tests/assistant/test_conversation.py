"""Follow-up questions in a conversation (assistant/conversation.py), on the bundled notices.

Each conversation is asked turn by turn through `Assistant.ask(question, history=...)`, the history holding the user
turns and the assistant's answer texts as a chat client would send them back (no `understood` record). The last turn
is checked against the task tables: the lead, responsible units, deadline or materials of the row it must be about,
the notice's 文号 or date, or the exact rows a list must give — all read from the parsed notices, not written here.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import BaseMessage

from assistant.conversation import BadHistory, Turn, ordinal, turns_from
from assistant.records import Answer
from index.records import Task

LEAD_SFJ = lambda t: any("司法局" in u for u in t.lead)  # noqa: E731 — row predicates read as data
LEAD_SPJ = lambda t: "县审批局" in t.lead  # noqa: E731
LONG_TERM = lambda t: t.deadline == "长期"  # noqa: E731


def due_by(year: int, month: int) -> Callable[[Task], bool]:
    """A deadline in a month on or before year-month (每年… recurs, so it is never "by" a date)."""

    def passes(t: Task) -> bool:
        m = re.search(r"(\d{4})年(\d{1,2})月|(\d{4})年底", t.deadline or "")
        if not m or (t.deadline or "").startswith("每年"):
            return False
        ym = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(3)), 12)
        return ym <= (year, month)

    return passes


def due_within(year: int, first: int, last: int) -> Callable[[Task], bool]:
    """A dated deadline (not a recurring 每年…) in months first..last of year; 年底 is December."""

    def passes(t: Task) -> bool:
        m = re.search(r"(\d{4})年(\d{1,2})月|(\d{4})年底", t.deadline or "")
        if not m or (t.deadline or "").startswith("每年"):
            return False
        y, mo = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(3)), 12)
        return y == year and first <= mo <= last

    return passes


@dataclass(frozen=True)
class Expect:
    """What the last turn must be about and say, in terms of the task tables."""

    doc: str
    number: int | None = None  # a row of `doc`: the answer gives `fields` of it
    pick: tuple[Callable[[Task], bool], int] | None = None  # or the n-th row (0-based) that passes the predicate
    kind: str = "task"  # the row's kind: task | bonus | veto
    fields: tuple[str, ...] = ()
    meta: str | None = None  # number | date | issuer: the notice's 文号, date or issuer
    rows: Callable[[Task], bool] | None = None  # a list: exactly the rows of `doc` that pass
    count: bool = False  # a count of those rows
    quote: str | None = None  # an open answer: a passage of `doc` holding this text is cited
    carried: tuple[str, ...] | None = None  # what must have come from the conversation; () = nothing


CONVERSATIONS: list[tuple[str, list[str], Expect]] = [
    # --- another item
    (
        "zh-next-item",
        ["柞水县第17项任务由谁牵头？", "那第18项呢？"],
        Expect("zhashui-2024", 18, fields=("lead",), carried=("notice",)),
    ),
    ("zh-bare-number", ["柞水县第9项由谁牵头？", "18呢？"], Expect("zhashui-2024", 18, fields=("lead",))),
    # after one item (no list to pick from), an ordinal is the notice's item of that number
    (
        "en-ordinal-after-one-item",
        ["Who leads problem 3 in the Yiyang measures?", "and the fourth one?"],
        Expect("yiyang-2024", 4, fields=("lead",), carried=("notice", "field")),
    ),
    ("zh-ordinal-after-one-item", ["柞水县第5项由谁牵头？", "第六个呢？"], Expect("zhashui-2024", 6, fields=("lead",))),
    (
        "zh-bonus-next",
        ["陵川县加分项1的责任单位是什么？", "2呢？"],
        Expect("lingchuan-2022", 2, kind="bonus", fields=("responsible",)),
    ),
    (
        "en-what-about-item",
        ["Who leads task 17 in the Zhashui list and by when?", "What about item 18?"],
        Expect("zhashui-2024", 18, fields=("lead", "deadline")),
    ),
    (
        "en-and-number",
        ["Who leads task 17 in the Zhashui list?", "and 19?"],
        Expect("zhashui-2024", 19, fields=("lead",), carried=("notice", "field")),
    ),
    # the item after or before the one in focus
    (
        "zh-next-item-by-word",
        ["渭南工作要点第十二项讲的什么", "下一项的责任单位呢？"],
        Expect("weinan-2024", 13, fields=("responsible",), carried=("notice",)),
    ),
    ("zh-previous-item", ["柞水县第5项谁牵头", "上一条呢"], Expect("zhashui-2024", 4, fields=("lead",))),
    (
        "en-the-next-one",
        ["Who leads Zhashui task 5?", "And the next one?"],
        Expect("zhashui-2024", 6, fields=("lead",), carried=("notice", "field")),
    ),
    (
        "en-the-item-before-it",
        ["Changjiang item 30: besides the lead, which units are responsible?", "and the item before it?"],
        Expect("changjiang-2024", 29, fields=("responsible",), carried=("notice", "field")),
    ),
    ("zh-the-one-before-it", ["柞水县第5项谁牵头", "它前面那项呢"], Expect("zhashui-2024", 4, fields=("lead",))),
    (
        "en-previous-problem",
        ["When is Yiyang problem 9 due?", "what about the previous problem?"],
        Expect("yiyang-2024", 8, fields=("deadline",)),
    ),
    # a section picked by its place in a conversation about one notice, then a row picked from that section's list
    (
        "zh-section-then-second-row",
        ["渭南工作要点分了几个方面？", "第五个方面下面有哪几项", "第二项的责任单位是谁"],
        Expect("weinan-2024", 14, fields=("responsible",)),
    ),
    # a count of the list just given, asked with nothing else
    (
        "en-how-many-is-that",
        ["Which Zhashui tasks are led by 县审批局?", "How many is that?"],
        Expect("zhashui-2024", rows=LEAD_SPJ, count=True),
    ),
    (
        "zh-bare-count",
        ["柞水县哪些任务由县审批局牵头？", "一共几项？"],
        Expect("zhashui-2024", rows=LEAD_SPJ, count=True),
    ),
    # --- another field
    # field words alone, however many, name nothing of their own: the item in focus
    (
        "zh-two-fields-alone",
        ["昌江区评价指标8讲的是什么？", "牵头和责任单位各是哪些？"],
        Expect("changjiang-2024", 8, fields=("lead", "responsible"), carried=("item", "notice")),
    ),
    (
        "zh-two-fields-alone-with-deadline",
        ["宜阳县存在问题11的内容？", "牵头部门以及完成时限分别是什么"],
        Expect("yiyang-2024", 11, fields=("lead", "deadline"), carried=("item", "notice")),
    ),
    (
        "zh-deadline",
        ["柞水县第17项任务由谁牵头？", "完成时限呢？"],
        Expect("zhashui-2024", 17, fields=("deadline",), carried=("item", "notice")),
    ),
    (
        "zh-who-assists",
        ["宜阳县存在问题6的牵头单位是什么？", "谁配合？"],
        Expect("yiyang-2024", 6, fields=("responsible",)),
    ),
    (
        "en-who-else-besides-the-lead",
        ["changjiang district list item 19, whats it about?", "who else is involved besides the lead?"],
        Expect("changjiang-2024", 19, fields=("responsible",), carried=("item", "notice")),
    ),
    (
        "zh-chain",
        ["柞水县第17项任务由谁牵头？", "那第18项呢？", "完成时限呢？"],
        Expect("zhashui-2024", 18, fields=("deadline",)),
    ),
    (
        "en-and-deadline",
        ["Who leads task 3 in the Yiyang notice?", "And the deadline?"],
        Expect("yiyang-2024", 3, fields=("deadline",)),
    ),
    (
        "en-responsible",
        ["Who leads task 17 in the Zhashui list?", "And which units are responsible?"],
        Expect("zhashui-2024", 17, fields=("responsible",)),
    ),
    # --- another notice, same item and field
    (
        "zh-other-notice",
        ["柞水县第5项由谁牵头？", "那昌江区的呢？"],
        Expect("changjiang-2024", 5, fields=("lead",), carried=("item", "field")),
    ),
    (
        "zh-item-then-notice",
        ["宜阳县存在问题3由谁牵头？", "第5项呢？", "柞水县的呢？"],
        Expect("zhashui-2024", 5, fields=("lead",)),
    ),
    (
        "zh-meta-other-notice",
        ["宜阳县的通知是什么时候印发的？", "文号呢？", "那柞水县的呢？"],
        Expect("zhashui-2024", meta="number"),
    ),
    (
        "zh-count-other-notice",
        ["昌江区有多少项任务由区司法局牵头？", "那宜阳县的呢？"],
        Expect("yiyang-2024", rows=LEAD_SFJ, count=True),
    ),
    (
        "en-same-for",
        ["Who leads item 5 in the Zhashui notice?", "Same for Changjiang?"],
        Expect("changjiang-2024", 5, fields=("lead",)),
    ),
    (
        "en-same-for-problem",
        ["What is the deadline of problem 6 in the Yiyang notice?", "Same for Zhashui?"],
        Expect("zhashui-2024", 6, fields=("deadline",)),
    ),
    (
        "en-who-leads-it-in",
        ["Who leads task 5 in the Zhashui list?", "who leads it in Yiyang?"],
        Expect("yiyang-2024", 5, fields=("lead",)),
    ),
    # --- a pronoun for the notice or the item
    (
        "zh-its-number",
        ["昌江区第3项由谁牵头？", "它的文号是什么？"],
        Expect("changjiang-2024", meta="number", carried=("notice",)),
    ),
    ("zh-when-issued", ["柞水县第17项任务由谁牵头？", "它是什么时候印发的？"], Expect("zhashui-2024", meta="date")),
    (
        "zh-this-item-materials",
        ["陵川县第17项指标的责任单位是什么？", "这一项要报什么材料？"],
        Expect("lingchuan-2022", 17, fields=("materials",), carried=("item", "notice")),
    ),
    ("zh-its-leader", ["陵川县的通知是谁印发的？", "它的领导小组组长是谁？"], Expect("lingchuan-2022", quote="王 丽")),
    (
        "en-when-issued",
        ["What is the document number of the Changjiang notice?", "When was it issued?"],
        Expect("changjiang-2024", meta="date"),
    ),
    (
        "en-it-issued-after-task",
        ["Who leads task 17 in the Zhashui list?", "When was it issued?"],
        Expect("zhashui-2024", meta="date"),
    ),
    (
        "en-this-item-materials",
        ["Who is responsible for indicator 17 in the Lingchuan plan?", "What materials does this item need?"],
        Expect("lingchuan-2022", 17, fields=("materials",)),
    ),
    # --- an item picked from the previous answer's list
    (
        "zh-second",
        ["柞水县哪些任务由县审批局牵头？", "第二个呢？"],
        Expect("zhashui-2024", pick=(LEAD_SPJ, 1), fields=("lead",), carried=("notice", "item", "field")),
    ),
    (
        "zh-pick-then-first",
        ["柞水县哪些任务由县审批局牵头？", "第三个呢？", "第一个的完成时限呢？"],
        Expect("zhashui-2024", pick=(LEAD_SPJ, 0), fields=("deadline",)),
    ),
    (
        "en-first-one",
        ["Which Zhashui tasks are led by 县审批局?", "The first one — what is its deadline?"],
        Expect("zhashui-2024", pick=(LEAD_SPJ, 0), fields=("deadline",)),
    ),
    (
        "en-second-one",
        ["Which Yiyang problems are led by 县司法局?", "the second one?"],
        Expect("yiyang-2024", pick=(LEAD_SFJ, 1), fields=("lead",)),
    ),
    # --- narrowing the previous list
    (
        "zh-of-those-long-term",
        ["柞水县哪些任务由县司法局牵头？", "其中哪些是长期的？"],
        Expect("zhashui-2024", rows=lambda t: LEAD_SFJ(t) and LONG_TERM(t), carried=("filter", "notice")),
    ),
    (
        "zh-of-those-count",
        ["柞水县哪些任务的完成时限是长期？", "其中有几项由县审批局牵头？"],
        Expect("zhashui-2024", rows=lambda t: LEAD_SPJ(t) and LONG_TERM(t), count=True),
    ),
    (
        "en-of-those-due",
        ["Which Zhashui tasks are led by 县司法局?", "which of those are due by June 2024?"],
        Expect("zhashui-2024", rows=lambda t: LEAD_SFJ(t) and due_by(2024, 6)(t)),
    ),
    (
        "en-count-then-those",
        ["How many tasks does the Zhashui list have?", "which of those are led by 县审批局?"],
        Expect("zhashui-2024", rows=LEAD_SPJ),
    ),
    # --- more phrasings
    (
        "zh-which-units",
        ["宜阳县存在问题6的完成时限是什么？", "由哪些单位负责？"],
        Expect("yiyang-2024", 6, fields=("responsible",)),
    ),
    (
        "en-for-that-one",
        ["Who leads task 17 in the Zhashui list?", "How about the deadline for that one?"],
        Expect("zhashui-2024", 17, fields=("deadline",)),
    ),
    (
        "zh-last-one",
        ["柞水县哪些任务由县审批局牵头？", "最后一个的完成时限是什么？"],
        Expect("zhashui-2024", pick=(LEAD_SPJ, -1), fields=("deadline",)),
    ),
    (
        "en-and-problem",
        ["What is the deadline for problem 6 in Yiyang?", "and problem 7?"],
        Expect("yiyang-2024", 7, fields=("deadline",), carried=("notice", "field")),
    ),
    (
        "en-meta-other-notice",
        ["Who issued the Yiyang notice?", "What about Changjiang?"],
        Expect("changjiang-2024", meta="issuer"),
    ),
    # --- relative ordinals pick from the previous list: the former is its first row, the latter its last
    (
        "zh-latter",
        ["柞水县哪些任务由县审批局牵头？", "后边那条的完成时限呢？"],
        Expect("zhashui-2024", pick=(LEAD_SPJ, -1), fields=("deadline",), carried=("notice", "item")),
    ),
    (
        "zh-former",
        ["宜阳县哪些问题由县司法局牵头？", "前者由谁配合？"],
        Expect("yiyang-2024", pick=(LEAD_SFJ, 0), fields=("responsible",)),
    ),
    (
        "en-latter",
        ["Which Yiyang problems are led by 县司法局?", "And the latter — when is it due?"],
        Expect("yiyang-2024", pick=(LEAD_SFJ, -1), fields=("deadline",)),
    ),
    (
        "en-second-of-these",
        ["Which Zhashui tasks are led by 县审批局?", "For the second of these, what's the deadline?"],
        Expect("zhashui-2024", pick=(LEAD_SPJ, 1), fields=("deadline",)),
    ),
    # --- narrowing the previous list to a year or a part of it (a year-less half or quarter: the list's year)
    (
        "zh-of-those-in-year",
        ["柞水县哪些任务由县司法局牵头？", "这些当中2024年内要完成的有哪些？"],
        Expect("zhashui-2024", rows=lambda t: LEAD_SFJ(t) and due_within(2024, 1, 12)(t), carried=("filter",)),
    ),
    # a year replaces the previous list's negated deadline (not 长期 -> within 2024), it is not negated itself
    (
        "en-not-long-term-then-year",
        ["Which Zhashui tasks aren't long-term?", "which of those have to be finished within 2024?"],
        Expect("zhashui-2024", rows=due_within(2024, 1, 12), carried=("filter",)),
    ),
    (
        "zh-not-long-term-then-year",
        ["宜阳哪些问题的完成时限不只是长期坚持？", "这里面2024年内到期的是哪些？"],
        Expect("yiyang-2024", rows=due_within(2024, 1, 12), carried=("filter",)),
    ),
    (
        "zh-of-those-second-half",
        ["柞水县哪些任务由县司法局牵头？", "其中下半年到期的呢？"],
        Expect("zhashui-2024", rows=lambda t: LEAD_SFJ(t) and due_within(2024, 7, 12)(t)),
    ),
    (
        "en-of-those-during-year",
        ["Which Zhashui tasks are led by 县司法局?", "of those, which must be finished during 2024?"],
        Expect("zhashui-2024", rows=lambda t: LEAD_SFJ(t) and due_within(2024, 1, 12)(t)),
    ),
    (
        "en-of-those-quarter",
        ["Which Zhashui tasks are led by 县司法局?", "which of them fall in the first quarter?"],
        Expect("zhashui-2024", rows=lambda t: LEAD_SFJ(t) and due_within(2024, 1, 3)(t)),
    ),
    # --- an item asked with a topic, then another notice: the topic is carried, not the number
    (
        "zh-topic-to-other-notice",
        ["柞水县第14项对负责人出庭应诉率的要求是多少？", "昌江区呢？"],
        Expect("changjiang-2024", quote="出庭应诉率", carried=("question",)),
    ),
    # --- a demonstrative for the part a prose question asked about: the search names it
    (
        "zh-that-stage",
        ["陵川县示范创建的总结提升阶段在几月？", "这个阶段要做什么？"],
        Expect("lingchuan-2022", quote="总结提升", carried=("notice",)),
    ),
    # --- the next item, or the item in focus ("there"), asked a value of its own: its text, not the fields before
    (
        "en-next-one-asked-its-own-value",
        [
            "What does Weinan task (15) deal with?",
            "And the next one — how often should government–court symposiums be held?",
        ],
        Expect("weinan-2024", 16, quote="每半年至少召开1次", carried=("notice",)),
    ),
    (
        "en-there",
        [
            "Changjiang item 31 — what's it about?",
            "who's responsible?",
            "and item 32?",
            "what's the staffing target there?",
        ],
        Expect("changjiang-2024", 32, quote="专职人民调解员", carried=("item", "notice")),
    ),
    # --- a point of a list a prose answer gave, picked by its place: asked in its own words
    (
        "zh-pick-from-a-prose-list",
        ["陵川实施推进阶段那个“七个一”都包括啥", "第四个具体讲的是什么"],
        Expect("lingchuan-2022", quote="宣传推广", carried=("notice", "item")),
    ),
    (
        "en-pick-a-stage-from-a-prose-list",
        ["What stages does Lingchuan's demo county campaign go through?", "What happens in the fifth one and when?"],
        Expect("lingchuan-2022", quote="迎接验收", carried=("notice", "item")),
    ),
    # --- a message complete on its own ignores the conversation
    (
        "zh-complete",
        ["柞水县第17项任务由谁牵头？", "宜阳县存在问题6的完成时限是什么？"],
        Expect("yiyang-2024", 6, fields=("deadline",), carried=()),
    ),
    (  # a message naming its notice and item and asking a value of its own does not take the fields asked before
        "zh-complete-asks-its-own-value",
        ["宜阳第10个问题牵头单位是？", "好的。另外问一下，柞水第20项里政务公开工作人员变动要多少天内报备？"],
        Expect("zhashui-2024", 20, quote="10日内", carried=()),
    ),
    (
        "en-complete",
        ["Who leads task 17 in the Zhashui list?", "How many problems does the Yiyang notice list?"],
        Expect("yiyang-2024", rows=lambda t: t.kind == "task", count=True, carried=()),
    ),
    # the same item number in another notice, said as such (not "a similar requirement")
    (
        "en-same-item-number",
        ["Zhashui item 3 — deadline?", "same item number in the Changjiang list — who leads it?"],
        Expect("changjiang-2024", 3, fields=("lead",), carried=("item",)),
    ),
    (
        "zh-same-number",
        ["柞水第3项啥时候完成", "昌江同样编号的那项谁牵头"],
        Expect("changjiang-2024", 3, fields=("lead",)),
    ),
    # a stage named before, pointed at or asked about: its own heading and the lines under it
    (
        "zh-that-stage",
        ["陵川创建示范县分几个阶段？", "县级初审是哪个月？", "那个阶段资料要报到哪，截止哪天？"],
        Expect("lingchuan-2022", quote="2023年2月28日前"),
    ),
    (
        "en-last-stage-window",
        ["Lingchuan plan: what's the last stage called?", "what's the time window for it?"],
        Expect("lingchuan-2022", quote="2023年4月—8月"),
    ),
    ("zh-stage-doing", ["陵川方案第四阶段叫啥？", "具体要干啥，啥时候"], Expect("lingchuan-2022", quote="回头看")),
    # field words alone after a prose answer: the fields of the row its sentence stands in
    (
        "en-bare-field-after-prose",
        ["Weinan's open-government task — what reply rate is required for disclosure requests?", "who's responsible?"],
        Expect("weinan-2024", 19, fields=("responsible",)),
    ),
    # a point of a prose list asked how it is done: the whole point, not its title alone
    (
        "zh-listed-point-how",
        ["陵川方案里“七个一”活动都包括啥", "第三个具体咋搞？"],
        Expect("lingchuan-2022", quote="行业专家"),
    ),
    # a follow-up about the item in focus in its own words: asked of that item as written, not as a bare field
    (
        "zh-item-detail-own-words",
        ["昌江第１项里各乡镇每年几号之前要报告上一年度法治政府建设情况？", "那啥时候前要向社会公开？通过啥渠道？"],
        Expect("changjiang-2024", quote="微信公众号"),
    ),
    (
        "en-office-director-and-deputy",
        [
            "Who is the group leader of Lingchuan's demo-county leading group?",
            "And who runs its office, and who's the deputy there?",
        ],
        Expect("lingchuan-2022", quote="办公室主任由副县长"),
    ),
    # a section named by its printed heading, then narrowed by year
    (
        "en-section-heading-then-narrow",
        ["List the Zhashui tasks under section 二、提升行政执法质量.", "which of those are due in 2024?"],
        Expect(
            "zhashui-2024",
            rows=lambda t: "二、提升行政执法质量" in t.section and (t.deadline or "").startswith("2024"),
            carried=("filter",),
        ),
    ),
    # a field asked of a list in the plural: each listed row's field
    (
        "en-their-deadlines-after-list",
        ["Which Zhashui items does 县审批局 lead or co-lead?", "What are their deadlines?"],
        Expect("zhashui-2024", rows=lambda t: "县审批局" in t.lead, carried=("filter",)),
    ),
    # a message that says it changes the subject carries nothing
    (
        "en-topic-switch",
        [
            "Lingchuan indicator 70: satisfaction target?",
            "Totally different question — in the Changjiang list, by when must towns report the previous year's "
            "rule-of-law government work, and by when must it be made public?",
        ],
        Expect("changjiang-2024", quote="4月1日前", carried=()),
    ),
    # field words with fillers of any length ask them of the item in focus
    (
        "zh-fields-said-at-length",
        ["柞水县第5项讲的是什么", "牵头单位跟完成时限一块儿说一下"],
        Expect("zhashui-2024", 5, fields=("lead", "deadline"), carried=("notice", "item")),
    ),
    (
        "en-fields-with-that",
        ["What is Yiyang problem 4 about?", "who is in charge of that and when is it due"],
        Expect("yiyang-2024", 4, fields=("lead", "deadline"), carried=("notice", "item")),
    ),
    # a follow-up about something the row in focus speaks of is asked of that row; one it does not, of the notice
    (
        "zh-another-subject-of-the-row",
        ["昌江区第33项政府常务会议每年学法几次", "那各部门呢"],
        Expect("changjiang-2024", 33, quote="政府各部门每年集体学法不少于2次", carried=("notice", "item")),
    ),
    (
        "en-another-subject-of-the-row",
        ["Changjiang item 33: how often must the executive meeting study law?", "and the departments?"],
        Expect("changjiang-2024", 33, quote="政府各部门每年集体学法不少于2次", carried=("notice", "item")),
    ),
    (
        "zh-a-subject-the-row-does-not-mention",
        ["陵川县三级指标25由谁负责", "那领导小组办公室设在哪里"],
        Expect("lingchuan-2022", quote="设在县委依法治县办公室", carried=("notice",)),
    ),
    # after a count of a notice's items, "the last one" / 第一项 is the notice's own last or first item
    (
        "zh-last-item-after-a-count",
        ["柞水县清单一共有多少项", "最后一项由谁牵头"],
        Expect("zhashui-2024", pick=(lambda t: True, -1), fields=("lead",), carried=("notice",)),
    ),
    (
        "en-last-item-after-a-count",
        ["How many indicators are in the Changjiang list?", "who leads the last one?"],
        Expect("changjiang-2024", pick=(lambda t: True, -1), fields=("lead",), carried=("notice",)),
    ),
    # a list of one row: "there" / 它 is that row, and what the message asks of it is its text
    (
        "zh-the-one-row-a-list-gave",
        ["宜阳县哪些问题由县委党校牵头", "它的工作举措是什么"],
        Expect("yiyang-2024", 2, quote="全面依法治县考核", carried=("notice", "item")),
    ),
    (
        "en-the-one-row-a-list-gave",
        ["Which Yiyang problems have 县委党校 among the leads?", "what's the measure there?"],
        Expect("yiyang-2024", 2, quote="全面依法治县考核", carried=("notice", "item")),
    ),
    # "is it the same?" of another item asks the fields asked before, not its whole text
    (
        "zh-same-fields-asked-as-yes-no",
        ["渭南第二十四项谁负责", "第25项也一样吗"],
        Expect("weinan-2024", 25, fields=("responsible",), carried=("notice", "field")),
    ),
    # the 文号 of a document the previous answer named (what the notice rests on or a row cites), not the notice's own
    (
        "en-document-number-of-the-basis",
        ["What document is the Changjiang list based on?", "and its document number?"],
        Expect("changjiang-2024", quote="赣府发〔2024〕10号", carried=("notice", "document")),
    ),
    (
        "zh-document-named-by-a-word-of-its-title",
        ["渭南市工作要点根据哪些文件制定", "陕西省那个的文号是多少"],
        Expect("weinan-2024", quote="陕政办发〔2023〕25号", carried=("notice", "document")),
    ),
    (
        "zh-document-a-row-cites",
        ["宜阳县存在问题10的工作举措落实的是哪个方案", "它的文号"],
        Expect("yiyang-2024", quote="豫政办〔2023〕68号", carried=("notice", "document")),
    ),
    (
        "en-document-a-row-cites",
        ["Which plan does Yiyang problem 10's measure implement?", "what is that plan's document number?"],
        Expect("yiyang-2024", quote="豫政办〔2023〕68号", carried=("notice", "document")),
    ),
    (
        "zh-topic-switch",
        ["昌江第3项谁牵头", "换个话题，柞水那份的文号是啥"],
        Expect("zhashui-2024", meta="number", carried=()),
    ),
]


def converse(assistant, turns: list[str]) -> Answer:
    """Asks each turn with the history before it, as a chat client would; returns the last answer."""
    history: list[Turn] = []
    answer = None
    for message in turns:
        answer = assistant.ask(message, None, history)
        history += [Turn("user", message), Turn("assistant", answer.text)]
    assert answer is not None
    return answer


def row(corpus, e: Expect) -> Task:
    tasks = [t for t in corpus.get(e.doc).tasks if t.kind == e.kind]
    if e.pick is not None:
        keep, n = e.pick
        return [t for t in tasks if keep(t)][n]
    return next(t for t in tasks if t.number == e.number)


def iso_to_zh(date: str) -> str:
    y, m, d = date.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


@pytest.mark.parametrize("name, turns, e", CONVERSATIONS, ids=[c[0] for c in CONVERSATIONS])
def test_last_turn_is_answered_in_context(bundled_assistant, corpus, name, turns, e):
    answer = converse(bundled_assistant, turns)
    u = answer.understood
    where = f"{name}: {turns[-1]!r} understood as {u.label!r} ({u.text!r})"
    assert u.doc_ids == (e.doc,), f"{where}: expected notice {e.doc}"
    if e.carried is not None:
        assert set(e.carried) <= set(u.carried) and (e.carried or not u.carried), f"{where}: carried {u.carried}"
    if e.number is not None or e.pick is not None:
        t = row(corpus, e)
        assert answer.kind == "task" and u.numbers == (t.number,), f"{where}: expected {e.doc} {t.label}"
        assert any(c.label == t.label and c.start_line == t.start_line for c in answer.citations), (
            f"{where}: {e.doc} {t.label} not cited"
        )
        for f in e.fields:
            values = {"lead": t.lead, "responsible": t.responsible, "deadline": (t.deadline,)}.get(f)
            values = values if values is not None else ((t.materials or "")[:20],)
            for v in values:
                assert v and v in answer.text, f"{where}: {e.doc} {t.label} {f} {v!r} missing from {answer.text!r}"
    if e.meta == "number":
        n = corpus.get(e.doc).notice
        assert n.doc_number in answer.text and any(n.doc_number in c.quote for c in answer.citations), where
    if e.meta == "issuer":
        n = corpus.get(e.doc).notice
        assert n.issuer and n.issuer in answer.text, f"{where}: {e.doc} issuer {n.issuer} missing from {answer.text!r}"
    if e.meta == "date":
        n = corpus.get(e.doc).notice
        assert iso_to_zh(n.date) in answer.text, f"{where}: {e.doc} date {n.date} missing from {answer.text!r}"
    if e.rows is not None:
        expected = [t for t in corpus.get(e.doc).tasks if e.rows(t)]
        assert expected, f"{name}: the predicate selects no row of {e.doc}"
        if e.count:
            assert answer.kind == "count" and re.search(rf"(?<!\d){len(expected)}(?!\d)", answer.text), (
                f"{where}: expected a count of {len(expected)} rows in {answer.text!r}"
            )
        else:
            got = [(i.doc_id, i.label) for i in u.items]
            assert got == [(e.doc, t.label) for t in expected], f"{where}: rows {got}"
    if e.quote is not None:
        assert e.quote in answer.text and any(c.doc_id == e.doc and e.quote in c.quote for c in answer.citations), (
            f"{where}: no cited passage of {e.doc} says {e.quote!r}"
        )


def test_the_conversations_cover_both_languages_and_every_follow_up_kind():
    assert len(CONVERSATIONS) >= 20
    langs = {name.split("-")[0] for name, _, _ in CONVERSATIONS}
    assert langs == {"zh", "en"}


def test_a_reply_rephrased_by_a_client_still_picks_from_the_understood_record(bundled_assistant, corpus):
    """A client that shows its own text keeps the `understood` record the API returned: "the second one" picks the
    second row it lists, whatever the reply text says."""
    first = bundled_assistant.ask("Which Zhashui tasks are led by 县审批局?")
    history = turns_from(
        [
            {"role": "user", "content": "Which Zhashui tasks are led by 县审批局?"},
            {"role": "assistant", "content": "Three of them.", "understood": first.understood.to_json()},
        ]
    )
    answer = bundled_assistant.ask("the second one — who leads it?", None, history)
    second = [t for t in corpus.get("zhashui-2024").tasks if LEAD_SPJ(t)][1]
    assert answer.understood.numbers == (second.number,) and all(u in answer.text for u in second.lead)


def test_the_understood_label_names_notice_item_and_field(bundled_assistant):
    zh = converse(bundled_assistant, ["柞水县第17项任务由谁牵头？", "那第18项呢？", "完成时限呢？"])
    assert zh.understood.label == "柞水县 · 第18项 · 完成时限"
    en = converse(bundled_assistant, ["Who leads task 17 in the Zhashui list?", "and 18?", "and the deadline?"])
    assert en.understood.label == "Zhashui · item 18 · deadline"
    assert zh.to_json()["understood"]["carried"] == ["item", "notice"]


def test_without_history_nothing_is_carried_and_the_answer_is_unchanged(bundled_assistant):
    alone = bundled_assistant.ask("柞水县第17项任务由谁牵头？")
    assert alone.understood.carried == () and alone.understood.text == "柞水县第17项任务由谁牵头？"
    assert bundled_assistant.ask("柞水县第17项任务由谁牵头？", None, []).text == alone.text


def test_a_follow_up_with_nothing_to_follow_is_answered_as_asked(bundled_assistant):
    answer = bundled_assistant.ask("完成时限呢？", None, [Turn("assistant", "你好，请提问。")])
    assert answer.understood.carried == ()


@pytest.mark.parametrize(
    "text, lang, index",
    [
        ("第二个呢？", "zh", 1),
        ("最后一个呢", "zh", -1),
        ("the first one — who leads it?", "en", 0),
        ("the last one?", "en", -1),
        ("后面那个呢？", "zh", -1),
        ("后一个谁牵头", "zh", -1),
        ("前面那条的完成时限", "zh", 0),
        ("前者呢", "zh", 0),
        ("and the former?", "en", 0),
        ("the latter — who leads it?", "en", -1),
        ("For the third of those, who is responsible?", "en", 2),
    ],
)
def test_ordinals_pick_from_a_list(text, lang, index):
    assert ordinal(text, lang) == index


def test_ordinals_are_not_item_numbers():
    assert ordinal("第2项由谁牵头", "zh") is None
    assert ordinal("first-level indicators", "en") is None


@pytest.mark.parametrize(
    "history, message",
    [
        ("not a list", "history must be a list"),
        ([["user", "hi"]], "history[0] must be an object"),
        ([{"role": "system", "content": "x"}], "history[0].role must be 'user' or 'assistant', got 'system'"),
        ([{"role": "user", "content": 3}], "history[0].content must be a string, got int"),
        ([{"role": "assistant", "content": "x", "understood": {"items": [{"number": 1}]}}], "history[0].understood"),
    ],
)
def test_bad_history_is_refused_naming_the_entry(history, message):
    with pytest.raises(BadHistory, match=re.escape(message)):
        turns_from(history)


class PromptLoggingFake(GenericFakeChatModel):
    """FAKE chat model (LLM mode's plumbing only): replies from a queue and keeps every prompt it was given."""

    prompts: list = []

    def _generate(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kwargs: Any):
        self.prompts.append(messages)
        return super()._generate(messages, stop, run_manager, **kwargs)


@pytest.mark.parametrize(
    "turns, lang",
    [
        (["柞水县对领导干部旁听庭审活动有什么要求？", "这条是第几项，谁牵头？"], "zh"),
        (["昌江区对行政机关负责人出庭应诉率有什么要求？", "这一项由哪个单位牵头，什么时候完成？"], "zh"),
        (
            [
                "What does the Zhashui notice ask of agency heads about appearing in court (出庭应诉)?",
                "which item is that?",
            ],
            "en",
        ),
        (["What does the Changjiang list require of the 出庭应诉率 of agency heads?", "who leads that item?"], "en"),
    ],
)
def test_after_a_prose_answer_this_item_is_the_row_its_first_citation_quotes(bundled_assistant, corpus, turns, lang):
    """A prose answer quotes a passage inside a numbered row; "这一项" / "that item" then asks about that row, found
    from the answer's text alone (as a chat client sends it back) and from its `understood` record alike."""
    first = bundled_assistant.ask(turns[0])
    assert first.citations, f"{turns[0]!r} was not answered: {first.text!r}"
    quote = first.citations[0].quote.strip()
    doc = first.citations[0].doc_id
    rows = [
        t
        for t in corpus.get(doc).tasks
        if any(p in t.content for p in re.findall(r"[\u4e00-\u9fff，、%\d]{10,}", quote))
    ]
    assert len(rows) == 1, f"{turns[0]!r}: its first citation {quote!r} is not inside one row"
    plain = bundled_assistant.ask(turns[1], None, [Turn("user", turns[0]), Turn("assistant", first.text)])
    with_record = bundled_assistant.ask(
        turns[1], None, [Turn("user", turns[0]), Turn("assistant", "…", first.understood)]
    )
    for answer in (plain, with_record) if first.understood.items else (plain,):
        u = answer.understood
        assert u.doc_ids == (doc,) and u.numbers == (rows[0].number,), f"{turns[1]!r} understood as {u.label!r}"
        assert answer.kind == "task" and any(c.start_line == rows[0].start_line for c in answer.citations), answer.text


def test_an_item_number_without_a_topic_is_carried_as_the_number(bundled_assistant, corpus):
    """那柞水县的呢 after 宜阳县第6项的完成时限: no words of its own beside the item, so the same item number."""
    for turns in (
        ["宜阳县第6项的完成时限是什么", "那柞水县的呢"],
        ["What is the deadline of item 6 in Yiyang?", "and Zhashui's?"],
    ):
        answer = converse(bundled_assistant, turns)
        t = row(corpus, Expect("zhashui-2024", 6))
        assert answer.understood.numbers == (6,) and t.deadline and t.deadline in answer.text, answer.text


def test_a_topic_carried_to_another_notice_is_refused_where_that_notice_says_nothing(bundled_assistant):
    """The topic asked of another notice is searched there: grounded where it says it, refused where not."""
    answer = converse(
        bundled_assistant, ["What 出庭应诉率 does item 14 of the Zhashui list set?", "what about Yiyang?"]
    )
    assert answer.understood.doc_ids == ("yiyang-2024",) and answer.understood.numbers == ()
    assert all("出庭应诉率" in c.quote for c in answer.citations)


def test_in_llm_mode_the_model_gets_the_resolved_question(bundled_assistant):
    model = PromptLoggingFake(messages=iter(["柞水县第17项的完成时限为长期[1]。"]), prompts=[])
    llm = copy.copy(bundled_assistant)
    llm.use_llm(model)
    history = [Turn("user", "柞水县第17项任务由谁牵头？"), Turn("assistant", "……")]
    *_, final = llm.stream("完成时限呢？", None, history)
    asked = model.prompts[-1][-1].content
    assert "柞水县第17项的完成时限是什么？" in asked and "完成时限呢" not in asked
    assert final.understood.label == "柞水县 · 第17项 · 完成时限" and "长期" in final.text


def test_the_same_question_of_another_notice_with_a_new_one_answers_both(bundled_assistant, corpus):
    """And the Changjiang one? What's its document number?: the date asked before, of Changjiang, and its 文号."""
    answer = converse(
        bundled_assistant,
        ["When was the Zhashui notice issued?", "And the Changjiang one? What's its document number?"],
    )
    n = corpus.get("changjiang-2024").notice
    assert answer.understood.doc_ids == ("changjiang-2024",)
    assert n.doc_number in answer.text and iso_to_zh(n.date) in answer.text, answer.text


@pytest.mark.parametrize(
    ("turns", "lang"),
    [
        (["渭南工作要点第（十四）项的责任单位有哪些？", "第一个单位还负责哪一项？"], "zh"),
        (["Who is responsible for Weinan task (14)?", "What else does the first unit handle?"], "en"),
    ],
)
def test_a_unit_of_the_row_in_focus_picked_by_its_place_lists_that_units_rows(bundled_assistant, corpus, turns, lang):
    """第一个单位还负责哪一项: the rows of the first unit the previous answer gave, in that notice."""
    row = next(t for t in corpus.get("weinan-2024").tasks if t.number == 14)
    unit = (*row.responsible, *row.lead)[0]
    answer = converse(bundled_assistant, turns)
    expected = {t.number for t in corpus.get("weinan-2024").tasks if unit in (*t.lead, *t.responsible)}
    assert answer.kind == "list" and answer.understood.doc_ids == ("weinan-2024",), answer.text
    assert {t.number for t in answer.tasks} == expected, answer.text


def test_and_by_when_of_a_row_without_a_deadline_gives_the_dates_its_text_names(bundled_assistant, corpus):
    """A row whose table has no deadline but whose text sets a year (力争到2025年基本实现…): "by when?" after it is
    answered with that date, said as the row's text, not as a deadline column it lacks."""
    rows = [t for p in corpus.notices for t in p.tasks if not t.deadline and t.dates]
    assert rows, "no bundled row names a target year in its text"
    for t in rows:
        name = {"changjiang-2024": "Changjiang", "lingchuan-2022": "Lingchuan"}.get(t.doc_id)
        if name is None:
            continue
        answer = converse(bundled_assistant, [f"{name} item {t.number} — who leads it?", "by when?"])
        assert answer.understood.numbers == (t.number,), answer.understood.label
        assert all(d in answer.text for d in t.dates), f"{t.doc_id} {t.label}: {t.dates} missing from {answer.text!r}"


def test_a_follow_up_about_a_year_the_row_does_not_print_is_not_answered_from_the_row(bundled_assistant):
    """ "was it extended again in 2026?" after a row that extends something to 2024: the row does not say, and
    nothing else in the notices does either, so the answer is a refusal, not the row again."""
    answer = converse(
        bundled_assistant,
        ["Yiyang problem 6: until when is the transition period extended?", "was it extended again in 2026?"],
    )
    assert not answer.found and not answer.citations, answer.text[:200]


@pytest.mark.parametrize(
    "turns, doc, say",
    [
        # the topic the item question named (training hours), asked of the other notice: its sentence on it
        (
            ["Changjiang item 36 — training hours?", "what does Zhashui say on the same thing?"],
            "zhashui-2024",
            "60学时",
        ),
        (["柞水第21项啥内容", "渭南哪一项跟这个差不多？"], "weinan-2024", "学法用法"),
    ],
)
def test_the_same_thing_in_another_notice_is_searched_by_what_the_item_says(bundled_assistant, turns, doc, say):
    answer = converse(bundled_assistant, turns)
    assert answer.understood.doc_ids == (doc,), answer.understood.label
    assert any(c.doc_id == doc and say in c.quote for c in answer.citations), answer.text[:300]


def test_another_item_after_an_item_question_with_a_topic_gives_its_text(bundled_assistant, corpus):
    """Item 41's minimum review time, then "what about item 28?": item 28's text (where its time stands), not only
    its columns."""
    t = next(t for t in corpus.get("lingchuan-2022").tasks if t.kind == "task" and t.number == 28)
    answer = converse(
        bundled_assistant,
        ["Lingchuan item 41: what's the minimum legality review time?", "what about item 28?"],
    )
    assert answer.understood.numbers == (28,) and "content" in answer.understood.fields
    assert t.content[:30] in answer.text, answer.text[:300]


@pytest.mark.parametrize(
    "turns, doc, number, field",
    [
        # which item says something: the answer names the row, and "这个" / "it" next is that row
        (["柞水清单里涉企检查计划管理是哪一项？", "这个谁牵头？"], "zhashui-2024", 7, "lead"),
        (
            ["Which Zhashui item deals with requests for government information disclosure?", "who leads it?"],
            "zhashui-2024",
            20,
            "lead",
        ),
        (["渭南要点里讲重大行政决策事项目录的是哪个任务？", "这个由哪些单位负责？"], "weinan-2024", 8, "responsible"),
    ],
)
def test_the_row_a_which_item_answer_names_is_the_item_in_focus(bundled_assistant, corpus, turns, doc, number, field):
    t = next(t for t in corpus.get(doc).tasks if t.kind == "task" and t.number == number)
    first = bundled_assistant.ask(turns[0])
    assert first.found and t.label in first.text and t in first.tasks, first.text[:300]
    answer = converse(bundled_assistant, turns)
    assert answer.understood.numbers == (number,) and answer.understood.doc_ids == (doc,), answer.understood.label
    assert all(v in answer.text for v in getattr(t, field)), answer.text[:300]


@pytest.mark.parametrize(
    "turns, number, fields",
    [
        (["柞水县第7项谁牵头？", "那下一项呢？什么时候完成？"], 8, ("lead", "deadline")),
        (["Who leads Zhashui item 11?", "And the one before? When is it due?"], 10, ("lead", "deadline")),
        (["柞水第12项的完成时限", "前一个呢，谁负责？"], 11, ("deadline", "lead")),
    ],
)
def test_a_bare_what_about_clause_before_a_new_field_asks_both(bundled_assistant, corpus, turns, number, fields):
    t = next(t for t in corpus.get("zhashui-2024").tasks if t.kind == "task" and t.number == number)
    answer = converse(bundled_assistant, turns)
    assert answer.understood.numbers == (number,), answer.understood.label
    assert set(fields) <= set(answer.understood.fields), answer.understood.fields
    assert t.deadline in answer.text and t.lead[0] in answer.text, answer.text[:300]


@pytest.mark.parametrize(
    "turns, numbers",
    [
        (["柞水第3项什么时候完成？", "第7项呢？", "这两项哪个更早？"], (3, 7)),
        (["Who leads Zhashui item 9?", "and item 20?", "so which of the two is led by 县政府办?"], (9, 20)),
        (["昌江区第33项讲的啥", "第34项呢？这两个哪个牵头单位多？"], (33, 34)),
    ],
)
def test_these_two_are_the_item_in_focus_and_the_one_before_it(bundled_assistant, corpus, turns, numbers):
    answer = converse(bundled_assistant, turns)
    assert answer.understood.numbers == numbers, answer.understood.label
    doc = answer.understood.doc_ids[0]
    for n in numbers:
        t = next(t for t in corpus.get(doc).tasks if t.kind == "task" and t.number == n)
        assert any(c.start_line == t.start_line for c in answer.citations), f"{t.label} not cited: {answer.text[:300]}"


@pytest.mark.parametrize(
    "turns, doc",
    [
        (["渭南工作要点是依据哪些文件定的？", "它本身的文号呢？"], "zhashui-2024"),
        (["Which documents does the Changjiang list implement?", "and its own document number?"], "changjiang-2024"),
        (["柞水这份清单落实的是哪些文件？", "它的文号是多少？"], "zhashui-2024"),  # several named: "it" is the notice
    ],
)
def test_its_own_number_after_cited_documents_is_the_notices_own(bundled_assistant, corpus, turns, doc):
    if doc == "zhashui-2024" and "渭南" in turns[0]:
        doc = "weinan-2024"
    n = corpus.get(doc).notice
    answer = converse(bundled_assistant, turns)
    assert answer.kind == "meta" and answer.understood.doc_ids == (doc,), answer.understood.label
    if n.doc_number:
        assert n.doc_number in answer.text, answer.text[:300]


@pytest.mark.parametrize(
    "turns, kind, number",
    [
        (["陵川县加分项一共几项？", "第一条讲的是什么？"], "bonus", 1),
        (["How many veto items does Lingchuan have?", "what does the second one say?"], "veto", 2),
    ],
)
def test_an_ordinal_after_a_count_of_a_family_picks_from_that_family(bundled_assistant, corpus, turns, kind, number):
    t = next(t for t in corpus.get("lingchuan-2022").tasks if t.kind == kind and t.number == number)
    answer = converse(bundled_assistant, turns)
    assert any(c.label == t.label for c in answer.citations), answer.text[:300]
    assert t.content[:15] in answer.text, answer.text[:300]


def test_its_number_after_several_documents_is_the_one_the_question_before_named(bundled_assistant):
    answer = converse(bundled_assistant, ["渭南要点依据的陕西那份措施是什么？", "它的文号呢？"])
    assert answer.kind == "cited" and "陕政办发〔2023〕25号" in answer.text, answer.text[:300]


@pytest.mark.parametrize(
    "turns",
    [
        ["陵川县县级初审阶段要做什么？", "什么时候？"],
        ["What happens in Lingchuan's county-level preliminary review?", "on what date?"],
    ],
)
def test_a_bare_when_after_a_prose_question_asks_it_of_that_topic(bundled_assistant, corpus, turns):
    """The date of what the prose question asked about, not the notice's issue date."""
    answer = converse(bundled_assistant, turns)
    n = corpus.get("lingchuan-2022").notice
    assert answer.kind == "open" and answer.found, answer.text[:300]
    assert "2023年2月" in answer.text and iso_to_zh(n.date) not in answer.text, answer.text[:300]


def test_a_value_asked_under_a_listed_row_is_answered_from_its_text(bundled_assistant, corpus):
    """ "how often must the meeting under it be held?" after a list of one row: that row's text, not its columns."""
    t = next(t for t in corpus.get("weinan-2024").tasks if t.kind == "task" and t.number == 16)
    answer = converse(
        bundled_assistant,
        [
            "Which Weinan point is about responding to lawsuits (行政应诉)?",
            "how often is the meeting with the courts held under it?",
        ],
    )
    assert answer.understood.numbers == (16,) and "content" in answer.understood.fields, answer.understood.label
    assert "每半年" in answer.text and t.label in answer.text, answer.text[:300]


@pytest.mark.parametrize(
    "turns, field",
    [
        (["Changjiang item 30: who leads it?", "what other district bureaus have responsibility?"], "responsible"),
        (["Who leads Zhashui item 7?", "and which departments are responsible?"], "responsible"),
    ],
)
def test_unit_words_in_a_follow_up_ask_the_item_in_focus(bundled_assistant, corpus, turns, field):
    answer = converse(bundled_assistant, turns)
    assert "item" in answer.understood.carried and field in answer.understood.fields, answer.understood.label


@pytest.mark.parametrize(
    "turns, point",
    [
        (["What's the second of Lingchuan's '七个一' activities?", "and the next one?"], "案卷评查"),
        (["陵川“七个一”活动的第四个是什么", "下一个呢？"], "满意度测评"),
    ],
)
def test_the_next_point_of_a_listed_set(bundled_assistant, turns, point):
    answer = converse(bundled_assistant, turns)
    assert answer.found and point in answer.text, answer.text[:300]


@pytest.mark.parametrize(
    "turns, say",
    [
        (["陵川领导小组组长是谁？", "办公室设在哪？主任是谁？"], "贾毅兵"),
        (["Where is the Lingchuan leading group office?", "who is its director?"], "贾毅兵"),
    ],
)
def test_a_person_asked_after_a_prose_answer_is_asked_of_its_topic(bundled_assistant, turns, say):
    """主任是谁 after the office was named: the office's director, in the notice in focus."""
    answer = converse(bundled_assistant, turns)
    assert answer.found and any(say in c.quote for c in answer.citations), answer.text[:300]


@pytest.mark.parametrize(
    "turns, numbers",
    [
        (["Zhashui items 3 and 4 — what does each say?", "which of the two is due first?"], (3, 4)),
        (["柞水第9项和第10项分别讲什么", "这两项各自谁牵头？"], (9, 10)),
    ],
)
def test_the_two_items_just_asked_are_answered_side_by_side(bundled_assistant, corpus, turns, numbers):
    answer = converse(bundled_assistant, turns)
    assert answer.understood.numbers == numbers, answer.understood.label
    for n in numbers:
        t = next(t for t in corpus.get("zhashui-2024").tasks if t.kind == "task" and t.number == n)
        assert any(c.start_line == t.start_line for c in answer.citations), answer.text[:300]


@pytest.mark.parametrize(
    "turns, doc, say",
    [
        (
            [
                "How many hours of legal training a year does Zhashui set for enforcement staff?",
                "What's the figure in Weinan's work points?",
            ],
            "weinan-2024",
            "60学时",
        ),
        (["陵川的行政执法人员每年要培训多少学时？", "那渭南相比呢？"], "weinan-2024", "60学时"),
    ],
)
def test_another_notice_compared_on_the_prose_point_just_asked(bundled_assistant, turns, doc, say):
    answer = converse(bundled_assistant, turns)
    assert answer.understood.doc_ids == (doc,) and answer.found, answer.text[:300]
    assert any(c.doc_id == doc and say in c.quote for c in answer.citations), answer.text[:300]


def test_that_item_after_a_yes_answer_is_the_row_it_quoted(bundled_assistant):
    answer = converse(bundled_assistant, ["柞水清单里有没有讲涉企检查计划的？", "那一项谁牵头？"])
    assert answer.understood.numbers == (7,) and "县市场监管局" in answer.text, answer.text[:300]

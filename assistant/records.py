"""The read side's typed records: what a question was understood as, what an answer says and what it rests on.

A kind of question (`Kind`) is answered by one module in `assistant/kinds/`, which returns a language-free `Draft`:
phrases (message keys with their values), the citations its facts rest on, and what it could not find. Wording turns a
draft into an `Answer` in the asker's language (`assistant/wording.py`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from index.records import Task

ROW_FIELDS = ("lead", "responsible", "deadline", "materials")  # the fields a task table's columns give a row


class Kind(StrEnum):
    """What a question asks for; each kind is answered by the module of the same name in `assistant/kinds/`."""

    TASK = "task"  # fields of numbered items: 第17项由谁牵头
    LIST = "list"  # items matching a filter: 哪些任务由县司法局牵头
    COUNT = "count"  # how many items match: 有多少项长期任务
    SECTIONS = "sections"  # how many groups the items fall into: 分为几个方面
    CROSS = "cross"  # one question put to every notice: 各通知分别…
    META = "meta"  # the notice itself: 文号, date, issuer, title, 主送
    OPEN = "open"  # anything else: the best sentences of the notices
    REFUSE = "refuse"  # a place no loaded notice is from
    NOTICES = "notices"  # the loaded notices as a set: 哪份通知最新, which notice was issued first, 有几份通知
    CITED = "cited"  # a document the notices cite: its 文号 or title as the citing line prints it
    # the item of one notice matching a numbered item of another: 柞水第5项跟渭南哪一项差不多, which Yiyang problem
    # matches Weinan item 15?
    COUNTERPART = "counterpart"


@dataclass(frozen=True)
class Question:
    """A question as understood: the signals read from its text, then the kind they route to."""

    text: str
    lang: str  # zh | en
    numbers: tuple[int, ...] = ()
    style: str | None = None  # bonus | veto | problem | indicator | paren | any
    fields: tuple[str, ...] = ()  # lead | responsible | deadline | materials | content
    doc_ids: tuple[str, ...] = ()  # notices the question (or the user's filter) names
    kind: Kind = Kind.OPEN
    meta: str | None = None  # for meta questions: date | number | issuer | recipients | title
    units: tuple[str, ...] = ()  # units a list/count question filters by
    due: str | None = None  # a deadline a list question filters by, as written
    search_text: str = ""  # the text given to retrieval (English structural words mapped to Chinese)
    foreign: tuple[str, ...] = ()  # places named that no loaded notice is from
    section_level: int | None = None  # groups counted: 1 = 一、二、…, 2 = （一）… / 二级指标
    section_word: str | None = None  # the asker's word for those groups: 方面, areas
    mentions: tuple[str, ...] = ()  # words a list/count question filters items by: 哪些指标涉及“实地核查”
    negated: tuple[str, ...] = ()  # filters turned round: "units" (牵头单位里没有县司法局), "due" (不是“长期”)
    notices_asked: str | None = None  # about the notices as a set: newest | oldest | all | region | issued
    issued: tuple[str, str] | None = None  # which notices were issued (before | after | in, ISO date or its prefix)
    # signals the route table reads
    asks_count: bool = False  # 多少项, how many tasks
    asks_list: bool = False  # 哪些, list the
    asks_which: bool = False  # 分别是哪些, which ones: a count that also lists the rows it counts
    asks_cross: bool = False  # 各通知, each notice
    task_noun: bool = False  # a word for items or "which": 任务, 哪些, tasks, which
    item_noun: bool = False  # a noun for items: 任务, 指标, 工作, indicators
    by_date: bool = False  # "by", "before", 之前: a due filter means on or before
    points_at_row: bool = False  # 那项, 这一条, the item about …: the question points at one row of a table
    # what the question asks, part by part: "几个工作日？最长不超过多少" is two parts, each answered (or said absent)
    parts: tuple[str, ...] = ()  # the sub-questions in the order asked; () or one part: a single question
    expects: tuple[str | None, ...] = ()  # per part, the kind of value answering it (data/values.toml): date, percent…
    metas: tuple[str, ...] = ()  # every meta field asked, in order: 文号和印发日期 -> (number, date)
    cited_only: tuple[str, ...] = ()  # a document asked about that notices only cite (洛政办〔2024〕39号, 《…条例》)
    cites: tuple[
        str, ...
    ] = ()  # a cited document whose 文号 or title is asked (《…若干意见》的文号, 宜司〔2023〕18号是什么文件)
    only_units: bool = False  # "only 各行政执法部门", 光是区司法局一家: the units are the whole column
    distinct: str | None = None  # lead | responsible: the units of that column asked for, each once (去重, distinct)
    part: int | None = None  # a top-level section picked by its ordinal: 第五部分, section 7, part 7
    # the notice whose item matching the numbered item of the other named notice is asked (渭南 in 柞水第5项跟渭南
    # 哪一项差不多); the numbers are the other notice's
    counterpart: str | None = None
    asks_heading: bool = False  # the picked section's name asked: 第四个一级指标叫什么, what's section 3 called
    asks_section: bool = False  # the section an item sits in asked: 第10项属于哪个部分, which section is item 10 under

    @property
    def named_notice(self) -> bool:
        return bool(self.doc_ids)


@dataclass(frozen=True)
class Citation:
    doc_id: str
    title: str
    doc_number: str | None
    source: str
    label: str
    start_line: int
    end_line: int
    quote: str  # an exact substring of the notice: lines start_line..end_line or a sentence on them


@dataclass(frozen=True)
class Phrase:
    """One piece of wording: a message key of `assistant/data/messages.toml` and the values it is filled with.

    Values are rendered by type in the asker's language: a Notice as its name, a tuple of strings as a list of units,
    a Phrase or a list of Phrases recursively."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)


def say(key: str, **values: Any) -> Phrase:
    return Phrase(key, values)


@dataclass
class Draft:
    """A kind module's answer before wording: phrases (one line each), the citations the facts rest on, the task rows
    used, and what was asked but not found. `nearest` holds passages shown for orientation when nothing answers; they
    are never citations."""

    lines: list[Phrase]
    citations: list[Citation] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    found: bool = True
    nearest: list[Citation] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ItemRef:
    """A task row an answer named, by notice, kind and number: what a follow-up ("第二个呢", "the first one") picks."""

    doc_id: str
    kind: str  # task | bonus | veto
    number: int
    label: str


@dataclass(frozen=True)
class Understood:
    """What a message was understood as once the conversation filled in what it left out (assistant/conversation.py):
    shown beside the answer so that a wrong carry-over is visible, and carried back in the history by clients."""

    text: str  # the question as resolved: what retrieval and the LLM were given
    label: str  # 柞水县 · 第18项 · 完成时限 / Zhashui · item 18 · deadline
    kind: str
    doc_ids: tuple[str, ...] = ()
    numbers: tuple[int, ...] = ()
    fields: tuple[str, ...] = ()
    meta: str | None = None
    units: tuple[str, ...] = ()
    due: str | None = None
    mentions: tuple[str, ...] = ()
    negated: tuple[str, ...] = ()
    carried: tuple[str, ...] = ()  # from the conversation: notice|item|field|filter|question|document|topic
    items: tuple[ItemRef, ...] = ()  # the rows the answer named, in its order

    def to_json(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}


@dataclass
class Answer:
    text: str
    citations: list[Citation]
    tasks: list[Task]
    lang: str
    found: bool = True
    mode: str = "extractive"
    notes: list[str] = field(default_factory=list)
    nearest: list[Citation] = field(default_factory=list)  # a refusal's closest passages: not sources of the answer
    kind: str = Kind.OPEN.value
    understood: Understood | None = None  # set by the service: the question as resolved from the conversation

    def to_json(self) -> dict[str, Any]:
        return {
            "answer": self.text,
            "citations": [asdict(c) for c in self.citations],
            "nearest": [asdict(c) for c in self.nearest],
            "tasks": [t.to_json() for t in self.tasks],
            "lang": self.lang,
            "found": self.found,
            "mode": self.mode,
            "kind": self.kind,
            "notes": self.notes,
            "understood": self.understood.to_json() if self.understood else None,
        }

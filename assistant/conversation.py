"""Follow-up questions resolved from the conversation, without an LLM.

A message that leaves out the notice, the item, the field or the list filter ("那第18项呢", "and the deadline?",
"same for Yiyang?", "它的文号是什么", "第二个呢", "其中哪些是长期的") takes them from the earlier turns; a message
that is complete on its own ignores them. Each earlier user turn is resolved in its own context first, so a chain of
follow-ups carries through. After a prose answer, 这一项 / that item is the row its first quoted
passage lies in; an item asked with a topic of its own (第24项的出庭应诉率) put to another notice
carries the topic, not the number; 那个阶段 / that stage names what the previous prose question asked about.
The result is a `Question` as `understand` makes them, whose text says the whole question
(that is what retrieval and the LLM get), and the list of what was carried over, so that the answer can show it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Protocol

from assistant.errors import BadQuestion
from assistant.headings import in_discussed_part
from assistant.records import ItemRef, Kind, Question, Understood
from assistant.stages import name_stage, plan_stages
from assistant.tasktable import DEFAULT_FIELDS, filtered_tasks, tasks_for
from assistant.understand import (
    CITED_DOC,
    EN_ORDINAL_WORDS,
    STRONG_CONTENT,
    TOPIC_SWITCH,
    cue_pattern,
    detect_lang,
    find_fields,
    find_mentions,
    find_meta,
    find_negated,
    find_period,
    is_loaded,
    lexicon,
    routed,
    stage_ordinal,
    task_terms,
    understand,
    without_numbers,
)
from assistant.values import asks_outcome, holds
from assistant.wording import short_name, template
from index.corpus import Corpus
from index.records import Notice, Task

MAX_TURNS = 20  # messages of history read; older ones no longer steer a follow-up
ROLES = ("user", "assistant")
SHORT = {"zh": 8, "en": 5}  # a message this short (characters / words) leans on the conversation
LISTING = (Kind.LIST, Kind.COUNT)

# What makes a message lean on the one before: a follow-up cue, a pronoun for the notice or item, a word narrowing
# the previous list, an ordinal picking from it.
CUE = {
    "zh": re.compile(r"^(那|那么|还有|另外|再|然后|以及|和|同样)|呢[？?。！!～~\s]*$"),
    "en": re.compile(r"^\s*(and|what about|how about|same for|the same for|same question for|then|also|now)\b", re.I),
}
# The notice's own issuing, as a date question may name it (什么时候印发的, when was it issued).
ISSUED = re.compile(
    r"印发|发布|下发|发文|成文|落款|签发|通知|文件|\b(?:issu|publish|releas|sign|dated|notice|circular|document)", re.I
)
# Two items just discussed, taken together: 这两个哪个更早, of those two, which one.
TWO = {
    "zh": re.compile(r"[这那]两[个项条]|两者|二者|两项(?:中|里|之间|相比)|哪个更|哪一?项更|哪条更"),
    "en": re.compile(r"\b(?:those|these|the)\s+two\b|\bboth\b|\bwhich of (?:them|the two)\b|\bcompared?\b", re.I),
}
# Each of the items just named: what's the minimum period in each?, 各自 / 分别是多少.
EACH = {"zh": re.compile(r"各自|分别|各是|各为"), "en": re.compile(r"\beach\b|\brespectively\b", re.I)}
# The notice's own (它自己的文号, its own document number), not a document its answer named.
OWN = {"zh": re.compile(r"自己|自身|本身|本通知|本文件"), "en": re.compile(r"\b(?:own|itself)\b", re.I)}
# One thing pointed at (它的, its): after several documents were named, the notice they were named for.
SINGULAR = {"zh": re.compile(r"它的|其文号|这个文件的|该文件的"), "en": re.compile(r"\bits\b", re.I)}
# "its" / 它的 / 其: what the previous prose question asked about, when no demonstrative names it.
ITS = {"zh": re.compile(r"它的|其(?=[\u4e00-\u9fff])"), "en": re.compile(r"\bits\b", re.I)}
# A stage named before, pointed at: 那个阶段, 这一阶段, that phase, in it.
STAGE_REF = re.compile(r"[那这该此][一个]?(?:阶段|步骤|环节)|\b(?:that|this|the same)\s+(?:phase|stage|step)\b", re.I)
STAGE_MOVE = re.compile(
    r"[下上前后]一?个?(?:阶段|步骤|环节)|\b(?:next|previous|following|prior|earlier|later)\s+(?:phase|stage|step)s?\b",
    re.I,
)
# The same number in another notice: 昌江同样编号的那项谁牵头, the same item number in the Changjiang list.
SAME_NUMBER = re.compile(
    r"(?:同样|相同|同一|一样)的?(?:编号|序号|项号|号)|(?:编号|序号)(?:一样|相同)|同号"
    r"|\bsame\s+(?:item\s+|task\s+|indicator\s+|problem\s+)?(?:number|no\b|#)|\bsame[- ]numbered\b",
    re.I,
)
PRONOUN = {
    "zh": re.compile(
        r"它|该通知|这个通知|这份通知|此通知|本通知|该文件|这个文件|这份文件|此文件|这份|这一项|这项|该项|此项|这条|这个任务|该任务"
        r"|那一项|那一条|那项|那条"
        r"|这里面|这里头|那里面"
        r"|这个(?=\s*(?:谁|由|是|要|啥|什么|怎么|在|归|该|需|得|具体|有没有|[，,？?]|$))|这件事|这事儿?"  # 这个谁来管
    ),
    "en": re.compile(
        r"\b(it|its|this notice|that notice|the notice|this document|that document|this one|that one|this item|"
        r"that item|this task|that task|this problem|that problem|the same notice)\b|\b(?:in\s+)?there\s*[?？.!]*\s*$",
        re.I,
    ),
}
NARROW = {
    "zh": re.compile(r"其中|这些|它们|以上|上述|这几项|当中|里面"),
    "en": re.compile(r"\b(of those|of these|of them|among them|among those|among these|those|these|them)\b", re.I),
}
# Asking which row a prose answer came from: 这是第几项, which item is that?
ITEM_ASK = {
    "zh": re.compile(r"第几(?:项|条|个)|哪一?(?:项|条)(?:任务|措施|指标)?|这一?条|该条|出自哪"),
    "en": re.compile(r"\bwhich\s+(?:item|task|row|measure|problem|indicator|number)\b|\bwhat\s+item\b", re.I),
}
CN_ORDINALS = "一二三四五六七八九十"
EN_ORDINALS = EN_ORDINAL_WORDS
ORDINAL = {
    "zh": re.compile(
        rf"第\s*([{CN_ORDINALS}]|\d{{1,2}})\s*个"
        r"|(最后(?:一|那)?(?:个|条|项)|后(?:面|边)?(?:一|那)(?:个|条|项)|后者)|(前(?:面|边)?(?:一|那)(?:个|条|项)|前者)"
    ),
    "en": re.compile(
        r"\b(?:the\s+)?(" + "|".join(EN_ORDINALS) + r"|last|latter|former|\d{1,2}(?:st|nd|rd|th))\b"
        r"(?=\s*(?:one|item|task|row|problem|indicator|of\b|[?？,，—–:.]|\s-\s|$))",
        re.I,
    ),
}
# Relative ordinals (后一个 / the latter) pick from a list only: after one item they do not name an item number.
RELATIVE = {
    "zh": re.compile(r"后者|前者|(?<!最)[前后](?:面|边)?(?:一|那)(?:个|条|项)"),
    "en": re.compile(r"\b(latter|former)\b", re.I),
}
# A count asked of nothing but the conversation: "how many is that?", "how many in total?", 一共几个？
BARE_COUNT = re.compile(
    r"^\s*(?:and\s+|so\s+)?how many(?:\s+(?:is|are)\s+(?:that|those|there|they|these))?(?:\s+(?:in\s+)?(?:total|all))?"
    r"\s*[?？.]?\s*$|^\s*(?:那)?(?:一共|总共|共)?(?:有)?(?:多少|几)(?:个|项|条)?(?:呢)?[？?]?\s*$",
    re.I,
)
# The item after or before the one in focus (下一项 / 上一条 / the next one / the previous task): its number ± 1.
STEP = {
    "zh": (
        (
            re.compile(
                r"下一?(?:项|条|个|点)|后一(?:项|条|个(?=问题|指标|任务|措施|要点|呢|[？?，,]))|接下来(?:的|那)?一?(?:项|条)"
                r"|[它这那]?(?:一项|一条)?后面(?:那|的|一)(?:项|条|个)"
            ),
            1,
        ),
        (
            re.compile(
                r"上一?(?:项|条|个|点)|前一(?:项|条|个(?=问题|指标|任务|措施|要点|呢|[？?，,]))"
                r"|[它这那]?(?:一项|一条)?前面(?:那|的|一)(?:项|条|个)"
            ),
            -1,
        ),
    ),
    "en": (
        (
            re.compile(
                r"\b(?:the\s+)?(?:next|following)\s+(?:one|item|task|row|problem|indicator|measure|point)\b"
                r"|\bthe\s+one\s+after\b|\b(?:and|what about|how about)\s+the\s+next\b"
                r"|\b(?:one|item|task|row|problem|indicator|measure|point)\s+(?:right\s+)?after\s+(?:it|that|this)\b",
                re.I,
            ),
            1,
        ),
        (
            re.compile(
                r"\b(?:the\s+)?(?:previous|preceding)\s+(?:one|item|task|row|problem|indicator|measure|point)\b"
                r"|\bthe\s+one\s+before\b"
                r"|\b(?:one|item|task|row|problem|indicator|measure|point)\s+(?:right\s+)?before\s+(?:it|that|this)\b",
                re.I,
            ),
            -1,
        ),
    ),
}
# Words that ask, join or point without naming anything: a message of field words and these alone ("牵头单位和完成
# 时限分别是？", "and when is it due, and who else?") names no item or notice of its own, however long it is.
FILLER = {
    "zh": re.compile(
        r"分别|以及|请问|一下|一起|一并|一块儿?|同时|顺便|说下|讲下|说说|讲讲|告诉我|负责|什么|哪些|哪个|哪家|多少|单位|部门"
        r"|[和与及是呢吗谁有的了还都各啥呀要又那其这该它，,、？?。！!\s]"
    ),
    "en": re.compile(
        r"\b(and|or|what|whats|what's|is|are|was|the|its|it|when|who|whom|which|of|for|also|else|please|tell|me|about|"
        r"both|their|they|there|do|does|by|to|so|then|with|on|involved|besides|apart|from|other|than|except|beyond|"
        r"plus|s|whos|who.s|re|district|county|city|municipal|bureaus?|departments?|units?|agenc(?:y|ies)|offices?|"
        r"bodies|body|organi[sz]ations?|parties)\b|[^\w\s]",  # the words of a unit field: "which other district
        # bureaus are responsible?" asks units of the item in focus
        re.I,
    ),
}
# A message asking whether another notice has the same requirement as the item in focus: 那昌江区有没有类似的要求,
# does Changjiang's list have the same requirement ("same for Changjiang?" is the same question, not this).
SIMILAR = re.compile(
    r"(?:类似|相似|同样|一样|相同|相应|对应|同类)的?(?:要求|规定|措施|任务|事项|指标|内容|工作|条款|举措|做法)"
    r"|(?:跟|和|与|同)(?:这|它|这个|这一?项|此项?|上面)\S{0,3}?(?:差不多|类似|相似|相近|一样|相同)"  # 跟这个差不多
    r"|\b(?:similar|same|equivalent|comparable|matching|corresponding)\s+(?:requirement|rule|provision|measure|task"
    r"|item|indicator|duty|target|obligation|thing|point|topic|issue|matter)s?\b"
    r"(?!\s+(?:number|no\b|#))",  # the same item number: the number
    re.I,
)
# Another notice compared on the point just asked: how does Changjiang compare?, the figure in Weinan, 那渭南相比呢.
COMPARED = re.compile(
    r"\bcompare[sd]?\b|\b(?:the|its|their)\s+(?:figure|number|rate|target|limit|period)\s+(?:in|for|of)\b"
    r"|相比|比较|对比|对照",
    re.I,
)
# Words likening an item to another notice's ("same for Yiyang?", 也一样吗 put the same question to it: not these).
LIKENED = re.compile(
    r"对应|差不多|类似|相似|相近|相当于|(?<![好图影])像"
    r"|\b(?:equivalent|counterparts?|correspond(?:s|ing)?|match(?:es|ing)?|resembles?|comparable)\b"
)
# Which row of another notice is meant (昌江清单里哪一项…, which one asks for …): after an item question, the row there
# that matches it.
WHICH_ONE = re.compile(r"哪一?[项条个]|\bwhich\s+(?:one|item|indicator|problem|point|task|measure)s?\b")
# Words any question about an item says: left over alone, they name no topic to carry to another notice.
TOPIC_NOISE = {
    "zh": re.compile(
        r"要求|规定|内容|任务|事项|具体|指标|问题|讲|说|对|达到|怎么|如何|几|项|条|做|通知|清单|措施|举措|方案|列表|哪|里|中|在|为|由|县|区|市"
    ),
    "en": re.compile(
        r"\b(does|do|did|say|says|said|require[sd]?|requirement|list|notice|measures?|plan|document|item|task|problem|"
        r"indicator|how|much|many|in|on|at|an?|this|that|mean|means|content|text|described?|asks?|need|needs)\b"
    ),
}
# "That phase", 那个阶段: a part of the notice the previous prose question named.
DEMONSTRATIVE = {
    "zh": re.compile(r"(?:那|这|该|此)(?:个|一)?(阶段|环节|步骤|一步|步|时段|期间|节点|部分|时候|过程|程序|轮)"),
    "en": re.compile(
        r"\b(?:that|this|the same)\s+(phase|stage|step|period|part|round|point|process|review|milestone)\b", re.I
    ),
}
# Question words of a prose question, taken out to leave what it asks about.
ASKING = {
    "zh": re.compile(
        r"(?:是|在)?(?:几月份?|哪天|哪一天|什么时候|啥时候|何时|多久|几号|几个|多少|什么|哪些|哪里|哪儿|怎么|如何|吗|呢|啊|请问)"
        r"(?:之前|以前|前)?|^[那还再]|分几个"
        r"|(?:设|位)?在哪(?![个些一])"
    ),
    "en": re.compile(
        r"\b(?:what|when|where|who|whom|whose|which|how|many|much|long|is|are|was|were|does|do|did|the|in|of|month|date|day|it|held|"
        r"happen|happens|take|place|due|there|plan|notice|list|document|measures)\b",
        re.I,
    ),
}
YEARLESS = re.compile(
    r"(?<![\d年])(?:上半年|下半年|第?[一二三四1-4]\s*季度)|\b(?:(?:first|second)\s+half|(?:first|second|third|fourth)\s+"
    r"quarter|h[12]|q[1-4])\b(?!\s*(?:of\s+)?20\d{2})",
    re.I,
)
FIRST_SENTENCE = re.compile(r"[^。；;！!？?]{6,}[。；;！!？?]?")
BARE_NUMBER = re.compile(r"(?<![\d.])(\d{1,3})(?![\d.%年月日])")
STYLE_OF_KIND = {"bonus": "bonus", "veto": "veto"}


class BadHistory(BadQuestion):
    """A conversation history that is not a list of {role, content} messages; names the first bad entry."""


@dataclass(frozen=True)
class Turn:
    """One message of a conversation. An assistant turn may carry what its question was understood as (the rows its
    answer listed), as the API returns it; without it they are worked out again from the user's turn."""

    role: str  # user | assistant
    content: str
    understood: Understood | None = None

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise BadHistory(f"history: role must be 'user' or 'assistant', got {self.role!r}")
        if not isinstance(self.content, str):
            raise BadHistory(f"history: content must be a string, got {type(self.content).__name__}")


def turns_from(messages: Sequence[Any]) -> tuple[Turn, ...]:
    """History as JSON ([{role, content, understood?}, …]) read into Turns; BadHistory names the first bad entry."""
    if not isinstance(messages, Sequence) or isinstance(messages, str | bytes):
        raise BadHistory(f"history must be a list of {{role, content}} objects, got {type(messages).__name__}")
    out = []
    for i, m in enumerate(messages):
        if isinstance(m, Turn):
            out.append(m)
            continue
        if not isinstance(m, Mapping):
            raise BadHistory(f"history[{i}] must be an object with role and content, got {type(m).__name__}")
        role, content = m.get("role"), m.get("content")
        if role not in ROLES:
            raise BadHistory(f"history[{i}].role must be 'user' or 'assistant', got {role!r}")
        if not isinstance(content, str):
            raise BadHistory(f"history[{i}].content must be a string, got {type(content).__name__}")
        out.append(Turn(role, content, understood_from(m.get("understood"), f"history[{i}].understood")))
    return tuple(out)


def as_turns(history: Sequence[Turn | Mapping[str, Any]] | None) -> tuple[Turn, ...]:
    """Turns as given, or read from JSON-shaped {role, content} messages as the API and OpenAI clients send them."""
    return turns_from(history or ())


def understood_from(data: Any, where: str = "understood") -> Understood | None:
    """An `understood` record as a client sends it back: only the parts a follow-up reads (notices, rows) matter."""
    if data is None:
        return None
    if not isinstance(data, Mapping):
        raise BadHistory(f"{where} must be an object, got {type(data).__name__}")
    try:
        items = tuple(
            ItemRef(str(i["doc_id"]), str(i.get("kind") or "task"), int(i["number"]), str(i.get("label") or ""))
            for i in data.get("items") or ()
        )
        return Understood(
            text=str(data.get("text") or ""),
            label=str(data.get("label") or ""),
            kind=str(data.get("kind") or Kind.OPEN.value),
            doc_ids=tuple(str(d) for d in data.get("doc_ids") or ()),
            numbers=tuple(int(n) for n in data.get("numbers") or ()),
            items=items,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BadHistory(f"{where}: not an understood record ({type(exc).__name__}: {exc})") from None


@dataclass(frozen=True)
class Focus:
    """What the conversation is about after a turn: its question as resolved, the notices in scope, and the latest
    list of two or more rows an answer gave (what "第二个" / "the first one" picks from)."""

    question: Question
    doc_ids: tuple[str, ...]
    items: tuple[ItemRef, ...]
    cited: tuple[ItemRef, ...] = ()  # the rows a prose answer quoted, first citation first (what 这一项 then means)
    listed: tuple[str, ...] = ()  # the numbered points a prose answer listed (七个一's seven activities, the stages)
    documents: tuple[tuple[str, str], ...] = ()  # (title, 文号) of the documents an answer about documents quoted
    earlier: tuple[ItemRef, ...] = ()  # the row asked about the turn before (what "these two" pairs with)


@dataclass(frozen=True)
class Resolved:
    question: Question
    carried: tuple[str, ...] = ()  # notice | item | field | filter | question | topic (of a prose question)


@dataclass(frozen=True)
class Shape:
    """How a message leans on the conversation."""

    cue: bool  # 那…呢, and …, what about …
    pronoun: bool  # 它, 这一项, it, this notice
    narrows: bool  # 其中, those
    short: bool
    bare: bool = False  # field words and fillers only: 牵头单位和完成时限分别是？

    @classmethod
    def of(cls, text: str, lang: str) -> Shape:
        size = len(re.findall(r"[\u4e00-\u9fff\w]", text)) if lang == "zh" else len(re.findall(r"\w+", text))
        return cls(
            bool(CUE[lang].search(text.strip()) or SAME_NUMBER.search(text)),
            bool(PRONOUN[lang].search(text) or DEMONSTRATIVE[lang].search(text)),
            bool(NARROW[lang].search(text)),
            size <= SHORT[lang],
            only_fields(text, lang),
        )

    @property
    def leans(self) -> bool:
        return self.cue or self.pronoun or self.short or self.bare


@lru_cache(maxsize=1)
def field_cue_pattern() -> re.Pattern[str]:
    """Every field cue word of the bilingual map, longest first, as one pattern (built once, not per message)."""
    cues = sorted((c for cs in lexicon().fields.values() for c in cs), key=len, reverse=True)
    return re.compile("|".join(cue_pattern(c).pattern for c in cues))


def only_fields(text: str, lang: str) -> bool:
    """Whether the message is field words and fillers alone (nothing of its own to ask about)."""
    rest, had = field_cue_pattern().subn(" ", text.lower())
    rest = FILLER[lang].sub(" ", rest)
    left = re.findall(r"[\u4e00-\u9fff]", rest) if lang == "zh" else re.findall(r"[a-z0-9]+", rest)
    return had > 0 and len(left) <= (1 if lang == "zh" else 0)


def ordinal(text: str, lang: str) -> int | None:
    """The index an ordinal picks (第二个 -> 1, the last one -> -1), or None."""
    m = ORDINAL[lang].search(text)
    if not m:
        return None
    word = (m.group(1) or "").lower()
    if lang == "zh":
        if m.group(3):
            return 0
        if m.group(2) or not word:
            return -1
        n = int(word) if word.isdigit() else CN_ORDINALS.index(word) + 1
    elif word in ("last", "latter"):
        return -1
    elif word == "former":
        return 0
    elif word in EN_ORDINALS:
        n = EN_ORDINALS.index(word) + 1
    else:
        n = int(re.sub(r"\D", "", word))
    return n - 1 if n >= 1 else None


# A numbered point of an answer's list: "  4. 开展一次宣传推广活动。" (rows are listed as "- 第14项 …", not this way).
LISTED_POINT = re.compile(
    r"^\s+(?:\d{1,2}[.、．]|[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)])\s*(\S.{1,60}?)[。；;.]?\s*$", re.M
)


# A unit of the row in focus picked by its place: 第一个单位还负责哪些, the second department — what else does it do?
UNIT_PICK = {
    "zh": re.compile(rf"第\s*([{CN_ORDINALS}]|\d{{1,2}})\s*个\s*(?:单位|部门|机构)|(最后)(?:一|那)?个\s*(?:单位|部门)"),
    "en": re.compile(
        r"\b(" + "|".join(EN_ORDINALS) + r"|last)\s+(?:(?:lead|responsible|listed)\s+)?(?:unit|department|bureau|office"
        r"|agency|body)\b",
        re.I,
    ),
}


# A question about the documents a notice rests on or cites (依据哪些文件, 提到河南省哪个方案, which local document
# does the measure cite?): what "它的文号" / "doc no.?" after its answer points at.
ABOUT_DOCUMENTS = re.compile(
    r"(?:哪个|哪些|哪份|哪一?部|什么|啥)\S{0,6}(?:文件|方案|意见|条例|办法|规定|措施|纲要|政策)|依据|根据|引用|援引|提到|提及"
    r"|\b(?:document|regulation|plan|circular|opinion|policy|policies|rule)s?\b.*\b(?:cite|cited|cites|mention\w*|refer\w*"
    r"|based|implement\w*)\b|\b(?:cite|cites|based\s+on|pursuant)\b",
    re.I,
)


def documents_of(q: Question, reply: Turn | None) -> tuple[tuple[str, str], ...]:
    """The documents a reply about documents names, as (title, 文号 or "")."""
    if reply is None or not (q.meta == "basis" or ABOUT_DOCUMENTS.search(q.text)):
        return ()
    return tuple(dict.fromkeys((m.group(1), m.group(2) or "") for m in CITED_DOC.finditer(reply.content)))


def listed_of(reply: Turn | None) -> tuple[str, ...]:
    """The numbered points a prose answer listed under its quoted sentence, in order."""
    if reply is None:
        return ()
    return tuple(m.group(1).strip() for m in LISTED_POINT.finditer(reply.content))


def titled(text: str, documents: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (title, 文号) pairs whose title shares a two-character word with the text (陕西那个措施 →
    《陕西省…措施》)."""
    runs = re.findall(r"[\u4e00-\u9fff]+", FILLER["zh"].sub(" ", text))
    words = {run[i : i + 2] for run in runs for i in range(len(run) - 1)}
    return [d for d in documents if any(w in d[0] for w in words)]


def asks_again(text: str, lang: str) -> bool:
    """A message whose one clause is a bare 那…呢 / and …? before a clause asking fields of its own (那下一项呢？
    啥时候完成？ / and the next one? when is it due?): the first clause asks again what was asked before."""
    clauses = [c for c in re.split(r"[？?。.!！;；，,]\s*", text) if c.strip()]
    if len(clauses) < 2:
        return False
    bare = [c for c in clauses if CUE[lang].search(c.strip())]
    return any(not find_fields(c) for c in bare) and any(find_fields(c) for c in clauses)


def step_of(text: str, lang: str) -> int:
    """+1 for a message asking about the next item, -1 for the previous one, else 0."""
    return next((step for pattern, step in STEP[lang] if pattern.search(text)), 0)


NO_VALUE = (None, "yesno", "list")  # what a part expects when it asks for no value of its own


def values_asked(q: Question) -> bool:
    """Whether the message asks for a value of its own (a date, a count, a number), not yes or no or a list."""
    return any(k not in NO_VALUE for k in q.expects)


def holds_asked(q: Question, text: str) -> bool:
    """Whether `text` holds a value of every kind the message asks for."""
    return all(holds(k, q.text, text) for k in q.expects if k not in NO_VALUE)


def _merge(*groups: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(x for g in groups for x in g))


class Relevance(Protocol):
    def __call__(self, q: Question, text: str) -> float | None: ...


class Resolver:
    """Resolves a message against the conversation before it, over one corpus's notices and task tables.
    `relevance`: how much of what a message asks a text speaks of (0..1; None when the message asks nothing of its
    own), the answering side's word scorer; without it a follow-up is never read as asked of the row in focus."""

    def __init__(self, corpus: Corpus, *, limit: int = 2000, relevance: Relevance | None = None) -> None:
        self.corpus = corpus
        self.notices = [p.notice for p in corpus.notices]
        self.tasks = corpus.tasks()
        self.limit = limit
        self.relevance = relevance

    # --- the conversation so far ----------------------------------------------------------------------------
    def resolve(self, message: str, history: Sequence[Turn] = ()) -> Resolved:
        """The message as a whole question; BadQuestion for an empty or over-long message (history is forgiving:
        an earlier turn that cannot be read is skipped)."""
        return self.follow(message, self.focus(history))

    def focus(self, history: Sequence[Turn]) -> Focus | None:
        focus: Focus | None = None
        pending: Question | None = None
        for turn in list(history)[-MAX_TURNS:]:
            if turn.role == "user":
                if pending is not None:
                    focus = self._advance(focus, pending, None)
                try:
                    pending = self.follow(turn.content, focus).question
                except BadQuestion:
                    pending = None
            elif pending is not None:
                focus = self._advance(focus, pending, turn)
                pending = None
        if pending is not None:
            focus = self._advance(focus, pending, None)
        return focus

    def _advance(self, focus: Focus | None, q: Question, reply: Turn | None) -> Focus:
        items = self.items_of(q, reply)
        docs = q.doc_ids or tuple(dict.fromkeys(i.doc_id for i in items))
        return Focus(
            q,
            docs if len(docs) == 1 or q.doc_ids else (),
            items if len(items) >= 2 else focus.items if focus else (),
            self.cited_of(q, reply)
            if q.kind not in (Kind.TASK, *LISTING)
            else items  # a list of one row: "what's the measure there?" is about that row
            if q.kind in LISTING and len(items) == 1
            else (),
            listed_of(reply) if q.kind not in (Kind.TASK, *LISTING) else (),
            tuple(d for d in documents_of(q, reply) if not is_loaded(d[0], self.notices)),  # not its own title
            self.rows(focus.question) if focus and focus.question.kind == Kind.TASK else (),
        )

    def cited_of(self, q: Question, reply: Turn | None) -> tuple[ItemRef, ...]:
        """The task rows a prose answer quoted: as its `understood` record lists them, else the rows whose text holds
        the reply's quoted sentences, in the order the reply quotes them."""
        if reply is None:
            return ()
        if reply.understood is not None and reply.understood.items:
            return reply.understood.items
        pool = [t for t in self.tasks if not q.doc_ids or t.doc_id in q.doc_ids]
        found: list[ItemRef] = []
        for piece in re.findall(r"[^。；;：:！!？?\n<>“”\"]{10,}", reply.content):
            piece = re.sub(r"^\s*[-*]?\s*\d+[.、．]\s*", "", piece).strip()
            hits = [t for t in pool if len(piece) >= 10 and piece in t.content]  # rows sharing a line: by their text
            hits = hits or [t for t in pool if len(piece) >= 10 and piece in t.source_text]
            if len(hits) == 1 and ref(hits[0]) not in found:
                found.append(ref(hits[0]))
        return tuple(found)

    def rows(self, q: Question) -> tuple[ItemRef, ...]:
        """The rows an answer to `q` names, in the answer's order: a task question's rows, a list's matches."""
        if q.kind == Kind.TASK and q.numbers:
            pairs = tasks_for(q, self.corpus, q.doc_ids)
        elif q.kind in LISTING:
            pairs = filtered_tasks(q, self.corpus, q.doc_ids)
        else:
            return ()
        return tuple(ref(t) for _, t in pairs)

    def items_of(self, q: Question, reply: Turn | None) -> tuple[ItemRef, ...]:
        """The rows the reply to `q` listed: as the reply's `understood` record says, else the rows `q` selects,
        ordered as the reply's text names them when it names them by unique labels (an LLM may reorder or leave some
        out)."""
        if reply is not None and reply.understood is not None and reply.understood.items:
            return reply.understood.items
        rows = self.rows(q)
        if reply is None or not reply.content or len({r.label for r in rows}) != len(rows):
            return rows
        at: dict[ItemRef, int] = {}  # row -> where the reply names it
        for r in rows:
            names = [r.label] if r.label else []
            if r.label[:1].isdigit():  # 9. is named 第9项 in a Chinese answer
                names.append(template("item.numbered", "zh").format(number=r.number, label=r.label, noun=""))
            found = [
                m.start() for name in names if (m := re.search(rf"(?<![\d\w.]){re.escape(name)}(?!\d)", reply.content))
            ]
            if found:
                at[r] = min(found)
        return tuple(sorted(at, key=at.__getitem__)) if at else rows

    # --- one message ----------------------------------------------------------------------------------------
    def understand(self, text: str) -> Question:
        return understand(text, self.notices, self.tasks, limit=self.limit, terms=task_terms(self.corpus))

    def follow(self, message: str, focus: Focus | None) -> Resolved:
        staged = name_stage(message, detect_lang(message), self.corpus, focus.doc_ids if focus else ())
        resolved = self._follow(staged, focus)
        if staged != message and focus and focus.doc_ids and not resolved.question.doc_ids:
            # 第三个阶段呢: the stage was named from the notice in focus, so the question is about that notice
            q = routed(resolved.question, focus.doc_ids)
            return Resolved(q, (*resolved.carried, "notice"))
        return resolved

    def _follow(self, message: str, focus: Focus | None) -> Resolved:
        q = self.understand(message)
        if focus is None or TOPIC_SWITCH.match(message):  # "Different question: …" stands alone
            return Resolved(q)
        if q.fields == ("content",) and not STRONG_CONTENT.search(q.text):
            q = replace(q, fields=())  # "what about item 18?", "是什么" ask for nothing in particular
        shape = Shape.of(q.text, q.lang)
        rules = (
            self._section,  # before _pick: 这部分还有哪些 is about the section just named, not its items
            self._document,
            self._both,  # before _pick: "which of the two is due first?" picks no first row
            self._pick,
            self._unit_picked,
            self._listed,
            self._stage,
            self._cited,
            self._similar,
            self._counterpart,
            self._narrow,
            self._other_item,
            self._other_field,
            self._other_notice,
            self._in_item,
        )
        for rule in (*rules, self._scope):
            if (resolved := rule(q, focus, shape)) is not None:
                return resolved
        return Resolved(q)

    def _document(self, q: Question, focus: Focus, shape: Shape) -> Resolved | None:
        """渭南工作要点是依据哪些文件定的 → 其中陕西那个措施文号多少 / which document does it cite? → doc no.?: the 文号
        or title of a document the previous answer named, not the notice's own."""
        if not focus.documents or q.numbers or q.meta not in ("number", "title") or OWN[q.lang].search(q.text):
            return None  # 它自己的文号 / its own number: the notice's, not a document it cites
        documents = list(focus.documents)
        if len(documents) > 1 and SINGULAR[q.lang].search(q.text) and not q.doc_ids:
            # "its number" after several documents named: the one the question before named (依据的陕西省文件),
            # else "it" is the notice they were named for
            documents = titled(self.open_topic(focus.question), documents)  # not by the notice's own place name
            if q.meta == "number":  # of two titles naming 陕西, the one printed with a 文号
                documents = [d for d in documents if d[1]] or documents
            if len(documents) != 1:
                return None
        # a 文号 is asked of those printed with one; of all, when none is (the notice then says it gives none)
        docs = [d for d in documents if d[1] or q.meta != "number"] or documents
        # the one the message names by a word of its title (陕西那个措施), else every one that has what is asked
        named = titled(q.text, docs)
        if q.doc_ids and not named:
            return None  # 那柞水县的文号呢: another notice's own number
        docs = named or docs
        if not docs:
            return None
        ask = "文号" if q.meta == "number" else "标题"
        titles = "、".join(f"《{title}》" for title, _ in docs)
        text = (
            f"{self.name_notices(focus.doc_ids, 'zh')}：{titles}的{ask}是什么"
            if focus.doc_ids
            else f"{titles}的{ask}是什么"
        )
        asked = replace(self.understand(text), lang=q.lang)
        return Resolved(routed(asked, focus.doc_ids), ("notice", "document") if focus.doc_ids else ("document",))

    def _pick(self, q: Question, focus: Focus, shape: Shape) -> Resolved | None:
        """第二个呢 / the first one — who leads it?: a row of the previous answer's list."""
        k = ordinal(q.text, q.lang)
        listed = {i.number for i in focus.items}
        if k is None and len(q.numbers) == 1 and 0 < q.numbers[0] <= len(focus.items) and q.numbers[0] not in listed:
            k = (
                q.numbers[0] - 1
            )  # 第二项 after a list of (十三) and (十四): the second row shown, not the notice's (二)
        if k is None or len(focus.items) < 2 or q.doc_ids or k >= len(focus.items):
            return None
        item = focus.items[k]
        p = focus.question
        fields = q.fields or p.fields
        rebuilt = self.task_question(q.lang, (item.doc_id,), (item.number,), STYLE_OF_KIND.get(item.kind), fields)
        return Resolved(rebuilt, ("notice", "item") + (("field",) if fields and not q.fields else ()))

    def _unit_picked(self, q: Question, focus: Focus, shape: Shape) -> Resolved | None:
        """渭南第（十四）项的责任单位有哪些 → 第一个单位还负责哪一项: the rows of that unit, in the notice in focus."""
        p = focus.question
        m = UNIT_PICK[q.lang].search(q.text)
        if m is None or p.kind != Kind.TASK or len(p.numbers) != 1 or len(p.doc_ids) != 1 or q.doc_ids:
            return None
        t = self.task_of(p.doc_ids, p.numbers[0], p.style)
        if t is None:
            return None
        units = (
            [*t.responsible, *t.lead]
            if "responsible" in p.fields and "lead" not in p.fields
            else [*t.lead, *t.responsible]
        )
        word = m.group(1) or ""
        k = (
            -1
            if word.lower() in ("last", "")
            else ordinal(f"第{word}个" if q.lang == "zh" else f"the {word} one", q.lang)
        )
        if k is None or not units or k >= len(units):
            return None
        unit = units[k]
        named = self.name_notices(p.doc_ids, q.lang)
        text = f"{named}哪些项由{unit}负责？" if q.lang == "zh" else f"Which items of {named} involve {unit}?"
        return Resolved(routed(self.understand(text), p.doc_ids), ("notice", "item"))

    def _listed(self, q: Question, focus: Focus, shape: Shape) -> Resolved | None:
        """七个一都包括啥 → 第四个具体讲的是什么 / the third one?: a point the previous prose answer listed, asked about
        in its own words in the notice in focus."""
        k = ordinal(q.text, q.lang)
        moved = k is None and (step := step_of(q.text, q.lang)) and (k0 := ordinal(focus.question.text, q.lang))
        if moved:  # the fifth of the seven → and the next one?: the point after the one asked before
            k = k0 + step if k0 is not None and k0 >= 0 else None
        if k is not None and k < 0:  # the last one
            k = len(focus.listed) + k
        if k is None or len(focus.listed) < 2 or q.doc_ids or not focus.doc_ids or not 0 <= k < len(focus.listed):
            return None
        if q.numbers and q.numbers != (k + 1,):  # 第四个 is read as item 4 too; another number names an item
            return None
        point = re.sub(r"[（(][^（）()]*[）)]$", "", focus.listed[k]).strip() or focus.listed[k]  # its dates aside
        said = point if moved else ORDINAL[q.lang].sub(lambda m: f" {point} ", q.text, 1)
        named = self.name_notices(focus.doc_ids, q.lang)
        text = f"{named}：{said}" if q.lang == "zh" else f"{said} ({named})"
        return Resolved(routed(self.understand(text), focus.doc_ids), ("notice", "item"))

    def _stage(self, q: Question, focus: Focus, shape: Shape) -> Resolved | None:
        """县级初审是哪个月 → 那个阶段资料要报到哪 / the last stage? → what's its time window?: the stage the previous
        question named, asked about in the notice in focus."""
        if q.doc_ids or q.numbers or q.meta or not focus.doc_ids or not (shape.leans or STAGE_REF.search(q.text)):
            return None
        if STAGE_MOVE.search(q.text) or stage_ordinal(q.text):
            return None  # 下一个阶段呢, the third phase: another stage
        stages = plan_stages(self.corpus, focus.doc_ids)
        if any(s.name in q.text for s in stages):
            return None  # it names a stage of its own
        named = [s for s in stages if s.name in focus.question.text]
        if len(named) != 1:
            return None
        stage, notice = named[0], self.name_notices(focus.doc_ids, q.lang)
        said = (STAGE_REF.sub("", q.text).strip() or q.text).rstrip("?？。.!！ ")
        zh = f"{notice}{stage.name}{stage.noun}：{said}？"
        text = zh if q.lang == "zh" else f"{said} (the {stage.name} phase, {notice})?"
        return Resolved(routed(self.understand(text), focus.doc_ids), ("notice", "question"))

    def _cited(self, q: Question, focus: Focus, shape: Shape) -> Resolved | None:
        """柞水要求人员变动多久内报备 → 这一项的完成时限是啥 / which item is that?: the row the prose answer quoted."""
        if not focus.cited or q.doc_ids or q.numbers or q.meta or q.units or q.due:
            return None
        asks_item = bool(ITEM_ASK[q.lang].search(q.text))  # 这是第几项 reads as a count until the answer says which
        # a message of field words alone (哪些单位负责？ who's responsible?) asks them of the row just quoted
        if not (shape.pronoun or asks_item or shape.bare) or (q.kind in LISTING and not (asks_item or shape.bare)):
            return None
        item = focus.cited[0]
        # "what's the measure there?" asks the row's text; "which item is that?" its number and columns
        fields = q.fields if not asks_item else tuple(f for f in q.fields if f != "content")
        said = ""
        if not fields and not asks_item and values_asked(q):  # how often must the symposium under it be held?
            fields, said = ("content",), q.text  # its own words, asked of the row: the row's text says
        style = STYLE_OF_KIND.get(item.kind)
        rebuilt = self.task_question(q.lang, (item.doc_id,), (item.number,), style, fields or DEFAULT_FIELDS, said)
        return Resolved(rebuilt, ("notice", "item"))

    def _section(self, q: Question, focus: Focus, shape: Shape) -> Resolved | None:
        """第10项属于哪个部分 → 这部分还有哪些任务 / section 5's name → which items are in it: that section's rows."""
        asked = in_discussed_part(q, focus.question, self.tasks)
        return None if asked is None else Resolved(asked, ("notice", "filter"))

    def _narrow(self, q: Question, focus: Focus, shape: Shape) -> Resolved | None:
        """其中哪些是长期的 / which of those are led by 县司法局: the previous list's filters and the new ones."""
        p = focus.question
        counts_it = not q.doc_ids and (  # how many is that? 一共几项？: the count of the list just given
            BARE_COUNT.match(q.text) is not None or (q.asks_count and (shape.pronoun or shape.short))
        )
        if not (shape.narrows or counts_it) or p.kind not in LISTING or q.numbers:
            return None
        if counts_it:
            q = replace(q, asks_count=True)
        if not q.due and (span := YEARLESS.search(q.text)):  # 其中上半年的: the year of the list's deadlines
            year = self.year_of(p)
            q = replace(q, due=find_period(f"{year}年{span.group(0)}" if q.lang == "zh" else f"{span.group(0)} {year}"))
        mentions = q.mentions or (find_mentions(q.text, q.lang) if not (q.units or q.due) else ())
        if not (q.units or q.due or mentions or q.asks_count or q.fields):
            return None
        kept = tuple(n for n in p.negated if not (n == "due" and q.due))  # a new deadline filter replaces the old one
        negated = _merge(kept, find_negated(q.text, q.lang, q.units, q.due))
        joined = p.text + ("" if q.lang == "zh" else " ") + q.text
        merged = replace(
            p,
            text=joined,
            search_text=p.search_text + " " + q.search_text,
            doc_ids=q.doc_ids or p.doc_ids,
            units=_merge(p.units, q.units),
            due=q.due or p.due,
            by_date=q.by_date if q.due else p.by_date,
            mentions=_merge(p.mentions, mentions),
            fields=_merge(p.fields, q.fields),
            asks_count=q.asks_count,
            asks_list=not q.asks_count,
        )
        merged = replace(routed(merged), negated=negated)
        return Resolved(merged, ("filter",) + (("notice",) if p.doc_ids and not q.doc_ids else ()))

    def topic_of(self, p: Question) -> str:
        """An item question that also names what it asks about (第24项要求出庭应诉率达到多少, item 24 — what 出庭应诉率
        is required?): the question without its item number; "" when it names nothing beside the item and fields."""
        if len(p.numbers) != 1:
            return ""
        names = [a for d in p.doc_ids for a in self.notice(d).aliases]
        text = re.sub(r"\s*[—–-]+\s*|\s{2,}", " ", without_numbers(p.text, names))
        if not self.names_a_topic(text, p):
            return ""
        return re.sub(r"(?<=[\u4e00-\u9fff])\s+|\s+(?=[\u4e00-\u9fff])", "", text) if p.lang == "zh" else text.strip()

    @staticmethod
    def named_part(topic: str, noun: str, lang: str) -> str:
        """那个阶段 with the topic 县级初审 -> 县级初审阶段; "that stage" with 总结提升 -> "the 总结提升 stage"."""
        if topic.lower().endswith(noun.lower()):
            return topic
        return f"{topic}{noun}" if lang == "zh" else f"the {topic} {noun}"

    def open_topic(self, p: Question) -> str:
        """What a prose question asked about, its notice and question words taken out (陵川县：县级初审是几月 ->
        县级初审); "" when nothing of substance is left."""
        rest = p.text
        words = [w for d in p.doc_ids for n in (self.notice(d),) for w in (*n.aliases, n.region or "", n.title)]
        for w in sorted((w for w in words if len(w) >= 2), key=len, reverse=True):
            rest = re.sub(
                rf"(?:the\s+)?\b{re.escape(w)}\b(?:\s+notice)?" if w.isascii() else re.escape(w), " ", rest, flags=re.I
            )
        rest = ASKING[p.lang].sub(" ", rest)
        rest = re.sub(r"[^\w\s\u4e00-\u9fff]", " ", rest)
        rest = re.sub(r"\s+", "" if p.lang == "zh" else " ", rest).strip()
        size = (
            len(re.findall(r"[\u4e00-\u9fff]", rest)) if p.lang == "zh" else len(re.findall(r"[a-z]{3,}", rest, re.I))
        )
        return rest if size >= 2 else ""

    def asks_of_topic(self, q: Question, p: Question) -> bool:
        """A message asking only a value (什么时候开？ on what date? how many?) with no topic, notice or item of its
        own, after a prose question: it asks that value of the prose question's topic. A date counts only where the
        message does not speak of the notice's issuing (什么时候印发的 is the notice's)."""
        who = "person" in q.expects  # 主任是谁: a person, not a row's units
        if q.numbers or q.units or (set(q.fields) - {"deadline"} and not who) or ISSUED.search(q.text):
            return False  # (什么时候之前 reads as a deadline: of the topic, after a prose question)
        if self.names_a_topic(ASKING[q.lang].sub(" ", q.text), p):
            return False
        # a date or a person: 报到哪里 or 邮箱多少 name a place and a thing of their own to look for
        return (q.kind == Kind.META and q.meta == "date") or (
            q.kind in (Kind.OPEN, Kind.TASK) and bool({"date", "person"} & set(q.expects))
        )

    def names_a_topic(self, text: str, p: Question) -> bool:
        """Whether a question, its item numbers taken out, still names something of its own beside the notice, units
        and field words (出庭应诉率, the court-appearance rate)."""
        rest = text.lower()
        notices = [self.notice(d) for d in p.doc_ids]
        words = [w for n in notices for w in (*n.aliases, n.region or "", n.title, n.doc_number or "")]
        words += [*p.units, *(c for cs in lexicon().fields.values() for c in cs)]
        for w in sorted((w.lower() for w in words if len(w) >= 2), key=len, reverse=True):
            rest = re.sub(rf"\b{re.escape(w)}\b" if w.isascii() else re.escape(w), " ", rest)
        rest = TOPIC_NOISE[p.lang].sub(" ", FILLER[p.lang].sub(" ", rest))
        if p.lang == "zh":
            return len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 3
        return bool(re.search(r"[\u4e00-\u9fff]{2}", rest)) or len(re.findall(r"[a-z]{3,}", rest)) >= 2

    def year_of(self, p: Question) -> int:
        """The year a list's deadlines fall in: its own period's, else the most common year of the rows' deadlines."""
        if p.due and (m := re.match(r"\d{4}", p.due)):
            return int(m.group(0))
        years = [y for t in self.tasks if t.doc_id in p.doc_ids for y in re.findall(r"(20\d{2})年", t.deadline or "")]
        return int(max(set(years), key=years.count)) if years else 0

    def _both(self, q: Question, focus: Focus, shape: Shape) -> Resolved | None:
        """第4项呢？→ 这两个哪个更早到期 / and item 34 — of those two, which has an extra lead unit?: the item in focus
        and the one asked with it or just before it, side by side, for the fields asked."""
        p = focus.question
        if p.kind == Kind.TASK and len(p.numbers) == 2 and len(p.doc_ids) == 1 and not q.numbers and not q.doc_ids:
            if TWO[q.lang].search(q.text) or EACH[q.lang].search(q.text):  # items 24 and 25 → which of the two …?
                fields = q.fields or p.fields or DEFAULT_FIELDS  # with the texts: what sets the two apart is there
                fields = fields if "content" in fields else (*fields, "content")
                asked = self.task_question(q.lang, p.doc_ids, p.numbers, p.style, fields)
                return Resolved(asked, ("notice", "item") + (("field",) if not q.fields else ()))
        if not TWO[q.lang].search(q.text) or p.kind != Kind.TASK or len(p.numbers) != 1 or len(p.doc_ids) != 1:
            return None
        if q.doc_ids and q.doc_ids != p.doc_ids:
            return None
        if q.numbers:  # 第34项呢？这两项…: the one this message names
            other = q.numbers[0] if len(q.numbers) == 1 and q.numbers != p.numbers else None
        else:
            before = [r for r in focus.earlier if r.doc_id == p.doc_ids[0] and r.number != p.numbers[0]]
            other = before[-1].number if len(before) == 1 else None
        if other is None:
            return None
        fields = q.fields or p.fields
        numbers = tuple(sorted((p.numbers[0], other)))
        carried = ("notice", "item") + (("field",) if not q.fields else ())
        return Resolved(self.task_question(q.lang, p.doc_ids, numbers, p.style, fields), carried)

    def _other_item(self, q: Question, focus: Focus, shape: Shape) -> Resolved | None:
        """那第18项呢 / and 19? / 第18项由谁牵头: another item, of the notice in focus, for the same fields."""
        p = focus.question
        numbers, style = self.other_numbers(q, focus, shape)
        if not numbers or q.asks_count or q.asks_cross or q.section_level or (q.asks_list and q.units):
            return None
        carried = []
        docs = q.doc_ids
        if not docs and focus.doc_ids:
            docs, carried = focus.doc_ids, ["notice"]
        fields = self.other_fields(q, p)
        if fields != q.fields and (q.fields or (p.kind == Kind.TASK and fields == p.fields)):
            carried.append("field")
        if (
            style in (None, "any")
            and p.style not in (None, "any")
            and (p.kind == Kind.TASK or p.style in STYLE_OF_KIND)
        ):
            style = p.style  # 否决项有几条 → 第二条是啥: the second veto item
        if not carried and numbers == q.numbers and style == q.style:
            return None  # complete on its own
        return Resolved(self.task_question(q.lang, docs, numbers, style, fields), tuple(carried))

    def other_numbers(self, q: Question, focus: Focus, shape: Shape) -> tuple[tuple[int, ...], str | None]:
        """The item numbers (and family) a message about another item means: its own, a bare number, an ordinal
        after one item or after a count, the next or previous one."""
        p = focus.question
        numbers, style = q.numbers, q.style
        if not numbers and shape.leans and p.numbers and not (q.units or q.due or q.meta):
            numbers = tuple(dict.fromkeys(n for n in map(int, BARE_NUMBER.findall(q.text)) if 0 < n <= 300))
        k = None if RELATIVE[q.lang].search(q.text) else ordinal(q.text, q.lang)
        if not numbers and p.kind == Kind.TASK and p.numbers and len(focus.items) < 2 and k is not None and k >= 0:
            numbers = (k + 1,)  # after one item, "and the second one?" / "第二个呢" is the notice's item 2
        if not numbers and p.kind == Kind.COUNT and len(focus.items) < 2 and len(focus.doc_ids) == 1 and k is not None:
            # 昌江区清单一共多少条 → 最后一条谁牵头 / the first one?: the notice's own first or last item
            family = p.style if p.style in STYLE_OF_KIND else "task"  # 否决项有几条 → 第二条: the second veto item
            counted = sorted(t.number for t in self.tasks if t.doc_id == focus.doc_ids[0] and t.kind == family)
            numbers = (counted[k],) if counted and -1 <= k < len(counted) else ()
            style = style if family == "task" else family
        if not numbers and (step := step_of(q.text, q.lang)) and len(p.numbers) == 1 and p.kind == Kind.TASK:
            numbers = (p.numbers[0] + step,)  # 下一项的责任单位呢 / and the next one?
        return numbers, style

    def other_fields(self, q: Question, p: Question) -> tuple[str, ...]:
        """The fields asked of another item: the message's own (with those asked before when a bare 那…呢 clause
        asks them again), else those asked before, else its text where the message or the last question asks a
        value of their own."""
        if q.fields:
            # 那下一项呢？啥时候完成？: what was asked, and the deadline too
            return _merge(p.fields, q.fields) if p.kind == Kind.TASK and asks_again(q.text, q.lang) else q.fields
        if p.kind == Kind.TASK and p.fields and not values_asked(q):
            return p.fields
        if values_asked(q):  # and the next one — how often …?: its text says (多少天内报备 asks that, not the fields)
            return ("content",)
        if p.kind in LISTING or (p.kind == Kind.TASK and (values_asked(p) or self.topic_of(p))):
            # 否决项有几条 → 第二条是啥; item 41's minimum review time → item 28?: its columns and what its text says
            return (*DEFAULT_FIELDS, "content")
        return ()

    def _other_field(self, q: Question, focus: Focus, shape: Shape) -> Resolved | None:
        """完成时限呢 / and the deadline? / 谁配合 / 这一项要报什么材料: another field of the item in focus."""
        p = focus.question
        if not q.fields or q.numbers or q.meta or q.units or q.due or q.mentions or q.asks_count:
            return None  # ("由哪些单位负责？" says 哪些 but filters nothing: it asks a field)
        own = q.doc_ids or self.names_a_topic(q.text, q)  # 牵头和时限一起说下, who leads that and by when: nothing of
        if not (shape.leans or not own):  # its own beside the fields, however long: it asks them of the item in focus
            return None
        if p.kind == Kind.TASK and p.numbers:
            docs = q.doc_ids or p.doc_ids
            if own and not q.doc_ids and not shape.pronoun and not self.speaks_of(q, docs, p):
                return None  # 领导小组组长是谁 after an item question: the row says nothing of a leading group
            rows = [t for n in p.numbers if (t := self.task_of(docs, n, p.style)) is not None]
            if own and rows and not any(holds_asked(q, t.content) for t in rows):
                return None  # 每半年那个座谈会具体哪天开: a day the row's text does not hold is not its deadline
            carried = ("item",) + (("notice",) if docs and not q.doc_ids else ())
            said = "" if shape.bare or not own else q.text  # 那啥时候前要向社会公开？: its own words, asked of the item
            return Resolved(self.task_question(q.lang, docs, p.numbers, p.style, q.fields, said), carried)
        if p.kind == Kind.LIST and not q.doc_ids:
            joined = p.text + ("" if q.lang == "zh" else " ") + q.text
            merged = replace(routed(replace(p, text=joined, fields=_merge(p.fields, q.fields))), negated=p.negated)
            return Resolved(merged, ("filter",) + (("notice",) if p.doc_ids else ()))
        return None

    def _similar(self, q: Question, focus: Focus, shape: Shape) -> Resolved | None:
        """那昌江区有没有类似的要求 / does Changjiang's list have the same requirement — which item, who leads it?: the
        other notice searched for the requirement of the item in focus (by what it says, not by its number)."""
        p = focus.question
        likened = SIMILAR.search(q.text) or COMPARED.search(q.text)
        if not q.doc_ids or set(q.doc_ids) == set(p.doc_ids) or not likened or q.numbers:
            return None
        if len(p.doc_ids) != 1:
            return None
        if p.kind == Kind.OPEN and self.open_topic(p):
            # a satisfaction rate in Lingchuan → what does Weinan require for the same thing? / how does Changjiang
            # compare?: the prose question put to that notice
            moved = self.understand(self.swap_notice(p.text, p.doc_ids, q.doc_ids, p.lang))
            return Resolved(routed(replace(moved, lang=p.lang), q.doc_ids), ("question",))
        if p.kind == Kind.CROSS:  # asked of one notice already: the same requirement of another
            text = self.swap_notice(p.text, p.doc_ids, q.doc_ids, "zh" if p.text[:1] > "\u2e80" else q.lang)
        elif p.kind == Kind.TASK and len(p.numbers) == 1 and (topic := self.topic_of(p)):
            # item 36's training hours → what does Zhashui say for the same thing?: that topic, not the whole row
            moved = self.understand(self.swap_notice(topic, p.doc_ids, q.doc_ids, p.lang))
            return Resolved(routed(replace(moved, lang=q.lang), q.doc_ids), ("question",))
        elif p.kind == Kind.TASK and len(p.numbers) == 1:
            t = self.task_of(p.doc_ids, p.numbers[0], p.style)
            m = FIRST_SENTENCE.search(re.sub(r"^\s*\d+[.、．]\s*|<[^>]+>", "", t.content)) if t else None
            if m is None:
                return None
            text = f"{self.name_notices(q.doc_ids, 'zh')}：{m.group(0)}"
        else:
            return None
        fields = tuple(f for f in q.fields if f != "content") or ("lead",)
        asked = replace(self.understand(text), doc_ids=q.doc_ids, fields=fields, numbers=(), meta=None, metas=())
        return Resolved(replace(asked, kind=Kind.CROSS, asks_cross=True, lang=q.lang), ("item",))

    def _counterpart(self, q: Question, focus: Focus, shape: Shape) -> Resolved | None:
        """陵川第79项指标是啥要求 → 昌江清单里对应的是哪一项？谁牵头？/ and the Changjiang equivalent?: the other
        notice's item matching the item in focus, found by what that item says (kinds/counterpart.py)."""
        p = focus.question
        if p.kind != Kind.TASK or not p.numbers or len(p.doc_ids) != 1 or len(q.doc_ids) != 1 or q.numbers:
            return None
        if q.doc_ids == p.doc_ids or not (LIKENED.search(q.text.lower()) or WHICH_ONE.search(q.text.lower())):
            return None
        pair = (p.doc_ids[0], q.doc_ids[0])
        asked = replace(q, doc_ids=pair, numbers=p.numbers, style=p.style, counterpart=q.doc_ids[0])
        return Resolved(replace(asked, kind=Kind.COUNTERPART), ("item",))

    def _other_notice(self, q: Question, focus: Focus, shape: Shape) -> Resolved | None:
        """那昌江区的呢 / same for Yiyang?: the previous question put to another notice."""
        p = focus.question
        if not q.doc_ids or set(q.doc_ids) == set(p.doc_ids) or not (shape.cue or shape.short):
            return None
        if p.kind == Kind.META and p.meta and q.meta and len(q.parts) > 1:
            # "And the Changjiang one? What's its document number?": the previous question there, and the new one
            asked = [part for part in q.parts if find_meta(part.lower())]
            if len(asked) < len(q.parts):
                said = self.swap_notice(p.text, p.doc_ids, q.doc_ids, p.lang)
                text = ("，" if q.lang == "zh" else " ").join([said.rstrip("？?。. "), *asked])
                return Resolved(routed(self.understand(text), q.doc_ids), ("question",))
        if q.numbers or q.meta or q.units or q.due or q.mentions or q.asks_count or q.asks_list or q.section_level:
            return None
        if p.kind == Kind.TASK and p.numbers and not q.fields and (topic := self.topic_of(p)):
            # 昌江区第24项要求出庭应诉率达到多少 → 那柞水县的呢: the same requirement, not the same number
            return Resolved(
                routed(self.understand(self.swap_notice(topic, p.doc_ids, q.doc_ids, p.lang)), q.doc_ids), ("question",)
            )
        if p.kind == Kind.TASK and p.numbers:
            fields = q.fields or p.fields
            carried = ("item",) + (("field",) if fields and not q.fields else ())
            return Resolved(self.task_question(q.lang, q.doc_ids, p.numbers, p.style, fields), carried)
        if p.kind == Kind.META and p.meta:
            return Resolved(self.meta_question(q.lang, q.doc_ids, p.meta), ("field",))
        if p.kind in (*LISTING, Kind.SECTIONS):
            moved = replace(
                p,
                text=self.swap_notice(p.text, p.doc_ids, q.doc_ids, p.lang),
                search_text=self.swap_notice(p.search_text, p.doc_ids, q.doc_ids, p.lang),
                doc_ids=q.doc_ids,
                units=self.units_in(p.units, q.doc_ids),
            )
            return Resolved(replace(routed(moved), negated=p.negated), ("filter",))
        text = self.swap_notice(p.text, p.doc_ids, q.doc_ids, p.lang)
        return Resolved(routed(self.understand(text), q.doc_ids), ("question",))

    def _in_item(self, q: Question, focus: Focus, shape: Shape) -> Resolved | None:
        """昌江区第33项政府常务会议每年学法几次 → 那部门呢 / which hotline number is mentioned in it: a message that
        leans on the conversation and asks about something the one row in focus speaks of is asked of that row (its
        text holds the value); one about something the row does not mention goes to the whole notice (_scope)."""
        p = focus.question
        if p.kind != Kind.TASK or len(p.numbers) != 1 or len(p.doc_ids) != 1 or self.relevance is None:
            return None
        if q.doc_ids or q.numbers or q.meta or q.units or q.due or q.mentions or q.section_level or q.fields:
            return None
        if q.kind not in (Kind.OPEN, Kind.TASK) or q.asks_count or q.asks_list or q.asks_cross or q.foreign:
            return None
        if not (shape.leans or values_asked(q)):
            return None
        t = self.task_of(p.doc_ids, p.numbers[0], p.style)
        if t is None or not self.speaks_of(q, p.doc_ids, p):
            return None
        if asks_outcome(q.text) or not holds_asked(q, t.content):
            return None  # did they actually hit it?: what was done, which no row of requirements says
        if any(n not in t.content for n in re.findall(r"\d+", q.text)):
            return None  # was it extended again in 2025?: a year or figure the row does not print is not asked of it
        rebuilt = self.task_question(q.lang, p.doc_ids, p.numbers, p.style, ("content",), q.text)
        return Resolved(rebuilt, ("notice", "item"))

    def speaks_of(self, q: Question, doc_ids: Sequence[str], p: Question) -> bool:
        """Whether the rows `p` asked about speak of what `q` asks (any of its words; yes when it asks nothing of its
        own, and when there is no scorer to tell)."""
        rows = [t for n in p.numbers if (t := self.task_of(doc_ids, n, p.style)) is not None]
        if self.relevance is None or not rows:
            return True
        text = "\n".join(f"{t.content} {' '.join(t.lead)} {' '.join(t.responsible)} {t.deadline or ''}" for t in rows)
        speaks = self.relevance(q, text)
        return speaks is None or speaks > 0

    def _scope(self, q: Question, focus: Focus, shape: Shape) -> Resolved | None:
        """它的文号是什么 / when was it issued / 发文机关呢: the notice in focus, for a message that names none."""
        if q.doc_ids or not focus.doc_ids or q.asks_cross or q.foreign:
            return None
        # a list, count or section question naming no notice, in a conversation about one: 第五个方面下面有哪几项
        about_rows = q.kind in (Kind.SECTIONS, *LISTING) and not q.notices_asked and len(focus.doc_ids) == 1
        if not (q.kind == Kind.META or shape.leans or about_rows):
            return None
        p = focus.question
        if p.kind == Kind.OPEN and (topic := self.open_topic(p)) and self.asks_of_topic(q, p):
            # 专题培训会请谁讲 → 什么时候开？/ on what date?: the date (or value) of what the last question asked about,
            # not the notice's issue date
            named = self.name_notices(focus.doc_ids, q.lang)  # the topic, not the last question's own value word
            text = f"{named}{topic}{q.text}" if q.lang == "zh" else f"{topic} — {q.text.rstrip(' ?？')} ({named})?"
            asked = replace(self.understand(text), meta=None, metas=())
            return Resolved(routed(replace(asked, kind=Kind.OPEN), focus.doc_ids), ("notice", "topic"))
        if q.kind == Kind.META and q.meta:
            return Resolved(self.meta_question(q.lang, focus.doc_ids, q.meta), ("notice",))
        named = self.name_notices(focus.doc_ids, q.lang)
        said = q.text
        if p.kind not in (Kind.TASK, Kind.META, *LISTING) and (topic := self.open_topic(p)):
            # 县级初审是几月 → 那个阶段材料要交到哪: the phase the previous question asked about, named in the search
            pointed = DEMONSTRATIVE[q.lang].sub(lambda m: self.named_part(topic, m.group(1), q.lang), said, 1)
            if pointed == said and ITS[q.lang].search(said):  # leading group — who heads it? → where's its office?
                pointed = ITS[q.lang].sub(lambda m: f"{topic}的" if q.lang == "zh" else f"the {topic}'s", said, 1)
            said = pointed
        # in English the notice goes before the question mark: after it, it would read as a part of its own
        text = f"{named}：{said}" if q.lang == "zh" else f"{said.rstrip(' ?？')} ({named})?"
        return Resolved(routed(self.understand(text), focus.doc_ids), ("notice",))

    # --- questions said in full ---------------------------------------------------------------------------------
    def notice(self, doc_id: str) -> Notice:
        return self.corpus.get(doc_id).notice

    def place(self, doc_id: str, lang: str) -> str:
        """A notice's short name: 柞水县 / Zhashui."""
        return short_name(self.notice(doc_id), lang)

    def name_notices(self, doc_ids: Sequence[str], lang: str) -> str:
        places = template("understood.and", lang).join(self.place(d, lang) for d in doc_ids)
        return template("understood.notice_en", lang).format(name=places) if doc_ids else ""

    def task_of(self, doc_ids: Sequence[str], number: int, style: str | None) -> Task | None:
        kind = style if style in ("bonus", "veto") else "task"
        return next(
            (t for t in self.tasks if t.number == number and t.kind == kind and (not doc_ids or t.doc_id in doc_ids)),
            None,
        )

    def item_words(
        self, doc_ids: Sequence[str], numbers: Sequence[int], style: str | None, lang: str, *, printed: bool = True
    ) -> str:
        """第18项 / 存在问题6 / item 18 / problem 6: as the notice labels the item when `printed`, else the plain 第18项
        / item 18 a question says (a label's words, 问题 or 指标, would read as words the question asks about)."""
        out = []
        for n in numbers:
            if not printed and style not in ("bonus", "veto"):
                out.append(template("understood.item", lang).format(number=n))
                continue
            t = self.task_of(doc_ids, n, style)
            label = t.label if t else ""
            family = t.kind if t and t.kind != "task" else style if not t else None
            key = (
                family
                if family in ("bonus", "veto")
                else "problem"
                if label.startswith("存在问题") or (not t and style == "problem")
                else "indicator"
                if "指标" in label or (not t and style == "indicator")
                else "item"
            )
            if lang == "zh" and key in ("problem", "indicator") and label and not label[:1].isdigit():
                out.append(label)  # 三级指标17, 评价指标 as printed
            else:
                out.append(template(f"understood.{key}", lang).format(number=n))
        return template("sep.list", lang).join(out)

    def field_words(self, fields: Sequence[str], lang: str) -> str:
        return template("understood.and", lang).join(template(f"understood.field.{f}", lang) for f in fields)

    def task_question(
        self,
        lang: str,
        doc_ids: tuple[str, ...],
        numbers: tuple[int, ...],
        style: str | None,
        fields: tuple[str, ...],
        said: str = "",
    ) -> Question:
        """A task question said in full (柞水县第18项的完成时限是什么？), understood with the slots given; `said`: the
        message's own words about the item (那啥时候前要向社会公开？通过啥渠道？), asked of it as written."""
        text = template("understood.task_question", lang).format(
            notice=self.name_notices(doc_ids, lang) or (template("understood.all", lang) if lang == "en" else ""),
            items=self.item_words(doc_ids, numbers, style, lang, printed=False),
            fields=self.field_words(fields or DEFAULT_FIELDS, lang),
        )
        if said:
            text = f"{text.rstrip('？?')}：{said}" if lang == "zh" else f"{text.rstrip('?')}: {said}"
        q = self.understand(text)
        q = replace(
            q,
            numbers=numbers,
            style=style,
            fields=fields,
            meta=None,
            units=(),
            due=None,
            mentions=(),
            section_level=None,
            asks_count=False,
            asks_list=False,
            asks_cross=False,
        )
        return routed(q, doc_ids)

    def meta_question(self, lang: str, doc_ids: tuple[str, ...], meta: str) -> Question:
        """A question about the notice itself said in full (柞水县的文号是什么？)."""
        text = template("understood.meta_question", lang).format(
            notice=self.name_notices(doc_ids, lang), meta=template(f"understood.meta.{meta}", lang)
        )
        return routed(replace(self.understand(text), meta=meta, numbers=()), doc_ids)

    def units_in(self, units: Sequence[str], doc_ids: Sequence[str]) -> tuple[str, ...]:
        """Units of one notice as another names them: 区司法局 asked of a county's notice is its 县司法局, so the
        filter keeps the core 司法局 when the other notice has no unit of that exact name."""
        names = {u for t in self.tasks if t.doc_id in doc_ids for u in (*t.lead, *t.responsible)}
        out = []
        for u in units:
            core = re.sub(r"^[县区市]", "", u)
            out.append(u if any(u in x for x in names) or len(core) < 3 else core)
        return tuple(out)

    def swap_notice(self, text: str, old: Sequence[str], new: Sequence[str], lang: str) -> str:
        """The text with the old notices' names replaced by the new one's; prefixed with it when it named none."""
        name = self.name_notices(new, lang)
        names = sorted(
            {
                a
                for d in old
                for a in (*self.notice(d).aliases, self.notice(d).region or "", self.notice(d).doc_number or "")
                if len(a) >= 2
            },
            key=len,
            reverse=True,
        )
        for a in names:
            if a.isascii():
                pattern = re.compile(rf"(?:the\s+)?(?<![A-Za-z]){re.escape(a)}(?![A-Za-z])(?:\s+notice)?", re.I)
            else:
                pattern = re.compile(re.escape(a))
            if pattern.search(text):
                return pattern.sub(name.replace("\\", r"\\"), text, count=1)
        return f"{name}：{text}" if lang == "zh" else f"{text} ({name})"

    # --- what was understood ----------------------------------------------------------------------------------------
    def understood(self, resolved: Resolved, rows: Sequence[Task] = ()) -> Understood:
        """The record shown beside an answer: the resolved question, its one-line label, what was carried over and
        the rows the answer named."""
        q = resolved.question
        return Understood(
            text=q.text,
            label=self.label(q),
            kind=q.kind.value,
            doc_ids=q.doc_ids,
            numbers=q.numbers,
            fields=q.fields,
            meta=q.meta,
            units=q.units,
            due=q.due,
            mentions=q.mentions,
            negated=q.negated,
            carried=resolved.carried,
            items=tuple(dict.fromkeys(ref(t) for t in rows)),
        )

    def label(self, q: Question) -> str:
        """柞水县 · 第18项 · 完成时限 / Zhashui · item 18 · deadline."""
        lang = q.lang
        parts = [
            template("sep.list", lang).join(self.place(d, lang) for d in q.doc_ids)
            if q.doc_ids
            else template("understood.all", lang)
        ]
        if q.kind == Kind.TASK and q.numbers:
            parts.append(self.item_words(q.doc_ids, q.numbers, q.style, lang))
        if q.kind in LISTING:
            parts.append(template("understood.count" if q.kind == Kind.COUNT else "understood.list", lang))
        if q.kind == Kind.META and q.meta:
            metas = q.metas if q.meta in q.metas else (q.meta,)
            parts.append(template("sep.list", lang).join(template(f"understood.meta.{m}", lang) for m in metas))
        elif q.fields and q.kind in (Kind.TASK, Kind.CROSS, *LISTING):
            parts.append(template("sep.list", lang).join(template(f"understood.field.{f}", lang) for f in q.fields))
        if q.kind in LISTING:
            if q.units:
                key = "not_units" if "units" in q.negated else "only_units" if q.only_units else "units"
                key = f"understood.{key}"
                parts.append(template(key, lang).format(units=template("sep.list", lang).join(q.units)))
            if q.due:
                key = "not_due" if "due" in q.negated else "due_by" if q.by_date and re.search(r"\d", q.due) else "due"
                parts.append(template(f"understood.{key}", lang).format(due=q.due))
            if q.mentions:
                parts.append(template("understood.mentions", lang).format(words="、".join(q.mentions)))
        return template("understood.sep", lang).join(p for p in parts if p)


def ref(t: Task) -> ItemRef:
    return ItemRef(t.doc_id, t.kind, t.number, t.label)

"""Question understanding: which task numbers, which field, which notice, what kind of question, which language."""

from __future__ import annotations

import re
import threading
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from assistant.errors import BadQuestion, EmptyQuestion, QuestionTooLong
from assistant.normalize import normalize
from assistant.places import by_province, foreign_places, province_names
from assistant.records import Kind, Question
from assistant.routes import route
from assistant.tasktable import part_number
from assistant.values import expected
from index.corpus import Corpus
from index.records import Notice, Task
from index.roles import ROLES_FILE
from index.text import CN_DIGITS as CN
from index.text import DUE_DATE, cn_to_int, no_spaces, tagged_words

NUM = rf"(\d{{1,3}}|[{CN}]{{1,4}})"
DATA = Path(__file__).parent / "data"

# A family of items a notice numbers apart, named without a number (否决项有哪些, what are the bonus items?): its rows.
ITEM_FAMILY = (
    (
        re.compile(
            r"加分项|加分(?:的)?情形|情形\S{0,4}加分|可以?加分|\bbonus(?:\s+points?)?\s+(?:items?|indicators?)\b|\bbonus(?:es)?\b",
            re.I,
        ),
        "bonus",
    ),
    # 一票否决的情形: the cases that veto the whole application are the veto items
    (re.compile(r"否决项|一票否决|否决(?:的)?情形|\bveto(?:\s+items?|\s+indicators?|\s+ones|es)?\b", re.I), "veto"),
)


def item_family(text: str) -> str | None:
    """bonus / veto when the question names that family of items (the later-named one when it names both: 附加项里
    否决项是哪些 asks the veto items)."""
    found = [(m.start(), style) for rx, style in ITEM_FAMILY if (m := rx.search(text))]
    return max(found)[1] if found else None


# (pattern, style) — style names the label family the number was written in, so "存在问题6" prefers notices
# whose items are labelled that way. Tried in order; all matches are collected.
NUMBER_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # 加分项1, 加分项第1条, 加分项里的第一项: a bonus item by its own number
    (
        re.compile(rf"加分项\s*(?:里|中|当中)?的?\s*(?:第\s*)?{NUM}|bonus\s+(?:item\s*)?#?\s*(\d{{1,3}})", re.I),
        "bonus",
    ),
    (
        re.compile(rf"否决项\s*(?:里|中|当中)?的?\s*(?:第\s*)?{NUM}|veto\s+(?:item\s*)?#?\s*(\d{{1,3}})", re.I),
        "veto",
    ),
    (re.compile(rf"存在问题\s*{NUM}|问题\s*{NUM}|problems?\s*(?:no\.?\s*)?#?\s*(\d{{1,3}})", re.I), "problem"),
    (
        re.compile(
            rf"三级指标\s*(?:第\s*)?{NUM}|评价指标\s*{NUM}|指标\s*{NUM}|indicators?\s*(?:no\.?\s*)?#?\s*(\d{{1,3}})",
            re.I,
        ),
        "indicator",
    ),
    (re.compile(rf"[（(]\s*([{CN}]{{1,4}})\s*[）)]"), "paren"),  # （十七）: how 渭南's items are labelled
    (re.compile(r"[（(]\s*(\d{1,3})\s*[）)]"), "any"),  # (17): every notice's item 17, as 第17项
    (re.compile(rf"第\s*(\d{{1,3}})\s*(?:项|条|个|号|点)?|第\s*([{CN}]{{1,4}})\s*(?:项|条|个|号|点)"), "any"),
    (re.compile(rf"(?:任务|事项|要点)\s*{NUM}|{NUM}\s*号?(?:任务|事项)"), "any"),
    # a message opening on "22项是谁牵头" / "19条呢": the item, not a count (共22项 does not open a message)
    (re.compile(r"^\s*(\d{1,3})\s*[项条](?=\s*(?:是|的|由|谁|呢|要|讲|说|怎么|啥|什么|完成|牵头|哪))"), "any"),
    (
        re.compile(r"(?:tasks?|items?|points?|no\.|number|#)\s*(?:no\.?\s*)?#?\s*(\d{1,3})(?!\.?\d|%|[a-z])", re.I),
        "any",
    ),
]
YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
LIST_CUES = (
    "哪些",
    "列出",
    "所有",
    "全部",
    "which tasks",
    "which items",
    "which problems",
    "which indicators",
    "all tasks",
    "all items",
)
# "list" as a request (List the tasks…, can you list…), not the noun of "the Changjiang list — who leads it?"
LIST_VERB = re.compile(
    r"(?:^|[,.;:?!—–(]\s*|\b(?:please|pls|can you|could you|would you|to|and|then|just|also)\s+)list\b"
)
CROSS_CUES = (
    "各通知",
    "每个通知",
    "每份通知",
    "各个通知",
    "哪些通知",
    "各地",
    "each notice",
    "every notice",
    "all notices",
    "all the notices",
    "which notices",
    "across notices",
    "in each",
    "分别",
    "这些通知",
    "几份通知",
    "各份通知",
    "any of the notices",
    "which of the notices",
    "which documents",
)
# Which of the notices say something, or how they differ on it: 哪几个文件要求…, 有啥区别, how do they differ.
# (依据哪些文件 asks for the documents a notice rests on, not which notices say something.)
CROSS_ASK = re.compile(
    r"(?<!依据)(?<!根据)(?<!按照)(?<!依照)(?<!落实)(?<!贯彻)(?:哪(?:几|些)(?:个|份)?|几个|几份)(?:文件|通知)"
    r"|有(?:什么|何|啥|哪些)(?:不同|区别|差别|差异)|区别|差别|差异|异同|对比|比较一下|一样吗|相同吗"
    r"|\bdiffer(?:s|ent|ence|ences)?\b|\bcompare[sd]?\b|\bcomparison\b|\bhow\s+do\s+(?:the\s+)?(?:notices|documents)\b"
)
# An item of one notice likened to another's (柞水第5项跟渭南哪一项差不多, which Yiyang problem matches Weinan item 15,
# the Changjiang equivalent): the words that liken, and those that ask which item is meant.
LIKENS = re.compile(
    r"差不多|类似|相似|相近|相当于?|相对应|对应|对得上|一样|相同|匹配|吻合|接近|(?<![好图影])像"
    r"|\b(?:similar|same|equivalent|counterparts?|correspond(?:s|ing)?|match(?:es|ing)?|resembles?|comparable"
    r"|parallels?|mirrors?|lines?\s+up)\b|\b(?:reads?|looks?|sounds?|seems?|is|are)\s+like\b"
)
# A word asking which (哪, 第几, which, one of): where it stands tells which of two named notices is asked.
WHICH_WORD = re.compile(r"哪|第几|什么|啥|\b(?:which|what(?:'s)?|one\s+of)\b")


def find_counterpart(text: str, notices: Sequence[Notice], doc_ids: Sequence[str]) -> str | None:
    """Of two notices named by a question likening an item of one to the other's (柞水第5项跟渭南哪一项差不多), the
    one whose matching item is asked: the one named nearest the word asking which (哪一项, which, one of)."""
    low = text.lower()
    if len(doc_ids) != 2 or not LIKENS.search(low):
        return None
    asks = [m.start() for m in WHICH_WORD.finditer(low)]
    if not asks:
        return None
    by_id = {n.doc_id: n for n in notices}

    def distance(doc_id: str) -> int:
        n = by_id[doc_id]
        names = {a.lower() for a in (*n.aliases, n.region or "") if len(a) >= 2}
        spans = [(m.start(), m.end()) for a in names for m in re.finditer(re.escape(a), low)]
        return min((min(abs(w - e), abs(w - s)) for s, e in spans for w in asks), default=len(low))

    near = sorted(doc_ids, key=distance)
    return near[0] if distance(near[0]) < distance(near[1]) else None


# Questions about a notice itself rather than its content: when it was issued, its 文号, who issued it, its title.
META = {
    "date": re.compile(
        r"(什么时候|何时|哪天|哪一天|哪年|几月|日期|时间)\S{0,6}(印发|发布|发文|出台|成文|下发|制定)|(印发|发布|发文|成文|下发)"
        r"(的)?(日期|时间)|(什么时候|何时|啥时候|哪天|哪一天|几号)(印|下)?发(的|出)|when\s+(was|were|did)\b.*\b(issue|issued|publish|published|release|released|dated|adopt|adopted|sign|signed)\b"
        r"|\b(issue|publication|release|signing)\s+date\b|\bdate\s+of\s+(the|this)\s+(notice|plan|document|circular|list)\b"
        # asked beside the 文号: 文号和日期, "document number and date (issued)"
        r"|(?<=文号)\S{0,3}?(?:和|及|与|、|，|,)\S{0,2}(?:日期|时间)|\b(?:number|no\.?)\s+(?:and|&)\s+(?:the\s+)?(?:issue\s+)?date\b"
        r"|\bdate\s+(?:it\s+was\s+)?issued\b"
        r"|(?<!by )(?<!until )(?<!before )\bwhat\s+date\b"
        r"(?!.*\b(?:must|should|shall|need|needs|due|submit\w*|complet\w*|finish\w*)\b)"
        r"|\bwhen\b.*\b(?:posted|put\s+online|uploaded|went\s+online)\b|(?:发表|刊登|上网|发帖)(?:的)?(?:日期|时间)|什么时候(?:发表|刊登|上网)"
    ),
    "number": re.compile(r"文号|发文字号|字号是|\b(document|reference|file|doc|notice|circular)\s+(number|no\.?)"),
    "issuer": re.compile(
        r"(哪个|哪一?家|什么|哪级)(单位|部门|机关|政府)\S{0,4}(印发|发布|发文|制定|下发|发的|发出)|发文(机关|单位)|发布(单位|机关)|由谁(印发|发布)|谁(印发|发布)的"
        r"|\bwho\s+(issued|published|released)\b|\bissued\s+by\b|\bwhich\s+\w+\s+(issued|published)\b|\bissuing\s+(body|authority|office|department)\b|\bissuer\b"
    ),
    "recipients": re.compile(r"主送|下发给|印发给|发给哪些|发送给|发至|\baddressed\b|\brecipients?\b|\bsent\s+to\b"),
    "title": re.compile(r"标题|题目|全称|文件名|\b(full\s+)?title\b|\bfull\s+name\b"),
    # a web page's own labelled lines: where it comes from, who edited or wrote it
    "source": re.compile(r"来源|出处|转载自|\bsource\b|\bwhere\b.*\b(?:come|comes|came|taken)\s+from\b"),
    "editor": re.compile(r"编辑|\beditor\b|\bedited\b"),
    "author": re.compile(r"作者|撰稿|\bauthor\b|\bwho\s+wrote\b|\bwritten\s+by\b"),
}
# What a notice says it implements (根据/依据/按照《…》), asked without naming the document: 依据哪个文件, based on
# what.
BASIS = re.compile(
    r"(?:根据|依据|依照|按照|落实|贯彻)\S{0,4}(?:哪|什么|啥)\S{0,4}(?:文件|方案|纲要|意见|通知|规定|政策|精神|文)"
    r"|(?:根据|依据|依照|按照)\S{0,4}(?:哪|什么|啥)\S{0,8}(?:制定|出台|印发|编制)|制定依据|依据是什么|上位文件|上级文件"
    r"|(?:照着|参照|对照|比照|仿照|照搬)\S{0,6}(?:哪|什么|啥)\S{0,4}(?:文件|方案|通知|意见|文)"
    r"|\bbased\s+on\b|\b(?:legal|policy)\s+basis\b|\bon\s+what\s+basis\b|\bwhat\s+is\s+the\s+basis\b"
    r"|\b(?:which|what)\s+(?:\w+\s+){0,3}(?:document|plan|opinions?|policy|regulation|circular)s?\b.*\bimplement(?:s|ing)?\b"
    r"|\b(?:upper|higher)[- ]level\s+(?:document|policy|plan)|\bparent\s+(?:document|policy)\b|\bpursuant\s+to\b"
)
# "What Shaanxi measures does Weinan cite?": the documents it rests on, when nothing narrows which ("which document on
# enforcement quality does it cite", "… cite for the township plan" ask the passage on that topic).
CITES_BASIS = re.compile(
    r"\b(?:which|what)\s+(?:\w+\s+){0,3}(?:document|plan|opinions?|policy|regulation|circular|measures|rules)s?\b"
    r".*\b(?:cites?|cited|follows?)\b"
)
CITES_TOPIC = re.compile(r"\b(?:on|about|for|regarding|concerning|in)\s+(?!its\b|the\s+notice\b)\w+", re.I)
# A question about another document a notice rests on ("依据的《…》文号", "which Luoyang document is it based on")
# asks about the notice's text, not about the notice itself.
REFERENCED = re.compile(r"根据|依据|依照|按照|落实|贯彻|《|\bbased\s+on\b|\brefers?\b|\bcites?\b|\bimplements?\b")

TASK_NOUN = re.compile(
    r"\btasks?\b|\bitems?\b|\bproblems?\b|\bindicators?\b|\bpoints?\b|\bmeasures?\b|\bwhich\b"
    r"|任务|事项|问题|指标|工作|要点|举措|措施|哪些|哪几"
)

DUE_CUES = (
    "到期",
    "截止",
    "之前完成",
    "前完成",
    "due by",
    "due before",
    "due in",
    "deadline in",
    "deadline by",
    "deadline is",
    "底前",
    "no later than",
    "on or before",
    "before the end of",
    "by the end of",
)
DEADLINE_NAMED = re.compile(r"deadline|完成时限|时限|期限|完成时间")  # "whose deadline mentions 2024年12月"
DUE_WORDS = re.compile(r"due|前|截止|到期|\bby\b|\bbefore\b|\buntil\b|\bno later than\b")
BY_DATE = re.compile(r"\bby\b|before|no later than|not later than|之前|以前|前")  # on or before, not in that month
COUNT_CUES = re.compile(
    # 那几个问题 points at rows, it does not count them
    r"(?<![第那这])(多少|几)\s*(项|个|条|份)?\s*(存在问题|任务|问题|指标|事项|要点|工作(?!日))"
    r"|(?<![第那这])(多少|几)\s*(项|条)(?!\S*学时)"
    r"|how many\s+(?:of\s+)?(?:the\s+|these\s+|those\s+)?(?:[\w'’]+\s+){0,3}?"
    r"(tasks|items|problems|indicators|points|measures)"
    r"|number of (tasks|items|problems|indicators)"
)


@dataclass(frozen=True)
class Lexicon:
    fields: dict[str, list[str]]
    terms: dict[str, str]
    places: dict[str, str]
    deadlines: dict[str, str]  # long-term -> 长期: deadlines the tables write in words


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = tomllib.loads((DATA / "bilingual.toml").read_text("utf-8"))
    return Lexicon(with_headers(data["fields"]), data["terms"], data["places"], data["deadlines"])


COLUMNS = ("lead", "responsible", "deadline", "materials")  # content headers (任务, 指标) name no column asked


def with_headers(fields: dict[str, list[str]]) -> dict[str, list[str]]:
    """The field cues with the column headers the index reads tables by (时间节点, 主责单位, 佐证材料…): a question
    may name a column as the notices head it."""
    roles = tomllib.loads(ROLES_FILE.read_text("utf-8"))
    return {
        name: [*cues, *(h for h in roles[name]["names"] if len(h) >= 2 and h not in cues)] if name in COLUMNS else cues
        for name, cues in fields.items()
    }


def detect_lang(text: str) -> str:
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "zh" if cjk * 3 >= latin else "en"


INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")  # zero-width, bidi, soft hyphen
SURROGATE = re.compile(r"[\ud800-\udfff]")


def check_question(text: str, limit: int) -> str:
    """The question stripped of invisible characters (第1\u200b7项 is item 17, not item 1); EmptyQuestion,
    QuestionTooLong or BadQuestion (a lone surrogate, which no encoding can carry) before any work is done."""
    if SURROGATE.search(text or ""):
        raise BadQuestion("The question is not valid text (a lone UTF-16 surrogate). / 问题含有无效字符。")
    stripped = INVISIBLE.sub("", text or "").strip()
    if not stripped:
        raise EmptyQuestion()
    if len(stripped) > limit:
        raise QuestionTooLong(len(stripped), limit)
    return stripped


# A bare number right after a notice's name is an item of it: 昌江32项, 柞水19条, 陵川县十七项, Zhashui 7. A digit
# must not run on into a date, amount or count (柞水2024年, 柞水县3个工作日, 陵川2人); a Chinese numeral must be
# followed by 项/条/号/点 (陵川三级指标 is no item 3).
AFTER_NAME_ZH = (
    rf"(?:{{names}})[县区市]?(?:的)?\s*(?:(\d{{{{1,3}}}})(?![\d.．%年月日个名人次期件家天周时分万亿元倍岁届批种类])(?:\s*[项条号点])?"
    rf"|([{CN}]{{{{1,4}}}})\s*(?:项|条|号|点))"
)
AFTER_NAME_EN = (
    r"\b(?:{names})(?:\s+(?:county|district|city))?(?:'s)?(?:\s+list)?\s*(?:#|no\.?|number)?\s*(\d{{1,3}})\b"
    r"(?![.,]?\d|\s*(?:%|percent|years?|months?|days?|hours?|people|units|notices?))"
)


@lru_cache(maxsize=8)
def after_name(names: tuple[str, ...]) -> tuple[re.Pattern[str], str] | None:
    """The pattern of a number written right after one of the notices' names."""
    zh = "|".join(re.escape(n) for n in sorted((n for n in names if not n.isascii()), key=len, reverse=True))
    en = "|".join(re.escape(n) for n in sorted((n for n in names if n.isascii()), key=len, reverse=True))
    parts = ([AFTER_NAME_ZH.format(names=zh)] if zh else []) + ([AFTER_NAME_EN.format(names=en)] if en else [])
    return (re.compile("|".join(parts), re.I), "named") if parts else None


def find_numbers(text: str, names: Sequence[str] = ()) -> tuple[tuple[int, ...], str | None]:
    """The item numbers a question names, and the label family the first was written in; `names` are the notices'
    names, after which a bare number may be an item (柞水19条: style "named", kept when the question asks about it)."""
    numbers, style, _ = _scan_numbers(text, names)
    return numbers, style


def without_numbers(text: str, names: Sequence[str] = ()) -> str:
    """The question with the items it names by number blanked out (第四十七项, No. 47, indicator 7): what is left is
    what it asks about them."""
    return _scan_numbers(text, names)[2]


EN_ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
EN_CARDINALS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
# A stage picked by its place (第三个阶段, the fourth phase, stage 2): a stage of a plan, never an item number.
# The k-th point of a set a notice names in its prose (七个一活动第三个, “三个一批”的第二个): a point of that list, not
# item k of the notice's table.
POINT_ORDINAL = re.compile(
    r"(?:[“\"‘'][^”\"’']{1,10}[”\"’']|[一二两三四五六七八九十]个[一二三四五六七八九十])[^第，,。？?]{0,6}?"
    r"第\s*[一二三四五六七八九十\d]{1,2}\s*[个条点项]"
)
STAGE_ORDINAL = re.compile(
    r"第\s*(?P<zh>[一二三四五六七八九十]|\d{1,2})\s*个?\s*(?:阶段|步骤|环节)"
    rf"|\b(?:the\s+)?(?P<en>{'|'.join(EN_ORDINAL_WORDS)}|\d{{1,2}}(?:st|nd|rd|th))\s+(?:phase|stage|step)\b"
    rf"|\b(?:phase|stage|step)\s+(?P<after>\d{{1,2}}|{'|'.join(EN_CARDINALS)})\b(?!\s*(?:of|in)\s+(?:item|task))"
    r"|(?P<last>最后一?个?\s*(?:阶段|步骤|环节)|\b(?:the\s+)?(?:last|final)\s+(?:phase|stage|step)\b)",
    re.I,
)


def stage_ordinal(text: str) -> tuple[int, re.Match[str]] | None:
    """The place of the stage a question picks by number (第三个阶段 -> 3; the last one -> -1), with where it is
    written; None if none."""
    m = STAGE_ORDINAL.search(text)
    if m is None:
        return None
    if m.group("last"):
        return -1, m
    raw = (m.group("zh") or m.group("en") or m.group("after")).lower()
    if raw in EN_ORDINAL_WORDS:
        return EN_ORDINAL_WORDS.index(raw) + 1, m
    if raw in EN_CARDINALS:
        return EN_CARDINALS.index(raw) + 1, m
    return cn_to_int(re.sub(r"(?:st|nd|rd|th)$", "", raw)), m


def _blank(m: re.Match[str]) -> str:
    """A matched span as spaces: its text gone, the positions around it kept."""
    return " " * len(m.group(0))


def _scan_numbers(text: str, names: Sequence[str]) -> tuple[tuple[int, ...], str | None, str]:
    numbers: list[int] = []
    style: str | None = None
    masked = PART.sub(_blank, STAGE_ORDINAL.sub(_blank, text))  # sections and stages are never items
    masked = POINT_ORDINAL.sub(_blank, masked)  # nor the points of a named set (“七个一”的第四个)
    named = after_name(tuple(n for n in names if len(n) >= 2))
    for pattern, kind in NUMBER_PATTERNS + ([named] if named else []):
        for m in pattern.finditer(masked):
            raw = next((g for g in m.groups() if g), None)
            if raw is None:
                continue
            try:
                n = cn_to_int(raw)
            except ValueError:
                continue
            if 0 < n <= 300 and n not in numbers:
                numbers.append(n)
                style = style or kind
            end = m.end()
            if raw.isdigit() and (more := MORE_NUMBERS.match(masked, end)):  # problems 7 and 10, items 3, 5 and 9
                numbers += [k for k in map(int, re.findall(r"\d+", more.group(0))) if 0 < k <= 300 and k not in numbers]
                end = more.end()
            masked = masked[: m.start()] + " " * (end - m.start()) + masked[end:]
    return tuple(numbers), style, masked


# More numbers after a numbered item, joined to it: "problems 7 and 10", "items 3, 5 and 9", 第3、5项.
MORE_NUMBERS = re.compile(
    r"(?:\s*(?:,|，|、|\band\b|&|\bor\b|和|及|与)\s*\d{1,3}(?![\d%.]|\s*(?:年|月|日|%|个|人|天|days?|years?|people|persons|times|hours)))+",
    re.I,
)


# Words that ask for a row's text even beside another field: "具体要干啥，完成时限呢", "what's it about and when is it
# due". A bare "是什么"/"what is" beside a field asks for that field ("完成时限是什么"), not the text.
STRONG_CONTENT = re.compile(
    r"内容|举措|措施|要求|做什么|干什么|干啥|做啥|干嘛|[讲说写](?:了|的)?(?:是|些)?(?:什么|啥)|具体是|具体要|目标|content|measure|require|\btargets?\b|\bgoals?\b"
    r"|\bwhat(?:'s|\s+is|\s+was|\s+are|\s+does)\b(?!\s+about\b)[^?？]{0,60}?\b(?:about|say|says|cover|covers|involve)\b",
    re.I,
)


WHICH_DOES = r"(?:哪个|哪些|哪家|哪几个|什么)(?:单位|部门|机构|机关)?(?:来|在)?负责"  # 哪个单位负责: who does it
UNIT_QUESTION = frozenset(
    {
        "which units",
        "which departments",
        "which unit",
        "which department",
        "what unit",
        "from which unit",
        "哪些单位",
        "哪些部门",
    }
)  # ask units, name no column


@lru_cache(maxsize=1024)
def cue_pattern(cue: str) -> re.Pattern[str]:
    """A field cue as a pattern, built once: an English word (in the plural too), or Chinese as written."""
    return re.compile(rf"\b{re.escape(cue)}(?:s|es)?\b" if cue.isascii() else re.escape(cue))


# "when" asking a time: opening the question or a clause of it, or before its verb (when must it be done).
ASKS_WHEN = re.compile(
    r"(?:^|[,;:?!.—-]\s*|\b(?:and|by|so|but|or|then|also)\s+)when\b"
    r"|\bwhen\s+(?:is|are|was|were|must|should|do|does|did|will|would|can|has|have|shall)\b"
)


def find_fields(text: str) -> tuple[str, ...]:
    """The row fields a question asks for, in the order it asks them (具体要干啥，完成时限呢 -> content, deadline)."""
    low = text.lower()
    at: dict[str, float] = {}  # field -> where the question first asks for it
    by: dict[str, str] = {}  # field -> the cue that asked it
    for name, cues in lexicon().fields.items():
        for cue in cues:
            # an English cue in the plural too: their deadlines, the lead units
            m = cue_pattern(cue).search(low if cue.isascii() else text)
            if m and m.start() < at.get(name, len(text) + 1):
                at[name], by[name] = m.start(), cue
    if "lead" in at and by.get("responsible") in UNIT_QUESTION:
        del at["responsible"]  # "which departments lead it" / 哪些部门牵头 asks the lead units only
    if by.get("deadline") == "when" and not ASKS_WHEN.search(low):
        del at["deadline"]  # "what form is used when devolving powers": a clause, not "when is it due"
    if (strong := STRONG_CONTENT.search(text)) and strong.start() < at.get("content", len(text) + 1):
        at["content"] = strong.start()

    def part_of(at_: float) -> int:  # which sentence of the message (split at ？ and ；) a position falls in
        return len(PART_END.findall(text[: int(at_)]))

    alone = "content" in at and all(part_of(at[f]) != part_of(at["content"]) for f in at if f != "content")
    if "content" in at and len(at) > 1 and not strong and not alone:
        del at["content"]  # "完成时限是什么" asks for the deadline, not the content (第25条是啥？责任单位？ asks both)
    # "who is responsible for task 5" asks who does it: the lead where there is one, else the responsible units
    who = re.search(r"\bwho\b|由谁|谁负责|" + WHICH_DOES, low)
    if who and "responsible" in at and "lead" not in at:
        at["lead"] = at["responsible"] - 0.5
    elif who and at and "lead" not in at and "responsible" not in at:
        # "由谁负责？什么时候完成？" / "who handles it and by when": the who-part is a field of its own, not dropped
        at["lead"], at["responsible"] = who.start(), who.start() + 0.5
    if not at and (who := re.search(r"\bwho\b|谁|" + WHICH_DOES, low)):
        at = {"lead": who.start(), "responsible": who.start() + 0.5}
    return tuple(sorted(at, key=at.__getitem__))


@dataclass(frozen=True)
class NameIndex:
    """Every name of every notice, built once per corpus: one regex over the Latin names, maps from each Chinese
    name and each title tail to its notices (looked up by the lengths they come in), and the aliases a bare item
    number may follow. A question is matched against it in time independent of how many notices there are (Python's
    regex cache holds 512 patterns: a pattern per alias thrashed it past ~200 notices)."""

    latin: re.Pattern[str] | None
    latin_docs: dict[str, tuple[str, ...]]
    cjk: dict[str, tuple[str, ...]]  # name -> notices, matched by substring
    cjk_lengths: tuple[int, ...]
    tails: dict[str, tuple[str, ...]]  # a title's last 12 characters (8 to 12 of them) -> notices
    tail_lengths: tuple[int, ...]
    order: dict[str, int]
    aliases: tuple[str, ...]  # every notice's aliases, for find_numbers

    @classmethod
    def of(cls, notices: Sequence[Notice]) -> NameIndex:
        latin: dict[str, list[str]] = {}
        cjk: dict[str, list[str]] = {}
        tails: dict[str, list[str]] = {}
        for n in notices:
            names = [a for a in n.aliases if len(a) >= 2] + [n.doc_id]
            if n.doc_number:
                names += [n.doc_number, n.doc_number.rstrip("号")]
            for name in names:
                target = latin.setdefault(name.lower(), []) if name.isascii() else cjk.setdefault(name, [])
                if n.doc_id not in target:
                    target.append(n.doc_id)
            if len(n.title) >= 8:
                tails.setdefault(n.title[-12:], []).append(n.doc_id)
        words = sorted(latin, key=len, reverse=True)
        pattern = re.compile(rf"(?<![a-z])({'|'.join(map(re.escape, words))})(?![a-z])") if words else None
        return cls(
            pattern,
            {k: tuple(v) for k, v in latin.items()},
            {k: tuple(v) for k, v in cjk.items()},
            tuple(sorted({len(k) for k in cjk})),
            {k: tuple(v) for k, v in tails.items()},
            tuple(sorted({len(k) for k in tails})),
            {n.doc_id: i for i, n in enumerate(notices)},
            tuple(a for n in notices for a in n.aliases),
        )

    def named(self, text: str) -> tuple[set[str], set[str]]:
        """The notices a question names by a name, and those it names only by a title tail."""
        low, squashed = text.lower(), re.sub(r"\s+", "", text)
        hits: set[str] = set()
        if self.latin is not None:
            for m in self.latin.finditer(low):
                hits.update(self.latin_docs[m.group(1)])
        hits |= _substrings(squashed, self.cjk, self.cjk_lengths, whole_numbers=True)
        return hits, _substrings(squashed, self.tails, self.tail_lengths) - hits


def _substrings(
    text: str, table: dict[str, tuple[str, ...]], lengths: Sequence[int], *, whole_numbers: bool = False
) -> set[str]:
    """The notices of every key of `table` (its keys come in `lengths`) that occurs in `text`: O(len(text)), not
    O(keys). With `whole_numbers` a key ending in a digit must not run on into one (〔2024〕2 is not 〔2024〕25号)."""
    found: set[str] = set()
    for size in lengths:
        for i in range(len(text) - size + 1):
            docs = table.get(text[i : i + size])
            if docs and not (
                whole_numbers and text[i + size - 1].isdigit() and text[i + size : i + size + 1].isdigit()
            ):
                found.update(docs)
    return found


_NAME_INDEX: dict[tuple[tuple[str, str], ...], NameIndex] = {}
_NAME_LOCK = threading.Lock()


def name_index(notices: Sequence[Notice]) -> NameIndex:
    """The index of `notices`, built on first use and kept for that corpus (its notices' ids and hashes)."""
    key = tuple((n.doc_id, n.sha256) for n in notices)
    index = _NAME_INDEX.get(key)
    if index is None:
        index = NameIndex.of(notices)
        with _NAME_LOCK:
            while len(_NAME_INDEX) >= 4:  # a few corpora at once (tests, an upload's rebuild)
                _NAME_INDEX.pop(next(iter(_NAME_INDEX)))
            _NAME_INDEX[key] = index
    return index


def find_notices(text: str, notices: list[Notice], *, by_year: bool = True) -> tuple[str, ...]:
    """Notices the question names by region (中文 or pinyin), 文号, doc_id or title; else by a year only one has."""
    index = name_index(notices)
    named, by_title = index.named(text)
    hits = sorted(named, key=index.order.__getitem__)
    if len(by_title) == 1:  # a title tail several notices share names none of them
        hits.extend(by_title)
    if not hits and by_year:
        years = set(YEAR.findall(text))
        for year in years:
            dated = [n.doc_id for n in notices if n.date and n.date.startswith(year)]
            if len(dated) == 1 and len(notices) > 1:
                hits.extend(dated)
    return tuple(dict.fromkeys(hits))


GENERIC_PLACES = {
    "本县",
    "全县",
    "我县",
    "各县",
    "本市",
    "全市",
    "我市",
    "各市",
    "本区",
    "全区",
    "我区",
    "各区",
    "县区",
    "市县",
    "区县",
}
PLACE_SUFFIX = ("省", "市", "县", "区", "州", "旗", "镇", "乡")


def find_foreign_places(text: str, notices: list[Notice]) -> tuple[str, ...]:
    """Places a question names that no loaded notice is from: 镇安县, Shangluo City."""
    names: list[set[str]] = []  # every notice's names, gathered only when the question has a place word to check

    def known() -> set[str]:
        if not names:
            names.append({a.lower() for n in notices for a in n.aliases} | {(n.region or "") for n in notices})
        return names[0]

    out = []
    for word, flag in tagged_words(text):
        if flag == "ns" and len(word) >= 3 and word.endswith(PLACE_SUFFIX) and word not in GENERIC_PLACES:
            stem = word[:-1]
            known_zh = (k for k in known() if k and not k.isascii())
            if not any(stem in k or k in word for k in known_zh) and "省" not in word:
                out.append(word)
    for m in re.finditer(r"\b([A-Z][a-z]+)(?:\s+|-)(City|County|District|Prefecture|Province)\b", text):
        if m.group(1).lower() not in known() and m.group(2) != "Province":
            out.append(m.group(0))
    for place in foreign_places(text, notices):  # China's counties and cities, in either script
        if not any(place in o or o in place for o in out):
            out.append(place)
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class UnitNames:
    """The units find_units looks for, longest first, and their cores (司法局 of 县司法局), longest first."""

    longest: tuple[str, ...]
    cores: tuple[str, ...]

    @classmethod
    def of(cls, units: Sequence[str]) -> UnitNames:
        cores = {re.sub(r"^[县区市]", "", u) for u in units if len(u) >= 4}
        return cls(
            tuple(u for u in sorted(units, key=len, reverse=True) if len(u) >= 3),
            tuple(c for c in sorted(cores, key=len, reverse=True) if len(c) >= 3),
        )


def find_units(text: str, units: Sequence[str] | UnitNames) -> tuple[str, ...]:
    """Units named in a question, longest first; English unit words go through the bilingual map."""
    names = units if isinstance(units, UnitNames) else UnitNames.of(units)
    probe = re.sub(r"\s+", "", text)
    low = text.lower()
    for en, zh in lexicon().terms.items():
        if re.search(rf"\b{re.escape(en)}\b", low):
            probe += " " + zh
    found = [u for u in names.longest if u in probe]
    if not found:  # 司法局 names every 县/区/市司法局
        found = [c for c in names.cores if c in probe]
    out: list[str] = []
    for u in found:
        if not any(u in o for o in out):
            out.append(u)
    return tuple(out)


# A stretch of a year a deadline may fall in: 2024年上半年, 第一季度, the first half of 2024, Q3 2024.
PERIOD_ZH = re.compile(r"(\d{4})\s*年\s*(?:的)?\s*(上半年|下半年|第?[一二三四1-4]\s*季度)")
PERIOD_EN = re.compile(
    r"\b(?:(first|second)\s+half|h([12])|(first|second|third|fourth)\s+quarter|q([1-4]))\s*(?:of\s+)?(20\d{2})\b", re.I
)
# A whole year a deadline falls in: 2024年内完成, due in 2024 ("2024年底" is a month, read as a date).
# 完成时限在2024年, 期限是2025年: a deadline in a whole year (not 2024年3月, 2024年底, 2024年上半年)
DEADLINE_YEAR_ZH = re.compile(
    r"(?:时限|期限|截止|到期)\S{0,3}?(?:在|是|为|于)\s*(\d{4})\s*年(?!\s*\d|底|末|上半年|下半年|第)"
)
YEAR_ZH = re.compile(r"(\d{4})\s*年\s*(?:内|以内|之内|全年|当年|度内|(?=(?:完成|到期|截止)))")
YEAR_EN = re.compile(
    r"\b(?:due|deadlines?|complet\w*|finish\w*|done|ends?)\s+(?:\w+\s+)?(?:in|during|within)\s+(?:the\s+year\s+)?"
    r"(20\d{2})\b|\b(20\d{2})\s+(?:deadlines?|due\s+dates?)\b",
    re.I,
)
QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "一": 1, "二": 2, "三": 3, "四": 4}


def find_period(text: str) -> str | None:
    """A half-year or quarter a list question filters deadlines by, written as the notices would: 2024年上半年."""
    if m := PERIOD_ZH.search(text):
        span = re.sub(r"\s+|第", "", m.group(2))
        quarter = span.removesuffix("季度")
        if quarter in QUARTERS or quarter.isdigit():
            span = f"第{'一二三四'[int(QUARTERS.get(quarter, quarter)) - 1]}季度"
        return f"{m.group(1)}年{span}"
    if m := PERIOD_EN.search(text):
        half, h, quarter, q, year = m.groups()
        if half or h:
            return f"{year}年{'上' if (half or '').lower() == 'first' or h == '1' else '下'}半年"
        n = QUARTERS[quarter.lower()] if quarter else int(q)
        return f"{year}年第{'一二三四'[n - 1]}季度"
    if m := YEAR_ZH.search(text) or DEADLINE_YEAR_ZH.search(text) or YEAR_EN.search(text):
        return f"{m.group(1) or m.group(2)}年全年"
    return None


def find_due(text: str) -> str | None:
    if m := DUE_DATE.search(text):
        return re.sub(r"\s+", "", m.group(1))
    months = {
        m: i
        for i, m in enumerate(
            (
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ),
            1,
        )
    }
    if day := english_day(text):
        return day
    if m := re.search(r"\b(?:end of\s+)?(" + "|".join(months) + r")\s+(20\d{2})\b", text, re.I):
        return f"{m.group(2)}年{months[m.group(1).lower()]}月"
    return None


MONTH_ABBR = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH_EN = r"(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
DAY_EN = r"(\d{1,2})(?:st|nd|rd|th)?"
# July 1, 2024 / 1 July 2024 / 31 Dec 2024: a day a deadline falls by
ENGLISH_DAY = re.compile(rf"\b{MONTH_EN}\s+{DAY_EN},?\s+(20\d{{2}})\b|\b{DAY_EN}\s+{MONTH_EN},?\s+(20\d{{2}})\b", re.I)


def english_day(text: str) -> str | None:
    """The month a deadline filter written as an English day means, as the notices write deadlines (2024年6月底前):
    by July 1, 2024 and before July 1, 2024 are the end of June; by 31 Dec 2024 is December."""
    m = ENGLISH_DAY.search(text)
    if m is None:
        return None
    month, day, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
    y, mo = int(year), MONTH_ABBR.index(month.lower()[:3]) + 1
    if int(day) == 1:  # the first of a month: what is due by then is due by the end of the month before
        y, mo = (y - 1, 12) if mo == 1 else (y, mo - 1)
    return f"{y}年{mo}月"


def deadline_word(low: str, literals: list[str]) -> str | None:
    """The deadline an English question names in words (long-term -> 长期), when some row's deadline says it."""
    return next(
        (
            zh
            for en, zh in lexicon().deadlines.items()
            if re.search(rf"\b{re.escape(en)}\b", low) and any(zh in d for d in literals)
        ),
        None,
    )


SECTION_NOUNS_ZH = r"方面|部分|板块|大块|块|大类|类别|一级指标|二级指标|篇章|章节"
SECTION_COUNT = re.compile(
    rf"(?:多少|几)\s*(?:个|大|项)?\s*(?P<zh>{SECTION_NOUNS_ZH})"
    # 一级指标有几个, 部分共有多少个: the noun before the count
    r"|(?P<zh_first>一级指标|二级指标|方面|部分|板块|大类|类别)\s*(?:一共|总共|共)?\s*(?:有|是)?\s*(?:多少|几)\s*个"
    r"|how many\s+(?:\w+\s+){0,2}?(?P<en>areas|aspects|parts|sections|categories|themes|chapters|headings"
    r"|(?:first|second|top)[- ]level\s+\w+)\b"
)


def section_word(m: re.Match[str]) -> str:
    """The asker's word for the groups a SECTION_COUNT or SECTION_LIST match names: 方面, 一级指标, areas."""
    word = next(g for g in (m.groupdict().get(k) for k in ("zh", "zh_first", "en")) if g)
    return "部分" if word in ("块", "大块") else word  # 分几大块: parts, not "6个块"


CN_ORDINAL = r"[一二三四五六七八九十]+"
# A top-level section by its ordinal: 第五部分, 第四个一级指标, section 三, category 5 (五), the fourth first-level
# indicator, "七、…". Never an item number.
PART_ORDINAL = re.compile(
    rf"第\s*({CN_ORDINAL}|\d+)\s*个?\s*大?(?:部分|大项|板块|章|方面|类|块|类别|一级指标)"
)  # never an item
PART_NOUN_EN = r"(?:section|part|chapter|area|category|(?:first|top)[- ]level\s+(?:indicator|heading|category|item)s?)"
PART = re.compile(  # re.I: "Section 3" as "section 3"
    PART_ORDINAL.pattern + rf"|\b{PART_NOUN_EN}\s+(\d+|[ivx]+|{CN_ORDINAL})(?:\s*[（(]\s*(?:{CN_ORDINAL}|\d+)\s*[）)])?"
    r"(?![\w.])(?!\s*(?:of\s+)?(?:task|item|indicator|problem))"
    rf"|\b(?:the\s+)?({'|'.join(EN_ORDINAL_WORDS)}|\d{{1,2}}(?:st|nd|rd|th))\s+{PART_NOUN_EN}\b"
    rf"|(?:^|[\s，,（(“\"「『])({CN_ORDINAL})、",
    re.I,
)
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}


def find_part(text: str) -> int | None:
    """第五部分, section 7, part 三, the fourth first-level indicator, "七、…": the top-level section of a task table a
    question picks by its ordinal."""
    m = PART.search(text.lower())
    if not m:
        return None
    word = next(g for g in m.groups() if g)
    if word in EN_ORDINAL_WORDS:
        return EN_ORDINAL_WORDS.index(word) + 1
    word = re.sub(r"(?<=\d)(?:st|nd|rd|th)$", "", word)
    if word.isdigit():
        return int(word)
    return ROMAN[word] if word in ROMAN else cn_to_int(word)


# The name of a section asked (第四个一级指标是什么, what's section 3 called), not its rows.
HEADING_ASKED = re.compile(
    r"叫什么|名称|名字|标题|题目|(?<!讲的)(?<!说的)(?<![讲说])是什么(?!内容)|是哪个|是啥|\bcalled\b|\btitled?\b|\bheading\b|\bname\b"
    r"|\bwhat(?:'s|\s+is)\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:section|part|category|indicator|heading)\b"
    r"|\bwhat(?:'s|\s+is)\s+(?:it|that)\b"
)
ABOUT_PART = re.compile(r"\babout\b|\bcover|讲|说的|内容|涉及|包括|包含")  # what a section is about: its rows
# Which section an item sits in: 第10项属于哪个部分, which section is item 10 under, what category does task 4 fall in.
SECTION_OF_ITEM = re.compile(
    rf"(?:属于|在|归|隶属)\s*(?:哪|什么)\s*(?:一|个)?\s*(?:大)?(?:{SECTION_NOUNS_ZH}|类|章)"
    rf"|(?:哪|什么)\s*(?:一|个)?\s*(?:大)?(?:{SECTION_NOUNS_ZH}|类)\s*(?:下|里|中|之下)"
    r"|\b(?:which|what)\s+(?:\w+\s+)?(?:section|part|category|heading|chapter|area|first[- ]level\s+indicator)\b"
    r"(?!s)"
)


DISTINCT_CUE = re.compile(
    r"去重|不重复|不同的|各不相同|no repeats?|without repeat|\bdistinct\b|\bdifferent\b|\bunique\b"
)
# Weaker: "责任单位有哪些" asks the units of the whole column only when it points at no row (那一条，责任单位有哪些 asks
# one row's) and asks nothing about the notice itself (主送哪些单位 asks its recipients).
COLUMN_UNITS = re.compile(
    r"(?:牵头|责任|负责)(?:单位|部门)\S{0,4}(?:有|是)哪些|哪些(?:牵头|责任|负责)?(?:单位|部门)"
    r"|\bwhich\s+(?:\w+\s+)?(?:units|departments|agencies|bodies)\b"
)
UNIT_NOUN = re.compile(r"单位|部门|\b(?:units?|departments?|agencies|bodies)\b")


def find_distinct(low: str, fields: tuple[str, ...], *, about_row_or_notice: bool = False) -> str | None:
    """lead | responsible when a question asks for the units of a column, each once (宜阳的牵头单位有哪些（去重）,
    every distinct lead unit): the column named, lead when it names none; None when it asks something else."""
    cue = DISTINCT_CUE.search(low) or (COLUMN_UNITS.search(low) and not about_row_or_notice)
    if not (cue and UNIT_NOUN.search(low)):
        return None
    named = [f for f in fields if f in ("lead", "responsible")]
    if not named:
        return None
    return named[0]


# The groups themselves asked for: 有哪几个方面, 分为哪些部分, list the category headings, what are the eight areas.
SECTION_LIST = re.compile(
    r"(?:哪几|哪些)\s*(?:个|大|项)?\s*(?P<zh>方面|部分|板块|大类|类别|一级指标|二级指标|篇章|章节)"
    r"|\b(?:list|name|what\s+are|which\s+are|give)\s+(?:me\s+)?(?:all\s+)?(?:the\s+)?(?:\w+\s+){0,2}?"
    r"(?P<en>areas|aspects|categories|category\s+headings|section\s+headings|headings|themes|chapters"
    r"|(?:first|second|top)[- ]level\s+\w+)\b"
)


def find_section_level(text: str) -> int | None:
    """For "分为几个方面", "有多少个二级指标", "how many areas", "list the eight areas": which level of the notice's
    grouping is counted or listed."""
    m = SECTION_COUNT.search(text.lower()) or SECTION_LIST.search(text.lower())
    if not m:
        return None
    word = section_word(m)
    return 2 if "二级" in word or "second" in word else 1


MENTION_ZH = re.compile(
    r"[“\"「『]([^”\"」』]{2,12}|[一二三四五六七八九十]+、[^”\"」』]{2,30})[”\"」』]|(?:涉及|提到|提及|包含|含有|写有|要求|要报|需报|需要报|要提供|需提供|需要提供|要交|需交)"
    r"(?:(?:\d+|[一二三四五六七八九十两]+)[件个份项条篇次])?([\u4e00-\u9fff\w]{2,10}?)(?:的|？|\?|$)"
    r"|(?:跟|与|和|同)([\u4e00-\u9fff]{2,10}?)(?:有关|相关)"  # 哪些跟突发事件有关
)
ITEM_KIND = re.compile(
    r"否决项|加分项|存在问题|[一二三]级指标|评价指标|指标|任务|问题|事项|要点|举措|工作要点|任务清单"
)
EN_ITEMS = r"\b(?:tasks?|items?|problems?|indicators?|points?|measures?)\b"
ITEM_NOUN = re.compile(EN_ITEMS + r"|任务|事项|问题|指标|要点|举措")


def find_mentions(text: str, lang: str) -> tuple[str, ...]:
    """The words a question about which items say something filters by: the Chinese quoted in an English question
    ("an on-site check (实地核查)"), or in a Chinese one what is quoted or follows 涉及/提到/包含."""
    found = (
        re.findall(r"[\u4e00-\u9fff]{2,12}", text)
        if lang == "en"
        else [next(g for g in groups if g) for groups in MENTION_ZH.findall(text)]
    )
    return tuple(dict.fromkeys(w for w in found if not ITEM_KIND.fullmatch(w)))  # "veto items (否决项)" names a kind


# "only 县司法局", 光是区司法局一家: the unit filter must be the whole column, not one unit in it.
ONLY = re.compile(
    r"只有|只由|仅有|仅由|仅为|光是|单独|独自|一家|唯一|\bonly\b|\bsolely\b|\balone\b|\bsole\b|\bexclusively\b", re.I
)
# A count that also asks for its rows: 有几项，分别是哪些 / how many, and which ones?
WHICH_TOO = re.compile(
    r"哪些|哪几|哪一些|分别是|是哪|\bwhich\s+(?:ones|are\s+they|of\s+them)\b|\b(?:list|name)\s+them\b"
    r"|\bwhat\s+are\s+they\b|\bwhich\s+(?:tasks|items|problems|indicators|points|measures)\b"
    r"|(?:,|;|\band)\s*which(?:\s+(?:ones?|ones\s+are\s+they))?\s*[?？.]?\s*$|[，,]\s*(?:是)?哪(?:些|几)",
    re.I,
)


EITHER_WAY = re.compile(
    r"\bor\s+(?:jointly|together|with others)\b|单独或|或(?:共同|联合|与其他)", re.I
)  # alone or jointly


NEGATION_ZH = re.compile(r"不是|不为|并非|没有|不含|不包括|不包含|不由|不属于|不只|不单|以外的?|之外的?")
NEGATION_EN = re.compile(
    r"\bnot\b|n't\b|\bwithout\b|\bother than\b|\bexcept\b|\bexcluding\b|\bapart from\b|\bbesides\b", re.I
)
NEGATION_WINDOW = {
    "zh": 4,
    "en": 32,
}  # how far before the value a negation may stand: 没有县司法局, not led by 县司法局


# A negation just after a unit, before the role it denies: 县司法局不牵头, 县司法局不在牵头单位中, 县司法局 is not a
# lead unit.
NEGATED_AFTER = {
    "zh": re.compile(
        r"^(?:都|均|并|也)?(?:不是|不在|并非|没有|没|不|未)(?:作为|担任|是)?(?:牵头|负责|参与|承担|责任|配合)"
        # 跟县司法局一点关系都没有, 与县司法局无关
        r"|^(?:一点|半点|任何|什么)?(?:关系|关联|瓜葛)(?:都|也)?(?:没有|没|无)|^(?:都|也)?(?:没有|没|无|不)(?:关系|关联|相干|沾边)"
        r"|^(?:无关|不相关|不沾边)"
    ),
    "en": re.compile(
        r"^\s*(?:is|are|does|do|was|were)?\s*(?:not|n't)\b(?:\s+\w+){0,3}?\s+"
        r"(?:lead|leads|leading|led|co-?lead\w*|responsible|involved|in\s+charge|among)\b",
        re.I,
    ),
}


# A role denied with the unit named elsewhere in the message: not led by it; 牵头里没它, 牵头单位中没有它.
NEGATED_ROLE = {
    "zh": re.compile(
        r"(?:牵头|负责|责任)(?:单位|部门)?(?:里|中|当中|里面)?(?:都|也)?(?:没有?|不含|不包括|无)(?:它|他|其|该单位)"
    ),
    "en": re.compile(r"\b(?:not|n't)\s+(?:be\s+)?(?:led|lead|handled|run)\b", re.I),
}


def written_at(flat: str, value: str, lang: str) -> tuple[int, int] | None:
    """Where a filter value is written in the question: as itself, or in English by the words the bilingual map gives
    for it (the county justice bureau -> 司法局, long-term -> 长期)."""
    i = flat.find(value)
    if i >= 0:
        return i, i + len(value)
    if lang != "en":
        return None
    low = flat.lower()
    lex = lexicon()
    spans = [
        m.span()
        for en, zh in {**lex.terms, **lex.deadlines}.items()
        if len(zh) >= 2 and zh in value
        for m in [re.search(rf"\b{re.escape(en)}\b", low)]
        if m
    ]
    return min(spans) if spans else None


def find_negated(text: str, lang: str, units: tuple[str, ...], due: str | None) -> tuple[str, ...]:
    """Which of a list question's filters it negates: the negation must stand just before the value it turns round,
    after any other filter value (没有县司法局, not led by 县司法局, lead units don't include the justice bureau), or
    just after a unit before the role it denies (县司法局不牵头, 县司法局 is not a lead unit)."""
    flat = re.sub(r"\s+", "", text) if lang == "zh" else text
    rx = NEGATION_ZH if lang == "zh" else NEGATION_EN
    width = NEGATION_WINDOW[lang]
    spans = {v: written_at(flat, v, lang) for v in (*units, *((due,) if due else ()))}

    def negated(value: str, *, after: bool) -> bool | None:
        at = spans.get(value)
        if at is None:
            return None
        i, j = at
        start = max([i - width, *(other[1] for other in spans.values() if other is not None and other[1] <= i)])
        if rx.search(flat[max(0, start) : i]):
            return True
        return after and bool(NEGATED_AFTER[lang].match(flat[j:]))

    out = []
    unit_hits = [negated(u, after=True) for u in units]
    if any(unit_hits) or (
        units
        and (lang == "zh" or all(h is None for h in unit_hits))  # 牵头里没它: the unit said before, as 它
        and bool(NEGATED_ROLE[lang].search(text))
    ):
        out.append("units")
    if due and negated(due, after=False):
        out.append("due")
    return tuple(out)


def search_text(text: str, lang: str, fields: tuple[str, ...], numbers: tuple[int, ...]) -> str:
    """The question for retrieval: English structural words, fields, numbers and place names in Chinese form."""
    if lang == "zh":
        return text
    low = text.lower()
    lex = lexicon()
    extra = [zh for en, zh in {**lex.terms, **lex.places}.items() if re.search(rf"\b{re.escape(en)}\b", low)]
    extra += [lex.terms[f] for f in fields if f in lex.terms]
    extra += [f"第{n}项" for n in numbers]
    return text + (" " + " ".join(dict.fromkeys(extra)) if extra else "")


# What a message says before its question and that asks nothing: 好的。另外问一下，… / OK thanks. Different question: …
PREAMBLE = re.compile(
    r"^\s*(?:(?:好的|好|嗯|谢谢|多谢|明白了?|知道了|收到|了解)[。，,.!！]+\s*)*"
    r"(?:(?:另外|还有|顺便|对了|再)?[，,]?(?:问一下|问个问题|问一个问题|请教一下|想问一下|再问一个|问一个|问问)|换个问题|换一个问题"
    r"|换个话题|换一个话题|另一个问题|新问题|别的问题|说点别的|(?:完全)?不同的问题)?[，,：:。—\s]*",
)
PREAMBLE_EN = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|thanks|thank you|great|got it|cool|alright|right|sure)\b[,.!]*\s*)*"
    r"(?:(?:(?:a|one|my)\s+)?(?:(?:totally|completely|entirely|quite|an?\s+(?:totally|completely|entirely))\s+)?(?:different|another|new|separate|unrelated|next|other)\s+question|one\s+more\s+(?:thing|question)"
    r"|by\s+the\s+way|btw|also|switching\s+topics?|changing\s+the\s+subject)\s*[:,\-—–.]\s*",
    re.I,
)


# A preamble that says the question is about something else: the message stands alone in a conversation.
TOPIC_SWITCH = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|thanks|thank you|好的|好|嗯|谢谢)[,.!，。！]*\s*)*"
    r"(?:(?:an?\s+|one\s+|my\s+)?(?:(?:totally|completely|entirely|quite)\s+)?(?:different|new|unrelated|separate)"
    r"\s+(?:question|topic|subject)|switching\s+topics?|changing\s+the\s+subject|on\s+another\s+note"
    r"|换个问题|换一个问题|换个话题|换一个话题|另一个问题|新问题|别的问题|说点别的|(?:完全)?不同的问题)",
    re.I,
)


def without_preamble(text: str) -> str:
    """The question without words before it that ask nothing (when a question is left)."""
    rest = PREAMBLE_EN.sub("", PREAMBLE.sub("", text, 1), 1)
    return rest if len(rest.strip()) >= 2 else text


@dataclass(frozen=True)
class TaskTerms:
    """What `understand` looks for in a question from every task table: the unit names (sorted) and the deadlines
    written without a digit (长期, 长期坚持), longest first. Built once per corpus (see `task_terms`)."""

    units: UnitNames
    literals: list[str]

    @classmethod
    def of(cls, tasks: Sequence[Task]) -> TaskTerms:
        units = sorted({u for t in tasks for u in t.lead + t.responsible})
        literals = sorted(
            {t.deadline for t in tasks if t.deadline and not re.search(r"\d", t.deadline)}, key=len, reverse=True
        )
        return cls(UnitNames.of(units), literals)


def task_terms(corpus: Corpus) -> TaskTerms:
    """The corpus's TaskTerms, built on first use and kept with the corpus."""
    return corpus.cached("understand.task_terms", lambda: TaskTerms.of(corpus.all_tasks()))


def understand(
    text: str, notices: list[Notice], tasks: list[Task], *, limit: int = 2000, terms: TaskTerms | None = None
) -> Question:
    """Reads a question against the loaded notices and their task tables; its kind comes from the route table.
    `terms` are `tasks`' TaskTerms when the caller keeps them (computed from `tasks` otherwise)."""
    if terms is None:
        terms = TaskTerms.of(tasks)
    text = without_preamble(normalize(check_question(text, limit)))
    lang = detect_lang(text)
    low = text.lower()
    numbers, style = find_numbers(text, name_index(notices).aliases)
    fields = find_fields(text)
    if style == "named":  # 柞水19条的完成时限, 昌江32项…那条 name an item; 陵川县100项指标都有哪些 counts them
        # (lingchuan 94: how many lectures…, 昌江32：… — a number set off by a colon or dash heads what is asked of it)
        headed = any(re.search(rf"(?<![\d.]){n}\s*(?:[:：]|[—–-]\s)", text) for n in numbers)
        numbers, style = (numbers, "any") if fields or headed or POINTS_AT_ROW.search(low) else ((), None)
    foreign = find_foreign_places(text, notices)
    doc_ids = find_notices(text, notices, by_year=not foreign) or by_province(text, notices)  # 陕西的通知
    units = find_units(text, terms.units)
    dated = any(c in low for c in DUE_CUES) or DUE_WORDS.search(low) or DEADLINE_NAMED.search(low)
    due = find_period(text) or (find_due(text) if dated else None)
    if due is None:  # a deadline written in words, as the task table has it: 长期, 长期坚持
        due = next((d for d in terms.literals if d in text), None) or deadline_word(low, terms.literals)
    asks_count = bool(COUNT_CUES.search(low))
    # "which Weinan tasks name 市行政审批局" asks for rows, as "which tasks" does
    which_rows = bool(re.search(r"\bwhich\b(?:\s+\S+){0,2}?\s+" + EN_ITEMS + r"|哪一?[项条]|第几[项条]", low))
    asks_list = any(c in low for c in LIST_CUES) or bool(LIST_VERB.search(low)) or (which_rows and bool(units))
    if not numbers and (family := item_family(text)):  # 否决项有哪些, what are the bonus items: that family's rows
        style, asks_list = family, not asks_count
    which_items = asks_list or asks_count or which_rows
    mentions: tuple[str, ...] = ()
    if which_items and not numbers and not units and not due and ITEM_NOUN.search(low):
        mentions = find_mentions(text, lang)
    section_level = find_section_level(text) if not numbers else None
    section = (SECTION_COUNT.search(low) or SECTION_LIST.search(low)) if section_level else None
    issued = find_issued(text) if not numbers else None
    q = Question(
        text=text,
        lang=lang,
        numbers=numbers,
        style=style,
        fields=fields,
        doc_ids=doc_ids,
        units=units,
        due=due,
        search_text=search_text(text, lang, fields, numbers),
        meta=find_meta(low) if not numbers else None,
        foreign=foreign,
        section_level=section_level,
        section_word=section_word(section) if section else None,
        mentions=mentions,
        asks_count=asks_count,
        asks_list=asks_list,
        asks_which=bool(WHICH_TOO.search(low)),
        asks_cross=(any(c in low for c in CROSS_CUES) or bool(CROSS_ASK.search(low))) and not numbers,
        task_noun=bool(TASK_NOUN.search(low)),
        item_noun=bool(ITEM_NOUN.search(low)) or "工作" in low,
        by_date=bool(BY_DATE.search(text)),
        metas=find_metas(low) if not numbers else (),
        only_units=bool(units) and bool(ONLY.search(text)) and not EITHER_WAY.search(text),
        notices_asked=("issued" if issued else find_notices_asked(low, province_names(low, notices, doc_ids)))
        if not numbers
        else None,
        issued=issued,
        points_at_row=bool(POINTS_AT_ROW.search(low)),
        cited_only=find_cited_only(text, notices) + find_other_editions(text, notices, doc_ids),
        cites=find_cites(text, notices, doc_ids),
        counterpart=find_counterpart(text, notices, doc_ids) if numbers else None,
    )
    part = find_part(text) if not numbers else None
    # 第四个一级指标叫什么: the section's name, unless its rows are asked (第四部分有哪些指标)
    # (第三个方面是啥？下面有哪几条 asks its rows too: 哪几条 reads as a count of them)
    names_part = part is not None and bool(HEADING_ASKED.search(low)) and not (q.asks_list or q.asks_count)
    names_part = names_part and not ITEM_NOUN.search(PART.sub(" ", low)) and not ABOUT_PART.search(low)
    about = q.points_at_row or bool(q.metas) or bool(q.meta)
    parts = find_parts(text)
    # the units of a column, each once — unless a later part asks them of what an earlier part is about
    # (依申请公开答复率是多少？哪些单位负责: that row's units)
    first = parts[0].lower() if len(parts) > 1 else low
    distinct = find_distinct(first, fields, about_row_or_notice=about) if not (numbers or units) else None
    mentions, units = q.mentions, q.units
    if part is not None:  # "section 二、提升行政执法质量": the heading names the section, it is no word to filter by
        heading = re.search(r"[一二三四五六七八九十]+、[^？?。，,\s]+", text)
        # "section 三 (行政执法规范化建设)": words of a heading name the section too
        headings = {no_spaces(t.section[0]) for t in tasks if t.section and part_number(t.section[0]) == part}
        mentions = tuple(
            m
            for m in mentions
            if not re.search(rf"[一二三四五六七八九十]+、\s*{re.escape(m)}", text)
            and not any(no_spaces(m) in h for h in headings)
        )
        units = tuple(u for u in units if not (heading and u in heading.group(0)))  # 五、加强政府与法院、检察院联动
    q = replace(
        q,
        part=part,
        asks_heading=names_part,
        asks_section=bool(numbers) and bool(SECTION_OF_ITEM.search(low)),
        distinct=distinct,
        parts=parts,
        expects=tuple(expected(p) for p in parts),
        mentions=mentions,
        units=units,
    )
    return routed(q)


def routed(q: Question, doc_ids: tuple[str, ...] | None = None) -> Question:
    """The question with its kind from the route table; `doc_ids` replaces the notices it names (a user's filter)."""
    if doc_ids is not None:
        q = replace(q, doc_ids=doc_ids)
    kind = route(q)
    negated = find_negated(q.text, q.lang, q.units, q.due) if kind in (Kind.LIST, Kind.COUNT) else ()
    return replace(q, kind=kind, negated=negated)


# Questions about the loaded notices as a set: which is newest or oldest, which notices there are.
NOTICE_NOUN = r"(?:通知|文件|文件?通知|notices?|documents?|circulars?)"
NOTICES_RANK = {
    "newest": re.compile(
        rf"(?:最新|最近|最晚)\S{{0,6}}{NOTICE_NOUN}|{NOTICE_NOUN}\S{{0,8}}(?:最新|最近|最晚|更晚|较新|较晚|晚一些|晚些|晚一点)"
        r"|哪[个份一]\S{0,6}(?:晚一些|晚些|更晚|后发|后印发|发得晚)"
        r"|\bwhich\b\s+(?:\w+\s+){0,2}?(?:issued|came\s+out|published|released)\s+(?:last|later|more\s+recently)\b"
        rf"|\b(?:newest|latest|most\s+recent(?:ly)?(?:\s+issued)?)\s+{NOTICE_NOUN}|{NOTICE_NOUN}\b.*\b(?:newest|latest|most\s+recent(?:ly)?)\b"
    ),
    "oldest": re.compile(
        rf"(?:最早|最先)\S{{0,6}}{NOTICE_NOUN}|{NOTICE_NOUN}\S{{0,8}}(?:最早|最先|更早|较早|早一些|早些|早一点)"
        r"|哪[个份一]\S{0,6}(?:早一些|早些|更早|先发|先印发|发得早)"
        r"|\bwhich\b\s+(?:\w+\s+){0,2}?(?:issued|came\s+out|published|released)\s+(?:first|earlier)\b"
        rf"|\b(?:oldest|earliest|first)\s+(?:issued\s+)?{NOTICE_NOUN}|{NOTICE_NOUN}\b.*\b(?:oldest|earliest|issued\s+first)\b"
    ),
    "all": re.compile(
        rf"(?:哪些|哪几份|几份|多少份|多少个)(?:{NOTICE_NOUN})\S{{0,4}}$|(?:有|收录|加载|包括)(?:了)?(?:哪些|几份|多少份)(?:{NOTICE_NOUN})"
        rf"|\b(?:which|what|how\s+many)\s+{NOTICE_NOUN}\s+(?:are|do|does|have|is)\b(?:\s+(?:there|you|loaded|available|"
        rf"covered|indexed|in\s+the\s+system|have|got))*\s*\??$"
    ),
}


POINTS_AT_ROW = re.compile(
    r"[那这该此哪]一?[项条]|[那这]个|关于\S{1,20}的(任务|事项|问题|指标|工作|措施|那)"
    r"|\b(?:item|task|problem|indicator|measure|entry|row|one)\s+(?:about|on|for|concerning|regarding|dealing)\b"
    r"|\b(?:that|this)\s+(?:one|item|task|entry|row|problem|indicator|measure)\b"
)


# Which notices are from a province, once the province is taken out: 陕西的有哪些, which ones are from Shanxi.
AMONG = (  # 这几份里头, 以上文件中: the loaded notices, said before the question
    rf"(?:(?:这|那|以上|上面|载入的?|已有的?|现有的?)?(?:几|些)?(?:份|个)?{NOTICE_NOUN}?(?:里头|里面|里|之中|当中|中)[，,]?)?"
)
FROM_PLACE = re.compile(
    rf"^{AMONG}(?:来自|属于)?省?的?{NOTICE_NOUN}?(?:有|是)?哪(?:些|几份|几个|个|份)(?:{NOTICE_NOUN})?(?:是|来自|属于)?省?的?$"
    rf"|^(?:which|what)\s+(?:(?:of\s+(?:these|them|those|the\s+{NOTICE_NOUN}))|{NOTICE_NOUN}|ones?)"
    rf"\s+(?:are|is|come|came)\s+(?:from|in)(?:\s+province)?$"
)


# Which notices were issued by a date: which notices were issued after October 1, 2024; 哪些通知是2024年以后印发的.
ISSUED_ASK = re.compile(
    rf"(?:哪些|哪几份|哪几个|哪份|哪个)\S{{0,6}}?{NOTICE_NOUN}?\S{{0,16}}?(?:印发|发布|下发|出台|发的|发文|成文|签发)"
    rf"|\bwhich\b(?:\s+of\s+the)?\s+{NOTICE_NOUN}\b.{{0,20}}?\b(?:issued|dated|published|released|signed|came out)\b",
    re.I,
)
AFTER = re.compile(r"\b(?:after|later than)\b", re.I)
SINCE = re.compile(r"\b(?:since|from)\b|以后|之后|以来|后(?:发|印)|起", re.I)  # that date, month or year included
BEFORE = re.compile(r"\b(?:before|earlier than|prior to|until)\b|以前|之前|前(?:发|印)", re.I)
ISSUED_ZH = re.compile(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?")


def find_issued(text: str) -> tuple[str, str] | None:
    """(before | after | in, an ISO date or its year or month prefix) when the question asks which notices were
    issued by a date; None otherwise."""
    if not ISSUED_ASK.search(text):
        return None
    m = ENGLISH_DAY.search(text)
    if m:
        month, day, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
        when = f"{year}-{MONTH_ABBR.index(month.lower()[:3]) + 1:02d}-{int(day):02d}"
    elif m := re.search(rf"\b{MONTH_EN}\s+(20\d{{2}})\b", text, re.I):
        when = f"{m.group(2)}-{MONTH_ABBR.index(m.group(1).lower()[:3]) + 1:02d}"
    elif (m := re.search(r"\b(20\d{2})\b", text)) and (
        mo := re.search(rf"\b(?:before|after|since)\s+{MONTH_EN}\b", text, re.I)
    ):
        when = f"{m.group(1)}-{MONTH_ABBR.index(mo.group(1).lower()[:3]) + 1:02d}"  # in 2024 before May: 2024-05
        if BEFORE.search(text):
            return "in_before", when  # within that year, before the month
    elif m := ISSUED_ZH.search(text):
        when = "-".join([m.group(1), *(f"{int(g):02d}" for g in m.groups()[1:] if g)])
    elif m := re.search(r"\b(20\d{2})\b", text):
        when = m.group(1)
    else:
        return None
    if BEFORE.search(text):
        return "before", when
    return ("after" if AFTER.search(text) else "since" if SINCE.search(text) else "in"), when


def issued_matches(date: str, issued: tuple[str, str]) -> bool:
    """Whether an ISO date is before, after or in the date (or year, or month) given."""
    op, when = issued
    if op == "in_before":
        return date.startswith(when[:4]) and date < when
    if op == "in":
        return date.startswith(when)
    if op == "since":
        return date >= when
    if op == "after":
        return date > when and not date.startswith(when)
    return date < when


def find_notices_asked(low: str, provinces: tuple[str, ...] = ()) -> str | None:
    """newest | oldest | all when the question asks about the loaded notices as a set, region when it asks which of
    them are from the province it names, else None (which were issued by a date: `find_issued`)."""
    flat = low.strip(" ？?。.")
    if provinces:
        bare = re.sub(r"\s+", " ", re.sub("|".join(map(re.escape, provinces)), " ", flat)).strip(" ？?。.")
        if FROM_PLACE.search(bare.replace(" ", "") if not bare.isascii() else bare):
            return "region"
    return next((k for k, rx in NOTICES_RANK.items() if rx.search(flat)), None)


# A document named by its 文号 or its 《title》.
DOC_NAME = re.compile(r"《[^》]{2,}》|[\u4e00-\u9fff]{1,8}\s*[〔［\[(（]\s*\d{4}\s*[〕］\])）]\s*\d+\s*号")
# The question asks how a loaded notice relates to the document it names (依据, cites, which notice mentions it), not
# what that document itself says.
RELATION = re.compile(
    r"根据|依据|依照|按照|落实|贯彻|引用|援引|提到|提及|哪个通知|哪份通知|哪些通知|哪[一几]?[项条]"
    r"|\bbased\s+on\b|\bbasis\b|\brefers?\b|\bcit(?:es?|ed|ing)\b|\bimplement\w*|\bpursuant\b|\bmention\w*"
    r"|\bwhich\s+(?:notices?|documents?|items?|tasks?)\b"
)


def flat_name(name: str) -> str:
    """A document's name without spaces and brackets, as compared across a question and a notice's lines."""
    return re.sub(r"[\s《》〔〕［］\[\]()（）]", "", name)


# A document a notice cites, as its line prints it: 《title》 and the 文号 in brackets after it, if any.
CITED_DOC = re.compile(
    r"《([^》\n]{4,80})》\s*(?:[（(]\s*([^（()）\n]{1,12}?[〔［\[]\s*\d{4}\s*[〕］\]]\s*\d+\s*号)\s*[）)])?"
)


def find_cited_only(text: str, notices: list[Notice]) -> tuple[str, ...]:
    """Documents the question asks about that are no loaded notice (a notice only cites them: 洛政办〔2024〕39号,
    《…条例》); () when it asks how a notice relates to them or for what the citing line prints (their 文号, title)."""
    low = text.lower()
    if RELATION.search(low) or expected(text) in ("docnum", "title"):
        return ()
    names = [m.group(0) for m in DOC_NAME.finditer(text)]
    if not names:  # most questions name no document: no pass over every notice's title
        return ()
    return tuple(name for name in names if not is_loaded(name, notices))


def is_loaded(name: str, notices: Sequence[Notice]) -> bool:
    """Whether a document named by 《title》 or 文号 is one of the loaded notices."""
    flat = flat_name(name)
    for n in notices:
        num, title = flat_name(n.doc_number or ""), flat_name(n.title)
        core = re.sub(r"^.*?关于印发|的通知$", "", title)
        if (num and flat.endswith(num)) or flat in title or (core and core in flat):
            return True
    return False


def printed_names(notices: Sequence[Notice], doc_ids: Sequence[str]) -> str:
    """The lines of the notices in scope (all when none is named), flattened as flat_name flattens a name."""
    return "\n".join(flat_name(line) for n in notices if not doc_ids or n.doc_id in doc_ids for line in n.lines)


def find_cites(text: str, notices: list[Notice], doc_ids: Sequence[str]) -> tuple[str, ...]:
    """Documents the question names (《title》 or 文号) that the notices in scope cite and do not hold, asked for what
    the citing line prints of them: their 文号 or their title (宜司〔2023〕18号是关于啥的文件, 《…若干意见》的文号)."""
    if expected(text) not in ("docnum", "title") or not DOC_NAME.search(text):
        return ()
    printed = printed_names(notices, doc_ids)
    out = []
    for m in DOC_NAME.finditer(text):
        name = m.group(
            0
        )  # a 文号 may be read with words before it (宜阳引用的宜司〔2023〕18号): its longest printed tail
        tails = [name] if name.startswith("《") else [name[i:] for i in range(len(name)) if "〔" in name[i + 1 :]]
        found = next((t for t in tails if flat_name(t) in printed), None)
        if found and not is_loaded(found, notices):
            out.append(found)
    return tuple(out)


# A document noun after a year in an English question: "Weinan's 2025 work points", "the 2023 Lingchuan plan".
EN_EDITION = re.compile(
    r"\b(20\d\d)(?:'s)?\s+(?:[a-z-]+\s+){0,4}?(?:work\s+points|plan|task\s+list|list|measures|notice|document|programme|"
    r"program|key\s+points)\b",
    re.I,
)
# A year naming a document: 2023年那份任务清单, 2025年的工作要点 (not 2024年3月底前, 2024年上半年).
DATED_DOCUMENT = re.compile(
    r"(20\d\d)年(?!\d|底|末|上半年|下半年|前|内|以来)(?:的|那份|这份|那个|版)?[^\d，,。？?；;]{0,12}?"
    r"(?:清单|方案|要点|通知|举措|措施|文件|计划)"
)
PLACE_END = re.compile(r"([\u4e00-\u9fff]{2,5}?[省市县区])$")


def find_other_editions(text: str, notices: list[Notice], doc_ids: Sequence[str]) -> tuple[str, ...]:
    """Documents the question names by a loaded notice's title with another year or place (渭南市2025年法治政府建设
    工作要点 when 2024's is loaded, 洛阳市提升…若干举措 when 宜阳县's is): not loaded, so nothing answers them. A
    《title》 the notices print is a document they cite (find_cited_only's business), not another edition."""
    if "《" in text:
        printed = printed_names(notices, doc_ids)
        text = re.sub(r"《([^》]{2,})》", lambda m: " " if flat_name(m.group(1)) in printed else m.group(0), text)
    flat = flat_name(text)
    out: list[str] = []
    for n in notices:
        if n.doc_id not in doc_ids:
            continue
        core = re.sub(r"的通知$", "", re.sub(r"^.*?关于印发", "", flat_name(n.title)))
        names = sorted({a for a in (n.region or "", *n.aliases) if a and not a.isascii()}, key=len, reverse=True)
        body = next((core[len(a) :] for a in names if core.startswith(a)), core)
        dated = _other_years(text, flat, n, body)
        covered = {y for d in dated for y in re.findall(r"20\d\d", d)}
        out += dated + [o for o in _other_years_named(flat, n, body) if not set(re.findall(r"20\d\d", o)) & covered]
        out += _other_place(flat, body, names)
    return tuple(dict.fromkeys(out))


def _other_years(text: str, flat: str, n: Notice, body: str) -> list[str]:
    """The notice's dated title (渭南市2024年法治政府建设工作要点) with another year, in Chinese or English."""
    own = re.match(r"(20\d\d)年", body)
    if not own:
        return []
    rest = body[own.end() :]
    out = [
        f"{n.region or ''}{m.group(1)}年{rest}"
        for m in re.finditer(r"(20\d\d)年", flat)
        if m.group(1) != own.group(1) and len(rest) >= 4 and flat[m.end() : m.end() + 4] == rest[:4]
    ]
    years = {own.group(1), (n.date or "")[:4]}
    return out + [f"{n.region or ''}{m.group(1)}年{rest}" for m in EN_EDITION.finditer(text) if m.group(1) not in years]


def _other_years_named(flat: str, n: Notice, body: str) -> list[str]:
    """柞水县2023年那份任务清单: a document of the notice's place in a year neither its title nor its date has."""
    own = re.match(r"(20\d\d)年", body)
    years = {own.group(1) if own else "", (n.date or "")[:4]}
    if RELATION.search(flat):
        return []  # 依据的是2023年的哪份文件: the document a notice rests on, not another edition of it
    return [
        f"{n.region or ''}{m.group(0)}"
        for m in DATED_DOCUMENT.finditer(flat)
        if m.group(1) not in years and not re.search(r"哪|什么|啥|何", m.group(0))
    ]


def _other_place(flat: str, body: str, names: list[str]) -> list[str]:
    """洛阳市提升…若干举措 when 宜阳县's is loaded: the notice's title after a place that is not the notice's."""
    plain = re.sub(r"^(20\d\d)年", "", body)
    at = flat.find(plain[:8]) if len(plain) >= 8 else -1
    place = PLACE_END.search(re.sub(r"(?:20\d\d年)?(?:的|那份|这份|那个)?$", "", flat[:at])) if at > 0 else None
    if not place or place.group(1) in GENERIC_PLACES:
        return []
    if any(place.group(1).endswith(a) or a.endswith(place.group(1)) for a in names):
        return []
    return [f"{place.group(1)}{plain}"]


def find_meta(low: str) -> str | None:
    """What a question about the notice itself asks: date, number, issuer, recipients or title."""
    return next(iter(find_metas(low)), None)


def find_metas(low: str) -> tuple[str, ...]:
    """Every meta field a question asks, in the order it asks them: 文号和印发日期 -> (number, date)."""
    if "《" in low:  # it names the document: a question about that document, read from the text
        return ()
    if BASIS.search(low) or (CITES_BASIS.search(low) and not CITES_TOPIC.search(low)):
        return ("basis",)
    if REFERENCED.search(low):
        return ()
    found = [(m.start(), k) for k, rx in META.items() if (m := rx.search(low))]
    return tuple(k for _, k in sorted(found))


# A question word: a clause holding one asks something (多少, 谁, 哪, 什么, 吗, which, when, …).
ASKS = re.compile(
    r"多少|几|什么|啥|谁|哪|吗|呢|如何|怎么|怎样|是否|有没有"
    r"|\b(?:what|which|who|whom|whose|when|where|how|why|is|are|does|do|did|can|will)\b",
    re.I,
)
PART_END = re.compile(r"[？?；;]+")
CLAUSE = re.compile(r"[，,、]\s*(?:(?:and|also|plus)\s+)?|\s+(?:and|also)\s+(?=(?:what|which|who|when|where|how)\b)")


# What makes a clause a question of its own: a question word (是否/吗 mark a yes-no question about the clause before).
QUESTION_WORD = re.compile(
    r"谁|什么|哪|多少|几|何时|啥时候|啥|\b(?:what|which|who|whom|whose|when|where|how)\b",
    re.I,
)
SUB_JOIN = re.compile(
    r"[，,、]\s*(?:(?:and|also|plus)\s+)?|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])"
    r"|\s+(?:and|also|plus)\s+(?=(?:what|which|who|whom|whose|when|where|how)\b)",
    re.I,
)


def sub_questions(text: str) -> tuple[str, ...]:
    """The questions a message asks one after another, in order: split at a question mark or semicolon, and at a
    comma, 、, space or "and" before a clause with its own question word when every clause has one (文号多少 哪天发的 /
    who is the director and who is the deputy?). A sentence asking nothing is the context of the question after it."""
    out: list[str] = []
    lead = ""
    asked = [m.group(0) for m in re.finditer(r"[^？?；;]+[？?]", text)]  # a sentence ending in ？ asks, word or not
    for sentence in PART_END.split(text):
        raw = sentence
        sentence = sentence.strip(" ，,。.\n")
        if not sentence:
            continue
        if not QUESTION_WORD.search(sentence) and not any(a.startswith(raw) for a in asked):
            lead = f"{lead}{sentence}，"
            continue
        clauses = [c.strip(" ，,。.") for c in SUB_JOIN.split(sentence)]
        clauses = [c for c in clauses if c]
        if len(clauses) < 2 or not all(QUESTION_WORD.search(c) for c in clauses):
            clauses = [sentence]
        out.extend([lead + clauses[0], *clauses[1:]])
        lead = ""
    if lead and out:
        out[-1] += "，" + lead.rstrip("，")
    return tuple(out)


def find_parts(text: str) -> tuple[str, ...]:
    """The sub-questions of a message, in order: split at question marks, and at a comma or "and" between two clauses
    that each ask something (是依据哪个文件制定的，文号多少 / which office, and within how long)."""
    parts: list[str] = []
    for sentence in PART_END.split(text):
        clauses = [c.strip(" ，,。.") for c in CLAUSE.split(sentence)]
        clauses = [c for c in clauses if c]
        if not clauses:
            continue
        while len(clauses) > 2 and not ASKS.search(clauses[0]):  # "For X's review, by what date …, and where?"
            clauses[:2] = [f"{clauses[0]}{'，' if detect_lang(clauses[0]) == 'zh' else ', '}{clauses[1]}"]
        if len(clauses) > 1 and ASKS.search(clauses[0]) and all(ASKS.search(c) for c in clauses[1:]):
            parts.extend(clauses)
        else:
            parts.append(sentence.strip(" ，,。."))
    return tuple(p for p in parts if len(p) >= 2)

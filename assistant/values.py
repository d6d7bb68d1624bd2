"""Expected answer types: what kind of value answers a question (a date, a percentage, a unit, an e-mail address…)
and whether a sentence holds one. The kinds and their patterns are data: `data/values.toml`."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "values.toml"
NUMBER = r"[\d一二三四五六七八九十百千两]+\s*"
# A roster line names a person before a post: "王 丽 县委副书记、县长", "副组长：原红芳 县委常委".
ROSTER = re.compile(
    r"(?:^|[：:])\s*[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,2}\s+[\u4e00-\u9fff、]*(?:长|主任|书记|委员|成员)"
)


@dataclass(frozen=True)
class ValueKind:
    name: str
    ask: re.Pattern[str]
    value: re.Pattern[str] | None
    cues: tuple[str, ...]
    specific: bool = False  # few sentences hold such a value: holding it is evidence of its own


@lru_cache(maxsize=1)
def kinds() -> tuple[ValueKind, ...]:
    data = tomllib.loads(DATA.read_text("utf-8"))
    out = []
    for name, spec in data.items():
        if name == "units":
            continue
        value = spec.get("value") or ""
        rx = re.compile(value) if value else None
        out.append(ValueKind(name, re.compile(spec["ask"]), rx, tuple(spec["cues"]), bool(spec.get("specific"))))
    return tuple(out)


@lru_cache(maxsize=1)
def unit_words() -> dict[str, tuple[str, ...]]:
    """English unit word -> the Chinese units a value of it is written with: hours -> 学时, 小时."""
    return {en: tuple(zh) for en, zh in tomllib.loads(DATA.read_text("utf-8"))["units"].items()}


def by_name(name: str) -> ValueKind:
    return next(k for k in kinds() if k.name == name)


def expected(text: str) -> str | None:
    """The kind of value a question (or one part of it) asks for, or None when it asks for no particular kind: the
    kind asked first in the text ("which bureau handles venues" asks for a unit), the file's order breaking ties."""
    probe = text.lower()
    found = []
    for i, k in enumerate(kinds()):
        if m := k.ask.search(probe):
            bare = k.value is None and k.name != "person"  # yes/no, list: only when no value is asked for
            found.append((bare, m.start(), i, k.name))  # else the value asked first, then the more specific
    return min(found)[3] if found else None


def asked_unit(text: str) -> tuple[str, tuple[str, ...]] | None:
    """The unit a quantity question names, as asked and as notices write it: 多少学时 -> (学时, (学时,)),
    "how many working days" -> (working days, (工作日,))."""
    if m := re.search(r"(?:多少|几)\s*(个?工作日|学时|小时|分钟|个月|天|日|周|次|期|名|人|家|条|件|元|万元|%)", text):
        unit = m.group(1).removeprefix("个")
        return unit, unit_words().get(unit, (unit,))
    low = text.lower()
    for en in sorted((w for w in unit_words() if w.isascii()), key=len, reverse=True):
        # "how many full-time mediators" counts mediators: full-time / part-time name no unit
        if re.search(rf"\bhow\s+many\s+(?:\w+\s+){{0,2}}?(?<!full[\s-])(?<!part[\s-]){re.escape(en)}\b", low):
            return en, unit_words()[en]
    return None


def pattern(kind: str | None, text: str) -> re.Pattern[str] | None:
    """What a sentence must match to answer `text` with a value of `kind`; narrowed to the unit the question names."""
    if kind is None:
        return None
    if kind in ("duration", "count", "money") and (asked := asked_unit(text)):
        return re.compile(NUMBER + "(?:个)?(?:" + "|".join(map(re.escape, asked[1])) + ")")
    return by_name(kind).value


def holds(kind: str | None, text: str, sentence: str) -> bool:
    """Whether `sentence` holds a value of the kind `text` asks for (always, when it asks for none)."""
    if kind == "person":
        return has_person(sentence)
    rx = pattern(kind, text)
    return rx is None or bool(rx.search(sentence))


@lru_cache(maxsize=8192)  # the notices' sentences recur across questions: each is tagged once, not per question
def has_person(sentence: str) -> bool:
    import jieba.posseg

    if ROSTER.search(sentence):
        return True
    return any(flag == "nr" and len(w) >= 2 for w, flag in jieba.posseg.lcut(re.sub(r"\s+", "", sentence)))


def cue_words(kind: str | None, text: str) -> tuple[str, ...]:
    """English words of the question that only name the value kind or the unit asked ("rate", "how many hours"):
    covered by the value itself, not content a sentence must also say."""
    if kind is None:
        return ()
    low = text.lower()
    asked = asked_unit(text) if kind in QUANTITIES else None
    unit = (asked[0],) if asked and asked[0].isascii() else ()
    return tuple(dict.fromkeys(c for c in (*by_name(kind).cues, *unit) if re.search(rf"\b{re.escape(c)}\b", low)))


def is_specific(kind: str | None) -> bool:
    return kind is not None and by_name(kind).specific


def names_kind(word: str, asked: frozenset[str] = frozenset()) -> bool:
    """A Chinese question word that only names a kind of value (文号, 日期, 比例): the value answers it. With `asked`
    (the kinds the question may ask), only their words: 办公室 in 办公室主任是谁 names whose office, not a place."""
    return any(word in k.cues for k in kinds() if not asked or k.name in asked)


@lru_cache(maxsize=1024)  # read for each content-word pass over one question
def asked_kinds(text: str) -> frozenset[str]:
    """Every kind of value whose asking words the text uses (改成了什么 asks a new name whatever else it reads as)."""
    return frozenset(k.name for k in kinds() if k.ask.search(text))


QUANTITIES = ("duration", "count", "money", "percent")


# A question for what has actually happened (实际达到多少, how many last year) is not answered by a notice's target or
# requirement: only by a sentence that reports something done. Notices set targets; few report outcomes.
ACTUAL = re.compile(
    r"实际(上)?(达到|完成|是|有|情况|获得|取得)|实际\S{0,4}(多少|几)|目前(已经?|为止)|截至目前|到目前为止|现在已|已经(达到|完成)了?多少"
    r"|(?:去年|上一?年度?|前年)\S{0,8}(?:多少|几)"
    r"|\bactual(ly)?\b|\bso far\b|\bto date\b|\bcurrently (?:at|achieved|reached|has|have)\b"
    r"|\b(?:last|previous|past)\s+year\b(?!['’]s)"  # "report the previous year's work" is a requirement
)
# The other signs of an outcome question, for a question that asks for no requirement. A time after the plan or before
# it (去年, eventually, in the end): what happened then is no plan's content. 最后 only as "in the end", not 最后一项.
PAST_TIME = re.compile(
    r"去年|前年|上一?年度?|往年|后来|最终|到头来|至今|迄今|最后(?![一二三四五六七八九十个项条阶期名部段次的])"
    r"|\b(?:last|previous|past)\s+year\b(?!['’]s)|\beventually\b|\bfinally\b|\bin the end\b|\bultimately\b"
    r"|\bsince then\b|\bafterwards?\b|\blater\b|\bagain\b|\balready\b|\bso far\b|\bto date\b"
)
# Chinese perfective aspect: 办理了多少件, 评上了没, 完成了吗, 有没有被评为 (为了, 除了, 了解 are no aspect).
PERFECT_ZH = re.compile(
    r"(?<![为除])了(?!解)[^，。？?；;]{0,12}(?:多少|几)|(?<![为除])了(?:没有?|吗|么)|过没|没有[？?]?\s*$"
    r"|(?:有没有|是否|是不是)(?:已经?|被|又|再)|已经?被|又被"
)
# Results by nature: an award, a title, passing a check. Asked as done (被评为, 评上了, was named), they are events.
AWARD = re.compile(
    r"评为|评上|获评|获批|获得|入选|命名|授予|认定为|表彰|通过(?:了)?验收|验收通过|达标"
    r"|\b(?:named|awarded|won|rated|recogni[sz]ed|designated|accredited|certified|selected|honou?red|approved)\b"
)
# An English verb of something done, in the past: "how many cases did X handle", "was the … completed", "passed".
DONE_VERB = (
    r"pass|handl|complet|finish|achiev|reach|win|won|get|got|receiv|obtain|award|extend|held|hold|organi[sz]|publish"
    r"|process|clos|settl|train|appear|correct|resolv|conclud|approv|accept|becam|becom|succeed|attend|nam|rat|select"
    r"|review|inspect|investigat|punish|impos|collect|spen|allocat"
)
DONE_EN = re.compile(
    rf"\b(?:did|had)\s+(?:[\w'’]+\s+){{0,6}}?(?:{DONE_VERB})\w*\b"
    rf"|\b(?:was|were|has been|have been|had been)\s+(?:[\w'’]+\s+){{0,4}}?(?:{DONE_VERB})\w*ed\b"
    rf"|(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bto )(?<!\bbeing )\b(?:passed|handled|completed|finished|achieved|reached"
    rf"|won|got|received|obtained|published|processed|settled|trained|appeared|corrected|resolved|attended|became)\b"
)
# A question that names what is required (要求, 应当, must, target) asks for the requirement, whatever its tense.
REQUIRED = re.compile(
    r"要求|规定|应当|应该|需要|必须|须|(?<![主重纲])要(?!点)|目标|力争|确保|不少于|不低于|至少|计划|安排|争创|申报"
    r"|\brequir|\bmust\b|\bshould\b|\bneeds?\b|\bsupposed\b|\btarget|\baim|\bplan|\bexpect|\bset\b|\bsays?\b"
    r"|\bstate[sd]?\b|\bspecif|\bstipulat|\bcalls? for\b|\bdue\b|\bgoal|\bintend|\bhas to\b|\bhave to\b"
)
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# The kinds of value an outcome is asked in (how many, how much, what rate, when, whether): not who or which unit.
OUTCOME_KINDS = ("count", "money", "percent", "duration", "date", "yesno", None)
REPORTED = re.compile(r"已(经)?(完成|达到|实现|建成|开展|办理|组织|被|获)|截至\S{0,8}(年|月|日|底)|累计")


def asks_outcome(text: str, since: int | None = None) -> bool:
    """The question asks what has actually been done (实际完成了多少, how many last year, 2023年办理了多少件, did X
    eventually get named …), not what is required. `since`: the year of the notices it is about; a year before it is
    past, so a figure for it is an outcome."""
    low = text.lower()
    if ACTUAL.search(low):
        return True
    if REQUIRED.search(low) or expected(text) not in OUTCOME_KINDS:
        return False
    years = [int(y) for y in YEAR.findall(low)]
    perfect = bool(PERFECT_ZH.search(low) or DONE_EN.search(low))
    return bool(
        PAST_TIME.search(low)
        or DONE_EN.search(low)
        or (perfect and (years or AWARD.search(low)))
        or (since is not None and any(y < since for y in years))
    )


def reports_outcome(sentence: str) -> bool:
    """The sentence reports something done (已完成, 截至年底, 累计, 已被评为), not a target."""
    return bool(REPORTED.search(sentence))


# --- yes/no questions: the value they ask about must be in the passage ---------------------------------------------
MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(), 1
    )
}
MONTH = r"(?P<mon>" + "|".join(rf"{m}|{m[:3]}\.?(?![a-z])" for m in MONTHS) + r")"  # March, Mar., not "markets"
MONTH2 = MONTH.replace("mon", "mon2")
EN_DATE = re.compile(
    rf"\b{MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH2}"
)
ZH_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号])?")
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:[%％]|percent\b)|百分之([\d一二三四五六七八九十百]+)")
COUNTED = re.compile(
    r"(?<![\d.])(\d+)\s*(个|项|条|名|人|次|家|件|期|种|批|所|位|场|份|天|日|工作日|小时|学时|分钟|周|元|万元)"
)
ZH_DIGIT = dict(zip("0123456789", "零一二三四五六七八九", strict=True))


@dataclass(frozen=True)
class AskedValue:
    """A value a yes/no question names (2025, March 1, 100%, 2次): as written, and what a passage holding it matches."""

    text: str
    rx: re.Pattern[str]


def asks_yes_no(text: str) -> bool:
    return bool(by_name("yesno").ask.search(text.lower()))


def _numeral(n: str) -> str:
    """A small number as digits or in Chinese numerals: 2 -> (?:2|二|两)."""
    alts = [n]
    if len(n) == 1:
        alts.append(ZH_DIGIT[n])
        if n == "2":
            alts.append("两")
    elif n == "10":
        alts.append("十")
    return "(?<![\\d.])(?:" + "|".join(alts) + ")"


def asked_values(text: str) -> tuple[AskedValue, ...]:
    """The years, dates, percentages and counted numbers a question names, each with what a passage must say."""
    out: list[AskedValue] = []
    spans: list[tuple[int, int]] = []

    def free(m: re.Match[str]) -> bool:  # not part of a value already read (the 1日 of 3月1日)
        if any(m.start() < b and a < m.end() for a, b in spans):
            return False
        spans.append(m.span())
        return True

    for m in EN_DATE.finditer(text.lower()):
        free(m)
        mon = MONTHS[next(k for k in MONTHS if k.startswith((m.group("mon") or m.group("mon2"))[:3]))]
        day = m.group("day") or m.group("day2")
        out.append(AskedValue(m.group(0), re.compile(rf"(?<!\d){mon}\s*月\s*{day}\s*[日号]")))
    for m in ZH_DATE.finditer(text):
        free(m)
        rx = rf"(?<!\d){m.group(1)}\s*月" + (rf"\s*{m.group(2)}\s*[日号]" if m.group(2) else "")
        out.append(AskedValue(m.group(0), re.compile(rx)))
    for m in PERCENT.finditer(text.lower()):
        free(m)
        n = m.group(1) or m.group(2)
        out.append(AskedValue(m.group(0), re.compile(rf"(?<![\d.]){re.escape(n)}\s*[%％]|百分之{re.escape(n)}")))
    for m in COUNTED.finditer(text):
        if not free(m):
            continue
        out.append(AskedValue(m.group(0), re.compile(_numeral(m.group(1)) + r"\s*" + re.escape(m.group(2)))))
    for m in YEAR.finditer(text):
        if free(m):
            out.append(AskedValue(m.group(1), re.compile(rf"(?<!\d){m.group(1)}(?!\d)")))
    return tuple(out)


def holds_values(values: tuple[AskedValue, ...], sentence: str) -> bool:
    """Whether the sentence says every value the question names."""
    flat = re.sub(r"\s+", "", sentence)
    return all(v.rx.search(flat) or v.rx.search(sentence) for v in values)

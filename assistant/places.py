"""China's provinces, prefectures and counties (the adcode table bundled by the `cpca` package), so that a question
about a place no loaded notice is from is recognised in either script: 乐平市, 镇安县, Leping, Zhen'an County.

A place is foreign when the loaded notices never print it and it is not a province or city above a notice's own
region (陕西 for 柞水县, Jincheng for 陵川县): those name the notice, not another one."""

from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from index.records import Notice

SUFFIXES = (
    "特别行政区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "新区",
    "省",
    "市",
    "县",
    "区",
    "旗",
    "盟",
    "州",
)
MIN_STEM = 2  # 乐平 of 乐平市; a one-character stem (丰 of 丰县) names nothing by itself
MIN_CJK_NAME = 3  # in Chinese text only names with their suffix (乐平市) count: 2-character stems are common words


@dataclass(frozen=True)
class Place:
    adcode: str
    name: str  # 乐平市
    stem: str  # 乐平
    pinyin: str  # leping


def _table() -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca package (China's adcode table) is not installed: pip install cpca")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


def stem(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= MIN_STEM:
            return name[: -len(suffix)]
    return name


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    from pypinyin import lazy_pinyin

    out = []
    with _table().open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = row["name"].strip()
            if not re.fullmatch(r"[\u4e00-\u9fff]{2,}", name):
                continue
            s = stem(name)
            out.append(Place(row["adcode"][:6], name, s, "".join(lazy_pinyin(s)).lower()))
    return tuple(out)


def ancestors(region: str) -> set[str]:
    """The names of a region and of the city and province above it: 柞水县 -> 柞水县, 商洛市, 陕西省."""
    codes = {p.adcode for p in places() if p.name == region or (len(region) >= MIN_STEM and p.stem == region)}
    wanted = {c for code in codes for c in (code, code[:4] + "00", code[:2] + "0000")}
    return {p.name for p in places() if p.adcode in wanted}


@lru_cache(maxsize=8)
def _known(notices: tuple[Notice, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """Place names (Chinese) and pinyin the loaded notices stand for or print."""
    names: set[str] = set()
    for n in notices:
        names |= ancestors(n.region or "")
        names |= {a for a in n.aliases if not a.isascii()}
    flat = "".join(re.sub(r"\s+", "", n.text) for n in notices)
    names |= {p.name for p in places() if p.name in flat or (len(p.stem) >= MIN_CJK_NAME and p.stem in flat)}
    stems = {stem(x) for x in names}
    pinyin = {p.pinyin for p in places() if p.name in names or p.stem in stems}
    pinyin |= {a.lower() for n in notices for a in n.aliases if a.isascii()}
    return frozenset(names | stems), frozenset(pinyin)


@lru_cache(maxsize=1)
def _names() -> re.Pattern[str]:
    """Every place name of MIN_CJK_NAME characters or more, longest first (乐平市 before 平市)."""
    names = sorted({p.name for p in places() if len(p.name) >= MIN_CJK_NAME}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


@lru_cache(maxsize=1)
def _by_pinyin() -> dict[str, Place]:
    return {p.pinyin: p for p in places() if len(p.stem) >= MIN_STEM}


def foreign_places(text: str, notices: list[Notice]) -> tuple[str, ...]:
    """Places of China a question names that the loaded notices are not from and never mention."""
    names, pinyin = _known(tuple(notices))
    out = [m.group(0) for m in _names().finditer(re.sub(r"\s+", "", text))]
    out = [name for name in out if name not in names and stem(name) not in names]
    for m in re.finditer(
        r"(?<![A-Za-z])([A-Z][a-z]+(?:['-]?[a-z]+)?)(?:\s+(?:City|County|District|Prefecture))?", text
    ):
        key = re.sub(r"['-]", "", m.group(1)).lower()
        if key in _by_pinyin() and key not in pinyin and (m.start() > 0 or len(key) >= 5):  # Which, Did: not places
            out.append(m.group(0))
    return tuple(dict.fromkeys(out))


# Two provinces share a toneless pinyin: 陕西 is written Shaanxi, 山西 Shanxi.
PROVINCE_LATIN = {"陕西": "shaanxi"}


@lru_cache(maxsize=4096)
def province_of(region: str) -> Place | None:
    """The province a region lies in: 柞水县 -> 陕西省 (looked up once per region: by_province asks it of every
    notice for every question)."""
    codes = {p.adcode for p in places() if p.name == region or (len(region) >= MIN_STEM and p.stem == region)}
    wanted = {code[:2] + "0000" for code in codes}
    return next((p for p in places() if p.adcode in wanted), None) if len(wanted) == 1 else None


def by_province(text: str, notices: list[Notice]) -> tuple[str, ...]:
    """The notices from the province a question names (陕西的通知, the ones from Shanxi), in either script; a province
    named inside a document title (《陕西省…办法》) names a document, not the notices."""
    bare = re.sub(r"《[^》]*》", " ", re.sub(r"\s+", "", text))
    low = text.lower()
    out = []
    for n in notices:
        p = province_of(n.region or "")
        if p is None:
            continue
        latin = PROVINCE_LATIN.get(p.stem, p.pinyin)
        if p.stem in bare or re.search(rf"\b{latin}\b", low):
            out.append(n.doc_id)
    return tuple(out)


def province_names(low: str, notices: list[Notice], doc_ids: tuple[str, ...]) -> tuple[str, ...]:
    """The province names (as written, lowercased) a question uses for the notices `doc_ids` it named by province."""
    out = []
    for n in notices:
        p = province_of(n.region or "") if n.doc_id in doc_ids else None
        if p is None:
            continue
        for name in (p.name, p.stem, PROVINCE_LATIN.get(p.stem, p.pinyin)):
            if name in low and name not in out:
                out.append(name)
    return tuple(sorted(out, key=len, reverse=True))

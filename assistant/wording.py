"""All the assistant's wording: a Draft's phrases rendered in the asker's language from `data/messages.toml`.

A phrase's values are rendered by type: a Notice as its short name and 文号 (柞水县（柞政办函〔2024〕54号） / Zhashui
(柞政办函〔2024〕54号)), a `Titled` notice with its full title, a Task as its item name, a `Joined` or a tuple/list of
strings as a list, a Phrase recursively, None as nothing. Nothing else in the read side writes Chinese or English.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.records import Answer, Draft, Phrase
from index.records import Notice, Task

MESSAGES = Path(__file__).parent / "data" / "messages.toml"
LANGS = ("zh", "en")
CHINESE_NAME = re.compile(r"[\u4e00-\u9fff][^A-Za-z,;]*")


@dataclass(frozen=True)
class Joined:
    """Values joined by a separator of `[sep]`: `list` (、 / , ), `facts` (； / ; ) or `none`."""

    parts: tuple[Any, ...]
    sep: str = "list"


@dataclass(frozen=True)
class Titled:
    """A notice named with its full title, where the title is itself what was asked (which notices are loaded)."""

    notice: Notice


@dataclass(frozen=True)
class Short:
    """A notice named by its place alone (柞水县 / Zhashui), for lists of notices."""

    notice: Notice


@lru_cache(maxsize=1)
def messages() -> dict[str, dict[str, str]]:
    """Flat key -> {zh, en}; every message must have both languages."""
    data = tomllib.loads(MESSAGES.read_text("utf-8"))
    flat: dict[str, dict[str, str]] = {}

    def walk(prefix: str, node: dict[str, Any]) -> None:
        if set(node) == set(LANGS) and all(isinstance(v, str) for v in node.values()):
            flat[prefix] = node
            return
        for key, value in node.items():
            if not isinstance(value, dict):
                raise ValueError(f"{MESSAGES.name}: {prefix}.{key} must give both zh and en")
            walk(f"{prefix}.{key}" if prefix else key, value)

    walk("", data)
    return flat


def template(key: str, lang: str) -> str:
    try:
        return messages()[key][lang]
    except KeyError:
        raise KeyError(f"no message {key!r} in {lang!r} ({MESSAGES.name})") from None


def notice_name(n: Notice, lang: str) -> str:
    """A notice as the source of a fact: its place and 文号, so the fact asked comes within a few characters (the full
    title is in the sources)."""
    if lang == "en":  # named by its own place (Changjiang), not the city above it that is also an alias (Jingdezhen)
        return f"{short_name(n, lang)} ({n.doc_number or n.title})"
    return short_name(n, lang) + (f"（{n.doc_number}）" if n.doc_number else "")


def titled_name(n: Notice, lang: str) -> str:
    """A notice with its full title, for where the title is asked: 柞水县《…的通知》（柞政办函〔2024〕54号） /
    Zhashui 《…》 (柞政办函〔2024〕54号)."""
    if lang == "en":
        return f"{short_name(n, lang)} 《{n.title}》" + (f" ({n.doc_number})" if n.doc_number else "")
    return f"{n.region or ''}《{n.title}》" + (f"（{n.doc_number}）" if n.doc_number else "")


def short_name(n: Notice, lang: str) -> str:
    """A notice named by its place: 柞水县 / Zhashui."""
    if lang == "en":  # the pinyin the doc_id is named by: changjiang, not the city jingdezhen
        latin = [a for a in n.aliases if a.isascii() and not a.isdigit()] or [n.doc_id]
        return next((a for a in latin if n.doc_id.startswith(a)), latin[-1]).capitalize()
    return n.region or n.title


def item_name(t: Task, lang: str) -> str:
    key = "item.numbered" if t.label[:1].isdigit() else "item.labelled"
    return template(key, lang).format(number=t.number, label=t.label, noun=template(f"item.{t.kind}", lang))


class IsoDate(str):
    """2024-10-01, 2024-10 or 2024, shown as the language writes it (2024年10月1日 / 2024-10-01)."""

    def render(self, lang: str) -> str:
        if lang != "zh":
            return str(self)
        parts = [int(x) for x in self.split("-")]
        return "".join(f"{n}{unit}" for n, unit in zip(parts, ("年", "月", "日"), strict=False))


def render(value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Phrase):
        return phrase(value, lang)
    if isinstance(value, Notice):
        return notice_name(value, lang)
    if isinstance(value, Short):
        return short_name(value.notice, lang)
    if isinstance(value, Titled):
        return titled_name(value.notice, lang)
    if isinstance(value, Task):
        return item_name(value, lang)
    if isinstance(value, IsoDate):
        return value.render(lang)
    if isinstance(value, Joined):
        return template(f"sep.{value.sep}", lang).join(render(v, lang) for v in value.parts)
    if isinstance(value, tuple | list):
        if value and all(isinstance(v, str) and CHINESE_NAME.fullmatch(v) for v in value):
            return "、".join(value)  # Chinese names (units, places) listed as the notices print them, either language
        return template("sep.list", lang).join(render(v, lang) for v in value)
    return str(value)


def phrase(p: Phrase, lang: str) -> str:
    return template(p.key, lang).format_map({k: render(v, lang) for k, v in p.values.items()})


def word(key: str, lang: str) -> str:
    """A message with no values, e.g. the `not_found` sentence."""
    return template(key, lang)


def compose(draft: Draft, lang: str, kind: str) -> Answer:
    """The Answer a draft reads as in `lang`: one line per phrase."""
    text = "\n".join(phrase(p, lang) for p in draft.lines)
    return Answer(text, draft.citations, draft.tasks, lang, found=draft.found, nearest=draft.nearest, kind=kind)

"""An answer as text with numbered sources: `[n]` after the line each source supports, the sources as footnotes
(notice, 文号, label, file and lines). What a chat bubble, the OpenAI-compatible endpoint and the terminal chat show."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.records import Answer, Citation
from index.notices import leading_regions

MARKER = re.compile(r"\[\d+\]")
RUN = 6  # characters a line must share with a quote to count as resting on it
HEAD = {"zh": "来源：", "en": "Sources:"}
LINES = {"zh": "第{start}–{end}行", "en": "lines {start}–{end}"}
UNDERSTOOD = {"zh": "（理解为：{label}）", "en": "(Understood as: {label})"}


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _label_forms(label: str) -> list[re.Pattern[str]]:
    """How an answer line names a row: its label as printed, 第17项 / [17.] for a bare number, a list row '- 17.'."""
    label = label.strip()
    if not label:
        return []
    number = re.fullmatch(r"(\d+)\.?", label)
    if number is None:
        return [re.compile(rf"(?<![\w.]){re.escape(label)}(?!\d)")]
    n = number.group(1)
    return [
        re.compile(rf"第{n}项"),
        re.compile(rf"\[{re.escape(label)}\]"),
        re.compile(rf"^\s*-\s*{re.escape(label)}(?!\d)"),
    ]


def _shares_run(line: str, quote: str) -> bool:
    flat_line, flat_quote = _flat(line), _flat(quote)
    if len(flat_quote) < RUN:
        return bool(flat_quote) and flat_quote in flat_line
    return any(flat_quote[i : i + RUN] in flat_line for i in range(len(flat_quote) - RUN + 1))


def _names(c: Citation) -> list[str]:
    return [x for x in (c.doc_number, c.title) if x]


def _starts_with_place(c: Citation, line: str) -> bool:
    """A line opening with the place a notice without 文号 is named by in the answer (渭南市：…, - 渭南市：…)."""
    places = leading_regions(c.title)[-1:] if not c.doc_number else []
    return any(re.match(rf"\s*(?:-\s*)?{re.escape(p)}(?=[：:（(\s《]|$)", line) for p in places)


def _line_for(c: Citation, lines: Sequence[str], others: Sequence[Citation]) -> int:
    """The answer line citation `c` supports: the line naming its row within its notice's part of the answer, else
    a line quoting it, else the last line of its notice's part."""
    # which notice each line is about: the last notice named at or above it
    about: list[str | None] = []
    current: str | None = None
    for line in lines:
        named = next((o for o in others if any(name in line for name in _names(o))), None)
        named = named or next((o for o in others if _starts_with_place(o, line)), None)
        current = named.doc_id if named else current
        about.append(current)
    own = [i for i in range(len(lines)) if about[i] == c.doc_id]
    mine = [i for i in range(len(lines)) if about[i] in (c.doc_id, None)]  # a heading line names no notice
    forms = _label_forms(c.label)
    for pool in (own, mine, range(len(lines))):
        hits = [i for i in pool if any(f.search(lines[i]) for f in forms)]
        if hits:
            return hits[0]
    quoted = [i for i in mine if _shares_run(lines[i], c.quote)]
    if quoted:
        return quoted[0]
    return mine[-1] if mine else len(lines) - 1


def marked(answer: Answer) -> str:
    """The answer text with `[n]` after the line citation n supports; an answer that has markers (LLM mode) as is."""
    if not answer.citations or MARKER.search(answer.text):
        return answer.text
    lines = answer.text.split("\n")
    marks: dict[int, list[int]] = {}
    for n, c in enumerate(answer.citations, 1):
        marks.setdefault(_line_for(c, lines, answer.citations), []).append(n)
    return "\n".join(line + "".join(f"[{n}]" for n in marks.get(i, [])) for i, line in enumerate(lines))


def footnote(n: int, c: Citation, lang: str) -> str:
    """[1] 《title》（文号） 17. zhashui-2024-task-list.txt 第40–41行"""
    number = f"（{c.doc_number}）" if c.doc_number else ""
    label = f" {c.label}" if c.label else ""
    where = LINES["en" if lang == "en" else "zh"].format(start=c.start_line, end=c.end_line)
    return f"[{n}] 《{c.title}》{number}{label} {c.source} {where}"


def with_sources(answer: Answer, *, show_understood: bool = False) -> str:
    """The whole reply as text: what was understood (when asked, or when the conversation filled something in), the
    answer with its markers, its notes, and the sources as footnotes."""
    lang = "en" if answer.lang == "en" else "zh"
    parts = []
    u = answer.understood
    if u is not None and u.label and (show_understood or u.carried):
        parts.append(UNDERSTOOD[lang].format(label=u.label))
    parts.append(marked(answer))
    parts.extend(f"※ {note}" for note in answer.notes)
    text = "\n".join(parts)
    if answer.citations:
        text += "\n\n" + HEAD[lang] + "\n" + "\n".join(footnote(n, c, lang) for n, c in enumerate(answer.citations, 1))
    return text

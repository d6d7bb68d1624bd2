"""HTML for answers and their sources. Everything from a notice or a user is escaped before it is shown."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from html import escape

from assistant.footnotes import marked
from assistant.records import Answer, Citation
from assistant.wording import short_name
from index.records import ParsedNotice, Task
from index.text import split_lines

CONTEXT_LINES = 2  # lines shown above and below a quoted span
MAX_NEAREST = 3  # a refusal's nearest passages shown, after dropping repeats

TEXT = {
    "zh": {
        "sources": "来源",
        "none": "（无引用）",
        "lines": "行",
        "open": "展开原文",
        "nearest": "可能相关",
        "nearest_hint": "（并未回答这个问题，仅供查找）",
        "understood": "理解为：",
        "carried": "（承接上文）",
        "row": ["编号", "内容", "牵头", "责任", "时限"],
    },
    "en": {
        "sources": "Sources",
        "none": "(no citations)",
        "lines": "lines",
        "open": "show the passage",
        "nearest": "Possibly related",
        "nearest_hint": " (they do not answer the question; shown to help you look)",
        "understood": "Understood as: ",
        "carried": " (from the conversation)",
        "row": ["No.", "Content", "Lead", "Responsible", "Deadline"],
    },
}

# Formatting markup some notices carry as text (<p>…</p> in a table cell): dropped from what is shown. Anything else
# that looks like a tag (<script>, <img>) is the notice's text and is shown, escaped, as text.
MARKUP = re.compile(r"</?(?:p|br|div|span|strong|b|em|i|u|font|section)(?:\s[^<>]*)?/?>", re.I)


def plain(text: str) -> str:
    """Text without formatting markup, the spaces it leaves collapsed (tabs, the cell breaks, stay)."""
    return re.sub(r" {2,}", " ", MARKUP.sub("", text)).strip(" ")


def task_of(c: Citation, tasks: Sequence[Task]) -> Task | None:
    """The task a citation quotes: same label, its lines within the task's."""
    if not c.label:
        return None
    return next(
        (t for t in tasks if t.label == c.label and t.start_line <= c.start_line and c.end_line <= t.end_line), None
    )


def own_segment(line: str, task: Task) -> tuple[int, int] | None:
    """Where a task's own text sits in a (plain) line it shares with others: from its label to its content's end."""
    content = plain(task.content)
    head = content[:20]
    pos = line.find(head) if head else -1
    if pos < 0:
        return None
    end = pos + len(content) if line[pos : pos + len(content)] == content else line.find("\t", pos)
    end = len(line) if end < 0 else end
    label = task.label.strip()
    before = line.rfind(label, max(0, pos - len(label) - 3), pos) if label else -1
    return (before if before >= 0 else pos), end


def row_html(task: Task, ui: str) -> str:
    """The cited item as a labelled row: 编号 / 内容 / 牵头 / 责任 / 时限, its own text and cells only."""
    names = TEXT[ui]["row"]
    values = [task.label, plain(task.content), "、".join(task.lead), "、".join(task.responsible), task.deadline or ""]
    cells = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in zip(names, values, strict=True) if v)
    return f'<dl class="na-row">{cells}</dl>'


def citation_html(
    c: Citation, notice_text: str, n: int, ui: str, tasks: Sequence[Task] = (), head: str | None = None
) -> str:
    """One expandable source: 文号 (or title), label, lines; inside, the cited item as a labelled row and the quote
    highlighted among its surrounding lines. An item sharing its line with others (a merged table row) has only its
    own segment highlighted. Formatting markup (<p>) is not shown."""
    lines = split_lines(notice_text)  # the lines citations count: Notice.lines
    task = task_of(c, tasks)
    shared = task is not None and any(
        o is not task and o.start_line <= c.end_line and c.start_line <= o.end_line for o in tasks
    )
    lo, hi = max(1, c.start_line - CONTEXT_LINES), min(len(lines), c.end_line + CONTEXT_LINES)
    body = []
    for i in range(lo, hi + 1):
        line = plain(lines[i - 1])
        span: tuple[int, int] | None = None
        if c.start_line <= i <= c.end_line:
            span = (0, len(line))
            if shared and task is not None:
                span = own_segment(line, task) or span
            elif i == c.start_line:
                first = plain(split_lines(c.quote)[0]) if c.quote else ""
                pos = line.find(first) if first else -1
                if pos >= 0:
                    span = (pos, pos + len(first))
        if span:
            a, b = span
            cell = escape(line[:a]) + "<mark>" + escape(line[a:b]) + "</mark>" + escape(line[b:])
        else:
            cell = escape(line)
        body.append(f'<span class="ln">{i}</span> {cell}')
    if head is None:
        head = escape(c.title) + (f"（{escape(c.doc_number)}）" if c.doc_number else "")
    summary = (
        f"[{n}] {head}"
        + (f" · {escape(c.label)}" if c.label else "")
        + (f" · {escape(c.source)}:{c.start_line}-{c.end_line}")
    )
    row = row_html(task, ui) if task is not None else ""
    ctx = "<br>".join(body)
    return f'<details class="na-cite"><summary>{summary}</summary>{row}<pre class="na-ctx">{ctx}</pre></details>'


def _cite(c: Citation, docs: Mapping[str, ParsedNotice], n: int, ui: str, head: str | None = None) -> str:
    p = docs.get(c.doc_id)
    if p is None:
        return citation_html(c, "", n, ui, head=head)
    return citation_html(c, p.notice.text, n, ui, p.tasks, head)


def _group_head(c: Citation, docs: Mapping[str, ParsedNotice], ui: str) -> str:
    """A notice's heading among the sources: its short name (柞水县 / Zhashui) and 文号, the full title on hover."""
    p = docs.get(c.doc_id)
    name = short_name(p.notice, ui) if p is not None else c.title
    number = f" · {escape(c.doc_number)}" if c.doc_number else ""
    return f'<div class="na-doc" title="{escape(c.title)}">{escape(name)}{number}</div>'


def nearest_of(answer: Answer) -> list[Citation]:
    """A refusal's nearest passages, each text once (two lines reading 柞水县人民政府办公室 are one), at most three."""
    seen: set[str] = set()
    kept = []
    for c in answer.nearest:
        key = re.sub(r"\s+", "", plain(c.quote))
        if key in seen:
            continue
        seen.add(key)
        kept.append(c)
    return kept[:MAX_NEAREST]


def sources_html(answer: Answer | None, docs: Mapping[str, ParsedNotice], ui: str = "zh") -> str:
    """The sources under an answer, grouped by notice (short name and 文号 above its items), numbered as the [n] in
    the text; a refusal's nearest passages apart from them, labelled 可能相关."""
    t = TEXT[ui]
    if answer is None:
        return ""
    if not answer.citations:
        near = "".join(
            _cite(c, docs, i, ui, escape(c.doc_number or c.title)) for i, c in enumerate(nearest_of(answer), 1)
        )
        none = f'<div class="na-sources"><b>{t["sources"]}</b> {t["none"]}</div>'
        if not near:
            return none
        return none + f'<div class="na-nearest"><b>{t["nearest"]}</b><i>{t["nearest_hint"]}</i>{near}</div>'
    groups: dict[str, list[str]] = {}
    heads: dict[str, str] = {}
    for i, c in enumerate(answer.citations, 1):
        if c.doc_id not in groups:
            heads[c.doc_id] = _group_head(c, docs, ui)
            groups[c.doc_id] = []
        groups[c.doc_id].append(_cite(c, docs, i, ui, escape(c.doc_number or c.title)))
    items = "".join(f'<div class="na-group">{heads[d]}{"".join(g)}</div>' for d, g in groups.items())
    notes = "".join(f'<div class="na-note">{escape(n)}</div>' for n in answer.notes)
    return f'<div class="na-sources"><b>{t["sources"]}</b>{notes}{items}</div>'


def bubble_html(answer: Answer, docs: Mapping[str, ParsedNotice], ui: str = "zh") -> str:
    """One answer bubble: what the question was understood as, the answer with its [n] markers, and under it its
    own sources (so each bubble keeps its sources, and clearing the chat clears them)."""
    t = TEXT[ui]
    head = ""
    if answer.understood is not None and answer.understood.label:
        carried = t["carried"] if answer.understood.carried else ""
        head = f'<div class="na-understood">{t["understood"]}{escape(answer.understood.label)}{carried}</div>\n\n'
    return head + escape(marked(answer)) + "\n\n" + sources_html(answer, docs, ui)


def notice_html(text: str) -> str:
    """The notice's numbered lines, each one an element (data-line) a task-table row can highlight."""
    lines = split_lines(text)
    return (
        '<pre class="na-notice">'
        + "".join(
            f'<span class="na-l" data-line="{i}"><span class="ln">{i}</span> {escape(line)}</span>'
            for i, line in enumerate(lines, 1)
        )
        + "</pre>"
    )


CSS = """
.na-cite summary { cursor: pointer; font-weight: 600; }
.na-ctx, .na-notice {
  white-space: pre-wrap; font-family: inherit; font-size: 0.9em; background: #f7f7f7; padding: 6px;
}
.na-ctx mark, .na-l.na-hl { background: #ffe58f; }
.na-l { display: block; }
.ln { color: #999; display: inline-block; min-width: 2.5em; user-select: none; }
.na-note { color: #8a5a00; }
.na-understood { color: #666; font-size: 0.85em; }
.na-sources, .na-nearest { font-size: 0.9em; border-top: 1px solid #eee; margin-top: 6px; padding-top: 4px; }
.na-doc { font-weight: 600; margin-top: 4px; }
.na-group .na-cite { margin-left: 0.8em; }
.na-row { display: grid; grid-template-columns: max-content 1fr; gap: 2px 8px; margin: 4px 0; }
.na-row dt { color: #666; }
.na-row dd { margin: 0; }
"""

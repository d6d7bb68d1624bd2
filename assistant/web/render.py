"""HTML for answers and their sources. Everything from a notice or a user is escaped before it is shown."""

from __future__ import annotations

from html import escape

from assistant.footnotes import marked
from assistant.records import Answer, Citation
from index.text import split_lines

CONTEXT_LINES = 2  # lines shown above and below a quoted span

TEXT = {
    "zh": {
        "sources": "来源",
        "none": "（无引用）",
        "lines": "行",
        "open": "展开原文",
        "nearest": "最接近的段落（并未回答这个问题，仅供查找）",
        "understood": "理解为：",
        "carried": "（承接上文）",
    },
    "en": {
        "sources": "Sources",
        "none": "(no citations)",
        "lines": "lines",
        "open": "show the passage",
        "nearest": "Nearest passages (they do not answer the question; shown to help you look)",
        "understood": "Understood as: ",
        "carried": " (from the conversation)",
    },
}


def citation_html(c: Citation, notice_text: str, n: int, ui: str) -> str:
    """One expandable source: title, 文号, label, lines; inside, the quote highlighted among its surrounding lines."""
    lines = split_lines(notice_text)  # the lines citations count: Notice.lines
    lo, hi = max(1, c.start_line - CONTEXT_LINES), min(len(lines), c.end_line + CONTEXT_LINES)
    body = []
    for i in range(lo, hi + 1):
        line = lines[i - 1]
        if c.start_line <= i <= c.end_line:
            first = split_lines(c.quote)[0]
            pos = line.find(first) if first else -1
            if pos >= 0 and i == c.start_line:
                cell = (
                    escape(line[:pos])
                    + "<mark>"
                    + escape(line[pos : pos + len(first)])
                    + "</mark>"
                    + escape(line[pos + len(first) :])
                )
            else:
                cell = "<mark>" + escape(line) + "</mark>"
        else:
            cell = escape(line)
        body.append(f'<span class="ln">{i}</span> {cell}')
    head = (
        f"[{n}] {escape(c.title)}"
        + (f"（{escape(c.doc_number)}）" if c.doc_number else "")
        + (f" · {escape(c.label)}" if c.label else "")
        + f" · {escape(c.source)}:{c.start_line}-{c.end_line}"
    )
    return f'<details class="na-cite"><summary>{head}</summary><pre class="na-ctx">{"<br>".join(body)}</pre></details>'


def sources_html(answer: Answer | None, texts: dict[str, str], ui: str = "zh") -> str:
    t = TEXT[ui]
    if answer is None:
        return ""
    if not answer.citations:
        near = "".join(citation_html(c, texts.get(c.doc_id, ""), i, ui) for i, c in enumerate(answer.nearest, 1))
        near = f'<div class="na-nearest"><i>{t["nearest"]}</i>{near}</div>' if near else ""
        return f'<div class="na-sources"><b>{t["sources"]}</b> {t["none"]}{near}</div>'
    items = "".join(citation_html(c, texts.get(c.doc_id, ""), i, ui) for i, c in enumerate(answer.citations, 1))
    notes = "".join(f'<div class="na-note">{escape(n)}</div>' for n in answer.notes)
    return f'<div class="na-sources"><b>{t["sources"]}</b>{notes}{items}</div>'


def bubble_html(answer: Answer, texts: dict[str, str], ui: str = "zh") -> str:
    """One answer bubble: what the question was understood as, the answer with its [n] markers, and under it its
    own sources (so each bubble keeps its sources, and clearing the chat clears them)."""
    t = TEXT[ui]
    head = ""
    if answer.understood is not None and answer.understood.label:
        carried = t["carried"] if answer.understood.carried else ""
        head = f'<div class="na-understood">{t["understood"]}{escape(answer.understood.label)}{carried}</div>\n\n'
    return head + escape(marked(answer)) + "\n\n" + sources_html(answer, texts, ui)


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
.na-sources { font-size: 0.9em; border-top: 1px solid #eee; margin-top: 6px; padding-top: 4px; }
"""

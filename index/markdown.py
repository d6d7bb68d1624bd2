"""Markdown notices as the plain text every other format loads to: headings without `#`, emphasis without its
marks, a table's rows TAB-joined with the `|---|` row dropped, an ordered list's `1.` kept (it is the notice's own
numbering). Each block stays on the lines it had in the file, so a quoted line reads as the file shows it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from index.text import split_lines

# CommonMark does not close `**…**` next to CJK punctuation (**〔2025〕7号**。); what it left open is removed here.
EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
BR = re.compile(r"^<br\s*/?>$", re.I)
TEXT_TOKENS = ("text", "text_special", "code_inline")


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def markdown_lines(text: str, html_lines: Callable[[str], list[str]]) -> list[str]:
    """The lines of a Markdown text as plain text; `html_lines` reads a raw HTML block (a `<table>` in the file)."""
    source = split_lines(text)
    out: list[str] = []
    at = 0  # the next line of the file not yet written
    marker = ""  # an ordered list item's number, written before its first line
    row: list[str] | None = None
    for tok in _parser().parse(text):
        if tok.type == "list_item_open":
            marker = f"{tok.info}{tok.markup} " if tok.info else ""
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "inline" and row is not None:
            row.append(_inline(tok.children or [], " "))
        elif tok.type == "tr_close" and row is not None:
            out.append("\t".join(row))
            row = None
        elif tok.map and (lines := _block(tok, html_lines)) is not None:
            start, end = tok.map
            out.extend("" for line in source[at:start] if not line.strip())  # blank lines between blocks
            if lines and marker:
                lines[0], marker = marker + lines[0], ""
            out.extend(lines)
            at = max(at, end)
        if tok.type == "tr_open" and tok.map:
            out.extend("" for line in source[at : tok.map[0]] if not line.strip())
            at = tok.map[1]
    out.extend("" for line in source[at:] if not line.strip())
    return out


def _block(tok: Token, html_lines: Callable[[str], list[str]]) -> list[str] | None:
    """The lines a leaf block prints, or None for a token that prints nothing itself (an opening tag, a list)."""
    if tok.type == "inline":
        return split_lines(_inline(tok.children or [], "\n"))
    if tok.type in ("fence", "code_block"):
        return split_lines(tok.content.rstrip("\n"))
    if tok.type == "html_block":
        return html_lines(tok.content)
    if tok.type == "hr":
        return []
    return None


def _inline(children: Sequence[Token], newline: str) -> str:
    """An inline run as text: marks dropped, a link as its text, an image as its alt text, line breaks as `newline`."""
    parts: list[str] = []
    for child in children:
        if child.type in TEXT_TOKENS:
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or (child.type == "html_inline" and BR.match(child.content)):
            parts.append(newline)
        elif child.type == "image":
            parts.append(_inline(child.children or [], newline))
    return EMPHASIS.sub(r"\2", "".join(parts))

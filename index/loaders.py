"""Turn notice files (txt, md, html, docx, pdf) into plain text.

Every loader emits the convention of the bundled notices: one paragraph per line and
one table row per line, its cells joined by TAB, so the task-table parser reads all
formats alike.
"""

from __future__ import annotations

import codecs
import io
import os
import pickle
import re
import select
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from bs4 import BeautifulSoup, Tag
from bs4.element import PreformattedString
from charset_normalizer import from_bytes
from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tc
from docx.oxml.xmlchemy import BaseOxmlElement
from pdfplumber.page import Page

from index import lifeline
from index.errors import LoadError
from index.grids import docx_rows, html_rows, is_layout_table, pdf_rows, stitch_pages
from index.markdown import markdown_lines
from index.text import normalise_newlines, one_line, split_lines, without_marks

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")

# Checked longest first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_GB_LABELS = {"gb2312", "gbk", "gb18030", "cp936", "euccn", "xgbk"}
# Control and private-use characters: binary data decoded by a permissive codec
# (GB18030 accepts most byte pairs) is full of them; \x1a ends old DOS files.
_JUNK = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\ue000-\uf8ff]")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_HTML_DROP = ("script", "style", "nav", "header", "footer", "noscript", "template", "head")
_HTML_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd section article main aside blockquote "
    "pre form address figure figcaption caption hr center".split()
)

# Runs a paragraph shows, including tracked insertions and links that python-docx's
# Paragraph.text skips; deleted text (w:del) is left out.
_DOCX_RUNS = "|".join(
    f"./{wrap}w:r"
    for wrap in ("", "w:hyperlink/", "w:ins/", "w:smartTag/", "w:fldSimple/", "w:customXml/", "w:sdt/w:sdtContent/")
)


@dataclass(frozen=True)
class Limits:
    """What one file may cost to read, checked before the expensive work. A PDF is read in a child process with its
    own memory ceiling and clock, so a hostile file costs that process, never the server."""

    max_bytes: int = 20_000_000  # the file as uploaded
    docx_parts: int = 2_000  # members of the .docx zip
    docx_expanded: int = 200_000_000  # bytes its members decompress to, as the zip declares them
    pdf_pages: int = 500
    pdf_seconds: float = 120.0  # reading every page, once the reader has started
    pdf_memory: int = 2_000_000_000  # address space of the reader's process


@dataclass(frozen=True)
class LoadedText:
    """The text of one file, in the one-line-per-paragraph-or-table-row convention."""

    path: Path
    text: str
    fmt: str  # "txt" | "md" | "html" | "docx" | "pdf"
    encoding: str | None  # detected encoding for txt/md/html, None otherwise


def load_file(path: str | Path, *, max_bytes: int | None = None, limits: Limits | None = None) -> LoadedText:
    """Read one supported file as text; any failure, or a file over one of `limits`, is raised as a LoadError that
    names the limit."""
    limits = limits or Limits()
    max_bytes = limits.max_bytes if max_bytes is None else max_bytes
    p = Path(path)
    if not p.exists():
        raise LoadError(p, "file not found")
    if p.is_dir():
        raise LoadError(p, "is a directory, not a file")
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kinds = ", ".join(SUPPORTED_SUFFIXES)
        raise LoadError(p, f"unsupported file type {suffix or '(no suffix)'!r}; supported: {kinds}")
    try:
        size = p.stat().st_size
        if size == 0:
            raise LoadError(p, "empty file")
        if size > max_bytes:
            raise LoadError(p, f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes")
        data = p.read_bytes()
        if suffix == ".txt":
            text, enc = _decode(data, p)
            return LoadedText(p, without_marks(normalise_newlines(text)), "txt", enc)
        if suffix == ".md":
            text, enc = _decode(data, p)
            return LoadedText(p, _markdown(normalise_newlines(text), p), "md", enc)
        if suffix in (".html", ".htm"):
            m = _META_CHARSET.search(data[:4096])
            text, enc = _decode(data, p, declared=m.group(1).decode("ascii") if m else None)
            return LoadedText(p, _join(_html_lines(text), p), "html", enc)
        if suffix == ".docx":
            _check_zip(data, p, limits)
            return LoadedText(p, _join(_docx_lines(data, p), p), "docx", None)
        return LoadedText(p, _join(_pdf_in_child(data, p, limits), p), "pdf", None)
    except LoadError:
        raise
    except Exception as e:  # a library error must reach the user as one line naming the file
        raise LoadError(p, _one_line(e)) from e


def load_files(
    paths: Iterable[str | Path], *, max_bytes: int | None = None, limits: Limits | None = None
) -> tuple[list[LoadedText], list[LoadError]]:
    """Loads each file; a file that fails yields a LoadError and the others still load."""
    loaded: list[LoadedText] = []
    errors: list[LoadError] = []
    for path in paths:
        try:
            loaded.append(load_file(path, max_bytes=max_bytes, limits=limits))
        except LoadError as e:
            errors.append(e)
    return loaded, errors


# --- text decoding ---------------------------------------------------------------


def _decode(data: bytes, path: Path, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes as text; returns (text, encoding name) or raises LoadError for binary."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as e:
                raise LoadError(path, f"starts with a {enc} BOM but is not {enc}: {e.reason}") from e
            if _is_junk(text):
                break
            return text, enc
    if b"\x00" in data or _is_junk(data[:4096].decode("latin-1")):
        raise LoadError(path, "not a text file (binary content)")
    tries = [("utf-8", "strict")]
    if declared:  # GB18030 reads everything labelled GB2312/GBK
        label = declared.lower().replace("_", "").replace("-", "")
        tries.append(("gb18030" if label in _GB_LABELS else declared, "strict"))
    # Chinese notices that are not UTF-8 are almost always GBK/GB2312, which GB18030 reads;
    # "replace" keeps a notice with a stray bad byte (a cut file, a cp936 euro sign).
    tries += [("gb18030", "strict"), ("gb18030", "replace")]
    for enc, errors in tries:
        try:
            text = data.decode(enc, errors)
        except (UnicodeDecodeError, LookupError):
            continue
        if errors == "replace" and text.count("\ufffd") > max(1, len(text) // 1000):
            continue
        if not _is_junk(text):
            return text, enc
    # charset-normalizer ranks short texts poorly; for Chinese notices prefer the most Han.
    matches = [m for m in from_bytes(data) if not _is_junk(str(m))]
    if not matches:
        raise LoadError(path, "not a text file (binary content)")
    best = max(matches, key=lambda m: len(_CJK.findall(str(m))))
    return str(best), best.encoding


def _is_junk(text: str) -> bool:
    return len(_JUNK.findall(text)) > max(2, len(text) // 100)


def _join(lines: list[str], path: Path) -> str:
    if not any(line.strip() for line in lines):
        raise LoadError(path, "no text content")
    return normalise_newlines("\n".join(lines)) + "\n"


def _markdown(text: str, path: Path) -> str:
    """A Markdown file as plain text, line for line (a table's `|---|` row dropped)."""
    lines = markdown_lines(text, _html_lines)
    if not any(line.strip() for line in lines):
        raise LoadError(path, "no text content")
    return "\n".join(lines)


def _one_line(e: BaseException) -> str:
    # pdfplumber wraps pdfminer's error (e.g. PDFPasswordIncorrect) as its only argument
    while len(e.args) == 1 and isinstance(e.args[0], BaseException):
        e = e.args[0]
    msg = next((s.strip() for s in str(e).splitlines() if s.strip()), "")
    return f"{type(e).__name__}: {msg[:200]}" if msg else type(e).__name__


def _cell(text: str) -> str:
    """A table cell on one line: inner newlines and tabs would split the row."""
    return one_line(text)


# --- html ------------------------------------------------------------------------


def _html_lines(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_HTML_DROP):
        tag.decompose()
    return _html_walk(soup.body or soup)


def _html_walk(root: Tag) -> list[str]:
    """Lines of an element: blocks and <br> break lines, each <tr> is one TAB-joined line."""
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        line = one_line("".join(buf))
        buf.clear()
        if line:
            lines.append(line)

    def walk(node: Tag, pre: bool) -> None:
        for child in node.children:
            if not isinstance(child, Tag):  # a node is a tag or a string
                if isinstance(child, PreformattedString):  # comments, doctype, CDATA
                    continue
                parts = split_lines(str(child)) if pre else [str(child)]
                for i, part in enumerate(parts):
                    if i:
                        flush()
                    buf.append(part)
            elif child.name == "br":
                flush()
            elif child.name == "table":
                flush()
                lines.extend(_html_table(child))
            elif child.name in _HTML_BLOCKS:
                flush()
                walk(child, pre or child.name == "pre")
                flush()
            else:
                walk(child, pre)

    walk(root, False)
    flush()
    return lines


def _html_table(table: Tag) -> list[str]:
    """One line per row; merged cells as `html_rows` applies them. A page laid out in a table is read as prose."""
    if is_layout_table(table):
        return [
            line for td in table.find_all(["td", "th"]) if td.find_parent("table") is table for line in _html_walk(td)
        ]
    lines = [_cell(" ".join(_html_walk(c))) for c in table.find_all("caption", recursive=False)]
    for out in html_rows(table, lambda td: _cell(" ".join(_html_walk(td)))):
        if any(out):
            lines.append("\t".join(out))
    return lines


# --- docx ------------------------------------------------------------------------


def _check_zip(data: bytes, path: Path, limits: Limits) -> None:
    """A zip bomb is refused from its directory, before anything is decompressed (zipfile reads a member only up to
    its declared size, so the declared sizes bound what parsing can allocate)."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError) as e:
        raise LoadError(path, f"not a valid .docx: {_one_line(e)}") from e
    if len(infos) > limits.docx_parts:
        raise LoadError(path, f".docx has {len(infos):,} parts, over the limit of {limits.docx_parts:,}")
    expanded = sum(i.file_size for i in infos)
    if expanded > limits.docx_expanded:
        raise LoadError(
            path, f".docx expands to {expanded:,} bytes, over the limit of {limits.docx_expanded:,} (a zip bomb?)"
        )


def _docx_lines(data: bytes, path: Path) -> list[str]:
    try:
        doc = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as e:
        raise LoadError(path, f"not a valid .docx: {_one_line(e)}") from e
    lines: list[str] = []
    _docx_walk(doc.element.body, lines, nested=False)
    return lines


def _docx_walk(container: BaseOxmlElement, lines: list[str], *, nested: bool) -> None:
    """Paragraphs and tables of a body or cell in document order; nested rows join by spaces."""
    for el in container.iterchildren():
        if el.tag == qn("w:p"):
            lines.append("".join(r.text for r in el.xpath(_DOCX_RUNS)))
        elif el.tag == qn("w:tbl"):
            for cells in docx_rows(el, _docx_cell):
                lines.append((" " if nested else "\t").join(cells))
        elif el.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
            _docx_walk(el, lines, nested=nested)


def _docx_cell(tc: CT_Tc) -> str:
    parts: list[str] = []
    _docx_walk(tc, parts, nested=True)
    return _cell(" ".join(parts))


# --- pdf -------------------------------------------------------------------------


def _pdf_in_child(data: bytes, path: Path, limits: Limits) -> list[str]:
    """pdf_lines in a fresh interpreter (index/pdfchild.py) under `limits`: a page count over the limit, a reader
    that needs more memory or time, or one that dies, is this file's LoadError; the caller never holds what the
    PDF inflates to."""
    root = str(Path(__file__).resolve().parents[1])  # where `index` is, however the caller found it
    line = lifeline.line().fileno()  # the child exits with the server (index/lifeline.py)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
        lifeline.ENV: str(line),
    }
    cmd = [sys.executable, "-m", "index.pdfchild", str(limits.pdf_memory), str(limits.pdf_pages)]
    proc = subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, pass_fds=(line,)
    )
    assert proc.stdout is not None
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 60)  # the reader's imports, on a busy machine
        if not ready or proc.stdout.read(1) != b"R":
            raise LoadError(path, "the PDF reader did not start")
        try:
            out, _ = proc.communicate(pickle.dumps((data, path.name)), timeout=limits.pdf_seconds)
        except subprocess.TimeoutExpired:
            raise LoadError(path, f"reading the PDF took over {limits.pdf_seconds:g} s, the limit") from None
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    if not out:
        raise LoadError(path, f"the PDF reader died (exit code {proc.returncode}); the file is refused")
    status, value = pickle.loads(out)
    if status == "error":
        raise LoadError(path, value)
    return value


def pdf_lines(data: bytes, path: Path, max_pages: int) -> list[str]:
    lines: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > max_pages:
                raise LoadError(path, f"the PDF has {len(pdf.pages):,} pages, over the limit of {max_pages:,}")
            lines = stitch_pages([_pdf_page(page) for page in pdf.pages])
    except (LoadError, MemoryError):
        raise
    except Exception as e:
        if any(isinstance(x, MemoryError) for x in (e.__cause__, e.__context__)) or "MemoryError" in repr(e):
            raise MemoryError from e  # pdfminer wraps zlib's; the caller names the memory limit
        reason = _one_line(e)
        if "password" in reason.lower() or "encrypt" in reason.lower():
            raise LoadError(path, f"encrypted PDF (password required): {reason}") from e
        raise LoadError(path, f"not a valid .pdf: {reason}") from e
    if not lines:
        raise LoadError(path, "no extractable text (scanned PDF?)")
    return lines


def _pdf_page(page: Page) -> list[str | list[list[str]]]:
    """Text lines outside the tables and each table's rows, in the order they sit on the page."""
    tables = page.find_tables()
    rest = page
    for t in tables:
        rest = rest.outside_bbox(t.bbox, strict=False)
    # (top, order, item): sorting by top puts each table where it sits on the page
    items: list = [(ln["top"], i, ln["text"]) for i, ln in enumerate(rest.extract_text_lines()) if ln["text"].strip()]
    for t in tables:
        items.append((t.bbox[1], len(items), [[_pdf_cell(c) for c in row] for row in pdf_rows(t)]))
    return [item for _, _, item in sorted(items, key=lambda x: (x[0], x[1]))]


def _pdf_cell(text: str | None) -> str:
    """A PDF cell wraps visually; CJK text rejoins without a space, other text with one."""
    if not text:
        return ""
    out = ""
    for part in (s.strip() for s in split_lines(text)):
        if out and part and not (_CJK.match(out[-1]) and _CJK.match(part[0])):
            out += " "
        out += part
    return _cell(out)

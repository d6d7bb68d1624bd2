"""Hostile files are refused fast, by a named limit, without the reading process paying for them.

Each bomb is built here in code: small on disk, huge once expanded. The limits are those of index.loaders.Limits;
where the default would need gigabytes to trip, the test sets a smaller limit and a bomb just over it, which
exercises the same check."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from docx import Document
from fpdf import FPDF

from index.errors import LoadError
from index.loaders import Limits, load_file

REPO = Path(__file__).resolve().parents[2]
MB = 1_000_000


def _zeros_deflated(n: int) -> bytes:
    """zlib stream of n zero bytes, built chunk by chunk (never n bytes in memory)."""
    z = zlib.compressobj(9)
    chunk = bytes(MB)
    out = [z.compress(chunk) for _ in range(n // MB)]
    return b"".join(out) + z.flush()


def _docx_bytes() -> bytes:
    doc = Document()
    doc.add_paragraph("某县人民政府办公室关于印发任务清单的通知")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _docx_with(path: Path, extra: dict[str, int]) -> Path:
    """A real .docx plus members of the given expanded sizes (zeros, streamed into the zip)."""
    path.write_bytes(_docx_bytes())
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, size in extra.items():
            with z.open(name, "w", force_zip64=True) as member:
                for _ in range(size // MB):
                    member.write(bytes(MB))
                member.write(bytes(size % MB))
    return path


def _pdf_pages(path: Path, pages: int) -> Path:
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for n in range(pages):
        pdf.add_page()
        pdf.cell(text=f"page {n + 1}: task {n + 1}. lead: county justice bureau")
    pdf.output(str(path))
    return path


def _flate_bomb_pdf(path: Path, expanded: int) -> Path:
    """A one-page PDF whose content stream inflates to `expanded` bytes."""
    stream = _zeros_deflated(expanded)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())
    return path


def _refused(path: Path, limits: Limits, match: str) -> float:
    start = time.monotonic()
    with pytest.raises(LoadError, match=match):
        load_file(path, limits=limits)
    return time.monotonic() - start


def test_a_docx_zip_bomb_is_refused_from_its_directory(tmp_path):
    bomb = _docx_with(tmp_path / "bomb.docx", {"word/media/image1.bin": 250 * MB})
    assert bomb.stat().st_size < 2 * MB
    took = _refused(
        bomb, Limits(), r"bomb\.docx: \.docx expands to 250,\d{3},\d{3} bytes, over the limit of 200,000,000"
    )
    assert took < 2


def test_a_docx_with_too_many_parts_is_refused(tmp_path):
    path = tmp_path / "parts.docx"
    path.write_bytes(_docx_bytes())
    with zipfile.ZipFile(path, "a") as z:
        for n in range(60):
            z.writestr(f"customXml/extra{n}.xml", "<a/>")
    _refused(path, Limits(docx_parts=50), r"parts\.docx: \.docx has \d+ parts, over the limit of 50")
    assert load_file(path).fmt == "docx", "under the default limit the same file loads"


def test_a_pdf_over_the_page_limit_is_refused_before_its_pages_are_read(tmp_path):
    path = _pdf_pages(tmp_path / "long.pdf", 12)
    _refused(path, Limits(pdf_pages=10), r"long\.pdf: the PDF has 12 pages, over the limit of 10")
    assert "task 12" in load_file(path).text


def test_a_pdf_reader_over_its_time_is_stopped(tmp_path):
    path = _pdf_pages(tmp_path / "slow.pdf", 40)
    took = _refused(path, Limits(pdf_seconds=0.01), r"slow\.pdf: reading the PDF took over 0\.01 s, the limit")
    assert took < 30


def test_a_pdf_flate_bomb_is_refused_and_the_caller_stays_small(tmp_path):
    """The bomb inflates to 400 MB; its reader may use 300 MB. The refusal comes from the reader's own process, and
    the process that asked (run here as a separate interpreter, to measure its peak: VmHWM, which unlike ru_maxrss does
    not inherit the forking parent's size) never holds the inflated data."""
    bomb = _flate_bomb_pdf(tmp_path / "bomb.pdf", 400 * MB)
    assert bomb.stat().st_size < 2 * MB
    script = (
        "import json, sys, time\n"
        "from index.loaders import Limits, load_file\n"
        "from index.errors import LoadError\n"
        "t = time.monotonic()\n"
        "try:\n"
        "    load_file(sys.argv[1], limits=Limits(pdf_memory=300_000_000))\n"
        "    msg = None\n"
        "except LoadError as e:\n"
        "    msg = str(e)\n"
        "hwm = next(l for l in open('/proc/self/status') if l.startswith('VmHWM:'))\n"
        "print(json.dumps({'error': msg, 's': time.monotonic() - t, 'peak_kb': int(hwm.split()[1])}))\n"
    )
    r = subprocess.run([sys.executable, "-c", script, str(bomb)], capture_output=True, text=True, cwd=REPO, timeout=120)
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["error"] and out["error"].startswith("bomb.pdf: "), out
    assert out["error"] == "bomb.pdf: reading the PDF needs over 300,000,000 bytes of memory, the limit", out
    assert out["s"] < 30, out
    assert out["peak_kb"] < 200_000, f"the asking process peaked at {out['peak_kb']:,} kB"

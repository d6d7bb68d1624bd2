"""Loaders turn every format into the bundled notices' convention: one TAB-joined line per table row."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from fpdf import FPDF
from fpdf.fonts import FontFace

from assistant.config import BUNDLED_NOTICES
from index.errors import LoadError
from index.loaders import LoadedText, load_file, load_files

NOTICES = BUNDLED_NOTICES
ROW = "1.\t配合完成统一公开查询平台。\t县司法局\t各镇(办)\t2024年12月底前"
NOTICE_TXT = (
    f"关于印发任务清单的通知\n\n各镇(办)：\n序号\t任务\t牵头单位\t责任单位\t完成时限\n{ROW}\n\n（此件公开发布）\n"
)


def _lines(loaded: LoadedText) -> list[str]:
    return loaded.text.split("\n")


def _cjk_font() -> Path | None:
    """A CJK TrueType font for fpdf2 (Debian: fonts-wqy-microhei), or None."""
    known = [
        Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
        Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    ]
    found = next((p for p in known if p.is_file()), None)
    if found is None and shutil.which("fc-list"):
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True).stdout
        files = [Path(line.split(":")[0]) for line in out.splitlines()]
        found = next((p for p in files if p.suffix.lower() in (".ttf", ".ttc", ".otf")), None)
    return found


# --- txt / md -------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding, expected",
    [
        ("gbk", "gb18030"),
        ("gb18030", "gb18030"),
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),  # Python writes a BOM for "utf-16"
    ],
)
def test_txt_encodings_decode_to_the_same_lines(tmp_path, encoding, expected):
    path = tmp_path / f"notice-{encoding}.txt"
    path.write_bytes(NOTICE_TXT.encode(encoding))

    loaded = load_file(path)

    assert loaded.encoding == expected, f"{path.name}: detected {loaded.encoding}"
    assert loaded.fmt == "txt"
    assert not loaded.text.startswith("\ufeff"), f"{path.name}: BOM kept"
    assert ROW in _lines(loaded), f"{path.name}: task row missing or split"
    assert loaded.text == NOTICE_TXT, f"{path.name}: text altered"


def test_gb18030_only_characters(tmp_path):
    text = "任务：保障𠮷祥村道路畅通\t县交通运输局\n"
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")  # the point of the fixture: GBK cannot hold 𠮷
    path = tmp_path / "gb18030.txt"
    path.write_bytes(text.encode("gb18030"))

    assert load_file(path).text == text


def test_gbk_with_a_stray_bad_byte_still_loads(tmp_path):
    # cp936 writes the euro sign as 0x80, which GBK/GB18030 decoders reject
    path = tmp_path / "euro.txt"
    path.write_bytes("价格".encode("gbk") + b"\x80" + f"100元\n{ROW}\n".encode("gbk"))

    loaded = load_file(path)

    assert loaded.encoding == "gb18030"
    assert loaded.text == f"价格\ufffd100元\n{ROW}\n"


def test_big5_is_not_mistaken_for_gbk(tmp_path):
    text = "關於印發任務清單的通知\n縣司法局\t長期堅持\n"
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))

    loaded = load_file(path)

    assert (loaded.text, loaded.encoding) == (text, "big5")


def test_txt_newlines_normalised_and_line_count_kept(tmp_path):
    path = tmp_path / "crlf.md"
    path.write_bytes("第一行\r\n\r\n第三行\r第四行\n\n\n第七行".encode("gbk"))

    loaded = load_file(path)

    assert loaded.fmt == "md"
    assert loaded.text == "第一行\n\n第三行\n第四行\n\n\n第七行"
    assert len(_lines(loaded)) == 7


@pytest.mark.parametrize("path", sorted(NOTICES.glob("*.txt")), ids=lambda p: p.name)
def test_bundled_notices_load_unchanged(path):
    """As the file says, line for line; only a Word converter's markers ([bookmark: _GoBack]) are left out."""
    expected = path.read_text("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    loaded = load_file(path)
    assert loaded.text == re.sub(r"\[bookmark:[^\]\n]*\]", "", expected), f"{path.name}: text differs from the file"
    assert len(_lines(loaded)) == expected.count("\n") + 1
    assert (loaded.fmt, loaded.encoding) == ("txt", "utf-8")


def test_all_five_bundled_notices_present():
    assert len(list(NOTICES.glob("*.txt"))) == 5


# --- html -----------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html><head><meta charset="gbk"><title>通知</title><style>p {color: red}</style></head>
<body>
<nav>首页 &gt; 政务公开</nav>
<script>alert(1)</script>
<h1>关于印发任务清单的通知</h1>
<p>各镇(办)：<br>现将任务清单印发给你们，
请认真贯彻执行。</p>
<table border="1">
  <thead><tr><th>序号</th><th>任务</th><th>牵头单位</th><th>责任单位</th><th>完成时限</th></tr></thead>
  <tbody>
  <tr><td>1.</td><td>配合完成<b>统一公开</b>查询平台。</td><td>县司法局</td><td>各镇(办)</td><td>2024年12月底前</td></tr>
  </tbody>
</table>
<footer>版权所有 县人民政府</footer>
</body></html>
"""


def test_html_table_rows_are_tab_lines_and_script_is_dropped(tmp_path):
    path = tmp_path / "notice.html"
    path.write_bytes(HTML.encode("gbk"))

    loaded = load_file(path)
    lines = _lines(loaded)

    assert loaded.encoding == "gb18030"  # from <meta charset="gbk">
    assert ROW in lines, f"{path.name}: task row not one TAB line: {lines}"
    assert "序号\t任务\t牵头单位\t责任单位\t完成时限" in lines
    assert "关于印发任务清单的通知" in lines
    assert "各镇(办)：" in lines  # <br> breaks the line
    assert "现将任务清单印发给你们， 请认真贯彻执行。" in lines
    for dropped in ("alert", "color", "首页", "版权所有"):
        assert dropped not in loaded.text, f"{path.name}: {dropped!r} leaked from script/style/nav/footer"


def test_html_rowspan_repeats_colspan_pads_and_nested_table_is_flattened(tmp_path):
    path = tmp_path / "merged.htm"
    path.write_text(
        "<table><tr><td rowspan=2>一、政务公开</td><td>1.</td><td>公开清单</td></tr>"
        "<tr><td>2.</td><td>更新<p>目录</p><table><tr><td>甲</td><td>乙</td></tr></table></td></tr>"
        "<tr><td colspan=2>合计</td><td>2项</td></tr></table>",
        "utf-8",
    )

    # A row's line is its citation, so a merged value is on every row it covers; colspan keeps the columns.
    assert _lines(load_file(path))[:3] == [
        "一、政务公开\t1.\t公开清单",
        "一、政务公开\t2.\t更新 目录 甲 乙",
        "合计\t\t2项",
    ]


def test_html_page_laid_out_in_a_table_keeps_its_data_table_rows(tmp_path):
    path = tmp_path / "layout.html"
    path.write_text(
        "<table><tr><td>首页 政务公开</td></tr><tr><td><p>关于印发任务清单的通知</p>"
        "<table><tr><th>序号</th><th>任务</th><th>牵头单位</th></tr><tr><td>1</td><td>公开清单</td><td>县司法局</td></tr>"
        "</table><p>此件公开发布</p></td></tr></table>",
        "utf-8",
    )

    assert _lines(load_file(path))[:5] == [
        "首页 政务公开",
        "关于印发任务清单的通知",
        "序号\t任务\t牵头单位",
        "1\t公开清单\t县司法局",
        "此件公开发布",
    ]


# --- docx -----------------------------------------------------------------------


def _docx(path: Path) -> Path:
    """A notice whose table has a vertically merged category column and one horizontal merge."""
    doc = Document()
    doc.add_paragraph("关于印发任务清单的通知")
    table = doc.add_table(rows=4, cols=5)
    rows = [
        ("类别", "序号", "任务", "牵头单位", "完成时限"),
        ("一、政务公开", "1.", "配合完成统一公开查询平台。", "县司法局", "2024年12月底前"),
        ("", "2.", "推进行政执法公示。", "县司法局", "2025年6月底前"),
        ("二、执法监督", "3.", "加强执法监督。", "长期坚持", ""),
    ]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(2, 0))  # vertical: repeated on the continuation row
    table.cell(3, 3).merge(table.cell(3, 4))  # horizontal: one gridSpan cell, its second column empty
    note = table.cell(2, 2)
    note.add_paragraph("（按季度报送）")
    note.add_table(rows=1, cols=2).rows[0].cells[0].text = "附表"
    doc.add_paragraph("（此件公开发布）")
    doc.save(path)
    return path


def test_docx_rows_with_merged_cells(tmp_path):
    loaded = load_file(_docx(tmp_path / "notice.docx"))
    lines = [line for line in _lines(loaded) if line]

    assert (loaded.fmt, loaded.encoding) == ("docx", None)
    assert lines == [
        "关于印发任务清单的通知",
        "类别\t序号\t任务\t牵头单位\t完成时限",
        "一、政务公开\t1.\t配合完成统一公开查询平台。\t县司法局\t2024年12月底前",
        "一、政务公开\t2.\t推进行政执法公示。 （按季度报送） 附表\t县司法局\t2025年6月底前",
        "二、执法监督\t3.\t加强执法监督。\t长期坚持\t",
        "（此件公开发布）",
    ]
    assert loaded.text.count("长期坚持") == 1


def test_docx_tracked_insertion_and_hyperlink_text_kept_deletion_dropped(tmp_path):
    doc = Document()
    para = doc.add_paragraph("牵头单位：")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    para._p.append(parse_xml(f'<w:ins {w} w:id="1" w:author="a"><w:r><w:t>县司法局</w:t></w:r></w:ins>'))
    para._p.append(parse_xml(f'<w:del {w} w:id="2" w:author="a"><w:r><w:delText>县政府办</w:delText></w:r></w:del>'))
    para._p.append(parse_xml(f"<w:hyperlink {w}><w:r><w:t>（详见附件）</w:t></w:r></w:hyperlink>"))
    doc.save(tmp_path / "tracked.docx")

    assert load_file(tmp_path / "tracked.docx").text == "牵头单位：县司法局（详见附件）\n"


# --- pdf ------------------------------------------------------------------------


def _pdf(path: Path, rows: list[tuple[str, ...]], *, font: Path | None = None, before: str, after: str) -> Path:
    """A one-page PDF: a paragraph, a ruled table (fpdf2's table()), a paragraph."""
    pdf = FPDF()
    pdf.add_page()
    if font:
        pdf.add_font("cjk", fname=str(font))
        pdf.set_font("cjk", size=11)
    else:
        pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 8, before)
    with pdf.table(col_widths=(12, 60, 40, 40), headings_style=FontFace()) as table:
        for row in rows:
            cells = table.row()
            for text in row:
                cells.cell(text)
    pdf.multi_cell(0, 8, after)
    pdf.output(str(path))
    return path


def test_pdf_table_rows_latin(tmp_path):
    rows = [
        ("No.", "Task", "Lead", "Deadline"),
        ("17", "Publish the law enforcement list", "County Justice Bureau", "long-term"),
    ]
    path = _pdf(tmp_path / "notice.pdf", rows, before="Notice on the task list", after="Issued 22 October 2024")

    loaded = load_file(path)
    lines = _lines(loaded)

    assert (loaded.fmt, loaded.encoding) == ("pdf", None)
    assert "17\tPublish the law enforcement list\tCounty Justice Bureau\tlong-term" in lines, lines
    assert "No.\tTask\tLead\tDeadline" in lines
    # the table sits between the two paragraphs, as on the page
    assert (
        lines.index("Notice on the task list")
        < lines.index("No.\tTask\tLead\tDeadline")
        < lines.index("Issued 22 October 2024")
    )


def test_pdf_table_rows_chinese(tmp_path):
    font = _cjk_font()
    if font is None:
        pytest.skip("no CJK font for fpdf2; install the Debian package fonts-wqy-microhei")
    task = "全面推行行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度。"  # wraps inside its cell
    rows = [("序号", "任务", "牵头单位", "完成时限"), ("1.", task, "县司法局", "长期坚持")]
    path = _pdf(tmp_path / "notice.pdf", rows, font=font, before="关于印发任务清单的通知", after="（此件公开发布）")

    lines = _lines(load_file(path))

    # a wrapped CJK cell rejoins without a stray space
    assert f"1.\t{task}\t县司法局\t长期坚持" in lines, lines
    assert lines[0] == "关于印发任务清单的通知"


def test_pdf_without_text_is_reported_as_scanned(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 150)  # stands in for a scanned image: marks, no text
    pdf.output(str(tmp_path / "scan.pdf"))

    with pytest.raises(LoadError, match=r"scan\.pdf: no extractable text \(scanned PDF\?\)"):
        load_file(tmp_path / "scan.pdf")


def test_encrypted_pdf(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.cell(text="secret")
    pdf.set_encryption(owner_password="owner", user_password="user")
    pdf.output(str(tmp_path / "locked.pdf"))

    with pytest.raises(LoadError, match=r"locked\.pdf: encrypted PDF"):
        load_file(tmp_path / "locked.pdf")


# --- errors ---------------------------------------------------------------------


def _random_bytes(n: int) -> bytes:
    return random.Random(7).randbytes(n)


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("broken.docx", _random_bytes(2000), "not a valid .docx"),
        ("truncated.pdf", b"%PDF-1.4\n" + _random_bytes(500), "not a valid .pdf"),
        ("empty.txt", b"", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _random_bytes(500), "not a text file (binary content)"),
        ("controls.md", bytes(range(1, 32)) * 20, "not a text file (binary content)"),
        (
            "sheet.xls",
            b"not really a spreadsheet",
            "unsupported file type '.xls'; supported: .txt, .md, .html, .htm, .docx, .pdf",
        ),
    ],
)
def test_bad_files_raise_load_error_naming_the_file(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(LoadError) as info:
        load_file(path)

    assert info.value.path == path
    assert str(info.value).startswith(f"{name}: {reason}"), str(info.value)
    assert "\n" not in str(info.value)


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(LoadError, match=r"^nope\.txt: file not found$"):
        load_file(tmp_path / "nope.txt")
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(LoadError, match=r"^folder\.txt: is a directory"):
        load_file(tmp_path / "folder.txt")


def test_over_size_file_names_size_and_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("任务" * 1000, "utf-8")  # 6,000 bytes

    with pytest.raises(LoadError, match=r"^big\.txt: file is 6,000 bytes, over the limit of 5,000 bytes$"):
        load_file(path, max_bytes=5000)
    assert load_file(path, max_bytes=6000).text == "任务" * 1000


def test_load_files_keeps_good_files_and_reports_each_bad_one(tmp_path):
    good_txt = tmp_path / "a.txt"
    good_txt.write_bytes(NOTICE_TXT.encode("gbk"))
    good_docx = _docx(tmp_path / "b.docx")
    bad = [tmp_path / "c.docx", tmp_path / "d.txt", tmp_path / "e.xls", tmp_path / "missing.md"]
    bad[0].write_bytes(_random_bytes(100))
    bad[1].write_bytes(b"")
    bad[2].write_bytes(b"x")

    loaded, errors = load_files([good_txt, bad[0], bad[1], good_docx, bad[2], str(bad[3])])

    assert [t.path for t in loaded] == [good_txt, good_docx]
    assert [e.path for e in errors] == bad
    assert all(isinstance(e, LoadError) for e in errors)


def test_supported_suffixes_are_case_insensitive(tmp_path):
    path = tmp_path / "NOTICE.TXT"
    path.write_text(NOTICE_TXT, "utf-8")
    assert load_file(path).fmt == "txt"


def test_a_parser_failure_on_one_file_is_that_files_load_error(tmp_path, monkeypatch):
    """Any exception while parsing one notice (here a parser bug, injected) costs that file only: it is reported as
    its LoadError and the other notices load."""
    import index.corpus as corpus_module

    (tmp_path / "a.txt").write_bytes(NOTICE_TXT.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(NOTICE_TXT.replace("通知", "通告").encode("utf-8"))
    real = corpus_module.parse_notice

    def parser_with_a_bug(loaded):
        if loaded.path.name == "b.txt":
            raise ValueError("task number must be >= 1, got 0")
        return real(loaded)

    monkeypatch.setattr(corpus_module, "parse_notice", parser_with_a_bug)
    corpus = corpus_module.load_corpus([tmp_path])
    assert [p.notice.source for p in corpus.notices] == ["a.txt"]
    (err,) = corpus.errors
    assert isinstance(err, LoadError) and err.path.name == "b.txt" and "ValueError" in str(err)

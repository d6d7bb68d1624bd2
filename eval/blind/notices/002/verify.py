#!/usr/bin/env python3
"""Check truth.json and questions.jsonl against the text extracted from each notice.

docx: python-docx (paragraphs + table cells, vertical merges resolved by python-docx)
html: BeautifulSoup text; the task table is re-read with rowspan resolved
pdf:  pdfplumber page text + table cells (cell text with line breaks removed, since cells wrap)

Every truth/question string must occur in the extracted text; the task rows found in each file's
table (numbers, lead, responsible, deadline) must equal truth.json.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEP = re.compile(r"[、，,\s]+")


def units(cell):
    return [u for u in SEP.split(cell or "") if u]


def docx_extract(path):
    import docx
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    rows = []
    for t in d.tables:
        hdr = [c.text for c in t.rows[0].cells]
        for r in t.rows:
            cells = [c.text for c in r.cells]
            parts.extend(cells)
            if cells[0].strip().isdigit():
                rec = dict(zip(hdr, cells))
                rows.append(dict(number=int(cells[0]), content=rec["具体措施"], lead=units(rec["牵头单位"]),
                                 responsible=units(rec["配合单位"]), deadline=rec["时间节点"].strip() or None))
    return "\n".join(parts), rows


def html_extract(path):
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(open(path, encoding="utf-8").read(), "html.parser")
    text = soup.get_text("\n")
    table = soup.find("table", class_="rwqd")
    hdr = [th.get_text(strip=True) for th in table.find_all("th")]
    grid, pending = [], {}  # pending[col] = [rows_left, text]
    for tr in table.find("tbody").find_all("tr"):
        tds = tr.find_all("td")
        if len(tds) == 1 and tds[0].get("colspan"):
            continue
        row, it, col = [], iter(tds), 0
        while col < len(hdr):
            if col in pending and pending[col][0] > 0:
                row.append(pending[col][1])
                pending[col][0] -= 1
                col += 1
                continue
            td = next(it)
            val = td.get_text("\n", strip=True)
            rs = int(td.get("rowspan", 1))
            if rs > 1:
                pending[col] = [rs - 1, val]
            row.append(val)
            col += 1
        grid.append(dict(zip(hdr, row)))
    rows = [dict(number=int(r["序号"]), content=r["具体内容"], lead=units(r["牵头部门"]),
                 responsible=units(r["协办单位"]), deadline=r["时限要求"] or None) for r in grid]
    return text, rows


def pdf_extract(path):
    import pdfplumber
    parts, rows = [], []
    with pdfplumber.open(path) as pdf:
        for p in pdf.pages:
            parts.append(p.extract_text())
            for t in p.extract_tables():
                for r in t:
                    cells = [(c or "").replace("\n", "") for c in r]
                    parts.extend(cells)
                    if cells[0].isdigit():
                        us = units(cells[2])
                        rows.append(dict(number=int(cells[0]), content=cells[1], lead=us[:1],
                                         responsible=us[1:], deadline=cells[3] or None))
    return "\n".join(parts), rows


EXTRACT = {".docx": docx_extract, ".html": html_extract, ".pdf": pdf_extract}


def main():
    truth = json.load(open(os.path.join(HERE, "truth.json"), encoding="utf-8"))
    qs = [json.loads(l) for l in open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8")]
    errors = []
    texts = {}
    for n in truth:
        path = os.path.join(HERE, n["file"])
        text, rows = EXTRACT[os.path.splitext(path)[1]](path)
        texts[os.path.splitext(n["file"])[0]] = text
        flat = re.sub(r"\s+", "", text)

        def has(s, where):
            if s not in text:
                errors.append(f"{n['file']}: {where}: {s!r} not in text")

        has(n["issuer"], "issuer")
        has(n["date"], "date")
        if n["文号"]:
            has(n["文号"], "文号")
        if re.sub(r"\s+", "", n["title"]) not in flat:
            errors.append(f"{n['file']}: title not in text (whitespace-insensitive)")
        if len(n["tasks"]) != n["task_count"] or len(rows) != n["task_count"]:
            errors.append(f"{n['file']}: task count truth={n['task_count']} tasks={len(n['tasks'])} file rows={len(rows)}")
        byn = {r["number"]: r for r in rows}
        for t in n["tasks"]:
            w = f"task {t['number']}"
            has(t["content_start"], w)
            for u in t["lead"] + t["responsible"]:
                has(u, w)
            if t["deadline"]:
                has(t["deadline"], w)
            r = byn.get(t["number"])
            if r is None:
                errors.append(f"{n['file']}: {w} missing in table")
                continue
            if not r["content"].startswith(t["content_start"]):
                errors.append(f"{n['file']}: {w} content_start mismatch {r['content'][:12]!r}")
            for k in ("lead", "responsible", "deadline"):
                if r[k] != t[k]:
                    errors.append(f"{n['file']}: {w} {k} truth={t[k]!r} table={r[k]!r}")
        print(f"{n['file']}: {len(rows)} task rows, numbers {sorted(byn)}")

    ids = set()
    per_doc = {}
    for q in qs:
        if q["id"] in ids:
            errors.append(f"duplicate id {q['id']}")
        ids.add(q["id"])
        per_doc[q["doc"]] = per_doc.get(q["doc"], 0) + 1
        text = texts[q["doc"]]
        for s in q["must_include"]:
            if s not in text:
                errors.append(f"{q['id']}: must_include {s!r} not in {q['doc']}")
        for s in q["any_of"]:
            if re.search(r"[\u4e00-\u9fff]", s) and s not in text and not q.get("refuse"):
                print(f"  note {q['id']}: any_of {s!r} is a paraphrase (not in text)")
        sq = q["source_quote"]
        if q["refuse"]:
            if q["must_include"] or sq is not None:
                errors.append(f"{q['id']}: refuse item must have empty must_include and null source_quote")
        else:
            if not sq or sq not in text or not (15 <= len(sq) <= 60):
                if not (sq and sq in text and len(sq) < 15 and q["kind"] in ("fact", "followup")):
                    errors.append(f"{q['id']}: source_quote bad ({len(sq or '')} chars): {sq!r}")
        if not q.get("question") and not q.get("turns"):
            errors.append(f"{q['id']}: no question/turns")
    print("questions per doc:", per_doc, "refuse:", sum(q["refuse"] for q in qs),
          "langs:", {l: sum(q["lang"] == l for q in qs) for l in ("zh", "en")})
    print("total tasks:", sum(n["task_count"] for n in truth))
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Check truth.json and questions.jsonl against the notices as their formats store them.

md: raw file text; docx: text extracted with python-docx (body paragraphs + table cells);
pdf: text extracted with pdfplumber (page.extract_text()).
"""
import json
import os
import re
import sys

import docx
import pdfplumber

HERE = os.path.dirname(os.path.abspath(__file__))
errors = []


def err(msg):
    errors.append(msg)
    print("FAIL:", msg)


def docx_text(path):
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    rows = []
    for t in d.tables:
        for r in t.rows:
            seen, cells = set(), []
            for c in r.cells:
                if id(c._tc) in seen:
                    continue
                seen.add(id(c._tc))
                cells.append(c.text)
            rows.append(cells)
            parts.append("\t".join(cells))
    return "\n".join(parts), rows


def pdf_text(path):
    with pdfplumber.open(path) as pdf:
        pages = [p.extract_text() or "" for p in pdf.pages]
        nums = []
        tables = []
        for p in pdf.pages:
            # 序号 column: left margin 20 mm + 11 mm wide
            for w in p.extract_words():
                if w["x1"] < (31 * 72 / 25.4) and re.fullmatch(r"\d+", w["text"]):
                    nums.append(int(w["text"]))
            tables.extend(p.extract_tables())
    return "\n".join(pages), nums, tables


def load(fname):
    path = os.path.join(HERE, fname)
    if fname.endswith(".md") or fname.endswith(".txt"):
        text = open(path, encoding="utf-8").read()
        nums = [int(m) for m in re.findall(r"(?m)^(\d+)\. ", text)]
        return text, nums, None
    if fname.endswith(".docx"):
        text, rows = docx_text(path)
        nums = [int(r[0]) for r in rows if re.fullmatch(r"\d+", r[0].strip())]
        return text, nums, rows
    if fname.endswith(".pdf"):
        text, nums, tables = pdf_text(path)
        return text, nums, tables
    raise ValueError(fname)


def has(text, s, allow_linebreak=False):
    if s in text:
        return True
    if allow_linebreak and s in text.replace("\n", ""):
        print(f"  note: {s!r} occurs only across a line break")
        return True
    return False


truth = json.load(open(os.path.join(HERE, "truth.json"), encoding="utf-8"))
texts, extras = {}, {}
for n in truth:
    text, nums, extra = load(n["file"])
    stem = os.path.splitext(n["file"])[0]
    texts[stem], extras[stem] = text, extra
    print(f"== {n['file']}: {len(n['tasks'])} tasks in truth, {len(nums)} task numbers found in file")
    tnums = [t["number"] for t in n["tasks"]]
    if sorted(nums) != sorted(tnums) or len(set(tnums)) != len(tnums):
        err(f"{n['file']}: task numbers differ: file {sorted(nums)} truth {tnums}")
    for key in ("issuer", "文号", "date"):
        if n[key] is not None and not has(text, n[key]):
            err(f"{n['file']}: {key} {n[key]!r} not found")
    if not has(text, n["title"], allow_linebreak=True):
        err(f"{n['file']}: title not found")
    for t in n["tasks"]:
        if len(t["content_start"]) != 12:
            err(f"{n['file']} #{t['number']}: content_start not 12 chars")
        for s in [t["content_start"]] + t["lead"] + t["responsible"] + ([t["deadline"]] if t["deadline"] else []):
            if not has(text, s):
                err(f"{n['file']} #{t['number']}: {s!r} not found")
        if not t["lead"]:
            err(f"{n['file']} #{t['number']}: no lead")

    # structural cross-checks against the table as extracted
    if n["file"].endswith(".docx"):
        rows = {int(r[0]): r for r in extra if re.fullmatch(r"\d+", r[0].strip())}
        for t in n["tasks"]:
            r = rows[t["number"]]
            # columns: 序号 重点任务 具体措施 完成时间 责任领导 牵头单位 配合单位 备注
            if not r[2].startswith(t["content_start"]):
                err(f"docx #{t['number']}: content mismatch")
            if (r[3].strip() or None) != t["deadline"]:
                err(f"docx #{t['number']}: deadline {r[3]!r} vs {t['deadline']!r}")
            if r[5].split("\n") != t["lead"]:
                err(f"docx #{t['number']}: lead {r[5]!r} vs {t['lead']}")
            if [x for x in r[6].split("\n") if x] != t["responsible"]:
                err(f"docx #{t['number']}: coop {r[6]!r} vs {t['responsible']}")
    if n["file"].endswith(".pdf"):
        got = {}
        last_deadline = None
        for tb in extra:
            for r in tb:
                if r and r[0] and re.fullmatch(r"\d+", r[0].strip()):
                    dl = (r[3] or "").strip() or None
                    got[int(r[0])] = (r[1].replace("\n", ""), r[2], dl)
        for t in n["tasks"]:
            content, units, dl = got[t["number"]]
            if not content.startswith(t["content_start"]):
                err(f"pdf #{t['number']}: content mismatch {content[:14]!r}")
            flat = units.replace("\n", "、").replace("、（共同牵头）", "（共同牵头）")
            names = [u for u in re.split(r"[、]", flat.replace("（共同牵头）", "")) if u]
            if names != t["responsible"]:
                err(f"pdf #{t['number']}: units {names} vs {t['responsible']}")
            if "（共同牵头）" in units:
                co = units.split("（共同牵头）")[0].replace("\n", "").split("、")
                if co != t["lead"]:
                    err(f"pdf #{t['number']}: co-leads {co} vs {t['lead']}")
            elif t["lead"] != names[:1]:
                err(f"pdf #{t['number']}: lead {t['lead']} vs {names[:1]}")
            if dl != t["deadline"] and not (dl is None and t["number"] == 13):
                err(f"pdf #{t['number']}: deadline {dl!r} vs {t['deadline']!r}")

# ---------------------------------------------------------------- questions
# ids whose any_of are answer phrasings for an absent value (not notice strings)
ABSENCE = {"n003-03", "n003-20", "n003-23"}
qs = [json.loads(l) for l in open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8")]
stats = {}
ids = set()
for q in qs:
    if q["id"] in ids:
        err(f"duplicate id {q['id']}")
    ids.add(q["id"])
    stats[(q["kind"], q["lang"])] = stats.get((q["kind"], q["lang"]), 0) + 1
    text = texts.get(q["doc"])
    if text is None:
        err(f"{q['id']}: unknown doc {q['doc']}")
        continue
    if ("question" in q) == ("turns" in q):
        err(f"{q['id']}: needs exactly one of question/turns")
    if q["kind"] == "followup" and not (2 <= len(q.get("turns", [])) <= 3):
        err(f"{q['id']}: followup needs 2-3 turns")
    if q["refuse"]:
        if q["must_include"] or q["source_quote"] is not None:
            err(f"{q['id']}: refuse item with must_include/source_quote")
        continue
    for s in q["must_include"]:
        if not has(text, s):
            err(f"{q['id']}: must_include {s!r} not found")
    for s in q["must_not_include"]:
        if not has(text, s):
            err(f"{q['id']}: must_not_include {s!r} is not even a value of this notice")
    if q["any_of"] and q["id"] not in ABSENCE and not any(has(text, s) for s in q["any_of"]):
        err(f"{q['id']}: no any_of entry found in notice")
    sq = q["source_quote"]
    if not sq or not (15 <= len(sq) <= 60) or not has(text, sq):
        err(f"{q['id']}: source_quote bad or not found: {sq!r}")

# ---------------------------------------------------------------- answers recomputed from truth
T = {os.path.splitext(n["file"])[0]: {t["number"]: t for t in n["tasks"]} for n in truth}
md, dx, pf = (os.path.splitext(n["file"])[0] for n in truth)


def check(label, cond):
    if not cond:
        err("answer check: " + label)


check("q01", T[md][8]["lead"] == ["县司法局"] and T[md][8]["deadline"] == "持续推进")
check("q02", T[md][6]["lead"] == ["县发展和改革局", "县商务局"] and T[md][6]["responsible"] == ["县市场监督管理局"])
check("q03", T[md][12]["deadline"] is None)
check("q05", sorted(k for k, t in T[md].items() if "县司法局" in t["lead"]) == [8, 15])
check("q06", sorted(k for k, t in T[md].items() if t["deadline"] is None) == [4, 12, 18])
check("q08/q29", max(T[md]) == 21 and max(T[pf]) == 21)
check("q10", T[md][13]["deadline"] == "2024年12月底前")
check("q11", T[dx][13]["responsible"] == ["县消防救援大队", "桐溪经济开发区管委会"])
check("q12", T[dx][5]["deadline"] == "2024年11月底前")
check("q13", T[dx][10]["lead"] == ["县住房和城乡建设局", "县自然资源和规划局"])
check("q14", T[dx][19]["deadline"] == "2024年12月底前")
check("q16", sorted(k for k, t in T[dx].items() if "县住房和城乡建设局" in t["lead"]) == [9, 10, 14])
check("q20", T[dx][8]["deadline"] is None)
check("q21", T[pf][7]["lead"] == ["县财政局", "县农业农村局"])
check("q22", T[pf][13]["deadline"] == "2024年10月底前")
check("q23", T[pf][4]["deadline"] is None)
check("q25", sorted(k for k, t in T[pf].items() if t["deadline"] == "长期坚持") == [3, 18])
check("q26", sorted(k for k, t in T[pf].items() if "各乡镇人民政府" in t["responsible"]) == [1, 3, 5, 8, 12, 14, 17])
check("q30", T[pf][19]["lead"] == ["县财政局", "县自然资源局"])
# q15: leader 吴婧 rows in the docx table
wu = sorted(int(r[0]) for r in extras[dx] if re.fullmatch(r"\d+", r[0].strip()) and r[4].startswith("吴婧"))
check("q15 " + str(wu), wu == [9, 10, 11, 12, 13, 14])
cheng5 = [r for r in extras[dx] if r[0].strip() == "5"][0][4]
check("q12 leader", cheng5.startswith("程立新"))

print("\nquestions by (kind, lang):")
for k in sorted(stats):
    print(f"  {k[0]:13s} {k[1]}: {stats[k]}")
print(f"total questions: {len(qs)}")
print("OK" if not errors else f"{len(errors)} ERRORS")
sys.exit(1 if errors else 0)

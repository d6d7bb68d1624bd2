"""Scale benchmark (not a test): N synthetic notices made from the five bundled ones, parsed, indexed and asked.

Every copy is the text of one bundled notice with its own region (a new name the parser reads as the issuer's region,
with its own pinyin and doc_id), its own 文号, its specific units swapped among themselves (so item 3's lead differs
from the source's) and its years and 月底前 deadlines shifted. The parse is checked (each copy yields exactly its
source's tasks, with the swapped leads); then, per size: index time, RSS, disk, reopen, one edited file re-indexed,
question latency p50/p95 by kind, region-task accuracy (<region>第N项的牵头单位是什么 must name the copy's own lead
units) and open-question accuracy (the gold set's Chinese prose/list/count questions about one notice, re-aimed at a
copy by the same text transform).

Run: python eval/scale.py --sizes 50,200 --json OUT.json [--embedder hashed|use] [--profile]

`--embedder hashed` (the default) indexes with a cheap deterministic embedder made here (hashed character uni- and
bigrams, 512-d, no model): the task answers read the task tables and BM25 carries the lexical half, so it measures
everything but the cost of a neural embedder. `--embedder use` uses the product's configured embedder (Settings,
build_and_open), whose embedding dominates index time (~75 chunks per notice).
Each size runs in a fresh subprocess, so its RSS is its own.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import math
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from langchain_core.embeddings import Embeddings
from pypinyin import lazy_pinyin

from assistant.boot import build_and_open
from assistant.config import BUNDLED_NOTICES, Settings
from assistant.service import Assistant
from index.build import build, index_dir
from index.corpus import Corpus, load_corpus
from index.records import ParsedNotice
from index.store import NoticeIndex

GOLD = Path(__file__).resolve().parent / "questions.jsonl"
SUFFIX = re.compile(r"(自治县|县|区|市|旗)$")
# Characters for new place names: no numeral (第三县 would read as item 3), no 县/区/市, none a word of the notices.
FIRST = "青松桐梅枫岚澄溪汀峪柳杉楠榆槐桦棠荷兰菱芦苇萍芷蕙茗蔚霁岫嵩屿沅沣泓湄漪沐桂竹翠碧黛苍槿棣楸柘"
LAST = "源泉峰岭坪川塘湾滨坡冈谷林野田港洲渡庄堡关垣埠岗屯坊埔畈墩坝岔浦汊沟岩峡圩桥崮"
MIDDLE = "鹤鹭雁莺燕麟凤鸾鹏雀鸿鹃"  # three-character names put one of these in the middle: no two-character name
# of FIRST+LAST is then inside a three-character one
UNIT = re.compile(r"^[县区市][\u4e00-\u9fff]{1,12}(局|部|办|委|院|室|中心|馆|会|队|站|所|社|团|庭)$")
MONTH_END = re.compile(r"(?<!\d)(\d{1,2})月底前")
YEAR = re.compile(r"(?<!\d)(20\d\d)年")
OPEN_KINDS = ("prose", "list", "count")


def norm(text: str) -> str:
    return "".join(text.lower().split())


def _pinyin(text: str) -> str:
    return "".join(lazy_pinyin(text)).lower()


def _unique_pinyin(chars: str) -> str:
    """The characters with a pinyin of their own starting with a consonant (so joined pinyin reads one way)."""
    seen: set[str] = set()
    out = []
    for c in chars:
        p = _pinyin(c)
        if p[0] not in "aeiouv" and p not in seen:
            seen.add(p)
            out.append(c)
    return "".join(out)


def place_names(n: int, avoid: str) -> list[str]:
    """`n` distinct short place names (two characters, then three), each with its own pinyin, none in `avoid`."""
    first, last, middle = _unique_pinyin(FIRST), _unique_pinyin(LAST), _unique_pinyin(MIDDLE)
    names: list[str] = []
    pinyins: set[str] = set()

    def candidates() -> Iterator[str]:
        for b in last:
            for a in first:
                yield a + b
        for m in middle:
            for b in last:
                for a in first:
                    yield a + m + b

    for name in candidates():
        p = _pinyin(name)
        if name in avoid or p in pinyins:
            continue
        names.append(name)
        pinyins.add(p)
        if len(names) == n:
            return names
    raise ValueError(f"only {len(names)} place names available")


@dataclass
class Source:
    path: Path
    parsed: ParsedNotice
    short: str  # the region without its suffix: 昌江
    units: list[str]  # its specific units, swapped among themselves in the copies


@dataclass
class Copy:
    k: int
    source: Source
    path: Path
    region: str  # 青源区
    doc_number: str | None
    unit_map: dict[str, str]
    year_shift: int
    month_shift: int
    expected_leads: dict[int, tuple[str, ...]] = field(default_factory=dict)  # task number -> leads
    expected_resp: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def transform(self, text: str) -> str:
        """The copy's version of a text of its source (the notice, a gold question, an expected string)."""
        src = self.source
        short = SUFFIX.sub("", self.region)
        text = text.replace(src.short, short)
        if src.parsed.notice.doc_number and self.doc_number:
            text = text.replace(src.parsed.notice.doc_number, self.doc_number)
        if self.unit_map:
            alternation = re.compile("|".join(re.escape(u) for u in sorted(self.unit_map, key=len, reverse=True)))
            text = alternation.sub(lambda m: self.unit_map[m.group(0)], text)
        text = MONTH_END.sub(lambda m: f"{(int(m.group(1)) - 1 + self.month_shift) % 12 + 1}月底前", text)
        return YEAR.sub(lambda m: f"{int(m.group(1)) + self.year_shift}年", text)


def sources(notices: Path = BUNDLED_NOTICES) -> list[Source]:
    out = []
    for parsed in load_corpus([notices]).notices:
        n = parsed.notice
        assert n.region and n.path, n.doc_id
        named = {u for t in parsed.tasks for u in t.lead + t.responsible}
        units = sorted(u for u in named if UNIT.match(u) and not re.search("[各及和与、]", u))
        out.append(Source(Path(n.path), parsed, SUFFIX.sub("", n.region), units))
    return out


def _mapped(units: tuple[str, ...], unit_map: dict[str, str]) -> tuple[str, ...]:
    return tuple(unit_map.get(u, u) for u in units)


def generate(n: int, out_dir: Path, bases: list[Source] | None = None) -> list[Copy]:
    """Writes `n` synthetic notices into `out_dir` (copy k of bundled notice k mod 5); returns what each should be."""
    bases = bases or sources()
    out_dir.mkdir(parents=True, exist_ok=True)
    avoid = "".join(b.parsed.notice.text for b in bases)
    names = place_names(n, avoid)
    copies = []
    for k in range(n):
        src = bases[k % len(bases)]
        region = names[k] + src.parsed.notice.region[len(src.short) :]  # the source's own suffix: 区, 县, 市
        units = src.units
        shift = 1 + (k // len(bases)) % max(1, len(units) - 1)
        unit_map = {u: units[(i + shift) % len(units)] for i, u in enumerate(units)} if len(units) > 1 else {}
        number = src.parsed.notice.doc_number
        doc_number = None
        if number:
            m = re.match(r"^([\u4e00-\u9fff])([\u4e00-\u9fff]*)〔(\d{4})〕", number)
            assert m, number
            doc_number = f"{names[k][0]}{m.group(2)}〔{int(m.group(3)) + 1 + k % 3}〕{1000 + k}号"
        path = out_dir / f"{k:05d}-{src.path.stem}{src.path.suffix}"
        c = Copy(k, src, path, region, doc_number, unit_map, year_shift=1 + k % 3, month_shift=k % 12)
        for t in src.parsed.tasks:
            if t.kind == "task":
                c.expected_leads[t.number] = _mapped(t.lead, unit_map)
                c.expected_resp[t.number] = _mapped(t.responsible, unit_map)
        c.path.write_text(c.transform(src.parsed.notice.text), encoding="utf-8")
        copies.append(c)
    return copies


def check_parse(copies: list[Copy], corpus: Corpus) -> list[str]:
    """What is wrong with the parse of the copies: empty when every copy reads as meant."""
    by_path = {str(Path(p.notice.path).resolve()): p for p in corpus.notices if p.notice.path}
    problems = [f"{e}" for e in corpus.errors]
    for c in copies:
        p = by_path.get(str(c.path.resolve()))
        if p is None:
            problems.append(f"{c.path.name}: not loaded")
            continue
        want, got = len(c.source.parsed.tasks), len(p.tasks)
        if want != got:
            problems.append(f"{c.path.name}: {got} tasks, its source has {want}")
        if p.notice.region != c.region or c.region not in p.notice.aliases:
            problems.append(f"{c.path.name}: region read as {p.notice.region!r}, written {c.region!r}")
        if p.notice.doc_number != c.doc_number:
            problems.append(f"{c.path.name}: 文号 read as {p.notice.doc_number!r}, written {c.doc_number!r}")
        leads = {t.number: t.lead for t in p.tasks if t.kind == "task"}
        wrong = [k for k, v in c.expected_leads.items() if leads.get(k) != v]
        if wrong:
            problems.append(f"{c.path.name}: leads of items {wrong[:5]} are not the swapped ones")
    regions = [p.notice.region for p in corpus.notices]
    if len(set(regions)) != len(regions):
        problems.append("two copies read as one region")
    if len(set(corpus.doc_ids)) != len(corpus.doc_ids):
        problems.append("two copies share a doc_id")
    return problems


class HashedBigramEmbeddings(Embeddings):
    """A cheap lexical embedder: hashed character unigrams and bigrams, 512-d, L2-normalised; no model to load."""

    model_id = "scale-hashed-bigrams-512"
    dim = 512

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self.embed_query(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        v = [0.0] * self.dim
        s = "".join(text.split())
        for gram in [*s, *(s[i : i + 2] for i in range(len(s) - 1))]:
            h = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=4).digest(), "little")
            v[h % self.dim] += 1.0 if h & 1 << 31 else -1.0
        norm2 = math.sqrt(sum(x * x for x in v)) or 1.0
        return [x / norm2 for x in v]


# --- questions ---------------------------------------------------------------------------------------------


@dataclass
class Question:
    kind: str  # task | open
    text: str
    must: list[str]


def task_questions(copies: list[Copy], count: int, rng: random.Random) -> list[Question]:
    """<region>第N项的牵头单位是什么 (责任单位 for notices with no lead column), over copies picked at random."""
    out: list[Question] = []
    while len(out) < count:
        c = rng.choice(copies)
        number = rng.choice(sorted(c.expected_leads))
        leads = c.expected_leads[number]
        if leads:
            out.append(Question("task", f"{c.region}第{number}项的牵头单位是什么", list(leads)))
        elif c.expected_resp[number]:
            out.append(Question("task", f"{c.region}第{number}项的责任单位是什么", list(c.expected_resp[number])))
    return out


def open_questions(copies: list[Copy], count: int, rng: random.Random) -> list[Question]:
    """The gold set's Chinese prose/list/count questions naming one notice by region, each asked of a random copy of
    that notice; kept only where the transformed expected strings are in the copy's text."""
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_doc: dict[str, list[Copy]] = {}
    for c in copies:
        by_doc.setdefault(c.source.parsed.notice.doc_id, []).append(c)
    items = [
        g
        for g in gold
        if g["kind"] in OPEN_KINDS and g["lang"] == "zh" and g.get("doc") in by_doc and not g.get("any_of")
        and any(a in g["question"] for a in (by_doc[g["doc"]][0].source.short,))
    ]  # fmt: skip
    out: list[Question] = []
    for _ in range(count * 5):
        if len(out) == count or not items:
            break
        g = rng.choice(items)
        c = rng.choice(by_doc[g["doc"]])
        must = [c.transform(s) for s in g.get("must_include", [])]
        text = norm(c.path.read_text(encoding="utf-8"))
        if all(norm(s) in text for s in must):
            out.append(Question("open", c.transform(g["question"]), must))
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size of this process in MB."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def disk_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


# --- one size ----------------------------------------------------------------------------------------------


def _open(settings: Settings, embedder_name: str, corpus: Corpus) -> Assistant:
    if embedder_name == "use":
        return Assistant(settings, corpus=corpus)
    return Assistant(settings, corpus=corpus, index=NoticeIndex(index_dir(settings.data_dir), HashedBigramEmbeddings()))


def _build(settings: Settings, embedder_name: str, corpus: Corpus) -> Assistant:
    if embedder_name == "use":
        return build_and_open(settings, corpus)[0]
    index, _ = build(corpus, settings.data_dir, HashedBigramEmbeddings())
    return Assistant(settings, corpus=corpus, index=index)


def run_one(n: int, embedder_name: str, questions: int, profile: bool, seed: int = 15) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"scale-{n}-"))
    try:
        notices = work / "notices"
        copies = generate(n, notices)
        t = time.perf_counter()
        corpus = load_corpus([notices])
        parse_s = time.perf_counter() - t
        problems = check_parse(copies, corpus)
        if problems:
            raise SystemExit(f"N={n}: the parse of the copies is wrong:\n  " + "\n  ".join(problems[:20]))
        settings = Settings(data_dir=work / "data", notices=[notices])

        t = time.perf_counter()
        assistant = _build(settings, embedder_name, corpus)
        index_s = time.perf_counter() - t
        rss_built, _ = rss_mb()
        chunks = len(assistant.index.chunks())
        del assistant

        t = time.perf_counter()
        assistant = _open(settings, embedder_name, load_corpus(settings.notices))
        reopen_s = time.perf_counter() - t
        rss_open, _ = rss_mb()

        edited = copies[n // 2].path  # one notice edited and re-indexed, as an upload replacing it would be
        edited.write_text(edited.read_text(encoding="utf-8").replace("。", "。（此句修订）", 1), encoding="utf-8")
        t = time.perf_counter()
        corpus = load_corpus(settings.notices)
        assistant = _build(settings, embedder_name, corpus)
        reindex_one_s = time.perf_counter() - t

        rng = random.Random(seed)
        asked = task_questions(copies, questions, rng) + open_questions(copies, max(5, questions // 3), rng)
        for q in asked[:3]:  # warm-up: lazily loaded models and caches
            assistant.ask(q.text)
        lat: dict[str, list[float]] = {"task": [], "open": []}
        right: dict[str, list[bool]] = {"task": [], "open": []}
        misses = []
        for q in asked:
            t = time.perf_counter()
            a = assistant.ask(q.text)
            lat[q.kind].append((time.perf_counter() - t) * 1000)
            ok = a.found and all(norm(s) in norm(a.text) for s in q.must)
            right[q.kind].append(ok)
            if not ok:
                misses.append({"q": q.text, "must": q.must, "got": a.text[:200]})
        every = lat["task"] + lat["open"]
        _, rss_peak = rss_mb()
        result = {
            "n": n,
            "embedder": embedder_name,
            "chunks": chunks,
            "tasks": sum(len(p.tasks) for p in corpus.notices),
            "parse_s": round(parse_s, 2),
            "index_s": round(index_s, 2),
            "reopen_s": round(reopen_s, 2),
            "reindex_one_s": round(reindex_one_s, 2),
            "p50_ms": round(statistics.median(every), 1),
            "p95_ms": round(pct(every, 95), 1),
            **{f"{k}_p50_ms": round(statistics.median(v), 1) for k, v in lat.items() if v},
            **{f"{k}_p95_ms": round(pct(v, 95), 1) for k, v in lat.items() if v},
            "task_accuracy": round(sum(right["task"]) / len(right["task"]), 3),
            "open_accuracy": round(sum(right["open"]) / len(right["open"]), 3) if right["open"] else None,
            "task_questions": len(right["task"]),
            "open_questions": len(right["open"]),
            "rss_built_mb": round(rss_built),
            "rss_open_mb": round(rss_open),
            "rss_peak_mb": round(rss_peak),
            "disk_mb": round(disk_mb(index_dir(settings.data_dir)), 1),
            "misses": misses[:10],
        }
        if profile:
            q = next(q for q in asked if q.kind == "task")
            prof = cProfile.Profile()
            prof.enable()
            for _ in range(5):
                assistant.ask(q.text)
            prof.disable()
            out = io.StringIO()
            stats = pstats.Stats(prof, stream=out)
            stats.sort_stats("tottime").print_stats(10)
            stats.sort_stats("cumulative").print_stats(25)
            result["profile"] = f"5 x {q.text!r}\n{out.getvalue()}"
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- the driver --------------------------------------------------------------------------------------------

COLUMNS = ("n", "index_s", "reopen_s", "reindex_one_s", "p50_ms", "p95_ms", "task_p95_ms", "open_p95_ms",
           "task_accuracy", "open_accuracy", "rss_peak_mb", "disk_mb")  # fmt: skip


def table(rows: list[dict]) -> str:
    lines = [" | ".join(COLUMNS), " | ".join("---" for _ in COLUMNS)]
    lines += [" | ".join(str(r.get(c, "")) for c in COLUMNS) for r in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="50,200", help="comma-separated corpus sizes (default 50,200)")
    parser.add_argument("--json", type=Path, help="write the results (a list, one object per size) here")
    parser.add_argument("--embedder", choices=("hashed", "use"), default="hashed", help="see above (default hashed)")
    parser.add_argument("--questions", type=int, default=60, help="region-task questions per size (default 60)")
    parser.add_argument("--profile", action="store_true", help="cProfile 5 answers of one region-task question")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the per-size subprocess
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(run_one(args.one, args.embedder, args.questions, args.profile), ensure_ascii=False))
        return
    rows = []
    for n in (int(s) for s in args.sizes.split(",") if s.strip()):
        command = [sys.executable, __file__, "--one", str(n), "--embedder", args.embedder]
        command += ["--questions", str(args.questions)] + (["--profile"] if args.profile else [])
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"N={n} failed:\n{done.stderr[-3000:]}")
        row = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(f"N={n}: {json.dumps({k: v for k, v in row.items() if k not in ('misses', 'profile')})}", flush=True)
        if row.get("profile"):
            print(row["profile"], flush=True)
    print(f"\nembedder: {args.embedder}" + (" (hashed character n-grams, no model: lexical-only figures)"
          if args.embedder == "hashed" else " (the configured neural embedder)"))  # fmt: skip
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()

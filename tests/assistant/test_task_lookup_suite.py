"""Generated task lookups: from the bundled notices' task tables, questions asking one field of one item, in many
phrasings per language and in every way an item number is written, each answered from that item's row.

What is generated (deterministically, seeded): every (item, field) the tables give a value for, in one language, with
every item asked in both languages; every (notice, field, numbering form, language) at least once; each form and
field again without a notice named (then every notice with that number must be answered); two fields asked together
in the order asked; and metamorphic groups, where one question rewritten into every numbering form must give the same
answer (text, rows and citations). Expected values are the parsed task table's: every expected unit, the deadline,
the content or materials must be in the answer text, and the citations must be exactly the items' lines.

A numbering form that does not exist in a language is replaced by that language's nearest one: English has no
traditional characters (it gets the item's own label word, "problem 6") and Chinese no ordinal suffix (第十七个)."""

from __future__ import annotations

import json
import random
import subprocess
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.records import Kind
from assistant.wording import template
from index.records import Notice, Task
from index.text import int_to_cn, no_spaces
from tests.conftest import Early, bundled_index_copy, isolated_environ, python_child, stop_child

ROOT = Path(__file__).resolve().parents[2]

SEED = 20261202
FIELDS = ("lead", "responsible", "deadline", "content", "materials")
FORMS = (
    "arabic",  # 第17项 / item 17
    "numeral",  # 第十七项 / item seventeen
    "fullwidth",  # 第１７项 / item １７
    "paren",  # （17） / item (17)
    "no",  # No.17 / No. 17
    "ordinal",  # 第十七个 / the seventeenth item, the 17th item
    "tiao",  # 第17条 / #17
    "traditional",  # 第十七項 in a question written in traditional characters / (en) the item's own label word
    "dropped",  # 柞水第17项 (县/区 dropped) / in the Zhashui list (County dropped)
    "bare",  # 柞水17条 / Zhashui 17: the number right after the notice's name
    "label",  # 存在问题6, 三级指标17, （十七） / problem 6, indicator 17
)
NAMED_ONLY = {"dropped", "bare", "label"}  # forms that name the notice, or whose label word picks one

PHRASINGS: dict[tuple[str, str], tuple[str, ...]] = {
    ("zh", "lead"): (
        "{n}{i}由哪个单位牵头？",
        "{n}{i}的牵头单位是谁",
        "请问{n}{i}谁来牵头？",
        "{n}{i}牵头部门是哪个",
        "{n}{i}是哪家单位牵头的？",
        "{n}{i}牵头的是哪个部门",
    ),
    ("zh", "responsible"): (
        "{n}{i}的责任单位有哪些？",
        "{n}{i}归谁负责？",
        "{n}{i}由谁来落实",
        "{n}{i}责任部门是哪些",
        "{n}{i}是哪些单位负责的？",
        "请问{n}{i}配合单位有哪些",
        "{n}{i}归谁管？",
    ),
    ("zh", "deadline"): (
        "{n}{i}的完成时限是什么？",
        "{n}{i}什么时候完成",
        "{n}{i}截止到什么时候？",
        "{n}{i}期限是哪天",
        "请问{n}{i}何时要办完",
        "{n}{i}完成时间",
    ),
    ("zh", "content"): (
        "{n}{i}的内容是什么？",
        "{n}{i}到底要干什么",
        "{n}{i}要求做什么？",
        "{n}{i}讲的什么",
        "{n}{i}具体是什么措施",
        "请问{n}{i}说了什么内容",
    ),
    ("zh", "materials"): (
        "{n}{i}需要上交哪些东西？",
        "{n}{i}得交什么上去",
        "{n}{i}需要报送哪些资料",
        "{n}{i}要提交什么？",
        "{n}{i}的佐证材料是什么",
        "请问{n}{i}需要提供哪些",
    ),
    ("en", "lead"): (
        "Who leads {i}{n}?",
        "Which department takes the lead on {i}{n}?",
        "lead unit for {i}{n}",
        "Who is the lead for {i}{n}?",
        "Which office is in charge of {i}{n}?",
        "Tell me the leading department of {i}{n}.",
    ),
    ("en", "responsible"): (
        "Which units are responsible for {i}{n}?",
        "Who deals with {i}{n}?",
        "Who looks after {i}{n}?",
        "who is accountable for {i}{n}",
        "Which departments carry out {i}{n}?",
        "Responsible units of {i}{n}?",
        "Besides the lead, which units share responsibility for {i}{n}?",
    ),
    ("en", "deadline"): (
        "What is the deadline for {i}{n}?",
        "When is {i}{n} due?",
        "By when must {i}{n} be finished?",
        "time limit for {i}{n}",
        "When does {i}{n} have to be done?",
        "What's the due date of {i}{n}?",
    ),
    ("en", "content"): (
        "What is {i}{n} about?",
        "What does {i}{n} require?",
        "content of {i}{n}",
        "What does {i}{n} say?",
        "What measures does {i}{n} set out?",
        "Describe the content of {i}{n}.",
        "What is the target of {i}{n}?",
    ),
    ("en", "materials"): (
        "What has to be turned in for {i}{n}?",
        "What materials must be submitted for {i}{n}?",
        "Which documents to submit for {i}{n}?",
        "What evidence is needed for {i}{n}?",
        "What needs to be supplied for {i}{n}?",
        "What supporting documents does {i}{n} need?",
    ),
}
# Two fields in one question, in the order asked: (first, second) -> phrasings
PAIRS: dict[tuple[str, str, str], tuple[str, ...]] = {
    ("zh", "content", "deadline"): ("{n}{i}要干什么，啥时候完成？", "{n}{i}讲的什么？何时完成？"),
    ("zh", "deadline", "content"): ("{n}{i}什么时候完成？具体内容是什么", "{n}{i}完成时限和内容分别是什么"),
    ("en", "content", "deadline"): (
        "What does {i}{n} involve, and what's its deadline?",
        "What does {i}{n} require, and by when?",
    ),
    ("en", "deadline", "content"): ("When is {i}{n} due, and what is it about?", "Deadline and content of {i}{n}?"),
}

# simplified -> traditional for the characters of the Chinese phrasings above (written out, not taken from the
# normaliser under test)
TRADITIONAL = str.maketrans(
    "项头单责时资么谁问题标级县区阳门负务报个条号说讲办干这内评价决该应还长",
    "項頭單責時資麼誰問題標級縣區陽門負務報個條號說講辦幹這內評價決該應還長",
)
TRADITIONAL_EXTRA = {"牵": "牽"}
EN_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen".split()
EN_UNITS += "sixteen seventeen eighteen nineteen".split()
EN_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
EN_ORDINALS = {1: "first", 2: "second", 3: "third", 5: "fifth", 8: "eighth", 9: "ninth", 12: "twelfth"}


def en_cardinal(n: int) -> str:
    if n == 100:
        return "one hundred"
    if n < 20:
        return EN_UNITS[n]
    tens, unit = divmod(n, 10)
    return EN_TENS[tens] + (f"-{EN_UNITS[unit]}" if unit else "")


def en_ordinal(n: int) -> str:
    if n == 100:
        return "hundredth"
    if n < 20 or n % 10 == 0:
        word = EN_ORDINALS.get(n) or (EN_UNITS[n] + "th" if n < 20 else EN_TENS[n // 10][:-1] + "ieth")
        return word
    tens, unit = divmod(n, 10)
    return f"{EN_TENS[tens]}-{en_ordinal(unit)}"


def suffixed(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def full_width(n: int) -> str:
    return "".join(chr(ord(d) + 0xFEE0) for d in str(n))


def to_traditional(text: str) -> str:
    text = text.translate(TRADITIONAL)
    for s, t in TRADITIONAL_EXTRA.items():
        text = text.replace(s, t)
    return text


def en_name(notice: Notice) -> str:
    return next(a for a in notice.aliases if a.isascii()).capitalize()


EN_PLACE = {"县": "County", "区": "District", "市": "City"}


def label_word(t: Task, lang: str) -> str:
    """The item written with its notice's own label word: 存在问题6 / problem 6, 三级指标17 / indicator 17."""
    if t.kind != "task":
        return (
            f"{'加分项' if t.kind == 'bonus' else '否决项'}{t.number}" if lang == "zh" else f"{t.kind} item {t.number}"
        )
    for zh, en in (("存在问题", "problem"), ("三级指标", "indicator"), ("评价指标", "indicator")):
        if t.label.startswith(zh):
            return f"{zh}{t.number}" if lang == "zh" else f"{en} {t.number}"
    if t.label.startswith(("(", "（")):
        return f"（{int_to_cn(t.number)}）" if lang == "zh" else f"point {t.number}"  # 工作要点
    return f"任务{t.number}" if lang == "zh" else f"task {t.number}"


def item_words(number: int, kind: str, form: str, lang: str, rng: random.Random) -> str:
    """Item `number` written in `form` (a bonus or veto item keeps its kind's word)."""
    cn, n = int_to_cn(number), number
    if kind != "task":
        zh_word, en_word = ("加分项", "bonus item") if kind == "bonus" else ("否决项", "veto item")
        if lang == "zh":
            return {"numeral": f"{zh_word}{cn}", "fullwidth": f"{zh_word}{full_width(n)}"}.get(form, f"{zh_word}{n}")
        if form == "numeral":
            return f"{en_word} {en_cardinal(n)}"
        if form == "ordinal":
            return f"the {en_ordinal(n)} {en_word}"
        return f"{en_word} {full_width(n) if form == 'fullwidth' else n}"
    if lang == "zh":
        return {
            "arabic": f"第{n}项",
            "numeral": f"第{cn}项",
            "fullwidth": f"第{full_width(n)}项",
            "paren": f"（{n}）",
            "no": f"No.{n}",
            "ordinal": f"第{cn}个",
            "tiao": f"第{n}条",
            "traditional": f"第{cn}項",
            "dropped": f"第{n}项",
        }[form]
    return {
        "arabic": f"item {n}",
        "numeral": f"item {en_cardinal(n)}",
        "fullwidth": f"item {full_width(n)}",
        "paren": f"item ({n})",
        "no": f"No. {n}",
        "ordinal": rng.choice((f"the {en_ordinal(n)} item", f"the {suffixed(n)} task")),
        "tiao": f"#{n}",
        "traditional": f"task {n}",
        "dropped": f"item {n}",
    }[form]


@dataclass(frozen=True)
class Case:
    question: str
    lang: str
    fields: tuple[str, ...]  # asked, in the order asked
    form: str
    expected: tuple[tuple[Notice, Task], ...]  # the rows that must answer, with their notices

    def __str__(self) -> str:
        rows = ", ".join(f"{n.doc_id} {t.label}" for n, t in self.expected)
        return f"[{rows} · {'+'.join(self.fields)} · {self.form} · {self.lang}] {self.question!r}"


def ask_text(notice: Notice | None, t: Task | int, template_: str, form: str, lang: str, rng) -> str:
    """One question: the phrasing with the notice (or none) and the item (a row, or a number when no notice is
    named) written in `form`."""
    if notice is None or isinstance(t, int):
        assert isinstance(t, int)
        return template_.format(n="", i=item_words(t, "task", form, lang, rng))
    t_number, kind = t.number, t.kind
    region = notice.region or ""
    if lang == "zh":
        short = region[:-1] if region[-1:] in EN_PLACE else region
        if form == "bare":
            return template_.format(n="", i=f"{short}{rng.choice((f'{t_number}条', f'{t_number}项', str(t_number)))}")
        words = label_word(t, lang) if form == "label" else item_words(t_number, kind, form, lang, rng)
        text = template_.format(n=short if form == "dropped" else region, i=words)
        return to_traditional(text) if form == "traditional" else text
    name = en_name(notice)
    full = f"{name} {EN_PLACE.get(region[-1:], '')}".strip()
    if form == "bare":
        return template_.format(n="", i=f"{rng.choice((name, full))} {t_number}")
    words = label_word(t, lang) if form == "label" else item_words(t_number, kind, form, lang, rng)
    place = rng.choice((f" of {full}", f" in {full}'s notice", f" ({full})"))
    return template_.format(n=f" in the {name} list" if form == "dropped" else place, i=words)


def fields_of(t: Task) -> tuple[str, ...]:
    """The fields the task table gives this row a value for."""
    have = {
        "lead": bool(t.lead),
        "responsible": bool(t.responsible),
        "deadline": bool(t.deadline),
        "content": bool(t.content),
        "materials": bool(t.materials),
    }
    return tuple(f for f in FIELDS if have[f])


def forms_for(kind: str, named: bool) -> tuple[str, ...]:
    if kind != "task":  # 加分项1 / bonus item 1: numbered within their own kind
        return ("arabic", "numeral", "fullwidth", "ordinal") if named else ()
    return FORMS if named else tuple(f for f in FORMS if f not in NAMED_ONLY)


class Generator:
    """Deterministic sampling over the corpus: coverage first, then the least-used phrasing and form."""

    def __init__(self, corpus) -> None:
        self.rng = random.Random(SEED)
        self.rows = [(p.notice, t) for p in corpus.notices for t in p.tasks]
        self.used_phrasing: Counter[tuple[str, str, int]] = Counter()
        self.used_form: Counter[tuple[str, str, str, str]] = Counter()  # (doc_id, field, form, lang)

    def phrasing(self, lang: str, field: str) -> str:
        options = PHRASINGS[(lang, field)]
        k = min(range(len(options)), key=lambda i: (self.used_phrasing[(lang, field, i)], self.rng.random()))
        self.used_phrasing[(lang, field, k)] += 1
        return options[k]

    def form(self, notice: Notice, t: Task, field: str, lang: str) -> str:
        options = forms_for(t.kind, named=True)
        pick = min(options, key=lambda f: (self.used_form[(notice.doc_id, field, f, lang)], self.rng.random()))
        self.used_form[(notice.doc_id, field, pick, lang)] += 1
        return pick

    def named(self, notice: Notice, t: Task, field: str, lang: str, form: str | None = None) -> Case:
        form = form or self.form(notice, t, field, lang)
        text = ask_text(notice, t, self.phrasing(lang, field), form, lang, self.rng)
        return Case(text, lang, (field,), form, ((notice, t),))

    def by_item(self) -> Iterator[Case]:
        """Every (item, field) once, languages alternating so that every item is asked in both."""
        for k, (notice, t) in enumerate(self.rows):
            fields = fields_of(t)
            langs = ["zh", "en"] if k % 2 else ["en", "zh"]
            for j, field in enumerate(fields):
                yield self.named(notice, t, field, langs[j % 2])
            if len(fields) == 1:
                yield self.named(notice, t, fields[0], langs[1])

    def fill_forms(self) -> Iterator[Case]:
        """Whatever (notice, field, form, language) the items did not reach, on a row drawn at random."""
        by_notice = defaultdict(list)
        for notice, t in self.rows:
            by_notice[notice.doc_id].append((notice, t))
        for doc_id, rows in by_notice.items():
            for field in FIELDS:
                having = [(n, t) for n, t in rows if field in fields_of(t) and t.kind == "task"]
                if not having:
                    continue
                for lang in ("zh", "en"):
                    for form in FORMS:
                        if not self.used_form[(doc_id, field, form, lang)]:
                            notice, t = self.rng.choice(having)
                            self.used_form[(doc_id, field, form, lang)] += 1
                            yield self.named(notice, t, field, lang, form)

    def unnamed(self) -> Iterator[Case]:
        """Each (field, form, language) with no notice named: every notice's row of that number answers."""
        for field in FIELDS:
            for lang in ("zh", "en"):
                for form in forms_for("task", named=False):
                    number = self.rng.randint(1, 25)
                    rows = tuple((n, t) for n, t in self.rows if t.kind == "task" and t.number == number)
                    text = ask_text(None, number, self.phrasing(lang, field), form, lang, self.rng)
                    yield Case(text, lang, (field,), form, rows)

    def pairs(self) -> Iterator[Case]:
        """Two fields of one row asked together, both orders, both languages."""
        rows = [(n, t) for n, t in self.rows if t.deadline and t.content]
        for (lang, first, second), options in PAIRS.items():
            for text_ in options:
                for _ in range(2):
                    notice, t = self.rng.choice(rows)
                    form = self.rng.choice(forms_for(t.kind, named=True))
                    text = ask_text(notice, t, text_, form, lang, self.rng)
                    yield Case(text, lang, (first, second), form, ((notice, t),))

    def metamorphic(self, groups: int) -> Iterator[list[Case]]:
        """One question per group, rewritten into every numbering form (phrasing and language fixed)."""
        for _ in range(groups):
            notice, t = self.rng.choice([r for r in self.rows if r[1].kind == "task"])
            field = self.rng.choice(fields_of(t))
            lang = self.rng.choice(("zh", "en"))
            phrasing = self.rng.choice(PHRASINGS[(lang, field)])
            group = []
            for form in FORMS:
                # the same notice phrase in every rewrite: a fixed seed per group, so only the number's form changes
                rng = random.Random(f"{SEED}-{notice.doc_id}-{t.number}-{field}")
                text = ask_text(notice, t, phrasing, form, lang, rng)
                group.append(Case(text, lang, (field,), form, ((notice, t),)))
            yield group


METAMORPHIC_GROUPS = 6


@dataclass(frozen=True)
class Suite:
    by_item: list[Case]
    fill: list[Case]
    unnamed: list[Case]
    pairs: list[Case]
    metamorphic: list[list[Case]]
    generator: Generator


def make_suite(corpus) -> Suite:
    g = Generator(corpus)
    by_item = list(g.by_item())
    fill = list(g.fill_forms())
    return Suite(by_item, fill, list(g.unnamed()), list(g.pairs()), list(g.metamorphic(METAMORPHIC_GROUPS)), g)


@pytest.fixture(scope="module")
def suite(corpus) -> Suite:
    return make_suite(corpus)


def values(t: Task, field: str) -> list[str]:
    """What the answer must say for one field of a row, as the task table has it; 责任单位 means the lead as well."""
    return {
        "lead": list(t.lead),
        "responsible": [*t.lead, *t.responsible],
        "deadline": [t.deadline] if t.deadline else [],
        "content": [t.content],
        "materials": [t.materials] if t.materials else [],
    }[field]


def label(field: str, lang: str) -> str:
    """The label an answer puts before a field's value (牵头单位： / lead:), from the product's messages."""
    return template(f"fact.{field}", lang).split("{")[0]


def holds(t, field: str) -> bool:
    """Whether a row has anything for a field: a deadline or a date in its text; a unit in either unit column."""
    if field == "deadline":
        return bool(t.deadline or t.dates)
    if field in ("lead", "responsible"):
        return bool(t.lead or t.responsible)
    return True


def problems(assistant, case: Case) -> list[str]:
    """What is wrong with the answer to one case, each naming the notice, item and field."""
    answer = assistant.ask(case.question)
    if answer.kind != Kind.TASK:
        return [f"{case}: answered as {answer.kind}: {answer.text[:80]!r}"]
    out = []
    # rows holding nothing asked (no deadline, no date in their text) are a refusal: their lines are nearest, not cited
    held = any(holds(t, f) for _, t in case.expected for f in case.fields)
    shown = answer.citations if held else answer.nearest
    cited = {(c.doc_id, c.start_line, c.end_line) for c in shown}
    wanted = {(t.doc_id, t.start_line, t.end_line) for _, t in case.expected}
    if cited != wanted or answer.found != held:
        out.append(f"{case}: cites {sorted(cited)} (found {answer.found}), not the items' lines {sorted(wanted)}")
    flat = no_spaces(answer.text)
    for notice, t in case.expected:
        for field in case.fields:
            for value in values(t, field):
                if no_spaces(value) not in flat:
                    out.append(f"{case}: {notice.doc_id} {t.label} {field} {value[:30]!r} missing from the answer")
            if field == "responsible" and t.lead and t.responsible:
                for f in ("lead", "responsible"):
                    if no_spaces(label(f, case.lang)) not in flat:
                        out.append(f"{case}: {notice.doc_id} {t.label}: no {f} label in the answer")
    if len(case.fields) == 2:
        at = [flat.find(no_spaces(label(f, case.lang))) for f in case.fields]
        if not 0 <= at[0] < at[1]:
            out.append(f"{case}: fields not answered in the order asked ({at})")
    return out


def sets(suite: Suite) -> dict[str, list[Case]]:
    """The generated cases each `run` test asks, by name."""
    named = suite.by_item + suite.fill
    return {
        "zh": [c for c in named if c.lang == "zh"],
        "en": [c for c in named if c.lang == "en"],
        "unnamed": suite.unnamed,
        "pairs": suite.pairs,
    }


# The generated cases (~25 s of one core) are asked by a child process started at the session's first test
# (tests/conftest.py's Early.launch), over a copy of the session's bundled index, on the otherwise idle core: it
# generates the same suite (fixed seeds), asks every case through the real extractive assistant and prints
# problems() of each set, one JSON line per set.
ASK = """\
import json, os, sys

os.nice(10)  # the tests' own thread keeps its core; this child takes what is left
from pathlib import Path
from assistant.boot import build_and_open
from assistant.config import BUNDLED_NOTICES, Settings
from index.corpus import load_corpus
from tests.assistant import test_task_lookup_suite as m

corpus = load_corpus([BUNDLED_NOTICES])
assistant, _ = build_and_open(Settings(data_dir=Path(sys.argv[1])), corpus)
for name, cases in m.sets(m.make_suite(corpus)).items():
    failures = [p for case in cases for p in m.problems(assistant, case)]
    print(json.dumps({"name": name, "n": len(cases), "failures": failures}, ensure_ascii=False), flush=True)
"""


def launch(data_dir: Path, environ: dict[str, str]) -> subprocess.Popen:
    return python_child(ASK, str(data_dir), environ=environ)


EARLY = ("asked",)


def start_early(request: pytest.FixtureRequest, early: Early) -> None:
    factory = request.getfixturevalue("tmp_path_factory")
    early.launch("lookup", launch, stop_child, bundled_index_copy(request, "lookup"), isolated_environ(factory))


@pytest.fixture(scope="module")
def asked(request: pytest.FixtureRequest, early: Early, suite: Suite) -> dict[str, dict]:
    """Each set's case count and problems, by name (see sets); asked by the child started early if it could be (see
    start_early), else now."""
    factory = request.getfixturevalue("tmp_path_factory")
    proc = early.result("lookup", lambda: launch(bundled_index_copy(request, "lookup"), isolated_environ(factory)))
    out, err = proc.communicate(timeout=900)
    assert proc.returncode == 0, f"the lookup suite's child exited {proc.returncode}:\n{err[-3000:]}"
    got = {row["name"]: row for row in map(json.loads, out.splitlines())}
    assert {k: v["n"] for k, v in got.items()} == {k: len(v) for k, v in sets(suite).items()}, "not the same suite"
    return got


def check(row: dict) -> None:
    failures = row["failures"]
    assert row["n"] > 0
    assert not failures, f"{len(failures)} of {row['n']} failed:\n" + "\n".join(failures[:40])


# --- the generated set covers what it claims ------------------------------------------------------------------


def test_every_item_field_form_and_phrasing_is_generated(suite, corpus):
    named = suite.by_item + suite.fill
    asked = {(t.doc_id, t.kind, t.number, c.fields[0]) for c in named for _, t in c.expected}
    langs = defaultdict(set)
    for c in named:
        for _, t in c.expected:
            langs[(t.doc_id, t.kind, t.number)].add(c.lang)
    for p in corpus.notices:
        for t in p.tasks:
            for field in fields_of(t):
                assert (t.doc_id, t.kind, t.number, field) in asked, (t.doc_id, t.label, field)
            assert langs[(t.doc_id, t.kind, t.number)] == {"zh", "en"}, (t.doc_id, t.label)
            if t.kind == "task":
                for field in fields_of(t):
                    for form in FORMS:
                        for lang in ("zh", "en"):
                            assert suite.generator.used_form[(t.doc_id, field, form, lang)], (t.doc_id, field, form)
    unnamed = {(c.fields[0], c.form, c.lang) for c in suite.unnamed}
    assert unnamed == {(f, form, lang) for f in FIELDS for form in forms_for("task", False) for lang in ("zh", "en")}
    for (lang, field), options in PHRASINGS.items():
        assert len(options) >= 6, (lang, field)
        for k in range(len(options)):
            assert suite.generator.used_phrasing[(lang, field, k)], (lang, field, options[k])


# --- answers ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_item_and_field_is_answered_from_its_row(lang, asked):
    check(asked[lang])


def test_with_no_notice_named_every_notice_with_that_number_answers(asked):
    check(asked["unnamed"])


def test_two_fields_are_answered_in_the_order_asked(asked):
    check(asked["pairs"])


def test_the_answer_is_the_same_however_the_number_is_written(suite, bundled_assistant):
    failures = []
    for group in suite.metamorphic:
        answers = [(c, bundled_assistant.ask(c.question)) for c in group]
        first_case, first = answers[0]
        failures += problems(bundled_assistant, first_case)
        key = (first.text, [(c.doc_id, c.start_line, c.end_line, c.quote) for c in first.citations])
        for case, answer in answers[1:]:
            got = (answer.text, [(c.doc_id, c.start_line, c.end_line, c.quote) for c in answer.citations])
            if got != key:
                failures.append(f"{case}: differs from {first_case.question!r}: {answer.text[:100]!r}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("listing", "pick", "k"),
    [
        ("{region}哪些任务由{unit}牵头？", "第二个要做什么，完成时限是哪天？", 1),
        ("Which tasks of {en} are led by {unit}?", "The third one: what does it involve, and what's its deadline?", 2),
    ],
)
def test_a_row_picked_from_a_list_gets_both_fields_asked(listing, pick, k, corpus, bundled_assistant):
    """第二个要做什么，完成时限是哪天: the row the list named k-th, its content and its deadline, in that order."""
    p = next(p for p in corpus.notices if p.notice.task_fields >= {"lead", "deadline"})
    unit = Counter(u for t in p.tasks for u in t.lead).most_common(1)[0][0]
    history: list[dict] = []
    first = bundled_assistant.ask(listing.format(region=p.notice.region, en=en_name(p.notice), unit=unit))
    assert first.understood is not None and len(first.understood.items) > k, first.text[:120]
    history = [
        {"role": "user", "content": listing},
        {"role": "assistant", "content": first.text, "understood": first.understood.to_json()},
    ]
    ref = first.understood.items[k]
    t = next(t for t in p.tasks if (t.kind, t.number) == (ref.kind, ref.number))
    lang = "zh" if "第" in pick else "en"
    case = Case(pick, lang, ("content", "deadline"), "pick", ((p.notice, t),))
    answer = bundled_assistant.ask(pick, history=history)
    assert answer.kind == Kind.TASK, (str(case), answer.text[:120])
    assert [(c.doc_id, c.start_line) for c in answer.citations] == [(t.doc_id, t.start_line)], str(case)
    flat = no_spaces(answer.text)
    assert no_spaces(t.content) in flat and no_spaces(t.deadline or "") in flat, str(case)
    assert flat.find(no_spaces(label("content", lang))) < flat.find(no_spaces(label("deadline", lang))), str(case)

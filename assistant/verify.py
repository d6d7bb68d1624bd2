"""Checks an LLM's answer against the sources it was given: citations, quotes, units, dates and task-table facts.

An answer is cut into sentences; each sentence is checked on its own, so a failed answer can be repaired by dropping
the sentences that fail and keeping the ones the sources support.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from assistant.citing import cite, cite_task
from assistant.records import Citation
from assistant.understand import find_numbers
from index.records import Notice, Task
from index.text import DATE_MENTION


@dataclass(frozen=True)
class Source:
    """One numbered passage shown to the model: exact notice text, and the task record when it is a task row."""

    n: int
    notice: Notice
    label: str
    start_line: int
    end_line: int
    text: str  # exact substring of the notice
    task: Task | None = None

    def citation(self) -> Citation:
        if self.task is not None:
            return cite_task(self.notice, self.task)
        return cite(self.notice, self.label, self.start_line, self.end_line, self.text)

    @property
    def haystack(self) -> str:
        """Everything this source vouches for, flattened: its text, the notice's title and 文号, the task's fields."""
        parts = [self.text, self.notice.title, self.notice.doc_number or "", self.label]
        if self.task is not None:
            t = self.task
            parts += [t.content, *t.lead, *t.responsible, t.deadline or "", *t.dates, t.materials or ""]
        return flat("\n".join(parts))


@dataclass(frozen=True)
class Problem:
    """One thing the sources do not support. kind: citation | quote | unit | date | task | uncited."""

    kind: str
    detail: str

    def __str__(self) -> str:
        return self.detail


@dataclass(frozen=True)
class Sentence:
    """One sentence of the answer: where it sits in the text, the sources it cites, what is wrong with it."""

    start: int
    end: int
    text: str
    cites: tuple[int, ...]
    claims: bool  # states something (a refusal or a lead-in like "根据通知：" states nothing)
    problems: tuple[Problem, ...] = ()
    specific: bool = False  # holds something checkable: a unit, a date, a number, a quote

    @property
    def checked(self) -> bool:
        """Supported, and by more than a citation: a fact in it was found in its source."""
        return self.supported and self.claims and self.specific

    @property
    def supported(self) -> bool:
        return not self.problems and (bool(self.cites) or not self.claims)


@dataclass(frozen=True)
class Verdict:
    text: str
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [p for s in self.sentences for p in s.problems]

    @property
    def supported(self) -> list[Sentence]:
        """Sentences that state a fact and are backed by their citations."""
        return [s for s in self.sentences if s.supported and s.claims]

    @property
    def passed(self) -> bool:
        return not self.problems and bool(self.supported)

    @property
    def refusal(self) -> bool:
        """The model said the sources do not answer, and said nothing else."""
        return not self.problems and not self.supported and any(REFUSAL.search(s.text) for s in self.sentences)

    def kept(self) -> list[Sentence]:
        """What a repair keeps (see `repaired`)."""
        return [s for s in self.sentences if s.checked or (s.supported and not s.claims)]

    def cited(self, sentences: Iterable[Sentence] | None = None) -> list[int]:
        """Source numbers cited by the given sentences (default: the supported ones), in order of first citation."""
        return list(dict.fromkeys(n for s in (self.supported if sentences is None else sentences) for n in s.cites))

    def repaired(self) -> str:
        """The answer keeping only what was checked: sentences whose units, dates, numbers or quotes were found in
        their sources, and sentences that claim nothing. Once a model is caught inventing, a cited sentence with
        nothing checkable in it is not trusted either. Lines left empty are dropped."""
        out, pos = [], 0
        for s in self.sentences:
            out.append(self.text[pos : s.start])
            if s in self.kept():
                out.append(self.text[s.start : s.end])
            pos = s.end
        out.append(self.text[pos:])
        lines = [ln.rstrip() for ln in "".join(out).split("\n")]
        return "\n".join(ln for ln in lines if re.search(r"[\w\u3400-\u9fff]", BULLET.sub("", ln))).strip()


def flat(text: str) -> str:
    """Full- and half-width forms and white space do not decide whether a claim is in a source (notices pad 组 长)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


# --- reading the answer ------------------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"[\[［【]\s*(?:[nNxXk?？]|\.\.\.|…)?\s*[\]］】]")  # "[n]" copied from the prompt, "[]"
CITE = re.compile(r"[\[［【]\s*(\d{1,4}(?:\s*[,，、\-–~]\s*\d{1,4})*)\s*[\]］】]")  # [2024] is a citation, of nothing
BULLET = re.compile(
    r"^\s*(?:[-*•·]|\d{1,2}[.)、]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)\s*"
)
# A sentence ends at 。！？ or at a full stop before a space, a citation or the line end ("No. 17" is no end),
# and takes the citations written right after its end ("… 县司法局。[1]").
SENTENCE_END = re.compile(r"(?:[。！？!?]|(?<!\bNo)(?<!\bno)(?<!\d)\.(?=\s|$|[\[［【]))(?:\s*" + CITE.pattern + r")*")
QUOTE = re.compile(r"“([^”\n]{2,})”|\"([^\"\n]{2,})\"|「([^」\n]{2,})」|『([^』\n]{2,})』|《([^》\n]{2,})》")
REFUSAL = re.compile(
    r"未找到|没有(?:提到|提及|涉及|规定|说明|相关|找到|包含)|未(?:提及|涉及|规定|说明)|无法(?:回答|确定|从)|不包含|并未|"
    r"\b(?:do(?:es)? not|don't|doesn't|did not)\s+(?:say|contain|mention|state|specify|include|answer|cover)\b|"
    r"\bno (?:information|mention|answer)\b|\bnot (?:mentioned|stated|specified|found|covered)\b"
    r"|\bcannot (?:answer|find|tell)\b",
    re.I,
)


def cited_numbers(marker: str) -> list[int]:
    """[1], [1, 3], [2-4] -> the numbers they name."""
    nums: list[int] = []
    for part in re.split(r"\s*[,，、]\s*", marker):
        if m := re.fullmatch(r"(\d+)\s*[\-–~]\s*(\d+)", part):
            a, b = int(m.group(1)), int(m.group(2))
            nums.extend(range(a, b + 1) if 0 < b - a < 20 else (a, b))
        elif part.strip().isdigit():
            nums.append(int(part))
    return nums


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence; a bullet marker belongs to its line's first sentence, and only a line holding
    nothing but citations joins the sentence before it."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        body = pos + (m.end() if (m := BULLET.match(line)) else 0)
        start = pos
        for m in SENTENCE_END.finditer(text, body, pos + len(line)):
            spans.append((start, m.end()))
            start = m.end()
        if text[start : pos + len(line)].strip():
            spans.append((start, pos + len(line)))
        pos += len(line) + 1
    # a fragment that is only citations ("[1]", even on a line of its own) belongs to the sentence before it
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and not CITE.sub("", text[s:e]).strip():
            merged[-1] = (merged[-1][0], e)
        elif text[s:e].strip():
            merged.append((s, e))
    return merged


# --- the facts a sentence can state -----------------------------------------------------------------------

YEAR = re.compile(r"(?<!\d)20\d{2}(?!\d)")
MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(), 1
    )
}
EN_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b", re.I)
LEAD_CUE = re.compile(
    r"牵头|负责(?!人)|责任单位|主责|承办|\blead|\bled\b|\bresponsib|\bin charge\b|\bcharge of\b", re.I
)
DEADLINE_CUE = re.compile(
    r"时限|截止|期限|前完成|完成时间|\bdeadline|\bdue\b|\bby when\b|\bcomplete[d]? by\b|\bfinish(?:ed)? by\b", re.I
)
# Unit-like words in a lead claim that the task table does not know ("县财政部" invented by the model).
UNIT_WORD = re.compile(r"[\u4e00-\u9fff]{2,14}?(?:委员会|办公室|政府|法院|检察院|中心|局|厅)")
UNIT_LEAD = re.compile(r".*(?:是|为|由|：|:|，|,|、|和|与|及|的|即|包括)")


@dataclass(frozen=True)
class Facts:
    """What the checks look for: the unit names the notices use (from every task table and issuer)."""

    units: tuple[str, ...]  # longest first, so 县政府办公室 is found before 县政府办

    @classmethod
    def of(cls, notices: Sequence[Notice], tasks: Sequence[Task]) -> Facts:
        names = {flat(u) for t in tasks for u in (*t.lead, *t.responsible)} | {
            flat(n.issuer) for n in notices if n.issuer
        }
        return cls(tuple(sorted((u for u in names if len(u) >= 3), key=len, reverse=True)))

    def units_in(self, text: str) -> list[str]:
        """Known unit names in a text, longest match first, not overlapping."""
        s, found = flat(text), []
        for u in self.units:
            if u in s:
                found.append(u)
                s = s.replace(u, "\x00")
        return found


def check_sentence(
    text: str, cites: Sequence[int], sources: dict[int, Source], table: Sequence[Task], facts: Facts
) -> list[Problem]:
    """What in one cited sentence its sources do not support; empty when everything checks."""
    if bad := _citation_problems(text, cites, sources):
        return bad
    cited = [sources[n] for n in cites]
    body = CITE.sub(" ", text)
    problems = _source_problems(body, cited, ", ".join(f"[{n}]" for n in cites), facts)
    # Task facts must match the table: the rows cited, or the rows the question asked about when none is cited
    # (so a passage saying "第17项改由县财政局牵头" cannot stand in for the table).
    rows = [s.task for s in cited if s.task is not None] or list(table)
    if named := find_numbers(body)[0]:  # "第十七项 … [1][2]": the row it names, not any row it cites
        rows = [t for t in dict.fromkeys([*rows, *table]) if t.number in named] or rows
    if rows and LEAD_CUE.search(body):
        problems += _lead_problems(body, rows, facts)
    if rows and DEADLINE_CUE.search(body):
        problems += _deadline_problems(body, rows)
    return problems


def _citation_problems(text: str, cites: Sequence[int], sources: dict[int, Source]) -> list[Problem]:
    """A placeholder instead of a source number, or a number naming no source given."""
    if m := PLACEHOLDER.search(text):
        return [Problem("citation", f"writes the placeholder {m.group(0)} instead of a source number")]
    if missing := [n for n in cites if n not in sources]:
        given = f"[1]-[{max(sources)}]" if sources else "none"
        return [
            Problem("citation", f"cites {', '.join(f'[{n}]' for n in missing)}, which was not given (sources: {given})")
        ]
    return []


def _source_problems(body: str, cited: Sequence[Source], names: str, facts: Facts) -> list[Problem]:
    """Quotes, unit names, dates and years of the sentence that its cited sources do not hold."""
    hay = "\n".join(s.haystack for s in cited)
    problems: list[Problem] = []
    for m in QUOTE.finditer(body):
        quote = next(g for g in m.groups() if g)
        if flat(quote) not in hay:
            problems.append(Problem("quote", f"quotes “{quote[:60]}”, which is not in {names}"))
    for unit in facts.units_in(body):
        if unit not in hay:
            problems.append(Problem("unit", f"names {unit}, which {names} does not mention"))
    for m in DATE_MENTION.finditer(body):
        if flat(m.group(0)) not in hay:
            problems.append(Problem("date", f"gives the date {m.group(0)}, which is not in {names}"))
    for year in dict.fromkeys(YEAR.findall(DATE_MENTION.sub(" ", body))):  # years outside a date checked above
        if year not in hay:
            problems.append(Problem("date", f"mentions the year {year}, which is not in {names}"))
    return problems


def _lead_problems(body: str, rows: Sequence[Task], facts: Facts) -> list[Problem]:
    """Units the sentence says lead or are responsible that the task table does not list for these rows."""
    allowed = [flat(u) for t in rows for u in (*t.lead, *t.responsible)]
    return [
        Problem(
            "task",
            f"says {unit} leads or is responsible, but the task table lists "
            f"{'、'.join(dict.fromkeys(allowed)) or 'no units'} for {_rows(rows)}",
        )
        for unit in _claimed_units(body, facts)
        if not any(unit in a or a in unit for a in allowed)
    ]


def _deadline_problems(body: str, rows: Sequence[Task]) -> list[Problem]:
    """Dates, years and English months the sentence gives as a deadline that the task table does not."""
    deadlines = [flat(t.deadline) for t in rows if t.deadline]
    own = "".join(flat(t.source_text) for t in rows)
    table_says = f"the task table says {'、'.join(deadlines) or 'no deadline'} for {_rows(rows)}"
    problems = []
    for m in DATE_MENTION.finditer(body):
        d = flat(m.group(0))
        if deadlines and not any(d in x or x in d for x in deadlines) or not deadlines and d not in own:
            problems.append(Problem("task", f"gives the deadline {m.group(0)}, but {table_says}"))
    if deadlines:
        joined = "".join(deadlines)
        for year in YEAR.findall(body):
            if year not in joined:
                problems.append(Problem("task", f"gives a deadline in {year}, but {table_says}"))
        for month in EN_MONTH.findall(body):
            if f"{MONTHS[month.lower()]}月" not in joined:
                problems.append(Problem("task", f"gives a deadline in {month}, but {table_says}"))
    return problems


def _claimed_units(body: str, facts: Facts) -> list[str]:
    units = facts.units_in(body)
    rest = flat(body)
    for u in units:
        rest = rest.replace(u, "\x00")
    for m in UNIT_WORD.finditer(rest):  # names the notices never use: take the name after the last connective
        name = UNIT_LEAD.sub("", m.group(0))
        if len(name) >= 3:
            units.append(name)
    return units


def _rows(rows: Sequence[Task]) -> str:
    return ", ".join(f"{t.doc_id} {t.label}" for t in rows[:4])


def _specific(text: str, facts: Facts) -> bool:
    body = CITE.sub("", text)
    return bool(
        re.search(r"\d", BULLET.sub("", body))
        or QUOTE.search(body)
        or facts.units_in(body)
        or DATE_MENTION.search(body)
    )


def _claims(text: str, facts: Facts) -> bool:
    """Whether a sentence states something a source must back: anything but a bare refusal or a lead-in."""
    body = BULLET.sub("", CITE.sub("", text)).strip()
    if not re.search(r"[\w\u3400-\u9fff]", body):
        return False
    if _specific(text, facts):
        return True
    if REFUSAL.search(body) and len(body) <= 120:
        return False
    return not (body.endswith((":", "：")) and len(body) <= 40)


def verify(text: str, sources: Sequence[Source], facts: Facts, table: Sequence[Task] = ()) -> Verdict:
    """Checks every sentence of `text` against the numbered `sources` and the task rows the question asked about."""
    by_n = {s.n: s for s in sources}
    sentences = []
    for start, end in split_sentences(text):
        raw = text[start:end]
        cites = tuple(dict.fromkeys(n for m in CITE.finditer(raw) for n in cited_numbers(m.group(1))))
        claims = _claims(raw, facts)
        problems: list[Problem] = []
        if cites or PLACEHOLDER.search(raw):
            problems = check_sentence(raw, cites, by_n, table, facts)
        elif claims:
            problems = [Problem("uncited", f"states a fact without citing a source: {raw.strip()[:60]!r}")]
        sentences.append(Sentence(start, end, raw, cites, claims, tuple(problems), _specific(raw, facts)))
    return Verdict(text, sentences)


def renumber(text: str, order: Sequence[int]) -> str:
    """Rewrites citation markers so [n] counts through `order` (the sources kept, in citing order) from 1."""
    new = {old: i for i, old in enumerate(order, 1)}

    def sub(m: re.Match) -> str:
        nums = [new[n] for n in cited_numbers(m.group(1)) if n in new]
        return "".join(f"[{n}]" for n in dict.fromkeys(nums))

    return CITE.sub(sub, text)


def unanswered(text: str, table: Sequence[Task], fields: Sequence[str]) -> list[str]:
    """The task-table values a task question asked for that the answer leaves out (for each row asked about):
    an answer that checks out but does not say who leads or when is no answer to "who leads / by when"."""
    said = flat(text)
    missing: list[str] = []
    for t in table:
        who = [
            u
            for u in (t.lead if t.lead and "lead" in fields else ())
            or (t.responsible if {"lead", "responsible"} & set(fields) else ())
        ]
        if who and not any(flat(u) in said for u in who):
            missing.append(f"{t.doc_id} {t.label}: {'、'.join(who)}")
        if "deadline" in fields and t.deadline and flat(t.deadline) not in said:
            missing.append(f"{t.doc_id} {t.label}: {t.deadline}")
    return missing

"""Extractive answers in the question's language, every fact carrying a citation to exact notice text."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field

from assistant.glossary import Glossary
from assistant.retrieve import Hit
from assistant.understand import SECTION_COUNT, Question, lexicon
from index.corpus import Corpus
from index.numbers import cn_to_int
from index.records import Notice, Task
from index.store import tokenize

NOT_FOUND = {
    "zh": "未找到相关规定：通知中没有回答这个问题的内容。",
    "en": "The notices do not say: nothing in them answers this question.",
}
MIN_COVERAGE = 0.5  # share of the question's content words (IDF-weighted) a passage must contain to count as an answer
GLOSS_DAMPING = 0.3  # how much an English word's many glosses weaken the evidence of any one of them
HEADING_WEIGHT = 0.8  # share of a section heading's word matches credited to a line under it
MIN_DENSE_EN = 0.42  # cosine a passage must reach for an English question whose words the notices cannot contain
STOP = set(
    "的 了 是 在 和 与 及 对 由 谁 什么 哪些 哪个 多少 几 吗 呢 请问 时候 时间 安排 要求 规定 通知 文件 中 有 为 把 将 被 从 到 "
    "负责 牵头 单位 部门 责任 完成 时限 任务 事项 情况 工作 如何 怎么 怎样 是否 需要 应当 应该 各 该 其 这 那 项 个 "
    "县 市 区 哪 哪几个 几个 哪几 哪里 哪儿 是谁 什么样 何时 为什么 哪个 有没有 一下 么 这份 这个 这些 那个 那些 此 本 "
    "the a an of in on at to for by and or is are was were be does do did what which who whom whose when where how "
    "many much list notice notices task tasks item items each every all any there their its it this that with about "
    "say says said tell me please according".split()
)
QUOTED_TERM_MAX = 8  # a longer Chinese span in an English question is a phrase: its words count one by one
# A question's "两个" or "几项" counts, it names nothing a passage must hold.
COUNT_WORD = re.compile(r"[一二两三四五六七八九十百几\d]+[个项条名位次期件家种类批]?")
# Words notices vary for one relation: a notice "based on" a document says 根据, 依据, 按照, or 全面落实《…》.
RELATION = {w: ("根据", "依据", "按照", "落实", "贯彻") for w in ("根据", "依据", "按照")}


@dataclass(frozen=True)
class Citation:
    doc_id: str
    title: str
    doc_number: str | None
    source: str
    label: str
    start_line: int
    end_line: int
    quote: str


@dataclass
class Answer:
    text: str
    citations: list[Citation]
    tasks: list[Task]
    lang: str
    found: bool = True
    mode: str = "extractive"
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "answer": self.text,
            "citations": [asdict(c) for c in self.citations],
            "tasks": [t.to_json() for t in self.tasks],
            "lang": self.lang,
            "found": self.found,
            "mode": self.mode,
            "notes": self.notes,
        }


def cite(notice: Notice, label: str, start: int, end: int, quote: str) -> Citation:
    if quote not in notice.text:  # a citation must never point at text the notice does not hold
        raise AssertionError(f"quote not in {notice.doc_id}: {quote[:40]!r}")
    return Citation(notice.doc_id, notice.title, notice.doc_number, notice.source, label, start, end, quote)


def cite_task(notice: Notice, task: Task) -> Citation:
    return cite(notice, task.label, task.start_line, task.end_line, task.source_text)


def notice_name(n: Notice, lang: str) -> str:
    if lang == "en":
        place = next((a for a in n.aliases if a.isascii()), n.doc_id).capitalize()
        return f"{place} ({n.doc_number or n.title})"
    return f"{n.region or ''}《{n.title}》" + (f"（{n.doc_number}）" if n.doc_number else "")


def task_name(t: Task, lang: str) -> str:
    if lang == "zh":
        return f"第{t.number}项" if t.label[0].isdigit() else t.label
    word = {"bonus": "bonus item", "veto": "veto item"}.get(t.kind, "item")
    return f"{word} {t.number} [{t.label}]"


def _units(units: Sequence[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(units)


DEFAULT_FIELDS = ("lead", "responsible", "deadline")


def task_facts(t: Task, notice: Notice, fields: Sequence[str], lang: str) -> str:
    """The asked fields of one task, saying plainly when the notice has no such column."""
    zh = lang == "zh"
    wanted = list(fields) or list(DEFAULT_FIELDS)
    if "lead" in wanted and "responsible" not in wanted:
        wanted.append("responsible")
    if ("lead" in wanted or "responsible" in wanted) and "deadline" not in wanted and "deadline" in notice.task_fields:
        wanted.append("deadline")
    parts: list[str] = []
    for f in wanted:
        if f == "lead":
            if t.lead:
                parts.append(("牵头单位：" if zh else "lead: ") + _units(t.lead, lang))
            else:
                parts.append("该通知没有牵头单位一栏" if zh else "this notice has no lead column")
        elif f == "responsible":
            if t.responsible:
                parts.append(("责任单位：" if zh else "responsible units: ") + _units(t.responsible, lang))
            elif "lead" not in wanted or not t.lead:
                parts.append("未列责任单位" if zh else "no responsible units are listed")
        elif f == "deadline":
            if t.deadline:
                parts.append(("完成时限：" if zh else "deadline: ") + t.deadline)
            else:
                parts.append("该通知没有规定完成时限" if zh else "the notice sets no deadline for it")
                if t.dates:
                    parts.append(("内容中提到的时间：" if zh else "dates named in its text: ") + _units(t.dates, lang))
        elif f == "materials":
            if t.materials:
                parts.append(("具体资料报送：" if zh else "materials to submit: ") + t.materials)
            else:
                parts.append("未列报送资料" if zh else "no materials are listed")
        elif f == "content":
            parts.append(("内容：" if zh else "content: ") + t.content)
    return ("；" if zh else "; ").join(parts)


# --- task lookups -------------------------------------------------------------------------------

STYLE_PREFIX = {"problem": ("存在问题",), "indicator": ("三级指标", "评价指标"), "paren": ("(", "（")}


def tasks_for(q: Question, corpus: Corpus, doc_ids: Sequence[str]) -> list[tuple[Notice, Task]]:
    kind = q.style if q.style in ("bonus", "veto") else "task"
    found = []
    for p in corpus.notices:
        if doc_ids and p.notice.doc_id not in doc_ids:
            continue
        for t in p.tasks:
            if t.kind == kind and t.number in q.numbers:
                found.append((p.notice, t))
    prefixes = STYLE_PREFIX.get(q.style or "")
    if prefixes and not doc_ids:
        styled = [(n, t) for n, t in found if t.label.startswith(prefixes)]
        found = styled or found
    return found


def answer_task(q: Question, corpus: Corpus, doc_ids: Sequence[str], *, detail: bool = False) -> Answer | None:
    """Task-table answers. `detail`: the question asks about something in the task's text (how many, how often…),
    so its content is shown with the asked fields."""
    pairs = tasks_for(q, corpus, doc_ids)
    zh = q.lang == "zh"
    if not pairs:
        if q.style in ("bonus", "veto"):
            return None
        return no_such_item(q, corpus, doc_ids)
    fields = q.fields if not detail or "content" in q.fields else (*(q.fields or DEFAULT_FIELDS), "content")
    lines: list[str] = []
    notices = list(dict.fromkeys(n.doc_id for n, _ in pairs))
    if not doc_ids and len(notices) > 1:
        nums = "、".join(str(n) for n in q.numbers)
        lines.append(
            f"问题未指明通知；以下 {len(notices)} 份通知都有第{nums}项，分别是："
            if zh
            else f"The question names no notice; {len(notices)} notices have an item {', '.join(map(str, q.numbers))}:"
        )
    for notice, t in pairs:
        sep = "" if zh else " "
        lines.append(
            f"{notice_name(notice, q.lang)}{sep}{task_name(t, q.lang)}：{task_facts(t, notice, fields, q.lang)}"
            if zh
            else f"{notice_name(notice, q.lang)} {task_name(t, q.lang)}: {task_facts(t, notice, fields, q.lang)}"
        )
    missing = [n for n in q.numbers if not any(t.number == n for _, t in pairs)]
    if missing and doc_ids:
        lines.append(
            f"未找到第{'、'.join(map(str, missing))}项。"
            if zh
            else f"No item {', '.join(map(str, missing))} was found."
        )
    return Answer("\n".join(lines), [cite_task(n, t) for n, t in pairs], [t for _, t in pairs], q.lang)


def no_such_item(q: Question, corpus: Corpus, doc_ids: Sequence[str]) -> Answer:
    """No notice asked about has the item: say what they do have, claim nothing."""
    zh = q.lang == "zh"
    nums = "、".join(map(str, q.numbers)) if zh else ", ".join(map(str, q.numbers))
    lines = [f"未找到相关规定：没有第{nums}项。" if zh else f"The notices do not say: there is no item {nums}."]
    for p in corpus.notices:
        if (doc_ids and p.notice.doc_id not in doc_ids) or not p.tasks:
            continue
        top = max(t.number for t in p.tasks if t.kind == "task")
        word = item_word(p.tasks, q.lang)
        lines.append(
            f"{notice_name(p.notice, q.lang)}共 {top} {word}（第1至{top}项）。"
            if zh
            else f"{notice_name(p.notice, q.lang)} has {top} {word} (1 to {top})."
        )
    return Answer("\n".join(lines), [], [], q.lang, found=False)


# --- lists and counts over the task table --------------------------------------------------------


def _ym(text: str) -> tuple[int, int] | None:
    if m := re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月", text):
        return int(m.group(1)), int(m.group(2))
    if m := re.search(r"(\d{4})\s*年\s*(?:年)?底", text):
        return int(m.group(1)), 12
    return None


def due_matches(t: Task, due: str, by: bool) -> bool:
    target = _ym(due)
    for text in [t.deadline]:  # dates inside a task's text are not its deadline
        if not text:
            continue
        if target is None:
            if re.sub(r"[底末前]", "", due) in text:
                return True
            continue
        ym = _ym(text)
        if ym is not None and (ym <= target if by else ym == target) and not text.startswith("每年"):
            return True
    return False


def unit_matches(t: Task, units: Sequence[str], fields: Sequence[str]) -> bool:
    if "lead" in fields and "responsible" in fields:  # 牵头或责任: either column
        pool = t.lead + t.responsible
    elif "lead" in fields:
        pool = t.lead
    elif "responsible" in fields:
        pool = t.responsible
    else:
        pool = t.lead + t.responsible
    return all(any(u in x for x in pool) for u in units)


def mentions(t: Task, words: Sequence[str], fields: Sequence[str]) -> bool:
    """Whether a task says all the words: in its materials when the question asks about materials, else anywhere."""
    text = (t.materials or "") if "materials" in fields else "\n".join([t.content, t.materials or ""])
    flat = re.sub(r"\s+", "", text)
    return all(re.sub(r"\s+", "", w) in flat for w in words)


def filtered_tasks(q: Question, corpus: Corpus, doc_ids: Sequence[str]) -> list[tuple[Notice, Task]]:
    by = bool(re.search(r"\bby\b|before|no later than|not later than|之前|以前|前", q.text))
    out = []
    for p in corpus.notices:
        if doc_ids and p.notice.doc_id not in doc_ids:
            continue
        for t in p.tasks:
            if q.units and unit_matches(t, q.units, q.fields) == ("units" in q.negated):
                continue
            if q.mentions and not mentions(t, q.mentions, q.fields):
                continue
            if q.due and (
                "due" in q.negated
                and (not t.deadline or due_matches(t, q.due, by))
                or "due" not in q.negated
                and not due_matches(t, q.due, by)
            ):
                continue
            if q.style in ("bonus", "veto") and t.kind != q.style:
                continue
            if q.style not in ("bonus", "veto") and t.kind != "task" and (q.units or q.due or q.intent == "count"):
                continue
            out.append((p.notice, t))
    return out


def item_word(tasks: Sequence[Task], lang: str) -> str:
    label = tasks[0].label if tasks else ""
    if lang == "en":
        return "problems" if label.startswith("存在问题") else "indicators" if "指标" in label else "items"
    return "个问题" if label.startswith("存在问题") else "项指标" if "指标" in label else "项"


MAX_COUNT_LABELS = 20


def answer_list(q: Question, corpus: Corpus, doc_ids: Sequence[str]) -> Answer | None:
    pairs = filtered_tasks(q, corpus, doc_ids)
    zh = q.lang == "zh"
    counting = q.intent == "count"
    lines: list[str] = []
    groups: dict[str, list[Task]] = {}
    for n, t in pairs:
        groups.setdefault(n.doc_id, []).append(t)
    target = [p.notice for p in corpus.notices if (not doc_ids or p.notice.doc_id in doc_ids)]
    what = _units(q.units, q.lang) if q.units else ""
    both = {"lead", "responsible"} <= set(q.fields)  # 牵头或责任: either column matched
    role = "牵头或负责" if both else "牵头" if "lead" in q.fields else "负责" if "responsible" in q.fields else "承担"
    for n in target:
        tasks = groups.get(n.doc_id, [])
        if not tasks and (q.units or q.due) and len(target) > 1:
            continue
        word = item_word(tasks or corpus.get(n.doc_id).tasks, q.lang)
        labels = ("、" if zh else ", ").join(t.label for t in tasks)
        if counting and len(tasks) > MAX_COUNT_LABELS:  # a count answer leads with the number, not 100 labels
            labels = f"{tasks[0].label}{'至' if zh else ' to '}{tasks[-1].label}"
        no_unit, no_due = "units" in q.negated, "due" in q.negated
        literal = bool(q.due) and not re.search(r"\d", q.due)  # 长期: a kind of deadline, not a date
        if zh:
            due_zh = (
                (f"完成时限{'不是' if no_due else '为'}{q.due}的" if literal or no_due else f"在{q.due}前到期的")
                if q.due
                else ""
            )
            cond = (
                (f"{'不' if no_unit else ''}由{what}{role}的" if what else "")
                + due_zh
                + "".join(f"{'资料' if 'materials' in q.fields else ''}涉及“{w}”的" for w in q.mentions)
            )
            head = f"{notice_name(n, 'zh')}{cond}共 {len(tasks)} {word}"
            lines.append(head + (f"：{labels}" if tasks else "。"))
        else:
            due_en = (
                (
                    f" with a deadline {'other than' if no_due else 'of'} {q.due}"
                    if literal or no_due
                    else f" due by {q.due}"
                )
                if q.due
                else ""
            )
            cond = (
                "".join(
                    f" whose {'materials mention' if 'materials' in q.fields else 'text mentions'} {w}"
                    for w in q.mentions
                )
                + (
                    f" {'not ' if no_unit else ''}{'led or handled' if both else 'led' if role == '牵头' else 'handled'} by {what}"
                    if what
                    else ""
                )
                + due_en
            )
            lines.append(f"{notice_name(n, 'en')}: {len(tasks)} {word}{cond}" + (f": {labels}" if tasks else "."))
        if not counting:
            for t in tasks[:40]:
                facts = task_facts(t, n, q.fields if not q.due else ["deadline"], q.lang)
                lines.append(
                    f"  - {t.label} {t.content[:40]}{'…' if len(t.content) > 40 else ''}（{facts}）"
                    if zh
                    else f"  - {t.label} {t.content[:40]}{'…' if len(t.content) > 40 else ''} ({facts})"
                )
        extra = (
            [t for t in corpus.get(n.doc_id).tasks if t.kind != "task"]
            if counting and not (q.units or q.due or q.mentions)
            else []
        )
        if extra:
            kinds = {k: sum(1 for t in extra if t.kind == k) for k in ("bonus", "veto")}
            lines.append(
                f"另有加分项 {kinds['bonus']} 项、否决项 {kinds['veto']} 项。"
                if zh
                else f"It also lists {kinds['bonus']} bonus and {kinds['veto']} veto items."
            )
    if not pairs:
        if q.mentions:  # no item says it in those words: the notice's text may still say it otherwise
            return None
        return Answer(
            NOT_FOUND[q.lang] if not lines else "\n".join(lines), [], [], q.lang, found=bool(lines and counting)
        )
    cited = pairs if not counting or len(pairs) <= 3 else [pairs[0], pairs[-1]]
    return Answer("\n".join(lines), [cite_task(n, t) for n, t in cited[:40]], [t for _, t in pairs], q.lang)


def sections_of(tasks: Sequence[Task], level: int) -> list[str]:
    """The notice's groups at one level of its headings, in order: 一、… (1) or （一）…/ 二级指标 (2)."""
    out: list[str] = []
    for t in tasks:
        if t.kind == "task" and len(t.section) >= level:
            name = re.sub(r"\s+", "", t.section[level - 1])  # "六、 完善" and "六、完善" are one heading
            if name not in out:
                out.append(name)
    return out


def answer_sections(q: Question, corpus: Corpus, doc_ids: Sequence[str]) -> Answer:
    """How many groups (方面, 二级指标, areas) a notice's tasks fall into, with their headings cited."""
    zh = q.lang == "zh"
    m = SECTION_COUNT.search(q.text.lower())
    word = (m.group("zh") or m.group("en")) if m else None  # the asker's word for the groups: 方面, areas
    lines: list[str] = []
    cites: list[Citation] = []
    for p in corpus.notices:
        if doc_ids and p.notice.doc_id not in doc_ids:
            continue
        names = sections_of(p.tasks, q.section_level or 1)
        if not names:
            continue
        shown = names if len(names) <= MAX_COUNT_LABELS else [names[0], "…", names[-1]]
        if zh:
            lines.append(f"{notice_name(p.notice, 'zh')}的任务分为{len(names)}个{word or '部分'}：{'；'.join(shown)}")
        else:
            lines.append(
                f"{notice_name(p.notice, 'en')}: its tasks fall into {len(names)} {word or 'sections'}: {'; '.join(shown)}"
            )
        picked = names if len(names) <= 4 else [*names[:2], names[-1]]
        for name in picked:
            if (found := _line_of(p.notice, name)) is not None:
                n, line = found
                cites.append(cite(p.notice, name, n, n, line))
    if not lines:
        return Answer(NOT_FOUND[q.lang], [], [], q.lang, found=False)
    return Answer("\n".join(lines), cites, [], q.lang)


# --- open questions: best sentences of the best passages ---------------------------------------

SENTENCE = re.compile(r"[^。；！？\n\t]+[。；！？]?")


class Scorer:
    """IDF-weighted coverage of a question's content words, over the indexed chunks' vocabulary.

    A content word is a group of alternatives: one Chinese word for a Chinese question; for an English question the
    Chinese words the structural map or the glossary gives for one English word, or none at all when the notices have
    no word for it (it then counts against every passage: the notices do not talk about it)."""

    def __init__(self, texts: Sequence[str], glossary: Glossary | None = None) -> None:
        self.n = max(1, len(texts))
        self.df: dict[str, int] = {}
        for text in texts:
            for tok in set(tokenize(text)):
                self.df[tok] = self.df.get(tok, 0) + 1
        self.glossary = glossary

    def idf(self, tok: str) -> float:
        return math.log((self.n + 1) / (self.df.get(tok, 0) + 0.5))

    def content_words(self, q: Question, notices: Sequence[Notice]) -> list[tuple[str, ...]]:
        names = {a.lower() for n in notices for a in n.aliases}
        lex = lexicon()
        low = q.text.lower()

        def says(phrase: str) -> bool:
            return bool(re.search(rf"\b{re.escape(phrase)}\b", low))

        mapped = [en for en in {**lex.terms, **lex.places} if says(en)]
        # A Chinese term quoted in an English question ("the implementation phase (实施推进)"), or in quotation marks
        # in a Chinese one (“七个一”), is what the asker means exactly: one group, found as written, weighing what a
        # rare word does.
        if q.lang == "en":
            quoted = re.findall(r"[\u3400-\u9fff]+", q.text)
        else:
            quoted = [
                m for m in re.findall(r"[“\"「『]([^”\"」』]+)[”\"」』]", q.text) if re.search(r"[\u3400-\u9fff]", m)
            ]
        terms = [t for t in quoted if 2 <= len(t) <= QUOTED_TERM_MAX]
        rest = q.text
        for t in terms:
            rest = rest.replace(t, " ")
        probe = (
            rest
            if q.lang == "zh"
            else " ".join([lex.terms[en] for en in mapped if en in lex.terms] + [t for t in quoted if t not in terms])
        )
        groups: list[tuple[str, ...]] = [(t,) for t in terms if t.lower() not in names]
        for tok in tokenize(probe):
            if tok in STOP or tok.lower() in names or COUNT_WORD.fullmatch(tok) or len(tok) < 2:
                continue
            if any(tok in a for a in names):
                continue
            groups.append(RELATION.get(tok, (tok,)))
        if q.lang == "en" and self.glossary is not None:
            # the words of the structural terms and cues the question uses ("approval bureau" skips approv, but only
            # when the question says "approval bureau")
            structural = [en for en in mapped if en in lex.terms] + [
                c for cues in lex.fields.values() for c in cues if c.isascii() and says(c)
            ]
            for _, zh in self.glossary.groups(q.text, skip=[*structural, *names]):
                groups.append(tuple(z for z in zh if z not in STOP and not any(z in a for a in names)))
        return list(dict.fromkeys(groups))

    def asks_detail(self, q: Question, notices: Sequence[Notice]) -> bool:
        """Whether a task question asks about something beyond its fields and number ("how many lectures")."""
        numeral = re.compile(r"[一二三四五六七八九十百零两]+")
        return any(
            g and not all(numeral.fullmatch(w) or w.isdigit() for w in g) for g in self.content_words(q, notices)
        )

    def weight(self, group: tuple[str, ...], default: float) -> float:
        return sum(self.idf(w) for w in group) / len(group) if group else default

    def coverage(self, groups: Sequence[tuple[str, ...]], text: str) -> float:
        if not groups:
            return 0.0
        default = self.idf("")  # a word the notices lack weighs what an unseen Chinese word does: the most
        total = sum(self.weight(g, default) for g in groups)
        flat = re.sub(r"\s+", "", text)  # notices pad names: 组 长：王 丽
        # A group of many alternatives (an English word with many glosses) is weak evidence that the sentence talks
        # about that word: it earns alternatives**-GLOSS_DAMPING of its weight.
        return (
            sum(self.weight(g, default) / len(g) ** GLOSS_DAMPING for g in groups if any(w in flat for w in g)) / total
            if total
            else 0.0
        )


# What a quantity question asks for, and what a sentence must then hold: "多少学时" needs a number of 学时.
ZH_UNITS = (
    "个工作日",
    "工作日",
    "学时",
    "小时",
    "分钟",
    "天",
    "日",
    "次",
    "期",
    "名",
    "人",
    "年",
    "个月",
    "周",
    "万元",
    "元",
    "家",
    "条",
    "件",
    "%",
)
EN_UNITS = {
    "hour": ("学时", "小时"),
    "day": ("日", "天", "工作日"),
    "working day": ("工作日",),
    "time": ("次",),
    "session": ("期", "次"),
    "lecture": ("期", "次"),
    "people": ("名", "人"),
    "person": ("名", "人"),
    "staff": ("名", "人"),
    "month": ("个月", "月"),
    "year": ("年",),
    "week": ("周",),
    "yuan": ("元", "万元"),
}
NUMBER = r"[\d一二三四五六七八九十百千两]+\s*"


def answer_type(q: Question) -> re.Pattern | None:
    """A pattern every answering sentence must match, from what the question asks for; None when it asks no quantity."""
    low = q.text.lower()
    if re.search(r"电话|号码|\bphone\b|\btelephone\b|\bhotline\b", low):
        return re.compile(r"\d{7,}|\d{3,4}-\d{7,8}")
    if re.search(r"邮箱|电子邮件|\be-?mail\b", low):
        return re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
    if re.search(r"百分之|比例|比率|\bpercent(age)?\b|\brate\b|率(是|为|达到)?多少", low):
        return re.compile(r"\d+(\.\d+)?\s*%|百分之")
    if re.search(r"文号|字号|\b(document|reference|file)\s+(number|no\b)", low):
        return re.compile(r"[〔［\[(（]\s*\d{4}\s*[〕］\])）]\s*\d+\s*号")
    if re.search(
        r"什么时候|何时|哪天|哪一天|几月|几号|什么时间|\bwhen\b|\bwhat date\b|\bwhich month\b|\bby what date\b", low
    ):
        return re.compile(r"\d{4}\s*年|\d{1,2}\s*月|\d{4}-\d{1,2}|[一二三四五六七八九十]+月|年底|月底|季度")
    if m := re.search(r"(?:多少|几)\s*(" + "|".join(map(re.escape, ZH_UNITS)) + ")", q.text):
        return re.compile(NUMBER + re.escape(m.group(1)))
    if m := re.search(
        r"\bhow\s+many\s+(?:\w+\s+)?(working day|hour|day|time|session|lecture|people|person|staff|month|year|week|yuan)s?\b",
        low,
    ):
        return re.compile(NUMBER + "(" + "|".join(map(re.escape, EN_UNITS[m.group(1)])) + ")")
    return None


def best_sentences(
    q: Question, hits: Sequence[Hit], corpus: Corpus, scorer: Scorer, *, limit: int = 2, per_notice: bool = False
) -> list[tuple[float, Citation]]:
    words = scorer.content_words(q, [p.notice for p in corpus.notices])
    wanted = answer_type(q)
    scored: list[tuple[float, Citation]] = []
    for rank, h in enumerate(hits):
        notice = corpus.get(h.chunk.doc_id).notice
        quote = h.chunk.quote
        for m in SENTENCE.finditer(quote):
            sentence = m.group(0).strip()
            if len(sentence) < 6 or (wanted is not None and not wanted.search(sentence)):
                continue
            cov = scorer.coverage(words, sentence) if words else 0.0
            if cov and h.chunk.kind == "block" and h.chunk.label:
                # A line under a heading says what the heading is about: "组 长：王 丽" under 领导小组成员名单.
                # Heading words count for less than the line's own, and only for a line that matches by itself.
                cov += HEADING_WEIGHT * (scorer.coverage(words, h.chunk.label + sentence) - cov)
            if q.lang == "en" and not words:
                cov = h.dense_score or 0.0  # no mapped words: trust the multilingual embedder alone
            score = cov + 0.02 / (1 + rank)
            line = h.chunk.start_line + quote[: m.start()].count("\n")
            scored.append((score, cite(notice, h.chunk.label, line, line, sentence)))
    scored.sort(key=lambda x: x[0], reverse=True)
    out: list[tuple[float, Citation]] = []
    for score, c in scored:
        if any(c.quote == o.quote for _, o in out):
            continue
        out.append((score, c))
        if len(out) >= limit:
            break
    return out


def passes(q: Question, score: float, hits: Sequence[Hit]) -> bool:
    if q.lang == "en" and score < 0.3:  # English words the map cannot carry: the embedder's similarity decides
        return bool(hits) and (hits[0].dense_score or 0.0) >= MIN_DENSE_EN
    return score >= MIN_COVERAGE


LABEL_LINE = re.compile(r"^\s*[\u4e00-\u9fff][\u4e00-\u9fff ]{0,7}[:：]\s*\S")
ROSTER_ENTRY_MAX = 40  # a roster line is a name and a post, not a sentence


def continued(notice: Notice, c: Citation) -> Citation:
    """A "label：value" roster line whose value runs on over the next lines (副组长：A … / B … / C …) cites all of
    them: the lines after it that carry no label of their own and read as entries, not sentences."""
    lines = notice.lines
    line = lines[c.start_line - 1] if c.start_line == c.end_line and c.start_line <= len(lines) else ""
    if line.strip() != c.quote or not LABEL_LINE.match(line) or len(line.strip()) > ROSTER_ENTRY_MAX:
        return c
    end = c.start_line
    for i in range(c.start_line, len(lines)):
        text = lines[i].strip()
        if not text:
            continue
        if LABEL_LINE.match(text) or len(text) > ROSTER_ENTRY_MAX or text.endswith(("。", "；", ";", "：", ":")):
            break
        end = i + 1
    if end == c.start_line:
        return c
    return cite(notice, c.label, c.start_line, end, notice.line_span_text(c.start_line, end))


ITEM = re.compile(
    r"^\s*(?:(?P<arabic>\d{1,2})\s*[.、．]|[（(](?P<paren>[一二三四五六七八九十]{1,3})[)）]|(?P<han>[一二三四五六七八九十]{1,3})、)"
)
ASKS_LIST = re.compile(
    r"哪些|哪几|有什么|包括|包含|分别|\bwhich\b|\blist\b|\binclud|\bconsist|\bmake up\b|\bcomprise|\bwhat\s+\w+\s+are\b"
)
MAX_ITEMS = 30
MAX_GAP_LINES = 2  # lines inside one item (a wrapped paragraph) before the list is taken to have ended


def _item(line: str) -> tuple[str, int] | None:
    if not (m := ITEM.match(line)):
        return None
    style = next(k for k, v in m.groupdict().items() if v)
    return style, cn_to_int(m.group(style))


def enumerated(notice: Notice, c: Citation) -> list[Citation]:
    """The numbered items right after a sentence that introduces them ("以“七个一”活动为重点…" then 1. … 7. …): the
    first sentence of each, cited on its own line. [] when no list starting at 1 follows at once."""
    lines = notice.lines
    i = c.end_line  # 0-based index of the line after the citation
    while i < len(lines) and not lines[i].strip():
        i += 1
    first = _item(lines[i]) if i < len(lines) else None
    if first is None or first[1] != 1:
        return []
    style, want, gap, out = first[0], 1, 0, []
    for j in range(i, len(lines)):
        text = lines[j].strip()
        if not text:
            continue
        item = _item(text)
        if item is None:
            gap += 1
            if gap > MAX_GAP_LINES:
                break
            continue
        if item != (style, want):
            break
        head = re.match(r"[^。；;]*[。；;]?", text).group(0)
        out.append(cite(notice, c.label, j + 1, j + 1, head))
        want, gap = want + 1, 0
        if len(out) >= MAX_ITEMS:
            break
    return out if len(out) >= 2 else []


def answer_open(q: Question, hits: Sequence[Hit], corpus: Corpus, scorer: Scorer) -> Answer:
    best = best_sentences(q, hits, corpus, scorer)
    if not best or not passes(q, best[0][0], hits):
        return refuse(q, hits, corpus)
    keep = [c for s, c in best if passes(q, s, hits)] or [best[0][1]]
    keep = [continued(corpus.get(c.doc_id).notice, c) for c in keep]
    shown = [re.sub(r"\n\s*", "；", c.quote.strip()) for c in keep]
    lines = [
        f"{notice_name(corpus.get(c.doc_id).notice, q.lang)}{'：' if q.lang == 'zh' else ': '}{t}"
        for c, t in zip(keep, shown)
    ]
    for k, c in enumerate(keep):  # a kept sentence introduces a numbered list: the list is the answer
        if not (ASKS_LIST.search(q.text.lower()) or c.quote.rstrip().endswith(("：", ":"))):
            break
        if items := enumerated(corpus.get(c.doc_id).notice, c):
            lines[k + 1 : k + 1] = [f"  {re.sub(r'[*]{2}', '', it.quote)}" for it in items]
            keep[k + 1 : k + 1] = items
            break
    return Answer("\n".join(lines), keep, [], q.lang)


def answer_cross(q: Question, search: Callable[[str], Sequence[Hit]], corpus: Corpus, scorer: Scorer) -> Answer:
    zh = q.lang == "zh"
    lines = ["按通知分列：" if zh else "By notice:"]
    cites: list[Citation] = []
    for p in corpus.notices:
        hits = search(p.notice.doc_id)
        best = best_sentences(q, hits, corpus, scorer, limit=1)
        if best and passes(q, best[0][0], hits):
            c = best[0][1]
            cites.append(c)
            lines.append(
                f"- {notice_name(p.notice, q.lang)}：{c.quote}"
                if zh
                else f"- {notice_name(p.notice, q.lang)}: {c.quote}"
            )
        else:
            lines.append(
                f"- {notice_name(p.notice, q.lang)}：未找到相关规定"
                if zh
                else f"- {notice_name(p.notice, q.lang)}: the notice does not say"
            )
    if not cites:
        return Answer(NOT_FOUND[q.lang], [], [], q.lang, found=False)
    return Answer("\n".join(lines), cites, [], q.lang)


# --- questions about a notice itself ------------------------------------------------------------------


def _line_of(notice: Notice, value: str, within: int | None = None) -> tuple[int, str] | None:
    """The first line (1-based) holding `value`, ignoring spaces, with the line as printed."""
    want = re.sub(r"\s+", "", value)
    lines = notice.text.splitlines()
    for n, line in enumerate(lines[:within] if within else lines, 1):
        if want and want in re.sub(r"\s+", "", line):
            return n, line.strip()
    return None


def _date_lines(notice: Notice) -> list[tuple[int, str]]:
    """Lines that print the notice's date: 2024年4月16日 or 时间:2024-04-20, plus a head sentence saying when it
    was issued (…4月18日,制定印发了…)."""
    if not notice.date:
        return []
    y, m, d = (int(x) for x in notice.date.split("-"))
    found = []
    for n, line in enumerate(notice.text.splitlines(), 1):
        flat = re.sub(r"\s+", "", line)
        if f"{y}年{m}月{d}日" in flat or re.search(rf"{y}-0?{m}-0?{d}(?!\d)", flat):
            found.append((n, line.strip()))
            break
    for n, line in enumerate(notice.text.splitlines()[:HEAD_LINES], 1):
        for sentence in SENTENCE.findall(line):
            if (
                re.search(r"\d{1,2}月\d{1,2}日", sentence)
                and re.search(r"印发|发布|出台", sentence)
                and (n, line.strip()) not in found
            ):
                found.append((n, sentence.strip()))
    return found


HEAD_LINES = 25
ADDRESSEES = re.compile(r"^[^。；]{4,200}(政府|部门|单位|机关|办事处|街道|委员会|局)[^。；]*[:：]$")


def _recipients_line(notice: Notice) -> tuple[int, str] | None:
    """The 主送 line: the bodies a notice is sent to, a line ending in a colon near its head."""
    for n, line in enumerate(notice.text.splitlines()[:HEAD_LINES], 1):
        if ADDRESSEES.match(line.strip()) and ("、" in line or "，" in line or "," in line):
            return n, line.strip()
    return None


def answer_meta(q: Question, corpus: Corpus, doc_ids: Sequence[str]) -> Answer:
    """Date, 文号, issuer or title of the notices named (all notices when none is), each from the line printing it."""
    zh = q.lang == "zh"
    notices = [corpus.get(d).notice for d in doc_ids] if doc_ids else [p.notice for p in corpus.notices]
    lines: list[str] = (
        []
        if doc_ids
        else ["问题未指明通知，各通知分别为：" if zh else "The question names no notice; for each notice:"]
    )
    cites: list[Citation] = []
    for n in notices:
        name = notice_name(n, q.lang)
        if q.meta == "number":
            hit = _line_of(n, n.doc_number, HEAD_LINES) if n.doc_number else None
            found = [hit] if hit else []
            text = (
                (f"文号：{n.doc_number}" if zh else f"document number: {n.doc_number}")
                if hit
                else ("该通知没有文号" if zh else "the notice carries no document number (文号)")
            )

        elif q.meta == "issuer":
            hit = _line_of(n, n.issuer, HEAD_LINES) if n.issuer else None
            if hit is None and n.issuer and n.region:  # 宜阳县人民政府办公室 printed only as its 文号's abbreviation
                hit = _line_of(n, n.doc_number, HEAD_LINES) if n.doc_number else None
            found = [hit] if hit else []
            text = (f"发文单位：{n.issuer}" if zh else f"issued by {n.issuer}") if hit else ""
        elif q.meta == "recipients":
            hit = _recipients_line(n)
            found = [hit] if hit else []
            text = (f"主送：{hit[1]}" if zh else f"addressed to: {hit[1]}") if hit else ""
        elif q.meta == "title":
            hit = _line_of(n, n.title[:12], HEAD_LINES)
            found = [hit] if hit else []
            text = (f"标题：{n.title}" if zh else f"title: {n.title}") if hit else ""
        else:
            found = _date_lines(n)
            text = ("日期：" if zh else "date: ") + "；".join(line for _, line in found) if found else ""
        if not found and text:  # said of the notice as a whole (it has no 文号): nothing to quote
            lines.append(f"{name}：{text}" if zh else f"{name}: {text}")
            continue
        if not found or not text:
            lines.append(f"{name}：未找到相关规定" if zh else f"{name}: the notice does not say")
            continue
        for line_no, quote in found:
            cites.append(cite(n, "", line_no, line_no, quote))
        lines.append(f"{name}：{text}" if zh else f"{name}: {text}")
    if not cites:
        return Answer("\n".join(lines) if doc_ids else NOT_FOUND[q.lang], [], [], q.lang, found=False)
    return Answer("\n".join(lines), cites, [], q.lang)


def refuse_foreign(q: Question, corpus: Corpus) -> Answer:
    places = "、".join(q.foreign)
    loaded = "、".join(p.notice.region or p.notice.doc_id for p in corpus.notices)
    text = (
        f"未找到相关规定：没有载入{places}的通知（已载入：{loaded}）。"
        if q.lang == "zh"
        else f"The notices do not say: no notice from {places} is loaded (loaded: {loaded})."
    )
    return Answer(text, [], [], q.lang, found=False)


def refuse(q: Question, hits: Sequence[Hit], corpus: Corpus) -> Answer:
    near = []
    for h in hits[:3]:
        notice = corpus.get(h.chunk.doc_id).notice
        first = h.chunk.quote.split("\n")[0][:120]
        near.append(cite(notice, h.chunk.label, h.chunk.start_line, h.chunk.start_line, first))
    text = NOT_FOUND[q.lang]
    if near:
        text += "\n" + ("最接近的段落：" if q.lang == "zh" else "Nearest passages:")
        text += "".join(
            f"\n- {notice_name(corpus.get(c.doc_id).notice, q.lang)} {c.label} {c.quote[:60]}" for c in near
        )
    return Answer(text, near, [], q.lang, found=False)

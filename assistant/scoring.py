"""How well a sentence answers a question: IDF-weighted coverage of its content words, the kind of value it must hold,
and the best sentences of a list of passages."""

from __future__ import annotations

import functools
import math
import re
import tomllib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from assistant.citing import cite
from assistant.glossary import Glossary, all_stems, en_words
from assistant.records import Citation, Question
from assistant.retrieve import Hit
from assistant.understand import lexicon, name_index, without_numbers
from assistant.values import asked_kinds, by_name, cue_words, expected, holds, is_specific, names_kind
from index.corpus import Corpus
from index.records import Notice, ParsedNotice, Stage
from index.text import SENTENCE, no_spaces, tokenize

MIN_COVERAGE = 0.5  # share of the question's content words (IDF-weighted) a passage must contain to count as an answer
GLOSS_DAMPING = 0.3  # how much an English word's many glosses weaken the evidence of any one of them
HEADING_WEIGHT = 0.8  # share of a section heading's word matches credited to a line under it
# An English question asking for a specific value (an e-mail address, a percentage) of a sentence holding one: its
# other words reach the notices through loose glosses ("files", "send"), so a quarter of them must match, not half.
MIN_COVERAGE_SPECIFIC_EN = 0.25
RANK_BONUS = 0.02  # what a passage's retrieval rank adds to its coverage: at most this much when it says no word
MIN_DENSE_EN = 0.42  # cosine a passage must reach for an English question whose words the notices cannot contain
# A word the notices lack weighs what a word in this share of the passages would: a fixed share, so the weight does not
# grow with the corpus (log((n+1)/0.5) did: a question that passed at 5 notices was refused at 50). 0.5/377 is what
# the old rule gave on the bundled corpus (376 chunks), so answers there are unchanged; no word weighs more.
ABSENT_SHARE = 0.5 / 377
STOP = set(
    "的 了 是 在 和 与 及 对 由 谁 什么 哪些 哪个 多少 几 吗 呢 请问 时候 时间 安排 要求 规定 通知 文件 "
    "中 有 为 把 将 被 从 到 "
    "负责 牵头 单位 部门 责任 完成 时限 任务 事项 情况 工作 如何 怎么 怎样 是否 需要 应当 应该 各 该 其 这 那 项 个 "
    "县 市 区 哪 哪几个 几个 哪几 哪里 哪儿 是谁 什么样 何时 为什么 哪个 有没有 一下 么 这份 这个 这些 那个 那些 此 本 "
    "省里 市里 县里 区里 各是 分别是 有个 具体 干啥 "
    "the a an of in on at to for by and or is are was were be does do did what which who whom whose when where how "
    "many much list notice notices task tasks item items each every all any there their its it this that with about "
    "say says said tell me please according".split()
)
# A two-character word the notices never print is read in a sentence that says its characters this far apart at most,
# within one clause (免考: 免于执法资格考试).
ABBREVIATION_GAP = 5
HAN2 = re.compile(r"[\u3400-\u9fff]{2}")
QUOTED_TERM_MAX = 8  # a longer Chinese span in an English question is a phrase: its words count one by one
# A question's "两个" or "几项" counts, it names nothing a passage must hold; nor does 第几项.
COUNT_WORD = re.compile(
    r"[一二两三四五六七八九十百几\d]+(?:[个项条名位次期件家种类批天日周年]|个?工作日|小时|学时|分钟|个?月)?"
    r"|[几哪]{1,2}(?:句话?|个?词语?|个?字|个?方面|点)"  # 哪几句话, 几个词: the form of a list asked, not its content
    r"|第几[个项条]?"  # which item it is (是第几项) asks where a row stands, it names nothing either
)
# Kinds of value whose question words name nothing else (组长是谁 names a role; 送到哪 a place: those stay).
ASKED_ONLY = ("date", "duration", "count")
# Words a question says otherwise than the notices: a relation notices word several ways (依据/根据/按照/全面落实《…》),
# everyday speech for a term (打官司: 诉讼, 败诉). data/spoken.toml.
SPOKEN = Path(__file__).parent / "data" / "spoken.toml"
RELATION: dict[str, tuple[str, ...]] = {
    w: tuple(zh) for w, zh in tomllib.loads(SPOKEN.read_text("utf-8"))["words"].items()
}
# Characters that make a word of speech, not of content: a pointer (那边, 这场), a question word (谁备, 啥), an
# auxiliary (各要, 内要, 文是) or a place suffix (村里). jieba glues them to a neighbour into a "word" no notice prints,
# which then weighs what the rarest word does: such a word stands for what is left of it without them, and for
# nothing when that is a single character.
SPEECH_CHARS = set("那这哪谁啥咋么各要是的了在和与对把将被从到就都还也又再来去请说讲里边呢吗吧呀啊嘛")
# The Chinese of an English verb that only says a task is to be done (finished, completed): its other glosses (毕业
# "graduate", 责令 "order to finish") are no content either.
FINISH = ("完成", "完毕", "办结")
# Words that only say how much or when of the question as a whole (一共几个, 最终要, 主要在哪些), or stand for any case
# (情形 as 情况): no sentence must say them.
FILLERS = set("一共 总共 共计 合计 最终 最后 终究 到底 究竟 现在 目前 主要 大概 大约 情形".split())


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

    @classmethod
    def counted(cls, n: int, df: dict[str, int], glossary: Glossary | None = None) -> Scorer:
        """The scorer over `n` passages, `df[word]` of which hold the word: counts stored with the index, so that
        opening it does not tokenise every passage again."""
        scorer = cls([], glossary)
        scorer.n, scorer.df = max(1, n), df
        return scorer

    def idf(self, tok: str) -> float:
        return min(math.log((self.n + 1) / (self.df.get(tok, 0) + 0.5)), -math.log(ABSENT_SHARE))

    def content_words(self, q: Question, notices: Sequence[Notice]) -> list[tuple[str, ...]]:
        names = {a.lower() for n in notices for a in n.aliases}
        if q.numbers:  # how an item is numbered (第四十七项, No.47, indicator 7) says nothing about what is asked
            q = replace(q, text=without_numbers(q.text, name_index(notices).aliases))
        lex = lexicon()
        low = q.text.lower()

        stems = all_stems(low) if q.lang == "en" else set()

        def says(phrase: str) -> bool:
            """The question uses the phrase; a one-word phrase in any form (indicators, submitted)."""
            if re.search(rf"\b{re.escape(phrase)}\b", low):
                return True
            return phrase.isascii() and phrase.isalpha() and all_stems(phrase) <= stems

        cues = set(cue_words(asked_kind(q), q.text)) if q.lang == "en" else set()
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
        if q.lang == "zh":  # 啥时候(前), 多少天内 only ask for the date or the length the sentence holds
            for kind in {k for k in (*q.expects, asked_kind(q)) if k in ASKED_ONLY}:
                probe = re.sub(f"(?:{by_name(kind).ask.pattern})(?:之前|以前|前)?", " ", probe)
        asked = asked_kinds(q.text) | {k for k in [asked_kind(q)] if k}
        groups += [RELATION.get(tok, colloquial(tok)) for tok in self.spoken(chinese_words(probe, names, asked))]
        if q.lang == "en" and self.glossary is not None:
            # the words of the structural terms and cues the question uses ("approval bureau" skips approv, but only
            # when the question says "approval bureau")
            structural = [en for en in mapped if en in lex.terms] + [
                c for cues in lex.fields.values() for c in cues if c.isascii() and says(c)
            ]
            cue_stems = {stem for c in cues for stem in en_words(c)}
            for stem, zh in self.glossary.groups(q.text, skip=[*structural, *names]):
                if not zh and stem in self.df:  # a word the notices print as it is: PDF, 12345
                    zh = (stem,)
                # "rate", "e-mail address": the value the sentence must hold stands for it; "finished": the 完成 of a
                # deadline, not content
                if stem not in cue_stems and not any(z in FINISH for z in zh):
                    groups.append(tuple(z for z in zh if z not in STOP and not any(z in a for a in names)))
        return list(dict.fromkeys(groups))

    def spoken(self, words: list[str]) -> list[str]:
        """A question's words without the speech jieba glued into words no notice prints (那边, 各要, 谁备: see
        SPEECH_CHARS) and without words no sentence must say (FILLERS)."""
        out = []
        for w in words:
            if w in FILLERS:
                continue
            if w not in RELATION and not self.df.get(w) and w not in field_words():  # 到期 names a field
                w = w.strip("".join(SPEECH_CHARS))
                if len(w) < 2 or w in FILLERS:
                    continue
            out.append(w)
        return out

    def asks_detail(self, q: Question, notices: Sequence[Notice]) -> bool:
        """Whether a task question asks about something beyond its fields and number ("how many lectures")."""
        numeral = re.compile(r"[一二三四五六七八九十百零两]+")
        return any(
            g and not all(numeral.fullmatch(w) or w.isdigit() for w in g) for g in self.content_words(q, notices)
        )

    @functools.lru_cache(maxsize=256)  # noqa: B019 - one Scorer per corpus, kept for the process
    def abbreviations(self, groups: tuple[tuple[str, ...], ...]) -> list[re.Pattern[str] | None]:
        """For each group of one two-character Chinese word the notices never print, the pattern of that word said
        in full with its characters apart (免考 for 免于执法资格考试, 到岗 for 到达岗位): people shorten what
        notices spell out. Worked out once per question."""
        return [
            re.compile(f"{re.escape(g[0][0])}[^，。；,;]{{1,{ABBREVIATION_GAP}}}{re.escape(g[0][1])}")
            if len(g) == 1 and len(g[0]) == 2 and HAN2.fullmatch(g[0]) and not self.df.get(g[0])
            else None
            for g in groups
        ]

    def weight(self, group: tuple[str, ...], default: float) -> float:
        return sum(self.idf(w) for w in group) / len(group) if group else default

    def coverage(self, groups: Sequence[tuple[str, ...]], text: str) -> float:
        if not groups:
            return 0.0
        default = self.idf("")  # a word the notices lack weighs what an unseen Chinese word does: the most
        # ... and its absence is as weak evidence that the sentence does not: a vague word costs what it can earn.
        flat = no_spaces(text).lower()  # notices pad names: 组 长：王 丽; Latin words are lowercase
        # A group of many alternatives (an English word with many glosses) is weak evidence that the sentence talks
        # about that word: it earns alternatives**-GLOSS_DAMPING of its weight.
        weights = [self.weight(g, default) / max(1, len(g)) ** GLOSS_DAMPING for g in groups]
        hit = [any(w in flat for w in g) for g in groups]
        for i, split in enumerate(self.abbreviations(tuple(groups))):
            hit[i] = hit[i] or bool(split and split.search(flat))
        # A word inside a longer word of the question (官司 in 打官司) is part of one thing asked: a sentence saying
        # neither the word nor any of its parts misses that thing once, not once per part.
        whole, parts = compounds(tuple(groups))
        total = earned = 0.0
        for i, w in enumerate(weights):
            k = whole[i]
            if k is not None and not hit[i] and not hit[k] and not any(hit[j] for j in parts[k]):
                continue  # an unsaid part of an unsaid word: its whole already counts the miss
            total += w
            earned += w if hit[i] else 0.0
        return earned / total if total else 0.0


@functools.lru_cache(maxsize=256)
def compounds(groups: tuple[tuple[str, ...], ...]) -> tuple[tuple[int | None, ...], tuple[tuple[int, ...], ...]]:
    """For each group of one word, the longest other such word containing it (its whole), and each group's parts:
    worked out once per question, not for every sentence scored against it."""
    single = [g[0] if len(g) == 1 else "" for g in groups]
    whole = tuple(
        max((j for j, w in enumerate(single) if w and s != w and s in w), key=lambda j: len(single[j]), default=None)
        if s
        else None
        for s in single
    )
    return whole, tuple(tuple(j for j, k in enumerate(whole) if k == i) for i in range(len(groups)))


@functools.cache
def field_words() -> frozenset[str]:
    """The words asking for a row's field (到期, 牵头): a row holding the field answers them, speech or not."""
    return frozenset(c for cues in lexicon().fields.values() for c in cues)


def colloquial(word: str) -> tuple[str, ...]:
    """A spoken verb and 完 (编完, 报完) is said in notices by the verb in a compound (编制完成): the word as asked,
    or its verb."""
    return (word, word[0]) if len(word) == 2 and word[1] == "完" and word[0] not in STOP else (word,)


def chinese_words(probe: str, names: set[str], asked: frozenset[str] = frozenset()) -> list[str]:
    """The words of a question's Chinese that a sentence must say: not stop words, counts, notice names, nor words
    naming the kind of value asked (文号; 办公室, and so its parts 办公 and 公室 too; any kind's when `asked` is
    empty)."""
    tokens = tokenize(probe)
    named = [tok for tok in tokens if names_kind(tok, asked)]
    return [
        tok
        for tok in tokens
        if not (tok in STOP or len(tok) < 2 or COUNT_WORD.fullmatch(tok) or any(tok in w for w in named))
        and not (tok.lower() in names or any(tok in a for a in names))
    ]


def asked_kind(q: Question) -> str | None:
    """The kind of value the question (a single part of it) asks for: data/values.toml."""
    return q.expects[0] if len(q.expects) == 1 else expected(q.text)


def best_sentences(
    q: Question,
    hits: Sequence[Hit],
    corpus: Corpus,
    scorer: Scorer,
    *,
    limit: int = 2,
    per_notice: bool = False,
    words: list[tuple[str, ...]] | None = None,
) -> list[tuple[float, Citation]]:
    """The best sentences of `hits` for `q` by coverage of its content words (`words` when the caller chose them)."""
    if words is None:
        words = scorer.content_words(q, [p.notice for p in corpus.notices])
    kind = asked_kind(q)
    scored: list[tuple[float, Citation]] = []
    for rank, h in enumerate(hits):
        parsed = corpus.get(h.chunk.doc_id)
        notice = parsed.notice
        quote = h.chunk.quote
        for m in SENTENCE.finditer(quote):
            sentence = m.group(0).strip()
            if len(sentence) < 6 or not holds(kind, q.text, sentence):
                continue
            line = h.chunk.start_line + quote[: m.start()].count("\n")
            cov = scorer.coverage(words, sentence) if words else 0.0
            if words and parsed.structure.stages:
                cov = stage_credit(q, words, scorer, corpus, parsed, line, sentence, cov)
            if cov and h.chunk.kind == "block" and h.chunk.label:
                # A line under a heading says what the heading is about: "组 长：王 丽" under 领导小组成员名单.
                # Heading words count for less than the line's own, and only for a line that matches by itself.
                cov += HEADING_WEIGHT * (scorer.coverage(words, h.chunk.label + sentence) - cov)
            if q.lang == "en" and not words:
                # no mapped words: trust the multilingual embedder alone; but a question naming its notice and asking
                # nothing but a value of a specific kind ("Lingchuan: what's the email?") is answered by a sentence
                # of that notice holding one (holds() above let only those through)
                cov = 1.0 if is_specific(kind) and h.chunk.doc_id in q.doc_ids else h.dense_score or 0.0
            score = cov + RANK_BONUS / (1 + rank)
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


# A question asking what is done (具体要干啥, what does it involve): a stage's heading names it and dates it only.
ASKS_DOING = re.compile(
    r"干啥|干什么|干嘛|做什么|做啥|搞啥|咋搞|怎么搞|怎么做|怎么干|要做哪些|有哪些工作|具体(?:内容|工作|任务|要求|安排)"
    r"|\bwhat\b.{0,40}\b(?:do|done|involve[sd]?|entail[sd]?|happens?|carried out)\b",
    re.I,
)
DOING_HEADING_WEIGHT = 0.6


# A line that opens a section at a stage heading's level or above: （四）…, 六、…; the stage's body ends there.
SECTION_OPENER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")


def stage_credit(
    q: Question,
    words: list[tuple[str, ...]],
    scorer: Scorer,
    corpus: Corpus,
    parsed: ParsedNotice,
    line: int,
    sentence: str,
    cov: float,
) -> float:
    """A sentence's coverage with the stage it names or stands under."""
    stage = parsed.structure.stage_at(line)
    if stage and (cov or scorer.coverage(words, stage.name)):
        # a stage's heading is also what the overview calls it: （五）迎接验收 is the 申报验收 阶段
        # (only for the stage the question names: the noun alone, 阶段, is every stage's)
        cov = max(cov, scorer.coverage(words, stage.name + stage.noun + sentence))
        if ASKS_DOING.search(q.text):  # what is done in it: the lines under the heading say, not its name
            cov *= DOING_HEADING_WEIGHT
    elif not stage and (over := stage_body(corpus, parsed).get(line)) and scorer.coverage(words, over.name):
        # a line under a stage's heading is about that stage (资料于2月28日前报送 under （三）县级初审), for less
        # than the heading's own words: "县级初审是哪个月" is still the heading's
        cov += HEADING_WEIGHT * (scorer.coverage(words, over.name + over.noun + sentence) - cov)
    return cov


def stage_body(corpus: Corpus, parsed: ParsedNotice) -> dict[int, Stage]:
    """The lines under each stage's heading, up to the next heading at its level or above: worked out once per
    notice."""

    def build() -> dict[int, Stage]:
        lines, body = parsed.notice.lines, {}
        for s in parsed.structure.stages:
            for n in range(s.line + 1, len(lines) + 1):
                if SECTION_OPENER.match(lines[n - 1]):
                    break
                body[n] = s
        return body

    return corpus.cached(f"scoring.stage_body:{parsed.notice.doc_id}", build)


def passes(q: Question, score: float, hits: Sequence[Hit]) -> bool:
    if q.lang == "en" and is_specific(asked_kind(q)) and score >= MIN_COVERAGE_SPECIFIC_EN:
        return True  # best_sentences kept only sentences holding the value
    if q.lang == "en" and score < 0.3:  # English words the map cannot carry: the embedder's similarity decides
        # ... but a sentence saying none of the words the map did carry answers nothing (the director of a bureau
        # the notices name, asked of a sentence that shares no word with the question but the notice's name)
        return score > RANK_BONUS and bool(hits) and (hits[0].dense_score or 0.0) >= MIN_DENSE_EN
    return score >= MIN_COVERAGE

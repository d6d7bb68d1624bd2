"""The assistant: question -> understanding -> retrieval -> answer, as one LangChain Runnable.

It reads the index and never writes it: `index.build.build` does, called by the CLI's `index` and `ask`, the app's
start-up and its upload path.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableLambda

from assistant.answer import answer
from assistant.config import Settings
from assistant.conversation import Resolved, Resolver, Turn, as_turns
from assistant.errors import IndexNotBuilt, UnknownNotice
from assistant.headings import with_topic_part
from assistant.kinds.context import Context
from assistant.llm import LLMAnswerer, LLMAnswerStep, make_chat_model
from assistant.records import Answer, Citation, Kind, Question, say
from assistant.retrieve import Hit, HybridRetriever, Retrieved
from assistant.stages import name_stage
from assistant.tasktable import tasks_for
from assistant.understand import detect_lang, routed, sub_questions, task_terms, understand
from assistant.vocabulary import open_scorer
from assistant.wording import Short, phrase
from index.build import index_dir
from index.corpus import Corpus, load_corpus
from index.embed import make_embedder
from index.records import ParsedNotice, Task
from index.store import NoticeIndex

log = logging.getLogger(__name__)
MARKER = re.compile(r"\[(\d+)\]")

GLOSS_PER_WORD = 4  # Chinese words added to BM25's query for one English word
MAX_WHOLE_NOTICES = 2  # an open question naming this many notices or fewer is checked against all their lines
CROSS_K = 5  # passages per notice for a question put to every notice
# Kinds that answer a message of several clauses as one: several fields of one item, a list or count, each notice.
ONE_ANSWER = (Kind.TASK, Kind.LIST, Kind.COUNT, Kind.SECTIONS, Kind.CROSS, Kind.NOTICES, Kind.REFUSE)


@dataclass(frozen=True)
class Request:
    question: str
    doc: str | None = None  # a notice filter chosen by the user (doc_id, region or 文号)
    history: tuple[Turn, ...] = ()  # the conversation before the question, oldest first
    resolved: Question | None = None  # the question already resolved from the history (see Assistant.ask)


def open_index(settings: Settings) -> NoticeIndex:
    """The index under the data directory, opened for reading with the configured embedder."""
    embedder = make_embedder(settings.embedder, allow_download=settings.allow_model_download)
    return NoticeIndex(index_dir(settings.data_dir), embedder)


class Assistant:
    """Holds the corpus, the opened index and the retriever; `ask` answers one question, `chain` is the same as a
    Runnable. The index must have been built for this corpus (IndexNotBuilt otherwise).

    LLM mode (settings.llm_base_url set, or a `chat_model` given) answers through the chat model and verifies;
    without it every answer is extractive.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        corpus: Corpus | None = None,
        index: NoticeIndex | None = None,
        chat_model: BaseChatModel | None = None,
    ) -> None:
        self.settings = settings
        self.corpus = corpus or load_corpus(settings.notices)
        self.index = index or open_index(settings)
        stale = sorted(
            p.notice.doc_id for p in self.corpus.notices if self.index.indexed().get(p.notice.doc_id) != p.notice.sha256
        )
        if stale:
            raise IndexNotBuilt(stale)
        self.retriever = HybridRetriever(index=self.index)
        self.scorer = open_scorer(self.index)  # word counts and the glossary (English -> the notices' words), stored
        self.resolver = Resolver(self.corpus, limit=settings.max_question_chars, relevance=self._relevance)
        self.llm: LLMAnswerer | None = None
        self.chain: Runnable = (
            RunnableLambda(self._understand, name="understand")
            | RunnableLambda(self._retrieve, name="retrieve")
            | RunnableLambda(self._answer, name="answer")
        )
        if chat_model is not None or settings.llm_base_url:
            self.use_llm(chat_model or make_chat_model(settings))

    def use_llm(self, model: BaseChatModel, **options: Any) -> None:
        """Answers through `model` from now on; the extractive answer stays the fallback.

        `options` go to LLMAnswerer."""
        self.llm = LLMAnswerer(model, self.corpus, **{"timeout": self.settings.llm_timeout, **options})
        self.chain = (
            RunnableLambda(self._understand, name="understand")
            | RunnableLambda(self._retrieve, name="retrieve")
            | LLMAnswerStep(self.llm, self._answer)
        )

    def ask(
        self, question: str, doc: str | None = None, history: Sequence[Turn | Mapping[str, Any]] | None = None
    ) -> Answer:
        """The answer to `question`, a follow-up to `history` when given (the notice, item, field or list filter it
        leaves out come from the conversation); `answer.understood` says what it was understood as."""
        req, resolved = self._resolve(question, doc, history)
        if (parted := self._parted(req, resolved)) is not None:
            return parted
        result: Answer = self.chain.invoke(req)
        return self._with_understood(result, resolved, doc)

    def retrieve(self, question: str, doc: str | None = None) -> list[Hit]:
        """The passages the chain's retrieval step finds for a question (best first); the eval scores them."""
        return self._retrieve(self._understand(Request(question, doc))).hits

    def stream(
        self, question: str, doc: str | None = None, history: Sequence[Turn | Mapping[str, Any]] | None = None
    ) -> Iterator[str | Answer]:
        """Yields pieces of the answer text as they are ready, then the final Answer.

        The final Answer is authoritative: a caller shows the pieces while they arrive and then replaces them
        with `answer.text` (in LLM mode verification may have repaired or replaced what was streamed).
        Bad questions raise before anything is yielded.
        """
        req, resolved = self._resolve(question, doc, history)
        if self.llm is not None:  # the model's tokens as they arrive, then the verified Answer
            for piece in self.chain.stream(req):
                yield piece if isinstance(piece, str) else self._with_understood(piece, resolved, doc)
            return
        final = self._parted(req, resolved) or self._with_understood(self.chain.invoke(req), resolved, doc)
        yield from re.findall(r"[^\n]*\n|[^\n]+$", final.text)
        yield final

    def _resolve(
        self, question: str, doc: str | None, history: Sequence[Turn | Mapping[str, Any]] | None
    ) -> tuple[Request, Resolved]:
        """The question resolved from the conversation, and the Request that answers it; bad input raises here."""
        past = as_turns(history)
        resolved = self.resolver.resolve(question, past)
        resolved = replace(resolved, question=self._scoped(resolved.question, doc, resolved.carried))
        return Request(question, doc, past, resolved.question), resolved

    def _parted(self, req: Request, whole: Resolved) -> Answer | None:
        """A message asking several things one after another ("文号多少，哪天发的" / "who is the director, and who is
        the deputy?") answered part by part as a short conversation, each part resolved against the parts before
        it; None when the message is answered as one question (several fields of one item, a list, meta fields the
        whole already asks, prose parts the open kind answers part by part) or an LLM answers it whole."""
        parts = sub_questions(req.question)
        if self.llm is not None or len(parts) < 2:
            return None
        if whole.question.kind == Kind.REFUSE and whole.question.foreign:
            return None  # a place no loaded notice is from, and none named: every part is about that place
        if whole.question.kind == Kind.COUNTERPART:
            return None  # which item matches, and who leads it: the matched item is answered with its fields
        history = list(req.history)
        asked = []
        leaned = False  # a part was asked of the topic of an earlier turn (主任是谁 of 办公室): not of the first part
        for part in parts:
            part_resolved = self.resolver.resolve(part, history)
            asked.append(self._scoped(part_resolved.question, req.doc, part_resolved.carried))
            leaned = leaned or ("topic" in part_resolved.carried and "topic" not in whole.carried)
            history.append(Turn("user", part))
        kind = whole.question.kind
        if kind in ONE_ANSWER and all(family(q.kind) in (family(kind), Kind.OPEN, Kind.CROSS) for q in asked):
            return None  # the fields of one item, a list and what it lists (分别是什么): one answer gives them all
        if all(q.kind == Kind.OPEN for q in asked) and whole.question.kind == Kind.OPEN and not leaned:
            return None  # prose parts: the open kind answers them part by part, each read with the first
        if all(q.kind == Kind.META for q in asked) and {q.meta for q in asked} <= set(whole.question.metas):
            return None
        history = list(req.history)
        answers: list[tuple[str, Answer]] = []
        for part in parts:
            answers.append((part, self.ask(part, req.doc, history)))
            history += [Turn("user", part), Turn("assistant", answers[-1][1].text, answers[-1][1].understood)]
        return joined(answers, whole.question)

    def _with_understood(self, answer: Answer, resolved: Resolved, doc: str | None = None) -> Answer:
        notes = answer.notes + [n for n in self._filter_notes(resolved.question, doc) if n not in answer.notes]
        return replace(answer, understood=self.resolver.understood(resolved, answer.tasks), notes=notes)

    # --- the three steps ---------------------------------------------------------------------
    def _relevance(self, q: Question, text: str) -> float | None:
        """How much of what `q` asks about `text` speaks of; None when `q` asks nothing of its own (那部门呢)."""
        groups = [g for g in self.scorer.content_words(q, self.corpus.notice_list()) if g]
        return self.scorer.coverage(groups, text) if groups else None

    def _understand(self, req: Request) -> Question:
        if req.resolved is not None:
            return req.resolved
        if req.history:
            resolved = self.resolver.resolve(req.question, req.history)
            return self._scoped(resolved.question, req.doc, resolved.carried)
        q = understand(
            name_stage(req.question, detect_lang(req.question), self.corpus),
            self.corpus.notice_list(),
            self.corpus.all_tasks(),
            limit=self.settings.max_question_chars,
            terms=task_terms(self.corpus),
        )
        return self._scoped(q, req.doc)

    def _scoped(self, q: Question, doc: str | None, carried: tuple[str, ...] = ()) -> Question:
        """The question limited to the user's filter (see `_filtered`), a section named by its topic made a part."""
        return with_topic_part(self._filtered(q, doc, carried), self.corpus, self.scorer)

    def _filtered(self, q: Question, doc: str | None, carried: tuple[str, ...] = ()) -> Question:
        """The question limited to the notices the user chose (doc_id, region or 文号), if any.

        A notice the message itself names wins over the filter: "宜阳县存在问题6…" with 柞水县 chosen is answered
        for 宜阳县 (and the answer says the two differ, see `_filter_notes`), never silently for 柞水县. A notice
        only carried over from the conversation gives way to the filter the user set."""
        if not doc:
            return q
        chosen = tuple(p.notice.doc_id for p in self._chosen(doc))
        if q.doc_ids and "notice" not in carried and not set(q.doc_ids) <= set(chosen):
            return q
        return routed(q, chosen)

    def _chosen(self, doc: str) -> list[ParsedNotice]:
        chosen = self.corpus.match(doc)
        if not chosen:
            raise UnknownNotice(doc, self.corpus.doc_ids)
        return chosen

    def _filter_notes(self, q: Question, doc: str | None) -> list[str]:
        """The note an answer carries when the message named notices outside the user's filter."""
        if not doc or not q.doc_ids:
            return []
        chosen = self._chosen(doc)
        if set(q.doc_ids) <= {p.notice.doc_id for p in chosen}:
            return []
        named = tuple(Short(self.corpus.get(d).notice) for d in q.doc_ids)
        return [phrase(say("filter.named_wins", named=named, chosen=tuple(Short(p.notice) for p in chosen)), q.lang)]

    def _bm25_text(self, q: Question) -> str:
        """An English question's words also in the notices' Chinese (the most specific few for each word)."""
        if q.lang != "en" or self.scorer.glossary is None:
            return q.search_text
        extra = [
            z
            for _, zh in self.scorer.glossary.groups(q.text)
            for z in sorted(zh, key=self.scorer.idf, reverse=True)[:GLOSS_PER_WORD]
        ]
        return q.search_text + (" " + " ".join(dict.fromkeys(extra)) if extra else "")

    def _search(self, q: Question, doc_ids: list[str] | None, k: int | None = None) -> list[Hit]:
        options = {} if k is None else {"k": k}
        return self.retriever.search(self._bm25_text(q), dense_text=q.text, doc_ids=doc_ids, **options)

    def _retrieve(self, q: Question) -> Retrieved:
        hits = self._search(q, list(q.doc_ids) or None)
        if q.kind == Kind.TASK and q.numbers:
            hits = self._pin_tasks(q, hits)
        return Retrieved(q, hits)

    def _pin_tasks(self, q: Question, hits: list[Hit]) -> list[Hit]:
        """The rows a task question names by number go first: the table is surer than any ranking."""
        wanted = {(t.doc_id, t.kind, t.number) for _, t in tasks_for(q, self.corpus, q.doc_ids)}
        pinned = [Hit(c, 1.0, None, None, None) for c in self.index.task_chunks(wanted)]
        ids = {h.chunk.id for h in pinned}
        return pinned + [h for h in hits if h.chunk.id not in ids]

    def _answer(self, state: Retrieved) -> Answer:
        q = state.question
        ctx = Context(
            corpus=self.corpus,
            scorer=self.scorer,
            hits=[*state.hits, *self._whole(q.doc_ids, state.hits)],
            search=lambda doc_id: self._search(q, [doc_id], CROSS_K),
            doc_ids=q.doc_ids,
            whole=lambda doc_id: [Hit(c, 0.0, None, None, None) for c in self.index.chunks((doc_id,))],
        )
        return answer(q, ctx)

    def _whole(self, doc_ids: tuple[str, ...], hits: list[Hit]) -> list[Hit]:
        """Every other passage of the notices a question names, after the ranked ones: the answer step reads them
        all, so a line neither retriever ranked high (a heading like "（二）实施推进（2022年12月-2023年1月）") can
        still answer. Only for named notices: a few hundred lines each, read in milliseconds."""
        if not doc_ids or len(doc_ids) > MAX_WHOLE_NOTICES:
            return []
        seen = {h.chunk.id for h in hits}
        return [
            Hit(c, 0.0, None, None, None) for c in self.index.chunks(doc_ids) if c.id not in seen and c.kind != "task"
        ]


def renumbered(text: str, number: Mapping[int, int]) -> str:
    """A part's [n] markers as the merged citation list numbers them (a marker with no citation stays as it is)."""
    return MARKER.sub(lambda m: f"[{number.get(int(m.group(1)), int(m.group(1)))}]", text)


def family(kind: Kind) -> Kind:
    """Kinds answered from the same rows: a list, its count and its groups."""
    return Kind.LIST if kind in (Kind.LIST, Kind.COUNT, Kind.SECTIONS) else kind


def joined(answers: Sequence[tuple[str, Answer]], whole: Question) -> Answer:
    """The answers to a message's parts as one: their texts in order (a part the notices do not answer says so),
    citations merged without repeats and any [n] markers renumbered to match, `understood` naming every part."""
    lang = whole.lang
    texts: list[str] = []
    cites: list[Citation] = []
    tasks: list[Task] = []
    nearest: list[Citation] = []
    notes: list[str] = []
    for part, a in answers:
        if not a.found:
            texts.append(phrase(say("open.part_missing", part=part), lang))
            nearest += [c for c in a.nearest if c not in nearest]
            continue
        for c in a.citations:
            if c not in cites:
                cites.append(c)
        texts.append(renumbered(a.text, {n: cites.index(c) + 1 for n, c in enumerate(a.citations, 1)}))
        tasks += [t for t in a.tasks if t not in tasks]
        notes += [x for x in a.notes if x not in notes]
    found = any(a.found for _, a in answers)
    us = [a.understood for _, a in answers if a.understood is not None]
    understood = None
    if us:
        sep = "；" if lang == "zh" else "; "
        understood = replace(
            us[0],
            text=sep.join(u.text for u in us),
            label=sep.join(u.label for u in us),
            kind=whole.kind.value,
            carried=tuple(dict.fromkeys(c for u in us for c in u.carried)),
            items=tuple(dict.fromkeys(i for u in us for i in u.items)),
        )
    return Answer(
        "\n".join(texts),
        cites,
        tasks,
        lang,
        found=found,
        notes=notes,
        nearest=nearest,
        kind=next((a.kind for _, a in answers if a.found), answers[0][1].kind),
        understood=understood,
    )

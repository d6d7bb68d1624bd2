"""The assistant: question -> understanding -> retrieval -> answer, as one LangChain Runnable."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableLambda

from assistant import answer as compose
from assistant.answer import Answer, Scorer
from assistant.config import Settings
from assistant.errors import UnknownNotice
from assistant.glossary import Glossary
from assistant.llm import LLMAnswerer, LLMAnswerStep, make_chat_model
from assistant.retrieve import Hit, HybridRetriever
from assistant.understand import Question, understand
from index.corpus import Corpus, load_corpus
from index.embed import make_embedder
from index.store import NoticeIndex, SyncReport

log = logging.getLogger(__name__)

GLOSS_PER_WORD = 4  # Chinese words added to BM25's query for one English word


MAX_WHOLE_NOTICES = 2  # an open question naming this many notices or fewer is checked against all their lines


@dataclass(frozen=True)
class Request:
    question: str
    doc: str | None = None  # a notice filter chosen by the user (doc_id, region or 文号)


class Assistant:
    """Holds the corpus, the index and the retriever; `ask` answers one question, `chain` is the same as a Runnable.

    LLM mode (settings.llm_base_url set, or a `chat_model` given) answers through the chat model and verifies;
    without it every answer is extractive.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        corpus: Corpus | None = None,
        progress: Callable[[int, int, str], None] | None = None,
        chat_model: BaseChatModel | None = None,
    ) -> None:
        self.settings = settings
        self.corpus = corpus or load_corpus(settings.notices)
        self.embedder = make_embedder(settings.embedder, allow_download=settings.allow_model_download)
        self.index = NoticeIndex(settings.data_dir / "index", self.embedder)
        self.report: SyncReport = self.index.sync(self.corpus, progress=progress)
        self.retriever = HybridRetriever(index=self.index)
        self.scorer = Scorer([c.text for c in self.index.chunks()])
        self.scorer.glossary = Glossary(self.scorer.df)  # English words -> words the notices use
        self.llm: LLMAnswerer | None = None
        self.chain: Runnable = (
            RunnableLambda(self._understand, name="understand")
            | RunnableLambda(self._retrieve, name="retrieve")
            | RunnableLambda(self._answer, name="answer")
        )
        if chat_model is not None or settings.llm_base_url:
            self.use_llm(chat_model or make_chat_model(settings))

    def use_llm(self, model: BaseChatModel, **options) -> None:
        """Answers through `model` from now on; the extractive answer stays the fallback. `options` go to LLMAnswerer."""
        self.llm = LLMAnswerer(model, self.corpus, **{"timeout": self.settings.llm_timeout, **options})
        self.chain = (
            RunnableLambda(self._understand, name="understand")
            | RunnableLambda(self._retrieve, name="retrieve")
            | LLMAnswerStep(self.llm, self._answer)
        )

    def ask(self, question: str, doc: str | None = None) -> Answer:
        return self.chain.invoke(Request(question, doc))

    def retrieve(self, question: str, doc: str | None = None) -> list:
        """The passages the chain's retrieval step finds for a question (best first); the eval scores them."""
        return self._retrieve(self._understand(Request(question, doc)))[2]

    def stream(self, question: str, doc: str | None = None) -> Iterator[str | Answer]:
        """Yields pieces of the answer text as they are ready, then the final Answer.

        The final Answer is authoritative: a caller shows the pieces while they arrive and then replaces them
        with `answer.text` (in LLM mode verification may have repaired or replaced what was streamed).
        Bad questions raise before anything is yielded.
        """
        if self.llm is not None:  # the model's tokens as they arrive, then the verified Answer
            yield from self.chain.stream(Request(question, doc))
            return
        answer = self.ask(question, doc)
        for piece in re.findall(r"[^\n]*\n|[^\n]+$", answer.text):
            yield piece
        yield answer

    # --- the three steps ---------------------------------------------------------------------
    def _understand(self, req: Request) -> tuple[Question, tuple[str, ...]]:
        q = understand(
            req.question,
            [p.notice for p in self.corpus.notices],
            self.corpus.tasks(),
            limit=self.settings.max_question_chars,
        )
        if req.doc:
            chosen = self.corpus.match(req.doc)
            if not chosen:
                raise UnknownNotice(req.doc, self.corpus.doc_ids)
            return q, tuple(p.notice.doc_id for p in chosen)
        return q, q.doc_ids

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

    def _retrieve(self, state: tuple[Question, tuple[str, ...]]):
        q, doc_ids = state
        hits = self.retriever.search(self._bm25_text(q), dense_text=q.text, doc_ids=list(doc_ids) or None)
        if q.intent == "task" and q.numbers:
            hits = self._pin_tasks(q, doc_ids, hits)
        return q, doc_ids, hits

    def _pin_tasks(self, q: Question, doc_ids: tuple[str, ...], hits: list[Hit]) -> list[Hit]:
        """The rows a task question names by number go first: the table is surer than any ranking."""
        wanted = {(t.doc_id, t.kind, t.number) for _, t in compose.tasks_for(q, self.corpus, doc_ids)}
        pinned = [
            Hit(c, 1.0, None, None, None)
            for c in self.index.chunks()
            if c.kind == "task" and (c.doc_id, c.task_kind, c.number) in wanted
        ]
        ids = {h.chunk.id for h in pinned}
        return pinned + [h for h in hits if h.chunk.id not in ids]

    def _answer(self, state) -> Answer:
        q, doc_ids, hits = state
        if q.foreign and not doc_ids:
            return compose.refuse_foreign(q, self.corpus)
        if q.intent == "task":
            detail = self.scorer.asks_detail(q, [p.notice for p in self.corpus.notices])
            if (a := compose.answer_task(q, self.corpus, doc_ids, detail=detail)) is not None:
                return a
        if q.intent == "meta":
            return compose.answer_meta(q, self.corpus, doc_ids)
        if q.intent == "count" and q.section_level:
            return compose.answer_sections(q, self.corpus, doc_ids)
        if q.intent in ("list", "count") and (a := compose.answer_list(q, self.corpus, doc_ids)) is not None:
            return a
        if q.intent == "cross" and not doc_ids:
            return compose.answer_cross(
                q,
                lambda d: self.retriever.search(self._bm25_text(q), dense_text=q.text, doc_ids=[d], k=5),
                self.corpus,
                self.scorer,
            )
        return compose.answer_open(q, [*hits, *self._whole(doc_ids, hits)], self.corpus, self.scorer)

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

"""LLM answer mode: the retrieved passages go to a chat model as numbered sources, its answer streams back and is
verified (assistant/verify.py) before it reaches the user; what fails is repaired or replaced by the extractive answer.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import Runnable, RunnableConfig
from pydantic import SecretStr

from assistant.config import PROMPTS, Settings
from assistant.errors import ConfigError
from assistant.records import Answer, Kind, Question
from assistant.retrieve import Hit, Retrieved
from assistant.tasktable import tasks_for
from assistant.verify import Facts, Sentence, Source, renumber, unanswered, verify
from index.corpus import Corpus
from index.records import Task

log = logging.getLogger(__name__)

LLM_MAX_TOKENS = 512  # an answer is a few cited sentences; a model that rambles past this is cut, then verified
MAX_SOURCES = 6
MAX_SOURCE_CHARS = 600  # of each passage shown to the model; verification checks against the whole passage

NOTES = {
    "llm": {
        "zh": "由大模型依据来源生成，每个引用都已核对。",
        "en": "Written by the LLM from the sources; every citation was checked.",
    },
    "llm-refused": {
        "zh": "大模型依据来源判断：通知中没有这个问题的答案。",
        "en": "The LLM found no answer in the sources.",
    },
    "repaired": {
        "zh": "大模型的回答中有 {k} 句无法由来源证实（{why}），已删去。",
        "en": "{k} sentence(s) of the LLM's answer could not be verified against the sources ({why}) and were removed.",
    },
    "failed": {
        "zh": "大模型的回答未通过来源核对（{why}），以下为摘录式回答。",
        "en": "The LLM's answer failed verification ({why}); this is the extractive answer.",
    },
    "refused": {
        "zh": "大模型未能从来源中找到答案，以下为摘录式回答。",
        "en": "The LLM found no answer in the sources; this is the extractive answer.",
    },
    "down": {
        "zh": "大模型暂不可用（{why}），以下为摘录式回答。",
        "en": "The LLM is unavailable ({why}); this is the extractive answer.",
    },
}
WHY = {  # problem kinds (assistant/verify.py) and failure kinds, as a user reads them
    "citation": {"zh": "引用了未提供的来源", "en": "it cited a source it was not given"},
    "quote": {"zh": "引文不在所引来源中", "en": "a quote is not in its source"},
    "unit": {"zh": "单位名称不在所引来源中", "en": "a unit it names is not in its source"},
    "date": {"zh": "日期不在所引来源中", "en": "a date is not in its source"},
    "task": {"zh": "与任务清单不符", "en": "it contradicts the task table"},
    "uncited": {"zh": "有未标注来源的陈述", "en": "a statement cites no source"},
    "empty": {"zh": "没有可核对的内容", "en": "it holds nothing that can be checked"},
    "incomplete": {"zh": "未给出任务清单中所问的内容", "en": "it leaves out what the task table says was asked"},
    "timeout": {"zh": "超时", "en": "timed out"},
    "connection": {"zh": "无法连接", "en": "could not connect"},
    "status": {"zh": "服务返回错误", "en": "the server returned an error"},
    "garbage": {"zh": "回复为空或无法解析", "en": "its reply was empty or could not be read"},
    "cut": {"zh": "回复中途中断", "en": "its reply was cut off"},
    "error": {"zh": "出错", "en": "it failed"},
}


# --- configuration and prompts -----------------------------------------------------------------------------


def make_chat_model(settings: Settings, *, max_tokens: int = LLM_MAX_TOKENS) -> BaseChatModel:
    """The chat model the settings name: any OpenAI-compatible server (vLLM, llama.cpp, hosted) or Ollama."""
    if not settings.llm_base_url:
        raise ConfigError("LLM mode needs llm_base_url (LLM_BASE_URL)")
    if max_tokens <= 0:
        raise ValueError(f"max_tokens must be > 0, got {max_tokens}")
    if settings.llm_provider == "ollama":
        if not settings.llm_model:
            raise ConfigError("llm_provider ollama needs llm_model (LLM_MODEL), e.g. qwen2.5:7b")
        from langchain_ollama import ChatOllama

        return ChatOllama(
            base_url=settings.llm_base_url,
            model=settings.llm_model,
            temperature=0,
            num_predict=max_tokens,
            client_kwargs={"timeout": settings.llm_timeout},
        )
    if settings.llm_provider == "openai":
        from langchain_openai import ChatOpenAI

        # max_tokens goes in the body under its old name: llama.cpp and several hosted OpenAI-compatible servers
        # ignore the newer max_completion_tokens that ChatOpenAI would send.
        return ChatOpenAI(
            base_url=settings.llm_base_url,
            model=settings.llm_model or "default",
            api_key=SecretStr(settings.llm_api_key or "none"),
            timeout=settings.llm_timeout,
            max_retries=0,
            streaming=True,
            temperature=0,
            extra_body={"max_tokens": max_tokens},
        )
    raise ConfigError(f"llm_provider must be openai or ollama, got {settings.llm_provider!r}")


def load_prompt(name: str, lang: str) -> str:
    """The text of prompts/<name>.<lang>.md."""
    path = PROMPTS / f"{name}.{lang}.md"
    if not path.is_file():
        raise ConfigError(f"no prompt {path.name} in {PROMPTS}")
    return path.read_text("utf-8").strip()


def render_messages(lang: str, **values: str) -> list[BaseMessage]:
    """The system and answer prompts in `lang`, filled in; a missing or unexpected variable is an error."""
    template = ChatPromptTemplate.from_messages(
        [("system", load_prompt("system", lang)), ("human", load_prompt("answer", lang))]
    )
    expected = set(template.input_variables)
    if missing := expected - set(values):
        raise ValueError(f"prompt answer.{lang} needs {sorted(missing)}, got {sorted(values)}")
    if extra := set(values) - expected:
        raise ValueError(f"prompt answer.{lang} has no variable {sorted(extra)}")
    return template.format_messages(**values)


TAG = re.compile(r"<(/?)(sources?|tasks)\b", re.I)


def _data(text: str) -> str:
    """Notice text as it goes into the prompt: it must not be able to close the tag that marks it as data."""
    return TAG.sub(lambda m: f"‹{m.group(1)}{m.group(2)}", text)


def format_sources(sources: Sequence[Source], limit: int) -> str:
    out = []
    for s in sources:
        body = f"{s.task.label} {s.task.content}" if s.task is not None else s.text
        body = body if len(body) <= limit else body[:limit] + "…"
        attrs = (
            f'n="{s.n}" notice="{_data(s.notice.title)}" number="{s.notice.doc_number or ""}" '
            f'label="{_data(s.label)}" lines="{s.start_line}-{s.end_line}"'
        )
        out.append(f"<source {attrs}>\n{_data(body)}\n</source>")
    return "\n".join(out)


def format_tasks(sources: Sequence[Source], lang: str) -> str:
    zh = lang == "zh"
    lines = []
    for s in sources:
        if (t := s.task) is None:
            continue
        fields = s.notice.task_fields
        parts = [f"[{s.n}] {s.notice.region or s.notice.doc_id} {t.label}"]
        sep = "、" if zh else ", "
        if "lead" in fields:
            parts.append(("牵头单位：" if zh else "lead: ") + (sep.join(t.lead) or "—"))
        parts.append(("责任单位：" if zh else "responsible: ") + (sep.join(t.responsible) or "—"))
        if "deadline" in fields:
            parts.append(("完成时限：" if zh else "deadline: ") + (t.deadline or "—"))
        lines.append(" | ".join(parts))
    return _data("\n".join(lines)) or ("（无）" if zh else "(none)")


# --- the answerer --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    first_token_s: float | None  # None when no text came
    total_s: float


def failure_kind(exc: BaseException) -> str:
    """What went wrong talking to the model, as one of WHY's failure kinds."""
    names = {c.__name__ for c in type(exc).__mro__}
    if names & {"APITimeoutError", "TimeoutException", "TimeoutError", "ReadTimeout"}:
        return "timeout"
    if names & {"APIConnectionError", "ConnectError", "ConnectionError", "RemoteProtocolError"}:
        return "connection"
    if names & {"APIStatusError", "ResponseError", "HTTPStatusError"}:
        return "status"
    if (
        isinstance(exc, (json.JSONDecodeError, ValueError, KeyError, TypeError))
        or "APIResponseValidationError" in names
    ):
        return "garbage"
    return "error"


def final_answer(parts: Iterable[str | Answer]) -> Answer:
    """The Answer an answer stream ends with, after the model's text."""
    *_, final = parts
    if not isinstance(final, Answer):
        raise TypeError(f"an answer stream ends with its Answer, not {type(final).__name__}")
    return final


def _piece(content: Any) -> str:
    if isinstance(content, str):
        return content
    return "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content or [])


class LLMAnswerer:
    """Answers from a chat model with the question's sources, then verifies. `stream` yields text then an Answer."""

    def __init__(
        self,
        model: BaseChatModel,
        corpus: Corpus,
        *,
        timeout: float = 30.0,
        max_sources: int = MAX_SOURCES,
        max_source_chars: int = MAX_SOURCE_CHARS,
    ) -> None:
        if timeout <= 0:
            raise ValueError(f"timeout must be > 0, got {timeout}")
        if max_sources <= 0:
            raise ValueError(f"max_sources must be > 0, got {max_sources}")
        if max_source_chars <= 0:
            raise ValueError(f"max_source_chars must be > 0, got {max_source_chars}")
        self.model = model
        self.corpus = corpus
        self.timeout = timeout
        self.max_sources = max_sources
        self.max_source_chars = max_source_chars
        self.facts = Facts.of([p.notice for p in corpus.notices], corpus.tasks())
        self.last_timing: Timing | None = None
        for lang in ("zh", "en"):  # a missing or broken prompt file is a set-up error: say so now, not per question
            render_messages(lang, sources="", tasks="", question="")

    # --- what the model sees ---
    def _task(self, doc_id: str, kind: str, number: int) -> Task | None:
        return next((t for t in self.corpus.get(doc_id).tasks if t.kind == kind and t.number == number), None)

    def sources(self, q: Question, hits: Sequence[Hit], extractive: Answer, table: Sequence[Task]) -> list[Source]:
        """Numbered passages: what the extractive answer cites (when it answers), the asked task rows, then the
        retrieved passages; no passage twice, at most max_sources."""
        found: list[tuple] = []  # (notice, label, start, end, text, task)
        if extractive.found:
            for c in extractive.citations:
                notice = self.corpus.get(c.doc_id).notice
                task = next(
                    (
                        t
                        for t in self.corpus.get(c.doc_id).tasks  # one line can hold two tasks: the label decides
                        if (t.label, t.start_line, t.end_line, t.source_text)
                        == (c.label, c.start_line, c.end_line, c.quote)
                    ),
                    None,
                )
                found.append((notice, c.label, c.start_line, c.end_line, c.quote, task))
        for t in table:
            found.append((self.corpus.get(t.doc_id).notice, t.label, t.start_line, t.end_line, t.source_text, t))
        for h in hits:
            ch = h.chunk
            task = self._task(ch.doc_id, ch.task_kind, ch.number) if ch.kind == "task" else None
            found.append((self.corpus.get(ch.doc_id).notice, ch.label, ch.start_line, ch.end_line, ch.quote, task))
        out: list[Source] = []
        seen: set[tuple] = set()
        for notice, label, start, end, text, task in found:
            key = (notice.doc_id, task.kind, task.number) if task else (notice.doc_id, text.strip())
            if key in seen or not text.strip():  # a heading repeated on every page is one source
                continue
            seen.add(key)
            out.append(Source(len(out) + 1, notice, label, start, end, text, task))
            if len(out) >= self.max_sources:
                break
        return out

    def messages(self, q: Question, sources: Sequence[Source]) -> list[BaseMessage]:
        return render_messages(
            q.lang,
            sources=format_sources(sources, self.max_source_chars),
            tasks=format_tasks(sources, q.lang),
            question=q.text,
        )

    def table(self, q: Question, doc_ids: Sequence[str]) -> list[Task]:
        """The task rows a task question asks about: facts about them must match the table."""
        return [t for _, t in tasks_for(q, self.corpus, doc_ids)] if q.kind == Kind.TASK and q.numbers else []

    # --- asking ---
    def stream(
        self, q: Question, doc_ids: Sequence[str], hits: Sequence[Hit], extractive: Answer
    ) -> Iterator[str | Answer]:
        """Yields the model's text as it arrives, then the final Answer: the verified LLM answer, a repaired one,
        or `extractive` with a note saying why. Never raises for anything the model or the network does."""
        table = self.table(q, doc_ids)
        sources = self.sources(q, hits, extractive, table)
        if not sources:
            yield self._fallback(extractive, "failed", "empty")
            return
        messages = self.messages(q, sources)
        text, failure = "", None
        start, first = time.monotonic(), None
        finished = reported = False
        try:
            for chunk in self.model.stream(messages):
                meta = getattr(chunk, "response_metadata", None) or {}
                reported = reported or bool(meta)
                finished = finished or bool(meta.get("finish_reason") or meta.get("done_reason") or meta.get("done"))
                piece = _piece(chunk.content)
                if piece:
                    first = first if first is not None else time.monotonic() - start
                    text += piece
                    yield piece
                if time.monotonic() - start > self.timeout:
                    raise TimeoutError(f"no complete reply within {self.timeout}s")
            if reported and not finished:  # a server that says how replies end said nothing: the stream was cut
                failure = "cut"
        except Exception as exc:  # noqa: BLE001 — whatever the model or network does, the user gets an answer
            failure = failure_kind(exc)
            if failure == "connection" and text:  # openai reports a stream the server dropped as a connection error
                failure = "cut"
            log.warning("LLM call failed (%s): %s: %s", failure, type(exc).__name__, exc)
        self.last_timing = Timing(first, time.monotonic() - start)
        if failure:
            yield self._fallback(extractive, "down", failure)
            return
        yield self.judge(q, text, sources, table, extractive)

    def answer(self, q: Question, doc_ids: Sequence[str], hits: Sequence[Hit], extractive: Answer) -> Answer:
        return final_answer(self.stream(q, doc_ids, hits, extractive))

    # --- deciding what the user sees ---
    def judge(
        self, q: Question, text: str, sources: Sequence[Source], table: Sequence[Task], extractive: Answer
    ) -> Answer:
        """The model's text checked against its sources: passed, repaired, or the extractive answer instead."""
        verdict = verify(text, sources, self.facts, table)
        for p in verdict.problems:
            log.info("LLM answer to %r: %s", q.text[:60], p)
        if verdict.refusal:
            if extractive.found:  # the extractive pipeline found cited text: a model that missed it does not win
                return self._fallback(extractive, "refused")
            return replace(
                extractive, text=text.strip(), citations=[], tasks=[], mode="llm", notes=[NOTES["llm-refused"][q.lang]]
            )
        if verdict.passed:
            answer = self._llm_answer(q, verdict.supported, text, sources, "llm", NOTES["llm"][q.lang])
        elif extractive.found and any(s.checked for s in verdict.kept()):  # a refusal stays one unless all checks out
            dropped = [s for s in verdict.sentences if s.claims and s not in verdict.kept()]
            first = next((s.problems[0].kind for s in dropped if s.problems), "uncited")
            note = NOTES["repaired"][q.lang].format(k=len(dropped), why=WHY[first][q.lang])
            answer = self._llm_answer(q, verdict.kept(), verdict.repaired(), sources, "llm-repaired", note)
        else:
            return self._fallback(extractive, "failed", verdict.problems[0].kind if verdict.problems else "empty")
        if missing := unanswered(answer.text, table, q.fields):
            log.info("LLM answer to %r leaves out %s", q.text[:60], "; ".join(missing))
            return self._fallback(extractive, "failed", "incomplete")
        return answer

    def _llm_answer(
        self, q: Question, kept: Sequence[Sentence], text: str, sources: Sequence[Source], mode: str, note: str
    ) -> Answer:
        by_n = {s.n: s for s in sources}
        order = list(dict.fromkeys(n for s in kept for n in s.cites))
        cited = [by_n[n] for n in order]
        tasks = list(dict.fromkeys(s.task for s in cited if s.task is not None))
        return Answer(
            renumber(text, order).strip(),
            [s.citation() for s in cited],
            tasks,
            q.lang,
            found=True,
            mode=mode,
            notes=[note],
        )

    @staticmethod
    def _fallback(extractive: Answer, note: str, why: str | None = None) -> Answer:
        lang = extractive.lang
        text = NOTES[note][lang].format(why=WHY[why][lang] if why else "")
        return replace(extractive, mode="extractive-fallback", notes=[*extractive.notes, text])


class LLMAnswerStep(Runnable):
    """The chain's answer step in LLM mode: the extractive answer first (it is the fallback), then the LLM's.

    `invoke` returns the final Answer; `stream` yields the model's text as it arrives, then the final Answer.
    """

    name = "answer"

    def __init__(self, answerer: LLMAnswerer, extractive: Callable[[Retrieved], Answer]) -> None:
        self.answerer = answerer
        self.extractive = extractive

    def invoke(self, input: Retrieved, config: RunnableConfig | None = None, **kwargs: Any) -> Answer:
        return final_answer(self.stream(input, config))

    def stream(self, input: Retrieved, config: RunnableConfig | None = None, **kwargs: Any) -> Iterator[str | Answer]:
        q, doc_ids, hits = input.question, input.question.doc_ids, input.hits
        fallback = self.extractive(input)
        if q.kind == Kind.REFUSE:  # a place with no loaded notice: no passage can answer, the refusal is sure
            yield fallback
            return
        yield from self.answerer.stream(q, doc_ids, hits, fallback)

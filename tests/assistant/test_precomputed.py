"""Lookups over the whole corpus (unit names, word deadlines, task rows by number, chunks by notice, the opened
Chroma collection) are built once per corpus or index generation, not once per question (issue 15, item 1), and
built again when the corpus changes."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from assistant.conversation import Resolver
from assistant.records import Question
from assistant.tasktable import tasks_for
from assistant.understand import TaskTerms
from index.corpus import Corpus
from index.records import ParsedNotice
from index.store import NoticeIndex

QUESTIONS = [
    "柞水县第3项的牵头单位是什么",
    "宜阳县存在问题6的责任单位",
    "渭南市第17项什么时候完成",
    "哪些任务是长期坚持的",
    "司法局牵头的任务有哪些",
    "Who leads item 5 of the Zhashui notice?",
    "which tasks are long-term?",
    "昌江32项的完成时限",
    "第1项的牵头单位是什么",
    "陵川县有多少项指标",
]


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each per-corpus lookup was built (by its key in Corpus.cached), and TaskTerms.of calls."""
    counts: Counter[str] = Counter()
    cached = Corpus.cached

    def counting(self: Corpus, key: str, build: Callable[[], Any]) -> Any:
        def counted() -> Any:
            counts[key] += 1
            return build()

        return cached(self, key, counted)

    monkeypatch.setattr(Corpus, "cached", counting)
    of = TaskTerms.of.__func__  # type: ignore[attr-defined]

    def terms_of(cls: type[TaskTerms], tasks: Any) -> TaskTerms:
        counts["TaskTerms.of"] += 1
        return of(cls, tasks)

    monkeypatch.setattr(TaskTerms, "of", classmethod(terms_of))
    return counts


def renamed(p: ParsedNotice, doc_id: str, region: str) -> ParsedNotice:
    notice = dataclasses.replace(p.notice, doc_id=doc_id, region=region, aliases=(region,), sha256=doc_id)
    return dataclasses.replace(
        p,
        notice=notice,
        tasks=[dataclasses.replace(t, doc_id=doc_id) for t in p.tasks],
        blocks=[dataclasses.replace(b, doc_id=doc_id) for b in p.blocks],
    )


def test_fifty_questions_build_the_lookups_once(corpus: Corpus, builds: Counter[str]) -> None:
    fresh = Corpus(list(corpus.notices))  # its own lookups, not the session corpus's
    resolver = Resolver(fresh)
    for i in range(50):
        resolver.resolve(QUESTIONS[i % len(QUESTIONS)])
    assert builds["TaskTerms.of"] == 1
    assert builds["understand.task_terms"] == 1
    assert builds["tasktable.task_places"] <= 1 and builds["corpus.by_id"] <= 1
    assert all(n == 1 for n in builds.values()), builds


def test_the_lookups_are_built_again_when_the_corpus_changes(corpus: Corpus, builds: Counter[str]) -> None:
    first = Corpus(list(corpus.notices))
    Resolver(first).resolve(QUESTIONS[0])
    assert builds["TaskTerms.of"] == 1

    # An upload makes a new Corpus (assistant/web/state.py): its lookups are its own.
    source = corpus.notices[0]
    added = renamed(source, "extra-1", "甲乙县")
    second = Corpus([*first.notices, added])
    q = Resolver(second).resolve("甲乙县第1项的牵头单位是什么").question
    assert builds["TaskTerms.of"] == 2
    assert q.doc_ids == ("extra-1",)
    assert [t.doc_id for _, t in tasks_for(q, second, q.doc_ids)] == ["extra-1"]
    assert second.get("extra-1") is added

    # The same Corpus's list changed in place: the lookups are built again, never stale.
    builds.clear()
    tasks_before = len(first.all_tasks())
    first.notices.append(renamed(source, "extra-2", "丙丁县"))
    assert builds["corpus.tasks"] == 0  # not yet asked for
    assert len(first.all_tasks()) == tasks_before + len(source.tasks)
    assert first.get("extra-2").notice.region == "丙丁县"
    q = Resolver(first).resolve("丙丁县第1项的牵头单位是什么").question
    assert q.doc_ids == ("extra-2",)
    assert [t.doc_id for _, t in tasks_for(q, first, q.doc_ids)] == ["extra-2"]
    assert builds["TaskTerms.of"] == 1 and builds["corpus.tasks"] == 1


def test_rows_by_number_are_the_rows_a_scan_finds(corpus: Corpus) -> None:
    """tasks_for by (doc_id, kind, number) gives what the scan of every row gave, in the same order."""
    fresh = Corpus(list(corpus.notices))
    for numbers in [(1,), (3, 1), (17,), (6, 2, 40)]:
        for style in (None, "bonus", "veto", "problem"):
            for doc_ids in [(), (fresh.doc_ids[0],), tuple(reversed(fresh.doc_ids[:3]))]:
                q = Question(text="", lang="zh", numbers=numbers, style=style)
                kind = style if style in ("bonus", "veto") else "task"
                scan = [
                    (p.notice, t)
                    for p in fresh.notices
                    if not doc_ids or p.notice.doc_id in doc_ids
                    for t in p.tasks
                    if t.kind == kind and t.number in numbers
                ]
                if style == "problem" and not doc_ids:
                    scan = [(n, t) for n, t in scan if t.label.startswith("存在问题")] or scan
                assert tasks_for(q, fresh, doc_ids) == scan


def test_the_index_opens_its_collection_once_and_reads_rows_by_notice(
    bundled_assistant: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    index: NoticeIndex = bundled_assistant.index
    opened: list[str] = []
    collection = NoticeIndex._collection

    def counting(self: NoticeIndex, name: str) -> Any:
        opened.append(name)
        return collection(self, name)

    monkeypatch.setattr(NoticeIndex, "_collection", counting)
    for i in range(20):
        bundled_assistant.ask(QUESTIONS[i % len(QUESTIONS)])
    assert len(opened) <= 1  # the session's other tests may have opened it already

    every = index.chunks()
    for doc_ids in [[index.chunks()[0].doc_id], list(bundled_assistant.corpus.doc_ids[:2]), ["no-such-notice"]]:
        assert index.chunks(doc_ids) == [c for c in every if c.doc_id in doc_ids]
    rows = {(c.doc_id, c.task_kind, c.number) for c in every if c.kind == "task" and c.number in (1, 3)}
    assert rows
    assert index.task_chunks(rows) == [
        c for c in every if c.kind == "task" and (c.doc_id, c.task_kind, c.number) in rows
    ]

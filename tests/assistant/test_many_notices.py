"""Answers over a corpus larger than the bundled one: copies of the five notices, each with its own region, pinyin,
文号 and doc_id, indexed with a cheap deterministic embedder (the task answers read the task tables, not vectors)."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest
from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.kinds.task import MANY_NOTICES, NOTICES_SHOWN
from assistant.service import Assistant
from index.build import build
from index.corpus import Corpus
from index.records import ParsedNotice

COPIES = 3  # 15 notices, 12 of them with an item 17: past MANY_NOTICES
# Places with no digit in them (a place named 第4县 would read as item 4 in a follow-up such as 第4县的呢).
PLACES = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰"


class HashEmbeddings(Embeddings):
    """A vector per text from its hash: no model to load, the same text always the same vector."""

    model_id = "test-hash-64"

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self.embed_query(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        digest = hashlib.sha512(text.encode()).digest()
        return [b / 255 - 0.5 for b in digest]


def copy(p: ParsedNotice, k: int) -> ParsedNotice:
    doc_id = f"copy-{k}"
    notice = dataclasses.replace(
        p.notice,
        doc_id=doc_id,
        region=f"{PLACES[k]}县",
        aliases=(f"{PLACES[k]}县", f"xian{chr(ord('a') + k)}"),
        doc_number=f"X政办〔2024〕{k}号",
        sha256=f"{p.notice.sha256}-{k}",
    )
    return dataclasses.replace(
        p,
        notice=notice,
        tasks=[dataclasses.replace(t, doc_id=doc_id) for t in p.tasks],
        blocks=[dataclasses.replace(b, doc_id=doc_id) for b in p.blocks],
    )


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory, corpus: Corpus) -> Assistant:
    copies = Corpus([copy(p, k) for k, p in enumerate(corpus.notices * COPIES)])
    data_dir = tmp_path_factory.mktemp("many")
    index, _ = build(copies, data_dir, HashEmbeddings())
    return Assistant(Settings(data_dir=data_dir), corpus=copies, index=index)


@pytest.mark.parametrize(
    "question,words",
    [
        ("who leads task 17?", ("notices have an item 17", "which notice")),
        ("第17项由谁牵头？", ("共有", "份通知有第17项", "请指明是哪一份通知")),
    ],
)
def test_a_task_question_naming_no_notice_among_many_asks_which_notice(
    many: Assistant, question: str, words: tuple[str, ...]
) -> None:
    with_item = [p.notice for p in many.corpus.notices if any(t.number == 17 for t in p.tasks)]
    assert len(with_item) > MANY_NOTICES
    a = many.ask(question)
    assert a.found and str(len(with_item)) in a.text and all(w in a.text for w in words), a.text
    assert len(a.text.splitlines()) < 5 and not a.tasks, "no row is answered from a notice the user did not pick"
    cited = [c.doc_id for c in a.citations]
    assert 0 < len(cited) <= NOTICES_SHOWN and cited == [n.doc_id for n in with_item[: len(cited)]]
    assert "县司法局" not in a.text, "no notice's answer is given as the answer"


def test_a_question_naming_one_notice_among_many_is_answered_from_it(many: Assistant) -> None:
    a = many.ask("戊县第17项由谁牵头？")
    assert a.found and "县司法局" in a.text, a.text
    assert {c.doc_id for c in a.citations} == {"copy-4"}


def test_an_item_no_notice_has_lists_only_the_first_few_notices_items(many: Assistant) -> None:
    a = many.ask("who leads task 120?")
    assert not a.found and "no item 120" in a.text, a.text
    assert len(a.text.splitlines()) == 1 + NOTICES_SHOWN + 1 and "12 more notices" in a.text, a.text


def test_the_notice_picked_after_being_asked_which_answers_the_first_question(many: Assistant) -> None:
    from assistant.conversation import Turn

    first = many.ask("第17项由谁牵头？")
    a = many.ask("戊县的", history=[Turn("user", "第17项由谁牵头？"), Turn("assistant", first.text, first.understood)])
    assert "第17项" in a.text and "县司法局" in a.text, a.text
    assert {c.doc_id for c in a.citations} == {"copy-4"}

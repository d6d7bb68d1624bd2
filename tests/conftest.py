from pathlib import Path

import pytest

from assistant.config import BUNDLED_NOTICES
from index.corpus import Corpus, load_corpus


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path_factory, monkeypatch):
    """Every test gets its own data directory and no stray config file or notice override."""
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("ASSISTANT_CONFIG", str(tmp_path_factory.mktemp("cfg") / "none.toml"))
    monkeypatch.delenv("ASSISTANT_NOTICES", raising=False)
    for name in ("LLM_BASE_URL", "LLM_MODEL", "LLM_API_KEY", "LLM_PROVIDER", "LLM_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(f"ASSISTANT_{name}", raising=False)


@pytest.fixture(scope="session", autouse=True)
def _embed_each_batch_once():
    """The same notices are indexed by several fixtures (the bundled index, tests/index/test_store.py's, the web
    server's, the upload copies): a batch of texts the session has embedded already is not embedded again. Only an
    identical call is reused (the model is a pure function of its batch); any other batch still runs the model."""
    from index.embed import UseMultilingualEmbeddings

    embed = UseMultilingualEmbeddings.embed_documents
    seen: dict[tuple[str, ...], list[list[float]]] = {}

    def embed_documents(self: UseMultilingualEmbeddings, texts: list[str]) -> list[list[float]]:
        key = tuple(texts)
        if key not in seen:
            seen[key] = embed(self, list(key))
        return [list(v) for v in seen[key]]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(UseMultilingualEmbeddings, "embed_documents", embed_documents)
        yield


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus([BUNDLED_NOTICES])


@pytest.fixture(scope="session")
def bundled() -> Path:
    return BUNDLED_NOTICES


@pytest.fixture(scope="session")
def bundled_assistant(tmp_path_factory, corpus):
    """One extractive Assistant over the bundled notices, its real index built once for the session."""
    from assistant.boot import build_and_open
    from assistant.config import Settings

    assistant, _ = build_and_open(Settings(data_dir=tmp_path_factory.mktemp("bundled-index")), corpus)
    return assistant

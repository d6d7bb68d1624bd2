"""`pip install .` (not editable) works outside a checkout: the wheel carries every file the product reads at run time
(bundled notices, prompt templates, data files, the web page's static files), and the installed `assistant` answers
from a directory that is not the repository."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from assistant.service import Assistant

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("assistant", "index")  # everything in them ships, but the docs beside the code
NOT_SHIPPED = {"README.md"}


def _source_files() -> set[str]:
    """Files of the product packages in the checkout, as paths inside the wheel."""
    found = set()
    for pkg in PACKAGES:
        for path in (REPO / pkg).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                rel = path.relative_to(REPO).as_posix()
                if path.name not in NOT_SHIPPED or "prompts" in path.parts:
                    found.add(rel)
    return found


def build_wheel(src: Path, out: Path) -> Path:
    """The wheel, built from a copy of the sources so the checkout gets no build/ or egg-info."""
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "blind")  # eval/blind: the blind sets never ship
    for pkg in (*PACKAGES, "eval"):
        shutil.copytree(REPO / pkg, src / pkg, ignore=ignore)
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", str(src), "-w", out],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    (whl,) = out.glob("notice_assistant-*.whl")
    return whl


# The build (~6 s of one core) starts at the session's first test, in tests/conftest.py's background thread.
EARLY = ("wheel",)


def _wheel_dirs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return tmp_path_factory.mktemp("src"), tmp_path_factory.mktemp("dist")


def start_early(request: pytest.FixtureRequest, early) -> None:
    early.submit("wheel", build_wheel, *_wheel_dirs(request.getfixturevalue("tmp_path_factory")))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory, early) -> Path:
    """The wheel, built early if it could be (see start_early), else now."""
    return early.result("wheel", lambda: build_wheel(*_wheel_dirs(tmp_path_factory)))


def test_the_wheel_carries_notices_prompts_data_and_static_files(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        missing = sorted(_source_files() - names)
        assert not missing, f"{wheel.name} lacks {missing}"
        notices = sorted(n for n in names if n.startswith("assistant/data/notices/"))
        assert len(notices) == 5, notices
        for name in notices:  # byte for byte as received
            assert zf.read(name) == (REPO / name).read_bytes(), name
        for name in ("system.zh.md", "system.en.md", "answer.zh.md", "answer.en.md"):
            assert f"assistant/prompts/{name}" in names
        assert {"assistant/web/static/widget.js", "assistant/web/static/widget-host.html"} <= names
        assert {"assistant/data/messages.toml", "assistant/data/bilingual.toml"} <= names
        assert {"eval/questions.jsonl", "eval/thresholds.toml", "eval/__main__.py"} <= names
        assert not [n for n in names if n.startswith("eval/blind/")], "the blind sets must never ship"
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        assert "assistant = assistant.cli:main" in zf.read(entry_points).decode()


def _borrow_site_packages(python: Path) -> None:
    """Lets a fresh venv import this interpreter's dependencies without the project itself.

    `venv --system-site-packages` gives the *base* interpreter's packages, which inside a virtual environment are not
    the ones the project was installed with; a `.pth` file listing this interpreter's site directories works from a
    venv, a venv inside a venv and a base interpreter alike. Listed paths are only appended to `sys.path` (their own
    `.pth` files are not run), so an editable install of the checkout here does not leak into the new venv."""
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    ours = [p for p in sys.path if Path(p).name in ("site-packages", "dist-packages") and Path(p).is_dir()]
    assert ours, sys.path
    (Path(purelib) / "_parent_site_packages.pth").write_text("\n".join(ours) + "\n")


def test_the_installed_wheel_answers_and_builds_the_llm_prompts_outside_the_checkout(
    wheel: Path, tmp_path: Path, bundled_assistant: Assistant
) -> None:
    """Installed into a fresh venv (the dependencies come from this interpreter's site-packages), run from a
    directory that is not the repository: `assistant ask` answers from the bundled notices, the prompts render.

    The data directory is the session's index of the bundled notices: the installed command finds every notice
    unchanged (same text, same embedder), so the test times the install and the answer, not embedding."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    python, script = venv / "bin" / "python", venv / "bin" / "assistant"
    _borrow_site_packages(python)
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--force-reinstall", wheel],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(bundled_assistant.settings.data_dir), "PYTHONPATH": ""}

    probe = subprocess.run(
        [
            python,
            "-c",
            "import assistant, assistant.config as c; print(assistant.__file__, c.BUNDLED_NOTICES, c.PROMPTS)",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert probe.returncode == 0, probe.stderr[-3000:]
    for where in probe.stdout.split():
        assert Path(where).is_relative_to(venv), f"{where} is not in the installed wheel"

    # LLM mode on a port where nothing listens: the answerer renders every prompt file at start-up (a missing one
    # stops it), the model cannot be reached, and the extractive answer comes back with a note saying so.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ask = subprocess.run(
        [script, "ask", "--json", "柞水县第十七项由谁牵头？"],
        cwd=elsewhere,
        env={**env, "LLM_BASE_URL": f"http://127.0.0.1:{port}/v1", "LLM_TIMEOUT": "10"},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert ask.returncode == 0, ask.stderr[-3000:]
    answer = json.loads(ask.stdout)
    assert "县司法局" in answer["answer"], answer["answer"]
    assert answer["citations"] and answer["citations"][0]["doc_id"] == "zhashui-2024"
    assert answer["mode"] == "extractive-fallback" and "无法连接" in " ".join(answer["notes"]), answer["notes"]

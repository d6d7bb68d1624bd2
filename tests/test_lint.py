"""The gates, run as CI runs them: ruff (lint, format) and mypy, configured in pyproject.toml.

Each runs from the repository root as a subprocess; a failure shows the tool's own report."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    """The tool of this interpreter (`python -m ruff`, `python -m mypy`), from the repository root."""
    if importlib.util.find_spec(command[0]) is None:  # the test extra installs it: missing is a broken set-up
        pytest.fail(f"{command[0]} is not installed; pip install -e '.[test]' (tests/setup.sh does)", pytrace=False)
    return subprocess.run(
        [sys.executable, "-m", *command],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.parametrize(
    "command",
    [("ruff", "check", "--output-format", "concise"), ("ruff", "format", "--check")],
    ids=["ruff-check", "ruff-format"],
)
def test_ruff_is_clean(command: tuple[str, ...]) -> None:
    result = run(*command)
    assert result.returncode == 0, f"`{' '.join(command)}` found:\n{result.stdout}{result.stderr}"


def test_mypy_is_clean() -> None:
    """Product code (assistant/, index/, app.py) is typed: no untyped def, no type error."""
    result = run("mypy")
    assert result.returncode == 0, f"`mypy` found:\n{result.stdout}{result.stderr}"

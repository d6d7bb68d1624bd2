"""Errors both sides report: raised while loading notices and building the index, and on the read side too.

`assistant/errors.py` re-exports them beside the read side's own errors; every edge (CLI, chat, API) catches
`AssistantError`, the one base, and translates it."""

from __future__ import annotations

from pathlib import Path


class AssistantError(Exception):
    """Base class for every error the product (Notice Assistant) reports to a user, on either side."""


class LoadError(AssistantError):
    """A notice file could not be read; names the file and the reason."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


class UnknownNotice(AssistantError):
    """A notice selector (doc_id, region, 文号) that matches no loaded notice."""

    def __init__(self, selector: str, known: list[str]) -> None:
        self.selector = selector
        super().__init__(f"No notice matches {selector!r}; known notices: {', '.join(known)}")


class ConfigError(AssistantError):
    """A configuration value that cannot work (bad path, unknown embedder)."""

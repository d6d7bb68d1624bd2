"""Domain exceptions. Library code raises these; each edge (CLI, chat, API) translates them."""

from __future__ import annotations

from pathlib import Path


class AssistantError(Exception):
    """Base class for every error the product reports to a user."""


class LoadError(AssistantError):
    """A notice file could not be read; names the file and the reason."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


class BadQuestion(AssistantError):
    """A question that cannot be answered as given (empty, too long)."""


class EmptyQuestion(BadQuestion):
    def __init__(self) -> None:
        super().__init__("The question is empty. / 问题为空。")


class QuestionTooLong(BadQuestion):
    def __init__(self, length: int, limit: int) -> None:
        self.length = length
        self.limit = limit
        super().__init__(
            f"The question is {length} characters long; the limit is {limit}. / 问题过长（{length} 字，上限 {limit} 字）。"
        )


class UnknownNotice(AssistantError):
    """A notice selector (doc_id, region, 文号) that matches no loaded notice."""

    def __init__(self, selector: str, known: list[str]) -> None:
        self.selector = selector
        super().__init__(f"No notice matches {selector!r}; known notices: {', '.join(known)}")


class ConfigError(AssistantError):
    """A configuration value that cannot work (bad path, unknown embedder)."""


class IndexNotBuilt(AssistantError):
    """The index does not hold the notices asked about (never built, or built from other text)."""

    def __init__(self, doc_ids: list[str]) -> None:
        self.doc_ids = doc_ids
        shown = ", ".join(doc_ids[:5]) + (" …" if len(doc_ids) > 5 else "")
        super().__init__(
            f"The index is not built for: {shown}. Run `assistant index` first. / 索引未建立，请先运行 assistant index。"
        )

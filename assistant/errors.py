"""Domain exceptions. Library code raises these; each edge (CLI, chat, API) translates them.

The errors the write side raises too (the base, LoadError, UnknownNotice, ConfigError) live in `index/errors.py`,
so that `index/` needs nothing from `assistant/`; they are re-exported here beside the read side's own."""

from __future__ import annotations

from index.errors import AssistantError, ConfigError, LoadError, UnknownNotice

__all__ = [
    "AssistantError",
    "BadQuestion",
    "ConfigError",
    "EmptyQuestion",
    "IndexNotBuilt",
    "LoadError",
    "QuestionTooLong",
    "UnknownNotice",
]


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
            f"The question is {length} characters long; the limit is {limit}. / "
            f"问题过长（{length} 字，上限 {limit} 字）。"
        )


class IndexNotBuilt(AssistantError):
    """The index does not hold the notices asked about (never built, or built from other text)."""

    def __init__(self, doc_ids: list[str]) -> None:
        self.doc_ids = doc_ids
        shown = ", ".join(doc_ids[:5]) + (" …" if len(doc_ids) > 5 else "")
        super().__init__(
            f"The index is not built for: {shown}. Run `assistant index` first. / "
            "索引未建立，请先运行 assistant index。"
        )

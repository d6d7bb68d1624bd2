"""The header and label words of the task layouts, from `index/data/layouts.toml`."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from index.text import no_spaces

DATA = Path(__file__).resolve().parent.parent / "data" / "layouts.toml"
TASK_FIELDS = ("lead", "responsible", "deadline", "materials", "section")  # roles a Task has a field for


@dataclass(frozen=True)
class ColumnWords:
    role: str
    exact: tuple[str, ...] = ()
    prefix: tuple[str, ...] = ()
    words: tuple[str, ...] = ()

    def marks(self, name: str) -> bool:
        return name in self.exact or name.startswith(self.prefix) or any(w in name for w in self.words)


@dataclass(frozen=True)
class Words:
    columns: tuple[ColumnWords, ...]  # in the order they are tried
    items: tuple[str, ...]  # what a labelled item opens with: 存在问题, 问题, ...
    fields: dict[str, str]  # label word -> role: 牵头单位 -> lead

    def column_role(self, header: str) -> str | None:
        """The role of a table column from its header text (None for an unknown column)."""
        name = no_spaces(header)
        return next((c.role for c in self.columns if c.marks(name)), None) if name else None

    def field_pattern(self, roles: tuple[str, ...] | None = None) -> str:
        """An alternation of the label words (of the given roles), longest first."""
        chosen = [w for w, r in self.fields.items() if roles is None or r in roles]
        return "|".join(map(re.escape, sorted(chosen, key=len, reverse=True)))


@functools.cache
def words() -> Words:
    data = tomllib.loads(DATA.read_text("utf-8"))
    columns = []
    for c in data["column"]:
        unknown = set(c) - {"role", "exact", "prefix", "words"}
        if unknown:
            raise ValueError(f"{DATA}: unknown keys {sorted(unknown)} in the column of role {c.get('role')!r}")
        columns.append(ColumnWords(c["role"], *(tuple(c.get(k, ())) for k in ("exact", "prefix", "words"))))
    labelled = data["labelled"]
    return Words(tuple(columns), tuple(labelled["items"]), dict(labelled["fields"]))

"""The loaded corpus: every notice with its tasks and blocks, and lookup of a notice by any name."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from index.errors import LoadError, UnknownNotice
from index.loaders import SUPPORTED_SUFFIXES, load_file
from index.notices import parse_notice
from index.records import Notice, ParsedNotice, Task
from index.text import no_spaces

log = logging.getLogger(__name__)
T = TypeVar("T")


def notice_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files to load: given files as they are, folders expanded to their supported files, sorted."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES))
        else:
            found.append(p)
    return found


def _norm(text: str) -> str:
    return no_spaces(text).lower()


@dataclass
class Corpus:
    notices: list[ParsedNotice] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._memo: dict[str, Any] = {}
        self._memo_of: tuple[int, int] | None = None

    def cached(self, key: str, build: Callable[[], T]) -> T:
        """`build()`, computed once for this corpus and kept: lookups over every notice (names, units, tasks by
        number) that would otherwise cost a scan of the whole corpus per question. Kept while `notices` is the same
        list of the same length; an upload makes a new Corpus, so a new set of lookups."""
        of = (id(self.notices), len(self.notices))
        if self._memo_of != of:
            self._memo, self._memo_of = {}, of
        if key not in self._memo:
            self._memo[key] = build()
        value: T = self._memo[key]
        return value

    @property
    def _by_id(self) -> dict[str, ParsedNotice]:
        return self.cached("corpus.by_id", lambda: {p.notice.doc_id: p for p in self.notices})

    @property
    def doc_ids(self) -> list[str]:
        return [p.notice.doc_id for p in self.notices]

    def get(self, doc_id: str) -> ParsedNotice:
        try:
            return self._by_id[doc_id]
        except KeyError:
            raise UnknownNotice(doc_id, self.doc_ids) from None

    def notice_list(self) -> list[Notice]:
        """Every notice's record in corpus order, built once per corpus: callers must not change the list."""
        return self.cached("corpus.notices", lambda: [p.notice for p in self.notices])

    def all_tasks(self) -> list[Task]:
        """Every notice's tasks in corpus order, built once per corpus: callers must not change the list."""
        return self.cached("corpus.tasks", lambda: [t for p in self.notices for t in p.tasks])

    def tasks(self, doc_id: str | None = None) -> list[Task]:
        if doc_id:
            return list(self.get(doc_id).tasks)
        return list(self.all_tasks())

    def match(self, selector: str) -> list[ParsedNotice]:
        """Notices a user-given name points at: doc_id, 文号, region in Chinese or pinyin, or a title."""
        key = _norm(selector)
        if not key:
            return []
        if key in self._by_id:
            return [self._by_id[key]]
        hits = [p for p in self.notices if p.notice.doc_number and _norm(p.notice.doc_number) == key]
        hits = hits or [p for p in self.notices if key in (_norm(a) for a in p.notice.aliases)]
        hits = hits or [p for p in self.notices if p.notice.doc_id.startswith(key + "-")]
        return hits or [p for p in self.notices if len(key) >= 4 and key in _norm(p.notice.title)]

    def resolve(self, selector: str) -> ParsedNotice:
        """The one notice a selector names; UnknownNotice when it names none (or is ambiguous)."""
        hits = self.match(selector)
        if len(hits) != 1:
            raise UnknownNotice(selector, self.doc_ids)
        return hits[0]


def load_corpus(
    paths: Iterable[str | Path], *, pinned: Mapping[str, str] | None = None, skip: Iterable[str] = ()
) -> Corpus:
    """Loads and parses every notice; a file that fails is reported in `errors` and the rest still load.

    `pinned` maps a file's resolved path to the doc_id it was given when it was added: such a notice keeps its id
    whatever the other files are called; the others take their own id, suffixed -2, -3… when it is taken. Files
    whose resolved path is in `skip` (notices an upload replaced) are left out."""
    pinned = pinned or {}
    skipped = set(skip)
    loaded: list[ParsedNotice] = []
    errors: list[LoadError] = []
    for path in notice_files(paths):
        if str(path.resolve()) in skipped:
            continue
        try:
            loaded.append(parse_notice(load_file(path)))
        except LoadError as exc:
            log.warning("skipping %s", exc)
            errors.append(exc)
        except Exception as exc:  # a parser bug on one odd file must not cost the whole corpus
            log.exception("skipping %s: the parser failed", path)
            errors.append(LoadError(path, f"could not be read as a notice ({type(exc).__name__}: {exc})"))
    ids: list[str | None] = [pinned.get(str(p.notice.path.resolve())) for p in loaded]
    taken: set[str] = set()
    for i, doc_id in enumerate(ids):  # a pinned id claimed twice (a stale pin file) is kept by the first only
        if doc_id in taken:
            ids[i] = None
        elif doc_id:
            taken.add(doc_id)
    notices = []
    for parsed, doc_id in zip(loaded, ids, strict=True):
        if doc_id is None:
            doc_id = free_id(parsed.notice.doc_id, taken)
            taken.add(doc_id)
        notices.append(with_doc_id(parsed, doc_id))
    return Corpus(notices, errors)


def free_id(doc_id: str, taken: set[str]) -> str:
    """`doc_id`, or doc_id-2, -3…: two notices of one region and year are both kept, distinctly named."""
    if doc_id not in taken:
        return doc_id
    n = 2
    while f"{doc_id}-{n}" in taken:
        n += 1
    return f"{doc_id}-{n}"


def with_doc_id(parsed: ParsedNotice, doc_id: str, path: Path | None = None) -> ParsedNotice:
    """The notice under another doc_id (and, given `path`, read from another file name), its tasks and blocks too."""
    if doc_id == parsed.notice.doc_id and path is None:
        return parsed
    notice = replace(parsed.notice, doc_id=doc_id)
    if path is not None:
        notice = replace(notice, path=path, source=path.name)
    return replace(
        parsed,
        notice=notice,
        tasks=[replace(t, doc_id=doc_id) for t in parsed.tasks],
        blocks=[replace(b, doc_id=doc_id) for b in parsed.blocks],
    )

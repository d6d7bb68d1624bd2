"""Questions about a notice itself: its 文号, issuer, 主送, title or date, a web page's source, editor or author,
and the documents it says it implements, each from the line printing it."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.citing import cite
from assistant.kinds.context import Context
from assistant.kinds.refuse import not_given
from assistant.records import Citation, Draft, Phrase, Question, say
from assistant.values import expected, holds
from index.records import LineText, Notice, Structure

Found = tuple[list[LineText], Phrase | None]  # the lines printing the fact (found when the notice was parsed), the fact


def _number(n: Notice, s: Structure) -> Found:
    hit = s.doc_number
    return ([hit], say("meta.number", value=n.doc_number)) if hit else ([], say("meta.no_number"))


def _issuer(n: Notice, s: Structure) -> Found:
    hit = s.issuer
    return ([hit], say("meta.issuer", value=n.issuer)) if hit else ([], None)


def _recipients(n: Notice, s: Structure) -> Found:
    hit = s.recipients
    return ([hit], say("meta.recipients", value=hit.text)) if hit else ([], None)


def _title(n: Notice, s: Structure) -> Found:
    hit = s.title
    return ([hit], say("meta.title", value=n.title)) if hit else ([], None)


def _date(n: Notice, s: Structure) -> Found:
    found = list(s.dates)
    return (found, say("meta.date", value="；".join(hit.text for hit in found))) if found else ([], None)


def _page(name: str) -> Callable[[Notice, Structure], Found]:
    """A web page's own labelled line (来源:…, 编辑:…): the value as printed after its label."""

    def read(n: Notice, s: Structure) -> Found:
        hit = s.page_line(name)
        value = re.split(r"[:：]", hit.text, maxsplit=1)[1].strip() if hit else ""
        return ([hit], say(f"meta.{name}", value=value)) if hit else ([], None)

    return read


def _basis(n: Notice, s: Structure) -> Found:
    found = list(s.basis)
    return (found, say("meta.basis", value="；".join(hit.text for hit in found))) if found else ([], None)


# Values a notice's head lines print only beside a label of their own (电话：…, 邮箱：…): asked of the issuer, editor or
# source, the answer's line must hold one.
UNPRINTED = ("phone", "hotline", "email", "url", "money", "percent")


def _cited(cites: list[Citation], line_no: int) -> bool:
    return any(c.start_line == line_no for c in cites)


READERS: dict[str, Callable[[Notice, Structure], Found]] = {
    "number": _number,
    "issuer": _issuer,
    "recipients": _recipients,
    "title": _title,
    "date": _date,
    "source": _page("source"),
    "editor": _page("editor"),
    "author": _page("author"),
    "basis": _basis,
}


def draft(q: Question, ctx: Context) -> Draft:
    notices = [ctx.corpus.get(d) for d in ctx.doc_ids] or ctx.corpus.notices
    lines: list[Phrase] = [] if ctx.doc_ids else [say("meta.head")]
    cites: list[Citation] = []
    for p in notices:
        n = p.notice
        for field in q.metas or (q.meta or "date",):
            found, fact = READERS.get(field, _date)(n, p.structure)
            if fact is None:
                lines.append(say("meta.silent", notice=n))
                continue
            cites += [cite(n, "", line_no, line_no, quote) for line_no, quote in found if not _cited(cites, line_no)]
            lines.append(say("meta.line", notice=n, fact=fact))  # with no line (it has no 文号): said of the whole
    if not cites:
        return Draft(lines if ctx.doc_ids else [say("not_found")], found=False)
    if (kind := expected(q.text)) in UNPRINTED and not any(holds(kind, q.text, c.quote) for c in cites):
        return not_given(cites, ctx.corpus)  # the editor's phone: the editor's line is near, not the answer
    return Draft(lines, cites)

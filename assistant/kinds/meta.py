"""Questions about a notice itself: its 文号, issuer, 主送, title or date, each from the line printing it."""

from __future__ import annotations

from assistant.citing import cite
from assistant.kinds.context import Context
from assistant.records import Citation, Draft, Phrase, Question, say
from assistant.structure import HEAD_LINES, date_lines, line_of, recipients_line
from index.records import Notice

Line = tuple[int, str]  # 1-based line number, the line as printed


def _number(n: Notice) -> tuple[list[Line], Phrase]:
    hit = line_of(n, n.doc_number, HEAD_LINES) if n.doc_number else None
    return ([hit], say("meta.number", value=n.doc_number)) if hit else ([], say("meta.no_number"))


def _issuer(n: Notice) -> tuple[list[Line], Phrase | None]:
    hit = line_of(n, n.issuer, HEAD_LINES) if n.issuer else None
    if hit is None and n.issuer and n.region and n.doc_number:  # 宜阳县人民政府办公室 printed only in its 文号
        hit = line_of(n, n.doc_number, HEAD_LINES)
    return ([hit], say("meta.issuer", value=n.issuer)) if hit else ([], None)


def _recipients(n: Notice) -> tuple[list[Line], Phrase | None]:
    hit = recipients_line(n)
    return ([hit], say("meta.recipients", value=hit[1])) if hit else ([], None)


def _title(n: Notice) -> tuple[list[Line], Phrase | None]:
    hit = line_of(n, n.title[:12], HEAD_LINES)
    return ([hit], say("meta.title", value=n.title)) if hit else ([], None)


def _date(n: Notice) -> tuple[list[Line], Phrase | None]:
    found = date_lines(n)
    return (found, say("meta.date", value="；".join(line for _, line in found))) if found else ([], None)


def _cited(cites: list[Citation], line_no: int) -> bool:
    return any(c.start_line == line_no for c in cites)


READERS = {"number": _number, "issuer": _issuer, "recipients": _recipients, "title": _title, "date": _date}


def draft(q: Question, ctx: Context) -> Draft:
    notices = [ctx.corpus.get(d).notice for d in ctx.doc_ids] or [p.notice for p in ctx.corpus.notices]
    lines: list[Phrase] = [] if ctx.doc_ids else [say("meta.head")]
    cites: list[Citation] = []
    for n in notices:
        for field in q.metas or (q.meta or "date",):
            found, fact = READERS.get(field, _date)(n)
            if fact is None:
                lines.append(say("meta.silent", notice=n))
                continue
            cites += [cite(n, "", line_no, line_no, quote) for line_no, quote in found if not _cited(cites, line_no)]
            lines.append(say("meta.line", notice=n, fact=fact))  # with no line (it has no 文号): said of the whole
    if not cites:
        return Draft(lines if ctx.doc_ids else [say("not_found")], found=False)
    return Draft(lines, cites)

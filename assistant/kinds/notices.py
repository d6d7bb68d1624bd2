"""Questions about the loaded notices as a set: which is newest or oldest, which notices there are. Each notice is
cited on the line printing its date (found when it was parsed); named with its full title where the notices themselves
are asked (which notices are loaded, their titles), else by its short name and 文号."""

from __future__ import annotations

import re

from assistant.citing import cite
from assistant.kinds.context import Context
from assistant.records import Citation, Draft, Phrase, Question, say
from assistant.understand import issued_matches
from assistant.wording import IsoDate, Titled
from index.records import ParsedNotice
from index.text import FULL_DATE

PRINTED_ISO = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
# once a question is about the notices' dates, the other end may be asked without the noun: 哪个最早印发、哪个最新
ENDS = {
    "newest": re.compile(r"最新|最晚|最近|newest|latest|most recent", re.I),
    "oldest": re.compile(r"最早|最先|oldest|earliest", re.I),
}
# the notices' names asked, not only their dates: 都叫什么, 标题, what are they called
TITLES_ASKED = re.compile(r"标题|题目|全称|名称|名字|叫什么|文件名|\btitles?\b|\bnames?\b|\bcalled\b", re.I)


def printed_date(p: ParsedNotice) -> str | None:
    """The notice's date as its date line prints it (2024年12月16日, 2024-04-20), else the ISO date."""
    hit = p.structure.dates[0] if p.structure.dates else None
    m = (FULL_DATE.search(hit.text) or PRINTED_ISO.search(hit.text)) if hit else None
    return re.sub(r"\s+", "", m.group(0)) if m else p.notice.date


def _dated(p: ParsedNotice, titled: bool = False) -> tuple[Phrase, Citation | None]:
    """The notice (with its full title when `titled`) and its date, and the citation of the line printing that date
    (None when it prints none)."""
    n = p.notice
    name = Titled(n) if titled else n
    hit = p.structure.dates[0] if p.structure.dates else None
    if n.date is None or hit is None:
        return say("notices.undated", notice=name), None
    return say("notices.line", notice=name, date=printed_date(p)), cite(n, "", hit.line, hit.line, hit.text)


def _issued(issued: tuple[str, str], chosen: list[ParsedNotice], total: int, titled: bool) -> Draft:
    """The notices issued before, after or in a date, in date order, each cited on its date line; the undated ones
    said to print no date."""
    dated = sorted((p for p in chosen if p.notice.date and p.structure.dates), key=lambda p: p.notice.date or "")
    hits = [p for p in dated if issued_matches(p.notice.date or "", issued)]
    lines = [say(f"notices.issued_{issued[0]}", count=len(hits), total=total, date=IsoDate(issued[1]))]
    cites: list[Citation] = []
    for p in hits:
        line, c = _dated(p, titled)
        lines.append(line)
        cites += [c] if c else []
    lines += [_dated(p, titled)[0] for p in chosen if p not in dated]
    return Draft(lines, cites, found=bool(hits))


def draft(q: Question, ctx: Context) -> Draft:
    """The newest or oldest notice by its printed date, then every notice in date order; or the list of notices."""
    chosen = [ctx.corpus.get(d) for d in ctx.doc_ids] or list(ctx.corpus.notices)
    titled = q.notices_asked in ("all", "region") or bool(TITLES_ASKED.search(q.text))
    if q.issued is not None:
        return _issued(q.issued, chosen, len(ctx.corpus.notices), titled)
    dated = sorted((p for p in chosen if p.notice.date and p.structure.dates), key=lambda p: p.notice.date or "")
    undated = [p for p in chosen if p not in dated]
    lines: list[Phrase] = []
    if q.notices_asked in ("newest", "oldest"):
        if not dated:
            return Draft([say("not_found")], found=False)
        # 哪份最新、哪份最早: both ends, in the order asked
        at = {k: m.start() for k, rx in ENDS.items() if (m := rx.search(q.text))}
        for end in sorted(at, key=at.__getitem__) or [q.notices_asked]:
            edge = (dated[-1] if end == "newest" else dated[0]).notice.date
            ends = [p for p in dated if p.notice.date == edge]
            named = tuple(Titled(p.notice) if titled else p.notice for p in ends)
            lines.append(say(f"notices.{end}", notices=named, date=printed_date(ends[0])))
    if len(chosen) < len(ctx.corpus.notices):  # 陕西的有哪些: the notices the question (or the user) chose
        lines.append(say("notices.region", count=len(chosen), total=len(ctx.corpus.notices)))
    else:
        lines.append(say("notices.count", count=len(chosen)))
    cites: list[Citation] = []
    for p in (reversed(dated) if q.notices_asked == "newest" else dated) if dated else ():
        line, c = _dated(p, titled)
        lines.append(line)
        cites += [c] if c else []
    lines += [_dated(p, titled)[0] for p in undated]
    return Draft(lines, cites)

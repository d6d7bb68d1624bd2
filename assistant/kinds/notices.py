"""Questions about the loaded notices as a set: which is newest or oldest, which notices there are. Each notice is
cited on the line printing its date (found when it was parsed)."""

from __future__ import annotations

from assistant.citing import cite
from assistant.kinds.context import Context
from assistant.records import Citation, Draft, Phrase, Question, say
from index.records import ParsedNotice


def _dated(p: ParsedNotice) -> tuple[Phrase, Citation | None]:
    """The notice with its date, and the citation of the line printing that date (None when it prints none)."""
    n = p.notice
    hit = p.structure.dates[0] if p.structure.dates else None
    if n.date is None or hit is None:
        return say("notices.undated", notice=n), None
    return say("notices.line", notice=n, date=n.date), cite(n, "", hit.line, hit.line, hit.text)


def draft(q: Question, ctx: Context) -> Draft:
    """The newest or oldest notice by its printed date, then every notice in date order; or the list of notices."""
    chosen = [ctx.corpus.get(d) for d in ctx.doc_ids] or list(ctx.corpus.notices)
    dated = sorted((p for p in chosen if p.notice.date and p.structure.dates), key=lambda p: p.notice.date or "")
    undated = [p for p in chosen if p not in dated]
    lines: list[Phrase] = []
    if q.notices_asked in ("newest", "oldest"):
        if not dated:
            return Draft([say("not_found")], found=False)
        ends = [
            p for p in dated if p.notice.date == (dated[-1] if q.notices_asked == "newest" else dated[0]).notice.date
        ]
        lines.append(say(f"notices.{q.notices_asked}", notices=tuple(p.notice for p in ends), date=ends[0].notice.date))
    if len(chosen) < len(ctx.corpus.notices):  # 陕西的有哪些: the notices the question (or the user) chose
        lines.append(say("notices.region", count=len(chosen), total=len(ctx.corpus.notices)))
    else:
        lines.append(say("notices.count", count=len(chosen)))
    cites: list[Citation] = []
    for p in (reversed(dated) if q.notices_asked == "newest" else dated) if dated else ():
        line, c = _dated(p)
        lines.append(line)
        cites += [c] if c else []
    lines += [_dated(p)[0] for p in undated]
    return Draft(lines, cites)

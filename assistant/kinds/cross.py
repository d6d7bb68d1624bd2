"""One question put to every notice: the best sentence of each, or that it does not say."""

from __future__ import annotations

from assistant.kinds.context import Context
from assistant.records import Citation, Draft, Phrase, Question, say
from assistant.scoring import best_sentences, passes


def draft(q: Question, ctx: Context) -> Draft:
    lines: list[Phrase] = [say("cross.head")]
    cites: list[Citation] = []
    for p in ctx.corpus.notices:
        hits = ctx.search(p.notice.doc_id)
        best = best_sentences(q, hits, ctx.corpus, ctx.scorer, limit=1)
        if best and passes(q, best[0][0], hits):
            c = best[0][1]
            cites.append(c)
            lines.append(say("cross.line", notice=p.notice, text=c.quote))
        else:
            lines.append(say("cross.silent", notice=p.notice))
    if not cites:
        return Draft([say("not_found")], found=False)
    return Draft(lines, cites)

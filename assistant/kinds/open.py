"""Open questions: the best sentences of the retrieved passages, a roster line with the lines it runs on over, a
sentence introducing a numbered list with the list. Refused when no sentence covers the question."""

from __future__ import annotations

import re

from assistant.citing import cite_list, cite_roster
from assistant.kinds.context import Context
from assistant.kinds.refuse import nothing_answers
from assistant.records import Draft, Question, say
from assistant.scoring import best_sentences, passes

ASKS_LIST = re.compile(
    r"哪些|哪几|有什么|包括|包含|分别|\bwhich\b|\blist\b|\binclud|\bconsist|\bmake up\b|\bcomprise|\bwhat\s+\w+\s+are\b"
)


def draft(q: Question, ctx: Context) -> Draft:
    best = best_sentences(q, ctx.hits, ctx.corpus, ctx.scorer)
    if not best or not passes(q, best[0][0], ctx.hits):
        return nothing_answers(ctx.hits, ctx.corpus)
    keep = [c for s, c in best if passes(q, s, ctx.hits)] or [best[0][1]]
    keep = [cite_roster(ctx.corpus.get(c.doc_id), c) for c in keep]
    lines = [
        say("open.line", notice=ctx.corpus.get(c.doc_id).notice, text=re.sub(r"\n\s*", "；", c.quote.strip()))
        for c in keep
    ]
    for k, c in enumerate(keep):  # a kept sentence introduces a numbered list: the list is the answer
        if not (ASKS_LIST.search(q.text.lower()) or c.quote.rstrip().endswith(("：", ":"))):
            break
        if items := cite_list(ctx.corpus.get(c.doc_id), c):
            lines[k + 1 : k + 1] = [say("open.item", text=re.sub(r"[*]{2}", "", it.quote)) for it in items]
            keep[k + 1 : k + 1] = items
            break
    return Draft(lines, keep)

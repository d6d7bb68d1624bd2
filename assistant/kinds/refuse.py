"""Refusals: the notices do not answer. The nearest passages are shown for orientation, never as sources."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.citing import cite
from assistant.kinds.context import Context
from assistant.records import Draft, Question, say
from assistant.retrieve import Hit
from index.corpus import Corpus

NEAREST = 3
NEAR_CHARS = 60


def draft(q: Question, ctx: Context) -> Draft:
    """A question about a place no loaded notice is from."""
    places = "、".join(q.foreign)
    loaded = "、".join(p.notice.region or p.notice.doc_id for p in ctx.corpus.notices)
    return Draft([say("refuse.foreign", places=places, loaded=loaded)], found=False)


def nothing_answers(hits: Sequence[Hit], corpus: Corpus) -> Draft:
    """The notices hold no answer: say so, and name the closest passages in `nearest`."""
    near = []
    for h in hits[:NEAREST]:
        notice = corpus.get(h.chunk.doc_id).notice
        first = h.chunk.quote.split("\n")[0][:120]
        near.append(cite(notice, h.chunk.label, h.chunk.start_line, h.chunk.start_line, first))
    lines = [say("not_found")]
    if near:
        lines.append(say("refuse.nearest"))
        lines += [
            say("refuse.near", notice=corpus.get(c.doc_id).notice, label=c.label, text=c.quote[:NEAR_CHARS])
            for c in near
        ]
    return Draft(lines, found=False, nearest=near)

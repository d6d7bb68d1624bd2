"""Refusals: the notices do not answer. The nearest passages are shown for orientation, never as sources."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.citing import cite
from assistant.kinds.context import Context
from assistant.records import Citation, Draft, Phrase, Question, say
from assistant.retrieve import Hit
from assistant.wording import Joined
from index.corpus import Corpus

NEAREST = 3
NEAR_CHARS = 60


def draft(q: Question, ctx: Context) -> Draft:
    """A question about a place no loaded notice is from, or about a document the loaded notices only cite."""
    if q.cited_only:
        return cited_only(q, ctx)
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
    return not_given(near, corpus)


def not_given(near: Sequence[Citation], corpus: Corpus, lead: Phrase | None = None) -> Draft:
    """A refusal (`lead`, else "the notices do not say") naming `near` as the closest passages, never as sources."""
    near = list(near)
    lines = [lead or say("not_found")]
    if near:
        lines.append(say("refuse.nearest"))
        lines += [
            say("refuse.near", notice=corpus.get(c.doc_id).notice, label=c.label, text=c.quote[:NEAR_CHARS])
            for c in near
        ]
    return Draft(lines, found=False, nearest=near)


def cited_only(q: Question, ctx: Context) -> Draft:
    """The question asks what a document says that is no loaded notice: say which notices cite it (their citing lines
    are the nearest passages), claim nothing of its content."""
    near: list[Citation] = []
    lines = []
    for name in q.cited_only:
        key = re.sub(r"\s+", "", name.strip("《》"))
        citing = []
        for p in ctx.corpus.notices:
            for no, line in enumerate(p.notice.lines, 1):
                if key in re.sub(r"\s+", "", line):
                    near.append(cite(p.notice, "", no, no, line.strip()[:120]))
                    citing.append(p.notice)
                    break
        if citing:
            lines.append(say("refuse.cited_only", name=name, citing=Joined(tuple(dict.fromkeys(citing)))))
        else:
            lines.append(say("refuse.not_loaded", name=name))
    draft = not_given(near, ctx.corpus, lines[0])
    return Draft([*lines, *draft.lines[1:]], found=False, nearest=draft.nearest)

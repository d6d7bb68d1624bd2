"""A document the notices cite but do not hold, asked for what their citing line prints of it: its 文号 (《…若干意见》
的文号是多少, and its document number?) or its title (宜司〔2023〕18号是关于啥的文件). The answer names the document
and its number as the line prints them, cited on that line; what the document itself says is never claimed
(kinds/refuse.py cited_only)."""

from __future__ import annotations

import re

from assistant.citing import cite
from assistant.kinds.context import Context
from assistant.records import Citation, Draft, Phrase, Question, say
from assistant.tasktable import in_scope
from assistant.understand import CITED_DOC
from assistant.understand import flat_name as flat
from assistant.wording import Short


def draft(q: Question, ctx: Context) -> Draft | None:
    lines: list[Phrase] = []
    cites: list[Citation] = []
    numbered = False
    for name in q.cites:
        key = flat(name)
        for p in ctx.corpus.notices:
            if not in_scope(p.notice, ctx.doc_ids):
                continue
            found = next(
                (
                    (no, line, m)
                    for no, line in enumerate(p.notice.lines, 1)
                    if key in flat(line)
                    for m in CITED_DOC.finditer(line)
                    if key in flat(m.group(1)) or (m.group(2) and key in flat(m.group(2)))
                ),
                None,
            )
            if found is None:
                continue
            no, line, m = found
            title, number = m.group(1), m.group(2) or ""
            key_ = "cited.number" if number else "cited.no_number"
            lines.append(say(key_, notice=Short(p.notice), title=title, number=re.sub(r"\s+", "", number)))
            cites.append(cite(p.notice, "", no, no, line.strip()))
            numbered = numbered or bool(number)
            break
    if not lines:
        return None
    if not numbered and any(k == "docnum" for k in q.expects):  # a 文号 the citing lines do not give: not found
        return Draft(lines, found=False, nearest=cites)
    return Draft(lines, cites)

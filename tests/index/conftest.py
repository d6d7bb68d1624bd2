from __future__ import annotations

from collections.abc import Sequence

import pytest

from index.records import ParsedNotice


def _check_tasks(parsed: ParsedNotice, expected: Sequence[tuple]) -> None:
    """Every expected row (number, content start, lead, responsible, deadline) is a task with exactly those fields,
    and its quote is the exact text of its lines."""
    name = parsed.notice.source
    got = {t.number: t for t in parsed.tasks if t.kind == "task"}
    assert sorted(got) == [row[0] for row in expected], f"{name}: task numbers {sorted(got)}"
    for number, start, lead, responsible, deadline in expected:
        t = got[number]
        where = f"{name} task {number}"
        assert t.content.startswith(start), f"{where}: content {t.content!r}"
        assert t.lead == lead, f"{where}: lead {t.lead}"
        assert t.responsible == responsible, f"{where}: responsible {t.responsible}"
        assert t.deadline == deadline, f"{where}: deadline {t.deadline!r}"
        assert t.source_text == parsed.notice.line_span_text(t.start_line, t.end_line), f"{where}: quote"
        assert start in t.source_text, f"{where}: quote {t.source_text!r} lacks its content"


@pytest.fixture
def check_tasks():
    return _check_tasks

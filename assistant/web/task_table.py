"""A notice's task table as HTML: sorted by clicking a header (deadlines as dates), each row leading to its lines in
the notice text, cards on a phone. Sorting happens in the browser over ranks computed here, one per column."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from index.records import Task

DeadlineKey = tuple[int, int, int, int, str]

_DATED = re.compile(r"(\d{4})\s*年\s*(?:(上|下)半年|(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?|(\d{4})-(\d{1,2})-(\d{1,2})")
_NO_YEAR = re.compile(r"(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_LONG_TERM = re.compile(r"长期|持续|常态|长效")


def deadline_key(text: str | None) -> DeadlineKey:
    """A deadline as printed, made sortable: (group, year, month, day, text). Groups, in order:
    0 a dated deadline (2024年3月底前 → 2024-03-31, 2024年12月31日前, 2024年底前 and 2024年 → 2024-12-31,
      2024年上半年 → 2024-06-30, 2024-06-30; the first date in the cell counts);
    1 a month with no year (6月底前), by month; 2 a recurring one (每年3月底前, 每季度), by month if it names one;
    3 long-term (长期, 长期坚持, 持续推进, 常态化); 4 any other text, by text; 5 no deadline."""
    t = (text or "").strip()
    if not t:
        return 5, 0, 0, 0, ""
    if t.startswith("每"):
        m = _NO_YEAR.search(t)
        return 2, 0, int(m.group(1)) if m else 13, int(m.group(2) or 31) if m else 0, t
    if m := _DATED.search(t):
        if m.group(5):
            return 0, int(m.group(5)), int(m.group(6)), int(m.group(7)), t
        month = 6 if m.group(2) == "上" else int(m.group(3) or 12)
        return 0, int(m.group(1)), month, int(m.group(4) or (30 if m.group(2) == "上" else 31)), t
    if m := _NO_YEAR.search(t):
        return 1, 0, int(m.group(1)), int(m.group(2) or 31), t
    return (3 if _LONG_TERM.search(t) else 4), 0, 0, 0, t


def _cells(x: Task) -> list[str]:
    return [
        str(x.number),
        x.label,
        x.content,
        "、".join(x.lead),
        "、".join(x.responsible),
        x.deadline or "",
        f"{x.start_line}" + (f"–{x.end_line}" if x.end_line > x.start_line else ""),
    ]


# One sort key per column, in the order of the headers
_KEYS: list[Callable[[Task], Any]] = [
    lambda x: x.number,
    lambda x: x.label,
    lambda x: x.content,
    lambda x: ("、".join(x.lead) == "", "、".join(x.lead)),
    lambda x: ("、".join(x.responsible) == "", "、".join(x.responsible)),
    lambda x: deadline_key(x.deadline),
    lambda x: x.start_line,
]


def task_table_html(tasks: Sequence[Task], headers: Sequence[str], hint: str) -> str:
    """The table: a button per header (sorts; again reverses), and per cell its rank in its column's order
    (data-k) and its header (data-label, shown on phone cards). The lines cell is a button to those lines."""
    ranks = [[0] * len(tasks) for _ in _KEYS]
    for col, key in enumerate(_KEYS):
        for rank, i in enumerate(sorted(range(len(tasks)), key=lambda i: key(tasks[i]))):
            ranks[col][i] = rank
    head = "".join(
        f'<th data-col="{c}" aria-sort="none"><button type="button">{escape(h)}</button></th>'
        for c, h in enumerate(headers)
    )
    body = []
    for i, x in enumerate(tasks):
        cells = _cells(x)
        tds = [
            f'<td data-k="{ranks[c][i]}" data-label="{escape(headers[c])}">{escape(v)}</td>'
            for c, v in enumerate(cells[:-1])
        ]
        tds.append(
            f'<td data-k="{ranks[-1][i]}" data-label="{escape(headers[-1])}"><button type="button" class="na-go"'
            f' title="{escape(hint)}">{escape(cells[-1])}</button></td>'
        )
        body.append(f'<tr data-from="{x.start_line}" data-to="{x.end_line}">{"".join(tds)}</tr>')
    return f'<table class="na-tasks"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


# Runs once in the browser when the table component loads; the handlers survive re-rendering (they sit on `element`)
JS = """
element.addEventListener('click', (e) => {
  const th = e.target.closest('th[data-col]');
  if (th) {
    const col = +th.dataset.col, asc = th.getAttribute('aria-sort') !== 'ascending';
    const body = element.querySelector('tbody');
    const rows = [...body.rows].sort((a, b) => (a.cells[col].dataset.k - b.cells[col].dataset.k) * (asc ? 1 : -1));
    rows.forEach((r) => body.appendChild(r));
    element.querySelectorAll('th').forEach((h) => h.setAttribute('aria-sort', 'none'));
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    return;
  }
  const row = e.target.closest('tr[data-from]');
  const text = document.querySelector('#notice-text');
  if (!row || !text) return;
  text.querySelectorAll('.na-hl').forEach((l) => l.classList.remove('na-hl'));
  let first = null;
  for (let i = +row.dataset.from; i <= +row.dataset.to; i++) {
    const line = text.querySelector('[data-line="' + i + '"]');
    if (line) { line.classList.add('na-hl'); first = first || line; }
  }
  if (first) first.scrollIntoView({block: 'center'});
});
"""

CSS = """
.na-tasks { border-collapse: collapse; width: 100%; font-size: 0.9em; }
.na-tasks th, .na-tasks td { border: 1px solid #ddd; padding: 4px 6px; vertical-align: top; text-align: left; }
.na-tasks th { white-space: nowrap; }
.na-tasks th button { font: inherit; font-weight: 600; cursor: pointer; background: none; border: 0; padding: 0; }
.na-tasks th[aria-sort=ascending] button::after { content: " ▲"; }
.na-tasks th[aria-sort=descending] button::after { content: " ▼"; }
.na-tasks tbody tr { cursor: pointer; }
.na-tasks tbody tr:hover { background: #f5f9ff; }
.na-go { font: inherit; color: #2563eb; text-decoration: underline; background: none; border: 0; padding: 0;
  cursor: pointer; white-space: nowrap; }
@media (max-width: 640px) {
  .na-tasks, .na-tasks tbody, .na-tasks td { display: block; }
  .na-tasks thead tr { display: flex; flex-wrap: wrap; gap: 4px; }
  .na-tasks th { border-radius: 4px; }
  .na-tasks tr { display: block; border: 1px solid #ddd; border-radius: 6px; margin: 8px 0; padding: 4px; }
  .na-tasks td { border: 0; padding: 2px 4px; }
  .na-tasks td::before { content: attr(data-label) "："; color: #666; }
  .na-tasks td:empty { display: none; }
}
"""

"""Column roles of task tables: from header words (data/column_roles.toml) and, where a header is missing or
unknown, from what the cells hold (sequential numbers, unit names, deadline expressions)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from index.layouts.cells import split_units
from index.text import cn_to_int

ROLES_FILE = Path(__file__).parent / "data" / "column_roles.toml"
CN_NUMERAL = "一二三四五六七八九十百零〇两"

# A number cell as printed: 1 / 01 / 1. / 1、 / （1） / （一） / 一 / 第1项
NUMBER = re.compile(rf"^(?:第\s*)?[（(]?\s*(\d{{1,3}}|[{CN_NUMERAL}]{{1,4}})\s*[)）]?\s*[.．、]?\s*(?:项|条)?$")
# Names of bodies end in one of these; 各乡镇/各部门/相关单位 name groups of bodies.
UNIT_END = re.compile(
    r"(?:局|办|委|委员会|中心|政府|街道|办事处|公司|集团|院|所|站|队|部|厅|会|处|科|室|镇|乡|馆|团|社|行|台|"
    r"法院|检察院|分局|支队|大队|单位|部门|机关|机构|组织|企业|学校|医院|园区|管委会|指挥部|领导小组|联|村|社区|区|校)"
    r"(?:[（(][^）)]{1,12}[)）])?$"
)
UNIT_GROUP = re.compile(r"^(?:各|相关|有关|其他|全县|全市|全区|县直|市直|区直)")
DEADLINE_WORDS = (
    "长期",
    "持续",
    "常态",
    "每年",
    "每季",
    "每半年",
    "每月",
    "每周",
    "年底",
    "年内",
    "年末",
    "月底",
    "立即",
    "即时",
    "随时",
    "按期",
    "按要求",
    "按时",
)
DEADLINE_DATE = re.compile(
    r"\d{4}\s*年(?:\s*\d{1,2}\s*月)?|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*(?:底|末|中旬|上旬|下旬)?\s*(?:前|以前|之前)"
    r"|(?<!\d)\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?(?!\d)|第[一二三四1-4]季度|[上下]半年"
)
# An outline heading printed in a cell: 一、优化营商环境 / （一）提升服务效能 / 第一部分
HEADING = re.compile(
    rf"^(?:[{CN_NUMERAL}]{{1,3}}、|[（(][{CN_NUMERAL}]{{1,3}}[)）]|第[{CN_NUMERAL}\d]{{1,3}}(?:部分|章|节))"
)
# A note that the first unit listed in a cell leads: 排在第一位的为牵头单位, 列第一位的单位牵头, 首位为牵头单位.
FIRST_LEADS = re.compile(
    r"(?:第一位|第一个|首位|首个|最前面|排第一|第一(?!时间|次|批|季|阶段|线|责任))[^。；，,;]{0,8}?牵头"
    r"|牵头单位[^。；，,;]{0,6}(?:第一位|第一个|首位|最前|排第一)"
)
# The same note going on to say the other listed units co-operate: 其余为配合单位, 其他单位配合.
REST_COOPERATE = re.compile(r"(?:其余|其他|其它|余下|后面)[^。；，,;]{0,6}?(?:配合|协办|协助)")
# A note that marked units lead: 标注★的为牵头单位, 带*号的单位牵头
MARK_LEADS = re.compile(r"([★☆*＊※▲△])[^。；，,;]{0,8}?牵头")
# A unit marked as the lead inside a units cell: 县发改局（牵头）
LEAD_MARK = re.compile(r"[（(]\s*(?:共同牵头|牵头|牵头单位|主责|主责单位)\s*[)）]$")
# Words of a units column's header that say its units co-operate: with no 牵头 column, the other units column leads.
COOPERATE = ("配合", "协办", "协助", "协同", "参与")


@dataclass(frozen=True)
class RoleWords:
    names: dict[str, str]  # whole header text -> role
    words: tuple[tuple[str, str], ...]  # (word, role) in the order they are tried


@cache
def role_words() -> RoleWords:
    data = tomllib.loads(ROLES_FILE.read_text("utf-8"))
    order = data["order"]["roles"]
    names: dict[str, str] = {}
    words: list[tuple[str, str]] = []
    for role in order:
        for name in data[role].get("names", []):
            names.setdefault(squash(name), role)
        words.extend((w, role) for w in data[role].get("words", []))
    return RoleWords(names, tuple(words))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def header_role(text: str) -> str | None:
    """The role a header cell names (序号 -> number, 配合单位 -> responsible, 完成时间 -> deadline), or None."""
    t, aside = _bare(text)
    if not t or len(t) > 12:
        return None
    if re.fullmatch(r"牵头|牵头单位|主责|主责单位", aside) and "领导" not in t:
        return "lead"  # 责任单位（牵头）
    rw = role_words()
    if t in rw.names:
        return rw.names[t]
    for word, role in rw.words:
        if word in t:
            return role
    return None


def _bare(text: str) -> tuple[str, str]:
    """A header's words without a closing aside, and the aside: 责任单位（排名第一的为牵头单位） -> 责任单位."""
    t = squash(text).strip("：:*")
    if m := re.search(r"[（(]([^（()）]*)[)）]$", t):
        if m.start():
            return t[: m.start()], m.group(1)
    return t, ""


# --- what a cell holds ---------------------------------------------------------------------------------------


def number_of(text: str) -> int | None:
    """The item number a cell prints (1 / 1. / （一） / 第3项), else None."""
    m = NUMBER.match(squash(text))
    if not m:
        return None
    try:
        n = cn_to_int(m.group(1))
    except ValueError:
        return None
    return n if n >= 1 else None


def is_unit(name: str) -> bool:
    """Whether a name reads as a body: 县发改局, 各乡镇人民政府, 县委组织部, 相关单位."""
    n = squash(name)
    if not 2 <= len(n) <= 30 or re.search(r"[。；;！？：:]", n):
        return False
    return bool(UNIT_END.search(n) or UNIT_GROUP.match(n))


def is_deadline(text: str) -> bool:
    """Whether a short cell reads as a deadline: 2025年6月底前, 6月底前, 持续推进, 长期, 每季度, 2025-06-30."""
    t = squash(text)
    if not t or len(t) > 40 or re.search(r"[。]", t):
        return False
    return bool(DEADLINE_DATE.search(t)) or t.startswith(DEADLINE_WORDS) or any(w in t for w in ("长期", "持续"))


def list_units(cell: str) -> tuple[str, ...]:
    """The units a cell lists, as `split_units` reads them, except that a list of groups is split too:
    `各镇、各社区` is two groups, while `县政府各部门、各单位` stays one unit."""
    out: list[str] = []
    for unit in split_units(cell):
        parts = unit.split("、") if unit.startswith("各") else [unit]
        out.extend(p for p in parts if p and p not in out)
    return tuple(out)


def units_cell(text: str) -> bool:
    """Whether every unit a cell lists reads as a body."""
    units = list_units(text)
    return bool(units) and all(is_unit(u) for u in units)


def cell_kind(text: str) -> str | None:
    """What one cell holds: number, units, deadline, text (longer prose) or None for an empty or short other cell."""
    t = text.strip()
    if not t:
        return None
    if number_of(t) is not None:
        return "number"
    if is_deadline(t) and not units_cell(t):
        return "deadline"
    if units_cell(t):
        return "units"
    if len(squash(t)) >= 8:
        return "text"
    return None


# --- header rows ---------------------------------------------------------------------------------------------


def header_roles(cells: Sequence[str]) -> list[str | None] | None:
    """The role of each column if this row is a header row, else None.

    A header row has short cells, at least two of them with known and different roles, one of them saying who
    or by when (lead, responsible, leader, deadline), and no cell that reads as a task's value (a number, a
    date, a long sentence).
    """
    filled = [c for c in cells if c.strip()]
    if len(filled) < 2 or any(len(_bare(c)[0]) > 12 for c in filled):
        return None
    if any(number_of(c) is not None or DEADLINE_DATE.search(_bare(c)[0]) for c in filled):
        return None
    roles = [header_role(c) if c.strip() else None for c in cells]
    known = {r for r in roles if r}
    if len(known) < 2 or not known & {"lead", "responsible", "leader", "deadline"}:
        return None
    if sum(1 for c, r in zip(cells, roles, strict=True) if c.strip() and r is None) > len(known):
        return None
    return roles


def merge_header_rows(upper: list[str | None], lower: list[str | None]) -> list[str | None]:
    """A two-row header (责任单位 over 牵头单位 | 配合单位): the lower row's role wins where it names one."""
    width = max(len(upper), len(lower))
    up = upper + [None] * (width - len(upper))
    low = lower + [None] * (width - len(lower))
    return [b or a for a, b in zip(up, low, strict=True)]


def infer_roles(rows: Sequence[Sequence[str]], known: Sequence[str | None] = ()) -> list[str | None]:
    """Roles of the columns a header left unknown, from what their cells hold.

    A column of numbers is the number column; a column of unit names is lead when it is the first such column and
    another follows, else responsible; a column of deadline expressions is the deadline; the column with the
    longest text is the content.
    """
    width = max((len(r) for r in rows), default=0)
    roles: list[str | None] = list(known) + [None] * (width - len(known))
    votes: list[str | None] = []
    lengths: list[float] = []
    for col in range(width):
        kinds = [cell_kind(r[col]) for r in rows if col < len(r) and r[col].strip()]
        texts = [squash(r[col]) for r in rows if col < len(r) and r[col].strip()]
        lengths.append(sum(map(len, texts)) / len(texts) if texts else 0.0)
        best = max(set(kinds), key=kinds.count) if kinds else None
        votes.append(best if best and kinds.count(best) >= max(1, 0.6 * len(kinds)) else None)
    taken = set(r for r in roles if r)
    if "number" not in taken:
        for col in range(width):
            if roles[col] is None and votes[col] == "number":
                roles[col] = "number"
                break
    if "deadline" not in taken:
        for col in range(width):
            if roles[col] is None and votes[col] == "deadline":
                roles[col] = "deadline"
                break
    unit_cols = [col for col in range(width) if roles[col] is None and votes[col] == "units"]
    resp_at = roles.index("responsible") if "responsible" in roles else None
    if unit_cols and "lead" not in roles and (len(unit_cols) > 1 or (resp_at is not None and unit_cols[0] < resp_at)):
        roles[unit_cols.pop(0)] = "lead"
    if unit_cols and "responsible" not in roles:
        roles[unit_cols.pop(0)] = "responsible"
    if "content" not in roles:
        free = [col for col in range(width) if roles[col] is None and votes[col] in ("text", None)]
        if free:
            roles[max(free, key=lambda c: lengths[c])] = "content"
    return roles


def grouping_roles(rows: Sequence[Sequence[str]], roles: Sequence[str | None]) -> list[str | None]:
    """Text columns that group rows rather than hold each row's own text become the section: of two content-like
    columns (重点任务 | 具体措施), the detail is the one that repeats least over consecutive rows (a merged cell is
    repeated on every row it spans), then the longer; a text column left of it that repeats more, is shorter (when
    its header names a task) or holds outline headings (一、…) groups the rows."""
    roles = list(roles)
    texty = [c for c, r in enumerate(roles) if r == "content" or (r is None and _mostly(rows, c, "text"))]
    if "content" not in roles or len(texty) < 2:
        return roles
    stats = {c: (_repeat_rate(rows, c), -_mean_chars(rows, c), -c) for c in texty}
    detail = min(texty, key=lambda c: stats[c])
    for col in texty:
        if col >= detail:
            continue
        repeats = stats[col][0] > stats[detail][0] and (roles[col] == "content" or stats[col][0] >= 0.2)
        shorter = roles[col] == "content" and stats[col][1] > stats[detail][1]
        if repeats or shorter or _headings(rows, col):
            roles[col] = "section"
    if roles[detail] is None:
        roles = [None if r == "content" else r for r in roles]
        roles[detail] = "content"
    return roles


def _column(rows: Sequence[Sequence[str]], col: int) -> list[str]:
    return [squash(r[col]) if col < len(r) else "" for r in rows]


def _mostly(rows: Sequence[Sequence[str]], col: int, kind: str) -> bool:
    kinds = [cell_kind(c) for c in _column(rows, col) if c]
    return bool(kinds) and kinds.count(kind) >= 0.6 * len(kinds)


def _repeat_rate(rows: Sequence[Sequence[str]], col: int) -> float:
    """Share of a column's filled cells that repeat the cell above: a merged grouping cell repeats, a detail not."""
    cells = _column(rows, col)
    filled = sum(1 for c in cells if c)
    same = sum(1 for a, b in zip(cells, cells[1:], strict=False) if b and a == b)
    return same / filled if filled else 0.0


def _mean_chars(rows: Sequence[Sequence[str]], col: int) -> float:
    cells = [c for c in _column(rows, col) if c]
    return sum(map(len, cells)) / len(cells) if cells else 0.0


def _headings(rows: Sequence[Sequence[str]], col: int) -> bool:
    """Whether a column's cells are outline headings (一、… / （一）…), which name sections, not tasks."""
    cells = [c for c in _column(rows, col) if c]
    return bool(cells) and sum(1 for c in cells if HEADING.match(c)) >= 0.8 * len(cells)


@dataclass(frozen=True)
class LeadNote:
    """What a notice's note says about which listed unit leads."""

    first: bool = False  # 排在第一位的为牵头单位
    mark: str | None = None  # 标★的为牵头单位
    rest_cooperate: bool = False  # …其余为配合单位: the first unit is not among the responsible ones then


def lead_note(lines: Sequence[str]) -> LeadNote:
    """The notice's note on which listed unit leads, if it has one."""
    first, rest, mark = False, False, None
    for line in lines:
        text = squash(line)
        if m := FIRST_LEADS.search(text):
            first = True
            rest = rest or bool(REST_COOPERATE.search(text, m.end()))
        if mark is None and (m := MARK_LEADS.search(text)):
            mark = m.group(1)
    return LeadNote(first=first, mark=mark, rest_cooperate=rest)


def lead_column(names: Sequence[str], roles: list[str | None]) -> list[str | None]:
    """With no 牵头 column, a 责任单位 column beside a 配合单位 column names the leads (and the other co-operates)."""
    if "lead" in roles:
        return roles
    units = [k for k, r in enumerate(roles) if r == "responsible" and k < len(names)]
    primary = [k for k in units if not any(w in names[k] for w in COOPERATE)]
    if len(units) >= 2 and len(primary) == 1:
        roles = list(roles)
        roles[primary[0]] = "lead"
    return roles


def settle_units(lead: Sequence[str], responsible: Sequence[str], note: LeadNote) -> tuple[tuple, tuple]:
    """Lead and responsible units as a reader takes them: 县发改局（牵头） in a units list leads, so does a unit with
    the mark the notice's note names (★县发改局). Where the note says the first listed unit leads and the row names
    no lead of its own, the first unit (and any marked one) leads and the whole list stays responsible, the lead
    included: the note picks the lead among the responsible units, it does not take it out of them."""
    lead, rest, marked, listed = list(lead), [], [], []
    for unit in responsible:
        if LEAD_MARK.search(unit):
            marked.append(LEAD_MARK.sub("", unit).strip())
            listed.append(marked[-1])
        elif note.mark and note.mark in unit:
            marked.append(unit.replace(note.mark, "").strip())
            listed.append(marked[-1])
        else:
            listed.append(unit)
            if unit not in lead and unit not in rest:
                rest.append(unit)
    if note.first and not lead and listed and is_unit(listed[0]):
        leads = tuple(dict.fromkeys([listed[0], *marked]))
        return leads, tuple(u for u in dict.fromkeys(listed) if not (note.rest_cooperate and u in leads))
    lead = [LEAD_MARK.sub("", u).replace(note.mark or "\0", "").strip() for u in [*lead, *marked]]
    return tuple(dict.fromkeys(lead)), tuple(rest)

"""Chinese numerals both ways, for labels such as （十七） and 第十七项."""

from __future__ import annotations

import cn2an


def cn_to_int(text: str) -> int:
    """`十七` -> 17, `17` -> 17; raises ValueError naming the text if it is no number."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    try:
        return int(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError) as exc:
        raise ValueError(f"not a number: {text!r}") from exc


def int_to_cn(number: int) -> str:
    """17 -> `十七` (the form notices print in labels such as （十七）)."""
    return cn2an.an2cn(number)

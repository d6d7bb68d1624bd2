"""The ways notices print their tasks, one module each, and the registry that runs them all.

Adding a layout: a class with a `name` and `parse(doc_id, lines) -> LayoutResult` (see `layout.Layout`) that builds
its tasks with `layout.make_task`, its header or label words in `index/data/layouts.toml`, a test on a made-up notice
in tests/index/test_layouts.py, and one `register(...)` line below."""

from __future__ import annotations

from index.layouts.labelled import LabelledBlocks
from index.layouts.layout import Layout, LayoutResult
from index.layouts.numbered_paragraphs import NumberedParagraphs
from index.layouts.tab_table import TabTable
from index.layouts.vertical_table import VerticalTable

REGISTRY: dict[str, Layout] = {}


def register(layout: Layout) -> Layout:
    if layout.name in REGISTRY:
        raise ValueError(f"a layout named {layout.name!r} is registered already")
    REGISTRY[layout.name] = layout
    return layout


def get(name: str) -> Layout:
    try:
        return REGISTRY[name]
    except KeyError:
        raise ValueError(f"no layout named {name!r}; known: {', '.join(REGISTRY)}") from None


for _layout in (TabTable(), VerticalTable(), LabelledBlocks(), NumberedParagraphs()):
    register(_layout)

__all__ = ["REGISTRY", "Layout", "LayoutResult", "get", "register"]

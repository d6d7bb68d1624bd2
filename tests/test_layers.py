"""The layers hold: every import of the product's .py files, parsed with ast, runs the right way.

index/      the write side (files -> records -> store): imports nothing from assistant/, eval/ or app.py
assistant/  the read side: may import index/, never eval/ or app.py
app.py      a thin shell: may import assistant/ and index/, never eval/
eval/       grades, reports, benchmarks: may import anything (nothing is checked)
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# layer of the importing file -> top-level packages it must not import
FORBIDDEN = {
    "index": {"assistant", "eval", "app"},
    "assistant": {"eval", "app"},
    "app": {"eval"},
}


def layer_of(path: Path, root: Path) -> str:
    rel = path.relative_to(root)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def product_files(root: Path) -> Iterator[Path]:
    yield from sorted((root / "index").rglob("*.py"))
    yield from sorted((root / "assistant").rglob("*.py"))
    if (root / "app.py").exists():
        yield root / "app.py"


def imported_modules(path: Path, root: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, inside functions too; relative imports resolved."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    package = list(path.relative_to(root).parts[:-1])  # the package a relative import starts from
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # from . import x / from ..y import z
                base = package[: len(package) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            yield node.lineno, name


def wrong_way_imports(root: Path) -> list[str]:
    """`file:line: layer imports module` for every import that points against the layers."""
    found = []
    for path in product_files(root):
        layer = layer_of(path, root)
        for line, module in imported_modules(path, root):
            top = module.split(".")[0]
            if top in FORBIDDEN.get(layer, set()):
                found.append(f"{path.relative_to(root)}:{line}: {layer} imports {module}")
    return found


def test_no_import_runs_against_the_layers() -> None:
    wrong = wrong_way_imports(REPO)
    assert not wrong, "imports against the layers (index <- assistant <- app; eval only on top):\n" + "\n".join(wrong)


def test_the_checker_finds_wrong_way_imports_in_a_made_up_tree(tmp_path: Path) -> None:
    files = {
        "index/__init__.py": "",
        "index/store.py": (
            "import json\nfrom index.records import Notice\n\n\ndef f():\n    from assistant.errors import X\n"
        ),
        "index/sub/deep.py": "from ...assistant import errors\n",
        "assistant/__init__.py": "",
        "assistant/batch.py": "from index.corpus import Corpus\nimport eval.runner\n",
        "assistant/ok.py": "from . import batch\nfrom .batch import x\n",
        "app.py": "from assistant.web.api import create_app\nfrom eval.report import evaluate\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    assert wrong_way_imports(tmp_path) == [
        "index/store.py:6: index imports assistant.errors",
        "index/sub/deep.py:1: index imports assistant",
        "assistant/batch.py:2: assistant imports eval.runner",
        "app.py:2: app imports eval.report",
    ]

"""The code stays small enough to find one's way in (the project's style rules): each engine
module and each browser module at most 400 lines, the MkDocs adapter at most 150, and the
engine free of MkDocs, so another generator can drive it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

LIMITS = [
    ("handbook/**/*.py", 400),
    ("site_overrides/assets/km/*.js", 400),
    ("site_overrides/assets/km/*.mjs", 400),
    ("hooks/*.py", 150),
]


def lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize(("pattern", "limit"), LIMITS, ids=[p for p, _ in LIMITS])
def test_every_module_is_small(pattern: str, limit: int) -> None:
    files = sorted(ROOT.glob(pattern))
    assert files, pattern
    too_long = {str(f.relative_to(ROOT)): lines(f) for f in files if lines(f) > limit}
    assert too_long == {}, f"split these (limit {limit} lines)"


def test_the_engine_imports_no_mkdocs() -> None:
    found = []
    for path in sorted((ROOT / "handbook").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            found += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in
                      ("mkdocs", "material", "zensical")]  # fmt: skip
    assert found == []

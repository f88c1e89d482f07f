"""Layers import downwards only, and streamlit stays in the UI layer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from journeymap import settings
from tests.conftest import ROOT

PACKAGE = ROOT / "journeymap"

# What each layer may import from journeymap (besides itself).
ALLOWED = {
    "model": set(),
    "analytics": {"model"},
    "store": {"model", "analytics", "settings"},
    "io": {"model", "analytics", "store", "settings", "charts"},
    "charts": {"model", "analytics"},
    "demo": {"model", "analytics", "store", "io", "settings"},
    # demo: loading the demo workspace is a change, made through a service.
    "services": {"model", "analytics", "store", "io", "settings", "charts", "demo"},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def layer_files() -> list[tuple[str, Path]]:
    return [
        (layer, path)
        for layer in ALLOWED
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        if (PACKAGE / layer).is_dir()
    ]


@pytest.mark.parametrize(
    ("layer", "path"),
    layer_files(),
    ids=lambda v: str(v.relative_to(ROOT)) if isinstance(v, Path) else v,
)
def test_layer_imports_only_downwards(layer: str, path: Path) -> None:
    for module in imported_modules(path):
        parts = module.split(".")
        if parts[0] != "journeymap" or len(parts) == 1:
            continue
        target = parts[1]
        assert target == layer or target in ALLOWED[layer], (
            f"{path.relative_to(ROOT)} imports {module}: the {layer} layer may only use "
            f"{sorted(ALLOWED[layer] | {layer})}"
        )


def test_streamlit_only_in_the_ui() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts[:1]
        and any(m.split(".")[0] == "streamlit" for m in imported_modules(path))
    ]
    assert offenders == []


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [s.name for s in settings.SETTINGS if s.name not in readme]
    assert missing == []

"""Every table in the app shows a missing value as a dash, never as the word None."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

UI = ROOT / "journeymap" / "ui"


def dataframe_calls(path: Path) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "dataframe"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "st"
    ]


def test_every_table_passes_the_dash_for_missing_values() -> None:
    calls = {path: dataframe_calls(path) for path in sorted(UI.rglob("*.py"))}
    assert sum(len(found) for found in calls.values()) > 20  # the scan sees the tables
    without = [
        f"{path.relative_to(ROOT)}:{call.lineno}"
        for path, found in calls.items()
        for call in found
        if not any(k.arg == "placeholder" for k in call.keywords)
    ]
    assert without == [], "st.dataframe without placeholder=MISSING"

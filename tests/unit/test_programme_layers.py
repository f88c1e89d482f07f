"""The programme's pages and commands reach the database through services only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "journeymap"
PAGES = [
    PACKAGE / "ui" / "widgets" / "shopping" / "visit_widgets.py",
    PACKAGE / "ui" / "widgets" / "shopping" / "visit_saving.py",
    PACKAGE / "ui" / "widgets" / "shopping" / "visit_timer.py",
    PACKAGE / "ui" / "pages" / "programme.py",
    PACKAGE / "ui" / "pages" / "review.py",
    PACKAGE / "ui" / "pages" / "visit_form.py",
]
COMMANDS = {PACKAGE / "cli" / "shopping.py": ("cmd_import_questionnaire", "cmd_import_visits")}
ALLOWED_STORE = {"journeymap.store.engine"}


def imports(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def store_imports(tree: ast.AST) -> set[str]:
    return {
        module
        for module in imports(tree)
        if module.startswith("journeymap.store")
        and not any(module.startswith(allowed) for allowed in ALLOWED_STORE)
    }


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_pages_use_services_not_the_store(path: Path) -> None:
    assert store_imports(ast.parse(path.read_text(encoding="utf-8"))) == set()


@pytest.mark.parametrize(
    ("path", "command"),
    [(path, command) for path, commands in COMMANDS.items() for command in commands],
)
def test_commands_use_services_not_the_store(path: Path, command: str) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    (function,) = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name == command
    ]
    assert store_imports(function) == set()

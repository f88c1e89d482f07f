"""The voice-of-the-customer pages and commands go through services; caches have no ttl."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.unit.test_architecture import imported_modules

PACKAGE = ROOT / "journeymap"
PAGES_AND_COMMANDS = [
    *(
        PACKAGE / "ui" / name
        for name in (
            "widgets/voc/import_report.py",
            "widgets/voc/survey_mapping.py",
            "widgets/voc/nps_sections.py",
            "loaders/voc.py",
            "loaders/health.py",
        )
    ),
    *(
        PACKAGE / "ui" / "pages" / name
        for name in (
            "survey_import.py",
            "nps.py",
            "verbatims.py",
            "callbacks.py",
            "period_report.py",
        )
    ),
    PACKAGE / "cli" / "voc.py",
    PACKAGE / "cli" / "voc_imports.py",
]
IMPORTERS = [
    *sorted((PACKAGE / "io" / "survey_import").glob("*.py")),
    PACKAGE / "io" / "metric_import.py",
    PACKAGE / "io" / "case_export.py",
]


def name(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", PAGES_AND_COMMANDS, ids=name)
def test_pages_and_commands_reach_the_store_through_services(path: Path) -> None:
    store = {
        m
        for m in imported_modules(path)
        if m == "journeymap.store" or m.startswith("journeymap.store.")
    }
    assert store <= {"journeymap.store.engine"}


@pytest.mark.parametrize("path", IMPORTERS, ids=name)
def test_importers_read_and_check_and_leave_writing_to_the_store(path: Path) -> None:
    assert not [m for m in imported_modules(path) if m.startswith("journeymap.store")]


def cache_ttls(path: Path) -> list[int]:
    """Lines of @st.cache_data / @st.cache_resource decorators given a ttl."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("cache_data", "cache_resource") and any(
                k.arg == "ttl" for k in node.keywords
            ):
                found.append(node.lineno)
    return found


@pytest.mark.parametrize("path", PAGES_AND_COMMANDS, ids=name)
def test_cached_views_are_keyed_on_the_data_not_on_a_time_limit(path: Path) -> None:
    assert cache_ttls(path) == []

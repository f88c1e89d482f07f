"""The AFINN word lists ship with journeymap: no afinn package is needed to score words.

Expected entries are read off the list files by eye: Danish *god* +3, the phrase
*ikke god* −2, English *good* +3, the emoticon ``:)`` +2.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from importlib.machinery import ModuleSpec
from pathlib import Path

import pytest

from journeymap.analytics.comments import lexicon

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_lists() -> Iterator[None]:
    lexicon.word_lists.cache_clear()
    lexicon.emoticons.cache_clear()
    yield
    lexicon.word_lists.cache_clear()
    lexicon.emoticons.cache_clear()


def test_word_lists_load_without_the_afinn_package(
    monkeypatch: pytest.MonkeyPatch, fresh_lists: None
) -> None:
    real_find_spec = importlib.util.find_spec

    def without_afinn(name: str, package: str | None = None) -> ModuleSpec | None:
        return None if name == "afinn" else real_find_spec(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", without_afinn)
    monkeypatch.setitem(sys.modules, "afinn", None)  # an import of it would fail
    danish = lexicon.word_lists("da")[1]
    assert danish.words["god"] == 3.0
    assert danish.phrases[("ikke", "god")] == -2.0
    assert lexicon.word_lists("en")[1].words["good"] == 3.0
    assert lexicon.emoticons()[":)"] == 2.0


def test_the_lists_ship_beside_the_module_with_their_licence() -> None:
    folder = lexicon.AFINN_FOLDER
    assert folder.is_relative_to(ROOT / "journeymap")
    for name in (*lexicon.AFINN_FILES.values(), lexicon.EMOTICON_FILE):
        assert (folder / name).is_file()
    assert "Open Database License" in (folder / "LICENSE-ODbL-1.0.md").read_text(encoding="utf-8")


def test_no_gpl_declared_package_among_the_requirements() -> None:
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    names = [line.split(">")[0].split("=")[0].split("~")[0].strip() for line in requirements]
    assert "afinn" not in names

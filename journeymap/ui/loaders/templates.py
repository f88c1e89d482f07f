"""The journey templates the New journey page offers, read from their files once per
language and read again only when a file in the folder changes (each rerun of the page,
a keystroke in its name field included, would otherwise parse every template)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from journeymap.i18n import Language, current_language, use_language
from journeymap.model import Journey
from journeymap.services.journey_templates import journey_templates


def templates_for_reader(folder: Path) -> dict[str, Journey]:
    """File name → the template in the reader's language."""
    files = sorted(p for p in Path(folder).rglob("*") if p.is_file()) if folder.is_dir() else []
    changes = tuple((str(path), path.stat().st_mtime_ns) for path in files)
    return _templates(str(folder), current_language(), changes)


@st.cache_data(show_spinner=False, max_entries=8)
def _templates(
    folder: str, language: Language, changes: tuple[tuple[str, int], ...]
) -> dict[str, Journey]:
    # `changes` is only part of the key: an edited template or translation is a new key.
    with use_language(language):
        return journey_templates(Path(folder))

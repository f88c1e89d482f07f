"""A grid whose starting rows stay put while it is being typed into.

st.data_editor keeps the edits as changes to the rows it was first given. Drawing it
afresh after every typed cell (a new key) drops a cell typed while the app was
answering the previous one. So the grid keeps its starting rows and key while only it
changes the draft, and starts afresh only when rows are added or deleted or something
else (the canvas, the panel, a discard) changed the draft.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from journeymap.ui.widgets.editor.drafts import Draft, update

GRIDS = "editor_grids"


@dataclass
class _Grid:
    base: pd.DataFrame
    data: dict[str, Any]  # the draft as this grid last left it
    generation: int


def stable_grid(
    draft: Draft, name: str, build: Callable[[dict[str, Any]], pd.DataFrame]
) -> tuple[pd.DataFrame, str]:
    """The grid's starting rows and its widget key."""
    grids: dict[tuple[str, str], _Grid] = st.session_state.setdefault(GRIDS, {})
    kept = grids.get((draft.journey_id, name))
    if kept is None or kept.data != draft.data:
        generation = kept.generation + 1 if kept else 0
        kept = _Grid(build(draft.data), draft.data, generation)
        grids[(draft.journey_id, name)] = kept
    return kept.base, draft.key(f"{name}-{kept.generation}")


def grid_edited(draft: Draft, name: str, edited: pd.DataFrame, data: dict[str, Any]) -> None:
    """Keep what the grid made of the draft; a row added or deleted redraws the grid."""
    grids: dict[tuple[str, str], _Grid] = st.session_state.setdefault(GRIDS, {})
    kept = grids[(draft.journey_id, name)]
    update(draft, data)
    if len(edited) != len(kept.base):
        kept.data = {}  # start afresh from the draft on the next run
    else:
        kept.data = data

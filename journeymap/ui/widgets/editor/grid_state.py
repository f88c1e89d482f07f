"""A grid whose starting rows stay put while it is being typed into.

st.data_editor keeps the edits as changes to the rows it was first given. Drawing it
afresh after every typed cell (a new key) drops a cell typed while the app was
answering the previous one. So the grid keeps its starting rows and key while only it
changes the draft, and starts afresh only when rows are added or deleted or something
else (the canvas, the panel, a discard) changed the draft. A grid that was not drawn
in the last run (another view was shown) has lost its changes, so it starts afresh too:
drawn from its old starting rows it would show, and write back, values it had replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from journeymap.analytics.journey_edit import JourneyData
from journeymap.ui.shell import state
from journeymap.ui.widgets.editor.drafts import Draft, update

GRIDS = "editor_grids"

Build = Callable[[JourneyData], pd.DataFrame]
# The draft with the grid's rows, and notes on what went with them (a deleted row's
# transitions); notes are shown once above the editor.
Apply = Callable[[JourneyData, pd.DataFrame], tuple[JourneyData, list[str]]]


@dataclass(frozen=True)
class _Shown:
    """What of a draft a grid shows: its rows, and the stages and touchpoints its choices
    are made of. A change elsewhere (the other grid of the view) does not redraw it, so
    a cell being typed in it is not swept away by the other grid's rerun."""

    rows: pd.DataFrame
    context: tuple[Any, Any]

    @classmethod
    def of(cls, data: dict[str, Any], build: Callable[[dict[str, Any]], pd.DataFrame]) -> _Shown:
        return cls(build(data), (data.get("stages"), data.get("touchpoints")))

    def same(self, other: _Shown | None) -> bool:
        return other is not None and self.context == other.context and self.rows.equals(other.rows)


@dataclass
class _Grid:
    base: pd.DataFrame
    built_from: _Shown  # the draft the starting rows were made from
    left: _Shown | None  # the draft as this grid last left it (None: start afresh)
    generation: int

    def key(self, draft: Draft, name: str) -> str:
        return draft.key(f"{name}-{self.generation}")


def _stable_grid(draft: Draft, name: str, build: Build) -> tuple[pd.DataFrame, str]:
    """The grid's starting rows and its widget key."""
    grids: dict[tuple[str, str], _Grid] = st.session_state.setdefault(GRIDS, {})
    kept = grids.get((draft.journey_id, name))
    now = _Shown.of(draft.data, build)
    if (
        kept is None
        or not now.same(kept.left)
        or (kept.key(draft, name) not in st.session_state and not now.same(kept.built_from))
    ):
        generation = kept.generation + 1 if kept else 0
        kept = _Grid(now.rows, now, now, generation)
        grids[(draft.journey_id, name)] = kept
    return kept.base, kept.key(draft, name)


def _grid_edited(
    draft: Draft,
    name: str,
    edited: pd.DataFrame,
    data: JourneyData,
    build: Build,
) -> None:
    """Keep what the grid made of the draft; a row added or deleted redraws the grid."""
    grids: dict[tuple[str, str], _Grid] = st.session_state.setdefault(GRIDS, {})
    kept = grids[(draft.journey_id, name)]
    update(draft, data)
    # A row added or deleted starts afresh from the draft on the next run.
    kept.left = _Shown.of(data, build) if len(edited) == len(kept.base) else None


def without_notes(apply: Callable[[JourneyData, pd.DataFrame], JourneyData]) -> Apply:
    return lambda data, grid: (apply(data, grid), [])


def draft_grid(
    draft: Draft, name: str, build: Build, apply: Apply, column_config: dict[str, Any]
) -> None:
    """A table view of one part of the draft: rows can be typed in, added and deleted, and
    every change goes into the draft at once."""
    grid, key = _stable_grid(draft, name, build)
    edited = st.data_editor(
        grid,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config=column_config,
    )
    if edited.equals(grid):
        return
    data, notes = apply(draft.data, edited)
    if data == draft.data:
        return
    _grid_edited(draft, name, edited, data, build)
    if notes:
        st.session_state[state.EDIT_NOTES] = notes
    st.rerun()

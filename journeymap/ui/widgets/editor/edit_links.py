"""The editor's transitions (from, to, share, kind) and entries (where customers start)."""

from __future__ import annotations

import streamlit as st

from journeymap.analytics.journey_edit import add_transition
from journeymap.analytics.journey_grids import (
    apply_entry_grid,
    apply_metric_grid,
    apply_transition_grid,
    entry_grid,
    metric_grid,
    transition_grid,
)
from journeymap.analytics.problem_places import problems_at
from journeymap.model import TRANSITION_KINDS, Problem
from journeymap.ui.shell import state
from journeymap.ui.widgets.editor.drafts import Draft, update
from journeymap.ui.widgets.editor.edit_journey import show_problems
from journeymap.ui.widgets.editor.grid_state import grid_edited, stable_grid

KIND_HELP = (
    "normal: customers go on; recovery: service recovery or a call-back; leave: customers "
    "lost to the journey (e.g. to a competitor)."
)


def _names(draft: Draft) -> dict[str, str]:
    return {
        str(tp["id"]): str(tp.get("name") or tp["id"])
        for tp in draft.data["touchpoints"]
        if tp.get("id")
    }


def transitions_section(draft: Draft, problems: list[Problem]) -> None:
    names = _names(draft)
    _add_form(draft, names)
    show_problems(problems_at(problems, "transitions"), draft.data)
    st.caption(
        "Share: the fraction (0–1) of the customers at 'From' who take this transition. "
        "Left empty, what the others leave is split evenly; what no transition takes is "
        "drop-off. A transition back to an earlier touchpoint makes a loop."
    )
    grid, key = stable_grid(draft, "transition-grid", transition_grid)
    edited = st.data_editor(
        grid,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "from": st.column_config.SelectboxColumn(
                "From", options=list(names), format_func=lambda t: names.get(t, t), width="large"
            ),
            "to": st.column_config.SelectboxColumn(
                "To", options=list(names), format_func=lambda t: names.get(t, t), width="large"
            ),
            "share": st.column_config.NumberColumn(
                "Share", min_value=0.0, max_value=1.0, step=0.01, format="%.2f"
            ),
            "kind": st.column_config.SelectboxColumn(
                "Kind", options=list(TRANSITION_KINDS), help=KIND_HELP
            ),
            "label": st.column_config.TextColumn("Label"),
        },
    )
    if not edited.equals(grid):
        data = apply_transition_grid(draft.data, edited)
        if data != draft.data:
            grid_edited(draft, "transition-grid", edited, data, transition_grid)
            st.rerun()


def _add_form(draft: Draft, names: dict[str, str]) -> None:
    with st.form(draft.key("add-transition"), clear_on_submit=True, border=True):
        st.markdown("**Add a transition**")
        from_col, to_col, share_col, kind_col, button_col = st.columns(
            [3, 3, 1.3, 1.5, 1.2], vertical_alignment="bottom"
        )
        source = from_col.selectbox("From", list(names), format_func=names.get, index=None)
        target = to_col.selectbox("To", list(names), format_func=names.get, index=None)
        share = share_col.number_input(
            "Share (0–1)", min_value=0.0, max_value=1.0, value=None, step=0.05
        )
        kind = kind_col.selectbox("Kind", list(TRANSITION_KINDS), help=KIND_HELP)
        submitted = button_col.form_submit_button("Add", type="primary", width="stretch")
    if submitted:
        if source is None or target is None:
            st.warning("Choose where the transition comes from and where it goes to.")
            return
        update(draft, add_transition(draft.data, source, target, share, kind), redraw=True)
        st.session_state[state.EDIT_NOTES] = [
            f"Added the transition {names[source]} → {names[target]}."
        ]
        st.rerun()


def entries_section(draft: Draft, problems: list[Problem]) -> None:
    names = _names(draft)
    show_problems(problems_at(problems, "entries"), draft.data)
    st.caption("Where customers start the journey, and how many a month.")
    grid, key = stable_grid(draft, "entry-grid", entry_grid)
    edited = st.data_editor(
        grid,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "touchpoint": st.column_config.SelectboxColumn(
                "Touchpoint", options=list(names), format_func=lambda t: names.get(t, t)
            ),
            "customers_per_month": st.column_config.NumberColumn(
                "Customers per month", min_value=0, step=1, format="localized"
            ),
        },
    )
    if not edited.equals(grid):
        data = apply_entry_grid(draft.data, edited)
        if data != draft.data:
            grid_edited(draft, "entry-grid", edited, data, entry_grid)
            st.rerun()


def metrics_section(draft: Draft, problems: list[Problem]) -> None:
    """The operational metrics measured for this journey, with unit, direction, target."""
    show_problems(problems_at(problems, "metrics"), draft.data)
    st.caption(
        "What the operation measures (waiting time, handle time, abandonment …). Metric "
        "files are imported against these ids; the Sand ranking reads them against target."
    )
    grid, key = stable_grid(draft, "metric-grid", metric_grid)
    edited = st.data_editor(
        grid,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "id": st.column_config.TextColumn("Id", help="e.g. wait_minutes", required=True),
            "name": st.column_config.TextColumn("Name", required=True),
            "unit": st.column_config.TextColumn("Unit", help="min, %, days …"),
            "direction": st.column_config.SelectboxColumn(
                "Better when", options=["lower", "higher"], default="lower"
            ),
            "target": st.column_config.NumberColumn("Target"),
        },
    )
    if not edited.equals(grid):
        data = apply_metric_grid(draft.data, edited)
        if data != draft.data:
            grid_edited(draft, "metric-grid", edited, data, metric_grid)
            st.rerun()

"""The editor's touchpoints: a quick 'add' form, the grid, and a form for the long fields."""

from __future__ import annotations

from typing import Any

import streamlit as st

from journeymap.analytics.journey_edit import add_touchpoint, lines_to_list, update_touchpoint
from journeymap.analytics.journey_grids import apply_touchpoint_grid, touchpoint_grid
from journeymap.analytics.problem_places import problems_at
from journeymap.model import KNOWN_CHANNELS, Problem
from journeymap.ui.shell import state
from journeymap.ui.widgets.editor.drafts import Draft, update
from journeymap.ui.widgets.editor.edit_journey import show_problems, targets_inputs


def _choices(draft: Draft) -> tuple[dict[str, str], list[str], list[str]]:
    """Stage id → name, channels and owners to pick from (known ones and those in use)."""
    data = draft.data
    stages = {str(s["id"]): str(s["name"] or s["id"]) for s in data["stages"]}
    used = [str(tp.get("channel") or "") for tp in data["touchpoints"]]
    channels = list(dict.fromkeys([*KNOWN_CHANNELS, *(c for c in used if c)]))
    owners = sorted({str(tp.get("owner") or "") for tp in data["touchpoints"]} - {""})
    return stages, channels, owners


def touchpoints_section(draft: Draft, problems: list[Problem]) -> None:
    stages, channels, owners = _choices(draft)
    _add_form(draft, stages, channels, owners)
    show_problems(problems_at(problems, "touchpoints"))
    st.caption(
        "Edit names, stages, channels and owners in the grid; add a row at the bottom or "
        "delete rows (their transitions go with them). Feels: −2 (very negative) … +2."
    )
    grid = touchpoint_grid(draft.data)
    edited = st.data_editor(
        grid,
        key=draft.key("touchpoint-grid"),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "id": st.column_config.TextColumn("Id", help="Lowercase letters, digits, - or _"),
            "name": st.column_config.TextColumn("Name", width="large", required=True),
            "stage": st.column_config.SelectboxColumn(
                "Stage", options=list(stages), format_func=lambda s: stages.get(s, s)
            ),
            "channel": st.column_config.SelectboxColumn("Channel", options=channels),
            "owner": st.column_config.SelectboxColumn(
                "Owner",
                options=[*owners, ""],
                help="Departments in use; a new one is typed in the form above or below.",
            ),
            "feels": st.column_config.NumberColumn("Feels", min_value=-2, max_value=2, step=1),
            "moment_of_truth": st.column_config.CheckboxColumn("Moment of truth"),
            "end": st.column_config.CheckboxColumn("May end here"),
        },
    )
    if not edited.equals(grid):
        data, notes = apply_touchpoint_grid(draft.data, edited)
        if data != draft.data:
            update(draft, data, redraw=True)
            st.session_state[state.EDIT_NOTES] = notes
            st.rerun()
    _detail_form(draft, problems, owners)


def _add_form(draft: Draft, stages: dict[str, str], channels: list[str], owners: list[str]) -> None:
    with st.form(draft.key("add-touchpoint"), clear_on_submit=True, border=True):
        st.markdown("**Add a touchpoint**")
        name_col, stage_col, channel_col, owner_col, button_col = st.columns(
            [3, 2, 2, 2, 1.4], vertical_alignment="bottom"
        )
        name = name_col.text_input("Touchpoint name", placeholder="e.g. Calls customer service")
        stage = stage_col.selectbox(
            "Stage", list(stages), format_func=lambda s: stages.get(s, s), key=None
        )
        channel = channel_col.selectbox("Channel", channels, accept_new_options=True)
        owner = owner_col.selectbox(
            "Owner", owners, index=None, accept_new_options=True, placeholder="Type or pick"
        )
        submitted = button_col.form_submit_button("Add", type="primary", width="stretch")
    if submitted:
        if not name.strip() or not stage:
            st.warning("Give the touchpoint a name and a stage (add a stage first if none).")
            return
        data, tp_id = add_touchpoint(draft.data, name, stage, channel or "web", owner or "")
        update(draft, data, redraw=True)
        st.session_state[state.EDIT_TOUCHPOINT] = tp_id
        st.session_state[state.EDIT_NOTES] = [
            f"Added '{name.strip()}'. Connect it with a transition under Transitions, or "
            "mark it 'May end here'."
        ]
        st.rerun()


def _detail_form(draft: Draft, problems: list[Problem], owners: list[str]) -> None:
    touchpoints = {str(tp["id"]): tp for tp in draft.data["touchpoints"] if tp.get("id")}
    if not touchpoints:
        return
    st.subheader("Touchpoint details")
    ids = list(touchpoints)
    if st.session_state.get(state.EDIT_TOUCHPOINT) not in ids:
        st.session_state[state.EDIT_TOUCHPOINT] = ids[0]
    tp_id = st.selectbox(
        "Touchpoint",
        ids,
        format_func=lambda t: str(touchpoints[t].get("name") or t),
        key=state.EDIT_TOUCHPOINT,
    )
    tp = touchpoints[tp_id]
    show_problems(problems_at(problems, "touchpoints", tp_id))
    with st.form(draft.key(f"detail-{tp_id}"), border=True):
        changes = _detail_fields(draft, tp_id, tp, owners)
        st.markdown("**Targets** (empty: the journey's)")
        changes["targets"] = targets_inputs(draft, tp.get("targets") or {}, f"tp-{tp_id}")
        applied = st.form_submit_button("Apply to the draft", type="primary")
    if applied:
        update(draft, update_touchpoint(draft.data, tp_id, changes), redraw=True)
        st.rerun()


def _detail_fields(
    draft: Draft, tp_id: str, tp: dict[str, Any], owners: list[str]
) -> dict[str, Any]:
    def key(name: str) -> str:
        return draft.key(f"tp-{tp_id}-{name}")

    left, right = st.columns(2, gap="large")
    changes: dict[str, Any] = {}
    with left:
        current = str(tp.get("owner") or "")
        choices = [o for o in dict.fromkeys([*owners, current]) if o]
        changes["owner"] = (
            st.selectbox(
                "Owner (department)",
                choices,
                index=choices.index(current) if current in choices else None,
                accept_new_options=True,
                key=key("owner"),
            )
            or ""
        )
        changes["promise"] = st.text_area(
            "Customer promise", value=tp.get("promise", ""), key=key("promise")
        )
        changes["description"] = st.text_area(
            "Description", value=tp.get("description", ""), key=key("description")
        )
        changes["does"] = st.text_area("Does", value=tp.get("does", ""), key=key("does"))
        changes["thinks"] = st.text_area("Thinks", value=tp.get("thinks", ""), key=key("thinks"))
    with right:
        changes["pain_points"] = lines_to_list(
            st.text_area(
                "Pain points (one per line)",
                value="\n".join(tp.get("pain_points") or []),
                key=key("pains"),
            )
        )
        changes["opportunities"] = lines_to_list(
            st.text_area(
                "Opportunities (one per line)",
                value="\n".join(tp.get("opportunities") or []),
                key=key("opportunities"),
            )
        )
        changes["backstage"] = st.text_area(
            "Backstage", value=tp.get("backstage", ""), key=key("backstage")
        )
    return changes

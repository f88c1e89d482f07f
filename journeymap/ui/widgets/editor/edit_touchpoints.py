"""The editor's touchpoint table: a quick 'add' form and the grid for bulk edits.

The long fields (promise, does, thinks, pain points …) are edited in the canvas panel.
"""

from __future__ import annotations

import streamlit as st

from journeymap.analytics.journey_edit import add_touchpoint
from journeymap.analytics.journey_grids import apply_touchpoint_grid, touchpoint_grid
from journeymap.analytics.problem_places import problems_at
from journeymap.charts.channels import channel_name
from journeymap.i18n import _
from journeymap.model import KNOWN_CHANNELS, Problem
from journeymap.ui.shell import state
from journeymap.ui.widgets.editor.drafts import Draft, update
from journeymap.ui.widgets.editor.edit_journey import show_problems
from journeymap.ui.widgets.editor.grid_state import draft_grid

FEELS_OPTIONS = [-2, -1, 0, 1, 2]


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
    show_problems(problems_at(problems, "touchpoints"), draft.data)
    st.caption(
        _(
            "Edit names, stages, channels and owners in the grid; add a row at the bottom or "
            "delete rows (their transitions go with them). Feels: −2 (very negative) … +2."
        )
    )
    draft_grid(
        draft,
        "touchpoint-grid",
        touchpoint_grid,
        apply_touchpoint_grid,
        {
            "id": st.column_config.TextColumn(_("Id"), help=_("Lowercase letters, digits, - or _")),
            "name": st.column_config.TextColumn(_("Name"), width="large", required=True),
            "stage": st.column_config.SelectboxColumn(
                _("Stage"), options=list(stages), format_func=lambda s: stages.get(s, s)
            ),
            "channel": st.column_config.SelectboxColumn(
                _("Channel"), options=channels, format_func=channel_name
            ),
            "owner": st.column_config.SelectboxColumn(
                _("Owner"),
                options=[*owners, ""],
                help=_("Departments in use; a new one is typed in the form above or below."),
            ),
            # A choice, not a number cell: the number editor drops a leading minus
            # typed as the first key ("-1" became 1).
            "feels": st.column_config.SelectboxColumn(
                _("Feels"), options=FEELS_OPTIONS, format_func=lambda v: f"{v:+d}" if v else "0"
            ),
            "moment_of_truth": st.column_config.CheckboxColumn(_("Moment of truth")),
            "end": st.column_config.CheckboxColumn(_("May end here")),
        },
    )


def _add_form(draft: Draft, stages: dict[str, str], channels: list[str], owners: list[str]) -> None:
    with st.form(draft.key("add-touchpoint"), clear_on_submit=True, border=True):
        st.markdown(_("**Add a touchpoint**"))
        name_col, stage_col, channel_col, owner_col, button_col = st.columns(
            [3, 2, 2, 2, 1.4], vertical_alignment="bottom"
        )
        name = name_col.text_input(
            _("Touchpoint name"), placeholder=_("e.g. Calls customer service")
        )
        stage = stage_col.selectbox(
            _("Stage"), list(stages), format_func=lambda s: stages.get(s, s), key=None
        )
        channel = channel_col.selectbox(
            _("Channel"), channels, format_func=channel_name, accept_new_options=True
        )
        owner = owner_col.selectbox(
            _("Owner"), owners, index=None, accept_new_options=True, placeholder=_("Type or pick")
        )
        submitted = button_col.form_submit_button(_("Add"), type="primary", width="stretch")
    if submitted:
        if not name.strip() or not stage:
            st.warning(_("Give the touchpoint a name and a stage (add a stage first if none)."))
            return
        data, tp_id = add_touchpoint(draft.data, name, stage, channel or "web", owner or "")
        update(draft, data, redraw=True)
        st.session_state[state.EDIT_TOUCHPOINT] = tp_id
        st.session_state[state.EDIT_NOTES] = [
            _(
                "Added '{name}'. Connect it on the canvas, or with a transition in "
                "the transitions table."
            ).format(name=name.strip())
        ]
        st.rerun()

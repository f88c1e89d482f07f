"""Improvement actions: the outer loop, from sand, walk notes and root causes to done.

The steering group's board, the value/effort matrix, the yearly goal, and for each done
action whether the evidence at its touchpoints moved.
"""

from __future__ import annotations

import streamlit as st

from journeymap.i18n import N_, _
from journeymap.services.actions import list_actions
from journeymap.services.sand import evidence_filter
from journeymap.services.workspace import stored_journey
from journeymap.ui.loaders.actions import load_effects
from journeymap.ui.loaders.sand import load_sand_report
from journeymap.ui.shell.auth import require_page
from journeymap.ui.shell.current import current_journey_id
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.shell.navigation import ACTIONS_PAGE
from journeymap.ui.widgets.actions.action_board import drag_board
from journeymap.ui.widgets.actions.action_forms import edit_action, new_action
from journeymap.ui.widgets.actions.action_views import (
    board_view,
    effects_view,
    goal,
    journey_names,
    matrix_view,
    trace_view,
)
from journeymap.ui.widgets.text import plain

TITLE = N_("Improvement actions")
TABS = (N_("Board"), N_("Value/effort matrix"), N_("Did it work?"), N_("Sand → actions"))


def render() -> None:
    viewer = require_page(ACTIONS_PAGE)
    journey_id = current_journey_id()
    stored = stored_journey(get_engine(), journey_id)
    if stored is None:
        st.warning(_("This journey was deleted meanwhile: choose another one in the sidebar."))
        return
    journey = stored.journey
    st.title(_(TITLE))
    st.caption(
        _(
            "Closing the outer loop: recurring causes become actions that are prioritised, "
            "done and followed up."
        )
    )
    actions = list_actions(get_engine(), journey.id)
    sand = load_sand_report(viewer, journey.id, evidence_filter())
    names = journey_names(journey)
    effects = load_effects(journey.id)
    # The board first, the forms folded away under it: the steering group looks at the
    # board and moves cards; a form is opened when an action is added or reworded.
    board_tab, matrix_tab, effect_tab, trace_tab = st.tabs([_(tab) for tab in TABS])
    with board_tab:
        if actions:
            drag_board(viewer, actions, names)
            with st.expander(_("The board with every detail")):
                board_view(actions, names)
        else:
            st.caption(_("No actions yet: add the first one below."))
    with matrix_tab:
        matrix_view(actions, names)
    with effect_tab:
        effects_view(actions, effects)
    with trace_tab:
        st.caption(_("Each sand item of the last half year, its actions and whether they worked."))
        trace_view(sand, actions, effects)
    with st.expander(_("New action"), expanded=False):
        st.caption(plain(_("Saved as {name}.").format(name=viewer.name)))
        new_action(viewer, journey, sand)
    with st.expander(_("Edit an action"), expanded=False):
        edit_action(viewer, journey, actions)
    goal(actions)


if __name__ == "__main__":
    render()

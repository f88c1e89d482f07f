"""The Programme page's "Plan a wave" tab: the plan is shown first, then saved as shown."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from journeymap.model.access import Viewer
from journeymap.services.access import NotAllowed
from journeymap.services.programme import Programme
from journeymap.services.waves import (
    WavePlan,
    WaveRequest,
    default_locations,
    plan_wave,
    save_wave,
)
from journeymap.ui.shell import state
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.widgets.text import plain, sentence

MAX_PER_LOCATION = 20


def wave_tab(viewer: Viewer, held: Programme) -> None:
    if not held.questionnaires or not held.locations or not held.shoppers:
        st.info(
            "A wave needs a questionnaire, active locations and active shoppers: add them "
            "under Shoppers, Locations and Questionnaires."
        )
        return
    st.caption(
        "N visits at each location, each by a different shopper, spread evenly over the "
        "active shoppers (one from the location's region first) and over the window's days. "
        "You see the plan before anything is stored."
    )
    questionnaires = {q.id: q for q in held.questionnaires}
    # Outside the form: the locations offered first follow the questionnaire's journey.
    questionnaire = st.selectbox(
        "Questionnaire",
        list(questionnaires),
        format_func=lambda q: questionnaires[q].name,
        key=state.WAVE_QUESTIONNAIRE,
    )
    names = held.locations
    proposed = [i for i in default_locations(viewer, get_engine(), questionnaire) if i in names]
    with st.form("plan-wave"):
        left, right = st.columns([3, 1])
        window = left.date_input(
            "Window",
            (date.today(), date.today() + timedelta(days=27)),
            key=state.WAVE_WINDOW,
        )
        per_location = right.number_input(
            "Visits per location",
            min_value=1,
            max_value=MAX_PER_LOCATION,
            value=2,
            key=state.WAVE_PER_LOCATION,
        )
        chosen = st.multiselect(
            "Locations",
            list(names),
            default=proposed,
            format_func=lambda i: names[i] + (" (competitor)" if held.competitors.get(i) else ""),
            placeholder="The proposed locations",
            help="Proposed: every active own location but other journeys' branches. Add a "
            "competitor by name.",
            key=f"{state.WAVE_LOCATIONS}-{questionnaire}",
        )
        name = st.text_input(
            "Wave name",
            placeholder="Default: the questionnaire and the window, e.g. bank-tablet "
            "2026-11-01 to 2026-11-28",
            key=state.WAVE_NAME,
        )
        scenario = st.text_area(
            "Scenario", placeholder="What the shoppers ask for and say", key=state.WAVE_SCENARIO
        )
        previewed = st.form_submit_button("Preview the plan", icon=":material/preview:")
    if previewed:
        _preview(viewer, questionnaire, window, int(per_location), chosen, name, scenario)
    plan: WavePlan | None = st.session_state.get(state.WAVE_PLAN)
    if plan is not None:
        _show(viewer, plan)


def _preview(
    viewer: Viewer,
    questionnaire: str,
    window: object,
    per_location: int,
    chosen: list[str],
    name: str,
    scenario: str,
) -> None:
    st.session_state.pop(state.WAVE_PLAN, None)
    days = list(window) if isinstance(window, tuple | list) else [window] if window else []
    if not days:
        st.error("Choose the window's first and last day.")
        return
    request = WaveRequest(
        questionnaire_id=questionnaire,
        start=days[0],
        end=days[-1],
        per_location=per_location,
        locations=tuple(chosen),
        name=name,
        scenario=scenario,
    )
    try:
        st.session_state[state.WAVE_PLAN] = plan_wave(viewer, get_engine(), request)
    except (NotAllowed, ValueError, LookupError) as error:
        st.error(plain(sentence(str(error))))


def _show(viewer: Viewer, plan: WavePlan) -> None:
    loads = sorted(set(plan.loads.values()))
    spread = f"{loads[0]}" if len(loads) == 1 else f"{loads[0]} to {loads[-1]}"
    st.subheader(plain(f"Plan: {plan.name}"))
    st.caption(
        plain(
            f"{len(plan.visits)} visits of {plan.questionnaire_id} version "
            f"{plan.questionnaire_version} at {len(plan.location_names)} location(s), "
            f"{plan.start:%d %b} – {plan.end:%d %b %Y}; {spread} visit(s) per shopper; no "
            "shopper visits a location twice. Nothing is stored yet."
        )
    )
    st.dataframe(
        pd.DataFrame(
            {
                "Day": [v.planned_on for v in plan.visits],
                "Location": [plan.location_names[v.location] for v in plan.visits],
                "Shopper": [plan.shopper_names[v.shopper] for v in plan.visits],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={"Day": st.column_config.DateColumn(format="ddd D MMM YYYY")},
    )
    save, discard = st.columns(2)
    if save.button(
        f"Save the wave ({len(plan.visits)} visits)",
        type="primary",
        icon=":material/event_available:",
        width="stretch",
    ):
        try:
            ids = save_wave(viewer, get_engine(), plan)
        except (NotAllowed, ValueError, LookupError) as error:
            st.error(plain(sentence(str(error))))
            return
        st.session_state.pop(state.WAVE_PLAN, None)
        st.session_state[state.FLASH_MESSAGE] = (
            f"Saved wave {plan.name}: {len(ids)} visits assigned."
        )
        st.rerun()
    if discard.button("Discard the plan", width="stretch"):
        st.session_state.pop(state.WAVE_PLAN, None)
        st.rerun()

"""The Programme page's "Plan a wave" tab: the plan is shown first, then saved as shown."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from journeymap.i18n import _, ngettext
from journeymap.i18n import formatting as fmt
from journeymap.model.access import Viewer
from journeymap.services import workspace_time
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
from journeymap.ui.widgets.shopping.formats import weekday
from journeymap.ui.widgets.shopping.formats import window as window_text
from journeymap.ui.widgets.tables import MISSING
from journeymap.ui.widgets.text import plain, sentence

MAX_PER_LOCATION = 20


def wave_tab(viewer: Viewer, held: Programme) -> None:
    if not held.questionnaires or not held.locations or not held.shoppers:
        st.info(
            _(
                "A wave needs a questionnaire, active locations and active shoppers: add them "
                "under Shoppers, Locations and Questionnaires."
            )
        )
        return
    st.caption(
        _(
            "N visits at each location, each by a different shopper, spread evenly over the "
            "active shoppers (one from the location's region first) and over the window's "
            "days. You see the plan before anything is stored."
        )
    )
    questionnaires = {q.id: q for q in held.questionnaires}
    # Outside the form: the locations offered first follow the questionnaire's journey.
    questionnaire = st.selectbox(
        _("Questionnaire"),
        list(questionnaires),
        format_func=lambda q: questionnaires[q].name,
        key=state.WAVE_QUESTIONNAIRE,
    )
    names = held.locations
    proposed = [i for i in default_locations(viewer, get_engine(), questionnaire) if i in names]
    with st.form("plan-wave"):
        left, right = st.columns([3, 1])
        window = left.date_input(
            _("Window"),
            (workspace_time.today(), workspace_time.today() + timedelta(days=27)),
            key=state.WAVE_WINDOW,
        )
        per_location = right.number_input(
            _("Visits per location"),
            min_value=1,
            max_value=MAX_PER_LOCATION,
            value=2,
            key=state.WAVE_PER_LOCATION,
        )
        competitor = _("{location} (competitor)")
        chosen = st.multiselect(
            _("Locations"),
            list(names),
            default=proposed,
            format_func=lambda i: (
                competitor.format(location=names[i]) if held.competitors.get(i) else names[i]
            ),
            placeholder=_("The proposed locations"),
            help=_(
                "Proposed: every active own location but other journeys' branches. Add a "
                "competitor by name."
            ),
            key=f"{state.WAVE_LOCATIONS}-{questionnaire}",
        )
        name = st.text_input(
            _("Wave name"),
            placeholder=_(
                "Default: the questionnaire and the window, e.g. bank-tablet 2026-11-01 to "
                "2026-11-28"
            ),
            key=state.WAVE_NAME,
        )
        scenario = st.text_area(
            _("Scenario"),
            placeholder=_("What the shoppers ask for and say"),
            key=state.WAVE_SCENARIO,
        )
        previewed = st.form_submit_button(_("Preview the plan"), icon=":material/preview:")
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
        st.error(_("Choose the window's first and last day."))
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
    most = loads[-1]
    spread = (
        ngettext("{count} visit per shopper", "{count} visits per shopper", most).format(
            count=fmt.number(most)
        )
        if len(loads) == 1
        else _("{fewest} to {most} visits per shopper").format(
            fewest=fmt.number(loads[0]), most=fmt.number(most)
        )
    )
    st.subheader(plain(_("Plan: {name}").format(name=plan.name)))
    places = len(plan.location_names)
    st.caption(
        plain(
            ngettext(
                "{visits} visits of {questionnaire} version {version} at {count} location, "
                "{window}; {spread}; no shopper visits a location twice. Nothing is stored yet.",
                "{visits} visits of {questionnaire} version {version} at {count} locations, "
                "{window}; {spread}; no shopper visits a location twice. Nothing is stored yet.",
                places,
            ).format(
                visits=fmt.number(len(plan.visits)),
                questionnaire=plan.questionnaire_id,
                version=plan.questionnaire_version,
                count=fmt.number(places),
                window=window_text(plan.start, plan.end),
                spread=spread,
            )
        )
    )
    st.dataframe(
        pd.DataFrame(
            {
                "Day": [weekday(v.planned_on) for v in plan.visits],
                "Location": [plan.location_names[v.location] for v in plan.visits],
                "Shopper": [plan.shopper_names[v.shopper] for v in plan.visits],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={
            "Day": st.column_config.TextColumn(_("Day")),
            "Location": st.column_config.TextColumn(_("Location")),
            "Shopper": st.column_config.TextColumn(_("Shopper")),
        },
        placeholder=MISSING,
    )
    save, discard = st.columns(2)
    if save.button(
        _("Save the wave ({count} visits)").format(count=fmt.number(len(plan.visits))),
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
        st.session_state[state.FLASH_MESSAGE] = _(
            "Saved wave {name}: {count} visits assigned."
        ).format(name=plan.name, count=fmt.number(len(ids)))
        st.rerun()
    if discard.button(_("Discard the plan"), width="stretch"):
        st.session_state.pop(state.WAVE_PLAN, None)
        st.rerun()

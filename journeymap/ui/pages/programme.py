"""The mystery-shopping programme of the journey: every visit, planning a wave,
assigning one visit, shoppers and locations, imports and questionnaires."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from journeymap.model import InvalidInput
from journeymap.model.access import Capability, Viewer
from journeymap.model.questionnaire import Questionnaire
from journeymap.model.visit_status import STATUS_LABELS
from journeymap.services import workspace_time
from journeymap.services.access import NotAllowed
from journeymap.services.programme import Programme, assign_visit, day_text, programme
from journeymap.services.questionnaires import store_questionnaire_upload
from journeymap.services.visit_import import DateOrder, VisitFileError, import_visits
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import require_page
from journeymap.ui.shell.current import current_journey_id
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.shell.navigation import PROGRAMME_PAGE
from journeymap.ui.widgets.programme.people_forms import locations_tab, shoppers_tab
from journeymap.ui.widgets.programme.visit_list import visits_tab
from journeymap.ui.widgets.programme.wave_form import wave_tab
from journeymap.ui.widgets.text import plain, sentence

DATE_ORDERS = {
    "detect": "Tell from the dates (refused when they cannot tell)",
    "dayfirst": "Day first: 03/04/2026 is 3 April",
    "monthfirst": "Month first: 03/04/2026 is 4 March",
}


def render() -> None:
    viewer = require_page(PROGRAMME_PAGE)
    st.title("Shopping programme")
    journey_id = current_journey_id()
    held = programme(viewer, get_engine(), journey_id)
    counts = pd.Series([v.status for v in held.visits]).value_counts()
    st.caption(
        plain(
            " · ".join(f"{STATUS_LABELS[s]}: {counts.get(s, 0)}" for s in STATUS_LABELS)
            + f" · {len(held.questionnaires)} questionnaire(s)"
        )
    )
    tabs = st.tabs(
        [
            "Visits",
            "Plan a wave",
            "Assign a visit",
            "Shoppers",
            "Locations",
            "Import visits",
            "Questionnaires",
        ]
    )
    with tabs[0]:
        visits_tab(viewer, journey_id, held)
    with tabs[1]:
        wave_tab(viewer, held)
    with tabs[2]:
        _assign(viewer, held)
    with tabs[3]:
        shoppers_tab(viewer)
    with tabs[4]:
        locations_tab(viewer)
    with tabs[5]:
        _import(viewer, held.questionnaires)
    with tabs[6]:
        _questionnaires(viewer, held.questionnaires)


def _assign(viewer: Viewer, held: Programme) -> None:
    if not held.questionnaires or not held.locations or not held.shoppers:
        st.info(
            "A visit needs a questionnaire, an active location and an active shopper: add "
            "them under Shoppers, Locations and Questionnaires."
        )
        return
    names, shoppers = held.locations, held.shoppers
    with st.form("assign-visit"):
        questionnaire = st.selectbox(
            "Questionnaire",
            held.questionnaires,
            format_func=lambda q: q.name,
            key=state.ASSIGN_QUESTIONNAIRE,
        )
        location = st.selectbox(
            "Location",
            list(names),
            format_func=names.__getitem__,
            key=state.ASSIGN_LOCATION,
        )
        shopper = st.selectbox(
            "Shopper",
            list(shoppers),
            format_func=shoppers.__getitem__,
            key=state.ASSIGN_SHOPPER,
        )
        window = st.date_input(
            "Window",
            (workspace_time.today(), workspace_time.today() + timedelta(days=14)),
            key=state.ASSIGN_WINDOW,
        )
        scenario = st.text_area("Scenario", placeholder="What the shopper asks for and says")
        submitted = st.form_submit_button("Assign", type="primary")
    if not submitted:
        return
    days = list(window) if isinstance(window, tuple | list) else [window]
    if not days:
        st.error("Choose the window's first day.")
        return
    start, end = days[0], days[-1]
    try:
        assigned = assign_visit(
            viewer,
            get_engine(),
            questionnaire,
            location_id=location,
            shopper_id=shopper,
            window_start=start,
            window_end=end,
            scenario=scenario,
        )
    except (NotAllowed, ValueError, LookupError) as error:
        st.error(plain(sentence(str(error))))
        return
    st.success(
        plain(
            f"Assigned to {assigned.shopper_name} at {assigned.location_name} from "
            f"{day_text(start)} (visit {assigned.external_key})."
        )
    )


def _import(viewer: Viewer, questionnaires: list[Questionnaire]) -> None:
    if not questionnaires:
        st.info("Store a questionnaire first.")
        return
    st.caption(
        "One row per visit: visit, location, shopper, optional visited_on, status, scenario, "
        "wave; then one column per question id and '<question id> comment'. A row with "
        "status assigned is a planned visit (no answers; visited_on is its day). Rows with "
        "problems are listed and left out; the others are imported."
    )
    questionnaire = st.selectbox(
        "Questionnaire", questionnaires, format_func=lambda q: q.name, key="import-q"
    )
    order = st.radio(
        "Dates in visited_on",
        list(DATE_ORDERS),
        format_func=DATE_ORDERS.__getitem__,
        horizontal=True,
        key=state.VISIT_IMPORT_DATE_ORDER,
    )
    land_as = "submitted"
    if viewer.can(Capability.REVIEW_VISITS):
        land_as = st.radio(
            "Visits made land as",
            ["submitted", "approved"],
            format_func=lambda s: (
                "Submitted: a reviewer checks them"
                if s == "submitted"
                else "Approved, without review (recorded in the audit log)"
            ),
            horizontal=True,
            key=state.VISIT_IMPORT_STATUS,
        )
    upload = st.file_uploader(
        "CSV or XLSX file", type=["csv", "xlsx"], key=state.VISIT_IMPORT_UPLOAD
    )
    if upload is None or not st.button("Import visits", type="primary"):
        return
    dayfirst = {"detect": None, "dayfirst": True, "monthfirst": False}[order]
    try:
        result = import_visits(
            viewer,
            get_engine(),
            questionnaire.id,
            (upload.name, upload.getvalue()),
            order=DateOrder(dayfirst=dayfirst),
            how_to_choose="choose day first or month first under 'Dates in visited_on' above",
            status=land_as,
        )
    except (NotAllowed, VisitFileError, ValueError, LookupError) as error:
        st.error(plain(sentence(str(error))))
        return
    st.success(
        f"Imported {result.visits} visits with {result.answers} answers; the visits made "
        f"are {result.status}."
    )
    for note in result.notes:
        st.info(plain(sentence(note)))
    if result.known:
        st.warning(plain(f"Already stored, left as they were: {', '.join(result.known[:20])}"))
    if result.errors:
        st.error("\n".join(f"- {plain(sentence(str(e)))}" for e in result.errors[:50]))


def _questionnaires(viewer: Viewer, questionnaires: list[Questionnaire]) -> None:
    for questionnaire in questionnaires:
        st.markdown(
            f"**{plain(questionnaire.name)}** · version {questionnaire.version} · "
            f"{len(questionnaire.sections)} sections, {len(questionnaire.questions())} questions"
        )
    upload = st.file_uploader(
        "Add or update a questionnaire (YAML)",
        type=["yaml", "yml", "json"],
        key=state.QUESTIONNAIRE_UPLOAD,
    )
    if upload is None or not st.button("Store questionnaire"):
        return
    try:
        result = store_questionnaire_upload(viewer, get_engine(), upload.name, upload.getvalue())
    except InvalidInput as error:
        lines = "\n".join(f"- {plain(sentence(str(p)))}" for p in error.problems)
        st.error(f"{plain(upload.name)} cannot be stored:\n{lines}")
        return
    except (NotAllowed, ValueError) as error:
        st.error(plain(sentence(str(error))))
        return
    questionnaire = result.questionnaire
    if result.stored:
        st.success(f"Stored {plain(questionnaire.name)} version {questionnaire.version}.")
    else:
        st.info(
            f"{plain(questionnaire.name)} version {questionnaire.version} is stored already, "
            "with the same content."
        )
    for warning in result.warnings:
        st.warning(plain(sentence(str(warning))))


if __name__ == "__main__":
    render()

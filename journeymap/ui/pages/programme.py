"""The mystery-shopping programme of the journey: questionnaires, visits, imports."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import streamlit as st

from journeymap.io.questionnaire_files import read_questionnaire_file
from journeymap.io.visit_import import VisitFileError, parse_visits, read_table
from journeymap.model import InvalidInput
from journeymap.model.visit_status import STATUS_LABELS
from journeymap.store.journeys import JourneyRepository
from journeymap.store.programme import (
    QuestionnaireVersionChanged,
    insert_visits,
    read_locations,
    read_questionnaires,
)
from journeymap.store.programme import save_questionnaire as store_questionnaire
from journeymap.store.visit_import import store_imported_visits
from journeymap.store.visits import list_shoppers, list_visits
from journeymap.ui import state
from journeymap.ui.auth import require_page
from journeymap.ui.navigation import PROGRAMME_PAGE
from journeymap.ui.services import get_engine
from journeymap.ui.text import plain, sentence


def render() -> None:
    require_page(PROGRAMME_PAGE)
    st.title("Shopping programme")
    journey_id = st.session_state.get(state.SELECTED_JOURNEY)
    if not journey_id:
        st.warning("Choose a journey in the sidebar.")
        return
    engine = get_engine()
    questionnaires = read_questionnaires(engine, journey_id)
    visits = list_visits(engine, journey_id=journey_id)
    counts = pd.Series([v.status for v in visits]).value_counts()
    st.caption(
        plain(
            " · ".join(f"{STATUS_LABELS[s]}: {counts.get(s, 0)}" for s in STATUS_LABELS)
            + f" · {len(questionnaires)} questionnaire(s)"
        )
    )
    tabs = st.tabs(["Assign a visit", "Import visits", "Questionnaires"])
    with tabs[0]:
        _assign(journey_id, questionnaires)
    with tabs[1]:
        _import(questionnaires)
    with tabs[2]:
        _questionnaires(journey_id, questionnaires)


def _assign(journey_id: str, questionnaires: list) -> None:  # type: ignore[type-arg]
    engine = get_engine()
    locations = read_locations(engine)
    shoppers = list_shoppers(engine)
    if not questionnaires or locations.empty or not shoppers:
        st.info("A visit needs a questionnaire, a location and a shopper: load the demo first.")
        return
    names = dict(zip(locations["id"], locations["name"], strict=True))
    with st.form("assign-visit"):
        questionnaire = st.selectbox(
            "Questionnaire", questionnaires, format_func=lambda q: plain(q.name)
        )
        location = st.selectbox("Location", list(names), format_func=lambda i: names[i])
        shopper = st.selectbox("Shopper", list(shoppers), format_func=lambda i: shoppers[i])
        window = st.date_input("Window", (date.today(), date.today() + timedelta(days=14)))
        scenario = st.text_area("Scenario", placeholder="What the shopper asks for and says")
        if st.form_submit_button("Assign", type="primary"):
            start, end = window if len(window) == 2 else (window[0], window[0])
            key = f"{journey_id}-{location}-{shopper}-{start:%Y%m%d}-{len(list_visits(engine))}"
            insert_visits(
                engine,
                [
                    {
                        "external_key": key[:64],
                        "questionnaire_id": questionnaire.id,
                        "questionnaire_version": questionnaire.version,
                        "location_id": location,
                        "shopper_id": shopper,
                        "scenario": scenario,
                        "window_start": start,
                        "window_end": end,
                        "status": "assigned",
                    }
                ],
            )
            st.success(f"Assigned to {plain(shoppers[shopper])}.")


def _import(questionnaires: list) -> None:  # type: ignore[type-arg]
    if not questionnaires:
        st.info("Store a questionnaire first.")
        return
    st.caption(
        "One row per visit: visit, location, shopper, optional visited_on, status, scenario; "
        "then one column per question id and '<question id> comment'. Rows with problems "
        "are listed and left out; the others are imported."
    )
    questionnaire = st.selectbox(
        "Questionnaire", questionnaires, format_func=lambda q: plain(q.name), key="import-q"
    )
    upload = st.file_uploader(
        "CSV or XLSX file", type=["csv", "xlsx"], key=state.VISIT_IMPORT_UPLOAD
    )
    if upload is None or not st.button("Import visits", type="primary"):
        return
    engine = get_engine()
    try:
        frame = read_table(upload.name, upload.getvalue())
    except VisitFileError as error:
        st.error(plain(sentence(str(error))))
        return
    locations = read_locations(engine)
    result = parse_visits(
        frame,
        questionnaire,
        dict(zip(locations["id"], locations["competitor"].astype(bool), strict=True)),
        set(list_shoppers(engine)),
    )
    stored, answers, known = store_imported_visits(engine, result.visits, result.answers)
    st.success(f"Imported {stored} visits with {answers} answers.")
    if known:
        st.warning(plain(f"Already stored, left as they were: {', '.join(known[:20])}"))
    if result.errors:
        st.error("\n".join(f"- {plain(sentence(str(e)))}" for e in result.errors[:50]))


def _questionnaires(journey_id: str, questionnaires: list) -> None:  # type: ignore[type-arg]
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
    stored = JourneyRepository(get_engine()).get(journey_id)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(upload.name).name
        path.write_bytes(upload.getvalue())
        try:
            questionnaire = read_questionnaire_file(path, stored.journey if stored else None)
            store_questionnaire(get_engine(), questionnaire)
        except InvalidInput as error:
            lines = "\n".join(f"- {plain(sentence(str(p)))}" for p in error.problems)
            st.error(f"{plain(upload.name)} cannot be stored:\n{lines}")
            return
        except QuestionnaireVersionChanged as error:
            st.error(plain(sentence(str(error))))
            return
    st.success(f"Stored {plain(questionnaire.name)} version {questionnaire.version}.")


if __name__ == "__main__":
    render()

"""The mystery-shopping programme of the journey: every visit, planning a wave,
assigning one visit, shoppers and locations, imports and questionnaires."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from journeymap.i18n import N_, _, ngettext
from journeymap.i18n import formatting as fmt
from journeymap.model import InvalidInput
from journeymap.model.access import Capability, Viewer
from journeymap.model.questionnaire import Questionnaire
from journeymap.model.visit_status import STATUS_LABELS
from journeymap.services import workspace_time
from journeymap.services.access import NotAllowed
from journeymap.services.programme import Programme, assign_visit, programme
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
    "detect": N_("Tell from the dates (refused when they cannot tell)"),
    "dayfirst": N_("Day first: 03/04/2026 is 3 April"),
    "monthfirst": N_("Month first: 03/04/2026 is 4 March"),
}
TABS = (
    N_("Visits"),
    N_("Plan a wave"),
    N_("Assign a visit"),
    N_("Shoppers"),
    N_("Locations"),
    N_("Import visits"),
    N_("Questionnaires"),
)
# The label of the date-order choice, named again in the hint of a refused file.
DATES_LABEL = N_("Dates in visited_on")


def render() -> None:
    viewer = require_page(PROGRAMME_PAGE)
    st.title(_("Shopping programme"))
    journey_id = current_journey_id()
    held = programme(viewer, get_engine(), journey_id)
    counts = pd.Series([v.status for v in held.visits]).value_counts()
    questionnaires = len(held.questionnaires)
    st.caption(
        plain(
            " · ".join(
                f"{_(label)}: {fmt.number(int(counts.get(s, 0)))}"
                for s, label in STATUS_LABELS.items()
            )
            + " · "
            + ngettext("{count} questionnaire", "{count} questionnaires", questionnaires).format(
                count=fmt.number(questionnaires)
            )
        )
    )
    tabs = st.tabs([_(tab) for tab in TABS])
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
            _(
                "A visit needs a questionnaire, an active location and an active shopper: add "
                "them under Shoppers, Locations and Questionnaires."
            )
        )
        return
    names, shoppers = held.locations, held.shoppers
    with st.form("assign-visit"):
        questionnaire = st.selectbox(
            _("Questionnaire"),
            held.questionnaires,
            format_func=lambda q: q.name,
            key=state.ASSIGN_QUESTIONNAIRE,
        )
        location = st.selectbox(
            _("Location"),
            list(names),
            format_func=names.__getitem__,
            key=state.ASSIGN_LOCATION,
        )
        shopper = st.selectbox(
            _("Shopper"),
            list(shoppers),
            format_func=shoppers.__getitem__,
            key=state.ASSIGN_SHOPPER,
        )
        window = st.date_input(
            _("Window"),
            (workspace_time.today(), workspace_time.today() + timedelta(days=14)),
            key=state.ASSIGN_WINDOW,
        )
        scenario = st.text_area(_("Scenario"), placeholder=_("What the shopper asks for and says"))
        submitted = st.form_submit_button(_("Assign"), type="primary")
    if not submitted:
        return
    days = list(window) if isinstance(window, tuple | list) else [window]
    if not days:
        st.error(_("Choose the window's first day."))
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
            _("Assigned to {shopper} at {location} from {day} (visit {visit}).").format(
                shopper=assigned.shopper_name,
                location=assigned.location_name,
                day=fmt.long_day(start),
                visit=assigned.external_key,
            )
        )
    )


def _import(viewer: Viewer, questionnaires: list[Questionnaire]) -> None:
    if not questionnaires:
        st.info(_("Store a questionnaire first."))
        return
    # Translators: the column names (visit, location, visited_on …) and the status
    # "assigned" are what the file must say: keep them in English.
    st.caption(
        _(
            "One row per visit: visit, location, shopper, optional visited_on, status, "
            "scenario, wave; then one column per question id and '<question id> comment'. A "
            "row with status assigned is a planned visit (no answers; visited_on is its day). "
            "Rows with problems are listed and left out; the others are imported."
        )
    )
    questionnaire = st.selectbox(
        _("Questionnaire"), questionnaires, format_func=lambda q: q.name, key="import-q"
    )
    order = st.radio(
        _(DATES_LABEL),
        list(DATE_ORDERS),
        format_func=lambda order: _(DATE_ORDERS[order]),
        horizontal=True,
        key=state.VISIT_IMPORT_DATE_ORDER,
    )
    land_as = "submitted"
    if viewer.can(Capability.REVIEW_VISITS):
        land_as = st.radio(
            _("Visits made land as"),
            ["submitted", "approved"],
            format_func=lambda s: (
                _("Submitted: a reviewer checks them")
                if s == "submitted"
                else _("Approved, without review (recorded in the audit log)")
            ),
            horizontal=True,
            key=state.VISIT_IMPORT_STATUS,
        )
    upload = st.file_uploader(
        _("CSV or XLSX file"), type=["csv", "xlsx"], key=state.VISIT_IMPORT_UPLOAD
    )
    if upload is None or not st.button(_("Import visits"), type="primary"):
        return
    dayfirst = {"detect": None, "dayfirst": True, "monthfirst": False}[order]
    try:
        result = import_visits(
            viewer,
            get_engine(),
            questionnaire.id,
            (upload.name, upload.getvalue()),
            order=DateOrder(dayfirst=dayfirst),
            how_to_choose=_("choose day first or month first under '{label}' above").format(
                label=_(DATES_LABEL)
            ),
            status=land_as,
        )
    except (NotAllowed, VisitFileError, ValueError, LookupError) as error:
        st.error(plain(sentence(str(error))))
        return
    st.success(
        _("Imported {visits} visits with {answers} answers; the visits made are {status}.").format(
            visits=fmt.number(result.visits),
            answers=fmt.number(result.answers),
            status=_(STATUS_LABELS.get(result.status, result.status)).lower(),
        )
    )
    for note in result.notes:
        st.info(plain(sentence(note)))
    if result.known:
        known = ", ".join(result.known[:20])
        st.warning(plain(_("Already stored, left as they were: {keys}").format(keys=known)))
    if result.errors:
        st.error("\n".join(f"- {plain(sentence(str(e)))}" for e in result.errors[:50]))


def _questionnaires(viewer: Viewer, questionnaires: list[Questionnaire]) -> None:
    for questionnaire in questionnaires:
        sections, questions = len(questionnaire.sections), len(questionnaire.questions())
        st.markdown(
            _("**{name}** · version {version} · {sections}, {questions}").format(
                name=plain(questionnaire.name),
                version=questionnaire.version,
                sections=ngettext("{count} section", "{count} sections", sections).format(
                    count=fmt.number(sections)
                ),
                questions=ngettext("{count} question", "{count} questions", questions).format(
                    count=fmt.number(questions)
                ),
            )
        )
    upload = st.file_uploader(
        _("Add or update a questionnaire (YAML)"),
        type=["yaml", "yml", "json"],
        key=state.QUESTIONNAIRE_UPLOAD,
    )
    if upload is None or not st.button(_("Store questionnaire")):
        return
    try:
        result = store_questionnaire_upload(viewer, get_engine(), upload.name, upload.getvalue())
    except InvalidInput as error:
        lines = "\n".join(f"- {plain(sentence(str(p)))}" for p in error.problems)
        st.error(_("{file} cannot be stored:").format(file=plain(upload.name)) + f"\n{lines}")
        return
    except (NotAllowed, ValueError) as error:
        st.error(plain(sentence(str(error))))
        return
    questionnaire = result.questionnaire
    if result.stored:
        st.success(
            _("Stored {name} version {version}.").format(
                name=plain(questionnaire.name), version=questionnaire.version
            )
        )
    else:
        st.info(
            _("{name} version {version} is stored already, with the same content.").format(
                name=plain(questionnaire.name), version=questionnaire.version
            )
        )
    for warning in result.warnings:
        st.warning(plain(sentence(str(warning))))


if __name__ == "__main__":
    render()

"""Import survey data: NPS responses from a survey export, and KPI/metric values."""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from journeymap import settings
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.io.survey_import import ImportMapping, ImportPreview, preview
from journeymap.io.survey_import.workbooks import sheet_names
from journeymap.model import InvalidInput, Journey
from journeymap.services.access import NotAllowed
from journeymap.services.imports import import_metrics, import_responses
from journeymap.ui.loaders.voc import load_journey
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import current_viewer, require_page
from journeymap.ui.shell.current import current_journey_id
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.shell.navigation import SURVEY_IMPORT_PAGE
from journeymap.ui.widgets.tables import MISSING
from journeymap.ui.widgets.text import plain, sentence
from journeymap.ui.widgets.voc.import_batches import import_batches
from journeymap.ui.widgets.voc.import_report import (
    UPLOAD_TYPES,
    progress_bar,
    saved_upload,
    show_report,
    too_big,
    upload_limit_mb,
)
from journeymap.ui.widgets.voc.survey_mapping import mapping_widgets, sheet_key, sheet_picker

TITLE = N_("Import survey data")
CLI_HINT = re.compile(r"\s*\(--[a-z-]+(?: [A-Z]+)?\)")
DATE_ORDERS = {
    "detect": N_("Detect (refused when it cannot be told)"),
    "dayfirst": N_("Day first"),
    "monthfirst": N_("Month first"),
}


def render() -> None:
    require_page(SURVEY_IMPORT_PAGE)
    journey_id = current_journey_id()
    journey = load_journey(journey_id)
    if journey is None:
        st.warning(_("This journey was deleted meanwhile: choose another one in the sidebar."))
        return
    st.title(_(TITLE))
    st.caption(
        plain(
            _(
                "Into the journey {journey}. Nothing is stored until you press Import; "
                "importing the same file again adds nothing."
            ).format(journey=journey.name)
        )
    )
    surveys, metrics = st.tabs([_("Survey responses (NPS)"), _("KPI and metric values")])
    with surveys:
        _survey_tab(journey)
    with metrics:
        _metric_tab(journey)


def _problem(error: InvalidInput) -> None:
    # Lines start with the file's name: keep its case, only end the sentence.
    for line in str(error).splitlines():
        st.error(plain(line if line.endswith(".") else line + "."))


def _upload(label: str, key: str) -> tuple[UploadedFile, Path] | None:
    limit = upload_limit_mb()
    upload = st.file_uploader(
        label,
        type=UPLOAD_TYPES,
        key=key,
        help=_(
            "CSV (any delimiter and encoding), XLSX or legacy XLS, up to {limit} MB here; "
            "bigger files go through the command line."
        ).format(limit=fmt.number(limit)),
    )
    if upload is None:
        return None
    message = too_big(upload)
    if message:
        st.error(plain(message))
        return None
    return upload, saved_upload(upload)


def _survey_tab(journey: Journey) -> None:
    st.markdown(
        _(
            "Exports of Qualtrics, SurveyMonkey, Google Forms and Typeform are recognised; "
            "any other table works when you say which column is which."
        )
    )
    chosen = _upload(_("Survey export (CSV, XLSX or XLS)"), state.VOC_SURVEY_UPLOAD)
    if chosen is None:
        st.session_state.pop(state.VOC_SURVEY_REPORT, None)
    else:
        _survey_file(journey, *chosen)
    import_batches(current_viewer(), journey)


def _survey_file(journey: Journey, upload: UploadedFile, path: Path) -> None:
    try:
        proposal = preview(path, journey, sheet=st.session_state.get(sheet_key(upload.file_id)))
    except InvalidInput as error:
        _problem(error)
        return
    sheet_picker(
        proposal.sheets,
        proposal.sheet,
        upload.file_id,
        _("Sheet (by default the first with a recommend question)"),
    )
    _describe(proposal)
    st.subheader(_("Which column is which"))
    # A sheet of its own starts from its own proposal.
    mapping = mapping_widgets(proposal, f"{upload.file_id}-{proposal.sheet}", journey, path)
    st.text_input(
        _("Source (optional)"),
        key=state.VOC_SURVEY_SOURCE,
        placeholder=_("Recognised from the file"),
        help=_(
            "The survey or form the file comes from. Left empty, it is recognised from the "
            "export (the tool's survey id or name, else its questions), so next month's "
            "download of the same form adds only its new answers."
        ),
    )
    check, go, _rest = st.columns([1, 1, 4])
    dry = check.button(_("Check (dry run)"), disabled=mapping is None, width="stretch")
    real = go.button(_("Import"), type="primary", disabled=mapping is None, width="stretch")
    if mapping is not None and (dry or real):
        _run_survey(journey, path, mapping, upload.file_id, dry_run=dry)
    last = st.session_state.get(state.VOC_SURVEY_REPORT)
    if last and last[0] == upload.file_id:
        st.subheader(_("Result of the check") if last[1].dry_run else _("Result of the import"))
        show_report(last[1])


def _describe(proposal: ImportPreview) -> None:
    st.info(
        plain(
            _("{file}: {description}.").format(file=proposal.file, description=proposal.description)
        )
    )
    for problem in proposal.problems:
        # The importer names command-line options; here the choices are the widgets below.
        st.warning(plain(sentence(CLI_HINT.sub("", problem))))
    first = _("The first {count} rows, as read").format(count=fmt.number(len(proposal.first_rows)))
    with st.expander(first, expanded=True):
        # A dataframe shows cells as text: survey answers never run as markup here.
        st.dataframe(proposal.first_rows, width="stretch", placeholder=MISSING)


def _run_survey(
    journey: Journey, path: Path, mapping: ImportMapping, upload_id: str, *, dry_run: bool
) -> None:
    progress = progress_bar(_("Checking") if dry_run else _("Importing"))
    try:
        report = import_responses(
            current_viewer(),
            get_engine(),
            journey,
            path,
            mapping,
            source=st.session_state.get(state.VOC_SURVEY_SOURCE) or None,
            dry_run=dry_run,
            progress=progress,
            callback_hours=settings.callback_hours(),
        )
    except InvalidInput as error:
        st.session_state.pop(state.VOC_SURVEY_REPORT, None)
        _problem(error)
        return
    except (NotAllowed, ValueError) as error:
        st.session_state.pop(state.VOC_SURVEY_REPORT, None)
        st.error(plain(sentence(str(error))))
        return
    st.session_state[state.VOC_SURVEY_REPORT] = (upload_id, report)


def _metric_tab(journey: Journey) -> None:
    defined = ", ".join(f"{m.id} ({m.name})" for m in journey.metrics) or _("none yet")
    st.markdown(
        plain(
            # Translators: date, touchpoint, metric, value, location and n are the columns'
            # names in the file; keep them as they are.
            _(
                "Long layout: columns date, touchpoint, metric, value [, location] [, n]. "
                "Wide layout: date, touchpoint [, location] and one column per metric. "
                "Metrics defined in this journey: {metrics}."
            ).format(metrics=defined)
        )
    )
    chosen = _upload(_("Metric file (CSV, XLSX or XLS)"), state.VOC_METRIC_UPLOAD)
    if chosen is None:
        st.session_state.pop(state.VOC_METRIC_REPORT, None)
        return
    upload, path = chosen
    sheets = sheet_names(path)
    sheet = None
    if len(sheets) > 1:
        sheet = st.selectbox(
            _("Sheet"),
            [None, *sheets],
            format_func=lambda s: s or _("The first with a date and a touchpoint column"),
            key=f"{state.VOC_METRIC_SHEET}-{upload.file_id}",
        )
    order = st.radio(
        _("Order of day and month in dates like 03/04/2026"),
        ["detect", "dayfirst", "monthfirst"],
        format_func=lambda order: _(DATE_ORDERS[order]),
        horizontal=True,
        key=state.VOC_METRIC_DATES,
    )
    dayfirst = {"detect": None, "dayfirst": True, "monthfirst": False}[order]
    check, go, _rest = st.columns([1, 1, 4])
    dry = check.button(_("Check (dry run)"), key="metric-dry-run", width="stretch")
    real = go.button(_("Import"), type="primary", key="metric-import", width="stretch")
    if dry or real:
        with st.spinner(_("Reading the metric values…")):
            try:
                report = import_metrics(
                    current_viewer(),
                    get_engine(),
                    journey,
                    path,
                    dayfirst=dayfirst,
                    dry_run=dry,
                    sheet=sheet,
                )
            except InvalidInput as error:
                st.session_state.pop(state.VOC_METRIC_REPORT, None)
                _problem(error)
                return
            except (NotAllowed, ValueError) as error:
                st.session_state.pop(state.VOC_METRIC_REPORT, None)
                st.error(plain(sentence(str(error))))
                return
        st.session_state[state.VOC_METRIC_REPORT] = (upload.file_id, report)
    last = st.session_state.get(state.VOC_METRIC_REPORT)
    if last and last[0] == upload.file_id:
        show_report(last[1], metrics=True)


if __name__ == "__main__":
    render()

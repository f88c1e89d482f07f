"""The one-page report of a month, quarter or year: preview, HTML and PDF."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from journeymap.analytics.periods import PeriodKind
from journeymap.analytics.report_periods import recent_periods
from journeymap.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, current_language, use_language
from journeymap.i18n import formatting as fmt
from journeymap.io.export.chromium import find_chromium
from journeymap.io.report import report_html
from journeymap.services import workspace_time
from journeymap.services.period_report import report_file_name
from journeymap.ui.loaders.actions import load_report, printed_pdf
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import require_page
from journeymap.ui.shell.current import current_journey_id
from journeymap.ui.shell.navigation import REPORT_PAGE
from journeymap.ui.widgets.text import plain

TITLE = N_("Period report")
KINDS: dict[PeriodKind, str] = {
    "quarter": N_("Quarter"),
    "month": N_("Month"),
    "year": N_("Year"),
}
CHOICES = {"quarter": 8, "month": 12, "year": 3}
PREVIEW_HEIGHT = 860
REPORT_LANGUAGE = "report_language"


def render() -> None:
    require_page(REPORT_PAGE)
    journey_id = current_journey_id()
    st.title(_(TITLE))
    st.caption(
        _(
            "One A4 page for leadership: journey NPS and why it moved, the mystery-shopper "
            "result, the top sand items and their actions, call-backs, and the actions done "
            "against the year's goal. Only full periods are offered."
        )
    )
    kind_col, period_col, language_col = st.columns([1, 2, 1])
    kind: PeriodKind = (
        kind_col.segmented_control(
            _("Period"),
            list(KINDS),
            format_func=lambda k: _(KINDS[k]),
            default="quarter",
            key=state.REPORT_KIND,
        )
        or "quarter"
    )
    today = workspace_time.today()
    periods = {p.label: p for p in recent_periods(kind, today, CHOICES[kind])}
    label = period_col.selectbox(
        _("Which"),
        list(periods),
        format_func=lambda p: fmt.period(periods[p].kind, periods[p].start),
        key=f"{state.REPORT_PERIOD}-{kind}",
    )
    language = language_col.selectbox(
        _("Language of the report"),
        LANGUAGES,
        index=LANGUAGES.index(current_language()),
        format_func=LANGUAGE_NAMES.__getitem__,
        key=REPORT_LANGUAGE,
        help=_("The report's headings, words and numbers; what people typed stays as typed."),
    )
    # Built in the language chosen: the loader's cache is keyed on it, so another
    # language is written afresh, never served from the first one's.
    with use_language(language):
        data = load_report(journey_id, label)
        html = report_html(data) if data is not None else ""
    if data is None:
        st.warning(_("This journey was deleted meanwhile: choose another one in the sidebar."))
        return
    html_col, pdf_col = st.columns(2)
    html_col.download_button(
        _("Download HTML"),
        html.encode("utf-8"),
        file_name=report_file_name(journey_id, data.period, "html"),
        mime="text/html",
        icon=":material/code:",
        width="stretch",
    )
    if find_chromium() is None:
        pdf_col.warning(
            _(
                "The PDF is printed by Chromium, which is not installed: "
                "`sudo apt-get install chromium`, or set JOURNEYMAP_CHROMIUM. "
                "The HTML report prints from any browser."
            )
        )
    else:
        pdf_col.download_button(
            _("Download PDF"),
            _pdf(html),
            file_name=report_file_name(journey_id, data.period, "pdf"),
            mime="application/pdf",
            icon=":material/picture_as_pdf:",
            type="primary",
            width="stretch",
        )
    if data.diagram_note:
        st.caption(plain(data.diagram_note))
    # The report's own HTML: every value in it is escaped by the template engine.
    st.iframe(html, height=PREVIEW_HEIGHT)


def _pdf(html: str) -> Callable[[], bytes]:
    """Printed only when the button is clicked: Chromium takes seconds, not every rerun."""
    return lambda: printed_pdf(html)


if __name__ == "__main__":
    render()

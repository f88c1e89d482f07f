"""The one-page report of a month, quarter or year: preview, HTML and PDF."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from journeymap.analytics.periods import PeriodKind
from journeymap.analytics.report_periods import recent_periods
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

TITLE = "Period report"
KINDS: dict[str, PeriodKind] = {"Quarter": "quarter", "Month": "month", "Year": "year"}
CHOICES = {"quarter": 8, "month": 12, "year": 3}
PREVIEW_HEIGHT = 860


def render() -> None:
    require_page(REPORT_PAGE)
    journey_id = current_journey_id()
    st.title(TITLE)
    st.caption(
        "One A4 page for leadership: journey NPS and why it moved, the mystery-shopper "
        "result, the top sand items and their actions, call-backs, and the actions done "
        "against the year's goal. Only full periods are offered."
    )
    kind_col, period_col = st.columns([1, 2])
    kind = KINDS[
        kind_col.segmented_control("Period", list(KINDS), default="Quarter", key=state.REPORT_KIND)
        or "Quarter"
    ]
    today = workspace_time.today()
    periods = [p.label for p in recent_periods(kind, today, CHOICES[kind])]
    label = period_col.selectbox("Which", periods, key=f"{state.REPORT_PERIOD}-{kind}")
    data = load_report(journey_id, label)
    if data is None:
        st.warning("This journey was deleted meanwhile: choose another one in the sidebar.")
        return
    html = report_html(data)
    html_col, pdf_col = st.columns(2)
    html_col.download_button(
        "Download HTML",
        html.encode("utf-8"),
        file_name=report_file_name(journey_id, data.period, "html"),
        mime="text/html",
        icon=":material/code:",
        width="stretch",
    )
    if find_chromium() is None:
        pdf_col.warning(
            "The PDF is printed by Chromium, which is not installed: "
            "`sudo apt-get install chromium`, or set JOURNEYMAP_CHROMIUM. "
            "The HTML report prints from any browser."
        )
    else:
        pdf_col.download_button(
            "Download PDF",
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

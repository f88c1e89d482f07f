"""A visit's report on screen: score, sections, answers with evidence and comments.

What the reader may see (the shopper, personal-data answers, the visit at all) is
decided by services.visit_reports; this module only shows it.
"""

from __future__ import annotations

from typing import Protocol

import streamlit as st

from journeymap.analytics.scoring import Answer
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt
from journeymap.model.access import Viewer
from journeymap.model.questionnaire import Questionnaire
from journeymap.services.visit_reports import VisitReport, visit_report
from journeymap.ui.shell.auth import current_viewer
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.widgets.shopping.formats import points
from journeymap.ui.widgets.tables import MISSING
from journeymap.ui.widgets.text import plain

# Section scores per row under the visit score; more wrap onto further rows rather than
# being left out. Beside the sidebar a portrait tablet's main area is about 470 px: at
# four a row, "Arrival and waiting" was cut to "Arrival an…"; two keep a title whole.
METRICS_PER_ROW = 2


class HasId(Protocol):
    @property
    def id(self) -> int: ...


def _visit_id(visit: HasId | int) -> int:
    return visit if isinstance(visit, int) else int(visit.id)


def load_report(
    visit: HasId | int, viewer: Viewer | None = None, journey_id: str | None = None
) -> VisitReport:
    """The visit's report for ``viewer`` (default: whoever looks at the page)."""
    return visit_report(viewer or current_viewer(), get_engine(), _visit_id(visit), journey_id)


def load_visit(visit: HasId | int) -> tuple[Questionnaire, dict[str, Answer]]:
    """The visit's questionnaire version and its answers as the page's reader may see them."""
    report = load_report(visit)
    return report.questionnaire, report.answers


def show_visit_report(
    visit: HasId | int, viewer: Viewer | None = None, journey_id: str | None = None
) -> None:
    """The report of the visit, or a sentence when the reader may not see it."""
    try:
        report = load_report(visit, viewer, journey_id)
    except (LookupError, PermissionError) as error:
        st.error(plain(str(error)))
        return
    _scores(report)
    if not report.identities:
        st.caption(
            plain(
                _(
                    "Shopped by {shopper}. The shopper's identity and answers marked as "
                    "personal data are for those who run the programme."
                ).format(shopper=report.shopper)
            )
        )
    table = report.table.drop(columns=["question_id"])
    # The outcome is the product's word (Full points, N/A …); the rest is the visit's.
    table["Outcome"] = table["Outcome"].map(lambda outcome: _(outcome) if outcome else outcome)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        # The answer is what a reviewer checks: on a tablet a large question column
        # left "120 s (2 m" and "A pre-app" of it; a cut question shows whole on hover.
        column_config={
            "Section": st.column_config.TextColumn(_("Section"), width="small"),
            "Question": st.column_config.TextColumn(_("Question"), width="medium"),
            "Answer": st.column_config.TextColumn(_("Answer"), width="medium"),
            "Points": st.column_config.TextColumn(_("Points")),
            "Comment": st.column_config.TextColumn(_("Comment")),
            "Outcome": st.column_config.TextColumn(_("Outcome")),
        },
        placeholder=MISSING,
    )
    photos = [p for p in report.photos if p.path.exists()]
    if photos:
        st.markdown("**" + _("Photos") + "**")
        grid = st.columns(4)
        for i, photo in enumerate(photos):
            grid[i % 4].image(str(photo.path), caption=plain(photo.caption))


def _scores(report: VisitReport) -> None:
    """The visit score, then every section's score, in rows of METRICS_PER_ROW."""
    score = report.score
    titles = report.section_titles
    explained = _("Weighted mean of the section scores (n = 1 visit).")
    if score.knocked_out:
        knocked = _("A failed knock-out question set the visit to {zero}.")
        explained += " " + knocked.format(zero=fmt.percent(0))
    st.metric(
        _("Visit score"),
        _("N/A") if score.pct is None else fmt.percent(score.pct),
        help=explained,
    )
    sections = list(score.sections)
    for start in range(0, len(sections), METRICS_PER_ROW):
        columns = st.columns(METRICS_PER_ROW)
        for column, section in zip(
            columns, sections[start : start + METRICS_PER_ROW], strict=False
        ):
            earned = _("{earned} of {possible} points").format(
                earned=points(section.earned), possible=points(section.possible)
            )
            if section.knocked_out:
                earned += " · " + _("knock-out failed")
            column.metric(
                plain(titles[section.section_id])[:40],
                _("N/A") if section.pct is None else fmt.percent(section.pct),
                help=earned,
            )

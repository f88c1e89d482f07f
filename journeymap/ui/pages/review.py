"""Reviewing submitted visits: approve, or return with a note on each question to fix."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from journeymap.model.access import Viewer
from journeymap.model.visit_status import STATUS_LABELS
from journeymap.services.access import NotAllowed
from journeymap.services.review import (
    VisitInfo,
    approve,
    mark_counted,
    return_for_correction,
    visits_to_review,
)
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import require_page
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.shell.navigation import REVIEW_PAGE
from journeymap.ui.widgets.shopping.visit_report import load_visit, show_visit_report
from journeymap.ui.widgets.text import plain


def render() -> None:
    viewer = require_page(REVIEW_PAGE)
    st.title("Review visits")
    journey_id = st.session_state.get(state.SELECTED_JOURNEY)
    visits = visits_to_review(viewer, get_engine(), journey_id)
    waiting = [v for v in visits if v.status == "submitted"]
    st.caption(
        f"{len(waiting)} visit(s) wait for review; {len(visits) - len(waiting)} approved "
        "visit(s) can still be returned or marked as counted."
    )
    if not visits:
        st.info("Nothing to review: submitted visits of this journey appear here.")
        return
    by_id = {v.id: v for v in visits}
    linked = st.query_params.get(state.VISIT_QUERY_PARAM, "")
    if (
        linked.isdigit()
        and int(linked) in by_id
        and state.REVIEW_VISIT_PICKER not in st.session_state
    ):
        st.session_state[state.REVIEW_VISIT_PICKER] = int(linked)  # a link to one visit
    chosen = st.selectbox(
        "Visit",
        list(by_id),
        format_func=lambda vid: _label(by_id[vid]),
        key=state.REVIEW_VISIT_PICKER,
    )
    visit = by_id[chosen]
    show_visit_report(visit)
    _actions(viewer, visit)


def _label(visit: VisitInfo) -> str:
    # The number makes each label unique: the picker gets its choice back by label, and
    # two visits alike in all else would open the first of them after any rerun.
    submitted = f"{visit.submitted_at:%d %b %H:%M}" if visit.submitted_at else "—"
    return (
        f"#{visit.id} · {visit.location_name} · {visit.shopper_name} · submitted {submitted} · "
        f"{STATUS_LABELS[visit.status]}"
    )


def _signature(viewer: Viewer, visit: VisitInfo) -> str:
    """Who decides now, and who decided last: a decision is never anonymous."""
    now = f"Your decision is signed {viewer.name}."
    if visit.reviewed_by and visit.reviewed_at is not None:
        return f"{now} Last decision by {visit.reviewed_by} on {_local(visit.reviewed_at)}."
    return now


def _local(moment: datetime) -> str:
    """A moment in the reader's time zone (the browser's), else in UTC."""
    try:
        zone = ZoneInfo(st.context.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return f"{moment.astimezone(zone):%d %b %Y %H:%M} ({zone.key})"


def _actions(viewer: Viewer, visit: VisitInfo) -> None:
    questionnaire, _ = load_visit(visit)
    engine = get_engine()
    st.subheader("Decision")
    st.caption(plain(_signature(viewer, visit)))
    with st.expander("Return to the shopper with notes", expanded=False):
        st.caption(
            plain(
                f"Write a note on each question the shopper must correct; the notes are "
                f"signed {viewer.name}."
            )
        )
        notes: dict[str, str] = {}
        for question in questionnaire.questions():
            key = f"{state.REVIEW_NOTE_WIDGET}-{visit.id}-{question.id}"
            notes[question.id] = st.text_input(plain(question.text), key=key)
        given = any(note.strip() for note in notes.values())
        if st.button("Return for correction", disabled=not given, icon=":material/undo:"):
            count = _run(lambda: return_for_correction(viewer, engine, visit.id, notes))
            for question in questionnaire.questions():
                st.session_state.pop(f"{state.REVIEW_NOTE_WIDGET}-{visit.id}-{question.id}", None)
            _done(f"Returned with {count} note(s).")
    left, right = st.columns(2)
    if visit.status == "submitted" and left.button(
        "Approve", type="primary", icon=":material/check:", width="stretch"
    ):
        _run(lambda: approve(viewer, engine, visit.id))
        _done("Approved: the visit now counts in the results.")
    if visit.status == "approved" and right.button(
        "Mark as counted (close)", icon=":material/lock:", width="stretch"
    ):
        _run(lambda: mark_counted(viewer, engine, visit.id))
        _done("Counted: the visit is closed.")


def _run(action):  # type: ignore[no-untyped-def]
    try:
        return action()
    except (NotAllowed, ValueError, LookupError) as error:
        st.error(plain(str(error)))
        st.stop()


def _done(message: str) -> None:
    st.session_state[state.FLASH_MESSAGE] = message
    st.rerun()


if __name__ == "__main__":
    render()

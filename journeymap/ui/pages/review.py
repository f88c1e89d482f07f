"""Reviewing submitted visits: approve, or return with a note on each question to fix."""

from __future__ import annotations

import streamlit as st

from journeymap.model.visit_status import STATUS_LABELS, StatusChangeRefused
from journeymap.store.visits import VisitInfo, change_status, list_visits, return_visit
from journeymap.ui import state
from journeymap.ui.auth import require_page
from journeymap.ui.navigation import REVIEW_PAGE
from journeymap.ui.services import get_engine
from journeymap.ui.text import plain
from journeymap.ui.visit_report import load_visit, show_visit_report

REVIEWABLE = ("submitted", "approved")


def render() -> None:
    require_page(REVIEW_PAGE)
    st.title("Review visits")
    journey_id = st.session_state.get(state.SELECTED_JOURNEY)
    visits = list_visits(get_engine(), statuses=REVIEWABLE, journey_id=journey_id)
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
    _actions(visit)


def _label(visit: VisitInfo) -> str:
    submitted = f"{visit.submitted_at:%d %b %H:%M}" if visit.submitted_at else "—"
    return (
        f"{visit.location_name} · {visit.shopper_name} · submitted {submitted} · "
        f"{STATUS_LABELS[visit.status]}"
    )


def _actions(visit: VisitInfo) -> None:
    questionnaire, _ = load_visit(visit)
    st.subheader("Decision")
    with st.expander("Return to the shopper with notes", expanded=False):
        st.caption("Write a note on each question the shopper must correct.")
        notes: dict[str, str] = {}
        for question in questionnaire.questions():
            key = f"{state.REVIEW_NOTE_WIDGET}-{visit.id}-{question.id}"
            note = st.text_input(plain(question.text), key=key)
            if note.strip():
                notes[question.id] = note.strip()
        reviewer = st.text_input("Your name", value="reviewer", key=f"reviewer-{visit.id}")
        if st.button("Return for correction", disabled=not notes, icon=":material/undo:"):
            _run(lambda: return_visit(get_engine(), visit.id, notes, reviewer or "reviewer"))
            for question in questionnaire.questions():
                st.session_state.pop(f"{state.REVIEW_NOTE_WIDGET}-{visit.id}-{question.id}", None)
            _done(f"Returned with {len(notes)} note(s).")
    left, right = st.columns(2)
    if visit.status == "submitted" and left.button(
        "Approve", type="primary", icon=":material/check:", width="stretch"
    ):
        _run(lambda: change_status(get_engine(), visit.id, "approved"))
        _done("Approved: the visit now counts in the results.")
    if visit.status == "approved" and right.button(
        "Mark as counted (close)", icon=":material/lock:", width="stretch"
    ):
        _run(lambda: change_status(get_engine(), visit.id, "counted"))
        _done("Counted: the visit is closed.")


def _run(action) -> None:  # type: ignore[no-untyped-def]
    try:
        action()
    except (StatusChangeRefused, ValueError, LookupError) as error:
        st.error(plain(str(error)))
        st.stop()


def _done(message: str) -> None:
    st.session_state[state.FLASH_MESSAGE] = message
    st.rerun()


if __name__ == "__main__":
    render()

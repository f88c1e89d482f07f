"""Reviewing submitted visits: approve, or return with a note on each question to fix."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from journeymap.i18n import _, ngettext
from journeymap.i18n import formatting as fmt
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
from journeymap.ui.widgets.shopping.formats import device_zone
from journeymap.ui.widgets.shopping.visit_report import load_visit, show_visit_report
from journeymap.ui.widgets.text import plain


def render() -> None:
    viewer = require_page(REVIEW_PAGE)
    st.title(_("Review visits"))
    journey_id = st.session_state.get(state.SELECTED_JOURNEY)
    visits = visits_to_review(viewer, get_engine(), journey_id)
    waiting = [v for v in visits if v.status == "submitted"]
    approved = len(visits) - len(waiting)
    st.caption(
        ngettext(
            "{count} visit waits for review;",
            "{count} visits wait for review;",
            len(waiting),
        ).format(count=fmt.number(len(waiting)))
        + " "
        + ngettext(
            "{count} approved visit can still be returned or marked as counted.",
            "{count} approved visits can still be returned or marked as counted.",
            approved,
        ).format(count=fmt.number(approved))
    )
    if not visits:
        st.info(_("Nothing to review: submitted visits of this journey appear here."))
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
        _("Visit"),
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
    submitted = fmt.moment(visit.submitted_at) if visit.submitted_at else "—"
    return _("#{id} · {location} · {shopper} · submitted {submitted} · {status}").format(
        id=visit.id,
        location=visit.location_name,
        shopper=visit.shopper_name,
        submitted=submitted,
        status=_(STATUS_LABELS[visit.status]),
    )


def _signature(viewer: Viewer, visit: VisitInfo) -> str:
    """Who decides now, and who decided last: a decision is never anonymous."""
    now = _("Your decision is signed {name}.").format(name=viewer.name)
    if visit.reviewed_by and visit.reviewed_at is not None:
        last = _("Last decision by {name} on {moment}.").format(
            name=visit.reviewed_by, moment=_local(visit.reviewed_at)
        )
        return f"{now} {last}"
    return now


def _local(moment: datetime) -> str:
    """A moment in the reader's time zone (the browser's), else in UTC."""
    zone = device_zone()
    return f"{fmt.moment(moment.astimezone(zone))} ({zone.key})"


def _actions(viewer: Viewer, visit: VisitInfo) -> None:
    questionnaire, _answers = load_visit(visit)
    engine = get_engine()
    st.subheader(_("Decision"))
    st.caption(plain(_signature(viewer, visit)))
    with st.expander(_("Return to the shopper with notes"), expanded=False):
        st.caption(
            plain(
                _(
                    "Write a note on each question the shopper must correct; the notes are "
                    "signed {name}."
                ).format(name=viewer.name)
            )
        )
        notes: dict[str, str] = {}
        for question in questionnaire.questions():
            key = f"{state.REVIEW_NOTE_WIDGET}-{visit.id}-{question.id}"
            notes[question.id] = st.text_input(plain(question.text), key=key)
        given = any(note.strip() for note in notes.values())
        if st.button(_("Return for correction"), disabled=not given, icon=":material/undo:"):
            count = _run(lambda: return_for_correction(viewer, engine, visit.id, notes))
            for question in questionnaire.questions():
                st.session_state.pop(f"{state.REVIEW_NOTE_WIDGET}-{visit.id}-{question.id}", None)
            _done(
                ngettext(
                    "Returned with {count} note.", "Returned with {count} notes.", count
                ).format(count=fmt.number(count))
            )
    left, right = st.columns(2)
    if visit.status == "submitted" and left.button(
        _("Approve"), type="primary", icon=":material/check:", width="stretch"
    ):
        _run(lambda: approve(viewer, engine, visit.id))
        _done(_("Approved: the visit now counts in the results."))
    if visit.status == "approved" and right.button(
        _("Mark as counted (close)"), icon=":material/lock:", width="stretch"
    ):
        _run(lambda: mark_counted(viewer, engine, visit.id))
        _done(_("Counted: the visit is closed."))


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

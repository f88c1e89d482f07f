"""Each answer of the visit form saved the moment it is given.

Widgets start from the database (never from an older session's state): their keys
carry the visit and a generation number that is bumped whenever the form must
re-read the database. A save that fails on the way (a dropped connection) is kept in
session state, shown as not saved, and retried on the next run; a value refused
with a reason (outside every band, a visit already submitted) is shown with the reason
once and the widget goes back to what the database holds: retrying would not help.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from journeymap.i18n import N_
from journeymap.model.access import Viewer
from journeymap.model.questionnaire import Question
from journeymap.services import visits as visit_service
from journeymap.services.access import NotAllowed
from journeymap.services.visits import PhotoInfo
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import current_viewer
from journeymap.ui.shell.engine import get_engine

# The values the widgets hold, in English; shown in the reader's language (`_shown`).
YES, NO, NA = N_("Yes"), N_("No"), N_("N/A")
# Refused with a reason: said once, not tried again. NotAllowed before OSError, whose
# kind it is (PermissionError).
REFUSALS = (NotAllowed, ValueError, LookupError)
# Failed on the way: kept and tried again with the next answer.
SAVE_ERRORS = (SQLAlchemyError, OSError)


@dataclass(frozen=True)
class FormContext:
    visit_id: int
    generation: int
    editable: bool
    photos: dict[str, list[PhotoInfo]]


def generation(visit_id: int) -> int:
    return int(st.session_state.setdefault(state.FORM_GENERATION, {}).get(visit_id, 0))


def bump_generation(visit_id: int) -> None:
    generations = st.session_state.setdefault(state.FORM_GENERATION, {})
    generations[visit_id] = generations.get(visit_id, 0) + 1


def key(ctx: FormContext, question_id: str, part: str) -> str:
    return f"{state.ANSWER_WIDGET}-{ctx.visit_id}-{ctx.generation}-{question_id}-{part}"


def pending() -> dict[tuple[int, str], dict[str, Any]]:
    return st.session_state.setdefault(state.PENDING_SAVES, {})


def _save(viewer: Viewer, visit_id: int, question_id: str, **fields: Any) -> None:
    waiting = pending()
    merged = waiting.pop((visit_id, question_id), {}) | fields
    try:
        visit_service.save_answer(viewer, get_engine(), visit_id, question_id, **merged)
    except REFUSALS as error:
        _refused(visit_id, question_id, error)
    except SAVE_ERRORS as error:
        waiting[(visit_id, question_id)] = merged | {"_error": str(error)}


def _refused(visit_id: int, question_id: str, error: BaseException) -> None:
    """Say why once; the widgets go back to what the database holds."""
    pending()[(visit_id, question_id)] = {"_error": str(error)}
    bump_generation(visit_id)


def retry_pending(viewer: Viewer, visit_id: int) -> None:
    """Try again to save what did not reach the database (a dropped connection)."""
    for (visit, question_id), fields in list(pending().items()):
        values = {k: v for k, v in fields.items() if k != "_error"}
        if visit == visit_id and values:
            pending().pop((visit, question_id))
            _save(viewer, visit, question_id, **values)


def resend_unconfirmed(
    ctx: FormContext, question_id: str, shown: Any, in_database: Any, send: Any
) -> None:
    """Send again an answer the screen shows but the database does not hold.

    A tap that reaches a server which has just restarted (or a session that has just
    reconnected) carries the widget's value, but the callback that saves it never
    runs there: the widget would show as chosen what was never saved. Comparing what
    the widget shows with what the database holds catches it on that very run.
    """
    if not ctx.editable or shown == in_database or (ctx.visit_id, question_id) in pending():
        return
    send()
    st.session_state[state.ANSWERS_RESENT] = True


def redraw_if_resent(visit_id: int) -> None:
    """After answers were sent again, redraw the form from what the database holds."""
    if st.session_state.pop(state.ANSWERS_RESENT, False):
        bump_generation(visit_id)
        st.rerun()


def forget_shown_errors(visit_id: int) -> None:
    """Errors of a timer or photo action are shown once; answers stay until saved."""
    for (visit, question_id), fields in list(pending().items()):
        if visit == visit_id and set(fields) == {"_error"}:
            pending().pop((visit, question_id))


def on_choice(visit_id: int, question: Question, widget: str) -> None:
    picked = st.session_state.get(widget)
    if picked == NA:
        _save(current_viewer(), visit_id, question.id, value=None, not_applicable=True)
        return
    value: Any = picked
    if question.type == "yes_no":
        value = None if picked is None else picked == YES
    _save(current_viewer(), visit_id, question.id, value=value, not_applicable=False)


def on_value(visit_id: int, question_id: str, widget: str) -> None:
    value = st.session_state.get(widget)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        value = value.strip() or None
    _save(current_viewer(), visit_id, question_id, value=value, not_applicable=False)


def on_na(visit_id: int, question_id: str, widget: str) -> None:
    marked = bool(st.session_state.get(widget))
    fields: dict[str, Any] = {"not_applicable": marked} | ({"value": None} if marked else {})
    _save(current_viewer(), visit_id, question_id, **fields)
    bump_generation(visit_id)


def on_comment(visit_id: int, question_id: str, widget: str) -> None:
    comment = str(st.session_state.get(widget) or "").strip()
    _save(current_viewer(), visit_id, question_id, comment=comment)


def on_photo(visit_id: int, question_id: str, widget: str) -> None:
    upload = st.session_state.get(widget)
    if upload is None:
        return
    try:
        visit_service.add_photo(
            current_viewer(), get_engine(), visit_id, question_id, upload.getvalue(), upload.name
        )
    except (*REFUSALS, *SAVE_ERRORS) as error:
        pending()[(visit_id, question_id)] = {"_error": str(error)}
    bump_generation(visit_id)  # a fresh, empty uploader


def on_remove_photo(visit_id: int, question_id: str, photo_id: int) -> None:
    try:
        visit_service.remove_photo(current_viewer(), get_engine(), visit_id, photo_id)
    except (*REFUSALS, *SAVE_ERRORS) as error:
        pending()[(visit_id, question_id)] = {"_error": str(error)}
    bump_generation(visit_id)

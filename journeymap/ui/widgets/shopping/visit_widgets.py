"""The visit form's question widgets: each answer is saved the moment it is given.

Widgets start from the database (never from an older session's state): their keys
carry the visit and a generation number that is bumped whenever the form must
re-read the database. A save that fails on the way (a dropped connection) is kept in
session state, shown as not saved, and retried on the next run; a value refused
with a reason (outside every band, a visit already submitted) is shown with the reason
once and the widget goes back to what the database holds: retrying would not help.
"""

from __future__ import annotations

import html
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from journeymap.analytics.scoring import Answer
from journeymap.analytics.visit_form import needs_comment
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.model.access import Viewer
from journeymap.model.questionnaire import Question
from journeymap.services import visits as visit_service
from journeymap.services.access import NotAllowed
from journeymap.services.visits import PhotoInfo, StoredAnswer
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import current_viewer
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.widgets.shopping.formats import clock
from journeymap.ui.widgets.text import html_with_numbers, plain

# The values the widgets hold, in English; shown in the reader's language (`_shown`).
YES, NO, NA = N_("Yes"), N_("No"), N_("N/A")
# Refused with a reason: said once, not tried again. NotAllowed before OSError, whose
# kind it is (PermissionError).
REFUSALS = (NotAllowed, ValueError, LookupError)
# Failed on the way: kept and tried again with the next answer.
SAVE_ERRORS = (SQLAlchemyError, OSError)
TIMER_ICON, SAVED_ICON = ":material/timer:", ":material/cloud_done:"


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


def _on_choice(visit_id: int, question: Question, widget: str) -> None:
    picked = st.session_state.get(widget)
    if picked == NA:
        _save(current_viewer(), visit_id, question.id, value=None, not_applicable=True)
        return
    value: Any = picked
    if question.type == "yes_no":
        value = None if picked is None else picked == YES
    _save(current_viewer(), visit_id, question.id, value=value, not_applicable=False)


def _on_value(visit_id: int, question_id: str, widget: str) -> None:
    value = st.session_state.get(widget)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        value = value.strip() or None
    _save(current_viewer(), visit_id, question_id, value=value, not_applicable=False)


def _on_na(visit_id: int, question_id: str, widget: str) -> None:
    marked = bool(st.session_state.get(widget))
    fields: dict[str, Any] = {"not_applicable": marked} | ({"value": None} if marked else {})
    _save(current_viewer(), visit_id, question_id, **fields)
    bump_generation(visit_id)


def _on_comment(visit_id: int, question_id: str, widget: str) -> None:
    comment = str(st.session_state.get(widget) or "").strip()
    _save(current_viewer(), visit_id, question_id, comment=comment)


def _on_timer(visit_id: int, question_id: str, start: bool, restart: bool = False) -> None:
    _restart_asked().discard((visit_id, question_id))
    try:
        if start:
            visit_service.start_timer(
                current_viewer(), get_engine(), visit_id, question_id, restart=restart
            )
        else:
            visit_service.stop_timer(current_viewer(), get_engine(), visit_id, question_id)
    except (*REFUSALS, *SAVE_ERRORS) as error:
        pending()[(visit_id, question_id)] = {"_error": str(error)}
    bump_generation(visit_id)


def _restart_asked() -> set[tuple[int, str]]:
    return st.session_state.setdefault(state.TIMER_RESTART_ASKED, set())


def _ask_restart(visit_id: int, question_id: str, ask: bool) -> None:
    if ask:
        _restart_asked().add((visit_id, question_id))
    else:
        _restart_asked().discard((visit_id, question_id))


def _on_photo(visit_id: int, question_id: str, widget: str) -> None:
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


def _on_remove_photo(visit_id: int, question_id: str, photo_id: int) -> None:
    try:
        visit_service.remove_photo(current_viewer(), get_engine(), visit_id, photo_id)
    except (*REFUSALS, *SAVE_ERRORS) as error:
        pending()[(visit_id, question_id)] = {"_error": str(error)}
    bump_generation(visit_id)


def local_time(moment: datetime) -> str:
    try:
        zone = ZoneInfo(st.context.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return clock(moment.astimezone(zone))


def question_card(
    ctx: FormContext, question: Question, stored: StoredAnswer | None, note: str | None
) -> None:
    """One question: text, help, the answer widget, comment, reviewer note, save status."""
    with st.container(border=True, key=f"q-{question.id}"):
        marker = " \\*" if question.required else ""
        st.markdown(f"**{plain(question.text)}**{marker}")
        if question.help:
            st.caption(plain(question.help))
        if note:
            st.warning(
                _("Reviewer: {note}").format(note=plain(note)), icon=":material/rate_review:"
            )
        _answer_widget(ctx, question, stored)
        answer = stored.as_answer() if stored else None
        if question.comment_on_fail or note or (stored and stored.comment):
            missing = needs_comment(question, answer)
            widget = key(ctx, question.id, "comment")
            typed = st.text_input(
                _("Comment — required: the answer misses full points") if missing else _("Comment"),
                value=stored.comment if stored else "",
                key=widget,
                on_change=_on_comment,
                args=(ctx.visit_id, question.id, widget),
                disabled=not ctx.editable,
            )
            resend_unconfirmed(
                ctx,
                question.id,
                (typed or "").strip(),
                (stored.comment or "") if stored else "",
                lambda: _on_comment(ctx.visit_id, question.id, widget),
            )
        _save_status(ctx, question, stored)


def _save_status(ctx: FormContext, question: Question, stored: StoredAnswer | None) -> None:
    failed = pending().get((ctx.visit_id, question.id))
    if failed and set(failed) == {"_error"}:
        # A refused photo or timer action: nothing is waiting to be tried again.
        st.error(
            _("Not saved: {reason}").format(reason=plain(failed["_error"])),
            icon=":material/error:",
        )
    elif failed:
        st.error(
            _(
                "Not saved: {reason}. It is tried again with your next answer; check the "
                "connection."
            ).format(reason=plain(failed.get("_error", ""))),
            icon=":material/cloud_off:",
        )
    elif stored is not None:
        saved = _("Saved {time}").format(time=local_time(stored.saved_at))
        st.caption(f"{SAVED_ICON} {saved}")


def _answer_widget(ctx: FormContext, question: Question, stored: StoredAnswer | None) -> None:
    if question.type in ("yes_no", "scale", "choice"):
        _choice_widget(ctx, question, stored)
    elif question.type == "timer":
        _timer_widget(ctx, question, stored)
    elif question.type == "number":
        _number_widget(ctx, question, stored)
    elif question.type == "text":
        widget = key(ctx, question.id, "text")
        typed = st.text_area(
            plain(question.text),
            value=str(stored.value) if stored and stored.value else "",
            key=widget,
            on_change=_on_value,
            args=(ctx.visit_id, question.id, widget),
            label_visibility="collapsed",
            disabled=not ctx.editable,
            placeholder=_("Personal data: never shared in exports unless asked for")
            if question.personal_data
            else "",
        )
        resend_unconfirmed(
            ctx,
            question.id,
            (typed or "").strip() or None,
            str(stored.value) if stored and stored.value else None,
            lambda: _on_value(ctx.visit_id, question.id, widget),
        )
    elif question.type == "photo":
        _photo_widget(ctx, question)


def _options(question: Question) -> list[Any]:
    if question.type == "yes_no":
        options: list[Any] = [YES, NO]
    elif question.type == "scale":
        options = list(range(question.scale_min or 1, (question.scale_max or 5) + 1))
    else:
        options = [o.label for o in question.options]
    return options + ([NA] if question.allow_na else [])


def _shown(question: Question, option: Any) -> str:
    """Yes, No and N/A in the reader's language; the author's options as typed."""
    if (option == NA and question.allow_na) or (question.type == "yes_no" and option in (YES, NO)):
        return _(str(option))
    return str(option)


def _current(question: Question, stored: StoredAnswer | None) -> Any:
    if stored is None:
        return None
    if stored.not_applicable:
        return NA
    if question.type == "yes_no" and isinstance(stored.value, bool):
        return YES if stored.value else NO
    return stored.value


def _choice_widget(ctx: FormContext, question: Question, stored: StoredAnswer | None) -> None:
    options = _options(question)
    current = _current(question, stored)
    widget = key(ctx, question.id, "choice")
    picked = st.radio(
        plain(question.text),
        options,
        index=options.index(current) if current in options else None,
        # Radio options are read as Markdown, and a choice's labels are typed by people.
        format_func=lambda option: plain(_shown(question, option)),
        key=widget,
        horizontal=question.type != "choice",
        on_change=_on_choice,
        args=(ctx.visit_id, question, widget),
        label_visibility="collapsed",
        disabled=not ctx.editable,
    )
    if picked is not None:
        resend_unconfirmed(
            ctx, question.id, picked, current, lambda: _on_choice(ctx.visit_id, question, widget)
        )


def _na_box(ctx: FormContext, question: Question, stored: StoredAnswer | None) -> bool:
    if not question.allow_na:
        return False
    widget = key(ctx, question.id, "na")
    return st.checkbox(
        _("N/A — does not apply on this visit"),
        value=bool(stored and stored.not_applicable),
        key=widget,
        on_change=_on_na,
        args=(ctx.visit_id, question.id, widget),
        disabled=not ctx.editable,
    )


def _number_widget(ctx: FormContext, question: Question, stored: StoredAnswer | None) -> None:
    if _na_box(ctx, question, stored):
        return
    widget = key(ctx, question.id, "number")
    value = stored.value if stored and isinstance(stored.value, int | float) else None
    shown = st.number_input(
        _("Answer in {unit}").format(unit=plain(question.unit)) if question.unit else _("Number"),
        min_value=0.0,
        value=None if value is None else float(value),
        step=1.0,
        format="%g",
        key=widget,
        on_change=_on_value,
        args=(ctx.visit_id, question.id, widget),
        label_visibility="visible" if question.unit else "collapsed",
        disabled=not ctx.editable,
    )
    if shown is not None:
        resend_unconfirmed(
            ctx,
            question.id,
            float(shown),
            None if value is None else float(value),
            lambda: _on_value(ctx.visit_id, question.id, widget),
        )


def _timed(value: float) -> str:
    minutes, seconds = divmod(int(value), 60)
    return _("**{total} s** ({minutes} min {seconds} s)").format(
        total=fmt.number(int(value)), minutes=fmt.number(minutes), seconds=fmt.number(seconds)
    )


def _timer_widget(ctx: FormContext, question: Question, stored: StoredAnswer | None) -> None:
    """Start, a running count, Stop; a stopped time is text where Stop was.

    Two taps on Stop a moment apart must not start the timer again: once stopped, the
    place of the Stop button holds the measured time (not a button), "Start again" is
    elsewhere and only asks, and the server keeps the first stop (a second is a no-op).
    """
    if _na_box(ctx, question, stored):
        return
    running = stored is not None and stored.timer_running
    started = stored is not None and stored.timer_started_at is not None
    left, right = st.columns([1, 2], vertical_alignment="center")
    if running and stored is not None and stored.timer_started_at is not None:
        with left:
            st.button(
                _("Stop"),
                key=key(ctx, question.id, "timer-stop"),
                icon=":material/stop_circle:",
                type="primary",
                on_click=_on_timer,
                args=(ctx.visit_id, question.id, False),
                disabled=not ctx.editable,
                width="stretch",
            )
        with right:
            _running_count(ctx, question.id, stored.timer_started_at)
            st.caption(_("Running since {time}").format(time=local_time(stored.timer_started_at)))
        return
    if not started:
        with left:
            st.button(
                _("Start timer"),
                key=key(ctx, question.id, "timer-start"),
                icon=":material/timer:",
                on_click=_on_timer,
                args=(ctx.visit_id, question.id, True),
                disabled=not ctx.editable,
                width="stretch",
            )
        with right:
            # A time imported with the visit, or kept from before the timer, is an answer.
            if stored is not None and isinstance(stored.value, int | float):
                st.markdown(
                    _("{time}, recorded without the timer").format(time=_timed(stored.value))
                )
            else:
                st.markdown(_("Not started"))
        return
    with left:
        if stored is not None and isinstance(stored.value, int | float):
            st.markdown(f"{TIMER_ICON} {_timed(stored.value)}")
        else:
            stopped = _("Stopped, no time kept")
            st.markdown(f"{TIMER_ICON} {stopped}")
    if not ctx.editable:
        return
    with right:
        asked = (ctx.visit_id, question.id) in _restart_asked()
        if not asked:
            st.button(
                _("Start again…"),
                key=key(ctx, question.id, "timer-ask"),
                type="tertiary",
                icon=":material/restart_alt:",
                on_click=_ask_restart,
                args=(ctx.visit_id, question.id, True),
            )
            return
        st.warning(_("Start again? The time measured is wiped."), icon=":material/help:")
        yes, no = st.columns(2)
        yes.button(
            _("Yes, start again"),
            key=key(ctx, question.id, "timer-restart"),
            on_click=_on_timer,
            args=(ctx.visit_id, question.id, True, True),
            width="stretch",
        )
        no.button(
            _("Keep the time"),
            key=key(ctx, question.id, "timer-keep"),
            type="primary",
            on_click=_ask_restart,
            args=(ctx.visit_id, question.id, False),
            width="stretch",
        )


RUNNING_COUNT = """<div style="font-size:1.6rem;font-weight:600;font-variant-numeric:tabular-nums">
@@BEFORE@@<span id="jm-timer-{visit}-{generation}-{question}" aria-live="off">
{minutes}:{seconds:02d}</span>@@AFTER@@</div>
<script>
(() => {{
  const base = {base:.3f}, t0 = performance.now();
  const pad = (n) => String(n).padStart(2, "0");
  const tick = () => {{
    const el = document.getElementById("jm-timer-{visit}-{generation}-{question}");
    if (!el) {{ clearInterval(handle); return; }}
    const s = Math.floor(base + (performance.now() - t0) / 1000);
    el.textContent = Math.floor(s / 60) + ":" + pad(s % 60);
  }};
  const handle = setInterval(tick, 250);
  tick();
}})();
</script>"""


def _running_count(ctx: FormContext, question_id: str, started_at: datetime) -> None:
    """A count on screen that goes on between server runs.

    The server's clock stays the measure (Stop takes its own time); the page counts on
    from the seconds the server saw at this run, with the device's monotonic clock, so
    a device clock set wrong does not show a wrong count.
    """
    elapsed = max(0.0, (datetime.now(UTC) - started_at.astimezone(UTC)).total_seconds())
    whole = int(elapsed)
    # Translators: {time} is a running count such as 2:05 (minutes:seconds).
    before, _middle, after = _("{time} elapsed").partition("{time}")
    count = (
        html_with_numbers(
            RUNNING_COUNT,
            visit=ctx.visit_id,
            generation=ctx.generation,
            # A number for the question in the element's id: its id is the
            # questionnaire author's text, which never goes into raw HTML.
            question=zlib.crc32(question_id.encode("utf-8")),
            minutes=whole // 60,
            seconds=whole % 60,
            base=elapsed,
        )
        # The words around the count come from the catalog, never from a person: escaped
        # all the same, as everything put into raw HTML.
        .replace("@@BEFORE@@", html.escape(before))
        .replace("@@AFTER@@", html.escape(after))
    )
    st.html(count, unsafe_allow_javascript=True)


def _photo_widget(ctx: FormContext, question: Question) -> None:
    for photo in ctx.photos.get(question.id, []):
        image_col, button_col = st.columns([3, 1], vertical_alignment="center")
        path = visit_service.photo_path(photo)
        with image_col:
            if Path(path).exists():
                st.image(str(path), width=240)
            size = f"{fmt.number(photo.width)}×{fmt.number(photo.height)}"
            st.caption(plain(f"{photo.original_name} · {size}"))
        with button_col:
            st.button(
                _("Remove"),
                key=key(ctx, question.id, f"remove-{photo.id}"),
                icon=":material/delete:",
                on_click=_on_remove_photo,
                args=(ctx.visit_id, question.id, photo.id),
                disabled=not ctx.editable,
            )
    if not ctx.editable:
        return
    widget = key(ctx, question.id, "upload")
    st.file_uploader(
        _("Take or choose a photo (JPEG, PNG or WebP, at most 5 MB; location data is removed)"),
        type=["jpg", "jpeg", "png", "webp"],
        key=widget,
        on_change=_on_photo,
        args=(ctx.visit_id, question.id, widget),
    )
    # The camera only when asked for: it asks the browser for permission at once.
    if st.toggle(_("Use the tablet's camera"), key=key(ctx, question.id, "camera-on")):
        camera = key(ctx, question.id, "camera")
        st.camera_input(
            _("Take the photo"),
            key=camera,
            on_change=_on_photo,
            args=(ctx.visit_id, question.id, camera),
        )


def answers_of(stored: dict[str, StoredAnswer]) -> dict[str, Answer]:
    return {qid: a.as_answer() for qid, a in stored.items()}

"""The visit form's timer: Start, a running count, Stop, and Start again only when asked."""

from __future__ import annotations

import html
import zlib
from datetime import UTC, datetime

import streamlit as st

from journeymap.i18n import _
from journeymap.i18n import formatting as fmt
from journeymap.model.questionnaire import Question
from journeymap.services import visits as visit_service
from journeymap.services.visits import StoredAnswer
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import current_viewer
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.widgets.shopping.formats import local_time
from journeymap.ui.widgets.shopping.visit_saving import (
    REFUSALS,
    SAVE_ERRORS,
    FormContext,
    bump_generation,
    key,
    pending,
)
from journeymap.ui.widgets.text import html_with_numbers

TIMER_ICON = ":material/timer:"


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


def _timed(value: float) -> str:
    minutes, seconds = divmod(int(value), 60)
    return _("**{total} s** ({minutes} min {seconds} s)").format(
        total=fmt.number(int(value)), minutes=fmt.number(minutes), seconds=fmt.number(seconds)
    )


def timer_widget(ctx: FormContext, question: Question, stored: StoredAnswer | None) -> None:
    """Start, a running count, Stop; a stopped time is text where Stop was (the caller
    draws the N/A box and leaves the timer out when it is ticked).

    Two taps on Stop a moment apart must not start the timer again: once stopped, the
    place of the Stop button holds the measured time (not a button), "Start again" is
    elsewhere and only asks, and the server keeps the first stop (a second is a no-op).
    """
    started_at = stored.timer_started_at if stored is not None else None
    # A time imported with the visit, or kept from before the timer, is an answer too.
    value = stored.value if stored is not None else None
    measured = value if isinstance(value, int | float) else None
    left, right = st.columns([1, 2], vertical_alignment="center")
    if started_at is not None and stored is not None and stored.timer_running:
        with left:
            _timer_button(ctx, question.id, _("Stop"), start=False)
        with right:
            _running_count(ctx, question.id, started_at)
            st.caption(_("Running since {time}").format(time=local_time(started_at)))
    elif started_at is None:
        with left:
            _timer_button(ctx, question.id, _("Start timer"), start=True)
        if measured is not None:
            right.markdown(_("{time}, recorded without the timer").format(time=_timed(measured)))
        else:
            right.markdown(_("Not started"))
    else:
        shown = _timed(measured) if measured is not None else _("Stopped, no time kept")
        left.markdown(f"{TIMER_ICON} {shown}")
        if ctx.editable:
            with right:
                _start_again(ctx, question.id)


def _timer_button(ctx: FormContext, question_id: str, label: str, *, start: bool) -> None:
    """Start is a plain button, Stop the page's primary one: the tap that matters most."""
    st.button(
        label,
        key=key(ctx, question_id, "timer-start" if start else "timer-stop"),
        icon=TIMER_ICON if start else ":material/stop_circle:",
        type="secondary" if start else "primary",
        on_click=_on_timer,
        args=(ctx.visit_id, question_id, start),
        disabled=not ctx.editable,
        width="stretch",
    )


def _start_again(ctx: FormContext, question_id: str) -> None:
    """A stopped timer starts again only after a second, explicit yes."""
    if (ctx.visit_id, question_id) not in _restart_asked():
        st.button(
            _("Start again…"),
            key=key(ctx, question_id, "timer-ask"),
            type="tertiary",
            icon=":material/restart_alt:",
            on_click=_ask_restart,
            args=(ctx.visit_id, question_id, True),
        )
        return
    st.warning(_("Start again? The time measured is wiped."), icon=":material/help:")
    yes, no = st.columns(2)
    yes.button(
        _("Yes, start again"),
        key=key(ctx, question_id, "timer-restart"),
        on_click=_on_timer,
        args=(ctx.visit_id, question_id, True, True),
        width="stretch",
    )
    no.button(
        _("Keep the time"),
        key=key(ctx, question_id, "timer-keep"),
        type="primary",
        on_click=_ask_restart,
        args=(ctx.visit_id, question_id, False),
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

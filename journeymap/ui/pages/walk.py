"""Walk the journey: one touchpoint at a time, on a projector, with the evidence.

Previous and next answer to the buttons and to the keyboard's arrow keys; the step is
in the page address, so a reload comes back to the same step. Notes are saved the
moment they are added.
"""

from __future__ import annotations

import streamlit as st

from journeymap.analytics.walk_path import clamp_step, stage_trail, walk_steps
from journeymap.charts.health import HEALTH_LABELS
from journeymap.model import Journey, Touchpoint
from journeymap.services import workspace_time
from journeymap.services.access import NotAllowed
from journeymap.services.walk import WalkData
from journeymap.services.walk_export import walk_notes_workbook
from journeymap.services.walk_notes import (
    NOTE_KINDS,
    Walk,
    WalkNote,
    add_walk_note,
    may_take_notes,
    walk_notes_of,
)
from journeymap.ui.loaders.sand import load_walk_data
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import require_page
from journeymap.ui.shell.current import current_journey_id
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.shell.navigation import WALK_PAGE
from journeymap.ui.shell.present import presentation_switch
from journeymap.ui.widgets.actions.action_forms import note_action_button
from journeymap.ui.widgets.editor.drafts import acting_viewer
from journeymap.ui.widgets.evidence_filter import evidence_filter_widgets
from journeymap.ui.widgets.text import plain
from journeymap.ui.widgets.walk.walk_cards import FEELINGS, evidence_cards
from journeymap.ui.widgets.walk.walk_session import new_walk, shown_walk, walk_for_note

TITLE = "Walk the journey"
PATH_CHOICES = {"main": "The main path", "own": "Steps I pick"}
HEALTH_COLOURS = {"sand": "red", "watch": "orange", "good": "green", "no_data": "gray"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render() -> None:
    viewer = require_page(WALK_PAGE)
    journey_id = current_journey_id()
    with st.expander("Set up the walk", expanded=False):
        flt = evidence_filter_widgets(journey_id)
        try:
            data = load_walk_data(viewer, journey_id, flt)
        except NotAllowed as error:
            st.error(plain(str(error)))
            return
        if data is None:
            st.warning("This journey was deleted meanwhile: choose another one.")
            return
        steps = _path_choice(data)
        st.button(
            "Start a new walk",
            on_click=new_walk,
            help="The notes taken from now on belong to a new walk, with a summary of its own.",
        )
    total = len(steps)
    step = _current_step(total)
    # At the top: on a projector the buttons must be on the first screen.
    _navigation(step, total)
    walk = shown_walk(journey_id, may_take_notes(acting_viewer()))
    if step > total:
        _summary(data, steps, walk)
    else:
        _step(data, steps, step, walk)


def _path_choice(data: WalkData) -> list[str]:
    journey = data.report.journey
    choice = st.radio(
        "Walk",
        list(PATH_CHOICES),
        format_func=PATH_CHOICES.__getitem__,
        horizontal=True,
        key=state.WALK_PATH_CHOICE,
    )
    chosen = None
    if choice == "own":
        names = {t.id: t.name for t in journey.touchpoints}
        chosen = st.multiselect(
            "Steps, in the order to walk them",
            list(names),
            format_func=names.__getitem__,
            key=state.WALK_CUSTOM_PATH,
        )
    return walk_steps(journey, data.report.flow.main_path, chosen)


def _current_step(total: int) -> int:
    if state.WALK_STEP not in st.session_state:
        st.session_state[state.WALK_STEP] = st.query_params.get(state.WALK_STEP_QUERY_PARAM, 1)
    step = clamp_step(st.session_state[state.WALK_STEP], total)
    st.session_state[state.WALK_STEP] = step
    st.query_params[state.WALK_STEP_QUERY_PARAM] = str(step)
    return step


def _go(delta: int, total: int) -> None:
    current = clamp_step(st.session_state.get(state.WALK_STEP), total)
    st.session_state[state.WALK_STEP] = clamp_step(current + delta, total)


def _navigation(step: int, total: int) -> None:
    # The arrow keys are the shortcuts, and Streamlit draws each key on its button: the
    # labels carry no arrows of their own.
    back, middle, forward, present = st.columns([1, 4, 1, 1], vertical_alignment="center")
    with present:
        presentation_switch()
    with back:
        st.button(
            "Previous",
            on_click=_go,
            args=(-1, total),
            disabled=step <= 1,
            shortcut="Left",
            width="stretch",
        )
    with middle:
        st.progress(min(step, total) / max(total, 1))
    with forward:
        st.button(
            "Next" if step < total else "Summary",
            on_click=_go,
            args=(1, total),
            disabled=step > total,
            shortcut="Right",
            type="primary",
            width="stretch",
        )


def _step(data: WalkData, steps: list[str], step: int, walk: Walk | None) -> None:
    journey = data.report.journey
    touchpoint = journey.touchpoint(steps[step - 1])
    item = data.report.item(touchpoint.id)
    trail = " › ".join(
        f"**{plain(name)}**" if current else plain(name)
        for name, current in stage_trail(journey, touchpoint.id)
    )
    st.markdown(trail)
    colour = HEALTH_COLOURS[item.health]
    st.caption(f"Step {step} of {len(steps)}")
    st.title(plain(touchpoint.name))
    facts = [touchpoint.channel, f"owner: {touchpoint.owner or 'nobody yet'}"]
    if touchpoint.moment_of_truth:
        facts.append("moment of truth")
    st.markdown(f":{colour}-badge[{HEALTH_LABELS[item.health]}] " + plain(" · ".join(facts)))
    if touchpoint.promise:
        st.info("**Our promise:** " + plain(touchpoint.promise))
    does, thinks, feels = st.columns(3, gap="large")
    does.markdown("**Does**\n\n" + plain(touchpoint.does or "—"))
    thinks.markdown(
        "**Thinks**\n\n" + (f"“{plain(touchpoint.thinks)}”" if touchpoint.thinks else "—")
    )
    planned = FEELINGS.get(touchpoint.feels) if touchpoint.feels is not None else "not planned"
    feels.markdown(f"**Feels (planned)**\n\n{planned}")
    _map_lanes(touchpoint)
    evidence_cards(
        data.report.evidence[touchpoint.id],
        data.extras[touchpoint.id],
        journey.targets_for(touchpoint.id),
        item,
    )
    _notes(journey, touchpoint.id, step, walk)


def _map_lanes(touchpoint: Touchpoint) -> None:
    """The journey map's lower lanes for this step: what hurts, what could be better,
    and what happens backstage (and who owns it)."""
    pains, chances, backstage = st.columns(3, gap="large")
    with pains, st.container(border=True):
        st.markdown("**Pain points**")
        _bullets(touchpoint.pain_points, "None written down yet.")
    with chances, st.container(border=True):
        st.markdown("**Opportunities**")
        _bullets(touchpoint.opportunities, "None written down yet.")
    with backstage, st.container(border=True):
        st.markdown("**Backstage**")
        st.markdown(plain(f"Owner: {touchpoint.owner or 'nobody yet'}"))
        if touchpoint.backstage.strip():
            st.markdown(plain(touchpoint.backstage))


def _bullets(texts: list[str], empty: str) -> None:
    texts = [t for t in texts if t.strip()]
    if not texts:
        st.caption(empty)
        return
    st.markdown("\n".join(f"- {plain(t)}" for t in texts))


def _notes(journey: Journey, touchpoint_id: str, step: int, walk: Walk | None) -> None:
    st.subheader("Notes")
    viewer = acting_viewer()
    if may_take_notes(viewer):
        with st.form(f"walk-note-{touchpoint_id}", clear_on_submit=True, border=False):
            kind_col, text_col, save_col = st.columns([1, 4, 1], vertical_alignment="bottom")
            kind = kind_col.selectbox("Kind", NOTE_KINDS, key=f"{state.WALK_NOTE_KIND}-{step}")
            text = text_col.text_input(
                "Note", placeholder="What did we notice?", key=f"{state.WALK_NOTE_TEXT}-{step}"
            )
            if save_col.form_submit_button("Add note", width="stretch"):
                try:
                    walk = walk_for_note(viewer, journey.id)
                    add_walk_note(
                        viewer, get_engine(), journey.id, touchpoint_id, kind, text, walk_id=walk.id
                    )
                except (NotAllowed, ValueError) as error:
                    st.error(plain(str(error)))
        st.caption(plain(f"Notes are signed {viewer.name}."))
    if walk is None:
        return
    for note in reversed(walk_notes_of(get_engine(), journey.id, touchpoint_id, walk_id=walk.id)):
        st.markdown(f"- **{plain(note.kind)}**: {plain(note.text)} — {_signature(note)}")
        note_action_button(note.id)


def _signature(note: WalkNote) -> str:
    return f"*{plain(note.author)}, {note.created_at:%d %b %H:%M}*"


def _summary(data: WalkData, steps: list[str], walk: Walk | None) -> None:
    journey = data.report.journey
    st.title("Summary of the walk")
    started = (
        f", started {workspace_time.shown_moment(walk.started_at):%d %b %Y %H:%M} "
        f"by {walk.started_by}"
        if walk is not None
        else ""
    )
    st.caption(plain(f"{journey.name}: {len(steps)} steps walked{started}"))
    sand = [i for i in data.report.items if i.health == "sand"]
    st.subheader("Sand in the machine")
    if not sand:
        st.caption("No touchpoint is sand on this evidence.")
    for item in sand:
        st.markdown(f"- **{plain(item.name)}** — " + plain("; ".join(item.reasons[:2])))
    st.subheader("Notes of this walk")
    notes = walk_notes_of(get_engine(), journey.id, walk_id=walk.id) if walk is not None else []
    st.download_button(
        "Notes as a spreadsheet (.xlsx)",
        walk_notes_workbook(get_engine(), journey, walk, steps),
        file_name=f"{journey.id}-walk-notes.xlsx",
        mime=XLSX,
        icon=":material/download:",
        disabled=not notes,
    )
    if not notes:
        st.caption("No notes were taken on this walk.")
    names = {t.id: t.name for t in journey.touchpoints}
    for note in notes:
        where = names.get(note.touchpoint_id, note.touchpoint_id)
        st.markdown(
            f"- **{plain(where)}** — {plain(note.kind)}: {plain(note.text)} — {_signature(note)}"
        )


if __name__ == "__main__":
    render()

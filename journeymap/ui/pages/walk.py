"""Walk the journey: one touchpoint at a time, on a projector, with the evidence.

Previous and next answer to the buttons and to the keyboard's arrow keys; the step is
in the page address, so a reload comes back to the same step. Notes are saved the
moment they are added.
"""

from __future__ import annotations

import streamlit as st

from journeymap.analytics.walk_path import clamp_step, stage_trail, walk_steps
from journeymap.charts.channels import channel_name
from journeymap.charts.health import HEALTH_LABELS
from journeymap.i18n import N_, _, ngettext
from journeymap.i18n import formatting as fmt
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

TITLE = N_("Walk the journey")
PATH_CHOICES = {"main": N_("The main path"), "own": N_("Steps I pick")}
# The kinds are stored as these English words; the reader sees them in words of theirs.
NOTE_KIND_NAMES = {
    # Translators: a kind of note taken on a journey walk.
    "pain point": N_("pain point"),
    # Translators: a kind of note taken on a journey walk.
    "idea": N_("idea"),
    # Translators: a kind of note taken on a journey walk.
    "question": N_("question"),
}
HEALTH_COLOURS = {"sand": "red", "watch": "orange", "good": "green", "no_data": "gray"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render() -> None:
    viewer = require_page(WALK_PAGE)
    journey_id = current_journey_id()
    with st.expander(_("Set up the walk"), expanded=False):
        flt = evidence_filter_widgets(journey_id)
        try:
            data = load_walk_data(viewer, journey_id, flt)
        except NotAllowed as error:
            st.error(plain(str(error)))
            return
        if data is None:
            st.warning(_("This journey was deleted meanwhile: choose another one."))
            return
        steps = _path_choice(data)
        st.button(
            _("Start a new walk"),
            on_click=new_walk,
            help=_("The notes taken from now on belong to a new walk, with a summary of its own."),
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
        _("Walk"),
        list(PATH_CHOICES),
        format_func=lambda choice: _(PATH_CHOICES[choice]),
        horizontal=True,
        key=state.WALK_PATH_CHOICE,
    )
    chosen = None
    if choice == "own":
        names = {t.id: t.name for t in journey.touchpoints}
        chosen = st.multiselect(
            _("Steps, in the order to walk them"),
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
            _("Previous"),
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
            _("Next") if step < total else _("Summary"),
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
    st.caption(
        _("Step {step} of {total}").format(step=fmt.number(step), total=fmt.number(len(steps)))
    )
    st.title(plain(touchpoint.name))
    owner = touchpoint.owner or _("nobody yet")
    facts = [channel_name(touchpoint.channel), _("owner: {owner}").format(owner=owner)]
    if touchpoint.moment_of_truth:
        facts.append(_("moment of truth"))
    badge = f":{colour}-badge[{_(HEALTH_LABELS[item.health])}]"
    st.markdown(badge + " " + plain(" · ".join(facts)))
    if touchpoint.promise:
        st.info(_("**Our promise:** {promise}").format(promise=plain(touchpoint.promise)))
    does, thinks, feels = st.columns(3, gap="large")
    does.markdown(_("**Does**") + "\n\n" + plain(touchpoint.does or "—"))
    thinks.markdown(
        _("**Thinks**") + "\n\n" + (f"“{plain(touchpoint.thinks)}”" if touchpoint.thinks else "—")
    )
    planned = _(FEELINGS[touchpoint.feels]) if touchpoint.feels in FEELINGS else _("not planned")
    feels.markdown(_("**Feels (planned)**") + f"\n\n{planned}")
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
        st.markdown(_("**Pain points**"))
        _bullets(touchpoint.pain_points, _("None written down yet."))
    with chances, st.container(border=True):
        st.markdown(_("**Opportunities**"))
        _bullets(touchpoint.opportunities, _("None written down yet."))
    with backstage, st.container(border=True):
        st.markdown(_("**Backstage**"))
        owner = touchpoint.owner or _("nobody yet")
        st.markdown(plain(_("Owner: {owner}").format(owner=owner)))
        if touchpoint.backstage.strip():
            st.markdown(plain(touchpoint.backstage))


def _bullets(texts: list[str], empty: str) -> None:
    texts = [t for t in texts if t.strip()]
    if not texts:
        st.caption(empty)
        return
    st.markdown("\n".join(f"- {plain(t)}" for t in texts))


def _notes(journey: Journey, touchpoint_id: str, step: int, walk: Walk | None) -> None:
    st.subheader(_("Notes"))
    viewer = acting_viewer()
    if may_take_notes(viewer):
        with st.form(f"walk-note-{touchpoint_id}", clear_on_submit=True, border=False):
            kind_col, text_col, save_col = st.columns([1, 4, 1], vertical_alignment="bottom")
            kind = kind_col.selectbox(
                _("Kind"), NOTE_KINDS, format_func=_kind, key=f"{state.WALK_NOTE_KIND}-{step}"
            )
            text = text_col.text_input(
                _("Note"),
                placeholder=_("What did we notice?"),
                key=f"{state.WALK_NOTE_TEXT}-{step}",
            )
            if save_col.form_submit_button(_("Add note"), width="stretch"):
                try:
                    walk = walk_for_note(viewer, journey.id)
                    add_walk_note(
                        viewer, get_engine(), journey.id, touchpoint_id, kind, text, walk_id=walk.id
                    )
                except (NotAllowed, ValueError) as error:
                    st.error(plain(str(error)))
        st.caption(plain(_("Notes are signed {name}.").format(name=viewer.name)))
    if walk is None:
        return
    for note in reversed(walk_notes_of(get_engine(), journey.id, touchpoint_id, walk_id=walk.id)):
        st.markdown(f"- **{plain(_kind(note.kind))}**: {plain(note.text)} — {_signature(note)}")
        note_action_button(note.id)


def _kind(kind: str) -> str:
    known = NOTE_KIND_NAMES.get(kind)
    return _(known) if known is not None else kind


def _signature(note: WalkNote) -> str:
    written = plain(fmt.moment(workspace_time.shown_moment(note.created_at)))
    return f"*{plain(note.author)}, {written}*"


def _summary(data: WalkData, steps: list[str], walk: Walk | None) -> None:
    journey = data.report.journey
    st.title(_("Summary of the walk"))
    count = fmt.number(len(steps))
    if walk is None:
        line = ngettext(
            "{journey}: {count} step walked", "{journey}: {count} steps walked", len(steps)
        ).format(journey=journey.name, count=count)
    else:
        line = ngettext(
            "{journey}: {count} step walked, started {moment} by {person}",
            "{journey}: {count} steps walked, started {moment} by {person}",
            len(steps),
        ).format(
            journey=journey.name,
            count=count,
            moment=fmt.moment(workspace_time.shown_moment(walk.started_at)),
            person=walk.started_by,
        )
    st.caption(plain(line))
    sand = [i for i in data.report.items if i.health == "sand"]
    st.subheader(_("Sand in the machine"))
    if not sand:
        st.caption(_("No touchpoint is sand on this evidence."))
    for item in sand:
        st.markdown(f"- **{plain(item.name)}** — " + plain("; ".join(item.reasons[:2])))
    st.subheader(_("Notes of this walk"))
    notes = walk_notes_of(get_engine(), journey.id, walk_id=walk.id) if walk is not None else []
    st.download_button(
        _("Notes as a spreadsheet (.xlsx)"),
        walk_notes_workbook(get_engine(), journey, walk, steps),
        file_name=f"{journey.id}-walk-notes.xlsx",
        mime=XLSX,
        icon=":material/download:",
        disabled=not notes,
    )
    if not notes:
        st.caption(_("No notes were taken on this walk."))
    names = {t.id: t.name for t in journey.touchpoints}
    for note in notes:
        where = names.get(note.touchpoint_id, note.touchpoint_id)
        st.markdown(
            f"- **{plain(where)}** — {plain(_kind(note.kind))}: {plain(note.text)} — "
            + _signature(note)
        )


if __name__ == "__main__":
    render()

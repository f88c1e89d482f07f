"""Edit journey: the canvas (the journey drawn, edited by hand) and the tables for bulk
edits; every edit is kept as a draft on the server until saved or discarded."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from journeymap.analytics.journey_edit import check_draft
from journeymap.analytics.problem_places import named_sentence, place_of
from journeymap.i18n import N_, _, ngettext
from journeymap.model import Problem
from journeymap.services.journeys import get_journey
from journeymap.ui.loaders.journeys import list_journeys
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import require_page
from journeymap.ui.shell.current import current_journey_id
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.shell.navigation import EDIT_PAGE
from journeymap.ui.widgets.editor.canvas import canvas
from journeymap.ui.widgets.editor.canvas_panel import panel
from journeymap.ui.widgets.editor.drafts import Draft, author, current_draft, latest
from journeymap.ui.widgets.editor.edit_journey import journey_section, stages_section
from journeymap.ui.widgets.editor.edit_links import (
    entries_section,
    metrics_section,
    transitions_section,
)
from journeymap.ui.widgets.editor.edit_touchpoints import touchpoints_section
from journeymap.ui.widgets.editor.saving import discard, merge_panel, save
from journeymap.ui.widgets.text import plain

TITLE = N_("Edit journey")
CANVAS = N_("Canvas")
JOURNEY = N_("Journey")
STAGES = N_("Stages")
TOUCHPOINT_TABLE = N_("Table: touchpoints")
# View → the problem sections shown in it (the canvas shows every touchpoint's).
SECTIONS = {
    CANVAS: ("touchpoints", "transitions", "entries"),
    JOURNEY: ("journey", "metrics"),
    STAGES: ("stages",),
    TOUCHPOINT_TABLE: ("touchpoints",),
    N_("Table: transitions & entries"): ("transitions", "entries"),
}


def render() -> None:
    require_page(EDIT_PAGE)
    journey_id = current_journey_id(_("or create one on the New journey page"))
    summaries = list_journeys()
    stored = get_journey(get_engine(), journey_id)
    if stored is None:
        st.warning(_("This journey was deleted meanwhile: choose another one in the sidebar."))
        return
    draft = current_draft(stored)
    _journey, problems = check_draft(draft.data)
    title_col, save_col, discard_col = st.columns([4, 1, 1], vertical_alignment="bottom")
    name = plain(draft.data.get("name") or stored.journey.name)
    title_col.title(_("Edit: {name}").format(name=name))
    save_clicked = save_col.button(
        _("Save"), type="primary", icon=":material/save:", width="stretch", key=draft.key("save")
    )
    discard_clicked = discard_col.button(
        _("Discard edits"),
        icon=":material/undo:",
        width="stretch",
        disabled=not draft.edited,
        key=draft.key("discard"),
        help=_("Back to revision {revision} as stored.").format(revision=stored.revision),
    )
    _status(draft, stored.revision, stored.saved_by)
    with st.container():
        _notes()
        if discard_clicked:
            discard(stored)
        if save_clicked:
            save(draft)
        merge_panel(latest(journey_id) or draft, stored)
    _problem_summary(problems, draft)
    view = _view_choice(problems)
    draft = latest(journey_id) or draft
    if view == CANVAS:
        drawing, side = st.columns([4, 1.25], gap="medium")
        with drawing:
            canvas(draft, problems)
        with side, st.container(border=True):
            panel(latest(journey_id) or draft, problems)
    elif view == JOURNEY:
        journey_section(draft, [s.id for s in summaries], problems)
        st.subheader(_("Metrics"))
        metrics_section(draft, problems)
    elif view == STAGES:
        stages_section(draft, problems)
    elif view == TOUCHPOINT_TABLE:
        touchpoints_section(draft, problems)
    else:
        transitions_section(draft, problems)
        st.subheader(_("Entries"))
        entries_section(draft, problems)


def _status(draft: Draft, revision: int, saved_by: str) -> None:
    parts = [_("Started from revision {revision}").format(revision=draft.base_revision)]
    parts.append(
        _("unsaved edits, kept as a draft until you save or discard them")
        if draft.edited
        else _("no unsaved edits")
    )
    parts.append(_("saves are recorded under {name}").format(name=author()))
    st.caption(plain(" · ".join(parts)))
    if revision != draft.base_revision:
        st.info(
            plain(
                _(
                    "{name} saved revision {revision} after you started editing. Saving "
                    "merges their changes with yours and asks only where you both changed "
                    "the same thing."
                ).format(name=saved_by, revision=revision)
            ),
            icon=":material/group:",
        )


def _notes() -> None:
    for note in st.session_state.pop(state.EDIT_NOTES, None) or []:
        st.info(plain(note), icon=":material/info:")


def _counts(problems: list[Problem]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for problem in problems:
        section = place_of(problem.location).section
        views = [v for v, parts in SECTIONS.items() if section in parts and v != CANVAS]
        counts[views[0] if views else JOURNEY] += 1
        if section in SECTIONS[CANVAS]:
            counts[CANVAS] += 1
    return counts


def _problem_summary(problems: list[Problem], draft: Draft) -> None:
    if not problems:
        st.success(_("The journey is valid and can be saved."), icon=":material/check_circle:")
        return
    count = len(problems)
    label = ngettext(
        "⚠ {count} problem to fix before the journey can be saved (each is also shown "
        "where it is: a red touchpoint on the canvas)",
        "⚠ {count} problems to fix before the journey can be saved (each is also shown "
        "where it is: a red touchpoint on the canvas)",
        count,
    ).format(count=count)
    with st.expander(label, expanded=False):
        st.markdown("\n".join(f"- {plain(named_sentence(p, draft.data))}" for p in problems))


def _view_choice(problems: list[Problem]) -> str:
    counts = _counts(problems)

    def label(view: str) -> str:
        return f"{_(view)} ⚠ {counts[view]}" if counts[view] else _(view)

    choice = st.segmented_control(
        _("View"),
        list(SECTIONS),
        format_func=label,
        default=CANVAS,
        key=state.EDITOR_SECTION,
        label_visibility="collapsed",
    )
    return choice or CANVAS


if __name__ == "__main__":  # run as a page by st.navigation; importable for tests
    render()

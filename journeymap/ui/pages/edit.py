"""Edit journey: everything the model holds, held as a draft until saved or discarded."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from journeymap.analytics.journey_edit import check_draft
from journeymap.analytics.problem_places import place_of
from journeymap.model import Problem
from journeymap.services.journeys import get_journey
from journeymap.ui.loaders.journeys import list_journeys
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import require_page
from journeymap.ui.shell.current import current_journey_id
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.shell.navigation import EDIT_PAGE
from journeymap.ui.widgets.editor.drafts import Draft, author, current_draft, latest
from journeymap.ui.widgets.editor.edit_journey import journey_section, stages_section
from journeymap.ui.widgets.editor.edit_links import (
    entries_section,
    metrics_section,
    transitions_section,
)
from journeymap.ui.widgets.editor.edit_touchpoints import touchpoints_section
from journeymap.ui.widgets.editor.saving import discard, save, stale_panel
from journeymap.ui.widgets.text import plain

TITLE = "Edit journey"
# Section → the problem sections shown in it.
SECTIONS = {
    "Journey": ("journey", "metrics"),
    "Stages": ("stages",),
    "Touchpoints": ("touchpoints",),
    "Transitions & entries": ("transitions", "entries"),
}


def render() -> None:
    require_page(EDIT_PAGE)
    journey_id = current_journey_id("or create one on the New journey page")
    summaries = list_journeys()
    stored = get_journey(get_engine(), journey_id)
    if stored is None:
        st.warning("This journey was deleted meanwhile: choose another one in the sidebar.")
        return
    draft = current_draft(stored)
    _, problems = check_draft(draft.data)
    st.title(f"Edit: {plain(draft.data.get('name') or stored.journey.name)}")
    _status(draft, stored.revision, stored.saved_by)
    messages = st.container()
    _, save_col, discard_col = st.columns([3, 1, 1], vertical_alignment="bottom")
    save_clicked = save_col.button(
        "Save", type="primary", icon=":material/save:", width="stretch", key=draft.key("save")
    )
    discard_clicked = discard_col.button(
        "Discard edits",
        icon=":material/undo:",
        width="stretch",
        disabled=not draft.edited,
        key=draft.key("discard"),
        help=f"Back to revision {stored.revision} as stored.",
    )
    with messages:
        _notes()
        if discard_clicked:
            discard(stored)
        if save_clicked:
            save(draft)
        stale_panel(latest(journey_id) or draft, stored)
    _problem_summary(problems)
    section = _section_choice(problems)
    draft = latest(journey_id) or draft
    if section == "Journey":
        journey_section(draft, [s.id for s in summaries], problems)
        st.subheader("Metrics")
        metrics_section(draft, problems)
    elif section == "Stages":
        stages_section(draft, problems)
    elif section == "Touchpoints":
        touchpoints_section(draft, problems)
    else:
        transitions_section(draft, problems)
        st.subheader("Entries")
        entries_section(draft, problems)


def _status(draft: Draft, revision: int, saved_by: str) -> None:
    parts = [f"Started from revision {draft.base_revision}"]
    parts.append("unsaved edits" if draft.edited else "no unsaved edits")
    parts.append(f"saves are recorded under {author()}")
    st.caption(plain(" · ".join(parts)))
    if revision != draft.base_revision:
        st.warning(
            plain(
                f"{saved_by} saved revision {revision} after you started editing. Saving "
                "will show what they changed and let you choose."
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
        counts[next((s for s, parts in SECTIONS.items() if section in parts), "Journey")] += 1
    return counts


def _problem_summary(problems: list[Problem]) -> None:
    if not problems:
        st.success("The journey is valid and can be saved.", icon=":material/check_circle:")
        return
    counts = _counts(problems)
    where = ", ".join(f"{n} in {section}" for section, n in counts.items())
    st.warning(
        f"{len(problems)} problem{'s' if len(problems) != 1 else ''} to fix before the "
        f"journey can be saved ({where}). Each is shown in its section.",
        icon=":material/warning:",
    )


def _section_choice(problems: list[Problem]) -> str:
    counts = _counts(problems)

    def label(section: str) -> str:
        return f"{section} ⚠ {counts[section]}" if counts[section] else section

    choice = st.segmented_control(
        "Section",
        list(SECTIONS),
        format_func=label,
        default="Touchpoints",
        key=state.EDITOR_SECTION,
        label_visibility="collapsed",
    )
    return choice or "Touchpoints"


if __name__ == "__main__":  # run as a page by st.navigation; importable for tests
    render()

"""Saving a draft: refused with the model's messages while it is invalid, and, when
someone else saved meanwhile, refused with what they changed and a choice: reload their
version or overwrite it deliberately."""

from __future__ import annotations

from typing import NoReturn

import streamlit as st

from journeymap.analytics.journey_diff import JourneyDiff, diff_journeys
from journeymap.analytics.journey_edit import check_draft
from journeymap.model import Journey, Problem
from journeymap.services.access import NotAllowed
from journeymap.services.journeys import (
    StaleRevision,
    StoredJourney,
    changes_by_others,
    journey_revision,
    save_journey,
)
from journeymap.ui.shell import state
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.widgets.editor.diff_view import show_diff
from journeymap.ui.widgets.editor.drafts import Draft, acting_viewer, forget, start_from
from journeymap.ui.widgets.editor.importer import problem_sentence
from journeymap.ui.widgets.text import plain, sentence


def problem_list(problems: list[Problem]) -> str:
    return "\n".join(f"- {plain(problem_sentence(p))}" for p in problems)


def save(draft: Draft, *, seen: StaleRevision | None = None) -> None:
    """Save the draft as a new revision, or say on screen why it was not saved.

    ``seen`` is the refusal whose changes the person looked at and chose to overwrite:
    the save goes against the newest revision it showed, never blindly over whatever is
    newest, so a save made while the panel was open is shown too, not lost.
    """
    journey, problems = check_draft(draft.data)
    if journey is None:
        count = len(problems)
        st.error(
            f"Not saved: the journey has {count} problem{'s' if count != 1 else ''}. "
            f"Fix {'them' if count != 1 else 'it'} (each is also shown next to what it is "
            f"about) and save again.\n\n{problem_list(problems)}",
            icon=":material/block:",
        )
        return
    base = seen.newer[-1].revision if seen else draft.base_revision
    try:
        stored = save_journey(acting_viewer(), get_engine(), journey, base_revision=base)
    except NotAllowed as error:
        st.error(plain(str(error)), icon=":material/block:")
        return
    except StaleRevision as error:
        if seen is None:
            _stale_saves()[draft.journey_id] = error
            return
        _saved_again(draft, seen, error)
    _stale_saves().pop(draft.journey_id, None)
    forget(draft.journey_id)
    st.session_state[state.FLASH_MESSAGE] = f"Saved {journey.name} as revision {stored.revision}."
    st.rerun()


def _saved_again(draft: Draft, seen: StaleRevision, error: StaleRevision) -> NoReturn:
    """The overwrite was refused: show every change since the draft started, anew."""
    newer = seen.newer + error.newer
    _stale_saves()[draft.journey_id] = StaleRevision(draft.journey_id, draft.base_revision, newer)
    authors = ", ".join(sorted({r.author for r in error.newer}))
    st.session_state[state.EDIT_NOTES] = [
        f"Not overwritten: {authors} saved again while you were looking (now revision "
        f"{newer[-1].revision}). What they changed below includes it; choose again."
    ]
    # The panel on screen was drawn from the older refusal.
    st.rerun()


def discard(stored: StoredJourney) -> None:
    _stale_saves().pop(stored.journey.id, None)
    start_from(stored)
    st.session_state[state.FLASH_MESSAGE] = (
        f"Discarded your edits: back to revision {stored.revision}."
    )
    st.rerun()


def _stale_saves() -> dict[str, StaleRevision]:
    return st.session_state.setdefault(state.STALE_SAVES, {})


def stale_panel(draft: Draft, stored: StoredJourney) -> None:
    """What the other person changed, and the two ways forward."""
    error = _stale_saves().get(draft.journey_id)
    if error is None:
        return
    theirs = changes_by_others(get_engine(), error)
    with st.container(border=True):
        st.error(plain(sentence(str(error).replace(" (--force in the CLI)", ""))))
        left, right = st.columns(2, gap="large")
        with left:
            st.subheader("What they changed")
            show_diff(theirs, empty="Nothing that differs from what you started from.")
        with right:
            st.subheader("What you changed")
            show_diff(_your_changes(draft), empty="Nothing yet.")
        reload_col, overwrite_col = st.columns(2)
        if reload_col.button(
            "Reload their version (drop my edits)", key=draft.key("stale-reload"), width="stretch"
        ):
            discard(stored)
        if overwrite_col.button(
            "Overwrite with my version",
            key=draft.key("stale-overwrite"),
            type="primary",
            width="stretch",
            help="Saves your draft over the changes shown here. Their revision stays in "
            "the history and can be restored there.",
        ):
            save(draft, seen=error)


def _your_changes(draft: Draft) -> JourneyDiff:
    base = journey_revision(get_engine(), draft.journey_id, draft.base_revision)
    mine: Journey | None = check_draft(draft.data)[0]
    if base is None or mine is None:
        return JourneyDiff()
    return diff_journeys(base, mine)

"""Unsaved edits: one draft per journey in session state, until saved or discarded.

A draft remembers the revision it started from, so that a save made after someone
else's is caught (see ui.saving), and a version that is part of every editor widget's
key: replacing the draft (discard, reload, a grid edit) bumps it, and the widgets are
drawn afresh from the draft instead of keeping what they showed before.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace

import streamlit as st

from journeymap import settings
from journeymap.analytics.journey_edit import JourneyData, draft_of
from journeymap.model.access import LOCAL_OWNER, Viewer
from journeymap.store.journeys import StoredJourney
from journeymap.ui import state
from journeymap.ui.text import plain


@dataclass(frozen=True)
class Draft:
    journey_id: str
    base_revision: int
    data: JourneyData
    origin: JourneyData  # the stored revision's data the draft started from
    version: int = 0

    @property
    def edited(self) -> bool:
        return self.data != self.origin

    def key(self, name: str) -> str:
        """A widget key for this draft's current version."""
        return f"{state.EDITOR_WIDGET}-{self.journey_id}-{self.version}-{name}"


def _drafts() -> dict[str, Draft]:
    return st.session_state.setdefault(state.DRAFTS, {})


def current_draft(stored: StoredJourney) -> Draft:
    """The session's draft of this journey; a fresh one from the stored revision if none.

    A draft without edits follows newer saves (someone else's included) silently; one
    with edits keeps its base revision, so that saving it shows what changed meanwhile.
    """
    draft = _drafts().get(stored.journey.id)
    if draft is None or (draft.base_revision != stored.revision and not draft.edited):
        draft = start_from(stored)
    return draft


def start_from(stored: StoredJourney) -> Draft:
    """Throw the draft away and start again from the stored revision (discard, reload)."""
    old = _drafts().get(stored.journey.id)
    data = draft_of(stored.journey)
    version = old.version + 1 if old else 0
    draft = Draft(stored.journey.id, stored.revision, data, data, version)
    _drafts()[stored.journey.id] = draft
    return draft


def update(draft: Draft, data: JourneyData, *, redraw: bool = False) -> Draft:
    """Store new draft data; ``redraw`` gives every editor widget a fresh key."""
    new = replace(draft, data=data, version=draft.version + (1 if redraw else 0))
    _drafts()[draft.journey_id] = new
    return new


def forget(journey_id: str) -> None:
    _drafts().pop(journey_id, None)


def _signed_in_name() -> str | None:
    viewer = st.session_state.get(state.VIEWER)
    if isinstance(viewer, Viewer) and viewer is not LOCAL_OWNER:
        return viewer.name
    return None


def author() -> str:
    """The name saves are recorded under: the signed-in person; in a workspace without
    accounts, what the person typed, else the default."""
    signed_in = _signed_in_name()
    if signed_in:
        return signed_in
    name = str(st.session_state.get(state.AUTHOR) or "").strip()
    return name or settings.default_author()


def author_input() -> str:
    """A 'your name' field remembered for the session (a widget's own state is dropped
    when its page is left, so the value is kept under a key of its own); signed in,
    the account's name, which nobody can type differently."""
    signed_in = _signed_in_name()
    if signed_in:
        st.caption(plain(f"Saved as {signed_in}."))
        return signed_in
    remembered = st.session_state.get(state.AUTHOR) or settings.default_author()
    name = st.text_input(
        "Your name",
        value=remembered,
        key=f"{state.AUTHOR}-widget",
        help="Recorded with every save as its author, so the history says who changed what.",
    )
    st.session_state[state.AUTHOR] = name.strip() or remembered
    return author()


def latest(journey_id: str) -> Draft | None:
    return _drafts().get(journey_id)


def apply_widget(journey_id: str, path: tuple[str, ...], widget_key: str) -> None:
    """on_change callback: copy a widget's value into the draft at ``path``.

    A callback runs before the page script, so the whole run (problems, a Save pressed
    together with the edit) sees the new value.
    """
    draft = latest(journey_id)
    if draft is None:
        return
    data = copy.deepcopy(draft.data)
    node = data
    for part in path[:-1]:
        node = node.setdefault(part, {})
    value = st.session_state.get(widget_key)
    node[path[-1]] = value if value != "" or path[-1] != "variant_of" else None
    update(draft, data)

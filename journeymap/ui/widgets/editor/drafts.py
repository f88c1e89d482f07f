"""Unsaved edits: one draft per journey and person, stored on the server as made.

Every edit is written to the database at once (services.journey_drafts), so a draft
survives a reload, a dropped connection and a server restart; session state only
caches it for the run. A draft remembers the revision it started from, so that a save
made after someone else's is merged with theirs (see ui.saving), and a version that
is part of every editor widget's key: replacing the draft (discard, a canvas gesture,
a grid edit) bumps it, and the widgets are drawn afresh from the draft.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace

import streamlit as st

from journeymap.analytics.journey_edit import JourneyData, draft_of
from journeymap.i18n import _
from journeymap.model.access import LOCAL_OWNER, Viewer
from journeymap.services.access import actor, owner_viewer
from journeymap.services.journey_drafts import discard_draft, my_draft, save_draft
from journeymap.services.journeys import StoredJourney, journey_revision
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import current_viewer
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.widgets.text import plain


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
    """The person's draft of this journey: the session's, else the one stored on the
    server (a reload, another tab, a restart), else a fresh one from the stored revision.

    A draft without edits follows newer saves (someone else's included) silently; one
    with edits keeps its base revision, so that saving it merges what changed meanwhile.
    """
    draft = _drafts().get(stored.journey.id) or _from_server(stored)
    if draft is None or (draft.base_revision != stored.revision and not draft.edited):
        draft = start_from(stored, drop_stored=False)
    return draft


def _from_server(stored: StoredJourney) -> Draft | None:
    engine = get_engine()
    kept = my_draft(acting_viewer(), engine, stored.journey.id)
    if kept is None:
        return None
    base = journey_revision(engine, stored.journey.id, kept.base_revision)
    origin = draft_of(base) if base is not None else draft_of(stored.journey)
    draft = Draft(stored.journey.id, kept.base_revision, kept.data, origin)
    _drafts()[stored.journey.id] = draft
    return draft


def start_from(stored: StoredJourney, *, drop_stored: bool = True) -> Draft:
    """Throw the draft away and start again from the stored revision (discard, reload)."""
    old = _drafts().get(stored.journey.id)
    data = draft_of(stored.journey)
    version = old.version + 1 if old else 0
    draft = Draft(stored.journey.id, stored.revision, data, data, version)
    _drafts()[stored.journey.id] = draft
    if drop_stored:
        discard_draft(acting_viewer(), get_engine(), stored.journey.id, saved=False)
    return draft


def rebase(draft: Draft, base_revision: int, origin: JourneyData, data: JourneyData) -> Draft:
    """The draft merged onto a newer revision: that revision is its new starting point."""
    new = replace(
        draft, base_revision=base_revision, origin=origin, data=data, version=draft.version + 1
    )
    _drafts()[draft.journey_id] = new
    _persist(new)
    return new


def update(draft: Draft, data: JourneyData, *, redraw: bool = False) -> Draft:
    """Store new draft data (on the server too); ``redraw`` gives every editor widget a
    fresh key."""
    new = replace(draft, data=data, version=draft.version + (1 if redraw else 0))
    _drafts()[draft.journey_id] = new
    _persist(new)
    return new


def _persist(draft: Draft) -> None:
    viewer, engine = acting_viewer(), get_engine()
    if draft.edited:
        save_draft(viewer, engine, draft.journey_id, draft.base_revision, draft.data)
    else:
        # Edited back to what was stored: nothing is unsaved any more.
        discard_draft(viewer, engine, draft.journey_id, saved=False)


def forget(journey_id: str, *, saved: bool = True) -> None:
    _drafts().pop(journey_id, None)
    discard_draft(acting_viewer(), get_engine(), journey_id, saved=saved)


def acting_viewer() -> Viewer:
    """The person every change of this run is made by, and signed with: the signed-in
    account; in a workspace without accounts, its owner (JOURNEYMAP_AUTHOR, else the
    login name). Nobody types a name: the audit log must say who it was."""
    viewer = current_viewer()
    return owner_viewer() if viewer == LOCAL_OWNER else viewer


def author() -> str:
    """The acting person's name, for pages that still pass a name on themselves."""
    return actor(acting_viewer())


def author_input() -> str:
    """Where a "your name" field used to be: who the change will be recorded under."""
    name = author()
    st.caption(plain(_("Saved as {name}.").format(name=name)))
    return name


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

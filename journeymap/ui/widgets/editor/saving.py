"""Saving a draft: refused with the model's messages while it is invalid; when someone
else saved meanwhile, merged with their revision (three-way, against the revision the
draft started from), asking the person only about what both changed differently."""

from __future__ import annotations

from typing import Any

import streamlit as st

from journeymap.analytics.journey_edit import check_draft, draft_of
from journeymap.analytics.journey_merge import Conflict, MergeResult, Side, merge_drafts
from journeymap.analytics.problem_places import named_sentence
from journeymap.i18n import _, ngettext
from journeymap.model import Problem
from journeymap.services.access import NotAllowed
from journeymap.services.journeys import (
    StaleRevision,
    StoredJourney,
    get_journey,
    journey_revision,
    save_journey,
)
from journeymap.ui.shell import state
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.widgets.editor.drafts import Draft, acting_viewer, forget, rebase, start_from
from journeymap.ui.widgets.text import plain


def problem_list(problems: list[Problem], data: dict[str, Any]) -> str:
    return "\n".join(f"- {plain(named_sentence(p, data))}" for p in problems)


def save(draft: Draft) -> None:
    """Save the draft as a new revision, merged with any saved meanwhile, or say on
    screen why it was not saved."""
    journey, problems = check_draft(draft.data)
    if journey is None:
        count = len(problems)
        headline = ngettext(
            "Not saved: the journey has {count} problem. Fix it (each is also shown next to "
            "what it is about) and save again.",
            "Not saved: the journey has {count} problems. Fix them (each is also shown next to "
            "what it is about) and save again.",
            count,
        ).format(count=count)
        st.error(f"{headline}\n\n{problem_list(problems, draft.data)}", icon=":material/block:")
        return
    try:
        stored = save_journey(
            acting_viewer(), get_engine(), journey, base_revision=draft.base_revision
        )
    except NotAllowed as error:
        st.error(plain(str(error)), icon=":material/block:")
        return
    except StaleRevision as error:
        _merge_with_theirs(draft, error)
        return
    _pending().pop(draft.journey_id, None)
    forget(draft.journey_id)
    st.session_state[state.FLASH_MESSAGE] = _("Saved {name} as revision {revision}.").format(
        name=journey.name, revision=stored.revision
    )
    st.rerun()


def _merge_with_theirs(draft: Draft, error: StaleRevision) -> None:
    engine = get_engine()
    theirs = get_journey(engine, draft.journey_id)
    base = journey_revision(engine, draft.journey_id, draft.base_revision)
    if theirs is None:
        st.error(_("Not saved: this journey was deleted meanwhile."), icon=":material/block:")
        return
    base_data = draft_of(base) if base is not None else draft.origin
    result = merge_drafts(base_data, draft_of(theirs.journey), draft.data)
    authors = ", ".join(sorted({r.author for r in error.newer}))
    if result.clean:
        rebased = rebase(draft, theirs.revision, draft_of(theirs.journey), result.data)
        st.session_state[state.EDIT_NOTES] = [
            _(
                "{names} saved revision {revision} while you were editing: their "
                "changes and yours did not overlap, so both are kept."
            ).format(names=authors, revision=theirs.revision)
        ]
        save(rebased)
        return
    _pending()[draft.journey_id] = (theirs.revision, authors)
    st.session_state[state.EDIT_NOTES] = [
        _(
            "{names} saved revision {revision} while you were editing. Everything that does "
            "not overlap is merged; choose below where you both changed the same thing."
        ).format(names=authors, revision=theirs.revision)
    ]
    st.rerun()


def _pending() -> dict[str, tuple[int, str]]:
    return st.session_state.setdefault(state.PENDING_MERGE, {})


def discard(stored: StoredJourney) -> None:
    _pending().pop(stored.journey.id, None)
    start_from(stored)
    st.session_state[state.FLASH_MESSAGE] = _(
        "Discarded your edits: back to revision {revision}."
    ).format(revision=stored.revision)
    st.rerun()


def merge_panel(draft: Draft, stored: StoredJourney) -> None:
    """The questions a merge left: per conflict, keep theirs or mine; then save."""
    waiting = _pending().get(draft.journey_id)
    if waiting is None:
        return
    revision, authors = waiting
    engine = get_engine()
    base = journey_revision(engine, draft.journey_id, draft.base_revision)
    base_data = draft_of(base) if base is not None else draft.origin
    theirs = draft_of(stored.journey)
    first = merge_drafts(base_data, theirs, draft.data)
    with st.container(border=True):
        st.warning(
            plain(
                ngettext(
                    "{names} and you changed the same {count} thing differently. Choose "
                    "which to keep; all other changes of theirs and yours are kept.",
                    "{names} and you changed the same {count} things differently. Choose "
                    "which to keep; all other changes of theirs and yours are kept.",
                    len(first.conflicts),
                ).format(names=authors, count=len(first.conflicts))
            ),
            icon=":material/merge:",
        )
        prefer = {c.key: _choice(draft, c, authors) for c in first.conflicts}
        result: MergeResult = merge_drafts(base_data, theirs, draft.data, prefer)
        keep, drop = st.columns(2)
        if keep.button(_("Save with these choices"), type="primary", key=draft.key("merge-save")):
            _pending().pop(draft.journey_id, None)
            save(rebase(draft, revision, theirs, result.data))
        if drop.button(_("Take their version (drop my edits)"), key=draft.key("merge-drop")):
            discard(stored)


def _choice(draft: Draft, conflict: Conflict, authors: str) -> Side:
    def shown(value: Any) -> str:
        if value is None:
            return _("deleted")
        if isinstance(value, dict):
            return str(value.get("name") or value)
        return str(value)

    options = {
        "ours": _("mine: {value}").format(value=shown(conflict.ours)),
        "theirs": _("{names}'s: {value}").format(names=authors, value=shown(conflict.theirs)),
    }
    picked = st.radio(
        plain(conflict.label[:1].upper() + conflict.label[1:]),
        list(options),
        format_func=options.__getitem__,
        horizontal=True,
        key=draft.key("merge-" + "/".join(conflict.key)),
    )
    return "theirs" if picked == "theirs" else "ours"

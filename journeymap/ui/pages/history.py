"""History: every saved revision, what changed between two, and restoring an old one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from journeymap.services import workspace_time
from journeymap.services.access import NotAllowed
from journeymap.services.journeys import (
    RevisionInfo,
    RevisionMissing,
    StaleRevision,
    get_journey,
    journey_revisions,
    restore_revision,
    revision_diff,
)
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import require_page
from journeymap.ui.shell.current import current_journey_id
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.shell.navigation import HISTORY_PAGE
from journeymap.ui.widgets.editor.diff_view import show_diff
from journeymap.ui.widgets.editor.drafts import acting_viewer, author_input
from journeymap.ui.widgets.text import plain, sentence

TITLE = "History"


def render() -> None:
    require_page(HISTORY_PAGE)
    journey_id = current_journey_id()
    engine = get_engine()
    stored = get_journey(engine, journey_id)
    if stored is None:
        st.warning("This journey was deleted meanwhile: choose another one in the sidebar.")
        return
    revisions = journey_revisions(engine, stored.journey.id)
    st.title(f"History: {plain(stored.journey.name)}")
    st.caption(
        f"{len(revisions)} revision{'s' if len(revisions) != 1 else ''}; every save is one. "
        "The differences read as `python -m journeymap diff` prints them."
    )
    _revision_table(revisions)
    if len(revisions) < 2:
        st.info("There is only one revision: save a change in the editor to see a difference.")
        return
    numbers = [r.revision for r in revisions]
    labels = {r.revision: _label(r) for r in revisions}
    left, right = st.columns(2)
    before = left.selectbox(
        "From revision",
        numbers,
        index=len(numbers) - 2,
        format_func=labels.__getitem__,
        key=f"{state.HISTORY_FROM}-{journey_id}",
    )
    after = right.selectbox(
        "To revision",
        numbers,
        index=len(numbers) - 1,
        format_func=labels.__getitem__,
        key=f"{state.HISTORY_TO}-{journey_id}",
    )
    st.subheader(f"What changed from revision {before} to revision {after}")
    try:
        show_diff(revision_diff(engine, stored.journey.id, before, after))
    except RevisionMissing:
        st.warning("That revision is no longer stored: choose another one.")
    _restore(stored.journey.id, before, stored.revision)


def _label(info: RevisionInfo) -> str:
    saved = workspace_time.shown_moment(info.saved_at)
    return f"{info.revision} · {info.author} · {saved:%Y-%m-%d %H:%M}"


def _revision_table(revisions: list[RevisionInfo]) -> None:
    table = pd.DataFrame(
        [
            {
                "Revision": r.revision,
                "Saved by": r.author,
                f"Saved at ({workspace_time.zone()})": workspace_time.shown_moment(
                    r.saved_at
                ).strftime("%Y-%m-%d %H:%M"),
                "Note": r.note,
            }
            for r in reversed(revisions)
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch", height=min(400, 38 + 35 * len(table)))


def _restore(journey_id: str, revision: int, latest: int) -> None:
    st.subheader("Restore")
    st.caption(
        "Restoring saves the old content as a new revision: nothing in the history is lost, "
        "and a restore can itself be undone."
    )
    with st.container(border=True):
        name_col, button_col = st.columns([3, 2], vertical_alignment="bottom")
        with name_col:
            author_input()
        clicked = button_col.button(
            f"Restore revision {revision} as a new revision",
            disabled=revision == latest,
            type="primary",
            width="stretch",
        )
    if not clicked:
        return
    try:
        saved = restore_revision(
            acting_viewer(), get_engine(), journey_id, revision, base_revision=latest
        )
    except StaleRevision as error:
        st.error(plain(sentence(str(error).replace(" (--force in the CLI)", ""))))
        return
    except RevisionMissing:
        st.error(f"Revision {revision} is no longer stored: choose another one.")
        return
    except NotAllowed as error:
        st.error(plain(str(error)))
        return
    st.session_state[state.FLASH_MESSAGE] = (
        f"Restored revision {revision} as revision {saved.revision}."
    )
    st.rerun()


if __name__ == "__main__":  # run as a page by st.navigation; importable for tests
    render()

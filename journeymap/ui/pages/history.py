"""History: every saved revision, what changed between two, and restoring an old one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from journeymap.i18n import N_, _, ngettext
from journeymap.i18n import formatting as fmt
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
from journeymap.ui.widgets.tables import MISSING
from journeymap.ui.widgets.text import plain, sentence

TITLE = N_("History")


def render() -> None:
    require_page(HISTORY_PAGE)
    journey_id = current_journey_id()
    engine = get_engine()
    stored = get_journey(engine, journey_id)
    if stored is None:
        st.warning(_("This journey was deleted meanwhile: choose another one in the sidebar."))
        return
    revisions = journey_revisions(engine, stored.journey.id)
    st.title(_("History: {name}").format(name=plain(stored.journey.name)))
    st.caption(
        ngettext(
            "{count} revision; every save is one. "
            "The differences read as `python -m journeymap diff` prints them.",
            "{count} revisions; every save is one. "
            "The differences read as `python -m journeymap diff` prints them.",
            len(revisions),
        ).format(count=fmt.number(len(revisions)))
    )
    _revision_table(revisions)
    if len(revisions) < 2:
        st.info(_("There is only one revision: save a change in the editor to see a difference."))
        return
    numbers = [r.revision for r in revisions]
    labels = {r.revision: _label(r) for r in revisions}
    left, right = st.columns(2)
    before = left.selectbox(
        _("From revision"),
        numbers,
        index=len(numbers) - 2,
        format_func=labels.__getitem__,
        key=f"{state.HISTORY_FROM}-{journey_id}",
    )
    after = right.selectbox(
        _("To revision"),
        numbers,
        index=len(numbers) - 1,
        format_func=labels.__getitem__,
        key=f"{state.HISTORY_TO}-{journey_id}",
    )
    st.subheader(
        _("What changed from revision {before} to revision {after}").format(
            before=before, after=after
        )
    )
    try:
        show_diff(revision_diff(engine, stored.journey.id, before, after))
    except RevisionMissing:
        st.warning(_("That revision is no longer stored: choose another one."))
    _restore(stored.journey.id, before, stored.revision)


def _label(info: RevisionInfo) -> str:
    saved = workspace_time.shown_moment(info.saved_at)
    return f"{info.revision} · {info.author} · {fmt.moment(saved)}"


def _revision_table(revisions: list[RevisionInfo]) -> None:
    saved_at = _("Saved at ({zone})").format(zone=workspace_time.zone())
    table = pd.DataFrame(
        [
            {
                _("Revision"): r.revision,
                _("Saved by"): r.author,
                saved_at: fmt.moment(workspace_time.shown_moment(r.saved_at)),
                _("Note"): r.note,
            }
            for r in reversed(revisions)
        ]
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=min(400, 38 + 35 * len(table)),
        placeholder=MISSING,
    )


def _restore(journey_id: str, revision: int, latest: int) -> None:
    st.subheader(_("Restore"))
    st.caption(
        _(
            "Restoring saves the old content as a new revision: nothing in the history is "
            "lost, and a restore can itself be undone."
        )
    )
    with st.container(border=True):
        name_col, button_col = st.columns([3, 2], vertical_alignment="bottom")
        with name_col:
            author_input()
        clicked = button_col.button(
            _("Restore revision {revision} as a new revision").format(revision=revision),
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
        st.error(
            _("Revision {revision} is no longer stored: choose another one.").format(
                revision=revision
            )
        )
        return
    except NotAllowed as error:
        st.error(plain(str(error)))
        return
    st.session_state[state.FLASH_MESSAGE] = _(
        "Restored revision {revision} as revision {saved}."
    ).format(revision=revision, saved=saved.revision)
    st.rerun()


if __name__ == "__main__":  # run as a page by st.navigation; importable for tests
    render()

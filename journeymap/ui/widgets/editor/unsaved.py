"""The sidebar note on every page: which journeys hold edits the person has not saved."""

from __future__ import annotations

import streamlit as st

from journeymap.i18n import _
from journeymap.model.access import Capability
from journeymap.services.journey_drafts import my_drafts
from journeymap.services.journeys import JourneySummary
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.widgets.editor.drafts import acting_viewer
from journeymap.ui.widgets.text import plain


def unsaved_note(summaries: list[JourneySummary]) -> None:
    viewer = acting_viewer()
    if not viewer.can(Capability.EDIT_JOURNEYS):
        return
    names = {s.id: s.name for s in summaries}
    drafts = [d for d in my_drafts(viewer, get_engine()) if d.journey_id in names]
    if not drafts:
        return
    listed = ", ".join(names[d.journey_id] for d in drafts)
    st.sidebar.warning(
        plain(
            _(
                "Unsaved edits (kept as a draft): {names}. Save or discard them on Edit journey."
            ).format(names=listed)
        ),
        icon=":material/edit_note:",
    )

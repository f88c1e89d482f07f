"""The audit log (admins only): who created, changed, approved, imported or deleted what."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.io.spreadsheet_safety import neutralised_csv
from journeymap.services import workspace_time
from journeymap.services.audit import read_audit
from journeymap.ui.shell.auth import require_page
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.shell.navigation import AUDIT_PAGE
from journeymap.ui.widgets.tables import MISSING

SHOWN = 1000
# The columns' names on screen, in the order of the data's.
SHOWN_COLUMNS = (N_("When ({zone})"), N_("Who"), N_("Did"), N_("What"), N_("Which"), N_("Detail"))


def render() -> None:
    viewer = require_page(AUDIT_PAGE)
    st.title(_("Audit log"))
    entries = read_audit(viewer, get_engine(), limit=SHOWN)
    if not entries:
        st.info(_("Nothing recorded yet: saves, reviews, imports and account changes appear here."))
        return
    moments = [workspace_time.shown_moment(e.at) for e in entries]
    # The data keeps its own column names (the CSV's, read by machines too); the screen
    # shows them, and the moments, in the reader's language.
    frame = pd.DataFrame(
        {
            f"When ({workspace_time.zone()})": [m.strftime("%Y-%m-%d %H:%M:%S") for m in moments],
            "Who": [e.actor for e in entries],
            "Did": [e.action for e in entries],
            "What": [e.object_kind for e in entries],
            "Which": [e.object_id for e in entries],
            "Detail": [e.detail for e in entries],
        }
    )
    left, middle, right = st.columns(3)
    who = left.multiselect(_("Who"), sorted(frame["Who"].unique()))
    did = middle.multiselect(_("Did"), sorted(frame["Did"].unique()))
    what = right.multiselect(_("What"), sorted(frame["What"].unique()))
    for column, chosen in (("Who", who), ("Did", did), ("What", what)):
        if chosen:
            frame = frame[frame[column].isin(chosen)]
    st.caption(
        _("{shown} of the newest {count} entries (newest first).").format(
            shown=fmt.number(len(frame)), count=fmt.number(len(entries))
        )
    )
    st.dataframe(_on_screen(frame, moments), hide_index=True, width="stretch", placeholder=MISSING)
    st.download_button(
        _("Download as CSV"),
        neutralised_csv(frame).encode("utf-8"),
        file_name="journeymap-audit-log.csv",
        mime="text/csv",
        icon=":material/download:",
    )


def _on_screen(frame: pd.DataFrame, moments: list[datetime]) -> pd.DataFrame:
    shown = frame.copy()
    shown[shown.columns[0]] = [fmt.moment(moments[i]) for i in frame.index]
    shown.columns = [
        _(SHOWN_COLUMNS[0]).format(zone=workspace_time.zone()),
        *(_(name) for name in SHOWN_COLUMNS[1:]),
    ]
    return shown


if __name__ == "__main__":
    render()

"""The audit log (admins only): who created, changed, approved, imported or deleted what."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from journeymap.io.spreadsheet_safety import neutralised_csv
from journeymap.services import workspace_time
from journeymap.services.audit import read_audit
from journeymap.ui.shell.auth import require_page
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.shell.navigation import AUDIT_PAGE

SHOWN = 1000


def render() -> None:
    viewer = require_page(AUDIT_PAGE)
    st.title("Audit log")
    entries = read_audit(viewer, get_engine(), limit=SHOWN)
    if not entries:
        st.info("Nothing recorded yet: saves, reviews, imports and account changes appear here.")
        return
    frame = pd.DataFrame(
        {
            f"When ({workspace_time.zone()})": [
                workspace_time.shown_moment(e.at).strftime("%Y-%m-%d %H:%M:%S") for e in entries
            ],
            "Who": [e.actor for e in entries],
            "Did": [e.action for e in entries],
            "What": [e.object_kind for e in entries],
            "Which": [e.object_id for e in entries],
            "Detail": [e.detail for e in entries],
        }
    )
    left, middle, right = st.columns(3)
    who = left.multiselect("Who", sorted(frame["Who"].unique()))
    did = middle.multiselect("Did", sorted(frame["Did"].unique()))
    what = right.multiselect("What", sorted(frame["What"].unique()))
    for column, chosen in (("Who", who), ("Did", did), ("What", what)):
        if chosen:
            frame = frame[frame[column].isin(chosen)]
    st.caption(f"{len(frame)} of the newest {len(entries)} entries (newest first).")
    st.dataframe(frame, hide_index=True, width="stretch")
    st.download_button(
        "Download as CSV",
        neutralised_csv(frame).encode("utf-8"),
        file_name="journeymap-audit-log.csv",
        mime="text/csv",
        icon=":material/download:",
    )


if __name__ == "__main__":
    render()

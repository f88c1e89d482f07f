"""The journey's imports on the Import page: what each did, and an undo that asks first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from journeymap.io.survey_import.origins import BEFORE_BATCHES
from journeymap.model import Journey
from journeymap.model.access import Viewer
from journeymap.services import workspace_time
from journeymap.services.access import NotAllowed
from journeymap.services.import_batches import BatchInfo, list_batches, plan_undo, undo_batch
from journeymap.ui.shell import state
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.widgets.text import plain, sentence

COUNT_COLUMNS = {
    "rows_read": "Rows read",
    "added": "New",
    "already_there": "Already there",
    "conflicting": "Conflicting",
    "rejected": "Rejected",
    "without_score": "Without a score",
    "left_out": "Test rows left out",
    "too_old": "Too old to call back",
    "cases_created": "Call-back cases",
}


def batches_table(batches: list[BatchInfo]) -> pd.DataFrame:
    """One row per import, newest first, as a person reads it (text cells stay text)."""
    rows = []
    for batch in batches:
        when = workspace_time.shown_moment(batch.at)
        row: dict[str, object] = {
            "Import": batch.id,
            "When": f"{when:%Y-%m-%d %H:%M}",
            "By": batch.by,
            "Source": batch.source,
            "File": batch.file,
            "Responses now": batch.responses,
        }
        row |= {label: batch.counts.get(key, 0) for key, label in COUNT_COLUMNS.items()}
        row["Undone"] = (
            f"{workspace_time.shown_moment(batch.undone_at):%Y-%m-%d %H:%M} by {batch.undone_by}"
            if batch.undone_at is not None
            else ""
        )
        rows.append(row)
    return pd.DataFrame(rows)


def import_batches(viewer: Viewer, journey: Journey) -> None:
    """The list of imports and the confirmed undo of one of them."""
    st.subheader("Imports into this journey")
    done = st.session_state.pop(state.VOC_UNDO_DONE, None)
    if done:
        st.success(plain(sentence(done)))
    try:
        batches = list_batches(viewer, get_engine(), journey.id)
    except NotAllowed as error:
        st.error(plain(str(error)))
        return
    if not batches:
        st.caption("No imports yet.")
        return
    st.dataframe(batches_table(batches), hide_index=True, width="stretch")
    live = [b for b in batches if b.undone_at is None and b.kind != BEFORE_BATCHES]
    if not live:
        return
    with st.expander("Undo an import"):
        _undo(viewer, live)


def _undo(viewer: Viewer, live: list[BatchInfo]) -> None:
    names = {b.id: f"Import {b.id}: {b.file or b.source} ({b.responses:,} responses)" for b in live}
    chosen = st.selectbox(
        "Import to undo", list(names), format_func=names.__getitem__, key=state.VOC_UNDO_BATCH
    )
    try:
        plan = plan_undo(viewer, get_engine(), int(chosen))
    except (NotAllowed, ValueError) as error:
        st.error(plain(sentence(str(error))))
        return
    st.markdown(
        plain(
            f"Undoing import {chosen} removes its {plan.responses:,} responses and the "
            f"{plan.cases:,} call-back cases made from them."
        )
    )
    if plan.relied_on_by:
        later = ", ".join(f"import {b} ({n})" for b, n in sorted(plan.relied_on_by.items()))
        st.warning(
            plain(
                f"Later imports found some of these answers already there: {later}. Import "
                "their files again afterwards to keep those answers."
            )
        )
    force = False
    if plan.worked_cases:
        force = st.checkbox(
            f"Also remove the {plan.worked_cases} call-back cases someone has already worked",
            key=state.VOC_UNDO_WORKED,
        )
    sure = st.checkbox("Yes, undo this import", key=state.VOC_UNDO_CONFIRM)
    blocked = not sure or (plan.worked_cases > 0 and not force)
    if st.button("Undo the import", type="primary", disabled=blocked):
        try:
            result = undo_batch(viewer, get_engine(), int(chosen), force=force)
        except (NotAllowed, ValueError) as error:
            st.error(plain(sentence(str(error))))
            return
        st.session_state[state.VOC_UNDO_DONE] = result.sentence()
        for key in (state.VOC_UNDO_CONFIRM, state.VOC_UNDO_WORKED, state.VOC_UNDO_BATCH):
            st.session_state.pop(key, None)
        st.rerun()

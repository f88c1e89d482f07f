"""The journey's imports on the Import page: what each did, and an undo that asks first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.io.survey_import.origins import BEFORE_BATCHES
from journeymap.model import Journey
from journeymap.model.access import Viewer
from journeymap.services import workspace_time
from journeymap.services.access import NotAllowed
from journeymap.services.import_batches import BatchInfo, list_batches, plan_undo, undo_batch
from journeymap.ui.shell import state
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.widgets.tables import MISSING
from journeymap.ui.widgets.text import plain, sentence

COUNT_COLUMNS = {
    "rows_read": N_("Rows read"),
    "added": "New",
    "already_there": N_("Already there"),
    "conflicting": N_("Conflicting"),
    "rejected": N_("Rejected"),
    "without_score": N_("Without a score"),
    "left_out": N_("Test rows left out"),
    "too_old": N_("Too old to call back"),
    "cases_created": N_("Call-back cases"),
}
# The table's columns (English, as data) and the headings a person reads.
HEADINGS = {
    "Import": N_("Import no."),
    "When": N_("When"),
    "By": N_("By"),
    "Source": N_("Source"),
    "File": N_("File"),
    "Responses now": N_("Responses now"),
    **{label: label for label in COUNT_COLUMNS.values()},
    "New": N_("New responses"),
    "Undone": N_("Undone"),
}


def batches_table(batches: list[BatchInfo]) -> pd.DataFrame:
    """One row per import, newest first, as a person reads it (text cells stay text)."""
    rows = []
    for batch in batches:
        when = workspace_time.shown_moment(batch.at)
        row: dict[str, object] = {
            "Import": batch.id,
            "When": fmt.moment(when),
            "By": batch.by,
            "Source": batch.source,
            "File": batch.file,
            "Responses now": batch.responses,
        }
        row |= {label: batch.counts.get(key, 0) for key, label in COUNT_COLUMNS.items()}
        row["Undone"] = (
            _("{moment} by {name}").format(
                moment=fmt.moment(workspace_time.shown_moment(batch.undone_at)),
                name=batch.undone_by,
            )
            if batch.undone_at is not None
            else ""
        )
        rows.append(row)
    return pd.DataFrame(rows)


def import_batches(viewer: Viewer, journey: Journey) -> None:
    """The list of imports and the confirmed undo of one of them."""
    st.subheader(_("Imports into this journey"))
    done = st.session_state.pop(state.VOC_UNDO_DONE, None)
    if done:
        st.success(plain(sentence(done)))
    try:
        batches = list_batches(viewer, get_engine(), journey.id)
    except NotAllowed as error:
        st.error(plain(str(error)))
        return
    if not batches:
        st.caption(_("No imports yet."))
        return
    st.dataframe(
        batches_table(batches),
        hide_index=True,
        width="stretch",
        column_config={column: _(heading) for column, heading in HEADINGS.items()},
        placeholder=MISSING,
    )
    live = [b for b in batches if b.undone_at is None and b.kind != BEFORE_BATCHES]
    if not live:
        return
    with st.expander(_("Undo an import")):
        _undo(viewer, live)


def _undo(viewer: Viewer, live: list[BatchInfo]) -> None:
    names = {
        b.id: _("Import {id}: {file} ({count} responses)").format(
            id=b.id, file=b.file or b.source, count=fmt.number(b.responses)
        )
        for b in live
    }
    chosen = st.selectbox(
        _("Import to undo"), list(names), format_func=names.__getitem__, key=state.VOC_UNDO_BATCH
    )
    try:
        plan = plan_undo(viewer, get_engine(), int(chosen))
    except (NotAllowed, ValueError) as error:
        st.error(plain(sentence(str(error))))
        return
    st.markdown(
        plain(
            _(
                "Undoing import {id} removes its {responses} responses and the {cases} "
                "call-back cases made from them."
            ).format(id=chosen, responses=fmt.number(plan.responses), cases=fmt.number(plan.cases))
        )
    )
    if plan.relied_on_by:
        later = ", ".join(
            _("import {id} ({count})").format(id=b, count=fmt.number(n))
            for b, n in sorted(plan.relied_on_by.items())
        )
        st.warning(
            plain(
                _(
                    "Later imports found some of these answers already there: {imports}. "
                    "Import their files again afterwards to keep those answers."
                ).format(imports=later)
            )
        )
    force = False
    if plan.worked_cases:
        force = st.checkbox(
            _("Also remove the {count} call-back cases someone has already worked").format(
                count=fmt.number(plan.worked_cases)
            ),
            key=state.VOC_UNDO_WORKED,
        )
    sure = st.checkbox(_("Yes, undo this import"), key=state.VOC_UNDO_CONFIRM)
    blocked = not sure or (plan.worked_cases > 0 and not force)
    if st.button(_("Undo the import"), type="primary", disabled=blocked):
        try:
            result = undo_batch(viewer, get_engine(), int(chosen), force=force)
        except (NotAllowed, ValueError) as error:
            st.error(plain(sentence(str(error))))
            return
        st.session_state[state.VOC_UNDO_DONE] = result.sentence()
        for key in (state.VOC_UNDO_CONFIRM, state.VOC_UNDO_WORKED, state.VOC_UNDO_BATCH):
            st.session_state.pop(key, None)
        st.rerun()

"""The editor's transitions (from, to, share, kind) and entries (where customers start)."""

from __future__ import annotations

import streamlit as st

from journeymap.analytics.journey_edit import add_transition
from journeymap.analytics.journey_grids import (
    apply_entry_grid,
    apply_metric_grid,
    apply_transition_grid,
    entry_grid,
    metric_grid,
    transition_grid,
)
from journeymap.analytics.problem_places import problems_at
from journeymap.i18n import N_, _
from journeymap.model import TRANSITION_KINDS, Problem
from journeymap.ui.shell import state
from journeymap.ui.widgets.editor.drafts import Draft, update
from journeymap.ui.widgets.editor.edit_journey import show_problems
from journeymap.ui.widgets.editor.grid_state import draft_grid, without_notes

KIND_HELP = N_(
    "normal: customers go on; recovery: service recovery or a call-back; leave: customers "
    "lost to the journey (e.g. to a competitor)."
)
# The kinds by their names, as KIND_HELP explains them.
KIND_NAMES = {
    # Translators: a kind of transition: customers go on along the journey.
    "normal": N_("normal"),
    # Translators: a kind of transition: service recovery or a call-back.
    "recovery": N_("recovery"),
    # Translators: a kind of transition: customers leave the journey.
    "leave": N_("leave"),
}
DIRECTION_NAMES = {"lower": N_("lower"), "higher": N_("higher")}


def _kind(kind: object) -> str:
    name = KIND_NAMES.get(str(kind))
    return _(name) if name is not None else str(kind)


def _direction(direction: object) -> str:
    name = DIRECTION_NAMES.get(str(direction))
    return _(name) if name is not None else str(direction)


def _names(draft: Draft) -> dict[str, str]:
    return {
        str(tp["id"]): str(tp.get("name") or tp["id"])
        for tp in draft.data["touchpoints"]
        if tp.get("id")
    }


def transitions_section(draft: Draft, problems: list[Problem]) -> None:
    names = _names(draft)
    _add_form(draft, names)
    show_problems(problems_at(problems, "transitions"), draft.data)
    st.caption(
        _(
            "Share: the fraction (0–1) of the customers at 'From' who take this transition. "
            "Left empty, what the others leave is split evenly; what no transition takes is "
            "drop-off. A transition back to an earlier touchpoint makes a loop."
        )
    )
    draft_grid(
        draft,
        "transition-grid",
        transition_grid,
        without_notes(apply_transition_grid),
        {
            "from": st.column_config.SelectboxColumn(
                _("From"),
                options=list(names),
                format_func=lambda t: names.get(t, t),
                width="large",
            ),
            "to": st.column_config.SelectboxColumn(
                _("To"), options=list(names), format_func=lambda t: names.get(t, t), width="large"
            ),
            "share": st.column_config.NumberColumn(
                _("Share"), min_value=0.0, max_value=1.0, step=0.01, format="%.2f"
            ),
            "kind": st.column_config.SelectboxColumn(
                _("Kind"), options=list(TRANSITION_KINDS), format_func=_kind, help=_(KIND_HELP)
            ),
            "label": st.column_config.TextColumn(_("Label")),
        },
    )


def _add_form(draft: Draft, names: dict[str, str]) -> None:
    with st.form(draft.key("add-transition"), clear_on_submit=True, border=True):
        st.markdown(_("**Add a transition**"))
        from_col, to_col, share_col, kind_col, button_col = st.columns(
            [3, 3, 1.3, 1.5, 1.2], vertical_alignment="bottom"
        )
        source = from_col.selectbox(_("From"), list(names), format_func=names.get, index=None)
        target = to_col.selectbox(_("To"), list(names), format_func=names.get, index=None)
        share = share_col.number_input(
            _("Share (0–1)"), min_value=0.0, max_value=1.0, value=None, step=0.05
        )
        kind = kind_col.selectbox(
            _("Kind"), list(TRANSITION_KINDS), format_func=_kind, help=_(KIND_HELP)
        )
        submitted = button_col.form_submit_button(_("Add"), type="primary", width="stretch")
    if submitted:
        if source is None or target is None:
            st.warning(_("Choose where the transition comes from and where it goes to."))
            return
        update(draft, add_transition(draft.data, source, target, share, kind), redraw=True)
        st.session_state[state.EDIT_NOTES] = [
            _("Added the transition {source} → {target}.").format(
                source=names[source], target=names[target]
            )
        ]
        st.rerun()


def entries_section(draft: Draft, problems: list[Problem]) -> None:
    names = _names(draft)
    show_problems(problems_at(problems, "entries"), draft.data)
    st.caption(_("Where customers start the journey, and how many a month."))
    draft_grid(
        draft,
        "entry-grid",
        entry_grid,
        without_notes(apply_entry_grid),
        {
            "touchpoint": st.column_config.SelectboxColumn(
                _("Touchpoint"), options=list(names), format_func=lambda t: names.get(t, t)
            ),
            "customers_per_month": st.column_config.NumberColumn(
                _("Customers per month"), min_value=0, step=1, format="localized"
            ),
        },
    )


def metrics_section(draft: Draft, problems: list[Problem]) -> None:
    """The operational metrics measured for this journey, with unit, direction, target."""
    show_problems(problems_at(problems, "metrics"), draft.data)
    st.caption(
        _(
            "What the operation measures (waiting time, handle time, abandonment …). Metric "
            "files are imported against these ids; the Sand ranking reads them against target."
        )
    )
    draft_grid(
        draft,
        "metric-grid",
        metric_grid,
        without_notes(apply_metric_grid),
        {
            "id": st.column_config.TextColumn(_("Id"), help=_("e.g. wait_minutes"), required=True),
            "name": st.column_config.TextColumn(_("Name"), required=True),
            "unit": st.column_config.TextColumn(_("Unit"), help=_("min, %, days …")),
            "direction": st.column_config.SelectboxColumn(
                _("Better when"),
                options=list(DIRECTION_NAMES),
                format_func=_direction,
                default="lower",
            ),
            "target": st.column_config.NumberColumn(_("Target")),
        },
    )

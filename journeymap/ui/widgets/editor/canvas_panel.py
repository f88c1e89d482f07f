"""The panel beside the canvas: every field of the selected touchpoint or transition.

Each field is written to the draft (and so to the server) when it changes: there is no
"apply" step whose forgetting loses what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from journeymap.analytics.canvas_edits import (
    id_problem,
    remove_from_canvas,
    remove_transition,
    rename_touchpoint_id,
    set_entry,
    transition_key,
    update_transition,
)
from journeymap.analytics.journey_edit import lines_to_list, update_touchpoint
from journeymap.analytics.problem_places import named_sentence, problems_at
from journeymap.charts.channels import channel_name
from journeymap.i18n import N_, _
from journeymap.model import TRANSITION_KINDS, Problem
from journeymap.ui.shell import state
from journeymap.ui.widgets.editor.canvas import lanes_of, select, selection
from journeymap.ui.widgets.editor.drafts import Draft, latest, update
from journeymap.ui.widgets.text import plain

FEELS = {-2: "−2", -1: "−1", 0: "0", 1: "+1", 2: "+2"}
# Translators: the kinds of a transition between touchpoints (customers go on, are
# recovered, or leave the journey).
KIND_WORDS = {"normal": N_("goes on"), "recovery": N_("recovery"), "leave": N_("leaves")}
TEXTS = (
    ("promise", N_("Customer promise")),
    ("description", N_("Description")),
    ("does", N_("Does")),
    ("thinks", N_("Thinks")),
    ("backstage", N_("Backstage")),
)
LISTS = (
    ("pain_points", N_("Pain points (one per line)")),
    ("opportunities", N_("Opportunities (one per line)")),
)
TARGETS = (
    ("nps", N_("NPS target")),
    ("shopper_pct", N_("Shopper score target (%)")),
    ("max_wait_minutes", N_("Longest wait (min)")),
)


def _changer(
    journey_id: str, key: str, edit: Callable[[dict[str, Any], Any], dict[str, Any]]
) -> dict[str, Any]:
    """on_change arguments that apply ``edit(data, the widget's value)`` to the draft."""

    def changed() -> None:
        draft = latest(journey_id)
        if draft is not None:
            update(draft, edit(draft.data, st.session_state.get(key)))

    return {"key": key, "on_change": changed}


def panel(draft: Draft, problems: list[Problem]) -> None:
    chosen = selection(draft.journey_id)
    data = draft.data
    if chosen and chosen["kind"] == "touchpoint":
        tp = next((t for t in data["touchpoints"] if t.get("id") == chosen["id"]), None)
        if tp is not None:
            _touchpoint_panel(draft, tp, problems)
            return
    if chosen and chosen["kind"] == "transition":
        source, _arrow, target = chosen["id"].partition(" → ")
        found = next(
            (t for t in data["transitions"] if t.get("from") == source and t.get("to") == target),
            None,
        )
        if found is not None:
            _transition_panel(draft, found, problems)
            return
    st.markdown(_("**Build the journey on the canvas**"))
    st.markdown(
        "\n".join(
            [
                _(
                    "- Click an empty cell to add a touchpoint in that stage and channel; "
                    "type its name and press Enter."
                ),
                _(
                    "- Drag a touchpoint's round handle onto another touchpoint to draw a "
                    "transition, or onto an empty cell to add the next touchpoint there."
                ),
                _("- Drag a touchpoint to move it to another stage or channel."),
                _("- Click a touchpoint or an arrow to edit it here. Every edit is kept at once."),
            ]
        )
    )


def _touchpoint_panel(draft: Draft, tp: dict[str, Any], problems: list[Problem]) -> None:
    tp_id, jid = str(tp["id"]), draft.journey_id

    def key(field: str) -> str:
        return draft.key(f"tp-{tp_id}-{field}")

    def field(name: str, convert: Callable[[Any], Any] = lambda v: v) -> dict[str, Any]:
        return _changer(
            jid, key(name), lambda d, v: update_touchpoint(d, tp_id, {name: convert(v)})
        )

    for problem in problems_at(problems, "touchpoints", tp_id):
        st.error(plain(named_sentence(problem, draft.data)), icon=":material/error:")
    st.text_input(_("Name"), value=tp.get("name", ""), **field("name", lambda v: str(v or "")))
    st.text_input(
        _("Id"),
        value=tp_id,
        key=key("id"),
        on_change=_rename,
        args=(jid, tp_id, key("id")),
        help=_("Made from the name; transitions that point at it follow a change."),
    )
    stages = {str(s.get("id")): str(s.get("name") or s.get("id")) for s in draft.data["stages"]}
    stage_ids = list(dict.fromkeys([*stages, str(tp.get("stage"))]))
    left, right = st.columns(2)
    left.selectbox(
        _("Stage"),
        stage_ids,
        index=stage_ids.index(str(tp.get("stage"))),
        format_func=lambda s: stages.get(s, s),
        **field("stage"),
    )
    lanes = lanes_of(draft.data)
    right.selectbox(
        _("Channel"),
        lanes,
        format_func=channel_name,
        index=lanes.index(str(tp.get("channel"))) if tp.get("channel") in lanes else None,
        accept_new_options=True,
        **field("channel", lambda v: str(v or "web")),
    )
    owners = sorted({str(t.get("owner") or "") for t in draft.data["touchpoints"]} - {""})
    st.selectbox(
        _("Owner (department)"),
        owners,
        index=owners.index(tp["owner"]) if tp.get("owner") in owners else None,
        accept_new_options=True,
        placeholder=_("Type or pick"),
        **field("owner", lambda v: str(v or "")),
    )
    st.segmented_control(
        _("Feels"),
        list(FEELS),
        format_func=FEELS.__getitem__,
        default=tp.get("feels"),
        help=_("−2 very negative … +2 very positive; click the chosen one again to clear it."),
        **field("feels"),
    )
    flags = st.columns(2)
    flags[0].toggle(
        _("Moment of truth"),
        value=bool(tp.get("moment_of_truth")),
        **field("moment_of_truth", bool),
    )
    flags[1].toggle(_("May end here"), value=bool(tp.get("end")), **field("end", bool))
    entry = next((e for e in draft.data["entries"] if e.get("touchpoint") == tp_id), None)
    start, volume = st.columns([1, 1.3], vertical_alignment="bottom")
    start.toggle(
        _("Customers start here"),
        value=entry is not None,
        **_changer(jid, key("entry"), lambda d, v: set_entry(d, tp_id, 1000.0 if v else None)),
    )
    if entry is not None:
        volume.number_input(
            _("Customers per month"),
            min_value=0,
            step=100,
            value=int(entry.get("customers_per_month") or 0),
            **_changer(jid, key("volume"), lambda d, v: set_entry(d, tp_id, float(v or 0))),
        )
    for name, label in TEXTS:
        st.text_area(
            _(label), value=tp.get(name, ""), height=68, **field(name, lambda v: str(v or ""))
        )
    for name, label in LISTS:
        st.text_area(
            _(label),
            value="\n".join(tp.get(name) or []),
            height=68,
            **field(name, lambda v: lines_to_list(str(v or ""))),
        )
    st.markdown(_("**Targets** (empty: the journey's)"))
    columns = st.columns(3)
    targets = tp.get("targets") or {}
    for column, (name, label) in zip(columns, TARGETS, strict=True):
        column.number_input(
            _(label),
            value=float(targets[name]) if targets.get(name) is not None else None,
            step=1.0,
            **_changer(jid, key(f"target-{name}"), _target_edit(tp_id, name)),
        )
    if st.button(_("Delete this touchpoint"), icon=":material/delete:", key=key("delete")):
        select(jid, None)
        update(draft, remove_from_canvas(draft.data, tp_id), redraw=True)
        st.rerun()


def _target_edit(tp_id: str, name: str) -> Callable[[dict[str, Any], Any], dict[str, Any]]:
    def edit(data: dict[str, Any], value: Any) -> dict[str, Any]:
        tp = next(t for t in data["touchpoints"] if t.get("id") == tp_id)
        targets = dict(tp.get("targets") or {})
        targets[name] = value
        return update_touchpoint(data, tp_id, {"targets": targets})

    return edit


def _rename(journey_id: str, old: str, widget_key: str) -> None:
    draft = latest(journey_id)
    if draft is None:
        return
    new = str(st.session_state.get(widget_key) or "").strip()
    problem = id_problem(draft.data, old, new)
    if problem:
        st.session_state[state.EDIT_NOTES] = [
            _("The id was not changed: {problem}.").format(problem=problem)
        ]
        update(draft, draft.data, redraw=True)  # the field shows the id it has again
        return
    select(journey_id, "touchpoint", new)
    update(draft, rename_touchpoint_id(draft.data, old, new), redraw=True)


def _transition_panel(draft: Draft, transition: dict[str, Any], problems: list[Problem]) -> None:
    source, target = str(transition.get("from")), str(transition.get("to"))
    tkey = transition_key(source, target)
    jid = draft.journey_id
    names = {str(t.get("id")): str(t.get("name") or t.get("id")) for t in draft.data["touchpoints"]}
    st.markdown(f"**{plain(names.get(source, source))} → {plain(names.get(target, target))}**")
    for problem in problems_at(problems, "transitions", tkey):
        st.error(plain(named_sentence(problem, draft.data)), icon=":material/error:")

    def key(field: str) -> str:
        return draft.key(f"tr-{tkey}-{field}")

    def field(name: str, convert: Callable[[Any], Any] = lambda v: v) -> dict[str, Any]:
        return _changer(jid, key(name), lambda d, v: update_transition(d, tkey, {name: convert(v)}))

    st.segmented_control(
        _("Kind"),
        list(TRANSITION_KINDS),
        format_func=lambda k: _(KIND_WORDS[k]) if k in KIND_WORDS else k,
        default=transition.get("kind") or "normal",
        help=_(
            "goes on: customers go on; recovery: service recovery or a call-back; "
            "leaves: customers lost to the journey (e.g. to a competitor)."
        ),
        **field("kind", lambda v: v or "normal"),
    )
    st.number_input(
        _("Share (0–1; empty: split evenly)"),
        min_value=0.0,
        max_value=1.0,
        step=0.05,
        value=transition.get("share"),
        **field("share"),
    )
    st.text_input(
        _("Label"), value=transition.get("label") or "", **field("label", lambda v: str(v or ""))
    )
    if st.button(_("Delete this transition"), icon=":material/delete:", key=key("delete")):
        select(jid, None)
        update(draft, remove_transition(draft.data, tkey), redraw=True)
        st.rerun()

"""The editor's journey section (name, persona, segment, variant, targets) and stages."""

from __future__ import annotations

from typing import Any

import streamlit as st

from journeymap.analytics.journey_edit import (
    add_stage,
    delete_stage,
    move_stage,
    touchpoints_in_stage,
    update_stage,
)
from journeymap.analytics.problem_places import problems_at
from journeymap.i18n import _, ngettext
from journeymap.i18n import formatting as fmt
from journeymap.model import Problem
from journeymap.ui.shell import state
from journeymap.ui.widgets.editor.drafts import Draft, apply_widget, latest, update
from journeymap.ui.widgets.editor.saving import problem_list
from journeymap.ui.widgets.text import plain

NO_VARIANT = ""


def show_problems(problems: list[Problem], data: dict[str, Any]) -> None:
    """Problems next to the widget they are about, as sentences naming items by name."""
    if problems:
        st.error(problem_list(problems, data), icon=":material/error:")


def journey_section(draft: Draft, journey_ids: list[str], problems: list[Problem]) -> None:
    data = draft.data
    show_problems(problems_at(problems, "journey"), draft.data)

    def bound(field: str) -> dict[str, Any]:
        key = draft.key(field)
        return {"key": key, "on_change": apply_widget, "args": (draft.journey_id, (field,), key)}

    left, right = st.columns(2, gap="large")
    with left:
        st.text_input(_("Name"), value=data["name"], **bound("name"))
        st.text_input(_("Segment"), value=data["segment"], **bound("segment"))
        st.text_area(
            _("Persona"),
            value=data["persona"],
            help=_("Who walks this journey: name, age, situation, what they want."),
            **bound("persona"),
        )
    with right:
        st.text_area(
            _("Description"), value=data["description"], height=122, **bound("description")
        )
        current = data.get("variant_of") or NO_VARIANT
        others = [NO_VARIANT] + [j for j in journey_ids if j != draft.journey_id]
        if current not in others:
            others.append(current)
        st.selectbox(
            _("Variant of (the as-is journey this one is a to-be of)"),
            others,
            index=others.index(current),
            format_func=lambda j: _("— not a variant —") if j == NO_VARIANT else j,
            **bound("variant_of"),
        )
    st.markdown(_("**Journey-wide targets** (a touchpoint's own targets override them)"))
    targets_inputs(draft, data["targets"], "journey", bind=True)


def targets_inputs(
    draft: Draft, targets: dict[str, Any], scope: str, *, bind: bool = False
) -> dict[str, Any]:
    """Three target inputs; ``bind`` writes changes to the journey's targets at once."""
    columns = st.columns(3)
    fields = (
        ("nps", _("NPS target (−100…100)")),
        ("shopper_pct", _("Mystery-shopper score target (%)")),
        ("max_wait_minutes", _("Longest wait (minutes)")),
    )
    result = {}
    for column, (field, label) in zip(columns, fields, strict=True):
        key = draft.key(f"{scope}-target-{field}")
        callback: dict[str, Any] = (
            {"on_change": apply_widget, "args": (draft.journey_id, ("targets", field), key)}
            if bind
            else {}
        )
        value = targets.get(field)
        result[field] = column.number_input(
            label,
            value=float(value) if value is not None else None,
            key=key,
            step=1.0,
            **callback,
        )
    return result


def stages_section(draft: Draft, problems: list[Problem]) -> None:
    show_problems(problems_at(problems, "stages"), draft.data)
    st.caption(_("Stages are the map's columns, left to right."))
    stages = draft.data["stages"]
    for i, stage in enumerate(stages):
        _stage_row(draft, stage, i, len(stages))
    with st.form(draft.key("add-stage"), clear_on_submit=True, border=False):
        name_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
        name = name_col.text_input(_("New stage"), placeholder=_("e.g. Get help"))
        if button_col.form_submit_button(_("Add the stage"), width="stretch") and name.strip():
            data, _stage_id = add_stage(draft.data, name)
            update(draft, data, redraw=True)
            st.rerun()


def _stage_row(draft: Draft, stage: dict[str, Any], index: int, count: int) -> None:
    stage_id = str(stage["id"])
    name_col, desc_col, left, right, bin_col = st.columns(
        [3, 5, 0.5, 0.5, 0.5], vertical_alignment="bottom"
    )
    name_key = draft.key(f"stage-name-{stage_id}")
    desc_key = draft.key(f"stage-desc-{stage_id}")
    change = {"on_change": _stage_changed, "args": (draft.journey_id, stage_id, name_key, desc_key)}
    name_col.text_input(
        _("Stage {number}").format(number=index + 1), value=stage["name"], key=name_key, **change
    )
    desc_col.text_input(
        _("Description"), value=stage.get("description", ""), key=desc_key, **change
    )
    moves = (
        (left, -1, ":material/arrow_back:", _("Move left"), index == 0),
        (right, 1, ":material/arrow_forward:", _("Move right"), index == count - 1),
    )
    for column, offset, icon, label, disabled in moves:
        if column.button(
            "", icon=icon, help=label, key=draft.key(f"move{offset}-{stage_id}"), disabled=disabled
        ):
            update(draft, move_stage(draft.data, stage_id, offset), redraw=True)
            st.rerun()
    if bin_col.button(
        "", icon=":material/delete:", help=_("Delete the stage"), key=draft.key(f"del-{stage_id}")
    ):
        st.session_state[state.PENDING_STAGE_DELETE] = (draft.journey_id, stage_id)
    if st.session_state.get(state.PENDING_STAGE_DELETE) == (draft.journey_id, stage_id):
        _confirm_delete(draft, stage)


def _stage_changed(journey_id: str, stage_id: str, name_key: str, desc_key: str) -> None:
    draft = latest(journey_id)
    if draft is not None:
        name = str(st.session_state.get(name_key, ""))
        description = str(st.session_state.get(desc_key, ""))
        update(draft, update_stage(draft.data, stage_id, name, description))


def _confirm_delete(draft: Draft, stage: dict[str, Any]) -> None:
    stage_id = str(stage["id"])
    inside = touchpoints_in_stage(draft.data, stage_id)
    if not inside:
        _delete(draft, stage_id, None)
        return
    names = ", ".join(str(tp.get("name") or tp.get("id")) for tp in inside)
    others = [s for s in draft.data["stages"] if s["id"] != stage_id]
    with st.container(border=True):
        st.warning(
            plain(
                ngettext(
                    "The stage '{stage}' holds {count} touchpoint: {names}. Move it to another "
                    "stage, or delete it with the stage (with its transitions and entries).",
                    "The stage '{stage}' holds {count} touchpoints: {names}. Move them to "
                    "another stage, or delete them with the stage (with their transitions and "
                    "entries).",
                    len(inside),
                ).format(stage=stage["name"], count=fmt.number(len(inside)), names=names)
            )
        )
        target = None
        if others:
            target = st.selectbox(
                _("Move them to"),
                [s["id"] for s in others],
                format_func={s["id"]: s["name"] for s in others}.get,
                key=draft.key(f"del-target-{stage_id}"),
            )
        move_col, delete_col, cancel_col = st.columns(3)
        if others and move_col.button(
            _("Delete the stage, move its touchpoints"), key=draft.key(f"del-move-{stage_id}")
        ):
            _delete(draft, stage_id, target)
        if delete_col.button(
            ngettext(
                "Delete the stage and its {count} touchpoint",
                "Delete the stage and its {count} touchpoints",
                len(inside),
            ).format(count=fmt.number(len(inside))),
            key=draft.key(f"del-all-{stage_id}"),
        ):
            _delete(draft, stage_id, None)
        if cancel_col.button(_("Cancel"), key=draft.key(f"del-cancel-{stage_id}")):
            st.session_state.pop(state.PENDING_STAGE_DELETE, None)
            st.rerun()


def _delete(draft: Draft, stage_id: str, move_to: str | None) -> None:
    data, message = delete_stage(draft.data, stage_id, move_to)
    update(draft, data, redraw=True)
    st.session_state.pop(state.PENDING_STAGE_DELETE, None)
    st.session_state[state.EDIT_NOTES] = [message]
    st.rerun()

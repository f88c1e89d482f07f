"""Writing actions: a new one from a sand item, walk note or root cause; editing one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import streamlit as st

from journeymap.analytics.actions import next_statuses
from journeymap.i18n import N_, _
from journeymap.model import Journey
from journeymap.model.access import Capability, Viewer
from journeymap.model.actions import (
    ACTION_CATEGORIES,
    CATEGORY_LABELS,
    SCALE,
    SOURCE_KINDS,
    SOURCE_LABELS,
    STATUS_LABELS,
    Action,
    ActionFields,
)
from journeymap.services import workspace_time
from journeymap.services.access import NotAllowed
from journeymap.services.actions import (
    ActionChanged,
    ActionSource,
    action_from_note,
    action_sources,
    create_action,
    save_action,
)
from journeymap.services.sand import SandReport
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import current_viewer
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.widgets.actions.action_views import quick_win_rule
from journeymap.ui.widgets.text import plain, sentence

# What an action's source text is quoted from, above the edit form.
FROM_SOURCE = {
    "sand": N_("From the sand item:"),
    "walk_note": N_("From the walk note:"),
    "case": N_("From the call-back case:"),
    "theme": N_("From the comment theme:"),
}


def _fields_form(journey: Journey, start: ActionFields, key: str) -> ActionFields:
    """The widgets for what a person writes about an action, pre-filled from ``start``."""
    names = {t.id: t.name for t in journey.touchpoints}
    title = st.text_input(_("Title"), start.title, max_chars=200, key=f"{key}-title")
    description = st.text_area(_("What will change, and why"), start.description, key=f"{key}-desc")
    touchpoints = st.multiselect(
        _("Touchpoints it changes"),
        list(names),
        default=[t for t in start.touchpoints if t in names],
        format_func=names.__getitem__,
        key=f"{key}-tps",
        help=_("'Did it work?' compares the evidence at these touchpoints."),
    )
    left, middle, right = st.columns(3)
    category = left.selectbox(
        _("Category"),
        ACTION_CATEGORIES,
        index=ACTION_CATEGORIES.index(start.category),
        format_func=lambda c: _(CATEGORY_LABELS[c]),
        key=f"{key}-cat",
    )
    owner = middle.text_input(_("Owner"), start.owner, key=f"{key}-owner")
    due = right.date_input(_("Due"), start.due_on, key=f"{key}-due", format="YYYY-MM-DD")
    impact_col, effort_col = st.columns(2)
    impact = impact_col.select_slider(_("Impact"), SCALE, start.impact, key=f"{key}-impact")
    effort = effort_col.select_slider(_("Effort"), SCALE, start.effort, key=f"{key}-effort")
    st.caption(quick_win_rule())
    return replace(
        start,
        title=title,
        description=description,
        touchpoints=tuple(touchpoints),
        category=category,
        owner=owner,
        impact=int(impact),
        effort=int(effort),
        due_on=due if isinstance(due, date) else None,
    )


def _source_picker(journey: Journey, report: SandReport | None) -> ActionSource | None:
    kind = st.radio(
        _("Where it comes from"),
        SOURCE_KINDS,
        format_func=lambda k: _(SOURCE_LABELS[k]),
        horizontal=True,
        key=state.ACTION_SOURCE_KIND,
    )
    if kind == "other":
        return None
    sources = action_sources(get_engine(), journey, kind, report)
    if not sources:
        empty = {
            "sand": _("No touchpoint is sand or on watch in the last half year."),
            "walk_note": _("No notes were taken on the walk yet."),
            "case": _("No call-back case has a root cause yet."),
            "theme": _("No themes in the comments of the last half year."),
        }
        st.caption(empty[kind])
        return None
    by_ref = {s.ref: s for s in sources}
    ref = st.selectbox(
        _(SOURCE_LABELS[kind]),
        list(by_ref),
        format_func=lambda r: by_ref[r].label,
        key=f"{state.ACTION_SOURCE_ITEM}-{kind}",
    )
    source = by_ref[ref]
    if source.text:
        st.caption(plain(source.text))
    return source


def new_action(viewer: Viewer, journey: Journey, report: SandReport | None) -> None:
    """Pick a source, adjust what it pre-fills, add the action as an idea.

    ``report`` is the page's cached sand report (the last half year), so that picking a
    sand item does not weigh the evidence again.
    """
    source = _source_picker(journey, report)
    start = ActionFields(title="")
    key = f"{state.ACTION_FORM}-other"
    if source is not None:
        start = ActionFields(
            title=source.title,
            touchpoints=source.touchpoints,
            source_kind=source.kind,
            source_ref=source.ref,
            source_text=source.text,
        )
        key = f"{state.ACTION_FORM}-{source.kind}-{source.ref}"
    with st.form(key, clear_on_submit=False):
        fields = _fields_form(journey, start, key)
        if st.form_submit_button(_("Add action"), type="primary"):
            try:
                action = create_action(viewer, get_engine(), journey.id, fields)
            except (ValueError, NotAllowed) as error:
                st.error(plain(sentence(str(error))))
                return
            st.session_state[state.ACTION_PICKED] = action.id
            # The router shows it as a toast after the rerun (and escapes it).
            st.session_state[state.FLASH_MESSAGE] = _("Added action {number}: {title}").format(
                number=action.id, title=action.title
            )
            st.rerun()


def edit_action(viewer: Viewer, journey: Journey, actions: list[Action]) -> None:
    """Pick an action; change what it says, its status and its done date."""
    if not actions:
        st.caption(_("No actions yet: add the first one above."))
        return
    by_id = {a.id: a for a in actions}
    picked = st.session_state.get(state.ACTION_PICKED)
    ids = list(reversed(by_id))
    action_id = st.selectbox(
        _("Action"),
        ids,
        index=ids.index(picked) if picked in by_id else 0,
        format_func=lambda i: f"#{i} {by_id[i].title} ({_(STATUS_LABELS[by_id[i].status])})",
    )
    st.session_state[state.ACTION_PICKED] = action_id
    action = by_id[action_id]
    key = f"{state.ACTION_EDIT}-{action.id}-{action.version}"
    with st.form(key):
        fields = _fields_form(journey, action.fields, key)
        status_col, done_col = st.columns(2)
        choices = next_statuses(action.status)
        status = status_col.selectbox(
            _("Status"),
            choices,
            index=choices.index(action.status),
            format_func=lambda s: _(STATUS_LABELS[s]),
            key=f"{key}-status",
        )
        done_on = done_col.date_input(
            _("Done on (when the change went live)"),
            action.done_on or workspace_time.today(),
            max_value=workspace_time.today(),
            key=f"{key}-done",
            format="YYYY-MM-DD",
        )
        if action.fields.source_text:
            origin = FROM_SOURCE.get(action.fields.source_kind, N_("From the source:"))
            st.caption(plain(_(origin)) + " " + plain(action.fields.source_text))
        if st.form_submit_button(_("Save changes"), type="primary"):
            _save(viewer, action, fields, status, done_on)


def _save(viewer: Viewer, action: Action, fields: ActionFields, status: str, done: date) -> None:
    try:
        saved = save_action(
            viewer,
            get_engine(),
            action.id,
            fields,
            expected_version=action.version,
            status=status,
            done_on=done,
        )
    except (ValueError, KeyError, ActionChanged, NotAllowed) as error:
        st.error(plain(sentence(str(error).strip("'\""))))
        return
    st.session_state[state.FLASH_MESSAGE] = _("Saved action {number}: {title} ({status})").format(
        number=saved.id, title=saved.title, status=_(STATUS_LABELS[saved.status])
    )
    st.rerun()


def note_action_button(note_id: int) -> None:
    """A small button under a walk note that makes it an improvement action (once);
    only for those who may add actions, so nobody is offered a button that refuses."""
    viewer = current_viewer()
    if not viewer.can(Capability.MANAGE_ACTIONS):
        return
    if not st.button(
        _("Make this an action"),
        key=f"note-action-{note_id}",
        type="tertiary",
        icon=":material/task_alt:",
    ):
        return
    try:
        action = action_from_note(viewer, get_engine(), note_id)
    except (KeyError, ValueError, NotAllowed) as error:
        st.error(plain(sentence(str(error).strip("'\""))))
        return
    # The router shows it as a toast after the rerun (and escapes it).
    st.session_state[state.FLASH_MESSAGE] = _(
        "Action {number} made from the note: find it on the Improvement actions page"
    ).format(number=action.id)
    st.rerun()

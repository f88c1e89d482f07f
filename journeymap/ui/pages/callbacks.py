"""Call-backs: every detractor with contact details, worked through before the deadline."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from journeymap import settings
from journeymap.analytics.callbacks import CASE_STATUSES, TRANSITIONS, compliance
from journeymap.analytics.case_board import board, urgency_counts
from journeymap.analytics.periods import period_title
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.io.case_export import cases_csv
from journeymap.model.access import Viewer
from journeymap.services import workspace_time
from journeymap.services.access import NotAllowed
from journeymap.services.cases import (
    CaseChanged,
    CaseUpdate,
    create_missing_cases,
    list_cases,
    missing_cases,
    update_case,
)
from journeymap.ui.loaders.themes import load_root_causes
from journeymap.ui.loaders.voc import load_journey, location_names, touchpoint_names
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import current_viewer, require_page
from journeymap.ui.shell.current import current_journey_id
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.shell.navigation import CALLBACKS_PAGE
from journeymap.ui.widgets.tables import MISSING
from journeymap.ui.widgets.text import plain, sentence
from journeymap.ui.widgets.voc.wording import hours_text, urgency_word

TITLE = N_("Call-backs")
STATUS_NAMES = {
    "new": N_("New"),
    "contacted": N_("Contacted"),
    "resolved": N_("Resolved"),
    "not_reachable": N_("Not reachable"),
}
OPEN_STATUSES = ["new", "contacted", "not_reachable"]
TABLE_ROWS = 500


def render() -> None:
    viewer = require_page(CALLBACKS_PAGE)
    journey_id = current_journey_id()
    journey = load_journey(journey_id)
    if journey is None:
        st.warning(_("This journey was deleted meanwhile: choose another one in the sidebar."))
        return
    st.title(_(TITLE))
    hours = settings.callback_hours()
    zone = workspace_time.zone()
    st.caption(
        _(
            "Every detractor (score 0–6) who left contact details is owed a call-back within "
            "{hours} hours of answering (JOURNEYMAP_CALLBACK_HOURS). A case stops being "
            "overdue once the customer is reached. Times are {zone} (JOURNEYMAP_TIMEZONE)."
        ).format(hours=hours_text(hours), zone=zone)
    )
    engine = get_engine()
    now = datetime.now(UTC)
    # Reading only: cases are made by the import that stores their responses, or by
    # the explicit action below, never as a side effect of looking at the list.
    _missing(viewer, journey_id)
    cases = _in_zone(board(list_cases(viewer, engine, journey_id, now=now), now, zone))
    if cases.empty:
        st.info(
            _(
                "No call-back cases: no detractor has left contact details yet. Cases are made "
                "when a survey import maps a contact column."
            )
        )
        return
    _alerts(cases)
    names = touchpoint_names(journey)
    statuses = st.multiselect(
        _("Status"),
        list(CASE_STATUSES),
        default=OPEN_STATUSES,
        format_func=_status_name,
        key=state.CASE_STATUSES,
    )
    shown = cases[cases["status"].isin(statuses)]
    _table(shown, names)
    _editor(shown, names)
    _compliance(cases, now)
    st.download_button(
        _("Download these cases (CSV)"),
        cases_csv(shown, zone),
        file_name=f"call-backs-{journey_id}.csv",
        mime="text/csv",
        help=_("Comments and contacts cannot run as spreadsheet formulas."),
    )


def _status_name(status: str) -> str:
    return _(STATUS_NAMES[status]) if status in STATUS_NAMES else status


def _missing(viewer: Viewer, journey_id: str) -> None:
    """Detractors stored before imports made cases: say so and offer to make them."""
    missing = missing_cases(viewer, get_engine(), journey_id)
    if not missing:
        return
    st.warning(
        _(
            "{count} detractor answers with contact details have no call-back case: they "
            "were stored before imports made cases. Each case is due {hours} hours after "
            "its answer, so older ones are overdue at once; creating them is logged in your "
            "name."
        ).format(count=fmt.number(missing), hours=hours_text(settings.callback_hours()))
    )
    st.button(
        _("Create the {count} missing cases").format(count=fmt.number(missing)),
        on_click=_create_missing,
        args=(journey_id,),
        key=state.CASE_CREATE_MISSING,
    )


def _create_missing(journey_id: str) -> None:
    try:
        created = create_missing_cases(
            current_viewer(),
            get_engine(),
            journey_id,
            callback_hours=settings.callback_hours(),
        )
    except (NotAllowed, ValueError) as error:
        st.session_state[state.FLASH_MESSAGE] = sentence(str(error))
        return
    st.session_state[state.FLASH_MESSAGE] = _("{count} call-back cases created.").format(
        count=fmt.number(created)
    )


def _alerts(cases: pd.DataFrame) -> None:
    counts = urgency_counts(cases)
    cells = st.columns(5)
    labels = ("overdue", "due today", "open", "contacted", "closed")
    titles = (_("Overdue"), _("Due today"), _("Open, due later"), _("Contacted"), _("Closed"))
    for cell, key, title in zip(cells, labels, titles, strict=True):
        cell.metric(title, fmt.number(counts[key]))
    if counts["overdue"]:
        st.error(
            _(
                "{count} call-backs are overdue: the customer has not been reached in time. "
                "They are at the top of the list."
            ).format(count=fmt.number(counts["overdue"]))
        )
    if counts["due today"]:
        st.warning(
            _("{count} call-backs are due before midnight ({zone}).").format(
                count=fmt.number(counts["due today"]), zone=workspace_time.zone()
            )
        )


def _table(shown: pd.DataFrame, names: dict[str, str]) -> None:
    if shown.empty:
        st.caption(_("No case has the chosen status."))
        return
    places = location_names()
    top = shown.head(TABLE_ROWS)
    table = top.assign(
        touchpoint=top["touchpoint_id"].map(lambda tp: names.get(tp, tp or "—")),
        location=top["location"].map(lambda loc: places.get(loc, loc)),
        status=top["status"].map(_status_name),
        urgency=top["urgency"].map(urgency_word),
    )
    st.dataframe(
        table[
            [
                "urgency",
                "id",
                "due_at",
                "score",
                "touchpoint",
                "location",
                "contact",
                "owner",
                "status",
                "root_cause",
            ]
        ],
        hide_index=True,
        width="stretch",
        height=320,
        column_config={
            "urgency": st.column_config.TextColumn(_("Urgency")),
            "id": st.column_config.NumberColumn(_("Case"), format="#%d"),
            "due_at": st.column_config.DatetimeColumn(
                _("Due ({zone})").format(zone=workspace_time.zone()), format="YYYY-MM-DD HH:mm"
            ),
            "score": st.column_config.NumberColumn(_("Score")),
            "touchpoint": st.column_config.TextColumn(_("Touchpoint")),
            "location": st.column_config.TextColumn(_("Location")),
            "contact": st.column_config.TextColumn(_("Contact")),
            "owner": st.column_config.TextColumn(_("Owner")),
            "status": st.column_config.TextColumn(_("Status")),
            "root_cause": st.column_config.TextColumn(_("Root cause")),
        },
        placeholder=MISSING,
    )
    if len(shown) > TABLE_ROWS:
        st.caption(
            _("The {count} most urgent of {total}; the CSV has them all.").format(
                count=fmt.number(TABLE_ROWS), total=fmt.number(len(shown))
            )
        )


def _case_label(row: pd.Series) -> str:
    return _("#{id} · {urgency} · due {due} · score {score} · {contact}").format(
        id=row["id"],
        urgency=urgency_word(str(row["urgency"])),
        due=fmt.moment(row["due_at"]),
        score=row["score"],
        contact=row["contact"],
    )


def _editor(shown: pd.DataFrame, names: dict[str, str]) -> None:
    st.subheader(_("Work on a case"))
    if shown.empty:
        return
    by_id = {int(row["id"]): row for _index, row in shown.iterrows()}
    picked = st.selectbox(
        _("Case"),
        list(by_id),
        format_func=lambda case_id: _case_label(by_id[case_id]),  # options are plain text
        key=state.CASE_PICKED,
    )
    row = by_id[picked]
    touchpoint = row["touchpoint_id"]
    left, right = st.columns(2, gap="large")
    with left:
        where = names.get(touchpoint, touchpoint) if touchpoint else _("relationship survey")
        if row["location"]:
            where += ", " + location_names().get(row["location"], row["location"])
        st.markdown(
            plain(
                _("Score {score} on {moment}, {where}").format(
                    score=row["score"], moment=fmt.moment(row["responded_at"]), where=where
                )
            )
        )
        st.markdown("**" + _("Comment") + "**")
        st.markdown(plain(row["comment"]) if row["comment"] else _("(no comment)"))
        st.markdown(plain(_("Contact: {contact}").format(contact=row["contact"])))
        st.markdown(
            plain(
                _("Due {moment} ({urgency}).").format(
                    moment=fmt.moment(row["due_at"]), urgency=urgency_word(str(row["urgency"]))
                )
            )
        )
    with right:
        _form(row)


def _form(row: pd.Series) -> None:
    case_id = int(row["id"])
    opened: dict[int, int] = st.session_state.setdefault(state.CASE_OPENED, {})
    version = opened.setdefault(case_id, int(row["version"]))
    stale: dict[int, str] = st.session_state.setdefault(state.CASE_STALE, {})
    if case_id in stale:
        st.error(plain(sentence(stale[case_id])))
        st.button(_("Reload the case"), on_click=_reload, args=(case_id,), type="primary")
    prefix = f"{state.CASE_WIDGET}-{case_id}-{version}"
    current = str(row["status"])
    allowed = [current, *sorted(TRANSITIONS[current])]
    with st.form(prefix):
        status = st.selectbox(
            _("Status"), allowed, format_func=_status_name, key=f"{prefix}-status"
        )
        owner = st.text_input(_("Owner"), value=row["owner"] or "", key=f"{prefix}-owner")
        notes = st.text_area(_("Notes"), value=row["notes"] or "", key=f"{prefix}-notes")
        picked, typed = _root_cause(row, prefix)
        saved = st.form_submit_button(_("Save the case"), type="primary")
    if saved:
        cause = typed.strip() or picked
        _save(case_id, version, CaseUpdate(status, owner, notes, cause))


def _root_cause(row: pd.Series, prefix: str) -> tuple[str, str]:
    """A theme of the comments to name the root cause by (the theme the customer's
    comment is in first, marked) and a tag of one's own, which wins over it."""
    themes = load_root_causes(current_viewer(), str(row["journey_id"]))
    current = str(row["root_cause"] or "")
    suggested = themes.labels.get(themes.of_response.get(int(row["response_id"]), ""), "")
    labels = [
        label for label in dict.fromkeys([suggested, *sorted(themes.labels.values())]) if label
    ]
    options = ["", *labels]
    picked = st.selectbox(
        _("Root cause from the comment themes"),
        options,
        index=options.index(current) if current in options else 0,
        format_func=lambda label: (
            _("— none —")
            if not label
            else _("{theme} (the theme of this comment)").format(theme=label)
            if label == suggested
            else label
        ),
        key=f"{prefix}-cause-theme",
        help=_("Themes found in the customers' comments; recurring causes are counted."),
    )
    typed = st.text_input(
        _("Or a root-cause tag of your own"),
        value="" if current in options else current,
        key=f"{prefix}-cause",
        help=_("A short tag (e.g. 'waiting time'); it wins over the theme chosen above."),
    )
    return str(picked or ""), typed


def _reload(case_id: int) -> None:
    # The next run opens the stored version; the edit widgets get new keys and its values.
    st.session_state.get(state.CASE_OPENED, {}).pop(case_id, None)
    st.session_state.get(state.CASE_STALE, {}).pop(case_id, None)


def _save(case_id: int, version: int, change: CaseUpdate) -> None:
    try:
        new_version = update_case(
            current_viewer(), get_engine(), case_id, change, expected_version=version
        )
    except CaseChanged as error:
        st.session_state.setdefault(state.CASE_STALE, {})[case_id] = str(error)
        st.rerun()
    except (NotAllowed, ValueError) as error:
        st.error(plain(sentence(str(error))))
        return
    st.session_state[state.CASE_OPENED][case_id] = new_version
    st.session_state[state.FLASH_MESSAGE] = _("Call-back case #{id} saved.").format(id=case_id)
    st.rerun()


def _in_zone(cases: pd.DataFrame) -> pd.DataFrame:
    """The cases with their times in the workspace's zone, as the page shows them."""
    moments = [c for c in ("responded_at", "due_at", "contacted_at", "closed_at") if c in cases]
    return cases.assign(**{c: workspace_time.shown(cases[c]) for c in moments})


def _compliance(cases: pd.DataFrame, now: datetime) -> None:
    st.subheader(_("Called back in time, per month"))
    table = compliance(cases, now, zone=workspace_time.zone())
    table = table[table["n"] > 0]
    if table.empty:
        st.caption(_("No case has reached its deadline yet."))
        return
    st.dataframe(
        table.assign(share=table["share"] * 100, period=table["period"].map(period_title)),
        hide_index=True,
        column_config={
            "period": st.column_config.TextColumn(_("Month of the answer")),
            "n": st.column_config.NumberColumn(_("Cases due (n)")),
            "on_time": st.column_config.NumberColumn(_("Reached in time")),
            "late_or_missed": st.column_config.NumberColumn(_("Late or missed")),
            "share": st.column_config.NumberColumn(_("In time %"), format="%.0f"),
        },
        placeholder=MISSING,
    )
    st.caption(
        _(
            "Every case that is due counts (all of them, not a sample), so the share has no "
            "interval; cases not yet due and not yet reached are left out."
        )
    )


if __name__ == "__main__":
    render()

"""Reading actions: the goal, the board, the value/effort matrix, effects, the trace."""

from __future__ import annotations

import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from journeymap import settings
from journeymap.analytics.action_effect import Effect
from journeymap.analytics.actions import (
    QUICK_WIN_EFFORT,
    QUICK_WIN_IMPACT,
    actions_frame,
    board,
    goal_progress,
    is_quick_win,
    overdue,
)
from journeymap.analytics.report_periods import year_so_far
from journeymap.charts.actions import value_effort_figure
from journeymap.charts.health import HEALTH_LABELS
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.model import Journey
from journeymap.model.actions import CATEGORY_LABELS, STATUS_LABELS, Action
from journeymap.services import workspace_time
from journeymap.services.actions import effects_table, trace_table
from journeymap.services.sand import SandReport
from journeymap.ui.widgets.tables import MISSING
from journeymap.ui.widgets.text import plain
from journeymap.ui.widgets.walk.method_texts import effect_method

# Translators: how a measure moved after an action was done.
OUTCOME_LABELS = {
    "improved": N_("better"),
    "worse": N_("worse"),
    "no_change": N_("no change"),
    "thin": N_("thin"),
}


def quick_win_rule() -> str:
    """The rule for a quick win, as the forms and the board state it."""
    return _(
        "A quick win has impact {impact} or more and effort {effort} or less (1–5 scales)."
    ).format(impact=QUICK_WIN_IMPACT, effort=QUICK_WIN_EFFORT)


def column_words() -> dict[str, ColumnConfig]:
    """The tables' columns in words: the frames keep their field names for code and
    exports."""
    return {
        "id": st.column_config.NumberColumn(_("Action"), format="#%d", width="small"),
        "action": st.column_config.TextColumn(_("What was done"), width="large"),
        "done_on": st.column_config.DateColumn(_("Done on"), format="YYYY-MM-DD"),
        "did_it_work": st.column_config.TextColumn(_("Did it work?"), width="medium"),
        "why": st.column_config.TextColumn(_("Why we say so"), width="large"),
        "rank": st.column_config.NumberColumn(_("Rank"), width="small"),
        "touchpoint": st.column_config.TextColumn(_("Touchpoint")),
        "health": st.column_config.TextColumn(_("Health")),
        "friction": st.column_config.NumberColumn(_("Friction"), help=_("Friction score, 0–100")),
        "actions": st.column_config.TextColumn(_("Its actions"), width="large"),
    }


def goal(actions: list[Action]) -> None:
    today = workspace_time.today()
    this_year = year_so_far(today, workspace_time.zone())
    so_far = goal_progress(actions, this_year, settings.actions_goal())
    done, total, expected = so_far.done_year_to_date, so_far.goal, so_far.expected_by_now
    left, middle, right = st.columns(3)
    left.metric(
        _("Done in {year}").format(year=fmt.year(today.year)),
        _("{done} of {goal}").format(done=fmt.number(done), goal=fmt.number(total)),
    )
    middle.metric(
        _("Expected by today"),
        fmt.number(expected),
        help=_("The goal spread evenly over the year."),
    )
    still_open = sum(a.status in ("idea", "approved", "in_progress") for a in actions)
    right.metric(_("Open actions"), fmt.number(still_open))
    st.progress(
        min(1.0, done / total),
        text=_("{share} of the year's goal").format(share=fmt.share(done / total)),
    )
    st.caption(
        (
            _("The goal is {goal} done actions a year (JOURNEYMAP_ACTIONS_GOAL); on pace.")
            if done >= expected
            else _(
                "The goal is {goal} done actions a year (JOURNEYMAP_ACTIONS_GOAL); behind the pace."
            )
        ).format(goal=fmt.number(total))
    )


def board_view(actions: list[Action], names: dict[str, str]) -> None:
    st.caption(_("For the steering group: one column per status.") + " " + quick_win_rule())
    today = workspace_time.today()
    columns = st.columns(len(STATUS_LABELS))
    for column, (status, items) in zip(columns, board(actions).items(), strict=True):
        column.markdown(f"**{_(STATUS_LABELS[status])}** ({len(items)})")
        for action in items:
            card = column.container(border=True)
            badges = []
            if is_quick_win(action.fields.impact, action.fields.effort):
                badges.append(":green-badge[" + _("quick win") + "]")
            if overdue(action, today):
                badges.append(":red-badge[" + _("overdue") + "]")
            card.markdown(f"**#{action.id} {plain(action.title)}** " + " ".join(badges))
            facts = [
                _("impact {impact}, effort {effort}").format(
                    impact=action.fields.impact, effort=action.fields.effort
                ),
                _(CATEGORY_LABELS[action.fields.category]),
                action.fields.owner or _("no owner"),
            ]
            if action.fields.due_on and status not in ("done", "dropped"):
                facts.append(_("due {day}").format(day=fmt.day(action.fields.due_on)))
            if action.done_on:
                facts.append(_("done {day}").format(day=fmt.day(action.done_on)))
            where = ", ".join(names.get(t, t) for t in action.touchpoints)
            card.caption(plain(" · ".join(facts) + (f" · {where}" if where else "")))


def matrix_view(actions: list[Action], names: dict[str, str]) -> None:
    frame = actions_frame(actions, names)
    open_ = frame[frame["status"] != "dropped"]
    if open_.empty:
        st.caption(_("No actions to place yet."))
        return
    st.plotly_chart(value_effort_figure(open_), width="stretch")
    st.caption(
        _("Each marker is an action, numbered by its id; actions sharing a cell sit around it.")
        + " "
        + quick_win_rule()
        + " "
        + _("Dropped actions are left out.")
    )


def effects_view(actions: list[Action], effects: dict[int, Effect]) -> None:
    done = [a for a in actions if a.status == "done"]
    days = settings.effect_window_days()
    st.caption(
        _(
            "Each done action's touchpoints, {days} days before vs {days} days after its done "
            "date (JOURNEYMAP_EFFECT_WINDOW_DAYS). The rules are below the table."
        ).format(days=fmt.number(days))
    )
    if not done:
        st.caption(_("No action is done yet."))
    else:
        st.dataframe(
            effects_table(done, effects),
            hide_index=True,
            width="stretch",
            column_config=column_words(),
            placeholder=MISSING,
        )
    for action in done:
        effect = effects.get(action.id)
        if effect is None:
            continue
        with st.expander(plain(f"#{action.id} {action.title}: {_(effect.label)}")):
            w = effect.windows
            window_days = {
                "before_start": fmt.day(w.before[0]),
                "before_end": fmt.day(w.before[1]),
                "after_start": fmt.day(w.after[0]),
                "after_end": fmt.day(w.after[1]),
            }
            st.caption(
                (
                    _("Before {before_start} … {before_end}; after {after_start} … {after_end}")
                    if w.after_complete
                    else _(
                        "Before {before_start} … {before_end}; after {after_start} … "
                        "{after_end} (the after window has not ended yet)"
                    )
                ).format(**window_days)
            )
            for measure in effect.measures:
                outcome = _(OUTCOME_LABELS[measure.outcome])
                st.markdown(f"- *{outcome}* — " + plain(measure.text))
    with st.expander(_("How 'Did it work?' decides")):
        st.markdown(effect_method())  # our own text, not user input


def trace_view(
    report: SandReport | None, actions: list[Action], effects: dict[int, Effect]
) -> None:
    """Each sand or watch item → its actions, their status and whether they worked."""
    if report is None:
        return
    table = trace_table(report, actions, effects)
    if table.empty:
        st.caption(_("No touchpoint is sand or on watch in the last half year."))
        return
    table["health"] = [_(HEALTH_LABELS[h]) if h in HEALTH_LABELS else h for h in table["health"]]
    st.dataframe(
        table, hide_index=True, width="stretch", column_config=column_words(), placeholder=MISSING
    )


def journey_names(journey: Journey) -> dict[str, str]:
    return {t.id: t.name for t in journey.touchpoints}

"""Reading actions: the goal, the board, the value/effort matrix, effects, the trace."""

from __future__ import annotations

import streamlit as st

from journeymap import settings
from journeymap.analytics import action_effect
from journeymap.analytics.action_effect import Effect
from journeymap.analytics.actions import (
    QUICK_WIN_RULE,
    actions_frame,
    board,
    goal_progress,
    is_quick_win,
    overdue,
)
from journeymap.analytics.report_periods import year_so_far
from journeymap.charts.actions import value_effort_figure
from journeymap.model import Journey
from journeymap.model.actions import CATEGORY_LABELS, STATUS_LABELS, Action
from journeymap.services import workspace_time
from journeymap.services.actions import effects_table, trace_table
from journeymap.services.sand import SandReport
from journeymap.ui.widgets.text import plain

OUTCOME_LABELS = {"improved": "better", "worse": "worse", "no_change": "no change", "thin": "thin"}
# The tables' columns in words: the frames keep their field names for code and exports.
COLUMN_WORDS = {
    "id": st.column_config.NumberColumn("Action", format="#%d", width="small"),
    "action": st.column_config.TextColumn("What was done", width="large"),
    "done_on": st.column_config.DateColumn("Done on", format="YYYY-MM-DD"),
    "did_it_work": st.column_config.TextColumn("Did it work?", width="medium"),
    "why": st.column_config.TextColumn("Why we say so", width="large"),
    "rank": st.column_config.NumberColumn("Rank", width="small"),
    "touchpoint": st.column_config.TextColumn("Touchpoint"),
    "health": st.column_config.TextColumn("Health"),
    "friction": st.column_config.NumberColumn("Friction", help="Friction score, 0–100"),
    "actions": st.column_config.TextColumn("Its actions", width="large"),
}


def goal(actions: list[Action]) -> None:
    today = workspace_time.today()
    this_year = year_so_far(today, workspace_time.zone())
    so_far = goal_progress(actions, this_year, settings.actions_goal())
    done, total, expected = so_far.done_year_to_date, so_far.goal, so_far.expected_by_now
    left, middle, right = st.columns(3)
    left.metric(f"Done in {today.year}", f"{done} of {total}")
    middle.metric(
        "Expected by today", f"{expected:.0f}", help="The goal spread evenly over the year."
    )
    right.metric(
        "Open actions", sum(a.status in ("idea", "approved", "in_progress") for a in actions)
    )
    st.progress(min(1.0, done / total), text=f"{done / total:.0%} of the year's goal")
    st.caption(
        f"The goal is {total} done actions a year (JOURNEYMAP_ACTIONS_GOAL); "
        + ("on pace." if done >= expected else "behind the pace.")
    )


def board_view(actions: list[Action], names: dict[str, str]) -> None:
    st.caption("For the steering group: one column per status. " + QUICK_WIN_RULE)
    today = workspace_time.today()
    columns = st.columns(len(STATUS_LABELS))
    for column, (status, items) in zip(columns, board(actions).items(), strict=True):
        column.markdown(f"**{STATUS_LABELS[status]}** ({len(items)})")
        for action in items:
            card = column.container(border=True)
            badges = []
            if is_quick_win(action.fields.impact, action.fields.effort):
                badges.append(":green-badge[quick win]")
            if overdue(action, today):
                badges.append(":red-badge[overdue]")
            card.markdown(f"**#{action.id} {plain(action.title)}** " + " ".join(badges))
            facts = [
                f"impact {action.fields.impact}, effort {action.fields.effort}",
                CATEGORY_LABELS[action.fields.category],
                action.fields.owner or "no owner",
            ]
            if action.fields.due_on and status not in ("done", "dropped"):
                facts.append(f"due {action.fields.due_on}")
            if action.done_on:
                facts.append(f"done {action.done_on}")
            where = ", ".join(names.get(t, t) for t in action.touchpoints)
            card.caption(plain(" · ".join(facts) + (f" · {where}" if where else "")))


def matrix_view(actions: list[Action], names: dict[str, str]) -> None:
    frame = actions_frame(actions, names)
    open_ = frame[frame["status"] != "dropped"]
    if open_.empty:
        st.caption("No actions to place yet.")
        return
    st.plotly_chart(value_effort_figure(open_), width="stretch")
    st.caption(
        "Each marker is an action, numbered by its id; actions sharing a cell sit around it. "
        + QUICK_WIN_RULE
        + " Dropped actions are left out."
    )


def effects_view(actions: list[Action], effects: dict[int, Effect]) -> None:
    done = [a for a in actions if a.status == "done"]
    days = settings.effect_window_days()
    st.caption(
        f"Each done action's touchpoints, {days} days before vs {days} days after its done "
        "date (JOURNEYMAP_EFFECT_WINDOW_DAYS). The rules are below the table."
    )
    if not done:
        st.caption("No action is done yet.")
    else:
        st.dataframe(
            effects_table(done, effects),
            hide_index=True,
            width="stretch",
            column_config=COLUMN_WORDS,
        )
    for action in done:
        effect = effects.get(action.id)
        if effect is None:
            continue
        with st.expander(plain(f"#{action.id} {action.title}: {effect.label}")):
            w = effect.windows
            st.caption(
                f"Before {w.before[0]} … {w.before[1]}; after {w.after[0]} … {w.after[1]}"
                + ("" if w.after_complete else " (the after window has not ended yet)")
            )
            for measure in effect.measures:
                st.markdown(f"- *{OUTCOME_LABELS[measure.outcome]}* — " + plain(measure.text))
    with st.expander("How 'Did it work?' decides"):
        st.markdown(action_effect.__doc__ or "")  # our own text, not user input


def trace_view(
    report: SandReport | None, actions: list[Action], effects: dict[int, Effect]
) -> None:
    """Each sand or watch item → its actions, their status and whether they worked."""
    if report is None:
        return
    table = trace_table(report, actions, effects)
    if table.empty:
        st.caption("No touchpoint is sand or on watch in the last half year.")
        return
    st.dataframe(table, hide_index=True, width="stretch", column_config=COLUMN_WORDS)


def journey_names(journey: Journey) -> dict[str, str]:
    return {t.id: t.name for t in journey.touchpoints}

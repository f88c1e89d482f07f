"""Improvement actions: quick wins, status moves, the goal, and the store."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine

from journeymap.analytics.actions import (
    actions_for_touchpoint,
    board,
    check_fields,
    check_transition,
    goal_progress,
    is_quick_win,
)
from journeymap.analytics.periods import parse_period
from journeymap.io.journey_files import read_journey_file
from journeymap.model.actions import ActionFields
from journeymap.store.actions import (
    ActionChanged,
    action_from_note,
    create_action,
    list_actions,
    set_status,
    update_action,
)
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from journeymap.store.walk_notes import add_note
from tests.conftest import JOURNEYS_DIR

NOW = datetime(2026, 9, 30, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("impact", "effort", "quick"),
    [(5, 1, True), (4, 2, True), (4, 3, False), (3, 1, False), (5, 5, False), (1, 1, False)],
)
def test_quick_win_rule(impact: int, effort: int, quick: bool) -> None:
    assert is_quick_win(impact, effort) is quick


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        ("idea", "approved", True),
        ("idea", "done", True),  # a quick win done the day it is approved
        ("in_progress", "done", True),
        ("approved", "dropped", True),
        ("done", "in_progress", True),
        ("done", "idea", False),
        ("dropped", "done", False),
        ("dropped", "idea", True),
        ("idea", "finished", False),
    ],
)
def test_status_moves(current: str, new: str, allowed: bool) -> None:
    if allowed:
        check_transition(current, new)
    else:
        with pytest.raises(ValueError, match="can move to|unknown status"):
            check_transition(current, new)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (ActionFields(title="  "), "no title"),
        (ActionFields(title="x", impact=6), "impact is scored 1–5"),
        (ActionFields(title="x", effort=0), "effort is scored 1–5"),
        (ActionFields(title="x", category="luck"), "not a category"),
        (ActionFields(title="x", touchpoints=("nowhere",)), "no touchpoint nowhere"),
    ],
)
def test_bad_fields_are_sentences(fields: ActionFields, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_fields(fields, ["door"])


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    engine = open_database(sqlite_url)
    journey = read_journey_file(JOURNEYS_DIR / "bank-advisory.yaml").journey
    JourneyRepository(engine).save(journey, author="t", base_revision=None)
    return engine


def _done(engine: Engine, title: str, day: date) -> None:
    action = create_action(engine, "bank-advisory", ActionFields(title), actor="t", now=NOW)
    set_status(
        engine, action.id, "done", actor="t", expected_version=action.version, done_on=day, now=NOW
    )


def test_store_round_trip_and_optimistic_locking(engine: Engine) -> None:
    fields = ActionFields(
        title=" Shorter queue ",
        touchpoints=("venter-filial", "venter-filial"),
        source_kind="sand",
        source_ref="venter-filial",
        impact=5,
        effort=1,
        due_on=date(2026, 12, 1),
    )
    action = create_action(engine, "bank-advisory", fields, actor="Ana", now=NOW)
    assert (action.title, action.touchpoints, action.status) == (
        "Shorter queue",
        ("venter-filial",),
        "idea",
    )
    moved = set_status(engine, action.id, "in_progress", actor="Ana", expected_version=1, now=NOW)
    assert moved.version == 2
    assert moved.done_on is None
    with pytest.raises(ActionChanged, match="reload"):
        update_action(engine, action.id, fields, actor="Ana", expected_version=1)
    done = set_status(engine, action.id, "done", actor="Ana", expected_version=2, now=NOW)
    assert done.done_on == NOW.date()
    reopened = set_status(
        engine, action.id, "in_progress", actor="Ana", expected_version=3, now=NOW
    )
    assert reopened.done_on is None
    with pytest.raises(ValueError, match="in the future"):
        set_status(
            engine,
            action.id,
            "done",
            actor="Ana",
            expected_version=4,
            done_on=date(2027, 1, 1),
            now=NOW,
        )
    assert [a.id for a in actions_for_touchpoint(list_actions(engine, "bank-advisory"),
                                                 "venter-filial")] == [action.id]  # fmt: skip


def test_goal_progress_counts_the_period_and_the_year_to_date(engine: Engine) -> None:
    _done(engine, "Last year", date(2025, 12, 31))
    _done(engine, "January", date(2026, 1, 1))
    _done(engine, "July", date(2026, 7, 1))
    _done(engine, "September", date(2026, 9, 30))
    actions = list_actions(engine, "bank-advisory")
    progress = goal_progress(actions, parse_period("2026-Q3"), 50)
    assert (progress.done_in_period, progress.done_year_to_date) == (2, 3)
    assert progress.expected_by_now == pytest.approx(50 * 273 / 365)
    assert not progress.on_pace
    assert [a.title for a in board(actions)["done"]][:1] == ["Last year"]


def test_a_walk_note_becomes_one_action(engine: Engine) -> None:
    note = add_note(
        engine, "bank-advisory", "venter-filial", "idea", "Sofaer <i>nu</i>", actor="Bo"
    )
    first = action_from_note(engine, note.id, actor="Bo")
    again = action_from_note(engine, note.id, actor="Bo")
    assert first.id == again.id
    assert (first.title, first.touchpoints, first.fields.source_kind) == (
        "Sofaer <i>nu</i>",
        ("venter-filial",),
        "walk_note",
    )
    with pytest.raises(KeyError, match="no walk note"):
        action_from_note(engine, 9999, actor="Bo")

"""The drag board: one card a column move, read back from the component's answer."""

from __future__ import annotations

from datetime import UTC, date, datetime

from journeymap.analytics.action_board import board_columns, card_id, moves
from journeymap.model.actions import Action, ActionFields
from journeymap.services.actions import effects_table, trace_table
from journeymap.ui.widgets.actions.action_views import column_words

TODAY = date(2026, 12, 7)


def _action(id_: int, status: str, title: str, impact: int = 3, effort: int = 3) -> Action:
    return Action(
        id=id_,
        journey_id="bank",
        fields=ActionFields(title=title, impact=impact, effort=effort, owner="Filialchef"),
        status=status,
        done_on=None,
        version=1,
        created_by="anna",
        created_at=datetime(2026, 11, 1, tzinfo=UTC),
        updated_at=datetime(2026, 11, 1, tzinfo=UTC),
    )


ACTIONS = [
    _action(1, "idea", "Flere stole"),
    _action(2, "idea", "SMS når det er din tur", impact=5, effort=1),
    _action(3, "in_progress", "#4 er ikke et id"),
]


def test_the_board_lists_each_status_with_quick_wins_first() -> None:
    columns = board_columns(ACTIONS, {}, TODAY)
    assert [c["header"] for c in columns] == [
        "Idea (2)",
        "Approved (0)",
        "In progress (1)",
        "Done (0)",
        "Dropped (0)",
    ]
    assert columns[0]["items"] == [
        "#2 SMS når det er din tur · quick win · Filialchef · Process",
        "#1 Flere stole · Filialchef · Process",
    ]


def test_a_card_dropped_in_another_column_is_one_move() -> None:
    columns = board_columns(ACTIONS, {}, TODAY)
    dragged = [dict(c) for c in columns]
    card = dragged[0]["items"][1]  # type: ignore[index]
    dragged[0] = {**dragged[0], "items": dragged[0]["items"][:1]}  # type: ignore[index]
    dragged[3] = {**dragged[3], "items": [card]}
    assert moves(ACTIONS, dragged) == [(1, "done")]


def test_reordering_inside_a_column_moves_nothing() -> None:
    columns = board_columns(ACTIONS, {}, TODAY)
    columns[0] = {**columns[0], "items": list(reversed(columns[0]["items"]))}  # type: ignore[call-overload]
    assert moves(ACTIONS, columns) == []
    assert moves(ACTIONS, board_columns(ACTIONS, {}, TODAY)) == []


def test_a_card_is_known_by_its_leading_id_only() -> None:
    assert card_id("#3 #4 er ikke et id · Filialchef") == 3
    assert card_id("no id here") is None


def test_the_action_tables_have_words_for_headers() -> None:
    words = column_words()
    for frame in (effects_table([], {}), trace_table_columns()):
        for column in frame.columns:
            label = words[column]["label"]
            assert "_" not in label, label
    assert words["done_on"]["label"] == "Done on"
    assert words["did_it_work"]["label"] == "Did it work?"


def trace_table_columns():  # noqa: ANN201 - a frame with the trace table's columns
    class _Report:
        items: list[object] = []

    return trace_table(_Report(), [], {})  # type: ignore[arg-type]

"""The action board as cards to drag: their labels, and which card a drag moved.

The drag component answers with the whole board as it now stands; what changed is the
card that sits in another column than before (a card moved up or down inside its own
column changes nothing: the board orders each column by itself).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from journeymap.analytics.actions import board, is_quick_win, overdue
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt
from journeymap.model.actions import CATEGORY_LABELS, STATUS_LABELS, Action

_CARD_ID = re.compile(r"^#(\d+) ")


def card_label(action: Action, names: Mapping[str, str], today: date) -> str:
    """One line a card: "#12 Title · quick win · owner · due …" (plain text)."""
    parts = [f"#{action.id} {action.title}"]
    if is_quick_win(action.fields.impact, action.fields.effort):
        parts.append(_("quick win"))
    if overdue(action, today):
        parts.append(_("OVERDUE"))
    parts.append(action.fields.owner or _("no owner"))
    parts.append(_(CATEGORY_LABELS[action.fields.category]))
    if action.fields.due_on and action.status not in ("done", "dropped"):
        parts.append(_("due {day}").format(day=fmt.day(action.fields.due_on)))
    if action.done_on:
        parts.append(_("done {day}").format(day=fmt.day(action.done_on)))
    where = ", ".join(names.get(t, t) for t in action.touchpoints)
    if where:
        parts.append(where)
    return " · ".join(parts)


def column_header(status: str, count: int) -> str:
    return _("{status} ({count})").format(status=_(STATUS_LABELS[status]), count=fmt.number(count))


def board_columns(
    actions: Sequence[Action], names: Mapping[str, str], today: date
) -> list[dict[str, Any]]:
    """The board for the drag component: one column a status, in board order."""
    return [
        {
            "header": column_header(status, len(items)),
            "items": [card_label(a, names, today) for a in items],
        }
        for status, items in board(actions).items()
    ]


def card_id(label: str) -> int | None:
    match = _CARD_ID.match(label)
    return int(match.group(1)) if match else None


def moves(
    actions: Sequence[Action], arranged: Sequence[Mapping[str, object]]
) -> list[tuple[int, str]]:
    """(action id, new status) for each card the drag put in another column.

    ``arranged``: the board as the component returns it, columns in board order.
    """
    statuses = list(board(actions))
    now = {a.id: a.status for a in actions}
    moved = []
    for status, column in zip(statuses, arranged, strict=False):
        items = column.get("items", [])
        for label in items if isinstance(items, list) else []:
            action_id = card_id(str(label))
            if action_id in now and now[action_id] != status:
                moved.append((action_id, status))
    return moved

"""The board the steering group drags actions across: one drag moves one action.

streamlit-sortables (Apache-2.0; its built JavaScript ships in the wheel, nothing is
fetched) draws the columns; each move goes through the actions service, which checks
the role and the allowed moves and writes the audit entry.
"""

from __future__ import annotations

import hashlib

import streamlit as st
from streamlit_sortables import sort_items

from journeymap.analytics.action_board import board_columns, moves
from journeymap.analytics.hyphenation import soft_hyphenated
from journeymap.i18n import _
from journeymap.model.access import Viewer
from journeymap.model.actions import STATUS_LABELS, Action
from journeymap.services import workspace_time
from journeymap.services.access import NotAllowed
from journeymap.services.actions import ActionChanged, move_action
from journeymap.ui.shell import state
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.widgets.actions.action_views import quick_win_rule
from journeymap.ui.widgets.text import plain, sentence

# Constant CSS for the component's own page: cards that wrap their text and read from
# the back of a room, columns side by side.
BOARD_CSS = """
.sortable-component { display: flex !important; gap: 0.5rem; align-items: flex-start !important;
    border: none !important; padding: 0 !important; }
.sortable-container { flex: 1 1 0; min-width: 0; background: #f0f4f8; border-radius: 8px;
    min-height: 140px; margin: 0 !important; }
.sortable-container-header { font-weight: 700; font-size: 17px; padding: 8px 10px;
    text-align: left; color: #1f2933; }
.sortable-container-body { min-height: 100px; padding: 4px 6px; }
.sortable-item, .sortable-item:hover { background: #ffffff; color: #1f2933;
    border: 1px solid #bcccdc; border-radius: 6px; font-size: 15px; line-height: 1.35;
    white-space: normal; overflow-wrap: normal; hyphens: manual; text-align: left;
    padding: 8px 10px; margin: 4px 0; cursor: grab; }
"""


def drag_board(viewer: Viewer, actions: list[Action], names: dict[str, str]) -> None:
    """The board; a card dropped in another column moves that action at once."""
    st.caption(
        _(
            "Drag a card to another column to move the action along; the move is saved at "
            "once and kept in the audit log."
        )
        + " "
        + quick_win_rule()
    )
    refusal = st.session_state.pop(state.ACTION_BOARD_REFUSAL, None)
    if refusal:
        st.error(plain(refusal))
    # Soft hyphens: a narrow column wraps a long Danish word between its syllables.
    columns = [
        {"header": c["header"], "items": [soft_hyphenated(i) for i in c["items"]]}
        for c in board_columns(actions, names, workspace_time.today())
    ]
    # The key follows the stored board: after a move (or a refused one) the component
    # is drawn afresh from what is stored, never from where the card was dropped.
    redraws = st.session_state.get(state.ACTION_BOARD_REDRAWS, 0)
    stored = "|".join(f"{a.id}:{a.status}:{a.version}" for a in actions) + f"|{redraws}"
    key = f"{state.ACTION_BOARD}-{hashlib.sha256(stored.encode()).hexdigest()[:12]}"
    arranged = sort_items(columns, multi_containers=True, custom_style=BOARD_CSS, key=key)
    for action_id, status in moves(actions, arranged or []):
        _move(viewer, next(a for a in actions if a.id == action_id), status)


def _move(viewer: Viewer, action: Action, status: str) -> None:
    try:
        moved = move_action(
            viewer, get_engine(), action.id, status, expected_version=action.version
        )
    except (ValueError, KeyError, ActionChanged, NotAllowed) as error:
        st.session_state[state.ACTION_BOARD_REFUSAL] = sentence(str(error).strip("'\""))
        st.session_state[state.ACTION_BOARD_REDRAWS] = (
            st.session_state.get(state.ACTION_BOARD_REDRAWS, 0) + 1
        )
        st.rerun()
    st.session_state[state.FLASH_MESSAGE] = _("Moved action {number}: {title} → {status}").format(
        number=moved.id, title=moved.title, status=_(STATUS_LABELS[moved.status])
    )
    st.rerun()

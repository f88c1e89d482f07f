"""The canvas editor: the journey drawn as the graph view draws it, edited by hand.

The drawing is a small component in plain JavaScript shipped in the package
(canvas_frontend/, no build step, nothing fetched from the internet). Its gestures come
back as a queue of events, each applied once to the draft (stored on the server at once)
and acknowledged in the next drawing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v1 as components

from journeymap.analytics.canvas_edits import (
    connect,
    move_touchpoint,
    place_touchpoint,
    remove_from_canvas,
    remove_transition,
)
from journeymap.analytics.problem_places import place_of
from journeymap.charts.channels import channel_name
from journeymap.i18n import _
from journeymap.model import KNOWN_CHANNELS, Problem
from journeymap.ui.shell import state
from journeymap.ui.widgets.editor.drafts import Draft, update

_FRONTEND = Path(__file__).with_name("canvas_frontend")
_canvas = components.declare_component("journey_canvas", path=str(_FRONTEND))

Selection = dict[str, str]


def lanes_of(data: dict[str, Any]) -> list[str]:
    """Every known channel as a lane (a cell to add to), then channels typed in."""
    used = [str(tp.get("channel") or "") for tp in data["touchpoints"]]
    return list(dict.fromkeys([*KNOWN_CHANNELS, *(c for c in used if c)]))


def canvas_texts() -> dict[str, str]:
    """What the drawing itself says (hints, badges, the legend), in the reader's
    language: the JavaScript has no catalog of its own."""
    return {
        "board": _("Journey canvas"),
        "add_hint": _("+ add a touchpoint"),
        "has_problem": _("has a problem: see the list above"),
        # Translators: a badge on a touchpoint where customers start the journey.
        "start": _("▶ start"),
        # Translators: a badge on a touchpoint where the journey may end.
        "end": _("■ end"),
        "handle": _(
            "Drag to another touchpoint to draw a transition, or to an empty cell to add one"
        ),
        "legend": _(
            "grey: goes on · orange: recovery · red dashed: leaves · drag ◯ to connect · "
            "Delete removes the selection"
        ),
        "new_name": _("Touchpoint name, Enter"),
        "next_name": _("Name of the next touchpoint, Enter"),
        "normal": _("goes on"),
        "recovery": _("recovery"),
        "leave": _("leaves"),
    }


def selection(journey_id: str) -> Selection | None:
    chosen: dict[str, Selection] = st.session_state.setdefault(state.CANVAS_SELECTION, {})
    return chosen.get(journey_id)


def select(journey_id: str, kind: str | None, item: str | None = None) -> None:
    chosen: dict[str, Selection] = st.session_state.setdefault(state.CANVAS_SELECTION, {})
    if kind is None or item is None:
        chosen.pop(journey_id, None)
    else:
        chosen[journey_id] = {"kind": kind, "id": item}


def _acks() -> dict[str, int]:
    return st.session_state.setdefault(state.CANVAS_ACK, {})


def canvas(draft: Draft, problems: list[Problem]) -> None:
    """Draw the canvas; apply the gestures made on it and run the page again."""
    data = draft.data
    problem_ids = sorted(
        {
            place_of(p.location).key
            for p in problems
            if place_of(p.location).section == "touchpoints"
        }
    )
    value = _canvas(
        stages=[{"id": s.get("id"), "name": s.get("name") or s.get("id")} for s in data["stages"]],
        lanes=lanes_of(data),
        lane_names=[channel_name(lane) for lane in lanes_of(data)],
        texts=canvas_texts(),
        touchpoints=[
            {
                "id": tp.get("id"),
                "name": tp.get("name") or tp.get("id"),
                "stage": tp.get("stage"),
                "channel": tp.get("channel"),
                "feels": tp.get("feels"),
                "end": bool(tp.get("end")),
                "moment_of_truth": bool(tp.get("moment_of_truth")),
            }
            for tp in data["touchpoints"]
        ],
        transitions=[
            {"from": t.get("from"), "to": t.get("to"), "kind": t.get("kind") or "normal"}
            for t in data["transitions"]
        ],
        names={
            str(tp.get("id")): str(tp.get("name") or tp.get("id")) for tp in data["touchpoints"]
        },
        entries=[str(e.get("touchpoint")) for e in data["entries"]],
        problems=problem_ids,
        selected=selection(draft.journey_id),
        ack=_acks().get(draft.journey_id, 0),
        key=f"canvas-{draft.journey_id}",
        default=None,
    )
    events = (value or {}).get("events") or []
    done = _acks().get(draft.journey_id, 0)
    fresh = [e for e in events if isinstance(e, dict) and int(e.get("seq") or 0) > done]
    if not fresh:
        return
    new = data
    for event in fresh:
        new = apply_event(draft.journey_id, new, event)
    _acks()[draft.journey_id] = max(int(e["seq"]) for e in fresh)
    if new != data:
        update(draft, new, redraw=True)
    st.rerun()


def apply_event(journey_id: str, data: dict[str, Any], event: dict[str, Any]) -> dict[str, Any]:
    """One gesture applied to the draft data (selection changes only the session)."""
    action = event.get("action")
    if action == "add" and str(event.get("name") or "").strip():
        new, tp_id = place_touchpoint(
            data,
            str(event["name"]),
            str(event.get("stage")),
            str(event.get("channel")),
            str(event["from"]) if event.get("from") else None,
        )
        select(journey_id, "touchpoint", tp_id)
        return new
    if action == "move":
        return move_touchpoint(data, str(event["id"]), str(event["stage"]), str(event["channel"]))
    if action == "connect":
        key = f"{event['from']} → {event['to']}"
        select(journey_id, "transition", key)
        return connect(data, str(event["from"]), str(event["to"]))
    if action == "select":
        select(journey_id, str(event.get("kind")), str(event.get("id")))
        return data
    if action == "delete":
        select(journey_id, None)
        if event.get("kind") == "touchpoint":
            return remove_from_canvas(data, str(event.get("id")))
        if event.get("kind") == "transition":
            return remove_transition(data, str(event.get("id")))
    return data

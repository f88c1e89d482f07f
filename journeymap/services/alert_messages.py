"""What an alert says, for the role that reads its channel.

Every message holds the score, the touchpoint, the customer's comment and the link to
act on; contact details only when the subscription's role works the call-back cases
(admins and leaders), as the Call-backs page shows them. The message is written when it
is sent, from the case as it is then: an alert is never a stale copy of personal data
kept in the outbox.
"""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import urlencode

from journeymap import settings
from journeymap.io import alert_texts as words
from journeymap.model import Journey
from journeymap.model.alerts import AlertKind, AlertMessage, sees_contact
from journeymap.services import workspace_time
from journeymap.store.alert_outbox import QueuedAlert

CALLBACKS_PATH = "call-backs"
SAND_PATH = "sand"


def link(path: str, **params: object) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{settings.public_url()}/{path}" + (f"?{query}" if query else "")


def touchpoint_name(journey: Journey | None, touchpoint_id: str | None) -> str:
    if not touchpoint_id:
        return words.no_touchpoint()
    if journey is not None:
        for touchpoint in journey.touchpoints:
            if touchpoint.id == touchpoint_id:
                return touchpoint.name
    return touchpoint_id


def _when(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return words.moment(workspace_time.shown_moment(moment), workspace_time.zone())


def alert_message(alert: QueuedAlert, journey: Journey | None, *, now: datetime) -> AlertMessage:
    journey_name = journey.name if journey is not None else alert.journey_id
    touchpoint = touchpoint_name(journey, alert.touchpoint_id)
    if alert.kind == AlertKind.SAND:
        return _sand_message(alert, journey_name, touchpoint)
    facts: list[tuple[str, str]] = [
        (words.label("journey"), journey_name),
        (words.label("touchpoint"), touchpoint),
        (words.label("score"), words.score_of_ten(alert.score)),
    ]
    if alert.location:
        facts.append((words.label("location"), alert.location))
    facts.append((words.label("answered"), _when(alert.responded_at)))
    facts.append((words.label("call_back_by"), _when(alert.due_at)))
    if alert.kind == AlertKind.DEADLINE and alert.due_at is not None:
        left = (alert.due_at - now).total_seconds() / 3600
        facts.append((words.label("time_left"), words.time_left(left)))
    contact = alert.contact if sees_contact(alert.subscription.role) else words.withheld()
    facts.append((words.label("contact"), contact))
    return AlertMessage(
        title=words.case_title(alert.kind, touchpoint, alert.score, journey_name),
        facts=tuple(facts),
        comment=alert.comment,
        link=link(CALLBACKS_PATH, journey=alert.journey_id, case=alert.case_id),
        link_label=words.open_case(alert.case_id),
    )


def _sand_message(alert: QueuedAlert, journey_name: str, touchpoint: str) -> AlertMessage:
    detail = json.loads(alert.detail) if alert.detail else {}
    facts: list[tuple[str, str]] = [
        (words.label("journey"), journey_name),
        (words.label("touchpoint"), touchpoint),
    ]
    if alert.subscription.location:
        facts.append((words.label("location"), alert.subscription.location))
    if "friction" in detail:
        facts.append((words.label("friction"), words.friction_of_hundred(detail["friction"])))
    if "nps" in detail:
        nps = words.nps_with_interval(
            detail["nps"], detail["ci_low"], detail["ci_high"], detail["n"]
        )
        facts.append((words.label("nps"), nps))
    if detail.get("reasons"):
        facts.append((words.label("why"), "; ".join(detail["reasons"])))
    return AlertMessage(
        title=words.sand_title(touchpoint, journey_name),
        facts=tuple(facts),
        comment="",
        link=link(SAND_PATH, journey=alert.journey_id),
        link_label=words.open_sand_ranking(),
    )

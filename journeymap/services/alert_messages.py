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
from journeymap.model import Journey
from journeymap.model.alerts import KIND_LABELS, AlertKind, AlertMessage, sees_contact
from journeymap.services import workspace_time
from journeymap.store.alert_outbox import QueuedAlert

CALLBACKS_PATH = "call-backs"
SAND_PATH = "sand"
WITHHELD = "(withheld for this channel's role)"


def link(path: str, **params: object) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{settings.public_url()}/{path}" + (f"?{query}" if query else "")


def touchpoint_name(journey: Journey | None, touchpoint_id: str | None) -> str:
    if not touchpoint_id:
        return "(no touchpoint)"
    if journey is not None:
        for touchpoint in journey.touchpoints:
            if touchpoint.id == touchpoint_id:
                return touchpoint.name
    return touchpoint_id


def _when(moment: datetime | None) -> str:
    if moment is None:
        return ""
    local = workspace_time.shown_moment(moment)
    return f"{local:%Y-%m-%d %H:%M} ({workspace_time.zone()})"


def alert_message(alert: QueuedAlert, journey: Journey | None, *, now: datetime) -> AlertMessage:
    journey_name = journey.name if journey is not None else alert.journey_id
    touchpoint = touchpoint_name(journey, alert.touchpoint_id)
    if alert.kind == AlertKind.SAND:
        return _sand_message(alert, journey_name, touchpoint)
    facts: list[tuple[str, str]] = [
        ("Journey", journey_name),
        ("Touchpoint", touchpoint),
        ("Score", f"{alert.score} of 10" if alert.score is not None else ""),
    ]
    if alert.location:
        facts.append(("Location", alert.location))
    facts.append(("Answered", _when(alert.responded_at)))
    facts.append(("Call back by", _when(alert.due_at)))
    if alert.kind == AlertKind.DEADLINE and alert.due_at is not None:
        left = (alert.due_at - now).total_seconds() / 3600
        facts.append(
            ("Time left", f"{left:.1f} hours" if left > 0 else f"passed {-left:.1f} hours ago")
        )
    if sees_contact(alert.subscription.role):
        facts.append(("Contact", alert.contact))
    else:
        facts.append(("Contact", WITHHELD))
    title = f"{KIND_LABELS[alert.kind]}: {touchpoint}, score {alert.score}"
    return AlertMessage(
        title=f"{title} ({journey_name})",
        facts=tuple(facts),
        comment=alert.comment,
        link=link(CALLBACKS_PATH, journey=alert.journey_id, case=alert.case_id),
        link_label=f"Open call-back case {alert.case_id}",
    )


def _sand_message(alert: QueuedAlert, journey_name: str, touchpoint: str) -> AlertMessage:
    detail = json.loads(alert.detail) if alert.detail else {}
    facts: list[tuple[str, str]] = [("Journey", journey_name), ("Touchpoint", touchpoint)]
    if alert.subscription.location:
        facts.append(("Location", alert.subscription.location))
    if "friction" in detail:
        facts.append(("Friction", f"{detail['friction']:.0f} of 100"))
    if "nps" in detail:
        facts.append(
            (
                "NPS",
                f"{detail['nps']:+.0f} (95% interval {detail['ci_low']:+.0f} to "
                f"{detail['ci_high']:+.0f}, n = {detail['n']})",
            )
        )
    if detail.get("reasons"):
        facts.append(("Why", "; ".join(detail["reasons"])))
    return AlertMessage(
        title=f"{KIND_LABELS[AlertKind.SAND]}: {touchpoint} ({journey_name})",
        facts=tuple(facts),
        comment="",
        link=link(SAND_PATH, journey=alert.journey_id),
        link_label="Open the sand ranking",
    )

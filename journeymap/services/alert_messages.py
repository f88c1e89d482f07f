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
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.model import Journey
from journeymap.model.alerts import KIND_LABELS, AlertKind, AlertMessage, sees_contact
from journeymap.services import workspace_time
from journeymap.store.alert_outbox import QueuedAlert

CALLBACKS_PATH = "call-backs"
SAND_PATH = "sand"
WITHHELD = N_("(withheld for this channel's role)")


def link(path: str, **params: object) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{settings.public_url()}/{path}" + (f"?{query}" if query else "")


def touchpoint_name(journey: Journey | None, touchpoint_id: str | None) -> str:
    if not touchpoint_id:
        return _("(no touchpoint)")
    if journey is not None:
        for touchpoint in journey.touchpoints:
            if touchpoint.id == touchpoint_id:
                return touchpoint.name
    return touchpoint_id


def _when(moment: datetime | None) -> str:
    if moment is None:
        return ""
    local = workspace_time.shown_moment(moment)
    # ISO 8601 in every language: a message is forwarded and pasted into other tools.
    return f"{local:%Y-%m-%d %H:%M} ({workspace_time.zone()})"


def alert_message(alert: QueuedAlert, journey: Journey | None, *, now: datetime) -> AlertMessage:
    journey_name = journey.name if journey is not None else alert.journey_id
    touchpoint = touchpoint_name(journey, alert.touchpoint_id)
    if alert.kind == AlertKind.SAND:
        return _sand_message(alert, journey_name, touchpoint)
    facts: list[tuple[str, str]] = [
        (_("Journey"), journey_name),
        (_("Touchpoint"), touchpoint),
        (
            _("Score"),
            _("{score} of 10").format(score=alert.score) if alert.score is not None else "",
        ),
    ]
    if alert.location:
        facts.append((_("Location"), alert.location))
    facts.append((_("Answered"), _when(alert.responded_at)))
    facts.append((_("Call back by"), _when(alert.due_at)))
    if alert.kind == AlertKind.DEADLINE and alert.due_at is not None:
        left = (alert.due_at - now).total_seconds() / 3600
        facts.append(
            (
                _("Time left"),
                _("{hours} hours").format(hours=fmt.number(left, 1))
                if left > 0
                else _("passed {hours} hours ago").format(hours=fmt.number(-left, 1)),
            )
        )
    if sees_contact(alert.subscription.role):
        facts.append((_("Contact"), alert.contact))
    else:
        facts.append((_("Contact"), _(WITHHELD)))
    title = _("{kind}: {touchpoint}, score {score} ({journey})").format(
        kind=_(KIND_LABELS[alert.kind]),
        touchpoint=touchpoint,
        score=alert.score,
        journey=journey_name,
    )
    return AlertMessage(
        title=title,
        facts=tuple(facts),
        comment=alert.comment,
        link=link(CALLBACKS_PATH, journey=alert.journey_id, case=alert.case_id),
        link_label=_("Open call-back case {case}").format(case=alert.case_id),
    )


def _sand_message(alert: QueuedAlert, journey_name: str, touchpoint: str) -> AlertMessage:
    detail = json.loads(alert.detail) if alert.detail else {}
    facts: list[tuple[str, str]] = [
        (_("Journey"), journey_name),
        (_("Touchpoint"), touchpoint),
    ]
    if alert.subscription.location:
        facts.append((_("Location"), alert.subscription.location))
    if "friction" in detail:
        facts.append(
            (_("Friction"), _("{friction} of 100").format(friction=fmt.number(detail["friction"])))
        )
    if "nps" in detail:
        facts.append(
            (
                "NPS",
                _("{nps} (95% interval {low} to {high}, n = {n})").format(
                    nps=f"{detail['nps']:+.0f}",
                    low=f"{detail['ci_low']:+.0f}",
                    high=f"{detail['ci_high']:+.0f}",
                    n=fmt.number(detail["n"]),
                ),
            )
        )
    if detail.get("reasons"):
        facts.append((_("Why"), "; ".join(detail["reasons"])))
    return AlertMessage(
        title=_("{kind}: {touchpoint} ({journey})").format(
            kind=_(KIND_LABELS[AlertKind.SAND]), touchpoint=touchpoint, journey=journey_name
        ),
        facts=tuple(facts),
        comment="",
        link=link(SAND_PATH, journey=alert.journey_id),
        link_label=_("Open the sand ranking"),
    )

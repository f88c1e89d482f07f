"""Alert subscriptions and the alerts sent: who may manage them, and the audited changes.

Admins and leaders subscribe an e-mail address or a Slack or Teams channel to a
journey's alerts (optionally of one location), with the role of whoever reads it; they
see what was sent, why an alert failed, and send a failed one again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine

from journeymap.i18n import N_, _
from journeymap.model.access import Capability, Viewer
from journeymap.model.alerts import AlertKind, Channel, Subscription, check_subscription
from journeymap.services.access import actor, require
from journeymap.store import alert_outbox, alert_subscriptions
from journeymap.store.alert_outbox import FAILED, PENDING, SENT

__all__ = [
    "FAILED",
    "PENDING",
    "SENT",
    "AlertKind",
    "AlertView",
    "Channel",
    "Subscription",
    "list_alerts",
    "list_subscriptions",
    "resend",
    "subscribe",
    "unsubscribe",
]

MANAGE = N_("manage alerts")


def subscribe(
    viewer: Viewer,
    engine: Engine,
    journey_id: str,
    *,
    kind: str,
    channel: str,
    target: str,
    role: str,
    location: str = "",
    now: datetime | None = None,
) -> int:
    """The new subscription's id; ValueError with a sentence for a field that cannot be
    used (an unknown kind, channel or role, an address that is none, a role that may not
    read these alerts, a location manager without a location, one already there)."""
    require(viewer, Capability.MANAGE_ALERTS, MANAGE)
    kind_, channel_, target_, role_, location_ = check_subscription(
        kind, channel, target, role, location
    )
    return alert_subscriptions.add_subscription(
        engine,
        journey_id,
        location=location_,
        kind=kind_,
        channel=channel_,
        target=target_,
        role=role_,
        actor=actor(viewer),
        now=now,
    )


def unsubscribe(viewer: Viewer, engine: Engine, subscription_id: int) -> None:
    """Remove a subscription and the alerts still queued for it; ValueError if none."""
    require(viewer, Capability.MANAGE_ALERTS, MANAGE)
    if not alert_subscriptions.remove_subscription(engine, subscription_id, actor=actor(viewer)):
        raise ValueError(
            _("there is no alert subscription {subscription_id}").format(
                subscription_id=subscription_id
            )
        )


def list_subscriptions(
    viewer: Viewer, engine: Engine, journey_id: str | None = None
) -> list[Subscription]:
    require(viewer, Capability.MANAGE_ALERTS, MANAGE)
    return alert_subscriptions.read_subscriptions(engine, journey_id)


@dataclass(frozen=True)
class AlertView:
    """One alert as the Alerts page and `alerts failures` list it: no personal data."""

    id: int
    kind: AlertKind
    journey_id: str
    channel: Channel
    target: str
    status: str  # pending, sent, failed
    attempts: int
    last_error: str
    created_at: datetime
    next_try_at: datetime | None  # None once sent or failed
    sent_at: datetime | None
    case_id: int | None
    touchpoint_id: str | None


def list_alerts(
    viewer: Viewer,
    engine: Engine,
    journey_id: str | None = None,
    *,
    troubled_only: bool = False,
    limit: int = 500,
) -> list[AlertView]:
    """The newest alerts first; ``troubled_only``: those that failed or are being retried,
    each with the reason of its last failure."""
    require(viewer, Capability.MANAGE_ALERTS, MANAGE)
    alerts = alert_outbox.read_alerts(
        engine,
        journey_ids=None if journey_id is None else [journey_id],
        troubled_only=troubled_only,
        limit=limit,
    )
    return [
        AlertView(
            id=a.id,
            kind=a.kind,
            journey_id=a.journey_id,
            channel=a.subscription.channel,
            target=a.subscription.target,
            status=a.status,
            attempts=a.attempts,
            last_error=a.last_error,
            created_at=a.created_at,
            next_try_at=a.next_try_at if a.status == PENDING else None,
            sent_at=a.sent_at,
            case_id=a.case_id,
            touchpoint_id=a.touchpoint_id,
        )
        for a in alerts
    ]


def resend(viewer: Viewer, engine: Engine, alert_id: int, *, now: datetime | None = None) -> None:
    """Queue an alert again from its first attempt (a failed one, once the channel is
    fixed); the dispatcher sends it within seconds. ValueError if there is none."""
    require(viewer, Capability.MANAGE_ALERTS, MANAGE)
    moment = now or datetime.now(UTC)
    if not alert_outbox.resend_alert(engine, alert_id, actor=actor(viewer), now=moment):
        raise ValueError(
            _("there is no alert {alert_id}: `alerts failures` lists them").format(
                alert_id=alert_id
            )
        )

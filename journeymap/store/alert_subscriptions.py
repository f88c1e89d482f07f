"""Alert subscriptions: added and removed with an audit entry, read as model objects."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select
from sqlalchemy.exc import IntegrityError

from journeymap.i18n import _
from journeymap.model.access import Role
from journeymap.model.alerts import AlertKind, Channel, Subscription
from journeymap.store.audit import record
from journeymap.store.moments import as_utc
from journeymap.store.tables import AlertSubscriptionRow, JourneyRow, LocationRow, ResponseRow

SUBSCRIPTIONS = AlertSubscriptionRow.__table__


def add_subscription(
    engine: Engine,
    journey_id: str,
    *,
    location: str,
    kind: AlertKind,
    channel: Channel,
    target: str,
    role: Role,
    actor: str,
    now: datetime | None = None,
) -> int:
    """The new subscription's id; ValueError for an unknown journey or one already there."""
    with engine.begin() as connection:
        if connection.scalar(select(JourneyRow.id).where(JourneyRow.id == journey_id)) is None:
            raise ValueError(_("there is no journey '{journey_id}'").format(journey_id=journey_id))
        if location and not _known_location(connection, journey_id, location):
            raise ValueError(
                _(
                    "there is no location '{location}' in the workspace or in the journey's "
                    "answers: `locations` lists them"
                ).format(location=location)
            )
        try:
            with connection.begin_nested():
                new_id = connection.execute(
                    insert(SUBSCRIPTIONS)
                    .values(
                        journey_id=journey_id,
                        location=location,
                        kind=kind.value,
                        channel=channel.value,
                        target=target,
                        role=role.value,
                        created_by=actor[:120],
                        created_at=now or datetime.now(UTC),
                    )
                    .returning(SUBSCRIPTIONS.c.id)
                ).scalar_one()
        except IntegrityError:
            raise ValueError(
                _("{target} is already subscribed to these alerts of this journey").format(
                    target=target
                )
            ) from None
        where = f" at {location}" if location else ""
        record(
            connection,
            "created",
            "alert subscription",
            new_id,
            f"{kind.value} alerts of {journey_id}{where} to {channel.value} {target} "
            f"(read as {role.value})",
            actor=actor,
        )
    return int(new_id)


def _known_location(connection: Connection, journey_id: str, location: str) -> bool:
    listed = select(LocationRow.id).where(LocationRow.id == location)
    answered = select(ResponseRow.id).where(
        ResponseRow.journey_id == journey_id, ResponseRow.location == location
    )
    return connection.scalar(listed) is not None or connection.scalar(answered.limit(1)) is not None


def remove_subscription(engine: Engine, subscription_id: int, *, actor: str) -> bool:
    """Remove it with its queued alerts; False when there is no such subscription."""
    with engine.begin() as connection:
        removed = connection.execute(
            delete(SUBSCRIPTIONS).where(SUBSCRIPTIONS.c.id == subscription_id)
        ).rowcount
        if removed:
            record(connection, "deleted", "alert subscription", subscription_id, actor=actor)
    return bool(removed)


def read_subscriptions(engine: Engine, journey_id: str | None = None) -> list[Subscription]:
    with engine.connect() as connection:
        return subscriptions_in(connection, journey_id)


def subscriptions_in(
    connection: Connection, journey_id: str | None = None, kind: AlertKind | None = None
) -> list[Subscription]:
    query = select(SUBSCRIPTIONS).order_by(SUBSCRIPTIONS.c.journey_id, SUBSCRIPTIONS.c.id)
    if journey_id is not None:
        query = query.where(SUBSCRIPTIONS.c.journey_id == journey_id)
    if kind is not None:
        query = query.where(SUBSCRIPTIONS.c.kind == kind.value)
    return [subscription_of(row._mapping) for row in connection.execute(query)]


def subscription_of(values: Mapping[str, Any]) -> Subscription:
    """A subscription from its columns (also of the outbox's joined reads)."""
    return Subscription(
        id=int(values["id"]),
        journey_id=values["journey_id"],
        location=values["location"],
        kind=AlertKind(values["kind"]),
        channel=Channel(values["channel"]),
        target=values["target"],
        role=Role(values["role"]),
        created_by=values["created_by"],
        created_at=as_utc(values["created_at"]),
    )

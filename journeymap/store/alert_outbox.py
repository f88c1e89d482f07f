"""The outbox of alerts: queued in the transaction of what caused them, then sent.

Each row is one alert to one subscription. Its ``dedup_key`` names the event and the
subscription (the case, or the sand state it replaced), so a scan that runs twice, two
dispatchers, or a restart half-way never queue the same alert twice. Sending is
claimed row by row: a dispatcher moves ``next_try_at`` past its own attempt before it
sends, so no other dispatcher takes the row meanwhile, and a dispatcher killed in the
middle leaves the row to be tried again once that lease has run out.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Integer,
    String,
    Text,
    and_,
    bindparam,
    cast,
    func,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from journeymap.analytics.callbacks import CLOSED_STATUSES
from journeymap.model.alerts import AlertKind, Subscription
from journeymap.store.alert_subscriptions import SUBSCRIPTIONS, subscription_of, subscriptions_in
from journeymap.store.audit import record
from journeymap.store.bulk import insert_new
from journeymap.store.moments import as_utc
from journeymap.store.tables import AlertOutboxRow, DetractorCaseRow, ResponseRow

OUTBOX = AlertOutboxRow.__table__
PENDING, SENT, FAILED = "pending", "sent", "failed"


def _queue_for_cases(
    connection: Connection,
    kind: AlertKind,
    conditions: list[ColumnElement[bool]],
    *,
    now: datetime,
) -> int:
    """An alert per case that meets ``conditions`` and per subscription of its journey
    to ``kind`` (of every location, or of the case's); the number queued, those queued
    before left out. One INSERT … SELECT: an import of many detractors queues their
    alerts without a round trip per row."""
    case, response, sub = DetractorCaseRow, ResponseRow, SUBSCRIPTIONS
    moment = bindparam("now", now, type_=OUTBOX.c.created_at.type)
    key = (
        literal(f"{kind.value}:", String)
        + cast(case.id, String)
        + literal(":", String)
        + cast(sub.c.id, String)
    )
    rows = (
        select(
            key,
            sub.c.id,
            literal(kind.value, String),
            case.journey_id,
            case.id,
            response.touchpoint_id,
            literal("", Text),
            literal(PENDING, String),
            literal(0, Integer),
            moment,
            literal("", Text),
            moment,
        )
        .select_from(case)
        .join(response, response.id == case.response_id)
        .join(
            sub,
            and_(
                sub.c.journey_id == case.journey_id,
                sub.c.kind == kind.value,
                or_(sub.c.location == "", sub.c.location == func.coalesce(response.location, "")),
            ),
        )
        .where(*conditions)
    )
    columns = [
        "dedup_key", "subscription_id", "kind", "journey_id", "case_id", "touchpoint_id",
        "detail", "status", "attempts", "next_try_at", "last_error", "created_at",
    ]  # fmt: skip
    insert = sqlite_insert if connection.dialect.name == "sqlite" else postgresql_insert
    statement = insert(OUTBOX).from_select(columns, rows).on_conflict_do_nothing()
    # Counted from RETURNING: psycopg reports no row count for an INSERT … SELECT that
    # inserted nothing.
    return len(connection.execute(statement.returning(OUTBOX.c.id)).all())


def queue_new_detractor_alerts(
    connection: Connection, journey_id: str, *, after_id: int, now: datetime
) -> int:
    """Alerts for the cases an import just made (of responses above ``after_id``), in
    the import's transaction: stored together with the responses, or not at all."""
    conditions = [
        DetractorCaseRow.journey_id == journey_id,
        DetractorCaseRow.response_id > after_id,
    ]
    return _queue_for_cases(connection, AlertKind.DETRACTOR, conditions, now=now)


def queue_deadline_alerts(engine: Engine, *, now: datetime, window: timedelta) -> int:
    """Alerts for the open cases whose deadline falls within ``window`` from ``now``
    (or passed less than ``window`` ago, for a scan that was down a while), nobody
    having reached the customer yet; the number queued."""
    conditions = [
        DetractorCaseRow.contacted_at.is_(None),
        DetractorCaseRow.status.not_in(sorted(CLOSED_STATUSES)),
        DetractorCaseRow.due_at <= now + window,
        DetractorCaseRow.due_at > now - window,
    ]
    with engine.begin() as connection:
        if not subscriptions_in(connection, kind=AlertKind.DEADLINE):
            return 0  # every few seconds: no look at the cases when nobody listens
        return _queue_for_cases(connection, AlertKind.DEADLINE, conditions, now=now)


def queue_sand_alerts(
    connection: Connection,
    journey_id: str,
    location: str,
    turns: dict[str, str],
    details: dict[str, str],
    *,
    now: datetime,
) -> int:
    """An alert per touchpoint that turned to sand (``turns``: touchpoint → the state it
    replaced, which makes the key: two scans that see the same turn queue it once)."""
    subscriptions = [
        s
        for s in subscriptions_in(connection, journey_id, AlertKind.SAND)
        if s.location == location
    ]
    rows = [
        _row(subscription, f"sand:{subscription.id}:{touchpoint}:{replaced}", now)
        | {"touchpoint_id": touchpoint, "detail": details.get(touchpoint, "")}
        for touchpoint, replaced in sorted(turns.items())
        for subscription in subscriptions
    ]
    return insert_new(connection, OUTBOX, rows)  # type: ignore[arg-type]


def _row(subscription: Subscription, key: str, now: datetime) -> dict[str, object]:
    return {
        "dedup_key": key[:200],
        "subscription_id": subscription.id,
        "kind": subscription.kind.value,
        "journey_id": subscription.journey_id,
        "case_id": None,
        "touchpoint_id": None,
        "detail": "",
        "status": PENDING,
        "attempts": 0,
        "next_try_at": now,
        "last_error": "",
        "created_at": now,
        "sent_at": None,
    }


@dataclass(frozen=True)
class QueuedAlert:
    """An alert with what its message is written from: the subscription, and the case
    and response it is about (None for a sand alert)."""

    id: int
    kind: AlertKind
    journey_id: str
    subscription: Subscription
    touchpoint_id: str | None
    detail: str
    attempts: int
    status: str
    last_error: str
    created_at: datetime
    next_try_at: datetime
    sent_at: datetime | None
    case_id: int | None = None
    due_at: datetime | None = None
    score: int | None = None
    comment: str = ""
    contact: str = ""
    location: str = ""
    responded_at: datetime | None = None


def _queued_query():  # type: ignore[no-untyped-def]
    return (
        select(
            OUTBOX,
            *(c.label(f"sub_{c.name}") for c in SUBSCRIPTIONS.c),
            DetractorCaseRow.due_at,
            ResponseRow.score,
            ResponseRow.comment,
            ResponseRow.contact,
            ResponseRow.location,
            ResponseRow.responded_at,
        )
        .join(SUBSCRIPTIONS, SUBSCRIPTIONS.c.id == OUTBOX.c.subscription_id)
        .outerjoin(DetractorCaseRow, DetractorCaseRow.id == OUTBOX.c.case_id)
        .outerjoin(ResponseRow, ResponseRow.id == DetractorCaseRow.response_id)
    )


def _queued(row: object) -> QueuedAlert:
    values = row._mapping  # type: ignore[attr-defined]

    return QueuedAlert(
        id=int(values["id"]),
        kind=AlertKind(values["kind"]),
        journey_id=values["journey_id"],
        subscription=subscription_of({c.name: values[f"sub_{c.name}"] for c in SUBSCRIPTIONS.c}),
        touchpoint_id=values["touchpoint_id"],
        detail=values["detail"],
        attempts=int(values["attempts"]),
        status=values["status"],
        last_error=values["last_error"],
        created_at=as_utc(values["created_at"]),
        next_try_at=as_utc(values["next_try_at"]),
        sent_at=as_utc(values["sent_at"]) if values["sent_at"] else None,
        case_id=values["case_id"],
        due_at=as_utc(values["due_at"]) if values["due_at"] else None,
        score=values["score"],
        comment=values["comment"] or "",
        contact=values["contact"] or "",
        location=values["location"] or "",
        responded_at=as_utc(values["responded_at"]) if values["responded_at"] else None,
    )


def due_alert_ids(engine: Engine, *, now: datetime, limit: int = 100) -> list[int]:
    """Pending alerts whose time has come, oldest first."""
    query = (
        select(OUTBOX.c.id)
        .where(OUTBOX.c.status == PENDING, OUTBOX.c.next_try_at <= now)
        .order_by(OUTBOX.c.next_try_at, OUTBOX.c.id)
        .limit(limit)
    )
    with engine.connect() as connection:
        return [int(i) for i in connection.scalars(query)]


def claim_alert(
    engine: Engine, alert_id: int, *, now: datetime, lease: timedelta
) -> QueuedAlert | None:
    """Take the alert for one attempt (counted now, so a crash mid-send counts too);
    None when another dispatcher has it or it is no longer due."""
    with engine.begin() as connection:
        taken = connection.execute(
            update(OUTBOX)
            .where(OUTBOX.c.id == alert_id, OUTBOX.c.status == PENDING, OUTBOX.c.next_try_at <= now)
            .values(next_try_at=now + lease, attempts=OUTBOX.c.attempts + 1)
        ).rowcount
        if taken != 1:
            return None
        row = connection.execute(_queued_query().where(OUTBOX.c.id == alert_id)).first()
    return _queued(row) if row is not None else None


def mark_sent(engine: Engine, alert_id: int, *, now: datetime) -> None:
    with engine.begin() as connection:
        connection.execute(
            update(OUTBOX)
            .where(OUTBOX.c.id == alert_id)
            .values(status=SENT, sent_at=now, last_error="")
        )


def mark_attempt_failed(
    engine: Engine, alert_id: int, reason: str, *, next_try_at: datetime | None
) -> None:
    """Record why the attempt failed; try again at ``next_try_at``, or (None) give up:
    the alert is listed as failed until someone sends it again."""
    values: dict[str, object] = {"last_error": reason[:2000]}
    values |= {"next_try_at": next_try_at} if next_try_at else {"status": FAILED}
    with engine.begin() as connection:
        connection.execute(update(OUTBOX).where(OUTBOX.c.id == alert_id).values(**values))


def resend_alert(engine: Engine, alert_id: int, *, actor: str, now: datetime) -> bool:
    """Queue a failed (or sent) alert again, from its first attempt; audited. False when
    there is no such alert."""
    with engine.begin() as connection:
        changed = connection.execute(
            update(OUTBOX)
            .where(OUTBOX.c.id == alert_id)
            .values(status=PENDING, attempts=0, next_try_at=now, sent_at=None, last_error="")
        ).rowcount
        if changed:
            record(connection, "changed", "alert", alert_id, "queued to send again", actor=actor)
    return bool(changed)


def read_alerts(
    engine: Engine,
    *,
    journey_ids: Collection[str] | None = None,
    troubled_only: bool = False,
    limit: int = 500,
) -> list[QueuedAlert]:
    """The newest alerts first; ``troubled_only``: failed ones and those being retried."""
    query = _queued_query().order_by(OUTBOX.c.id.desc()).limit(limit)
    if journey_ids is not None:
        query = query.where(OUTBOX.c.journey_id.in_(sorted(journey_ids)))
    if troubled_only:
        query = query.where(
            or_(OUTBOX.c.status == FAILED, and_(OUTBOX.c.status == PENDING, OUTBOX.c.attempts > 0))
        )
    with engine.connect() as connection:
        return [_queued(row) for row in connection.execute(query)]


def count_alerts(engine: Engine, status: str) -> int:
    with engine.connect() as connection:
        query = select(func.count()).select_from(OUTBOX).where(OUTBOX.c.status == status)
        return int(connection.scalar(query) or 0)

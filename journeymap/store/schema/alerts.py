"""Alerts: who subscribed to what, the outbox of messages to send, and the sand state last
alerted on."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from journeymap.store.schema.base import ID, Base, Timestamp


class AlertSubscriptionRow(Base):
    """Who is told of what: a journey (optionally one location), a kind of alert, a
    channel with its address, and the reader's role (how much personal data it may hold)."""

    __tablename__ = "alert_subscriptions"
    __table_args__ = (UniqueConstraint("journey_id", "location", "kind", "channel", "target"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    journey_id: Mapped[str] = mapped_column(ID, ForeignKey("journeys.id", ondelete="CASCADE"))
    location: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(10))
    target: Mapped[str] = mapped_column(String(500))
    role: Mapped[str] = mapped_column(String(20))
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(Timestamp)


class AlertOutboxRow(Base):
    """One alert to one subscription, written in the transaction of what caused it; the
    unique ``dedup_key`` keeps a second scan or a restart from queueing it twice.

    ``next_try_at`` is also the claim: a dispatcher moves it past its own send before
    sending, so two dispatchers never send the same row at once."""

    __tablename__ = "alert_outbox"
    __table_args__ = (Index("ix_alert_outbox_status_next_try_at", "status", "next_try_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dedup_key: Mapped[str] = mapped_column(String(200), unique=True)
    subscription_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("alert_subscriptions.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(20))
    journey_id: Mapped[str] = mapped_column(ID, ForeignKey("journeys.id", ondelete="CASCADE"))
    case_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("detractor_cases.id", ondelete="CASCADE"), nullable=True
    )
    touchpoint_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    # What a sand alert reports (friction, reasons) as JSON; empty for case alerts,
    # whose facts are read from the case when the message is written.
    detail: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[datetime] = mapped_column(Timestamp)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    sent_at: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)


class AlertSandStateRow(Base):
    """The health of each touchpoint when sand alerts last looked, per journey and
    location ("" : all): a turn to sand is a change from this."""

    __tablename__ = "alert_sand_states"
    journey_id: Mapped[str] = mapped_column(
        ID, ForeignKey("journeys.id", ondelete="CASCADE"), primary_key=True
    )
    location: Mapped[str] = mapped_column(String(200), primary_key=True)
    touchpoint_id: Mapped[str] = mapped_column(ID, primary_key=True)
    health: Mapped[str] = mapped_column(String(20))
    seen_at: Mapped[datetime] = mapped_column(Timestamp)

"""The evidence on each step: imported survey responses with their sources and batches, the
NPS summaries kept beside them, operational metrics and the detractor call-back cases."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from journeymap.store.schema.base import ID, Base, Timestamp


class ImportSourceRow(Base):
    """A survey or form a journey's answers come from: a response is known within it.

    ``questions`` (JSON list of folded headers) is every question its files have had, to
    recognise the next file; ``key_questions`` those of its first file, whose answers
    tell a response without an id from another (see io/survey_import/identity.py).
    """

    __tablename__ = "import_sources"
    __table_args__ = (UniqueConstraint("journey_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    journey_id: Mapped[str] = mapped_column(ID, ForeignKey("journeys.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    tool: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200), default="")  # as the tool wrote it
    questions: Mapped[str] = mapped_column(Text, default="[]")
    key_questions: Mapped[str] = mapped_column(Text, default="[]")
    created_at: Mapped[datetime] = mapped_column(Timestamp)


class ImportBatchRow(Base):
    """One import (a file, an API push, the demo) of one source, with what it did.

    Undone batches stay, marked, so the list says who took what out and when; their
    responses are gone. A batch's responses have ids from ``first_response_id`` to
    ``last_response_id`` (with other journeys' in between on PostgreSQL), so they are
    found by a primary-key range instead of another index on two million rows.
    """

    __tablename__ = "import_batches"
    __table_args__ = (Index("ix_import_batches_journey_id", "journey_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    journey_id: Mapped[str] = mapped_column(ID, ForeignKey("journeys.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("import_sources.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(20))  # file, api, demo, before batches
    file_name: Mapped[str] = mapped_column(String(255), default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")
    imported_by: Mapped[str] = mapped_column(String(120))
    imported_at: Mapped[datetime] = mapped_column(Timestamp)
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    added: Mapped[int] = mapped_column(Integer, default=0)
    already_there: Mapped[int] = mapped_column(Integer, default=0)
    conflicting: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    without_score: Mapped[int] = mapped_column(Integer, default=0)
    left_out: Mapped[int] = mapped_column(Integer, default=0)  # test and preview rows
    too_old: Mapped[int] = mapped_column(Integer, default=0)  # for a call-back
    cases_created: Mapped[int] = mapped_column(Integer, default=0)
    already_from: Mapped[str] = mapped_column(Text, default="{}")  # JSON: batch id → rows
    first_response_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_response_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    undone_at: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)
    undone_by: Mapped[str] = mapped_column(String(120), default="")


class ResponseRow(Base):
    """One survey answer to the 0–10 recommend question, tied to a touchpoint."""

    __tablename__ = "responses"
    __table_args__ = (
        UniqueConstraint("journey_id", "dedup_key"),
        # The last four columns let NPS be counted from the index alone (migration 0007).
        Index(
            "ix_responses_journey_touchpoint_time",
            "journey_id",
            "touchpoint_id",
            "responded_at",
            "survey_kind",
            "score",
            "location",
            "segment",
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    journey_id: Mapped[str] = mapped_column(ID, ForeignKey("journeys.id", ondelete="CASCADE"))
    dedup_key: Mapped[str] = mapped_column(String(64))
    touchpoint_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    responded_at: Mapped[datetime] = mapped_column(Timestamp)
    score: Mapped[int] = mapped_column(SmallInteger)
    survey_kind: Mapped[str] = mapped_column(String(20), default="transactional")
    comment: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(String(200), default="")
    segment: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(200), default="")
    # The import batch (import_batches.id). Every write sets it; nullable and without a
    # foreign key only because SQLite could not add it otherwise without rebuilding the
    # table (see migration 0009).
    batch_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # A hash of the stored answer (time, score, touchpoint, texts): the same id with
    # another answer is a conflict. None for responses stored before batches.
    fingerprint: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class NpsSummaryRow(Base):
    """That a journey's month counts in a time zone are kept (see store/nps_summary.py)."""

    __tablename__ = "nps_summaries"
    journey_id: Mapped[str] = mapped_column(
        ID, ForeignKey("journeys.id", ondelete="CASCADE"), primary_key=True
    )
    zone: Mapped[str] = mapped_column(String(64), primary_key=True)
    built_at: Mapped[datetime] = mapped_column(Timestamp)


class NpsMonthCountRow(Base):
    """Promoters, passives and detractors per journey, kind, touchpoint and month."""

    __tablename__ = "nps_month_counts"
    journey_id: Mapped[str] = mapped_column(
        ID, ForeignKey("journeys.id", ondelete="CASCADE"), primary_key=True
    )
    zone: Mapped[str] = mapped_column(String(64), primary_key=True)
    survey_kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    touchpoint_id: Mapped[str] = mapped_column(ID, primary_key=True)  # "" for none
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # 2026-03
    promoters: Mapped[int] = mapped_column(Integer, default=0)
    passives: Mapped[int] = mapped_column(Integer, default=0)
    detractors: Mapped[int] = mapped_column(Integer, default=0)


class MetricPointRow(Base):
    """One measured value of an operational metric (waiting time, handle time …)."""

    __tablename__ = "metric_points"
    __table_args__ = (
        UniqueConstraint("journey_id", "touchpoint_id", "metric", "observed_on", "location"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    journey_id: Mapped[str] = mapped_column(ID, ForeignKey("journeys.id", ondelete="CASCADE"))
    touchpoint_id: Mapped[str] = mapped_column(ID)
    metric: Mapped[str] = mapped_column(ID)
    observed_on: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    location: Mapped[str] = mapped_column(String(200), default="")
    n: Mapped[int] = mapped_column(Integer, default=1)


class DetractorCaseRow(Base):
    """A call-back owed to a detractor who left contact details: the inner loop."""

    __tablename__ = "detractor_cases"
    __table_args__ = (Index("ix_detractor_cases_journey_status", "journey_id", "status"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    journey_id: Mapped[str] = mapped_column(ID, ForeignKey("journeys.id", ondelete="CASCADE"))
    response_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("responses.id", ondelete="CASCADE"), unique=True
    )
    due_at: Mapped[datetime] = mapped_column(Timestamp)
    status: Mapped[str] = mapped_column(String(20), default="new")
    owner: Mapped[str] = mapped_column(String(120), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    root_cause: Mapped[str] = mapped_column(String(120), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    updated_at: Mapped[datetime] = mapped_column(Timestamp)
    contacted_at: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)

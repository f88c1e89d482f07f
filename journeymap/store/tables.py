"""The database tables. Alembic migrations in ``migrations/`` create and evolve them;
a test checks that the migrations and these declarations agree."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(80)
Timestamp = DateTime(timezone=True)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class JourneyRow(Base):
    """The current revision of each journey; the body is the journey as JSON."""

    __tablename__ = "journeys"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    revision: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    saved_by: Mapped[str] = mapped_column(String(120))
    saved_at: Mapped[datetime] = mapped_column(Timestamp)
    created_at: Mapped[datetime] = mapped_column(Timestamp)


class JourneyRevisionRow(Base):
    """Every saved revision of every journey, for history, diff and restore."""

    __tablename__ = "journey_revisions"
    journey_id: Mapped[str] = mapped_column(
        ID, ForeignKey("journeys.id", ondelete="CASCADE"), primary_key=True
    )
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(120))
    saved_at: Mapped[datetime] = mapped_column(Timestamp)
    note: Mapped[str] = mapped_column(Text, default="")


class LocationRow(Base):
    """A branch, shop or contact centre; competitors' locations too."""

    __tablename__ = "locations"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(120), default="")
    competitor: Mapped[bool] = mapped_column(Boolean, default=False)


class ResponseRow(Base):
    """One survey answer to the 0–10 recommend question, tied to a touchpoint."""

    __tablename__ = "responses"
    __table_args__ = (
        UniqueConstraint("journey_id", "dedup_key"),
        Index(
            "ix_responses_journey_touchpoint_time", "journey_id", "touchpoint_id", "responded_at"
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


class QuestionnaireRow(Base):
    """A version of a mystery-shopper questionnaire; visits keep the version they used."""

    __tablename__ = "questionnaires"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    journey_id: Mapped[str] = mapped_column(ID, ForeignKey("journeys.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Timestamp)


class ShopperRow(Base):
    __tablename__ = "shoppers"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class VisitRow(Base):
    """A mystery-shopper visit assigned to a shopper for a location and questionnaire."""

    __tablename__ = "visits"
    __table_args__ = (
        ForeignKeyConstraint(
            ["questionnaire_id", "questionnaire_version"],
            ["questionnaires.id", "questionnaires.version"],
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    external_key: Mapped[str] = mapped_column(String(64), unique=True)
    questionnaire_id: Mapped[str] = mapped_column(ID)
    questionnaire_version: Mapped[int] = mapped_column(Integer)
    location_id: Mapped[str] = mapped_column(ID, ForeignKey("locations.id"))
    shopper_id: Mapped[str] = mapped_column(ID, ForeignKey("shoppers.id"))
    scenario: Mapped[str] = mapped_column(Text, default="")
    window_start: Mapped[date] = mapped_column(Date)
    window_end: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="assigned")
    visited_at: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)
    submitted_at: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)


class AnswerRow(Base):
    """One answer of a visit, saved the moment it is given."""

    __tablename__ = "answers"
    visit_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("visits.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(ID, primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="null")
    not_applicable: Mapped[bool] = mapped_column(Boolean, default=False)
    comment: Mapped[str] = mapped_column(Text, default="")
    saved_at: Mapped[datetime] = mapped_column(Timestamp)

"""The mystery-shopper programme: locations, questionnaires, shoppers, their visits with
answers, photos and review notes, and the links a visit is opened by."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from journeymap.store.schema.base import ID, Base, Timestamp


class LocationRow(Base):
    """A branch, shop or contact centre; competitors' locations too."""

    __tablename__ = "locations"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(120), default="")
    competitor: Mapped[bool] = mapped_column(Boolean, default=False)
    # Switched off: no new visits; its past visits still count.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


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
    region: Mapped[str] = mapped_column(String(120), default="", server_default="")
    # Switched off: no new visits and no sign-in; past visits still count.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class VisitRow(Base):
    """A mystery-shopper visit assigned to a shopper for a location and questionnaire."""

    __tablename__ = "visits"
    __table_args__ = (
        ForeignKeyConstraint(
            ["questionnaire_id", "questionnaire_version"],
            ["questionnaires.id", "questionnaires.version"],
        ),
        # A shopper's own list of visits: a signed-in shopper's queries carry their id.
        Index("ix_visits_shopper_status", "shopper_id", "status"),
        Index("ix_visits_wave", "wave"),
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
    started_at: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)
    submitted_at: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)
    # The planned round the visit belongs to ("" for one assigned on its own).
    wave: Mapped[str] = mapped_column(String(120), default="", server_default="")
    # Who made the last review decision: the signed-in reviewer.
    reviewed_by: Mapped[str] = mapped_column(String(120), default="", server_default="")


class AnswerRow(Base):
    """One answer of a visit, saved the moment it is given."""

    __tablename__ = "answers"
    # The newest save is what the evidence fingerprint asks for (migration 0008).
    __table_args__ = (Index("ix_answers_saved_at", "saved_at"),)
    visit_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("visits.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(ID, primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="null")
    not_applicable: Mapped[bool] = mapped_column(Boolean, default=False)
    comment: Mapped[str] = mapped_column(Text, default="")
    saved_at: Mapped[datetime] = mapped_column(Timestamp)
    # Timer questions: the server's clock at start and stop, so a reload keeps a
    # running timer and the elapsed seconds never depend on the tablet's clock.
    timer_started_at: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)
    timer_stopped_at: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)


class PhotoRow(Base):
    """A photo taken as evidence; the file (metadata stripped) is in the data folder."""

    __tablename__ = "photos"
    __table_args__ = (Index("ix_photos_visit_question", "visit_id", "question_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    visit_id: Mapped[int] = mapped_column(Integer, ForeignKey("visits.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(ID)
    file_name: Mapped[str] = mapped_column(String(200), unique=True)
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(40))
    size_bytes: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[datetime] = mapped_column(Timestamp)


class ReviewNoteRow(Base):
    """A reviewer's note on one question of a visit returned for correction."""

    __tablename__ = "review_notes"
    __table_args__ = (Index("ix_review_notes_visit", "visit_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    visit_id: Mapped[int] = mapped_column(Integer, ForeignKey("visits.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(ID)
    note: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    resolved_at: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)


class VisitLinkRow(Base):
    """A link that opens one assigned visit without a login; only its hash is stored.

    ``kind`` is "link" for the link sent to the shopper (opened once) or "device" for the
    key the opening device keeps so that a reload stays in the form.
    """

    __tablename__ = "visit_links"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    visit_id: Mapped[int] = mapped_column(Integer, ForeignKey("visits.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    expires_at: Mapped[datetime] = mapped_column(Timestamp)
    used_at: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)

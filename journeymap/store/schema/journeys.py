"""Journeys, their saved revisions and the drafts being edited; workshop walks, their notes
and the improvement actions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from journeymap.store.schema.base import ID, Base, Timestamp


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


class JourneyDraftRow(Base):
    """One person's unsaved edits of a journey: the whole draft as JSON, and the
    revision it was made from (the base of the merge when it is saved)."""

    __tablename__ = "journey_drafts"
    journey_id: Mapped[str] = mapped_column(
        ID, ForeignKey("journeys.id", ondelete="CASCADE"), primary_key=True
    )
    author: Mapped[str] = mapped_column(String(120), primary_key=True)
    base_revision: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(Timestamp)


class WalkRow(Base):
    """One walk of a journey by a workshop: from its start, the notes taken on it."""

    __tablename__ = "walks"
    __table_args__ = (Index("ix_walks_journey_started", "journey_id", "started_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    journey_id: Mapped[str] = mapped_column(ID, ForeignKey("journeys.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(Timestamp)
    started_by: Mapped[str] = mapped_column(String(120))


class WalkNoteRow(Base):
    """A note taken while a workshop walks the journey: a pain point, an idea, a question."""

    __tablename__ = "walk_notes"
    __table_args__ = (Index("ix_walk_notes_journey_touchpoint", "journey_id", "touchpoint_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    journey_id: Mapped[str] = mapped_column(ID, ForeignKey("journeys.id", ondelete="CASCADE"))
    touchpoint_id: Mapped[str] = mapped_column(ID)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    # The walk the note was taken on; None for notes from before walks were kept.
    walk_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("walks.id", ondelete="SET NULL"), nullable=True, index=True
    )


class ImprovementActionRow(Base):
    """An improvement action: the outer loop, from a sand item, a walk note or a case."""

    __tablename__ = "improvement_actions"
    __table_args__ = (Index("ix_improvement_actions_journey_status", "journey_id", "status"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    journey_id: Mapped[str] = mapped_column(ID, ForeignKey("journeys.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    # A JSON list of touchpoint ids: few per action, always read with the action.
    touchpoints: Mapped[str] = mapped_column(Text, default="[]")
    source_kind: Mapped[str] = mapped_column(String(20), default="other")
    source_ref: Mapped[str] = mapped_column(String(120), default="")
    source_text: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(20))
    owner: Mapped[str] = mapped_column(String(120), default="")
    impact: Mapped[int] = mapped_column(SmallInteger)
    effort: Mapped[int] = mapped_column(SmallInteger)
    status: Mapped[str] = mapped_column(String(20), default="idea")
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    done_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    updated_at: Mapped[datetime] = mapped_column(Timestamp)

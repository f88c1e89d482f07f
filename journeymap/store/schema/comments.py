"""What customers write, analysed: theme runs, each comment's analysis and language, and
the themes people edited."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from journeymap.store.schema.base import ID, Base, Timestamp


class CommentThemeRunRow(Base):
    """The last analysis of a journey's comments: of which comments (their revision), by
    which method and survey languages, and its machine themes with their keys as JSON.
    The next analysis keys its themes after these, so a person's edits carry over."""

    __tablename__ = "comment_theme_runs"
    journey_id: Mapped[str] = mapped_column(
        ID, ForeignKey("journeys.id", ondelete="CASCADE"), primary_key=True
    )
    comments_revision: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(Text)
    seed: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(Text, default="")
    themes: Mapped[str] = mapped_column(Text)
    comments: Mapped[int] = mapped_column(Integer)
    computed_by: Mapped[str] = mapped_column(String(120))
    computed_at: Mapped[datetime] = mapped_column(Timestamp)


class CommentAnalysisRow(Base):
    """One comment as the journey's last analysis saw it: language, sentiment, theme."""

    __tablename__ = "comment_analyses"
    __table_args__ = (Index("ix_comment_analyses_journey_id", "journey_id"),)
    response_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True
    )
    journey_id: Mapped[str] = mapped_column(ID, ForeignKey("journeys.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(2))
    sentiment: Mapped[float] = mapped_column(Float)
    theme: Mapped[str] = mapped_column(String(40))
    strength: Mapped[float] = mapped_column(Float)


class CommentThemeEditRow(Base):
    """A person's edit of a journey's themes, replayed in ``id`` order on every analysis."""

    __tablename__ = "comment_theme_edits"
    __table_args__ = (Index("ix_comment_theme_edits_journey_id", "journey_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    journey_id: Mapped[str] = mapped_column(ID, ForeignKey("journeys.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    body: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(Timestamp)


class CommentLanguageRow(Base):
    """The language a person set for one survey's comments (its ``source``) in a journey."""

    __tablename__ = "comment_languages"
    journey_id: Mapped[str] = mapped_column(
        ID, ForeignKey("journeys.id", ondelete="CASCADE"), primary_key=True
    )
    source: Mapped[str] = mapped_column(String(200), primary_key=True)
    language: Mapped[str] = mapped_column(String(2))
    set_by: Mapped[str] = mapped_column(String(120))
    set_at: Mapped[datetime] = mapped_column(Timestamp)

"""The database tables. Alembic migrations in ``migrations/`` create and evolve them;
a test checks that the migrations and these declarations agree."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
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
    true,
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
    # Switched off: no new visits; its past visits still count.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


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


class WalkRow(Base):
    """One walk of a journey by a workshop: from its start, the notes taken on it."""

    __tablename__ = "walks"
    __table_args__ = (Index("ix_walks_journey_started", "journey_id", "started_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    journey_id: Mapped[str] = mapped_column(ID, ForeignKey("journeys.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(Timestamp)
    started_by: Mapped[str] = mapped_column(String(120))


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


class UserRow(Base):
    """An account. The password is kept only as an argon2 hash."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    # A shopper account sees the visits of this shopper.
    shopper_id: Mapped[str | None] = mapped_column(ID, ForeignKey("shoppers.id"), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    password_changed_at: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)
    # The language the person reads the app in ("da", "nb", "sv", "en"); None: the
    # workspace's (JOURNEYMAP_LANGUAGE).
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)


class UserLocationRow(Base):
    """The locations a location manager's results are limited to."""

    __tablename__ = "user_locations"
    user_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    location_id: Mapped[str] = mapped_column(
        ID, ForeignKey("locations.id", ondelete="CASCADE"), primary_key=True
    )


class LoginFailureRow(Base):
    """A failed sign-in, kept for the rate limit; names that match no account count too,
    so the limit does not tell which accounts exist."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_name_failed_at", "name", "failed_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(120))
    failed_at: Mapped[datetime] = mapped_column(Timestamp)


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


class SessionRow(Base):
    """A signed-in device: only the SHA-256 of its random key is stored.

    It ends at ``expires_at``, when it is revoked (signing out), or when its account is
    switched off or given a new password.
    """

    __tablename__ = "sessions"
    __table_args__ = (Index("ix_sessions_user_id", "user_id"),)
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    expires_at: Mapped[datetime] = mapped_column(Timestamp)
    revoked_at: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)


class ApiKeyRow(Base):
    """A key for the HTTP API: only the SHA-256 of its random secret is stored.

    ``scope`` is read, push or both; ``journeys`` (JSON list of ids) limits it to those
    journeys, empty: every journey. ``signing_secret`` is the secret a survey tool signs
    its webhooks with (Typeform's): kept as given, since checking a signature needs it.
    """

    __tablename__ = "api_keys"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scope: Mapped[str] = mapped_column(String(10))
    journeys: Mapped[str] = mapped_column(Text, default="[]")
    signing_secret: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    revoked_at: Mapped[datetime | None] = mapped_column(Timestamp, nullable=True)
    revoked_by: Mapped[str] = mapped_column(String(120), default="")


class AuditRow(Base):
    """Who created, changed, approved, imported or deleted what, and when."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(Timestamp)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    object_kind: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text, default="")


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

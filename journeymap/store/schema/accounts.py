"""Who may do what: accounts and their locations, sign-in failures, sessions, API keys, and
the audit log of every change."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from journeymap.store.schema.base import ID, Base, Timestamp


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

"""Settings from environment variables with the JOURNEYMAP_ prefix, declared once.

Each setting is a field of `Settings` with its help text and a phrase saying what it
allows; `SETTINGS` lists them for the README (a test checks every one is documented
there). A bad value is never quietly replaced by the default: `check()` (run first by
the app and the CLI) and every accessor raise `SettingsError`, one sentence naming the
variable, the value and what is allowed.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from journeymap.i18n import N_, _
from journeymap.i18n.languages import Language, parse_language

PREFIX = "JOURNEYMAP_"
ScoreMethod = Literal["mean", "pooled"]


def _setting(default: Any, help: str, allowed: str, **constraints: Any) -> Any:
    return Field(default, description=help, json_schema_extra={"allowed": allowed}, **constraints)


class Settings(BaseSettings):
    """Every JOURNEYMAP_ variable: the field name upper-cased after the prefix."""

    model_config = SettingsConfigDict(env_prefix=PREFIX, extra="ignore", frozen=True)

    data_dir: Path = _setting(
        Path("data"),
        "Folder for the embedded SQLite database and stored photos.",
        N_("a folder path"),
    )
    db_url: str = _setting(
        "",
        "SQLAlchemy database URL, e.g. postgresql+psycopg://user:pw@host/db. "
        "Empty: SQLite file journeymap.db in JOURNEYMAP_DATA_DIR.",
        N_("a database URL"),
    )
    author: str = _setting(
        "",
        "Name recorded as the author of saves made from the CLI. Empty: the login user name.",
        N_("a name"),
    )
    shopper_score_method: ScoreMethod = _setting(
        "mean",
        "How a location's (region's, round's …) mystery-shopper score is formed: mean "
        "(mean of the visit percentages) or pooled (all points earned ÷ all possible).",
        N_("mean or pooled"),
    )
    shopper_approved_only: bool = _setting(
        True,
        "true: only approved (and counted) visits count in mystery-shopper results; "
        "false: submitted visits count too, before review.",
        N_("true or false (also yes/no, 1/0, on/off)"),
    )
    chromium: str = _setting(
        "",
        "Path to the Chromium or Chrome that draws PNG, SVG, PDF and PowerPoint exports. "
        "Empty: /usr/bin/chromium, else Chrome or Chromium where they usually are.",
        N_("a file path"),
    )
    callback_hours: float = _setting(
        24.0,
        "Hours within which a detractor who left contact details is owed a call-back "
        "(the deadline of a call-back case).",
        N_("a number of hours above 0 and below 8760 (a year)"),
        gt=0,
        lt=24 * 365,
        allow_inf_nan=False,
    )
    actions_goal: int = _setting(
        50,
        "Improvement actions a journey should finish a year: the goal the Actions page "
        "and the period report count done actions against.",
        N_("a whole number from 1 to 10000"),
        ge=1,
        le=10_000,
    )
    timezone: str = _setting(
        "Europe/Copenhagen",
        "The workspace's time zone: days, months, quarters and years (on the pages, in the "
        "CLI, the report and the exports) are cut in it, and times are shown in it; times "
        "are stored in UTC. Not the zone of a file's times: that is import-responses "
        "--timezone.",
        N_("a time zone name of the tz database, such as Europe/Copenhagen, Europe/Oslo or UTC"),
    )
    language: str = _setting(
        "en",
        "The workspace's language: the pages of people who have not chosen their own, "
        "the CLI without --language, and the reports, exports, e-mails and notifications "
        "unless one asks for another.",
        N_("da (Danish), nb (Norwegian bokmål), sv (Swedish) or en (English)"),
    )
    effect_window_days: int = _setting(
        90,
        "Days of evidence before and after an action's done date that 'Did it work?' compares.",
        N_("a whole number from 7 to 365"),
        ge=7,
        le=365,
    )
    public_url: str = _setting(
        "http://localhost:8501",
        "The address people reach the app at: the links in alerts (to a call-back case, "
        "to the sand ranking) begin with it.",
        N_("an http:// or https:// address"),
        pattern=r"^https?://\S+$",
    )
    smtp_host: str = _setting(
        "",
        "SMTP server that e-mail alerts are sent through. Empty: e-mail alerts wait, "
        "listed as failed with the reason, until it is set.",
        N_("a host name or address"),
    )
    smtp_port: int = _setting(
        587, "Port of the SMTP server.", N_("a whole number from 1 to 65535"), ge=1, le=65535
    )
    smtp_from: str = _setting(
        "journeymap@localhost",
        "The sender address of e-mail alerts.",
        N_("an e-mail address"),
    )
    smtp_user: str = _setting(
        "", "User name for the SMTP server. Empty: no login.", N_("a user name")
    )
    smtp_password: str = _setting(
        "", "Password for the SMTP server (never committed).", N_("a password")
    )
    smtp_starttls: bool = _setting(
        True,
        "true: switch the SMTP connection to TLS (STARTTLS) before logging in and sending; "
        "false: plain, for a relay on the same machine or network.",
        N_("true or false (also yes/no, 1/0, on/off)"),
    )
    alert_deadline_hours: float = _setting(
        2.0,
        "Hours before a call-back's deadline that the deadline alert is sent, if nobody "
        "has reached the customer by then.",
        N_("a number of hours above 0 and below 720"),
        gt=0,
        lt=720,
        allow_inf_nan=False,
    )

    api_port: int = _setting(
        8502,
        "Port the HTTP API (`python -m journeymap api`, started by `make run`) listens on.",
        N_("a port number from 1 to 65535"),
        ge=1,
        le=65_535,
    )
    api_host: str = _setting(
        "127.0.0.1",
        "Address the HTTP API listens on; 0.0.0.0 lets other machines reach it.",
        N_("an IP address or host name"),
    )
    api_rate_per_minute: int = _setting(
        600,
        "Requests a minute each API key may make (bursts up to as many); more get 429 "
        "with Retry-After.",
        N_("a whole number from 1 to 1000000"),
        ge=1,
        le=1_000_000,
    )

    @field_validator("*", mode="before")
    @classmethod
    def _trimmed(cls, value: Any, info: ValidationInfo) -> Any:
        # A variable set to nothing (or to spaces) means "not set".
        if isinstance(value, str):
            value = value.strip()
            if not value and info.field_name:
                return cls.model_fields[info.field_name].default
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(_("not a time zone name")) from None
        return value

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        return parse_language(value)

    @field_validator("shopper_score_method", mode="before")
    @classmethod
    def _lower_case(cls, value: Any) -> Any:
        return value.lower() if isinstance(value, str) else value


class SettingsError(ValueError):
    """A JOURNEYMAP_ variable holds a value the setting does not allow."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str
    allowed: str


def _variable(field: str) -> str:
    return PREFIX + field.upper()


def _shown_default(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _allowed(field: str) -> str:
    extra = Settings.model_fields[field].json_schema_extra
    assert isinstance(extra, dict)
    return str(extra["allowed"])


SETTINGS: tuple[Setting, ...] = tuple(
    Setting(
        _variable(field),
        _shown_default(info.default),
        info.description or "",
        _allowed(field),
    )
    for field, info in Settings.model_fields.items()
)


def _shown_value(value: object) -> str:
    text = str(value).replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= 80 else text[:77] + "..."


def _sentence(error: ValidationError) -> str:
    parts = []
    for problem in error.errors():
        field = str(problem["loc"][0]) if problem["loc"] else ""
        if field not in Settings.model_fields:
            parts.append(str(problem["msg"]))
            continue
        parts.append(
            _("{variable} is '{value}', but it must be {allowed}").format(
                variable=_variable(field),
                value=_shown_value(problem["input"]),
                allowed=_(_allowed(field)),
            )
        )
    return "; ".join(parts) + "."


@lru_cache(maxsize=8)
def _read(environment: tuple[tuple[str, str], ...]) -> Settings:
    # The key is only for the cache: pydantic-settings reads os.environ itself.
    del environment
    try:
        return Settings()
    except ValidationError as error:
        raise SettingsError(_sentence(error)) from None


def current() -> Settings:
    """The settings as the environment holds them now (read again when it changes)."""
    environment = tuple(
        sorted((k, v) for k, v in os.environ.items() if k.upper().startswith(PREFIX))
    )
    return _read(environment)


def check() -> None:
    """Raise SettingsError naming every JOURNEYMAP_ variable whose value is not allowed."""
    current()


def data_dir() -> Path:
    return current().data_dir


def database_url() -> str:
    """The configured database URL; the embedded SQLite file when none is set."""
    url = current().db_url
    if url:
        return url
    return f"sqlite:///{data_dir() / 'journeymap.db'}"


def default_author() -> str:
    author = current().author
    if author:
        return author
    # getpass falls back to the password database when no login variable is set (a
    # container, cron, CI), so the audit log names the account rather than "unknown".
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return f"user {os.getuid()}"


def shopper_score_method() -> ScoreMethod:
    return current().shopper_score_method


def shopper_approved_only() -> bool:
    return current().shopper_approved_only


def chromium_path() -> str:
    return current().chromium


def callback_hours() -> float:
    return current().callback_hours


def actions_goal() -> int:
    """Done actions a journey aims for per year."""
    return current().actions_goal


def workspace_timezone() -> str:
    """The zone every period is cut in and every time is shown in."""
    return current().timezone


def language() -> Language:
    """The workspace language (JOURNEYMAP_LANGUAGE)."""
    return parse_language(current().language)


def effect_window_days() -> int:
    """Days before and after a done date that the effect follow-up compares."""
    return current().effect_window_days


def api_port() -> int:
    return current().api_port


def api_host() -> str:
    return current().api_host


def api_rate_per_minute() -> int:
    """Requests a minute per API key."""
    return current().api_rate_per_minute


def public_url() -> str:
    """Where people reach the app, without a trailing slash: alerts link into it."""
    return current().public_url.rstrip("/")


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    sender: str
    user: str
    password: str
    starttls: bool


def smtp() -> Smtp:
    values = current()
    return Smtp(
        values.smtp_host,
        values.smtp_port,
        values.smtp_from,
        values.smtp_user,
        values.smtp_password,
        values.smtp_starttls,
    )


def alert_deadline_hours() -> float:
    return current().alert_deadline_hours

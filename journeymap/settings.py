"""Settings from environment variables with the JOURNEYMAP_ prefix, read in one place.

Each setting is declared with its help text; the README lists them and a test checks
that every one is documented there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "JOURNEYMAP_DATA_DIR",
        "data",
        "Folder for the embedded SQLite database and stored photos.",
    ),
    Setting(
        "JOURNEYMAP_DB_URL",
        "",
        "SQLAlchemy database URL, e.g. postgresql+psycopg://user:pw@host/db. "
        "Empty: SQLite file journeymap.db in JOURNEYMAP_DATA_DIR.",
    ),
    Setting(
        "JOURNEYMAP_AUTHOR",
        "",
        "Name recorded as the author of saves made from the CLI. Empty: the login user name.",
    ),
    Setting(
        "JOURNEYMAP_SHOPPER_SCORE_METHOD",
        "mean",
        "How a location's (region's, round's …) mystery-shopper score is formed: mean "
        "(mean of the visit percentages) or pooled (all points earned ÷ all possible).",
    ),
    Setting(
        "JOURNEYMAP_SHOPPER_APPROVED_ONLY",
        "true",
        "true: only approved (and counted) visits count in mystery-shopper results; "
        "false: submitted visits count too, before review.",
    ),
    Setting(
        "JOURNEYMAP_CHROMIUM",
        "",
        "Path to the Chromium or Chrome that draws PNG, SVG, PDF and PowerPoint exports. "
        "Empty: /usr/bin/chromium, else Chrome or Chromium where they usually are.",
    ),
    Setting(
        "JOURNEYMAP_CALLBACK_HOURS",
        "24",
        "Hours within which a detractor who left contact details is owed a call-back "
        "(the deadline of a call-back case). Not a number above 0: 24.",
    ),
    Setting(
        "JOURNEYMAP_ACTIONS_GOAL",
        "50",
        "Improvement actions a journey should finish a year: the goal the Actions page "
        "and the period report count done actions against. Not a whole number above 0: 50.",
    ),
    Setting(
        "JOURNEYMAP_EFFECT_WINDOW_DAYS",
        "90",
        "Days of evidence before and after an action's done date that 'Did it work?' "
        "compares. Not a whole number from 7 to 365: 90.",
    ),
)


def _get(name: str) -> str:
    default = next(s.default for s in SETTINGS if s.name == name)
    return os.environ.get(name, default)


def data_dir() -> Path:
    return Path(_get("JOURNEYMAP_DATA_DIR"))


def database_url() -> str:
    """The configured database URL; the embedded SQLite file when none is set."""
    url = _get("JOURNEYMAP_DB_URL")
    if url:
        return url
    return f"sqlite:///{data_dir() / 'journeymap.db'}"


def default_author() -> str:
    author = _get("JOURNEYMAP_AUTHOR")
    if author:
        return author
    try:
        return os.getlogin()
    except OSError:
        return os.environ.get("USER", "unknown")


def shopper_score_method() -> str:
    method = _get("JOURNEYMAP_SHOPPER_SCORE_METHOD").strip().lower()
    return method if method in ("mean", "pooled") else "mean"


def shopper_approved_only() -> bool:
    return _get("JOURNEYMAP_SHOPPER_APPROVED_ONLY").strip().lower() not in ("false", "0", "no")


def chromium_path() -> str:
    return _get("JOURNEYMAP_CHROMIUM").strip()


def callback_hours() -> float:
    # A typo must not stop the call-back list; the Call-backs page shows the deadline used.
    try:
        hours = float(_get("JOURNEYMAP_CALLBACK_HOURS").strip())
    except ValueError:
        return 24.0
    return hours if 0 < hours < 24 * 365 else 24.0


def _whole_number(name: str, low: int, high: int) -> int | None:
    try:
        value = int(_get(name).strip())
    except ValueError:
        return None
    return value if low <= value <= high else None


def actions_goal() -> int:
    """Done actions a journey aims for per year; a typo falls back to the default."""
    return _whole_number("JOURNEYMAP_ACTIONS_GOAL", 1, 10_000) or 50


def effect_window_days() -> int:
    """Days before and after a done date that the effect follow-up compares."""
    return _whole_number("JOURNEYMAP_EFFECT_WINDOW_DAYS", 7, 365) or 90

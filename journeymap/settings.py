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

"""The app's way to its database: the engine for JOURNEYMAP_DB_URL, and a sentence when
it cannot be opened.

The engine itself is kept once per URL for the whole server by loaders/database.py (the
one place caches live); this module names the configured database and turns a failure to
open it into :class:`DatabaseUnavailable`, with the URL's password masked.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from journeymap import settings
from journeymap.i18n import _
from journeymap.store.engine import UnknownSchema
from journeymap.ui.loaders.database import engine_for

# The example journeys the demo workspace and the New journey templates are made from.
EXAMPLE_JOURNEYS_DIR = Path(__file__).resolve().parents[3] / "journeys"
DEMO_SEED = 2026


class DatabaseUnavailable(Exception):
    """The configured database cannot be opened; the message says which and why."""


def get_engine() -> Engine:
    """The migrated engine for JOURNEYMAP_DB_URL, one per URL for the whole server."""
    url = settings.database_url()
    try:
        return engine_for(url)
    except (SQLAlchemyError, OSError, UnknownSchema) as error:
        raise DatabaseUnavailable(
            _(
                "journeymap cannot open its database ({url}): {problem}. Check "
                "JOURNEYMAP_DB_URL or JOURNEYMAP_DATA_DIR and restart the app."
            ).format(url=safe_url(url), problem=getattr(error, "orig", None) or error)
        ) from error


def safe_url(url: str) -> str:
    """``url`` with its password masked, to be shown in a message."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a malformed URL is shown without its details
        return _("the configured URL")

"""The database engine: SQLite file by default (WAL, busy timeout), PostgreSQL by URL."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from journeymap.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config

from journeymap import settings

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 10_000


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default: the configured database), not yet migrated."""
    url = url or settings.database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, future=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, future=True
    )
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # WAL lets readers (the app) go on while a writer (an import, a shopper) commits;
    # the busy timeout makes a second writer wait instead of failing at once.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


class UnknownSchema(RuntimeError):
    """The database is at a schema revision this version does not know (a newer one)."""


def newest_revision() -> str:
    """The head revision, from the migration files' names ("0008_….py" → "0008").

    Revisions are numbered in order, so the largest number is the head; a test checks
    this against Alembic's own view of the history.
    """
    return max(path.name.split("_", 1)[0] for path in (MIGRATIONS / "versions").glob("0*_*.py"))


def _is_at_head(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            stored = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except DBAPIError:  # no schema yet
        return False
    return [tuple(row) for row in stored] == [(newest_revision(),)]


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to ``revision``; a no-op when it is already there."""
    # Alembic takes a third of a second to import; every CLI command opens the
    # database, and nearly always it is already up to date.
    if revision == "head" and _is_at_head(engine):
        return
    from alembic import command
    from alembic.migration import MigrationContext
    from alembic.util.exc import CommandError as AlembicCommandError

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, revision)
        except AlembicCommandError as error:
            current = MigrationContext.configure(connection).get_current_revision()
            raise UnknownSchema(
                _(
                    "the database is at schema revision {current}, which this version of "
                    "journeymap does not know: a newer journeymap made it. Run the newer version,"
                    " or restore a backup made with this one"
                ).format(current=current)
            ) from error


def open_database(url: str | None = None) -> Engine:
    """An engine on a migrated database: what the CLI and the app use."""
    engine = make_engine(url)
    migrate(engine)
    return engine

"""Which schema revision a database is at, and moving it on inside a caller's transaction.

:func:`journeymap.store.engine.migrate` opens its own transaction; a restore must run the
migrations inside the one transaction that also loads the rows, so that a failure
anywhere leaves the target as it was.
"""

from __future__ import annotations

from alembic import command
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from journeymap.store.engine import alembic_config


def known_revisions() -> list[str]:
    """The revisions this version of journeymap knows, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in script.walk_revisions()][::-1]


def database_revision(connection: Connection) -> str | None:
    """The revision the database is at; None when it has no journeymap schema yet."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade_in(connection: Connection, revision: str = "head") -> None:
    """Migrate up to ``revision`` within the connection's open transaction."""
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)

"""Storing imported visits: new keys only, and their answers with them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.dialects import postgresql, sqlite

from journeymap.store.audit import record
from journeymap.store.bulk import CHUNK_ROWS
from journeymap.store.programme import insert_answers_in
from journeymap.store.tables import VisitRow


def store_imported_visits(
    engine: Engine, visits: list[dict[str, Any]], answers: list[dict[str, Any]], *, actor: str
) -> tuple[int, int, list[str]]:
    """(visits stored, answers stored, keys already there and left alone).

    A key that is already stored is never touched: its answers may be a shopper's
    live work, and an import must not mix into it. The visits and their answers are
    stored in one transaction: a submitted visit is never stored without its answers.
    Visits imported as approved are signed by ``actor``, who skipped their review, and
    the audit log says so.
    """
    visits = [v | {"reviewed_by": actor[:120] if v["status"] == "approved" else ""} for v in visits]
    with engine.begin() as connection:
        stored = _insert_visits(connection, visits)
        new_answers = [a for a in answers if a["visit_key"] in stored]
        stored_answers = insert_answers_in(connection, new_answers) if new_answers else 0
        if stored:
            record(
                connection,
                "imported",
                "visits",
                "",
                f"{len(stored)} new of {len(visits)}, with {stored_answers} answers",
                actor=actor,
            )
        approved = sum(
            1 for v in visits if v["status"] == "approved" and v["external_key"] in stored
        )
        if approved:
            record(
                connection,
                "approved on import",
                "visits",
                "",
                f"{approved} imported visit(s) approved without review",
                actor=actor,
            )
    known = sorted({v["external_key"] for v in visits} - stored)
    return len(stored), stored_answers, known


def _insert_visits(connection: Connection, visits: list[dict[str, Any]]) -> set[str]:
    """The keys of the visits inserted now; a key stored before (even a moment ago, by
    another import) is skipped, and so are its answers."""
    if not visits:
        return set()
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(VisitRow.__table__)  # type: ignore[arg-type]
        .on_conflict_do_nothing()
        .returning(VisitRow.__table__.c.external_key)  # type: ignore[attr-defined]
    )
    stored: set[str] = set()
    for start in range(0, len(visits), CHUNK_ROWS):
        stored |= set(connection.execute(statement, visits[start : start + CHUNK_ROWS]).scalars())
    return stored

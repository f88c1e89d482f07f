"""Storing imported visits: new keys only, and their answers with them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from journeymap.store.programme import insert_answers, insert_visits
from journeymap.store.tables import VisitRow


def store_imported_visits(
    engine: Engine, visits: list[dict[str, Any]], answers: list[dict[str, Any]]
) -> tuple[int, int, list[str]]:
    """(visits stored, answers stored, keys already there and left alone).

    A key that is already stored is never touched: its answers may be a shopper's
    live work, and an import must not mix into it.
    """
    keys = [v["external_key"] for v in visits]
    with engine.connect() as connection:
        known = set(
            connection.scalars(select(VisitRow.external_key).where(VisitRow.external_key.in_(keys)))
        )
    new_visits = [v for v in visits if v["external_key"] not in known]
    new_answers = [a for a in answers if a["visit_key"] not in known]
    stored = insert_visits(engine, new_visits)
    stored_answers = insert_answers(engine, new_answers) if new_answers else 0
    return stored, stored_answers, sorted(known)

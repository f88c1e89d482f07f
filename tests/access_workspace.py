"""A small workspace with one account per role, two shoppers and two locations.

Ada shops at the north branch, Ben at the south branch; the location manager has the
north branch only. Every access test reads this same picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, select

from journeymap.store.accounts import create_user
from journeymap.store.programme import insert_locations, insert_shoppers, insert_visits
from journeymap.store.tables import VisitRow
from tests.shopping import seed_tablet_visit

PASSWORD = "correct horse battery staple"
NORTH, SOUTH = "branch-north", "branch-south"
ADA, BEN = "shopper-ada", "shopper-ben"
ACCOUNTS = {
    "admin": "alma.admin",
    "leader": "leif.leader",
    "analyst": "ane.analyst",
    "location_manager": "mona.manager",
    "shopper": "ada.shopper",
}


@dataclass(frozen=True)
class AccessWorkspace:
    ada_visit: int
    ben_visit: int


def seed_access_workspace(engine: Engine) -> AccessWorkspace:
    seed_tablet_visit(engine, key="seed-visit")
    insert_locations(
        engine,
        [
            {"id": NORTH, "name": "North branch", "region": "North", "competitor": False},
            {"id": SOUTH, "name": "South branch", "region": "South", "competitor": False},
        ],
        actor="fixture",
    )
    insert_shoppers(
        engine,
        [{"id": ADA, "name": "Ada Andersen"}, {"id": BEN, "name": "Ben Berg"}],
        actor="fixture",
    )
    insert_visits(
        engine,
        [
            _visit("ada-north", NORTH, ADA),
            _visit("ben-south", SOUTH, BEN),
        ],
        actor="fixture",
    )
    for role, name in ACCOUNTS.items():
        create_user(
            engine,
            name,
            role,
            PASSWORD,
            actor="fixture",
            shopper_id=ADA if role == "shopper" else None,
            locations=frozenset({NORTH}) if role == "location_manager" else frozenset(),
        )
    create_user(engine, "ben.shopper", "shopper", PASSWORD, actor="fixture", shopper_id=BEN)
    return AccessWorkspace(_visit_id(engine, "ada-north"), _visit_id(engine, "ben-south"))


def _visit(key: str, location: str, shopper: str) -> dict[str, object]:
    return {
        "external_key": key,
        "questionnaire_id": "bank-tablet",
        "questionnaire_version": 1,
        "location_id": location,
        "shopper_id": shopper,
        "scenario": "Ask about a first mortgage.",
        "window_start": date(2026, 11, 1),
        "window_end": date(2026, 11, 30),
        "status": "assigned",
    }


def _visit_id(engine: Engine, key: str) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(VisitRow.id).where(VisitRow.external_key == key)))

"""A workspace for the HTTP API's tests: the bank journey and a key of each scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from journeymap.io.journey_files import read_journey_file
from journeymap.services.access import command_line_viewer
from journeymap.services.api_keys import create_api_key
from journeymap.services.journeys import import_journey
from journeymap.store.engine import open_database
from tests.conftest import JOURNEYS_DIR

JOURNEY = "bank-advisory"
OTHER = "retail-returns"
ADMIN = command_line_viewer("Rita")
TOUCHPOINT = "book-online"  # a touchpoint of the bank journey


@dataclass(frozen=True)
class ApiWorkspace:
    engine: Engine
    keys: dict[str, str]  # key name → secret: push, read, both, other (push to OTHER only)

    def bearer(self, name: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[name]}"}


def seed_api_workspace(url: str, *, signing_secret: str = "") -> ApiWorkspace:
    engine = open_database(url)
    for name in (JOURNEY, OTHER):
        journey = read_journey_file(JOURNEYS_DIR / f"{name}.yaml").journey
        import_journey(ADMIN, engine, journey, base_revision=None, source=f"{name}.yaml")
    keys = {}
    for name, scope, journeys in (
        ("push", "push", (JOURNEY,)),
        ("read", "read", ()),
        ("both", "both", ()),
        ("other", "push", (OTHER,)),
    ):
        _, keys[name] = create_api_key(ADMIN, engine, name, scope, journeys)
    if signing_secret:
        _, keys["signed"] = create_api_key(
            ADMIN, engine, "signed", "push", (), signing_secret=signing_secret
        )
    return ApiWorkspace(engine, keys)


def answer(
    response_id: str, score: int = 9, at: str = "2026-11-02T10:15:00+01:00", **extra: Any
) -> dict[str, Any]:
    return {
        "response_id": response_id,
        "score": score,
        "responded_at": at,
        "touchpoint": TOUCHPOINT,
        **extra,
    }

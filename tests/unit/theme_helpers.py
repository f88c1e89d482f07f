"""Hand-made customer comments about four causes, for the theme services' tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from journeymap.model.access import Role, Viewer
from journeymap.store.evidence import insert_responses

LEADER = Viewer(name="Lea Leader", role=Role.LEADER)
ANALYST = Viewer(name="Ane Analyst", role=Role.ANALYST)
AGENT = Viewer(name="Ida Admin", role=Role.ADMIN)
NORTH_MANAGER = Viewer(name="Nils", role=Role.LOCATION_MANAGER, locations=frozenset({"north"}))
SHOPPER = Viewer(name="Siv", role=Role.SHOPPER, shopper_id="s1")
START = datetime(2026, 3, 2, 10, tzinfo=UTC)

# Each cause in several Danish wordings; a customer who names a cause gives its score.
CAUSES: dict[str, tuple[int, tuple[str, ...]]] = {
    "wait": (
        2,
        (
            "Lang ventetid ved kassen.",
            "Ventetiden ved kassen var alt for lang.",
            "Alt for lang ventetid ved kassen i dag.",
            "Vi stod længe ved kassen, lang ventetid.",
            "Lang ventetid ved kassen igen.",
        ),
    ),
    "fees": (
        4,
        (
            "Gebyrerne er alt for høje.",
            "Høje gebyrer på kontoen.",
            "Nye gebyrer igen, høje gebyrer.",
            "Urimelige gebyrer på alt.",
            "For høje gebyrer på kortet.",
        ),
    ),
    "app": (
        5,
        (
            "Appen går ned ved login.",
            "Kan ikke logge ind i appen.",
            "Appen crasher ved login hver gang.",
            "Login i appen virker ikke.",
            "Appen lukker ned når jeg logger ind.",
        ),
    ),
    "praise": (
        10,
        (
            "Rigtig venlig og hjælpsom rådgiver.",
            "Venlig rådgiver, meget hjælpsom.",
            "Hjælpsom og venlig rådgiver, tak.",
            "En venlig og hjælpsom rådgiver.",
            "Meget hjælpsom rådgiver, venlig betjening.",
        ),
    ),
}


def comment_rows(
    journey_id: str,
    counts: dict[str, int],
    *,
    touchpoint: str = "checkout",
    location: str = "north",
    start: datetime = START,
    tag: str = "a",
    source: str = "survey.csv",
) -> list[dict[str, Any]]:
    """``counts[cause]`` responses per cause, one a day from ``start``."""
    rows = []
    day = 0
    for cause, count in counts.items():
        score, wordings = CAUSES[cause]
        for i in range(count):
            rows.append(
                {
                    "journey_id": journey_id,
                    "dedup_key": f"{tag}-{cause}-{touchpoint}-{location}-{i}",
                    "touchpoint_id": touchpoint,
                    "responded_at": start + timedelta(days=day % 28, hours=i % 7),
                    "score": score,
                    "survey_kind": "transactional",
                    "comment": wordings[i % len(wordings)],
                    "location": location,
                    "segment": "private",
                    "contact": "",
                    "source": source,
                }
            )
            day += 1
    return rows


def add_comments(engine: Engine, rows: list[dict[str, Any]]) -> int:
    return insert_responses(engine, rows, actor="fixture")


def theme_of(view: Any, cause: str) -> str:
    """The key of the theme most comments about ``cause`` are in."""
    wordings = set(CAUSES[cause][1])
    mine = view.comments[view.comments["comment"].isin(wordings)]
    return str(mine["theme"].mode().iloc[0])

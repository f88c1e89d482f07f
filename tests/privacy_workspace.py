"""The access workspace with scored visits: who sees which shopper and which answer.

On top of :func:`seed_access_workspace` (the tablet tester's visit first, then Ada's
and Ben's assigned visits), three approved visits whose planning keys carry the shopper
id and the day, as the Programme page makes them: Ada at the north branch, Ben at the
north and at the south branch. Ada's visit names the adviser in the personal-data
question. Pseudonyms follow each shopper's first visit in the workspace: the tablet
tester is Shopper A, Ada Shopper B, Ben Shopper C.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Engine, select

from journeymap.store.programme import insert_answers, insert_visits
from journeymap.store.tables import VisitRow
from tests.access_workspace import ADA, BEN, NORTH, SOUTH, seed_access_workspace

STAFF_NAME = "Karen Kristensen"
STAFF_COMMENT = "Karen from the mortgage desk"
ADA_KEY = f"bank-advisory-{NORTH}-{ADA}-20261103-3"
BEN_NORTH_KEY = f"bank-advisory-{NORTH}-{BEN}-20261105-4"
BEN_SOUTH_KEY = f"bank-advisory-{SOUTH}-{BEN}-20261106-5"
PSEUDONYMS = {ADA: "Shopper B", BEN: "Shopper C"}


@dataclass(frozen=True)
class ScoredWorkspace:
    ada_north: int
    ben_north: int
    ben_south: int


def seed_scored_visits(engine: Engine) -> ScoredWorkspace:
    seed_access_workspace(engine)
    insert_visits(
        engine,
        [
            _visit(ADA_KEY, NORTH, ADA, date(2026, 11, 3)),
            _visit(BEN_NORTH_KEY, NORTH, BEN, date(2026, 11, 5)),
            _visit(BEN_SOUTH_KEY, SOUTH, BEN, date(2026, 11, 6)),
        ],
        actor="fixture",
    )
    saved = datetime(2026, 11, 7, 12, tzinfo=UTC)
    answers = [
        # Ada: everything right, 14 of 14 points in arrival and meeting.
        *_answers(ADA_KEY, True, 120, 5, True, "A pre-approval", 45, False, saved),
        {
            "visit_key": ADA_KEY,
            "question_id": "adviser-name",
            "value": STAFF_NAME,
            "comment": STAFF_COMMENT,
            "saved_at": saved,
        },
        *_answers(
            BEN_NORTH_KEY, False, 400, 3, True, "Told to book another meeting", 20, True, saved
        ),
        *_answers(
            BEN_SOUTH_KEY, True, 200, 4, True, "A clear list of what is missing", 40, False, saved
        ),
    ]
    insert_answers(engine, answers, actor="fixture")
    return ScoredWorkspace(*(_visit_id(engine, k) for k in (ADA_KEY, BEN_NORTH_KEY, BEN_SOUTH_KEY)))


def add_approved_visit(engine: Engine, key: str, location: str, shopper: str, day: date) -> None:
    """One more approved visit with every scored question answered right (100 %)."""
    insert_visits(engine, [_visit(key, location, shopper, day)], actor="fixture")
    saved = datetime.combine(day, datetime.min.time(), UTC)
    insert_answers(
        engine,
        _answers(key, True, 60, 5, True, "A pre-approval", 45, False, saved),
        actor="fixture",
    )


def _visit(key: str, location: str, shopper: str, day: date) -> dict[str, object]:
    return {
        "external_key": key,
        "questionnaire_id": "bank-tablet",
        "questionnaire_version": 1,
        "location_id": location,
        "shopper_id": shopper,
        "scenario": "Ask about a first mortgage.",
        "window_start": day,
        "window_end": day,
        "status": "approved",
        "visited_at": datetime.combine(day, datetime.min.time(), UTC),
        "submitted_at": datetime.combine(day, datetime.min.time(), UTC),
        "reviewed_at": datetime(2026, 11, 7, tzinfo=UTC),
    }


def _answers(
    key: str,
    greeted: bool,
    wait: int,
    tidy: int,
    whole_economy: bool,
    outcome: str,
    minutes: int,
    jargon: bool,
    saved: datetime,
) -> list[dict[str, object]]:
    values = {
        "greeted": greeted,
        "wait": wait,
        "tidy": tidy,
        "whole-economy": whole_economy,
        "outcome": outcome,
        "minutes": minutes,
        "jargon": jargon,
    }
    return [
        {"visit_key": key, "question_id": q, "value": v, "saved_at": saved}
        for q, v in values.items()
    ]


def _visit_id(engine: Engine, key: str) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(VisitRow.id).where(VisitRow.external_key == key)))

"""The benchmark journeys, locations and questionnaire, built from a seed.

Made here rather than taken from the demo: the demo's journeys are small and fixed,
and a bank-scale run needs a journey of any size that is still valid (flow through
loops, every touchpoint reachable, one end).
"""

from __future__ import annotations

import random
from typing import Any

from journeymap.model import Journey, parse_journey
from journeymap.model.questionnaire import Questionnaire
from journeymap.model.questionnaire_rules import parse_questionnaire

JOURNEY_ID = "bank"
DIAGRAM_JOURNEY_ID = "bank-diagram"
QUESTIONNAIRE_ID = "bank-branch-visit"
CHANNELS = ("web", "app", "phone", "email", "chat", "letter", "social")
REGIONS = (
    "Hovedstaden",
    "Sjælland",
    "Syddanmark",
    "Midtjylland",
    "Nordjylland",
    "Oslo",
    "Viken",
    "Vestland",
    "Trøndelag",
    "Rogaland",
    "Agder",
    "Nordland",
)
SEGMENTS = ("private", "business", "young", "premium")
WORDS = (
    "customer calls about the loan offer again after waiting in the queue for a long "
    "time and asks for a call-back from an adviser who knows the case"
).split()
METRICS = (
    {"id": "wait_minutes", "name": "Waiting time", "unit": "min", "target": 5},
    {"id": "handle_minutes", "name": "Handle time", "unit": "min", "target": 12},
)


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def build_journey(journey_id: str, touchpoints: int, seed: int) -> Journey:
    """A main line through every touchpoint with forward branches, loops and drop-off.

    Every fourth touchpoint is in a branch, so shopper sections and locations have
    somewhere to be.
    """
    rng = random.Random(f"{seed}-{journey_id}")
    stages = max(2, min(8, touchpoints // 6))
    stage_ids = [f"stage-{i}" for i in range(stages)]
    tps: list[dict[str, Any]] = []
    for i in range(touchpoints):
        tps.append(
            {
                "id": f"tp-{i:03d}",
                "name": f"{i} {_words(rng, rng.randint(2, 6))}",
                "stage": stage_ids[i * stages // touchpoints],
                "channel": "branch" if i % 4 == 1 else CHANNELS[rng.randrange(len(CHANNELS))],
                "owner": f"Department {rng.randint(1, 6)}",
                "does": _words(rng, 10),
                "thinks": _words(rng, 7),
                "feels": rng.randint(-2, 2),
                "pain_points": [_words(rng, 6)],
                "opportunities": [_words(rng, 5)],
                "backstage": _words(rng, 8),
                "moment_of_truth": i % 17 == 5,
            }
        )
    tps[-1]["end"] = True
    transitions = []
    for i in range(touchpoints - 1):
        transitions.append({"from": f"tp-{i:03d}", "to": f"tp-{i + 1:03d}", "share": 0.7})
        if i + 3 < touchpoints and i % 3 == 0:
            transitions.append({"from": f"tp-{i:03d}", "to": f"tp-{i + 3:03d}", "share": 0.1})
        if i >= 4 and i % 5 == 0:
            transitions.append({"from": f"tp-{i:03d}", "to": f"tp-{i - 4:03d}", "share": 0.1})
    return parse_journey(
        {
            "id": journey_id,
            "name": f"Bank scale: {touchpoints} touchpoints",
            "stages": [{"id": s, "name": f"Stage {s}"} for s in stage_ids],
            "touchpoints": tps,
            "transitions": transitions,
            "entries": [{"touchpoint": "tp-000", "customers_per_month": 250_000}],
            "targets": {"nps": 30, "shopper_pct": 80, "max_wait_minutes": 5},
            "metrics": list(METRICS),
        }
    )


def branch_touchpoints(journey: Journey) -> list[str]:
    return [tp.id for tp in journey.touchpoints if tp.channel == "branch"]


def build_questionnaire(journey: Journey, sections: int) -> Questionnaire:
    """``sections`` sections of five questions on the journey's branch touchpoints.

    One of each kind the scoring treats differently: yes/no (one of them critical in
    every third section), scale, a banded timer, a choice, a reverse-scored question
    that may be N/A.
    """
    places = branch_touchpoints(journey)
    body = []
    for s in range(sections):
        prefix = f"s{s:02d}"
        body.append(
            {
                "id": prefix,
                "title": f"Section {s + 1}",
                "touchpoint": places[s % len(places)],
                "questions": [
                    {
                        "id": f"{prefix}-greeted",
                        "text": "Were you greeted within a minute?",
                        "type": "yes_no",
                        "points": 1,
                        "critical": s % 3 == 0,
                    },
                    {
                        "id": f"{prefix}-friendly",
                        "text": "How friendly was the adviser?",
                        "type": "scale",
                        "scale_min": 1,
                        "scale_max": 5,
                        "points": 2,
                        "dimension": "personal_service",
                    },
                    {
                        "id": f"{prefix}-wait",
                        "text": "How long did you wait?",
                        "type": "timer",
                        "points": 3,
                        "bands": [
                            {"min": 0, "max": 180, "points": 3},
                            {"min": 180, "max": 300, "points": 1},
                            {"min": 300, "points": 0},
                        ],
                    },
                    {
                        "id": f"{prefix}-needs",
                        "text": "Did the adviser ask about your needs?",
                        "type": "choice",
                        "points": 2,
                        "options": [
                            {"label": "Fully", "points": 2},
                            {"label": "Partly", "points": 1},
                            {"label": "No", "points": 0},
                        ],
                        "dimension": "professional_knowledge",
                    },
                    {
                        "id": f"{prefix}-jargon",
                        "text": "Did the adviser use jargon?",
                        "type": "yes_no",
                        "points": 1,
                        "reverse": True,
                        "allow_na": True,
                        "dimension": "communication",
                    },
                ],
            }
        )
    return parse_questionnaire(
        {
            "id": QUESTIONNAIRE_ID,
            "name": "Branch visit",
            "journey": journey.id,
            "sections": body,
        },
        journey,
    )


def locations(count: int) -> list[dict[str, Any]]:
    return [
        {
            "id": f"loc-{i:03d}",
            "name": f"Branch {i:03d}",
            "region": REGIONS[i % len(REGIONS)],
            "competitor": False,
        }
        for i in range(1, count + 1)
    ]

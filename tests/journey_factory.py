"""Generated journeys for layout tests: big, branchy, loopy, with long names."""

from __future__ import annotations

import random

from journeymap.model import Journey, parse_journey

CHANNELS = ("web", "app", "phone", "branch", "email", "chat", "letter", "social")
WORDS = (
    "customer calls about the invoice again after waiting in the queue for a long time "
    "and asks for a call-back from an advisor who knows the case"
).split()


def generated_journey(touchpoints: int = 60, stages: int = 8, seed: int = 1) -> Journey:
    """A valid journey: a main line through every touchpoint, side branches forward,
    loops back and leave-edges; every lane has every text."""
    rng = random.Random(seed)
    stage_ids = [f"stage-{i}" for i in range(stages)]
    tps = []
    for i in range(touchpoints):
        name = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 9)))
        tps.append(
            {
                "id": f"tp-{i}",
                "name": f"{i} {name}",
                "stage": stage_ids[i * stages // touchpoints],
                "channel": CHANNELS[rng.randrange(len(CHANNELS))],
                "owner": f"Department {rng.randint(1, 5)}",
                "does": " ".join(rng.choice(WORDS) for _ in range(12)),
                "thinks": " ".join(rng.choice(WORDS) for _ in range(8)),
                "feels": rng.randint(-2, 2),
                "pain_points": [" ".join(rng.choice(WORDS) for _ in range(6))],
                "opportunities": [" ".join(rng.choice(WORDS) for _ in range(5))],
                "backstage": " ".join(rng.choice(WORDS) for _ in range(10)),
            }
        )
    tps[-1]["end"] = True
    transitions = []
    for i in range(touchpoints - 1):
        transitions.append({"from": f"tp-{i}", "to": f"tp-{i + 1}", "share": 0.7})
        if i + 3 < touchpoints and i % 3 == 0:
            transitions.append({"from": f"tp-{i}", "to": f"tp-{i + 3}", "share": 0.1})
        if i >= 4 and i % 5 == 0:
            transitions.append({"from": f"tp-{i}", "to": f"tp-{i - 4}", "share": 0.1})
    return parse_journey(
        {
            "id": "generated",
            "name": "Generated journey",
            "stages": [{"id": s, "name": f"Stage {s} with a longer name"} for s in stage_ids],
            "touchpoints": tps,
            "transitions": transitions,
            "entries": [{"touchpoint": "tp-0", "customers_per_month": 5000}],
        }
    )

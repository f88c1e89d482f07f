"""How big a benchmark workspace is: the bank scale of the issue, and a tiny one to smoke-test."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Scale:
    name: str
    touchpoints: int = 60
    diagram_touchpoints: int = 200
    locations: int = 300
    responses: int = 2_000_000
    # Up to today, so that the pages' default periods (this quarter, the last half year)
    # show data as they would in a bank's workspace; the stamp changes with the day.
    end: date = field(default_factory=date.today)
    months: int = 24
    visits: int = 12_000
    sections: int = 10  # five questions each: 50 answers per visit
    metric_points: int = 1_000_000
    tablets: int = 20
    runs: int = 3  # each timing is the median of this many runs
    seed: int = 2026

    @property
    def first_day(self) -> date:
        """The first of the month ``months - 1`` months before the end's month."""
        index = self.end.year * 12 + self.end.month - 1 - (self.months - 1)
        return date(index // 12, index % 12 + 1, 1)

    @property
    def questions(self) -> int:
        return self.sections * 5

    def stamp(self) -> dict[str, object]:
        """What the generated files depend on: a change regenerates them."""
        values = dataclasses.asdict(self)
        values.pop("runs")
        values["end"] = self.end.isoformat()
        return values | {"format": 1}


FULL = Scale("full")
TINY = Scale(
    "tiny",
    touchpoints=12,
    diagram_touchpoints=30,
    locations=8,
    responses=3_000,
    visits=40,
    sections=2,
    metric_points=2_000,
    tablets=3,
    runs=1,
)
SCALES = {s.name: s for s in (FULL, TINY)}

"""What the walk shows about one touchpoint besides its figures: voices and failures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from journeymap.analytics.cell_grid import CellGrid
from journeymap.analytics.nps import classify
from journeymap.analytics.nps_tables import nps_table


@dataclass(frozen=True)
class Verbatim:
    score: int
    group: str  # promoter, passive, detractor
    comment: str
    responded_at: datetime
    location: str


def pick_verbatims(responses: pd.DataFrame, touchpoint: str, limit: int = 4) -> list[Verbatim]:
    """The newest comments at a touchpoint, detractors first, one promoter for balance.

    A workshop needs to hear why it hurts, but a wall of complaints hides what works.
    """
    if responses.empty:
        return []
    here = responses[
        (responses["touchpoint_id"] == touchpoint)
        & responses["comment"].fillna("").str.strip().astype(bool)
    ]
    if "survey_kind" in here:
        here = here[here["survey_kind"] == "transactional"]
    here = here.sort_values("responded_at", ascending=False)
    detractors = here[here["score"] <= 6].head(max(1, limit - 1))
    promoters = here[here["score"] >= 9].head(1)
    chosen = pd.concat([detractors, promoters]).head(limit)
    if len(chosen) < limit:
        rest = here.drop(index=chosen.index, errors="ignore").head(limit - len(chosen))
        chosen = pd.concat([chosen, rest])
    places = chosen["location"].tolist() if "location" in chosen else [""] * len(chosen)
    return [
        Verbatim(
            score=int(score),
            group=classify(int(score)),
            comment=str(comment).strip(),
            responded_at=responded_at,
            location=str(place or ""),
        )
        for score, comment, responded_at, place in zip(
            chosen["score"].tolist(),
            chosen["comment"].tolist(),
            chosen["responded_at"].tolist(),
            places,
            strict=True,
        )
    ]


@dataclass(frozen=True)
class FailingQuestion:
    question_id: str
    text: str
    failed: int
    answered: int

    @property
    def share(self) -> float:
        return self.failed / self.answered if self.answered else 0.0


def failing_questions(
    question_scores: pd.DataFrame,
    texts: Mapping[str, str],
    section_touchpoints: Mapping[str, str],
    touchpoint: str,
    limit: int = 3,
) -> list[FailingQuestion]:
    """The mystery-shopper questions at a touchpoint that fail most often (answered only)."""
    if question_scores.empty:
        return []
    rows = question_scores[question_scores["section_id"].map(section_touchpoints) == touchpoint]
    rows = rows[rows["possible"] > 0]
    if rows.empty:
        return []
    table = rows.groupby("question_id")["failed"].agg(["sum", "count"])
    table = table[table["sum"] > 0].sort_values(["sum", "count"], ascending=[False, True])
    return [
        FailingQuestion(str(qid), texts.get(str(qid), str(qid)), int(r["sum"]), int(r["count"]))
        for qid, r in table.head(limit).iterrows()
    ]


def nps_matrix(responses: pd.DataFrame, touchpoints: list[str]) -> CellGrid:
    """Touchpoint × location: transactional NPS with its n and 95 % interval, as
    :func:`journeymap.analytics.nps_tables.nps_table` gives them everywhere else
    (adjusted Wald below 30 answers), touchpoints in journey order."""
    if responses.empty:
        return CellGrid.nothing()
    frame = responses[responses["touchpoint_id"].isin(touchpoints)]
    frame = frame[frame["location"].fillna("") != ""]
    table = nps_table(frame, ["touchpoint", "location"]) if not frame.empty else frame
    if table.empty:
        return CellGrid.nothing()
    order = [t for t in touchpoints if t in set(table["touchpoint"])]
    cells = table.set_index(["touchpoint", "location"])
    return CellGrid.of(cells, ("nps", "n", "ci_low", "ci_high"), order)

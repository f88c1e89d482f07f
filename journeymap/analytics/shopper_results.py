"""Mystery-shopper results: visit scores as tables, and aggregates with their n.

A location's (region's, shopper's, round's …) score is either the *mean* of its visit
percentages — each visit counts once, the section weights apply — or *pooled* points,
all points earned ÷ all points possible — a visit with more applicable questions
counts more, section weights do not apply. Which one is a setting, and the screen
states it. Fewer than :data:`MIN_RANKED_VISITS` visits are shown but never ranked:
with 1–2 visits one odd visit decides the place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from journeymap.analytics.scoring import Answer, score_visit
from journeymap.model.questionnaire import Questionnaire

ScoreMethod = Literal["mean", "pooled"]
SCORE_METHODS: tuple[str, ...] = ("mean", "pooled")
METHOD_TEXT: dict[str, str] = {
    "mean": "mean of the visit percentages (each visit counts once; section weights apply)",
    "pooled": "pooled points: all points earned ÷ all points possible (section weights "
    "do not apply)",
}
MIN_RANKED_VISITS = 3
VISIT_META = (
    "visit_id",
    "location_id",
    "location_name",
    "region",
    "competitor",
    "shopper_id",
    "period",
    "questionnaire_id",
    "status",
)
Versions = Mapping[tuple[str, int], Questionnaire]


@dataclass(frozen=True)
class ScoreTables:
    """Scores of many visits, one long table per level; each row carries VISIT_META."""

    visits: pd.DataFrame
    sections: pd.DataFrame
    touchpoints: pd.DataFrame
    dimensions: pd.DataFrame
    questions: pd.DataFrame


def round_label(day: Any) -> str:
    """The quarter a visit's window starts in: shopping rounds are run per quarter."""
    stamp = pd.Timestamp(day)
    return f"{stamp.year}-Q{stamp.quarter}"


def answers_by_visit(answers: pd.DataFrame) -> dict[int, dict[str, Answer]]:
    out: dict[int, dict[str, Answer]] = {}
    for row in answers.itertuples(index=False):
        out.setdefault(int(row.visit_id), {})[str(row.question_id)] = Answer(
            value=row.value, not_applicable=bool(row.not_applicable), comment=row.comment or ""
        )
    return out


def score_visits(
    versions: Versions, visits: pd.DataFrame, answers: pd.DataFrame, statuses: tuple[str, ...]
) -> ScoreTables:
    """Score every visit whose status is in ``statuses`` against its own version."""
    chosen = visits[visits["status"].isin(statuses)]
    given = answers_by_visit(answers)
    rows: dict[str, list[dict[str, Any]]] = {
        k: [] for k in ("visits", "sections", "touchpoints", "dimensions", "questions")
    }
    for visit in chosen.itertuples(index=False):
        questionnaire = versions.get((visit.questionnaire_id, int(visit.questionnaire_version)))
        if questionnaire is None:
            continue  # its questionnaire version is gone: nothing to score against
        meta = _meta(visit)
        score = score_visit(questionnaire, given.get(int(visit.id), {}))
        rows["visits"].append(
            meta
            | {
                "pct": score.pct,
                "earned": score.earned,
                "possible": score.possible,
                "knocked_out": score.knocked_out,
            }
        )
        titles = {s.id: s.title for s in questionnaire.sections}
        rows["sections"] += [
            meta
            | {
                "section_id": s.section_id,
                "section_title": titles[s.section_id],
                "touchpoint": s.touchpoint,
                "pct": s.pct,
                "earned": s.earned,
                "possible": s.possible,
                "knocked_out": s.knocked_out,
            }
            for s in score.sections
        ]
        rows["touchpoints"] += _touchpoint_rows(meta, score)
        rows["dimensions"] += [
            meta
            | {
                "dimension": name,
                "earned": earned,
                "possible": possible,
                "pct": 100.0 * earned / possible,
            }
            for name, (earned, possible) in score.dimensions.items()
        ]
        rows["questions"] += [
            meta
            | {
                "question_id": q.question_id,
                "section_id": q.section_id,
                "outcome": q.outcome,
                "earned": q.earned,
                "possible": q.possible,
                "failed": q.failed,
            }
            for q in score.questions
        ]
    return ScoreTables(**{k: _frame(v) for k, v in rows.items()})


def _meta(visit: Any) -> dict[str, Any]:
    return {
        "visit_id": int(visit.id),
        "location_id": visit.location_id,
        "location_name": visit.location_name,
        "region": visit.region,
        "competitor": bool(visit.competitor),
        "shopper_id": visit.shopper_id,
        "period": round_label(visit.window_start),
        "questionnaire_id": visit.questionnaire_id,
        "status": visit.status,
    }


def _touchpoint_rows(meta: dict[str, Any], score: Any) -> list[dict[str, Any]]:
    rows = []
    for touchpoint, pct in score.touchpoints.items():
        sections = [s for s in score.sections if s.touchpoint == touchpoint]
        rows.append(
            meta
            | {
                "touchpoint": touchpoint,
                "pct": pct,
                "earned": sum(s.earned for s in sections),
                "possible": sum(s.possible for s in sections),
            }
        )
    return rows


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    if frame.empty:
        frame = pd.DataFrame(columns=[*VISIT_META, "pct", "earned", "possible"])
    return frame


def aggregate(frame: pd.DataFrame, by: list[str], method: ScoreMethod) -> pd.DataFrame:
    """One row per group: the group fields, ``n_visits`` and ``score_pct``.

    Rows without a percentage (everything N/A) are left out and do not count in n.
    """
    columns = [*by, "n_visits", "score_pct"]
    usable = frame[frame["possible"] > 0] if not frame.empty else frame
    if usable.empty:
        return pd.DataFrame(columns=columns)
    grouped = usable.groupby(by, dropna=False, sort=True)
    out = grouped.agg(
        n_visits=("visit_id", "nunique"),
        pct_mean=("pct", "mean"),
        earned=("earned", "sum"),
        possible=("possible", "sum"),
    ).reset_index()
    if method == "mean":
        out["score_pct"] = out["pct_mean"]
    else:
        out["score_pct"] = 100.0 * out["earned"] / out["possible"]
    out["score_pct"] = out["score_pct"].astype(float).round(1)
    return out[columns]


def league_table(visit_scores: pd.DataFrame, method: ScoreMethod) -> pd.DataFrame:
    """Locations by score, best first; ``rank`` only for own locations with enough visits."""
    keys = ["location_id", "location_name", "region", "competitor"]
    table = aggregate(visit_scores, keys, method)
    if table.empty:
        return table.assign(rank=pd.Series(dtype="Int64"))
    table = table.sort_values(["score_pct", "n_visits"], ascending=[False, False])
    rankable = (table["n_visits"] >= MIN_RANKED_VISITS) & ~table["competitor"].astype(bool)
    ranks = table.loc[rankable, "score_pct"].rank(method="min", ascending=False)
    table["rank"] = ranks.astype("Int64").reindex(table.index)
    return table.reset_index(drop=True)


def heatmap_matrix(
    section_scores: pd.DataFrame, method: ScoreMethod
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Section × location: the score and its n, as two aligned matrices."""
    table = aggregate(section_scores, ["section_title", "location_name"], method)
    if table.empty:
        return pd.DataFrame(), pd.DataFrame()
    scores = table.pivot(index="section_title", columns="location_name", values="score_pct")
    counts = table.pivot(index="section_title", columns="location_name", values="n_visits")
    return scores, counts.fillna(0).astype(int)


def touchpoint_scores(tables: ScoreTables, method: ScoreMethod) -> pd.DataFrame:
    """Own locations' score per touchpoint: what the journey views show."""
    own = tables.touchpoints
    if not own.empty:
        own = own[~own["competitor"].astype(bool)]
    return aggregate(own, ["touchpoint"], method)

"""Mystery-shopper results: visit scores as tables, and aggregates with their n.

A location's (region's, shopper's, round's …) score is either the *mean* of its visit
percentages — each visit counts once, the section weights apply — or *pooled* points,
all points earned ÷ all points possible — a visit with more applicable questions
counts more, section weights do not apply. Which one is a setting, and the screen
states it. Fewer than :data:`MIN_RANKED_VISITS` visits are shown but never ranked:
with 1–2 visits one odd visit decides the place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from journeymap.analytics.cell_grid import CellGrid
from journeymap.analytics.columnar_scoring import Versions, score_levels
from journeymap.analytics.estimates import t_quantile_95
from journeymap.i18n import N_

ScoreMethod = Literal["mean", "pooled"]
SCORE_METHODS: tuple[str, ...] = ("mean", "pooled")
METHOD_TEXT: dict[str, str] = {
    "mean": N_("mean of the visit percentages (each visit counts once; section weights apply)"),
    "pooled": N_(
        "pooled points: all points earned ÷ all points possible (section weights do not apply)"
    ),
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
    "questionnaire_version",
    "wave",
    "status",
)


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


def score_visits(
    versions: Versions, visits: pd.DataFrame, answers: pd.DataFrame, statuses: tuple[str, ...]
) -> ScoreTables:
    """Score every visit whose status is in ``statuses`` against its own version.

    The same scores as :func:`score_visit` gives visit by visit, for all visits at once.
    """
    chosen = visits[visits["status"].isin(statuses)].reset_index(drop=True)
    levels = score_levels(versions, chosen, answers)
    meta = _meta(chosen)
    return ScoreTables(**{name: _with_meta(meta, level) for name, level in levels.items()})


def _meta(visits: pd.DataFrame) -> pd.DataFrame:
    days = visits["window_start"]
    periods = {day: round_label(day) for day in days.unique()}  # per day, not per visit
    return pd.DataFrame(
        {
            "visit_id": visits["id"].astype("int64"),
            "location_id": visits["location_id"],
            "location_name": visits["location_name"],
            "region": visits["region"],
            "competitor": visits["competitor"].astype(bool),
            "shopper_id": visits["shopper_id"],
            "period": days.map(periods),
            "questionnaire_id": visits["questionnaire_id"],
            "questionnaire_version": visits["questionnaire_version"].astype("int64"),
            "wave": visits["wave"] if "wave" in visits.columns else "",
            "status": visits["status"],
        },
        columns=list(VISIT_META),
    )


def _with_meta(meta: pd.DataFrame, level: pd.DataFrame) -> pd.DataFrame:
    """Each row of a level with its visit's VISIT_META in front."""
    if level.empty:
        return _empty_table()
    rows = meta.take(level["visit"].to_numpy())
    rows.index = level.index  # row for row, as pd.concat aligns them
    return pd.concat([rows, level.drop(columns="visit")], axis=1)


def _empty_table() -> pd.DataFrame:
    # No rows, but the columns that every level has, for code that selects them.
    return pd.DataFrame(columns=[*VISIT_META, "pct", "earned", "possible"])


def aggregate(frame: pd.DataFrame, by: list[str], method: ScoreMethod) -> pd.DataFrame:
    """One row per group: the group fields, ``n_visits``, ``score_pct`` and its 95 %
    interval ``ci_low`` … ``ci_high`` (NaN with one visit: nothing is known of the spread).

    Rows without a percentage (everything N/A) are left out and do not count in n. The
    mean's interval is Student's t over the rows' percentages; pooled points are a ratio
    of sums, whose standard error is the ratio estimator's over the same rows.
    """
    columns = [*by, "n_visits", "score_pct", "ci_low", "ci_high"]
    usable = frame[frame["possible"] > 0] if not frame.empty else frame
    if usable.empty:
        return pd.DataFrame(columns=columns)
    rows = usable
    grouped = rows.groupby(by, dropna=False, sort=True)
    out = grouped.agg(
        n_visits=("visit_id", "nunique"),
        n_rows=("pct", "size"),
        pct_mean=("pct", "mean"),
        pct_sd=("pct", "std"),
        earned=("earned", "sum"),
        possible=("possible", "sum"),
        possible_mean=("possible", "mean"),
    ).reset_index()
    if method == "mean":
        out["score_pct"] = out["pct_mean"].astype(float)
        standard_error = out["pct_sd"] / np.sqrt(out["n_rows"])
    else:
        out["score_pct"] = 100.0 * out["earned"] / out["possible"]
        standard_error = _ratio_standard_error(rows, by, out)
    quantile = out["n_rows"].map(lambda n: t_quantile_95(int(n) - 1) if n > 1 else np.nan)
    half = quantile * standard_error
    out["ci_low"] = (out["score_pct"] - half).clip(lower=0.0).round(1)
    out["ci_high"] = (out["score_pct"] + half).clip(upper=100.0).round(1)
    out["score_pct"] = out["score_pct"].astype(float).round(1)
    return out[columns]


def _ratio_standard_error(rows: pd.DataFrame, by: list[str], out: pd.DataFrame) -> pd.Series:
    """SE in points of Σ earned / Σ possible over a group's rows (the ratio estimator)."""
    ratios = out[by].assign(_ratio=out["earned"] / out["possible"])
    joined = rows[[*by, "earned", "possible"]].merge(ratios, on=by, how="left")
    joined["_squared"] = (joined["earned"] - joined["_ratio"] * joined["possible"]) ** 2
    squared = joined.groupby(by, dropna=False, sort=True)["_squared"].sum().to_numpy()
    n = out["n_rows"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = np.sqrt(squared / (n * (n - 1)))
    return pd.Series(100.0 * spread / out["possible_mean"].to_numpy(), index=out.index)


def interval_texts(table: pd.DataFrame) -> list[str]:
    """'62.0 … 88.5' per row of :func:`aggregate`; '—' where one visit gives none."""
    return [
        "—" if pd.isna(low) else f"{low:.1f} … {high:.1f}"
        for low, high in zip(table["ci_low"], table["ci_high"], strict=True)
    ]


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


def heatmap_matrix(section_scores: pd.DataFrame, method: ScoreMethod) -> CellGrid:
    """Section × location: every cell's score with its n and interval."""
    table = aggregate(section_scores, ["section_title", "location_name"], method)
    if table.empty:
        return CellGrid.nothing()
    cells = table.set_index(["section_title", "location_name"])
    return CellGrid.of(cells, ("score_pct", "n_visits", "ci_low", "ci_high"))


def few_visits(n_visits: float) -> bool:
    """Too few visits for a score to be read as solid: shown, marked, never ranked."""
    return n_visits < MIN_RANKED_VISITS


def touchpoint_scores(tables: ScoreTables, method: ScoreMethod) -> pd.DataFrame:
    """Own locations' score per touchpoint: what the journey views show."""
    own = tables.touchpoints
    if not own.empty:
        own = own[~own["competitor"].astype(bool)]
    return aggregate(own, ["touchpoint"], method)

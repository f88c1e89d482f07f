"""The service-profit chain by location: does better service (shopper score) go with NPS?

One point per own location that has both mystery-shopper visits and survey answers.
A point is *thin* when either side is thin: fewer than 3 visits (one odd visit decides
the score) or fewer than 30 answers (the NPS interval is wide). Thin points are drawn
apart and left out of the correlation, so they neither hide nor decide it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from journeymap.analytics.local_time import DEFAULT_ZONE, on_days
from journeymap.analytics.nps import SMALL_SAMPLE, Z_95
from journeymap.analytics.shopper_results import MIN_RANKED_VISITS

CHAIN_COLUMNS = [
    "location",
    "name",
    "n_visits",
    "shopper_pct",
    "shopper_low",
    "shopper_high",
    "n",
    "nps",
    "ci_low",
    "ci_high",
    "thin",
]
MIN_CORRELATION_POINTS = 4  # Fisher's interval needs n > 3


def responses_between(
    responses: pd.DataFrame, start: date | None, end: date | None, zone: str = DEFAULT_ZONE
) -> pd.DataFrame:
    """Responses on the inclusive days ``start`` … ``end`` of ``zone`` (None: open)."""
    return responses[on_days(responses["responded_at"], start, end, zone)]


def visits_between(
    visit_scores: pd.DataFrame,
    visits: pd.DataFrame,
    start: date | None,
    end: date | None,
    zone: str = DEFAULT_ZONE,
) -> pd.DataFrame:
    """Visit score rows whose visit took place on the days ``start`` … ``end`` of ``zone``.

    A visit not yet dated (no ``visited_at``) counts on the first day of its window.
    """
    if visit_scores.empty or (start is None and end is None):
        return visit_scores
    when = visits.set_index("id")
    moments = pd.to_datetime(when["visited_at"], utc=True).fillna(
        pd.to_datetime(when["window_start"], utc=True)
    )
    moments = visit_scores["visit_id"].map(moments)
    return visit_scores[on_days(moments, start, end, zone)]


def profit_chain(league: pd.DataFrame, nps_by_location: pd.DataFrame) -> pd.DataFrame:
    """Join a shopper league table and an NPS-by-location table on the location id.

    ``league`` has location_id, location_name, competitor, n_visits, score_pct and its
    interval ci_low … ci_high (see
    :func:`journeymap.analytics.shopper_results.league_table`); ``nps_by_location`` is
    :func:`journeymap.analytics.nps_tables.nps_table` grouped by location. Competitors
    (no NPS of ours) and locations missing on either side are left out.
    """
    if league.empty or nps_by_location.empty:
        return pd.DataFrame(columns=CHAIN_COLUMNS)
    own = league[~league["competitor"].astype(bool)]
    shopper = own.rename(
        columns={
            "location_id": "location",
            "location_name": "name",
            "score_pct": "shopper_pct",
            "ci_low": "shopper_low",
            "ci_high": "shopper_high",
        }
    )[["location", "name", "n_visits", "shopper_pct", "shopper_low", "shopper_high"]]
    nps = nps_by_location[nps_by_location["location"].notna()]
    nps = nps[["location", "n", "nps", "ci_low", "ci_high"]]
    joined = shopper.merge(nps, on="location", how="inner")
    joined["thin"] = (joined["n_visits"] < MIN_RANKED_VISITS) | (joined["n"] < SMALL_SAMPLE)
    return joined[CHAIN_COLUMNS].sort_values("name").reset_index(drop=True)


@dataclass(frozen=True)
class Correlation:
    """Pearson's r over the solid points with Fisher's 95 % interval."""

    r: float
    n: int
    ci_low: float
    ci_high: float


def chain_correlation(chain: pd.DataFrame) -> Correlation | None:
    """r between shopper score and NPS over solid points; None with fewer than 4."""
    solid = chain[~chain["thin"].astype(bool)]
    n = len(solid)
    if n < MIN_CORRELATION_POINTS:
        return None
    x = solid["shopper_pct"].to_numpy(dtype=float)
    y = solid["nps"].to_numpy(dtype=float)
    if np.std(x) == 0 or np.std(y) == 0:
        return None
    r = float(np.corrcoef(x, y)[0, 1])
    r_clipped = min(max(r, -0.999999), 0.999999)
    centre, half = math.atanh(r_clipped), Z_95 / math.sqrt(n - 3)
    return Correlation(r, n, math.tanh(centre - half), math.tanh(centre + half))

"""Why overall NPS moved between two periods: mix of touchpoints vs their own scores.

Overall NPS is the response-weighted mean of the touchpoints' NPS, Σ wᵢ·NPSᵢ with wᵢ
the touchpoint's share of responses. Its change splits exactly into

* mix  Σ (w₂ − w₁)·NPS₁: more or fewer answers from touchpoints that score high or low;
* rate Σ w₂·(NPS₂ − NPS₁): the touchpoints themselves scoring better or worse.

A touchpoint without answers in period A has no NPS₁; it is taken as its NPS₂, so all
its weight counts as mix (it is new in the mix) and the split stays exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from journeymap.analytics.nps_tables import nps_table
from journeymap.analytics.periods import Period


@dataclass(frozen=True)
class ShiftShare:
    nps_a: float
    nps_b: float
    n_a: int
    n_b: int
    mix: float
    rate: float
    contributions: pd.DataFrame  # per group: n, w and NPS in A and B, mix, rate, total
    survey_kind: str

    @property
    def total_change(self) -> float:
        return self.nps_b - self.nps_a


def shift_share_from_tables(
    table_a: pd.DataFrame, table_b: pd.DataFrame, by: str = "touchpoint", survey_kind: str = ""
) -> ShiftShare:
    """The split from two :func:`nps_table` results grouped by ``by``."""
    if table_a.empty or table_b.empty:
        raise ValueError("shift-share needs responses in both periods")
    a = table_a.set_index(by)[["n", "nps"]]
    b = table_b.set_index(by)[["n", "nps"]]
    parts = a.join(b, how="outer", lsuffix="_a", rsuffix="_b")
    parts[["n_a", "n_b"]] = parts[["n_a", "n_b"]].astype(float).fillna(0).astype(int)
    parts["w_a"] = parts["n_a"] / parts["n_a"].sum()
    parts["w_b"] = parts["n_b"] / parts["n_b"].sum()
    base = parts["nps_a"].fillna(parts["nps_b"])
    after = parts["nps_b"].fillna(base)
    parts["mix"] = (parts["w_b"] - parts["w_a"]) * base
    parts["rate"] = parts["w_b"] * (after - base)
    parts["total"] = parts["mix"] + parts["rate"]
    parts = parts.reset_index()
    nps_a = float(np.sum(parts["w_a"] * parts["nps_a"].fillna(0)))
    nps_b = float(np.sum(parts["w_b"] * parts["nps_b"].fillna(0)))
    return ShiftShare(
        nps_a=nps_a,
        nps_b=nps_b,
        n_a=int(parts["n_a"].sum()),
        n_b=int(parts["n_b"].sum()),
        mix=float(parts["mix"].sum()),
        rate=float(parts["rate"].sum()),
        contributions=parts[
            [by, "n_a", "n_b", "w_a", "w_b", "nps_a", "nps_b", "mix", "rate", "total"]
        ],
        survey_kind=survey_kind,
    )


def shift_share(
    responses: pd.DataFrame,
    a: Period,
    b: Period,
    by: str = "touchpoint",
    *,
    survey_kind: str = "transactional",
) -> ShiftShare:
    """The change of overall NPS from period A to B, split into mix and rate by ``by``."""
    moments = pd.to_datetime(responses["responded_at"], utc=True)
    table_a = nps_table(responses[a.contains(moments)], [by], survey_kind=survey_kind)
    table_b = nps_table(responses[b.contains(moments)], [by], survey_kind=survey_kind)
    return shift_share_from_tables(table_a, table_b, by, survey_kind)

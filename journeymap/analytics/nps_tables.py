"""NPS by group (touchpoint, period, location, segment), vectorised for large tables.

Counts come either from one pandas groupby over responses already read
(:func:`nps_counts`) or from the database (``journeymap.store.evidence.read_nps_counts``,
a few hundred rows instead of millions of responses); both go through
:func:`nps_table_from_counts`, so there is one labelling, one order and one formula: that
of :func:`journeymap.analytics.nps.nps_from_counts`, applied to whole columns, so every
row agrees with the scalar function. Transactional and relationship NPS are never mixed
in one figure: the table is for one survey kind (transactional unless asked) and says so
in its attrs.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from journeymap.analytics.local_time import DEFAULT_ZONE, local
from journeymap.analytics.nps import ADJUSTMENT, SMALL_SAMPLE, Z_95

GROUP_FIELDS = ("touchpoint", "month", "quarter", "year", "location", "segment")
TEXT_FIELDS = ("touchpoint", "location", "segment")
SCORE_GROUPS = ("promoters", "passives", "detractors")
COUNT_COLUMNS = ("n", "promoters", "passives", "detractors")
ESTIMATE_COLUMNS = ("nps", "se", "ci_low", "ci_high", "adjusted_wald", "small_sample")
SURVEY_KINDS = ("transactional", "relationship")


def estimates(
    promoters: np.ndarray,
    passives: np.ndarray,
    detractors: np.ndarray,
    *,
    z: float = Z_95,
    small_sample: int = SMALL_SAMPLE,
) -> dict[str, np.ndarray]:
    """The columns of :class:`NpsEstimate` for arrays of counts (n > 0 everywhere)."""
    promoters, passives, detractors = (
        np.asarray(a, dtype=np.float64) for a in (promoters, passives, detractors)
    )
    n = promoters + passives + detractors
    p_plus, p_minus = promoters / n, detractors / n
    nps = 100 * (p_plus - p_minus)
    variance = np.maximum(0.0, p_plus + p_minus - (p_plus - p_minus) ** 2)
    se = 100 * np.sqrt(variance / n)
    adjusted = (n < small_sample) | (variance == 0)
    add_minus, add_passive, add_plus = ADJUSTMENT
    n_adj = n + add_minus + add_passive + add_plus
    q_plus, q_minus = (promoters + add_plus) / n_adj, (detractors + add_minus) / n_adj
    centre = 100 * (q_plus - q_minus)
    se_adj = 100 * np.sqrt(np.maximum(0.0, q_plus + q_minus - (q_plus - q_minus) ** 2) / n_adj)
    low = np.where(adjusted, np.minimum(centre - z * se_adj, nps), nps - z * se)
    high = np.where(adjusted, np.maximum(centre + z * se_adj, nps), nps + z * se)
    return {
        "nps": nps,
        "se": np.where(adjusted, se_adj, se),
        "ci_low": np.maximum(-100.0, low),
        "ci_high": np.minimum(100.0, high),
        "adjusted_wald": adjusted,
        "small_sample": n < small_sample,
    }


def check_group_fields(by: Sequence[str]) -> list[str]:
    """The fields in order without repeats; ValueError naming the ones NPS cannot group by."""
    unknown = [f for f in by if f not in GROUP_FIELDS]
    if unknown:
        raise ValueError(f"cannot group NPS by {', '.join(unknown)}: use {', '.join(GROUP_FIELDS)}")
    return list(dict.fromkeys(by))


def check_survey_kind(survey_kind: str) -> None:
    if survey_kind not in SURVEY_KINDS:
        raise ValueError(f"unknown survey kind '{survey_kind}': use {' or '.join(SURVEY_KINDS)}")


def _group_keys(
    responses: pd.DataFrame, by: Sequence[str], labels: dict[str, pd.Index], zone: str
) -> dict[str, pd.Series]:
    keys: dict[str, pd.Series] = {}
    if {"year", "quarter", "month"} & set(by):
        moments = local(responses["responded_at"], zone)
        year, month = moments.dt.year, moments.dt.month
    for field in by:
        if field in TEXT_FIELDS:
            # Integer codes group several times faster than Python strings.
            column = responses["touchpoint_id" if field == "touchpoint" else field]
            codes, uniques = pd.factorize(column, use_na_sentinel=True)
            keys[field] = pd.Series(codes, index=responses.index)
            labels[field] = uniques
        elif field == "year":
            keys[field] = year
        elif field == "quarter":
            keys[field] = year * 10 + (month - 1) // 3 + 1  # labelled after grouping
        else:
            keys[field] = year * 100 + month
    return keys


def _label_periods(table: pd.DataFrame) -> None:
    if "quarter" in table:
        q = table["quarter"].astype(int)
        table["quarter"] = (q // 10).astype(str) + "-Q" + (q % 10).astype(str)
    if "month" in table:
        m = table["month"].astype(int)
        table["month"] = (m // 100).astype(str) + "-" + (m % 100).astype(str).str.zfill(2)


def nps_counts(
    responses: pd.DataFrame,
    by: Sequence[str] = (),
    *,
    survey_kind: str = "transactional",
    zone: str = DEFAULT_ZONE,
) -> pd.DataFrame:
    """Promoters, passives and detractors per group of ``responses`` of one survey kind.

    Months, quarters and years are those of ``zone`` (the workspace's time zone).

    The frame :func:`nps_table_from_counts` takes, the same as
    :func:`journeymap.store.evidence.read_nps_counts` reads from the database.
    """
    check_survey_kind(survey_kind)
    by = check_group_fields(by)
    frame = responses[responses["survey_kind"] == survey_kind]
    if frame.empty:
        return pd.DataFrame(columns=[*by, *SCORE_GROUPS])
    score = frame["score"].to_numpy()
    group = np.where(score >= 9, 2, np.where(score >= 7, 1, 0))
    if not by:
        detractors, passives, promoters = np.bincount(group, minlength=3)
        return pd.DataFrame(
            {"promoters": [promoters], "passives": [passives], "detractors": [detractors]}
        )
    labels: dict[str, pd.Index] = {}
    keys = pd.DataFrame(_group_keys(frame, by, labels, zone))
    keys["group"] = group
    counts = keys.groupby([*by, "group"], dropna=False, sort=True).size()
    wide = counts.unstack("group", fill_value=0).reindex(columns=[0, 1, 2], fill_value=0)
    table = wide.reset_index()
    table.columns = [*by, "detractors", "passives", "promoters"]
    for name, uniques in labels.items():
        codes = table[name].to_numpy()
        values = np.asarray(uniques, dtype=object)
        picked = (
            values[np.clip(codes, 0, None)]
            if len(values)
            else np.full(len(codes), None, dtype=object)
        )
        picked[codes < 0] = None
        table[name] = picked
    _label_periods(table)
    return table[[*by, *SCORE_GROUPS]]


def _sort_key(column: pd.Series) -> pd.Series:
    # Text fields by their text (None as "None"); periods by label, which sorts by time.
    return column.astype(str) if column.name in TEXT_FIELDS else column


def nps_table_from_counts(
    counts: pd.DataFrame,
    by: Sequence[str] = (),
    *,
    survey_kind: str = "transactional",
    z: float = Z_95,
    small_sample: int = SMALL_SAMPLE,
) -> pd.DataFrame:
    """:func:`nps_table` from counts already taken, by :func:`nps_counts` or the database.

    ``counts`` has the group fields and promoters, passives and detractors, one row per
    group, all of one survey kind. Periods are labelled as in the table (month
    '2026-03', quarter '2026-Q3', year 2026); a touchpoint of None is a relationship
    answer. Groups without responses are left out.
    """
    check_survey_kind(survey_kind)
    by = check_group_fields(by)
    columns = [*by, *COUNT_COLUMNS, *ESTIMATE_COLUMNS]
    table = counts[[*by, *SCORE_GROUPS]]
    table = table[(table["promoters"] + table["passives"] + table["detractors"]) > 0]
    if table.empty:
        empty = pd.DataFrame(columns=columns)
        empty.attrs["survey_kind"] = survey_kind
        return empty
    if by:
        table = table.sort_values(by, key=_sort_key, kind="stable")
    table = table.reset_index(drop=True)
    for name in SCORE_GROUPS:
        table[name] = table[name].astype("int64")
    table["n"] = table["promoters"] + table["passives"] + table["detractors"]
    for name, values in estimates(
        table["promoters"].to_numpy(),
        table["passives"].to_numpy(),
        table["detractors"].to_numpy(),
        z=z,
        small_sample=small_sample,
    ).items():
        table[name] = values
    if "year" in table:
        table["year"] = table["year"].astype(int)
    for name in by:
        if name in TEXT_FIELDS:
            table[name] = pd.Series(
                [None if pd.isna(value) else value for value in table[name]],
                index=table.index,
                dtype=object,
            )
    table = table[columns]
    table.attrs["survey_kind"] = survey_kind
    return table


def nps_table(
    responses: pd.DataFrame,
    by: Sequence[str] = (),
    *,
    survey_kind: str = "transactional",
    z: float = Z_95,
    small_sample: int = SMALL_SAMPLE,
    zone: str = DEFAULT_ZONE,
) -> pd.DataFrame:
    """One row per group with the group fields, counts, NPS, SE and 95 % interval.

    ``responses`` has the columns of :func:`journeymap.store.evidence.read_responses`.
    Groups without responses are absent; a touchpoint of None is a relationship answer.
    Periods are cut in ``zone``.
    """
    counts = nps_counts(responses, by, survey_kind=survey_kind, zone=zone)
    return nps_table_from_counts(
        counts, by, survey_kind=survey_kind, z=z, small_sample=small_sample
    )

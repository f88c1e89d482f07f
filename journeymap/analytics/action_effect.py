"""Did it work? The evidence at an action's touchpoints before and after its done date.

Two windows of equal length (90 days unless configured) are compared: *before* ends the
day before the done date, *after* starts the day after it (the change lands during
that day). The measures, at the action's touchpoints taken together:

- **NPS** (transactional answers pooled over the touchpoints): the z test of two
  independent NPS, z = Δ / √(SE₁² + SE₂²); a change counts when p < 0.05. Solid when
  each window has 30 or more answers.
- **Mystery-shopper score** (the mean of visit percentages; a visit covering several of
  the touchpoints counts once, with its mean): the Welch difference of means with a
  95 % t interval (Welch–Satterthwaite degrees of freedom); a change counts when the
  interval excludes 0. Solid with 3 or more visits in each window.
- **KPIs** (each metric, one value per day): the Welch difference as above, read
  against the metric's direction (lower or higher is better). Solid with 10 or more days
  in each window.

The verdict, from the solid measures only:

1. **Not enough data** — no measure is solid in both windows.
2. **Improved** — at least one measure changed for the better and none for the worse.
3. **Worse** — at least one changed for the worse and none for the better.
4. When measures disagree, the customers' own voice decides: NPS's direction if its
   change counts, otherwise **no measurable change**.
5. **No measurable change** — otherwise.

Each measure is tested at the 5 % level on its own; with several KPIs one of them may
move by chance, which is why every measure is listed with its n and interval.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

import pandas as pd

from journeymap.analytics.estimates import MeanEstimate, mean_estimate, t_quantile_95
from journeymap.analytics.local_time import DEFAULT_ZONE, local_days
from journeymap.analytics.nps import NpsEstimate, compare_nps, nps_from_counts
from journeymap.analytics.report_periods import window_after, window_before
from journeymap.analytics.results_choice import newest_version_per
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.model import MetricDefinition

Verdict = Literal["improved", "no_change", "worse", "not_enough_data"]
VERDICT_LABELS: dict[str, str] = {
    "improved": N_("Improved"),
    "no_change": N_("No measurable change"),
    "worse": N_("Worse"),
    "not_enough_data": N_("Not enough data"),
}
Outcome = Literal["improved", "worse", "no_change", "thin"]
SOLID_RESPONSES = 30
SOLID_VISITS = 3
SOLID_DAYS = 10
ALPHA = 0.05
# What a measure with too few observations says, by what it counts.
TOO_FEW_VISITS = N_(
    "{measure}: too few visits (n={before} before, n={after} after; {needed} needed in each window)"
)
TOO_FEW_DAYS = N_(
    "{measure}: too few days (n={before} before, n={after} after; {needed} needed in each window)"
)


@dataclass(frozen=True)
class Windows:
    before: tuple[date, date]
    after: tuple[date, date]
    after_complete: bool  # False while the after window has not ended yet
    zone: str = DEFAULT_ZONE  # the windows are days of this zone

    @classmethod
    def around(cls, done_on: date, days: int, today: date, zone: str = DEFAULT_ZONE) -> Windows:
        after = window_after(done_on, days)
        return cls(window_before(done_on, days), after, after[1] < today, zone)


@dataclass(frozen=True)
class MeasureChange:
    kind: str  # nps, shopper, kpi
    label: str
    n_before: int
    n_after: int
    before: float | None
    after: float | None
    difference: float | None  # after − before
    low: float | None  # 95 % interval of the difference
    high: float | None
    p: float | None  # NPS only
    outcome: Outcome
    text: str


@dataclass(frozen=True)
class Effect:
    verdict: Verdict
    windows: Windows
    measures: tuple[MeasureChange, ...]
    reason: str

    @property
    def label(self) -> str:
        return _(VERDICT_LABELS[self.verdict])


def _in_window(
    frame: pd.DataFrame, column: str, window: tuple[date, date], zone: str = DEFAULT_ZONE
) -> pd.DataFrame:
    if frame.empty:
        return frame
    if column == "observed_on":  # a day already, not a moment
        days = pd.to_datetime(frame[column]).dt.date
    else:
        days = local_days(frame[column], zone)
    return frame[(days >= window[0]) & (days <= window[1])]


def _pooled_nps(responses: pd.DataFrame) -> NpsEstimate | None:
    if responses.empty:
        return None
    scores = responses["score"].astype(int)
    return nps_from_counts(
        int((scores >= 9).sum()), int(scores.between(7, 8).sum()), int((scores <= 6).sum())
    )


def nps_change(responses: pd.DataFrame, touchpoints: Sequence[str], w: Windows) -> MeasureChange:
    here = responses[responses["touchpoint_id"].isin(list(touchpoints))]
    if "survey_kind" in here:
        here = here[here["survey_kind"] == "transactional"]
    a = _pooled_nps(_in_window(here, "responded_at", w.before, w.zone))
    b = _pooled_nps(_in_window(here, "responded_at", w.after, w.zone))
    n_a, n_b = (a.n if a else 0), (b.n if b else 0)
    if a is None or b is None or min(n_a, n_b) < SOLID_RESPONSES:
        return MeasureChange(
            "nps",
            "NPS",
            n_a,
            n_b,
            a.nps if a else None,
            b.nps if b else None,
            None,
            None,
            None,
            None,
            "thin",
            _(
                "NPS: too few answers (n={before} before, n={after} after; {needed} needed "
                "in each window)"
            ).format(
                before=fmt.number(n_a), after=fmt.number(n_b), needed=fmt.number(SOLID_RESPONSES)
            ),
        )
    d = compare_nps(a, b)
    low, high = d.difference - d.margin, d.difference + d.margin
    outcome: Outcome = "no_change" if d.p >= ALPHA else "improved" if d.difference > 0 else "worse"
    text = _(
        "NPS {before} (n={n_before}) → {after} (n={n_after}): {difference} points "
        "[{low}, {high}], {p}"
    ).format(
        # Each window's NPS with its margin: "0 ±18", "+50 ±13".
        before=f"{fmt.signed(a.nps)} ±{fmt.number(a.margin)}",
        n_before=fmt.number(n_a),
        after=f"{fmt.signed(b.nps)} ±{fmt.number(b.margin)}",
        n_after=fmt.number(n_b),
        difference=fmt.signed(d.difference, 1),
        low=fmt.signed(low, 1),
        high=fmt.signed(high, 1),
        p=fmt.p_value(d.p),
    )
    return MeasureChange(
        "nps", "NPS", n_a, n_b, a.nps, b.nps, d.difference, low, high, d.p, outcome, text
    )


@dataclass(frozen=True)
class WelchDifference:
    difference: float
    low: float
    high: float
    before: MeanEstimate  # each window's level, with its own interval
    after: MeanEstimate


def welch_difference(before: Sequence[float], after: Sequence[float]) -> WelchDifference | None:
    """after − before with a 95 % Welch interval; None with fewer than 2 values a side.

    The Welch–Satterthwaite degrees of freedom are rounded down before the t quantile is
    looked up: the interval is then never narrower than the exact one.
    """
    a, b = mean_estimate(before), mean_estimate(after)
    if a is None or b is None or a.n < 2 or b.n < 2:
        return None
    va, vb = a.sd**2 / a.n, b.sd**2 / b.n
    se = math.sqrt(va + vb)
    diff = b.mean - a.mean
    if se == 0:
        return WelchDifference(diff, diff, diff, a, b)
    df = (va + vb) ** 2 / (va**2 / (a.n - 1) + vb**2 / (b.n - 1))
    # A whole df computed a hair below itself (1.9999999999999998) must not lose a degree.
    half = t_quantile_95(max(1, math.floor(df + 1e-9))) * se
    return WelchDifference(diff, diff - half, diff + half, a, b)


def _mean_change(
    kind: str,
    label: str,
    before: pd.Series,
    after: pd.Series,
    solid_n: int,
    higher_is_better: bool,
    unit: str,
    too_few: str,
) -> MeasureChange:
    n_a, n_b = len(before), len(after)
    mean_a = float(before.mean()) if n_a else None
    mean_b = float(after.mean()) if n_b else None
    diff = welch_difference(before.tolist(), after.tolist())
    if diff is None or min(n_a, n_b) < solid_n:
        return MeasureChange(
            kind,
            label,
            n_a,
            n_b,
            mean_a,
            mean_b,
            None,
            None,
            None,
            None,
            "thin",
            _(too_few).format(
                measure=label,
                before=fmt.number(n_a),
                after=fmt.number(n_b),
                needed=fmt.number(solid_n),
            ),
        )
    outcome: Outcome = "no_change"
    if diff.low > 0 or diff.high < 0:
        better = diff.difference > 0 if higher_is_better else diff.difference < 0
        outcome = "improved" if better else "worse"
    text = _(
        "{measure} {before}{unit} ±{margin_before} (n={n_before}) → {after}{unit} "
        "±{margin_after} (n={n_after}): {difference}{unit} [{low}, {high}]"
    ).format(
        measure=label,
        before=fmt.number(diff.before.mean, 1),
        margin_before=fmt.number(diff.before.margin, 1),
        n_before=fmt.number(n_a),
        after=fmt.number(diff.after.mean, 1),
        margin_after=fmt.number(diff.after.margin, 1),
        n_after=fmt.number(n_b),
        unit=unit,
        difference=fmt.signed(diff.difference, 1),
        low=fmt.signed(diff.low, 1),
        high=fmt.signed(diff.high, 1),
    )
    return MeasureChange(
        kind,
        label,
        n_a,
        n_b,
        mean_a,
        mean_b,
        diff.difference,
        diff.low,
        diff.high,
        None,
        outcome,
        text,
    )


def shopper_change(
    visit_scores: pd.DataFrame, touchpoints: Sequence[str], w: Windows
) -> MeasureChange:
    here = visit_scores[visit_scores["touchpoint_id"].isin(list(touchpoints))]
    windows = [_in_window(here, "visited_at", window, w.zone) for window in (w.before, w.after)]
    if "questionnaire_id" in here.columns:
        windows = _one_version(windows)
    # One value per visit: a visit that covers two of the touchpoints is one observation.
    parts = [rows.groupby("visit_id")["score_pct"].mean() for rows in windows]
    return _mean_change(
        "shopper",
        _("Mystery-shopper score"),
        parts[0],
        parts[1],
        SOLID_VISITS,
        True,
        " %",
        TOO_FEW_VISITS,
    )


def _one_version(windows: list[pd.DataFrame]) -> list[pd.DataFrame]:
    """Before and after of one questionnaire version: the newest one visited in both
    windows (else the newest after). Another questionnaire's points are no change."""
    before, after = windows
    both = set(_versions(before)) & set(_versions(after))
    candidates = after.loc[_of(after, both)] if both else after
    newest = newest_version_per(candidates.assign(_all=0), "_all", "visited_at")
    if newest.empty:
        return [before.iloc[0:0], after]
    key = {_versions(newest)[0]}
    return [rows.loc[_of(rows, key)] for rows in windows]


def _versions(rows: pd.DataFrame) -> list[tuple[str, int]]:
    return [
        (str(q), int(v))
        for q, v in zip(rows["questionnaire_id"], rows["questionnaire_version"], strict=True)
    ]


def _of(rows: pd.DataFrame, keys: set[tuple[str, int]]) -> list[bool]:
    return [key in keys for key in _versions(rows)]


def kpi_changes(
    metric_points: pd.DataFrame,
    touchpoints: Sequence[str],
    metrics: Mapping[str, MetricDefinition],
    w: Windows,
) -> list[MeasureChange]:
    here = metric_points[metric_points["touchpoint_id"].isin(list(touchpoints))]
    changes = []
    for metric_id in sorted(set(here["metric"]) & set(metrics)):
        definition = metrics[metric_id]
        rows = here[here["metric"] == metric_id]
        # One value per day: several locations or touchpoints on a day are one reading.
        parts = [
            _in_window(rows, "observed_on", window).groupby("observed_on")["value"].mean()
            for window in (w.before, w.after)
        ]
        unit = f" {definition.unit}" if definition.unit else ""
        changes.append(
            _mean_change(
                "kpi",
                definition.name,
                parts[0],
                parts[1],
                SOLID_DAYS,
                definition.direction == "higher",
                unit,
                TOO_FEW_DAYS,
            )
        )
    return changes


def classify(measures: Sequence[MeasureChange]) -> tuple[Verdict, str]:
    """The verdict and its reason from the measures (rules in the module docstring)."""
    solid = [m for m in measures if m.outcome != "thin"]
    if not solid:
        return "not_enough_data", _("no measure has enough observations in both windows")
    better = [m.label for m in solid if m.outcome == "improved"]
    worse = [m.label for m in solid if m.outcome == "worse"]
    if better and not worse:
        return "improved", _("better: {better}; nothing measurably worse").format(
            better=", ".join(better)
        )
    if worse and not better:
        return "worse", _("worse: {worse}; nothing measurably better").format(
            worse=", ".join(worse)
        )
    if better and worse:
        nps = next((m for m in solid if m.kind == "nps"), None)
        if nps is not None and nps.outcome in ("improved", "worse"):
            return nps.outcome, _(
                "the measures disagree (better: {better}; worse: {worse}); "
                "the customers' NPS decides"
            ).format(better=", ".join(better), worse=", ".join(worse))
        return "no_change", _("the measures disagree (better: {better}; worse: {worse})").format(
            better=", ".join(better), worse=", ".join(worse)
        )
    return "no_change", _("no measurable change in {measures}").format(
        measures=", ".join(m.label for m in solid)
    )


def action_effect(
    responses: pd.DataFrame,
    visit_scores: pd.DataFrame,
    metric_points: pd.DataFrame,
    touchpoints: Sequence[str],
    metrics: Mapping[str, MetricDefinition],
    windows: Windows,
) -> Effect:
    """Before vs after at the touchpoints, every measure with its n, and the verdict."""
    measures = [
        nps_change(responses, touchpoints, windows),
        shopper_change(visit_scores, touchpoints, windows),
        *kpi_changes(metric_points, touchpoints, metrics, windows),
    ]
    verdict, reason = classify(measures)
    return Effect(verdict, windows, tuple(measures), reason)

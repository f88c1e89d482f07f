"""The one-page period report as data: each section's figures with their n and interval.

Built by :mod:`journeymap.services.period_report` from the stored evidence and drawn by
:mod:`journeymap.io.report`; the assembly of each section is here, pure, so that its
figures can be checked against hand-computed values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from journeymap.analytics.actions import GoalProgress
from journeymap.analytics.callbacks import counted_cases
from journeymap.analytics.comments.theme_views import ThemeShift
from journeymap.analytics.estimates import MeanEstimate, ProportionEstimate, mean_estimate, wilson
from journeymap.analytics.friction import FrictionItem
from journeymap.analytics.nps import SMALL_SAMPLE
from journeymap.analytics.nps_compare import PeriodComparison, thin_in_either
from journeymap.analytics.periods import Period
from journeymap.analytics.results_choice import of_version, version_text
from journeymap.analytics.shift_share import ShiftShare
from journeymap.i18n import _, ngettext
from journeymap.i18n import formatting as fmt

DRIVERS = 3
VERBATIMS_PER_DRIVER = 2
VERBATIM_CHARS = 160
SAND_ITEMS = 5
FRICTION_STATES = ("sand", "watch")  # the health states worth a row on the report
SIGNIFICANT_P = 0.05


@dataclass(frozen=True)
class Driver:
    """A touchpoint that moved journey NPS, by shift-share, with what customers said."""

    touchpoint: str
    name: str
    n_a: int
    n_b: int
    nps_a: float | None
    nps_b: float | None
    mix: float
    rate: float
    total: float
    verbatims: tuple[str, ...] = ()
    # The themes of its comments that grew or shrank from the period before.
    themes: tuple[ThemeShift, ...] = ()

    @property
    def small_sample(self) -> bool:
        """Fewer than 30 answers in either period: its share of the change may be noise."""
        return min(self.n_a, self.n_b) < SMALL_SAMPLE


@dataclass(frozen=True)
class SectionScore:
    title: str
    score: MeanEstimate


@dataclass(frozen=True)
class ShopperSummary:
    overall: MeanEstimate | None
    sections: tuple[SectionScore, ...]
    questionnaire: str = ""  # the one questionnaire version of these figures


@dataclass(frozen=True)
class SandLine:
    rank: int
    name: str
    health: str
    friction: float
    reason: str
    actions: tuple[str, ...]  # "title — status (effect)" for each linked action


@dataclass(frozen=True)
class SandLeftOut:
    """The touchpoints the sand list does not show, so the page can say why it is short."""

    good: int = 0
    thin: int = 0  # too little evidence to rank
    more: int = 0  # sand or watch beyond the top five

    def note(self, shown: int, period: str) -> str:
        """A sentence for a list shorter than five or cut at five; empty otherwise."""
        if shown >= SAND_ITEMS:
            if not self.more:
                return ""
            return _("{more} more sand or watch on the Sand ranking page.").format(
                more=fmt.number(self.more)
            )
        figures = {
            "shown": fmt.number(shown),
            "period": period,
            "good": fmt.number(self.good),
            "thin": fmt.number(self.thin),
        }
        if not shown:
            text = _(
                "No touchpoint is sand or watch in {period}: {good} good, {thin} with too "
                "little data to rank."
            )
        else:
            text = ngettext(
                "Only {shown} touchpoint is sand or watch in {period}: {good} good, {thin} "
                "with too little data to rank.",
                "Only {shown} touchpoints are sand or watch in {period}: {good} good, {thin} "
                "with too little data to rank.",
                shown,
            )
        return text.format(**figures)


def sand_shortlist(items: Sequence[FrictionItem]) -> tuple[list[FrictionItem], SandLeftOut]:
    """At most five items to act on, sand or watch on solid evidence, in rank order.

    Good touchpoints never pad the list: on a one-pager every row reads as sand. Thin
    ones are left out too, since thin data is not ranked as if it were solid.
    """
    worth = sorted(
        (i for i in items if i.health in FRICTION_STATES and not i.thin_data),
        key=lambda i: i.rank,
    )
    left_out = SandLeftOut(
        good=sum(i.health == "good" and not i.thin_data for i in items),
        thin=sum(i.thin_data for i in items),
        more=max(0, len(worth) - SAND_ITEMS),
    )
    return worth[:SAND_ITEMS], left_out


@dataclass(frozen=True)
class DoneAction:
    title: str
    done_on: date
    touchpoints: str
    effect: str  # the verdict's label, or why there is none yet


@dataclass(frozen=True)
class ReportData:
    journey_name: str
    period: Period
    previous: Period
    year_to_date: Period
    generated_at: datetime
    comparison: PeriodComparison
    shift: ShiftShare | None
    drivers: tuple[Driver, ...]
    # One summary per questionnaire version, the one visited last first: two
    # questionnaires' points are never averaged together.
    shoppers: tuple[ShopperSummary, ...]
    shopper_method: str
    sand: tuple[SandLine, ...]
    callbacks: ProportionEstimate | None
    callback_hours: float
    progress: GoalProgress
    done_actions: tuple[DoneAction, ...]
    diagram_svg: str | None = None
    diagram_note: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    sand_left_out: SandLeftOut = field(default_factory=SandLeftOut)
    # The themes of the journey's comments that grew or shrank from the period before.
    themes_moved: tuple[ThemeShift, ...] = ()

    @property
    def sand_note(self) -> str:
        return self.sand_left_out.note(len(self.sand), self.period.title)

    @property
    def significant_change(self) -> bool:
        d = self.comparison.difference
        return d is not None and d.p < SIGNIFICANT_P


def _shorten(text: str, limit: int = VERBATIM_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def driver_verbatims(
    responses: pd.DataFrame, period: Period, touchpoint: str, worse: bool
) -> tuple[str, ...]:
    """The newest comments in the period at the touchpoint, from the side that moved it.

    A touchpoint that pulled NPS down is explained by its detractors, one that lifted
    it by its promoters.
    """
    if responses.empty:
        return ()
    moments = pd.to_datetime(responses["responded_at"], utc=True)
    here = responses[
        period.contains(moments)
        & (responses["touchpoint_id"] == touchpoint)
        & responses["comment"].fillna("").str.strip().astype(bool)
    ]
    if "survey_kind" in here:
        here = here[here["survey_kind"] == "transactional"]
    side = here[here["score"] <= 6] if worse else here[here["score"] >= 9]
    side = side.sort_values("responded_at", ascending=False).head(VERBATIMS_PER_DRIVER)
    return tuple(
        f"{int(score)}: {_shorten(str(comment))}"
        for score, comment in zip(side["score"], side["comment"], strict=True)
    )


def _leading(shift: ShiftShare, limit: int) -> pd.DataFrame:
    """The biggest contributions first, those of few answers in either period after every
    solid one: as on the NPS page's movers, noise is never placed above evidence."""
    parts = shift.contributions
    parts = parts[parts["touchpoint"].notna()]
    order = parts.assign(_thin=thin_in_either(parts), _size=parts["total"].abs())
    order = order.sort_values(["_thin", "_size"], ascending=[True, False], kind="stable")
    return parts.loc[order.index].head(limit)


def leading_touchpoints(shift: ShiftShare, limit: int = DRIVERS) -> list[str]:
    """The touchpoints :func:`top_drivers` names, biggest contribution first."""
    return [str(touchpoint) for touchpoint in _leading(shift, limit)["touchpoint"]]


def top_drivers(
    shift: ShiftShare,
    responses: pd.DataFrame,
    period: Period,
    names: dict[str, str],
    limit: int = DRIVERS,
) -> tuple[Driver, ...]:
    """The touchpoints with the largest contribution (mix + rate) to the change.

    ``responses``: the period's, for the verbatims; those of the
    :func:`leading_touchpoints` are enough.
    """
    parts = _leading(shift, limit)
    drivers = []
    for row in parts.to_dict("records"):
        touchpoint = str(row["touchpoint"])
        total = float(row["total"])
        drivers.append(
            Driver(
                touchpoint=touchpoint,
                name=names.get(touchpoint, touchpoint),
                n_a=int(row["n_a"]),
                n_b=int(row["n_b"]),
                nps_a=None if pd.isna(row["nps_a"]) else float(row["nps_a"]),
                nps_b=None if pd.isna(row["nps_b"]) else float(row["nps_b"]),
                mix=float(row["mix"]),
                rate=float(row["rate"]),
                total=total,
                verbatims=driver_verbatims(responses, period, touchpoint, total < 0),
            )
        )
    return tuple(drivers)


def shopper_summary(
    visits: pd.DataFrame, sections: pd.DataFrame, questionnaire: str = ""
) -> ShopperSummary:
    """Mean of visit percentages overall and per section (own locations' visits only),
    of one questionnaire version."""
    overall = mean_estimate(visits["pct"].dropna()) if not visits.empty else None
    by_section = []
    if not sections.empty:
        usable = sections[sections["possible"] > 0]
        for title, rows in usable.groupby("section_title", sort=True):
            estimate = mean_estimate(rows["pct"].dropna())
            if estimate is not None:
                by_section.append(SectionScore(str(title), estimate))
    return ShopperSummary(overall, tuple(by_section), questionnaire)


def shopper_summaries(
    visits: pd.DataFrame,
    sections: pd.DataFrame,
    order: Sequence[tuple[str, int]],
    names: Mapping[tuple[str, int], str],
) -> tuple[ShopperSummary, ...]:
    """One :func:`shopper_summary` per questionnaire version (id, version) in ``order``,
    each named by its version's name in ``names``."""
    return tuple(
        shopper_summary(
            of_version(visits, *key),
            of_version(sections, *key),
            version_text({key[0]: names.get(key, key[0])}, *key),
        )
        for key in order
    )


def callback_compliance(
    cases: pd.DataFrame, period: Period, now: datetime
) -> ProportionEstimate | None:
    """Share of the period's due call-backs made within the deadline, with Wilson's interval.

    The same rule as the Call-backs page (``callbacks.counted_cases``): a case counts
    once its deadline has passed or the customer has been reached, and only if it could
    have been met; cases still open and not yet due are left out.
    """
    if cases.empty:
        return None
    responded = pd.to_datetime(cases["responded_at"], utc=True)
    here = cases[period.contains(responded)]
    if here.empty:
        return None
    due = pd.to_datetime(here["due_at"], utc=True)
    contacted = pd.to_datetime(here["contacted_at"], utc=True)
    counted = counted_cases(here, now)
    on_time = contacted.notna() & (contacted <= due) & counted
    return wilson(int(on_time.sum()), int(counted.sum()))

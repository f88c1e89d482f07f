"""The figures of each touchpoint as the deck and the workbook show them."""

from __future__ import annotations

import math
from dataclasses import dataclass

from journeymap.analytics.emotion import map_steps
from journeymap.analytics.shopper_results import few_visits
from journeymap.charts.health import HEALTH_LABELS
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt
from journeymap.io.export.data import ExportData
from journeymap.io.local_formats import percent as local_percent


@dataclass(frozen=True)
class TouchpointFigures:
    touchpoint: str
    name: str
    stage: str  # the stage's name
    stage_id: str  # names may repeat; the id tells the stages apart
    channel: str
    owner: str
    customers_per_month: float
    drop_off: float  # 0–1
    nps: float | None
    nps_margin: float | None
    nps_n: int
    nps_small_sample: bool  # fewer than 30 answers: the adjusted-Wald interval
    shopper_pct: float | None
    shopper_margin: float | None  # half the 95 % interval; None from one visit
    shopper_n: int
    friction: float | None  # None: no evidence in the period
    health: str  # good, watch, sand, no_data
    experience: int  # 1–5
    experience_source: str
    moment_of_truth: bool
    end: bool

    @property
    def health_label(self) -> str:
        # The labels are marked for the catalogs where they are defined.
        return _(HEALTH_LABELS[self.health])

    def nps_text(self) -> str:
        if self.nps is None:
            return "–"
        figures = {
            "nps": fmt.signed(self.nps),
            "margin": fmt.number(self.nps_margin or 0),
            "n": fmt.number(self.nps_n),
        }
        if self.nps_small_sample:
            return _("{nps} ±{margin} (n={n}, small sample)").format(**figures)
        return "{nps} ±{margin} (n={n})".format(**figures)

    def shopper_text(self) -> str:
        """45 % ±8 (n=30); a score of too few visits says so."""
        if self.shopper_pct is None:
            return "–"
        score = local_percent(self.shopper_pct)
        if self.shopper_margin is not None:
            score = f"{score} ±{fmt.number(self.shopper_margin)}"
        n = fmt.number(self.shopper_n)
        if few_visits(self.shopper_n):
            return _("{score} (n={n}, few visits)").format(score=score, n=n)
        return f"{score} (n={n})"


def touchpoint_figures(data: ExportData) -> list[TouchpointFigures]:
    """Every touchpoint in the map's reading order (stage by stage, as customers go)."""
    stages = data.stage_names()
    rows = []
    for step in map_steps(data.journey):
        tp = data.journey.touchpoint(step.touchpoint)
        flow = data.flow_at(tp.id)
        evidence = data.evidence.get(tp.id)
        nps = evidence.nps if evidence else None
        shopper = evidence.shopper if evidence else None
        item = data.item(tp.id)
        score = data.score(tp.id)
        rows.append(
            TouchpointFigures(
                touchpoint=tp.id,
                name=tp.name,
                stage=stages.get(tp.stage, tp.stage),
                stage_id=tp.stage,
                channel=tp.channel,
                owner=tp.owner,
                customers_per_month=flow.customers_per_month if flow else 0.0,
                drop_off=flow.drop_off if flow else 0.0,
                nps=nps.nps if nps else None,
                nps_margin=nps.margin if nps else None,
                nps_n=nps.n if nps else 0,
                nps_small_sample=nps.small_sample if nps else False,
                shopper_pct=shopper.score.mean if shopper else None,
                shopper_margin=_margin(shopper.score.margin) if shopper else None,
                shopper_n=shopper.score.n if shopper else 0,
                friction=item.friction if item and item.components else None,
                health=data.state(tp.id),
                experience=score.score,
                experience_source=score.source,
                moment_of_truth=tp.moment_of_truth,
                end=tp.end,
            )
        )
    return rows


def _margin(margin: float) -> float | None:
    # One visit says nothing of the spread: its interval is unbounded.
    return margin if math.isfinite(margin) else None


def whole_number(value: float) -> str:
    """4.200 (da), 4 200 (nb, sv), 4,200 (en)."""
    return fmt.number(value)

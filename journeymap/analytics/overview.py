"""The key figures and the touchpoint table of one journey, for the Journey page."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from journeymap.analytics.flow import FlowResult
from journeymap.model import Journey

TOUCHPOINT_COLUMNS = (
    "Touchpoint",
    "Stage",
    "Channel",
    "Owner",
    "Customers per month",
    "Drop-off %",
    "Moment of truth",
    "Shopper score %",
    "Shopper low %",
    "Shopper high %",
    "Shopper visits (n)",
)


@dataclass(frozen=True)
class KeyFigures:
    touchpoints: int
    stages: int
    channels: int
    entering_per_month: float
    main_path_steps: int
    main_path_share: float  # share (0–1) of the customers at its start who walk all of it


def key_figures(journey: Journey, flow: FlowResult) -> KeyFigures:
    return KeyFigures(
        touchpoints=len(journey.touchpoints),
        stages=len(journey.stages),
        channels=len({tp.channel for tp in journey.touchpoints}),
        entering_per_month=flow.entering_per_month,
        main_path_steps=len(flow.main_path),
        main_path_share=flow.main_path_probability,
    )


def touchpoint_table(
    journey: Journey, flow: FlowResult, shopper_scores: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per touchpoint in stage order, then file order.

    ``shopper_scores`` (rows of :func:`journeymap.analytics.shopper_results.aggregate`
    by touchpoint) adds each touchpoint's mystery-shopper score with its 95 % interval;
    touchpoints no visit checked stay empty, with n = 0.
    """
    shopper = (
        {} if shopper_scores is None else shopper_scores.set_index("touchpoint").to_dict("index")
    )
    stages = {s.id: s.name for s in journey.stages}
    position = journey.stage_index()
    flows = flow.by_id()
    ordered = sorted(
        enumerate(journey.touchpoints), key=lambda item: (position.get(item[1].stage, 0), item[0])
    )
    rows = []
    for _, tp in ordered:
        here = flows.get(tp.id)
        rows.append(
            {
                "Touchpoint": tp.name,
                "Stage": stages.get(tp.stage, tp.stage),
                "Channel": tp.channel,
                "Owner": tp.owner,
                "Customers per month": round(here.customers_per_month) if here else 0,
                "Drop-off %": round(here.drop_off * 100, 1) if here else 0.0,
                "Moment of truth": tp.moment_of_truth,
                "Shopper score %": shopper.get(tp.id, {}).get("score_pct"),
                "Shopper low %": shopper.get(tp.id, {}).get("ci_low"),
                "Shopper high %": shopper.get(tp.id, {}).get("ci_high"),
                "Shopper visits (n)": int(shopper.get(tp.id, {}).get("n_visits", 0)),
            }
        )
    table = pd.DataFrame(rows, columns=list(TOUCHPOINT_COLUMNS))
    # No visits is an empty cell, not the word "None".
    for column in ("Shopper score %", "Shopper low %", "Shopper high %"):
        table[column] = pd.to_numeric(table[column], errors="coerce")
    return table


def path_names(journey: Journey, path: list[str]) -> list[str]:
    """Touchpoint names for a list of ids (an id stays as it is if it is unknown)."""
    names = {tp.id: tp.name for tp in journey.touchpoints}
    return [names.get(tp_id, tp_id) for tp_id in path]

"""The deck's and workbook's touchpoint figures: the shopper score with its margin, and
small samples said to be small (the deck gave the score with n alone, and an NPS of
twelve answers looked like one of four hundred)."""

from __future__ import annotations

from dataclasses import replace

from journeymap.i18n.translate import use_language
from journeymap.io.export.figures import TouchpointFigures

FIGURES = TouchpointFigures(
    touchpoint="desk",
    name="Skranken",
    stage="Besøg",
    stage_id="visit",
    channel="branch",
    owner="",
    customers_per_month=1000.0,
    drop_off=0.1,
    nps=12.0,
    nps_margin=9.6,
    nps_n=400,
    nps_small_sample=False,
    shopper_pct=45.0,
    shopper_margin=8.2,
    shopper_n=30,
    friction=None,
    health="good",
    experience=3,
    experience_source="",
    moment_of_truth=False,
    end=False,
)


def test_solid_figures_carry_their_margin_and_n() -> None:
    with use_language("en"):
        assert FIGURES.nps_text() == "+12 ±10 (n=400)"
        assert FIGURES.shopper_text() == "45 % ±8 (n=30)"


def test_small_samples_say_so() -> None:
    thin = replace(
        FIGURES, nps_n=12, nps_margin=35.0, nps_small_sample=True, shopper_n=1, shopper_margin=None
    )
    with use_language("da"):
        assert thin.nps_text() == "+12 ±35 (n=12, lille stikprøve)"
        assert thin.shopper_text() == "45\u00a0% (n=1, få besøg)"  # a no-break space

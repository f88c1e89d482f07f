"""On the demo workspace, `sand` names the demo's bad steps first, with checkable reasons."""

from __future__ import annotations

import json
from datetime import date

import pytest

from journeymap.cli import main
from journeymap.demo import SAND_TOUCHPOINTS
from journeymap.services.sand import evidence_filter, sand_report
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository


@pytest.mark.parametrize("journey_id", sorted(SAND_TOUCHPOINTS))
def test_the_demo_sand_ranks_first(
    demo_url: str, journey_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", demo_url, "sand", journey_id, "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    top = {item["touchpoint"] for item in items[: len(SAND_TOUCHPOINTS[journey_id])]}
    # The demo's sand, or the step the demo makes worse lately, fill the top places.
    assert len(top & set(SAND_TOUCHPOINTS[journey_id])) >= 2
    first = items[0]
    assert first["touchpoint"] in SAND_TOUCHPOINTS[journey_id]
    assert first["health"] == "sand"
    assert not first["thin_data"]
    assert 0 <= first["friction"] <= 100
    assert any(reason.startswith("NPS ") and "(n=" in reason for reason in first["reasons"])
    assert [item["rank"] for item in items] == list(range(1, len(items) + 1))
    # Thin items never stand above solid ones.
    thin_flags = [item["thin_data"] for item in items]
    assert thin_flags == sorted(thin_flags)


def test_period_and_location_filters(demo_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    engine = open_database(demo_url)
    journey = JourneyRepository(engine).get("bank-advisory")
    assert journey is not None
    everything = sand_report(engine, journey.journey, evidence_filter())
    one_place = sand_report(engine, journey.journey, evidence_filter(location="bank-aalborg"))
    nps_all = everything.evidence["venter-filial"].nps
    nps_one = one_place.evidence["venter-filial"].nps
    assert nps_all is not None
    assert nps_one is not None
    assert nps_one.n < nps_all.n
    assert main(["--db", demo_url, "sand", "bank-advisory", "--period", "2026-13"]) == 1
    assert "is not a period" in capsys.readouterr().err


def test_text_output_names_the_window(demo_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    # The demo's two years of evidence end today: all of last year is in them.
    year = date.today().year - 1
    assert main(["--db", demo_url, "sand", "retail-returns", "--period", str(year)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith(f"evidence from 1 Jan {year} to 31 Dec {year}")
    assert "  1. " in out


def test_a_location_manager_reads_the_evidence_of_their_locations_only(demo_url: str) -> None:
    from journeymap.model.access import Role, Viewer
    from journeymap.services.access import NotAllowed
    from journeymap.services.sand_views import check_filter, nps_by_location, viewer_locations

    engine = open_database(demo_url)
    stored = JourneyRepository(engine).get("bank-advisory")
    assert stored is not None
    manager = Viewer("mona", Role.LOCATION_MANAGER, locations=frozenset({"bank-aalborg"}))
    leader = Viewer("leif", Role.LEADER)
    flt = evidence_filter()
    everywhere = nps_by_location(leader, engine, stored.journey, flt).values
    assert len(everywhere.columns) > 1
    theirs = nps_by_location(manager, engine, stored.journey, flt)
    nps, counts = theirs.values, theirs.counts
    assert list(nps.columns) == list(counts.columns) == list(theirs.low.columns) == ["bank-aalborg"]
    assert nps["bank-aalborg"].dropna().equals(everywhere["bank-aalborg"].dropna())
    assert list(viewer_locations(manager, engine)) == ["bank-aalborg"]
    check_filter(manager, evidence_filter(location="bank-aalborg"))
    check_filter(leader, flt)
    for other in (flt, evidence_filter(location="bank-odense")):
        with pytest.raises(NotAllowed, match="their own locations only"):
            check_filter(manager, other)

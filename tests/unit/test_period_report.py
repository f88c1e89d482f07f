"""The one-page report of a constructed workspace: figures, one A4 page, escaping."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from journeymap.analytics.friction import FrictionItem, health_of
from journeymap.analytics.period_report import (
    ReportData,
    SandLeftOut,
    SandLine,
    sand_shortlist,
)
from journeymap.analytics.periods import parse_period
from journeymap.cli import main
from journeymap.io.export.chromium import find_chromium
from journeymap.io.report import html_to_pdf, report_html
from journeymap.services.period_report import build_report
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from tests.report_workspace import HOSTILE, JOURNEY_ID, NOW, build_workspace

needs_chromium = pytest.mark.skipif(
    find_chromium() is None, reason="Chromium prints the PDF: apt-get install chromium"
)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('report') / 'journeymap.db'}"
    engine = open_database(url)
    build_workspace(engine)
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def report(workspace: str) -> ReportData:
    engine = open_database(workspace)
    stored = JourneyRepository(engine).get(JOURNEY_ID)
    assert stored is not None
    return build_report(engine, stored.journey, parse_period("2026-Q3"), now=NOW)


@pytest.fixture(scope="module")
def pdf_text(report: ReportData) -> tuple[int, float, float, str]:
    if find_chromium() is None:
        pytest.skip("Chromium prints the PDF: apt-get install chromium")
    reader = PdfReader(io.BytesIO(html_to_pdf(report_html(report))))
    page = reader.pages[0]
    text = " ".join(page.extract_text().split())
    return len(reader.pages), float(page.mediabox.width), float(page.mediabox.height), text


def test_report_figures_by_hand(report: ReportData) -> None:
    c = report.comparison
    assert c.nps_a is not None
    assert c.nps_b is not None
    assert c.difference is not None
    assert (round(c.nps_a.nps), c.nps_a.n, round(c.nps_b.nps), c.nps_b.n) == (10, 200, 30, 200)
    assert c.difference.p < 0.05
    assert report.significant_change
    assert report.shift is not None
    assert report.shift.rate == pytest.approx(20.0)
    assert report.shift.mix == pytest.approx(0.0)
    assert [d.touchpoint for d in report.drivers][0] == "door"
    assert report.drivers[0].total == pytest.approx(20.0)
    (shopper,) = report.shoppers
    assert shopper.overall is not None
    assert (shopper.overall.mean, shopper.overall.n) == (75.0, 4)
    assert [s.title for s in shopper.sections] == ["Welcome at the till"]
    assert report.callbacks is not None
    assert (report.callbacks.successes, report.callbacks.n) == (3, 4)
    assert (report.progress.done_in_period, report.progress.done_year_to_date) == (2, 3)
    assert [a.title for a in report.done_actions] == ["Open the <b>second</b> door",
                                                      "Train the till staff"]  # fmt: skip
    assert report.diagram_svg is None or report.diagram_svg.lstrip().startswith("<svg")


@needs_chromium
def test_the_pdf_is_one_a4_landscape_page_with_every_section(
    pdf_text: tuple[int, float, float, str],
) -> None:
    pages, width, height, text = pdf_text
    assert pages == 1
    assert (round(width), round(height)) == (842, 595)  # A4 landscape in points
    for section in (
        "JOURNEY NPS",
        "WHY IT MOVED",
        "SAND IN THE MACHINE",
        "MYSTERY SHOPPER",
        "JOURNEY HEALTH",
        "DETRACTOR CALL-BACKS",
        "IMPROVEMENT ACTIONS",
    ):
        assert section in text
    assert "+30" in text
    assert "n = 200" in text
    assert "+20.0 points" in text
    assert "significant" in text
    assert "rate +20.0" in text
    assert "mix +0.0" in text
    assert "75.0 %" in text
    assert "n = 4 visits" in text
    assert "75 % called back within 24 h" in text
    assert "n = 4 due call-backs" in text
    assert "2 done in Q3 2026" in text
    assert "3 of 50" in text
    assert "Lovely door" in text
    assert HOSTILE in text  # shown as text, not run
    # Both touchpoints are good in Q3: no row pretends otherwise, and the page says so.
    assert "No touchpoint is sand or watch in Q3 2026: 2 good" in text


def test_the_html_escapes_user_text(report: ReportData) -> None:
    html = report_html(report)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Open the &lt;b&gt;second&lt;/b&gt; door" in html
    assert "http://" not in html.replace("http://www.w3.org/", "")
    assert "https://" not in html


@needs_chromium
def test_cli_writes_pdf_and_html_and_lists_actions(
    workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "q3.html"
    assert main(["--db", workspace, "report", JOURNEY_ID, "--period", "2026-Q3", "--out",
                 str(out)]) == 0  # fmt: skip
    assert "&lt;script&gt;" in out.read_text(encoding="utf-8")
    assert main(["--db", workspace, "actions", JOURNEY_ID]) == 0
    listed = capsys.readouterr().out
    assert "Train the till staff" in listed
    assert "quick win" in listed
    assert main(["--db", workspace, "report", JOURNEY_ID, "--period", "2026-Q5", "--out",
                 str(out)]) == 1  # fmt: skip
    assert "is not a period" in capsys.readouterr().err
    assert main(["--db", workspace, "report", JOURNEY_ID, "--period", "2026", "--out",
                 str(tmp_path / "x.docx")]) == 1  # fmt: skip


def _item(rank: int, friction: float, thin: bool = False) -> FrictionItem:
    return FrictionItem(
        touchpoint=f"t{rank}",
        name=f"T{rank}",
        rank=rank,
        friction=friction,
        customers_affected=100.0,
        impact=friction * 100,
        thin_data=thin,
        health=health_of(friction, thin),
        reasons=(f"reason {rank}",),
        components=(),
    )


@pytest.mark.parametrize(
    ("frictions", "thin", "shown", "left_out", "note"),
    [
        pytest.param(
            [80, 70, 40, 3, 2, 1],
            [60],
            [1, 2, 3],
            SandLeftOut(good=3, thin=1),
            "Only 3 touchpoints are sand or watch in Q3 2026: 3 good, 1 with too little data "
            "to rank.",
            id="short list, no padding",
        ),
        pytest.param(
            [90, 85, 80, 75, 70, 40, 35],
            [],
            [1, 2, 3, 4, 5],
            SandLeftOut(more=2),
            "2 more sand or watch on the Sand ranking page.",
            id="cut at five",
        ),
        pytest.param(
            [80, 70, 60, 40, 30],
            [],
            [1, 2, 3, 4, 5],
            SandLeftOut(),
            "",
            id="exactly five",
        ),
        pytest.param(
            [40, 3],
            [],
            [1],
            SandLeftOut(good=1),
            "Only 1 touchpoint is sand or watch in Q3 2026: 1 good, 0 with too little data to "
            "rank.",
            id="one",
        ),
        pytest.param(
            [3, 2],
            [90],
            [],
            SandLeftOut(good=2, thin=1),
            "No touchpoint is sand or watch in Q3 2026: 2 good, 1 with too little data to rank.",
            id="none, a thin one is not ranked",
        ),
    ],
)
def test_the_sand_list_holds_only_sand_and_watch(
    frictions: list[float], thin: list[float], shown: list[int], left_out: SandLeftOut, note: str
) -> None:
    # Ranked as the sand ranking does: solid before thin, then by friction here.
    items = [_item(rank, f) for rank, f in enumerate(frictions, 1)]
    items += [_item(len(items) + i, f, thin=True) for i, f in enumerate(thin, 1)]
    chosen, counted = sand_shortlist(items)
    assert [i.rank for i in chosen] == shown
    assert all(i.health in ("sand", "watch") for i in chosen)
    assert counted == left_out
    assert counted.note(len(chosen), "Q3 2026") == note


def test_the_page_says_when_the_sand_list_is_short(report: ReportData) -> None:
    # The constructed workspace's two touchpoints are both good in Q3.
    assert report.sand == ()
    assert report.sand_left_out == SandLeftOut(good=2)
    html = report_html(report)
    assert "top five" not in html
    assert "No touchpoint is sand or watch in Q3 2026: 2 good, 0 with too little data" in html
    line = SandLine(1, "Queue", "Sand in the machine", 80.0, "NPS −30 (n=120)", ())
    five = replace(report, sand=(line,) * 5, sand_left_out=SandLeftOut(good=1))
    html = report_html(five)
    assert "Sand in the machine — top five" in html
    assert 'id="sand-note"' not in html
    assert html.count("no action yet") == 5


def test_drivers_of_few_answers_follow_the_solid_ones() -> None:
    """The report's drivers were the biggest |mix + rate| whatever their n: a touchpoint of
    eight answers could head the list above one of four hundred."""
    import pandas as pd

    from journeymap.analytics.period_report import leading_touchpoints
    from journeymap.analytics.shift_share import ShiftShare

    contributions = pd.DataFrame(
        {
            "touchpoint": ["thin", "solid", "smaller"],
            "n_a": [8, 400, 120],
            "n_b": [40, 420, 110],
            "total": [-9.0, 4.0, -2.5],
        }
    )
    shift = ShiftShare(10.0, 8.0, 548, 570, -1.0, -1.0, contributions, "transactional")
    assert leading_touchpoints(shift) == ["solid", "smaller", "thin"]
    assert leading_touchpoints(shift, 2) == ["solid", "smaller"]

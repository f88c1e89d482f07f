"""The app as `make run` serves it, in real Chromium: the diagram is there to see."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.analytics.flow import compute_flow
from journeymap.charts import diagram_layout, journey_figure
from journeymap.charts.health import handoff_edges
from journeymap.io.journey_files import read_journey_file
from journeymap.services.sand import evidence_filter, sand_report
from journeymap.store.engine import make_engine
from journeymap.store.journeys import JourneyRepository
from tests.browser.conftest import RunningApp, settle
from tests.conftest import EXAMPLE_JOURNEY_FILES

pytestmark = pytest.mark.browser

LOAD_TIMEOUT_MS = 60_000


def test_journey_page_shows_the_diagram(app_with_data: RunningApp, page, artifacts: Path) -> None:
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    page.goto(f"{app_with_data.url}/?journey={journey.id}", timeout=LOAD_TIMEOUT_MS)
    diagram = page.locator(".js-plotly-plot").first
    diagram.wait_for(state="visible", timeout=LOAD_TIMEOUT_MS)
    heading = page.get_by_role("heading", name=journey.name)
    heading.wait_for(state="visible", timeout=LOAD_TIMEOUT_MS)
    # A touchpoint's name is drawn in the diagram's SVG wrapped over lines: look for
    # the first line the layout gave it.
    touchpoint = journey.touchpoints[0]
    layout = diagram_layout(journey, compute_flow(journey))
    first_line = layout.nodes[touchpoint.id].label_lines[0]
    assert diagram.get_by_text(first_line, exact=True).first.is_visible()
    assert diagram.locator("g.annotation").count() > len(journey.touchpoints)
    assert page.locator("[data-testid='stException']").count() == 0
    page.wait_for_timeout(500)  # let the chart's fonts settle before the picture
    page.screenshot(path=str(artifacts / "journey-page.png"), full_page=True)
    # Streamlit scrolls inside its own container, so a full-page picture stops at the
    # window: make the window tall enough to picture the whole diagram too.
    page.set_viewport_size({"width": 1920, "height": 2600})
    page.wait_for_timeout(500)
    diagram.screenshot(path=str(artifacts / "journey-diagram.png"))


def handoff_point(app: RunningApp, journey_id: str) -> tuple[float, float, float, float]:
    """A point halfway along the first flagged handoff, and the graph's own size.

    The figure is built as the page builds it (the last half year's evidence).
    """
    engine = make_engine(app.db_url)
    stored = JourneyRepository(engine).get(journey_id)
    assert stored is not None
    report = sand_report(engine, stored.journey, evidence_filter())
    engine.dispose()
    assert report.handoffs, "the demo journey should have a flagged handoff"
    figure = journey_figure(stored.journey, report.flow, handoffs=handoff_edges(report.handoffs))
    line = next(t for t in figure.data if t.name == "handoff friction")
    middle = len(line.x) // 2
    size = (figure.layout.xaxis.range[1], figure.layout.yaxis.range[0])
    return line.x[middle], line.y[middle], *size


def hover_text_after(page, move) -> str:  # type: ignore[no-untyped-def]
    """What plotly's hover label says once ``move`` has put the mouse somewhere."""
    move()
    label = page.locator("g.hoverlayer g.hovertext").first
    label.wait_for(timeout=LOAD_TIMEOUT_MS)
    return " ".join((label.text_content() or "").split())


def scroll_to(page, locator) -> None:  # type: ignore[no-untyped-def]  # noqa: ANN001
    """Scroll to an element of a chart that may be drawn once more: the page measures the
    column the chart is in after the first draw and lays the chart out again for it."""
    from playwright.sync_api import Error

    for _attempt in range(5):
        try:
            locator.scroll_into_view_if_needed(timeout=LOAD_TIMEOUT_MS)
            return
        except Error as error:
            if "not attached" not in str(error):
                raise
            settle(page)
    locator.scroll_into_view_if_needed(timeout=LOAD_TIMEOUT_MS)


def test_handoff_friction_shows_on_the_graph_and_the_map(
    app_with_data: RunningApp, page, artifacts: Path
) -> None:
    journey_id = "bank-advisory"
    x, y, width, height = handoff_point(app_with_data, journey_id)
    page.goto(f"{app_with_data.url}/?journey={journey_id}", timeout=LOAD_TIMEOUT_MS)
    graph = page.locator(".js-plotly-plot").first
    graph.get_by_text("handoff friction").wait_for(timeout=LOAD_TIMEOUT_MS)
    settle(page)
    scroll_to(page, graph)
    # The plot area, as drawn (Streamlit may scale the figure to its column).
    area = graph.locator("rect.nsewdrag").first.bounding_box()
    assert area is not None
    at = (area["x"] + x / width * area["width"], area["y"] + y / height * area["height"])
    said = hover_text_after(page, lambda: page.mouse.move(*at))
    # The hover's lines come joined without a space: check words within a line.
    assert said.startswith("Handoff frictionNPS falls")
    assert "(n=" in said
    assert "after Holm's" in said
    page.screenshot(path=str(artifacts / "journey-graph-handoff.png"))

    page.mouse.move(0, 0)
    page.locator("[data-testid='stButtonGroup'] button", has_text="Map").first.click()
    settle(page)
    journey_map = page.locator(".js-plotly-plot").first
    journey_map.get_by_text("friction").first.wait_for(timeout=LOAD_TIMEOUT_MS)
    badge = journey_map.get_by_text("!", exact=True).first  # cards may say "!" too
    scroll_to(page, badge)
    said = hover_text_after(page, badge.hover)
    assert said.startswith("Handoff frictionNPS falls")
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(artifacts / "journey-map-handoff.png"))


def test_empty_workspace_shows_get_started(empty_app: RunningApp, page, artifacts: Path) -> None:
    page.goto(empty_app.url, timeout=LOAD_TIMEOUT_MS)
    page.get_by_role("heading", name="Welcome to journeymap").wait_for(timeout=LOAD_TIMEOUT_MS)
    page.get_by_role("button", name="Load the demo workspace").wait_for()
    page.locator("code", has_text="journeymap demo").first.wait_for(timeout=LOAD_TIMEOUT_MS)
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(artifacts / "get-started-empty.png"), full_page=True)

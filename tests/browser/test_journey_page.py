"""The app as `make run` serves it, in real Chromium: the diagram is there to see."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.analytics.flow import compute_flow
from journeymap.charts import diagram_layout
from journeymap.io.journey_files import read_journey_file
from tests.browser.conftest import RunningApp
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


def test_empty_workspace_shows_get_started(empty_app: RunningApp, page, artifacts: Path) -> None:
    page.goto(empty_app.url, timeout=LOAD_TIMEOUT_MS)
    page.get_by_role("heading", name="Welcome to journeymap").wait_for(timeout=LOAD_TIMEOUT_MS)
    page.get_by_role("button", name="Load the demo workspace").wait_for()
    page.locator("code", has_text="journeymap demo").first.wait_for(timeout=LOAD_TIMEOUT_MS)
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(artifacts / "get-started-empty.png"), full_page=True)

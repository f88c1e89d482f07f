"""A workshop in real Chromium at 1920×1080: create a journey from a template, add a
touchpoint and the transitions that connect it, save, reload, and see it as a graph and
as a map."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journeymap.io.journey_files import read_journey_file
from tests.browser.conftest import RunningApp
from tests.conftest import JOURNEYS_DIR

pytestmark = pytest.mark.browser

TIMEOUT_MS = 60_000
NEW_NAME = "Workshop journey"
NEW_TOUCHPOINT = "Reads the FAQ online"


def pick(page, label: str, option: str) -> None:  # noqa: ANN001 - Playwright's Page
    """Choose an option in a Streamlit selectbox by typing it, as a keyboard user would."""
    from playwright.sync_api import expect

    box = page.locator("[data-testid='stSelectbox']").filter(
        has=page.get_by_text(label, exact=True)
    )
    expect(box).to_have_count(1)  # a rerun's stale copy of the form has gone
    box.click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")


def segment(page, name: str) -> None:  # noqa: ANN001
    """Press an option of a segmented control (Streamlit draws them as a button group)."""
    page.locator("[data-testid='stButtonGroup'] button", has_text=name).first.click()


def settle(page) -> None:  # noqa: ANN001
    page.wait_for_timeout(300)
    page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=TIMEOUT_MS)


def test_build_a_journey_in_the_app(app_with_data: RunningApp, page, artifacts: Path) -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    template = read_journey_file(JOURNEYS_DIR / "bank-advisory.yaml").journey
    first, second = template.touchpoints[0], template.touchpoints[1]
    page.goto(f"{app_with_data.url}/new-journey", timeout=TIMEOUT_MS)
    expect(page.get_by_role("heading", name="New journey")).to_be_visible()
    pick(page, "Start from", "(bank-advisory)")
    page.get_by_label("Name", exact=True).fill(NEW_NAME)
    page.get_by_role("button", name="Create the journey").click()
    expect(page.get_by_role("heading", name=f"Edit: {NEW_NAME}")).to_be_visible()

    segment(page, "Table: touchpoints")
    settle(page)
    page.get_by_label("Touchpoint name").fill(NEW_TOUCHPOINT)
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text(f"Added '{NEW_TOUCHPOINT}'")).to_be_visible()
    page.screenshot(path=str(artifacts / "editor-touchpoints.png"))

    segment(page, "Table: transitions & entries")
    for source, target, share in (
        (first.name, NEW_TOUCHPOINT, ""),
        (NEW_TOUCHPOINT, second.name, "0.5"),
    ):
        settle(page)
        pick(page, "From", source)
        pick(page, "To", target)
        if share:
            page.get_by_label("Share (0–1)").fill(share)
        page.get_by_role("button", name="Add", exact=True).click()
        expect(page.get_by_text("Added the transition").first).to_be_visible()
    expect(page.get_by_text("The journey is valid and can be saved.")).to_be_visible()
    page.screenshot(path=str(artifacts / "editor-transitions.png"))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("no unsaved edits")).to_be_visible()

    page.reload()
    expect(page.get_by_role("heading", name=f"Edit: {NEW_NAME}")).to_be_visible()
    expect(page.get_by_text("Started from revision 2")).to_be_visible()
    assert page.locator("[data-testid='stException']").count() == 0

    page.goto(f"{app_with_data.url}/?journey=workshop-journey", timeout=TIMEOUT_MS)
    expect(page.get_by_role("heading", name=NEW_NAME)).to_be_visible()
    graph = page.locator(".js-plotly-plot").first
    expect(graph.get_by_text("Reads the FAQ", exact=False).first).to_be_visible()
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "journey-graph.png"))

    segment(page, "Map")
    settle(page)
    journey_map = page.locator(".js-plotly-plot").first
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "journey-map.png"))
    expect(journey_map.get_by_text("Feels", exact=True)).to_be_visible()
    # Card text starts with the step number; the name may wrap after "Reads".
    expect(journey_map.get_by_text(re.compile(r"^\d+ · Reads")).first).to_be_attached()
    assert page.locator("[data-testid='stException']").count() == 0
    page.set_viewport_size({"width": 1920, "height": 3400})
    page.wait_for_timeout(500)
    journey_map.screenshot(path=str(artifacts / "journey-map-whole.png"))

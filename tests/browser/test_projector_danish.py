"""The walk on a 1920×1080 projector in Danish, in real Chromium: Danish words are
longer than English ones, and the walk's buttons, its lanes and its evidence must still
lay out on the first screen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.canvas_driver import CANVAS_FRAME
from tests.browser.conftest import RunningApp, load_workspace, settle, start_app, stop

pytestmark = pytest.mark.browser

LOAD_TIMEOUT_MS = 90_000
JOURNEY = "bank-advisory"
PROJECTOR = {"width": 1920, "height": 1080}


@pytest.fixture(scope="module")
def danish_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    folder = tmp_path_factory.mktemp("app-danish")
    db_url = f"sqlite:///{folder / 'journeymap.db'}"
    load_workspace(db_url)
    before = os.environ.get("JOURNEYMAP_LANGUAGE")
    os.environ["JOURNEYMAP_LANGUAGE"] = "da"  # the app's process inherits it
    try:
        process, url = start_app(db_url, folder / "streamlit.log")
    finally:
        if before is None:
            os.environ.pop("JOURNEYMAP_LANGUAGE", None)
        else:
            os.environ["JOURNEYMAP_LANGUAGE"] = before
    yield RunningApp(url, db_url, folder / "streamlit.log")
    stop(process)


def _open_page(page, url: str, shown: str) -> None:  # noqa: ANN001 - Playwright
    page.set_viewport_size(PROJECTOR)
    page.goto(url, timeout=LOAD_TIMEOUT_MS)
    page.locator("[data-testid='stApp']").wait_for(timeout=LOAD_TIMEOUT_MS)
    settle(page)
    page.get_by_text(shown, exact=False).first.wait_for(timeout=LOAD_TIMEOUT_MS)
    assert page.locator("[data-testid='stException']").count() == 0


def test_the_walk_is_presented_in_danish_on_the_first_screen(
    danish_app: RunningApp, page, artifacts: Path
) -> None:
    _open_page(page, f"{danish_app.url}/walk?journey={JOURNEY}&step=3&present=1", "Trin 3 af")
    for lane in ("Smertepunkter", "Muligheder", "Bag scenen"):
        page.get_by_text(lane, exact=True).first.wait_for(state="visible", timeout=LOAD_TIMEOUT_MS)
    buttons = [page.get_by_role("button", name=name) for name in ("Forrige", "Næste")]
    for button in buttons:
        box = button.bounding_box()
        assert box is not None
        assert box["y"] + box["height"] < PROJECTOR["height"] / 3  # at the top
        assert box["height"] < 60  # one line: the longer word does not wrap
    # The evidence cards start on the first screen, below the step's lanes.
    evidence = page.get_by_text("Hvorfor det er placeret, hvor det er", exact=True).first
    evidence.wait_for(state="visible", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "present-walk-da-1920x1080.png"))
    page.screenshot(path=str(artifacts / "present-walk-da-1920x1080-full.png"), full_page=True)


def test_the_walk_summary_reads_in_danish(danish_app: RunningApp, page, artifacts: Path) -> None:
    _open_page(page, f"{danish_app.url}/walk?journey={JOURNEY}&step=99", "Opsummering af gennem")
    settle(page)  # the picture shows the page done, not its loading placeholders
    page.screenshot(path=str(artifacts / "walk-summary-da-1920x1080.png"), full_page=True)


def test_the_canvas_speaks_danish(danish_app: RunningApp, page, artifacts: Path) -> None:
    """The drawing's own words (hints, badges, the legend) come from the catalog too."""
    _open_page(page, f"{danish_app.url}/edit?journey={JOURNEY}", "Redigér:")
    canvas = page.frame_locator(CANVAS_FRAME).first
    canvas.get_by_text("+ tilføj et kontaktpunkt").first.wait_for(timeout=LOAD_TIMEOUT_MS)
    legend = canvas.locator(".legend").first
    assert legend.inner_text().startswith("grå: fortsætter")
    assert canvas.locator("#board").get_attribute("aria-label") == "Kunderejsens tegneflade"
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "canvas-da-1920x1080.png"))

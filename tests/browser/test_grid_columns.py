"""The touchpoint table for bulk edits: a typed feels of "-1" and a typed name reach the
draft on the server and are still there after a reload (the number cell used to drop
the minus typed as its first key)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from journeymap.store.engine import open_database
from journeymap.store.journey_drafts import read_draft
from tests.browser.conftest import RunningApp, settle
from tests.browser.grid_cells import select_cell

pytestmark = pytest.mark.browser

TIMEOUT_MS = 60_000
JOURNEY = "gittertest"
# Keys come 40 ms apart, faster than anyone types. Sent back to back, as Playwright does
# by default, an Enter overtakes the grid editor's timer of the previous key and the
# editor closes without the text (glide-data-grid, the grid inside st.data_editor:
# github.com/glideapps/glide-data-grid/pull/1201, open upstream).
KEY_MS = 40


def segment(page, name: str) -> None:  # noqa: ANN001 - Playwright's Page
    page.locator("[data-testid='stButtonGroup'] button", has_text=name).first.click()
    settle(page)


def type_cell(  # noqa: ANN001
    page, header: str, row: int, column: int, text: str, *, choice: bool = False
) -> None:
    """Type into a grid cell as a keyboard user does: click the row's first cell, arrow
    to the column, type (which opens the cell's editor), Enter."""
    grid = page.locator("[data-testid='stDataFrame']").filter(has_text=header).first
    select_cell(page, grid, row, column, timeout_ms=TIMEOUT_MS)
    if choice:
        # Open the cell's editor first (a choice's list, a number's field): keys typed
        # before it is there are not in it.
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
    page.keyboard.type(text, delay=KEY_MS)
    page.keyboard.press("Enter")
    settle(page)
    page.wait_for_timeout(300)
    settle(page)


def stored_soon(app: RunningApp, holds, timeout_s: float = 60) -> None:  # noqa: ANN001
    """Wait until the draft holds the edit: the grid is typed into again only after the
    app has taken the last cell, as a person sees it taken before the next one."""
    deadline = time.monotonic() + timeout_s
    while True:
        kept = read_draft(open_database(app.db_url), JOURNEY, "browser-test")
        if kept is not None and holds(kept.data):
            return
        assert time.monotonic() < deadline, "the app did not keep the edit in the draft"
        time.sleep(0.3)


def draft(app: RunningApp) -> dict:
    kept = read_draft(open_database(app.db_url), JOURNEY, "browser-test")
    assert kept is not None
    return kept.data


def test_grid_columns_are_kept_through_a_reload(
    empty_app: RunningApp, page, artifacts: Path
) -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    page.goto(f"{empty_app.url}/new-journey", timeout=TIMEOUT_MS)
    settle(page)
    box = page.locator("[data-testid='stSelectbox']").filter(has=page.get_by_text("Start from"))
    box.click()
    page.keyboard.type("(retail-returns)")
    page.keyboard.press("Enter")
    page.get_by_role("textbox", name="Name", exact=True).fill("Gittertest")
    page.get_by_role("button", name="Create the journey").click()
    expect(page.get_by_role("heading", name="Edit: Gittertest")).to_be_visible()
    settle(page)

    segment(page, "Table: touchpoints")
    type_cell(page, "Feels", 0, 5, "-1", choice=True)
    stored_soon(empty_app, lambda data: data["touchpoints"][0]["feels"] == -1)
    settle(page)
    type_cell(page, "Feels", 1, 1, "Søger og sammenligner på nettet")
    page.screenshot(path=str(artifacts / "grid-columns-1920.png"))

    data = draft(empty_app)
    first, second = data["touchpoints"][0], data["touchpoints"][1]
    assert (first["feels"], second["name"]) == (-1, "Søger og sammenligner på nettet")

    page.reload()
    expect(page.get_by_role("heading", name="Edit: Gittertest")).to_be_visible()
    expect(page.get_by_text("unsaved edits, kept as a draft")).to_be_visible()
    assert draft(empty_app) == data
    assert page.locator("[data-testid='stException']").count() == 0

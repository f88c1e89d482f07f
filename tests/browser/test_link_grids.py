"""The transitions and entries tables: every editable column is typed into, the view is
left and come back to, another cell is typed, and after a reload every value is in the
grid and in the draft on the server (an entry volume typed before leaving the view used
to be shown as it was and then written back over by the next edit)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from journeymap.store.engine import open_database
from journeymap.store.journey_drafts import read_draft
from tests.browser.conftest import RunningApp, settle
from tests.browser.grid_cells import select_cell, slow_renderer

pytestmark = pytest.mark.browser

TIMEOUT_MS = 60_000
JOURNEY = "overgangstest"
VIEW = "Table: transitions & entries"
EDITOR = "#portal textarea, #portal input, .gdg-input"
PER_MONTH = "customers_per_month"
LABEL = "Trykker på annoncen — æøå"
GRIDS = ("Share", "Customers per month")
VOLUMES = {"social-ad": 21500, "search-web": 9100, "store-visit": 4300}


def segment(page, name: str) -> None:  # noqa: ANN001 - Playwright's Page
    page.locator("[data-testid='stButtonGroup'] button", has_text=name).first.click()
    settle(page)


def grid(page, header: str):  # noqa: ANN001, ANN201 - Playwright's Page and Locator
    return page.locator("[data-testid='stDataFrame']").filter(has_text=header).first


def type_cell(  # noqa: ANN001
    page, app: RunningApp, cell: tuple[str, int, int], text: str, kept: Callable[[dict], bool]
) -> None:
    """Select the cell, open its editor with Enter, wait for it, replace what is in it,
    and Enter again; then wait until the server has the value in the draft (the cell is
    sent a moment after Enter, and the rerun it starts redraws the other grid) and the
    app has settled."""
    from playwright.sync_api import Error as PlaywrightError

    header, row, column = cell
    editor = page.locator(EDITOR).first
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while True:
        try:
            select_cell(page, grid(page, header), row, column)
            page.keyboard.press("Enter")
            editor.wait_for(state="visible", timeout=5_000)
            break
        except PlaywrightError:
            # The grid was being drawn afresh or scrolled to: try again once it is.
            assert time.monotonic() < deadline, f"the cell in {header} did not open"
            page.keyboard.press("Escape")
            settle(page)
    # Into the editor itself: keys pressed before it has the focus go to the grid.
    editor.fill(text)
    editor.press("Enter")
    page.locator(EDITOR).first.wait_for(state="hidden", timeout=TIMEOUT_MS)
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not kept(draft(app)):
        if time.monotonic() > deadline:
            # What the grids show tells a lost edit (the value on screen, not in the
            # draft) from a cell that was never typed in.
            page.screenshot(path=str(app.log.parent / "not-kept.png"), full_page=True)
            shown = {name: grid(page, name).locator("tr").all_inner_texts() for name in GRIDS}
            raise AssertionError(
                f"{text!r} typed in {header} did not reach the draft {draft(app)}; "
                f"the grids show {shown}; picture: {app.log.parent / 'not-kept.png'}"
            )
        page.wait_for_timeout(200)
    settle(page)


def draft(app: RunningApp) -> dict:
    engine = open_database(app.db_url)
    kept = read_draft(engine, JOURNEY, "browser-test")
    engine.dispose()
    return kept.data if kept else {"transitions": [], "entries": []}


def holds(part: str, row: int, field: str, value: object) -> Callable[[dict], bool]:
    """Whether the draft has ``value`` in row ``row`` of ``part`` (transitions, entries)."""
    return lambda data: len(data[part]) > row and data[part][row].get(field) == value


def expect_in_grids(page) -> None:  # noqa: ANN001
    """The typed values on screen, read from the rows the grid renders for screen
    readers (raw values: ids, unformatted numbers)."""
    from playwright.sync_api import expect

    rows = grid(page, "Share").locator("tr")
    expect(rows.nth(1)).to_contain_text(f"social-adproduct-page0.2normal{LABEL}")
    expect(rows.nth(2)).to_contain_text("social-adstore-visit0.03recovery")
    entries = grid(page, "Customers per month").locator("tr")
    for row, (tp, volume) in enumerate(VOLUMES.items(), start=1):
        expect(entries.nth(row)).to_contain_text(f"{tp}{volume}")


def test_transition_and_entry_columns_are_kept(
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
    page.get_by_role("textbox", name="Name", exact=True).fill("Overgangstest")
    page.get_by_role("button", name="Create the journey").click()
    expect(page.get_by_role("heading", name="Edit: Overgangstest")).to_be_visible()
    settle(page)

    segment(page, VIEW)
    # Columns: from, to, share, kind, label; touchpoint, customers per month.
    app, entries = empty_app, "Customers per month"
    # As on a loaded machine: the grid draws a click's selection late.
    with slow_renderer(page):
        type_cell(page, app, (entries, 0, 1), "21500", holds("entries", 0, PER_MONTH, 21500))
    type_cell(page, app, ("Share", 0, 2), "0.2", holds("transitions", 0, "share", 0.2))
    type_cell(page, app, ("Share", 0, 4), LABEL, holds("transitions", 0, "label", LABEL))
    type_cell(page, app, ("Share", 1, 3), "recovery", holds("transitions", 1, "kind", "recovery"))
    type_cell(page, app, (entries, 1, 1), "9100", holds("entries", 1, PER_MONTH, 9100))
    # Away to the canvas and back, then one more cell: the volumes typed before must
    # still be on screen and must not be written back over.
    segment(page, "Canvas")
    segment(page, VIEW)
    type_cell(page, app, (entries, 2, 1), "4300", holds("entries", 2, PER_MONTH, 4300))
    grid(page, "Customers per month").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "link-grids-typed-1920.png"))

    data = draft(empty_app)
    first, second = data["transitions"][0], data["transitions"][1]
    assert (first["share"], first["label"], first["kind"]) == (0.2, LABEL, "normal")
    assert second["kind"] == "recovery"
    volumes = [e["customers_per_month"] for e in data["entries"]]
    assert volumes == list(VOLUMES.values())
    expect_in_grids(page)

    page.reload()
    expect(page.get_by_role("heading", name="Edit: Overgangstest")).to_be_visible()
    expect(page.get_by_text("unsaved edits, kept as a draft")).to_be_visible()
    settle(page)
    segment(page, VIEW)
    expect_in_grids(page)
    grid(page, "Customers per month").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "link-grids-reloaded-1920.png"))
    assert draft(empty_app) == data
    assert page.locator("[data-testid='stException']").count() == 0

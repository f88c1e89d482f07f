"""Reaching a cell of an st.data_editor grid as a keyboard user does: click the row's
first cell, then arrow to the column.

The grid (glide-data-grid) moves its selection when it next draws, and takes a key from
the selection it last drew. Keys sent back to back, as Playwright sends them, on a
loaded machine went from the clicked row's first cell: the Enter meant for "Customers
per month" opened the touchpoint's list, the typed number chose nothing, and the test
waited for a value that had never been typed where it looked. So each step waits until
the grid shows the cell selected (its screen-reader cell, ``glide-cell-{column}-{row}``,
column 0 being the row marker) before the next key.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

ROW_PX = 35


def select_cell(page, grid, row: int, column: int, timeout_ms: int = 5_000) -> None:  # noqa: ANN001 - Playwright's Page and Locator
    """Select ``column`` of ``row`` (both from 0, the row marker not counted) in ``grid``."""
    grid.scroll_into_view_if_needed(timeout=timeout_ms)
    box = grid.bounding_box(timeout=timeout_ms)
    assert box is not None
    page.mouse.click(box["x"] + 70, box["y"] + ROW_PX * (row + 1) + ROW_PX / 2)
    _wait_selected(grid, row, 0, timeout_ms)
    for moved_to in range(1, column + 1):
        page.keyboard.press("ArrowRight")
        _wait_selected(grid, row, moved_to, timeout_ms)


def _wait_selected(grid, row: int, column: int, timeout_ms: int) -> None:  # noqa: ANN001
    cell = grid.locator(f"td#glide-cell-{column + 1}-{row}[aria-selected='true']")
    cell.wait_for(state="attached", timeout=timeout_ms)


@contextmanager
def slow_renderer(page, rate: float = 6) -> Iterator[None]:  # noqa: ANN001 - Playwright's Page
    """The page's scripts run ``rate`` times slower (Chrome's CPU throttling): at 6 the
    grid drew a click's selection after the next arrow key had been taken from the old."""
    session = page.context.new_cdp_session(page)
    session.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    try:
        yield
    finally:
        session.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        session.detach()

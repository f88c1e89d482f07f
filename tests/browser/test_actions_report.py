"""In real Chromium: an action from a sand item, marked done, then the report downloaded."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from journeymap.model.actions import Action
from journeymap.store.actions import list_actions
from journeymap.store.engine import open_database
from tests.browser.conftest import RunningApp, settle

pytestmark = pytest.mark.browser

LOAD_TIMEOUT_MS = 60_000
DOWNLOAD_TIMEOUT_MS = 90_000
JOURNEY = "bank-advisory"


def pick(page, label: str, option: str) -> None:  # noqa: ANN001 - Playwright's Page
    from playwright.sync_api import expect

    box = page.locator("[data-testid='stSelectbox']").filter(
        has=page.get_by_text(label, exact=True)
    )
    expect(box).to_have_count(1)
    box.click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")


def done_column(page, count: int):  # type: ignore[no-untyped-def]  # noqa: ANN001
    """The Done column's header on the drag board, which is drawn in its own frame."""
    board = page.frame_locator("iframe[title*='sortable']").first
    return board.locator(".sortable-container-header", has_text=f"Done ({count})")


def wait_until(  # type: ignore[no-untyped-def]
    condition,
    page,
    shot: Path,
    timeout_s: float = 90,
) -> None:
    """Wait for the database to hold the change; if it never does, keep the screen as it
    was, to tell a click the app never saw from one it refused."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            page.screenshot(path=str(shot), full_page=True)
            raise AssertionError(f"the app did not store the change in time (screen: {shot})")
        time.sleep(0.5)


def test_sand_item_to_done_action_to_report(
    app_with_data: RunningApp, page, artifacts: Path
) -> None:
    from playwright.sync_api import expect

    def stored() -> dict[int, Action]:
        return {a.id: a for a in list_actions(open_database(app_with_data.db_url), JOURNEY)}

    # The demo workspace comes with its own actions: done, in progress and an idea.
    seeded = stored()
    done_before = sum(a.status == "done" for a in seeded.values())
    assert done_before > 0
    page.goto(f"{app_with_data.url}/actions?journey={JOURNEY}", timeout=LOAD_TIMEOUT_MS)
    page.get_by_role("heading", name="Improvement actions").wait_for(timeout=LOAD_TIMEOUT_MS)
    settle(page)
    expect(done_column(page, done_before)).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    page.get_by_text("New action", exact=True).click()  # folded away once there are actions
    settle(page)
    page.get_by_role("button", name="Add action").click()
    # The stored action, not the toast: a toast can come and go while a busy machine
    # is still drawing the page.
    wait_until(lambda: len(stored()) == len(seeded) + 1, page, artifacts / "action-not-added.png")
    [action] = [a for a in stored().values() if a.id not in seeded]
    assert action.fields.source_kind == "sand"

    # Adding reruns the page once more: until then the edit form still shows the demo
    # action picked before, and a status set there would be lost.
    page.get_by_text("Edit an action", exact=True).click()  # folded under the board
    settle(page)
    picker = page.get_by_role("combobox", name="Action", exact=True)
    expect(picker).to_have_value(re.compile(f"^#{action.id} "), timeout=LOAD_TIMEOUT_MS)
    settle(page)
    pick(page, "Status", "Done")  # the new action is the one picked for editing
    settle(page)
    page.get_by_role("button", name="Save changes").click()
    wait_until(
        lambda: stored()[action.id].status == "done", page, artifacts / "action-not-done.png"
    )
    settle(page)
    expect(done_column(page, done_before + 1)).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    assert page.locator("[data-testid='stException']").count() == 0
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "actions-page.png"), full_page=True)

    page.goto(f"{app_with_data.url}/report?journey={JOURNEY}", timeout=LOAD_TIMEOUT_MS)
    page.get_by_role("heading", name="Period report").wait_for(timeout=LOAD_TIMEOUT_MS)
    download = page.get_by_role("button", name="Download PDF")
    download.wait_for(timeout=LOAD_TIMEOUT_MS)
    page.frame_locator("iframe").first.get_by_text("JOURNEY NPS").wait_for(timeout=LOAD_TIMEOUT_MS)
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "report-page.png"), full_page=True)
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as pdf_download:
        download.click()
    assert pdf_download.value.suggested_filename.startswith(f"{JOURNEY}-report-")
    pdf = Path(pdf_download.value.path()).read_bytes()
    (artifacts / "period-report.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    assert "Sand in the machine".upper() in reader.pages[0].extract_text()
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as html_download:
        page.get_by_role("button", name="Download HTML").click()
    assert html_download.value.suggested_filename.endswith(".html")

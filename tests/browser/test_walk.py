"""The workshop walk in real Chromium at projector size: keys step, notes survive reloads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.conftest import RunningApp, settle

pytestmark = pytest.mark.browser

LOAD_TIMEOUT_MS = 90_000
NOTE = "Ingen tog imod os i receptionen <b>kl. 9</b>"


def test_walk_three_steps_with_the_keyboard_and_keep_a_note(
    app_with_data: RunningApp, page, artifacts: Path
) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{app_with_data.url}/walk?journey=bank-advisory", timeout=LOAD_TIMEOUT_MS)
    page.get_by_text("Step 1 of", exact=False).wait_for(timeout=LOAD_TIMEOUT_MS)
    for expected in (2, 3, 4):
        # The arrow key is bound when the Next button is drawn: wait for it first.
        page.get_by_role("button", name=re.compile("^Next")).wait_for(timeout=LOAD_TIMEOUT_MS)
        page.get_by_text(f"Step {expected - 1} of", exact=False).wait_for(timeout=LOAD_TIMEOUT_MS)
        page.wait_for_timeout(300)
        page.get_by_role("heading").first.click()  # keys go to the page, not a field
        page.keyboard.press("ArrowRight")
        page.get_by_text(f"Step {expected} of", exact=False).wait_for(timeout=LOAD_TIMEOUT_MS)
        settle(page)
    assert "step=4" in page.url
    page.screenshot(path=str(artifacts / "walk-step-4.png"))
    step_title = page.locator("h1").first.inner_text()

    field = page.get_by_placeholder("What did we notice?")
    field.fill(NOTE)
    assert field.input_value() == NOTE
    page.get_by_role("button", name="Add note").click()
    settle(page)
    page.get_by_text(NOTE).first.wait_for(timeout=LOAD_TIMEOUT_MS)

    page.reload()
    page.get_by_text("Step 4 of", exact=False).wait_for(timeout=LOAD_TIMEOUT_MS)
    settle(page)
    assert page.locator("h1").first.inner_text() == step_title
    page.get_by_text(NOTE).first.wait_for(timeout=LOAD_TIMEOUT_MS)
    assert page.locator("[data-testid='stException']").count() == 0
    page.get_by_text("Notes", exact=True).first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "walk-note-after-reload.png"))

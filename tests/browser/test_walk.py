"""The workshop walk in real Chromium at projector size: keys step, notes survive reloads,
shoppers' photos sit in a row."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from journeymap.store.engine import make_engine
from journeymap.store.photos import add_photo, photos_folder
from journeymap.store.visit_workflow import change_status
from journeymap.ui.widgets.walk.walk_cards import PHOTO_WIDTH_PX
from tests.browser.conftest import RunningApp, settle
from tests.shopping import answer_required, seed_tablet_visit

pytestmark = pytest.mark.browser

LOAD_TIMEOUT_MS = 90_000
NOTE = "Ingen tog imod os i receptionen <b>kl. 9</b>"
PHOTOS = ("steelblue", "darkorange")


def seed_waiting_room_photos(app: RunningApp) -> None:
    """An approved visit with two large photos of the waiting room (walk step 4)."""
    engine = make_engine(app.db_url)
    visit_id = seed_tablet_visit(engine, key="browser-walk-photos")
    change_status(engine, visit_id, "in_progress", actor="fixture")
    for i, colour in enumerate(PHOTOS):
        out = io.BytesIO()
        Image.new("RGB", (1600, 1200), colour).save(out, "JPEG")
        add_photo(
            engine,
            photos_folder(app.log.parent),  # the app's data folder
            visit_id,
            "entrance-photo",
            data=out.getvalue(),
            extension="jpg",
            content_type="image/jpeg",
            width=1600,
            height=1200,
            original_name=f"waiting-room-{i}.jpg",
            actor="fixture",
        )
    answer_required(engine, visit_id)
    for status in ("submitted", "approved"):
        change_status(engine, visit_id, status, actor="fixture")
    engine.dispose()


def test_walk_three_steps_with_the_keyboard_and_keep_a_note(
    app_with_data: RunningApp, page, artifacts: Path
) -> None:
    seed_waiting_room_photos(app_with_data)
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

    # The photos: side by side at a fixed width, not one photo across the screen.
    page.get_by_text("Shoppers' photos").scroll_into_view_if_needed()
    photos = page.locator("[data-testid='stImage'] img")
    # Other tests of the session may have added a photo at this step: at least ours.
    assert photos.count() >= len(PHOTOS)
    boxes = [photos.nth(i).bounding_box() for i in range(photos.count())]
    assert all(abs(box["width"] - PHOTO_WIDTH_PX) <= 1 for box in boxes), boxes
    assert boxes[0]["y"] == boxes[1]["y"]  # one row
    assert boxes[1]["x"] > boxes[0]["x"] + PHOTO_WIDTH_PX - 1
    page.screenshot(path=str(artifacts / "walk-step-4-photos.png"))

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

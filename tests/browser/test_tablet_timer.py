"""The timer on a tablet: a running count, and a stop a second tap cannot undo."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journeymap.store.answers import read_visit_answers
from journeymap.store.engine import make_engine
from tests.browser.conftest import RunningApp, settle
from tests.browser.test_visit_form import LANDSCAPE, TABLET, TIMEOUT_MS, card, no_exception
from tests.shopping import seed_tablet_visit

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("held", "viewport"), [("portrait", TABLET), ("landscape", LANDSCAPE)])
def test_two_taps_on_stop_keep_the_first_stop(
    app_with_data: RunningApp, browser, artifacts: Path, held: str, viewport: dict[str, int]
) -> None:
    engine = make_engine(app_with_data.db_url)
    visit_id = seed_tablet_visit(engine, key=f"browser-timer-{held}")
    context = browser.new_context(viewport=viewport, has_touch=True)
    page = context.new_page()
    form = f"{app_with_data.url}/visit-form?journey=bank-advisory&visit={visit_id}&section=1"
    page.goto(form, timeout=60_000)
    timer = card(page, "wait")
    timer.wait_for(timeout=60_000)
    settle(page)
    timer.get_by_role("button", name=re.compile("Start timer")).tap()
    count = timer.get_by_text(re.compile(r"^\d+:\d\d$"))
    count.wait_for(timeout=TIMEOUT_MS)
    settle(page)
    first = count.inner_text()
    page.wait_for_timeout(2200)
    # The count goes on between server runs: nothing was sent meanwhile.
    assert count.inner_text() != first
    timer.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / f"timer-running-{held}.png"))

    stop = timer.get_by_role("button", name=re.compile("Stop"))
    box = stop.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.touchscreen.tap(x, y)
    page.wait_for_timeout(350)
    page.touchscreen.tap(x, y)
    timer.get_by_text(re.compile(r"\d+ s \(0 min")).wait_for(timeout=TIMEOUT_MS)
    settle(page)
    page.wait_for_timeout(1000)
    settle(page)
    stored = read_visit_answers(engine, visit_id)["wait"]
    assert not stored.timer_running
    assert stored.value >= 2
    assert timer.get_by_role("button", name=re.compile("Stop")).count() == 0
    no_exception(page)
    page.screenshot(path=str(artifacts / f"timer-stopped-{held}.png"))

    # Starting again asks first; keeping the time changes nothing.
    timer.get_by_role("button", name=re.compile("Start again")).tap()
    timer.get_by_text("Start again? The time measured is wiped.").wait_for(timeout=TIMEOUT_MS)
    settle(page)
    page.screenshot(path=str(artifacts / f"timer-start-again-asks-{held}.png"))
    timer.get_by_role("button", name="Keep the time").tap()
    settle(page)
    assert read_visit_answers(engine, visit_id)["wait"].value == stored.value
    context.close()
    engine.dispose()

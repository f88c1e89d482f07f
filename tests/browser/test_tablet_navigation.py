"""Navigation for thumbs and answers that survive a server restart, on a tablet held
either way: a visit link opens without an error box, a new section opens at its top
with progress and Next in reach, a lost connection speaks to the shopper, and a tap
straight after the server came back is stored."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journeymap.store.answers import read_visit_answers
from journeymap.store.engine import open_database
from journeymap.store.visit_links import issue_link
from tests.access_workspace import ACCOUNTS, PASSWORD, seed_access_workspace
from tests.browser.conftest import settle, start_app, stop
from tests.browser.test_shopper_login import sign_in
from tests.browser.test_visit_form import SAVED, card, no_exception, wait_until

pytestmark = pytest.mark.browser

TABLETS = {"portrait": {"width": 820, "height": 1180}, "landscape": {"width": 1180, "height": 820}}
TIMEOUT_MS = 60_000
SCROLLED = """() => Math.max(window.scrollY,
  ...["[data-testid='stMain']", "[data-testid='stAppViewContainer']"].map(
    (s) => (document.querySelector(s) || {scrollTop: 0}).scrollTop))"""
TO_BOTTOM = """() => { window.scrollTo(0, 1e6);
  for (const s of ["[data-testid='stMain']", "[data-testid='stAppViewContainer']"]) {
    const e = document.querySelector(s); if (e) e.scrollTop = 1e6; } }"""


def in_view(page, locator) -> bool:  # type: ignore[no-untyped-def]
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


@pytest.mark.parametrize("held", TABLETS)
def test_a_visit_on_a_tablet_through_sections_and_a_server_restart(
    browser, artifacts: Path, tmp_path: Path, held: str
) -> None:
    db_url = f"sqlite:///{tmp_path / 'journeymap.db'}"
    engine = open_database(db_url)
    seeded = seed_access_workspace(engine)
    token, _ = issue_link(engine, seeded.ben_visit, hours=2, actor="test")
    process, url = start_app(db_url, tmp_path / "streamlit.log")
    context = browser.new_context(viewport=TABLETS[held], has_touch=True)
    page = context.new_page()
    try:
        # A visit link opens its visit with no "Page not found" box over it.
        page.goto(f"{url}/visit-form?visit={seeded.ben_visit}&token={token}", timeout=TIMEOUT_MS)
        page.get_by_role("heading", name="South branch").wait_for(timeout=TIMEOUT_MS)
        settle(page)
        page.wait_for_timeout(1000)
        assert page.get_by_text("Page not found").count() == 0
        assert "/visit-form" in page.url
        page.screenshot(path=str(artifacts / f"nav-visit-link-{held}.png"))

        # The signed-in shopper's own visit, section 1.
        page.goto(url, timeout=TIMEOUT_MS)
        sign_in(page, ACCOUNTS["shopper"], PASSWORD)
        page.get_by_role("heading", name="My visits").wait_for(timeout=TIMEOUT_MS)
        session = re.search(r"session=([\w-]+)", page.url)
        assert session is not None
        form = f"{url}/visit-form?visit={seeded.ada_visit}&section=1&session={session[1]}"
        page.goto(form, timeout=TIMEOUT_MS)
        card(page, "greeted").wait_for(timeout=TIMEOUT_MS)
        settle(page)
        # Progress and Next are in reach wherever the shopper has scrolled to.
        nav = page.locator(".st-key-visit-nav")
        assert in_view(page, nav.get_by_role("button", name=re.compile("Next section")))
        assert in_view(page, nav.get_by_text(re.compile(r"Section 1 of 2 · \d+ of \d+ answered")))
        page.screenshot(path=str(artifacts / f"nav-section-1-{held}.png"))

        # From the bottom of section 1, Next opens section 2 at its top.
        page.evaluate(TO_BOTTOM)
        page.wait_for_timeout(300)
        nav.get_by_role("button", name=re.compile("Next section")).tap()
        card(page, "greeted").wait_for(state="detached", timeout=TIMEOUT_MS)
        settle(page)
        page.wait_for_timeout(1000)
        assert page.evaluate(SCROLLED) == 0
        assert in_view(page, page.get_by_text(re.compile("Section 2 of 2")).first)
        page.screenshot(path=str(artifacts / f"nav-section-2-top-{held}.png"))
        page.get_by_role("button", name=re.compile("Previous")).tap()
        card(page, "greeted").wait_for(timeout=TIMEOUT_MS)
        settle(page)

        first = card(page, "greeted")
        first.get_by_role("radiogroup").get_by_text("Yes", exact=True).tap()
        first.get_by_text(SAVED).wait_for(timeout=TIMEOUT_MS)

        # The server restarts mid-visit: the shopper reads what is saved and what to do.
        port = int(url.rsplit(":", 1)[1])
        stop(process)
        # The notice is drawn by the page's style (the server is gone): read it there.
        page.wait_for_function(
            """() => getComputedStyle(document.body, "::after").content
                 .includes("No connection to the server")""",
            timeout=TIMEOUT_MS,
        )
        page.wait_for_timeout(3000)  # long enough for Streamlit's own dialog to appear
        assert not page.get_by_text("Connection error").is_visible()
        assert not page.get_by_text(re.compile("yourscript|not responding")).is_visible()
        page.screenshot(path=str(artifacts / f"nav-connection-lost-{held}.png"))
        process, url = start_app(db_url, tmp_path / "streamlit-2.log", port=port)
        page.wait_for_function(
            """() => document.querySelector("[data-testid='stApp']")
                 .getAttribute("data-test-connection-state") === "CONNECTED" """,
            timeout=TIMEOUT_MS,
        )
        # A tap straight after the reconnect reaches the database.
        card(page, "greeted").get_by_role("radiogroup").get_by_text("No", exact=True).tap()
        wait_until(lambda: read_visit_answers(engine, seeded.ada_visit)["greeted"].value is False)
        settle(page)
        card(page, "greeted").get_by_text(SAVED).wait_for(timeout=TIMEOUT_MS)
        assert card(page, "greeted").get_by_role("radio", name="No").is_checked()
        # Still signed in after the restart.
        assert page.get_by_role("heading", name="Sign in to journeymap").count() == 0
        no_exception(page)
        page.screenshot(path=str(artifacts / f"nav-after-restart-{held}.png"))
    finally:
        context.close()
        stop(process)
        engine.dispose()

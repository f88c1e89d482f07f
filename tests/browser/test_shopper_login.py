"""A shopper signs in on a tablet, sees only own visits, and is refused an admin page;
a visit link opens its visit on one device only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from journeymap.store.engine import open_database
from journeymap.store.visit_links import issue_link
from tests.access_workspace import ACCOUNTS, PASSWORD, AccessWorkspace, seed_access_workspace
from tests.browser.conftest import RunningApp, settle, start_app, stop

pytestmark = pytest.mark.browser

TABLET = {"width": 820, "height": 1180}
TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def access_app(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[RunningApp, AccessWorkspace]]:
    folder = tmp_path_factory.mktemp("app-with-accounts")
    db_url = f"sqlite:///{folder / 'journeymap.db'}"
    engine = open_database(db_url)
    seeded = seed_access_workspace(engine)
    engine.dispose()
    log = folder / "streamlit.log"
    process, url = start_app(db_url, log)
    yield RunningApp(url, db_url, log), seeded
    stop(process)


def sign_in(page, name: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("heading", name="Sign in to journeymap").wait_for(timeout=TIMEOUT_MS)
    settle(page)
    page.get_by_role("textbox", name="Name").fill(name)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    settle(page)


def test_a_shopper_signs_in_on_a_tablet_and_sees_only_own_visits(
    access_app: tuple[RunningApp, AccessWorkspace], browser, artifacts: Path
) -> None:
    app, _ = access_app
    context = browser.new_context(viewport=TABLET, has_touch=True)
    page = context.new_page()
    page.goto(app.url, timeout=TIMEOUT_MS)
    sign_in(page, ACCOUNTS["shopper"], "not my password")
    page.get_by_text("Wrong name or password.").wait_for(timeout=TIMEOUT_MS)
    page.screenshot(path=str(artifacts / "tablet-sign-in-refused.png"), full_page=True)

    sign_in(page, ACCOUNTS["shopper"], PASSWORD)
    page.get_by_role("heading", name="My visits").wait_for(timeout=TIMEOUT_MS)
    settle(page)
    page.get_by_text("North branch").first.wait_for(timeout=TIMEOUT_MS)
    assert page.get_by_text("South branch").count() == 0
    page.get_by_text("Signed in as ada.shopper").wait_for(timeout=TIMEOUT_MS)
    page.screenshot(path=str(artifacts / "tablet-shopper-visits.png"), full_page=True)

    # An admin page by its address: refused, not quietly replaced by another page.
    page.goto(f"{app.url}/accounts", timeout=TIMEOUT_MS)
    sign_in(page, ACCOUNTS["shopper"], PASSWORD)
    page.get_by_role("heading", name="Not allowed").wait_for(timeout=TIMEOUT_MS)
    page.get_by_text("not open to your role").wait_for(timeout=TIMEOUT_MS)
    # The navigation offers the shopper's own page only.
    nav = page.locator("[data-testid='stSidebarNav']")
    if nav.count():
        assert nav.get_by_text("Accounts").count() == 0
    page.screenshot(path=str(artifacts / "tablet-shopper-not-allowed.png"), full_page=True)
    context.close()


def test_a_visit_link_opens_on_one_device_and_survives_a_reload(
    access_app: tuple[RunningApp, AccessWorkspace], browser, artifacts: Path
) -> None:
    app, seeded = access_app
    engine = open_database(app.db_url)
    token, _ = issue_link(engine, seeded.ada_visit, hours=2, actor="test")
    engine.dispose()
    link = f"{app.url}/visit-form?visit={seeded.ada_visit}&token={token}"

    tablet = browser.new_context(viewport=TABLET, has_touch=True)
    page = tablet.new_page()
    page.goto(link, timeout=TIMEOUT_MS)
    page.get_by_role("heading", name="North branch").wait_for(timeout=TIMEOUT_MS)
    settle(page)
    # The address now holds the device's own key, not the link's token.
    assert token not in page.url
    assert re.search(r"token=[\w-]+", page.url)
    page.reload()
    page.get_by_role("heading", name="North branch").wait_for(timeout=TIMEOUT_MS)
    page.screenshot(path=str(artifacts / "tablet-visit-link.png"), full_page=True)

    # The same link forwarded to another device: refused with what to do.
    other = browser.new_context(viewport=TABLET, has_touch=True)
    second = other.new_page()
    second.goto(link, timeout=TIMEOUT_MS)
    second.get_by_text("already been opened on another device").wait_for(timeout=TIMEOUT_MS)
    assert second.get_by_role("heading", name="North branch").count() == 0
    tablet.close()
    other.close()

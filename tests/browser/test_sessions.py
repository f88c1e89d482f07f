"""A signed-in shopper stays signed in across a reload and a server restart, on a
tablet held either way; signing out ends it."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.store.engine import open_database
from tests.access_workspace import ACCOUNTS, PASSWORD, AccessWorkspace, seed_access_workspace
from tests.browser.conftest import settle, start_app, stop
from tests.browser.test_shopper_login import TIMEOUT_MS, sign_in

pytestmark = pytest.mark.browser

TABLETS = {"portrait": {"width": 820, "height": 1180}, "landscape": {"width": 1180, "height": 820}}


@pytest.fixture
def seeded_db(tmp_path: Path) -> tuple[str, AccessWorkspace]:
    db_url = f"sqlite:///{tmp_path / 'journeymap.db'}"
    engine = open_database(db_url)
    seeded = seed_access_workspace(engine)
    engine.dispose()
    return db_url, seeded


@pytest.mark.parametrize("held", TABLETS)
def test_a_shopper_stays_signed_in_across_a_reload_and_a_restart(
    seeded_db: tuple[str, AccessWorkspace], browser, artifacts: Path, tmp_path: Path, held: str
) -> None:
    db_url, _ = seeded_db
    process, url = start_app(db_url, tmp_path / "streamlit.log")
    context = browser.new_context(viewport=TABLETS[held], has_touch=True)
    page = context.new_page()
    try:
        page.goto(url, timeout=TIMEOUT_MS)
        sign_in(page, ACCOUNTS["shopper"], PASSWORD)
        page.get_by_role("heading", name="My visits").wait_for(timeout=TIMEOUT_MS)

        page.reload()
        page.get_by_role("heading", name="My visits").wait_for(timeout=TIMEOUT_MS)
        settle(page)
        assert page.get_by_role("heading", name="Sign in to journeymap").count() == 0
        page.screenshot(path=str(artifacts / f"session-after-reload-{held}.png"))

        # The server restarts on the same database and port; the tablet reconnects.
        stop(process)
        port = url.rsplit(":", 1)[1]
        process, url = start_app(db_url, tmp_path / "streamlit-2.log", port=int(port))
        page.reload()
        page.get_by_role("heading", name="My visits").wait_for(timeout=TIMEOUT_MS)
        settle(page)
        assert page.get_by_role("heading", name="Sign in to journeymap").count() == 0
        page.screenshot(path=str(artifacts / f"session-after-restart-{held}.png"))

        # Signing out ends it: the same address asks for a sign-in again.
        signed_in_address = page.url
        page.get_by_role("button", name="Sign out").click()
        page.get_by_role("heading", name="Sign in to journeymap").wait_for(timeout=TIMEOUT_MS)
        page.goto(signed_in_address, timeout=TIMEOUT_MS)
        page.get_by_role("heading", name="Sign in to journeymap").wait_for(timeout=TIMEOUT_MS)
    finally:
        context.close()
        stop(process)

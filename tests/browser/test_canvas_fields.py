"""Nothing typed is lost: every field of the canvas panel and the grids is typed into,
the page is reloaded, and what was typed is read back from the draft on the server
and on screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.store.engine import open_database
from journeymap.store.journey_drafts import read_draft
from tests.browser.canvas_driver import Counted
from tests.browser.conftest import RunningApp, settle

pytestmark = pytest.mark.browser

TIMEOUT_MS = 60_000
JOURNEY = "felttest"
TP = "outage-status-app"
TEXTS = {
    "Name": "Ser driftsstatus i appen — æøå",
    "Customer promise": "Status inden for 2 minutter",
    "Description": "Kunden åbner appen under en fejl",
    "Does": "Trækker ned for at opdatere",
    "Thinks": "Er det kun mig?",
    "Backstage": "Driftscentret opdaterer status",
    "Pain points (one per line)": "Status er forældet\nIngen tidsangivelse",
    "Opportunities (one per line)": "Push-besked når fejlen er rettet",
}
NUMBERS = {
    "Customers per month": "2500",
    "NPS target": "30",
    "Shopper score target (%)": "85",
    "Longest wait (min)": "4",
}


def author_draft(app: RunningApp) -> dict:
    draft = read_draft(open_database(app.db_url), JOURNEY, "browser-test")
    assert draft is not None
    return draft.data


def touchpoint(data: dict, tp_id: str) -> dict:
    return next(t for t in data["touchpoints"] if t["id"] == tp_id)


def field(page, label: str):  # noqa: ANN001, ANN201 - Playwright's Page and Locator
    return page.get_by_role("textbox", name=label, exact=True).or_(
        page.get_by_role("spinbutton", name=label, exact=True)
    )


def test_every_field_is_kept_through_a_reload(empty_app: RunningApp, page, artifacts: Path) -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    run = Counted(page)
    page.goto(f"{empty_app.url}/new-journey", timeout=TIMEOUT_MS)
    settle(page)
    box = page.locator("[data-testid='stSelectbox']").filter(has=page.get_by_text("Start from"))
    box.click()
    page.keyboard.type("(telecom-support)")
    page.keyboard.press("Enter")
    page.get_by_role("textbox", name="Name", exact=True).fill("Felttest")
    page.get_by_role("button", name="Create the journey").click()
    expect(page.get_by_role("heading", name="Edit: Felttest")).to_be_visible()
    settle(page)

    run.in_view(f"touchpoint-{TP}")
    run.canvas.get_by_test_id(f"touchpoint-{TP}").click()
    run.answered()
    page.locator("[data-testid='stButtonGroup'] button", has_text="+1").first.click()
    settle(page)
    page.get_by_text("Moment of truth").click()
    settle(page)
    for label, text in TEXTS.items():
        box = field(page, label)
        box.fill(text)
        box.press("Tab")  # a text area keeps its text when the focus leaves it
        settle(page)
    for label, number in NUMBERS.items():
        box = field(page, label)
        box.fill(number)
        box.press("Enter")
        settle(page)
    owner = page.locator("[data-testid='stSelectbox']").filter(has=page.get_by_text("Owner"))
    owner.click()
    page.keyboard.type("Skadeafdelingen")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # closes the list, as clicking elsewhere would
    settle(page)

    # A transition: kind, share and label.
    edge = run.canvas.locator(f"[data-testid^='edge-{TP}-']").first
    target = (edge.get_attribute("data-testid") or "").removeprefix(f"edge-{TP}-")
    edge.dispatch_event("click")
    run.answered()
    expect(page.get_by_text("Delete this transition")).to_be_visible()
    settle(page)
    page.locator("[data-testid='stButtonGroup'] button", has_text="recovery").last.click()
    settle(page)
    share = field(page, "Share (0–1; empty: split evenly)")
    share.fill("0.4")
    share.press("Enter")
    settle(page)
    label = field(page, "Label")
    label.fill("Tjekker igen")
    label.press("Enter")
    settle(page)
    page.screenshot(path=str(artifacts / "canvas-fields-1920.png"))

    # The id, renamed last: the transitions follow it.
    run.canvas.get_by_test_id(f"touchpoint-{TP}").click()
    run.answered()
    ident = field(page, "Id")
    ident.fill("driftsstatus-app")
    ident.press("Enter")
    settle(page)

    data = author_draft(empty_app)
    tp = touchpoint(data, "driftsstatus-app")
    assert tp["name"] == TEXTS["Name"]
    assert tp["promise"] == TEXTS["Customer promise"]
    assert tp["description"] == TEXTS["Description"]
    assert (tp["does"], tp["thinks"]) == (TEXTS["Does"], TEXTS["Thinks"])
    assert tp["backstage"] == TEXTS["Backstage"]
    assert tp["pain_points"] == ["Status er forældet", "Ingen tidsangivelse"]
    assert tp["opportunities"] == ["Push-besked når fejlen er rettet"]
    assert (tp["owner"], tp["feels"], tp["moment_of_truth"]) == ("Skadeafdelingen", 1, True)
    assert tp["targets"] == {"nps": 30.0, "shopper_pct": 85.0, "max_wait_minutes": 4.0}
    entry = next(e for e in data["entries"] if e["touchpoint"] == "driftsstatus-app")
    assert entry["customers_per_month"] == 2500.0
    moved = next(
        t for t in data["transitions"] if t["from"] == "driftsstatus-app" and t["to"] == target
    )
    assert (moved["kind"], moved["share"], moved["label"]) == ("recovery", 0.4, "Tjekker igen")
    assert not [t for t in data["transitions"] if TP in (t["from"], t["to"])]

    # A reload (or a dropped connection, or a restart) reads the draft back.
    page.reload()
    expect(page.get_by_role("heading", name="Edit: Felttest")).to_be_visible()
    expect(page.get_by_text("unsaved edits, kept as a draft")).to_be_visible()
    expect(page.get_by_text("Unsaved edits (kept as a draft): Felttest")).to_be_visible()
    settle(page)
    run.in_view("touchpoint-driftsstatus-app")
    run.canvas.get_by_test_id("touchpoint-driftsstatus-app").click()
    run.answered()
    for label, text in TEXTS.items():
        expect(field(page, label)).to_have_value(text)
    for label, number in NUMBERS.items():
        assert float(field(page, label).input_value()) == float(number)
    page.screenshot(path=str(artifacts / "canvas-fields-after-reload-1920.png"))
    assert page.locator("[data-testid='stException']").count() == 0

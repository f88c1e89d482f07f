"""The measured target: a workshop builds an insurance claim on the canvas from scratch.

5 stages, 13 touchpoints with Danish names, 18 transitions with a web/phone branch, a
complaint → call-back → back loop and two leave edges, saved as a valid journey; the
number of UI actions and the wall time are printed (and stated in the README).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from tests.browser.canvas_driver import Counted
from tests.browser.conftest import RunningApp, settle

pytestmark = pytest.mark.browser

TIMEOUT_MS = 60_000
MAX_ACTIONS = 60
MAX_SECONDS = 300
STAGES = "Skaden sker, Anmeldelse, Behandling, Afgørelse, Efter sagen"
S1, S2, S3, S4, S5 = "skaden-sker", "anmeldelse", "behandling", "afgoerelse", "efter-sagen"


def segment(page, name: str) -> None:  # noqa: ANN001 - Playwright's Page
    page.locator("[data-testid='stButtonGroup'] button", has_text=name).first.click()


def test_build_the_insurance_claim_on_the_canvas(
    empty_app: RunningApp, page, artifacts: Path
) -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    started = time.monotonic()
    run = Counted(page)
    page.goto(f"{empty_app.url}/new-journey", timeout=TIMEOUT_MS)
    run.did("open New journey")
    name = page.get_by_role("textbox", name="Name", exact=True)
    run.fill(name, "Skadesag: vandskade", "type the name", enter=False)
    stages = page.get_by_role("textbox", name="Stages (from scratch)")
    run.fill(stages, STAGES, "type the stages", enter=False)
    run.click(page.get_by_role("button", name="Create the journey"), "create")
    expect(page.get_by_role("heading", name="Edit: Skadesag: vandskade")).to_be_visible()
    # Valid from the first second: nothing to rename or delete.
    expect(page.get_by_text("The journey is valid and can be saved.")).to_be_visible()

    run.add(S1, "web", "Opdager skaden")
    run.connect_new("opdager-skaden", S1, "web", "Læser om dækning på nettet")
    t2 = "laeser-om-daekning-paa-nettet"
    run.connect_new(t2, S2, "web", "Anmelder skaden online")
    run.connect_new(t2, S2, "phone", "Ringer til skadeservice")  # the web/phone branch
    run.connect("opdager-skaden", "ringer-til-skadeservice")
    run.connect("anmelder-skaden-online", "ringer-til-skadeservice")
    run.connect_new("anmelder-skaden-online", S3, "email", "Kvittering på e-mail")
    run.connect("ringer-til-skadeservice", "kvittering-paa-e-mail")
    run.connect_new("kvittering-paa-e-mail", S3, "branch", "Taksator besøger hjemmet")
    run.connect_new("kvittering-paa-e-mail", S4, "letter", "Afgørelse i e-Boks")
    run.connect("taksator-besoeger-hjemmet", "afgoerelse-i-e-boks")
    run.connect_new("afgoerelse-i-e-boks", S4, "phone", "Klager over afgørelsen")
    run.connect_new("klager-over-afgoerelsen", S4, "phone", "Skadechef ringer tilbage")
    run.connect("skadechef-ringer-tilbage", "afgoerelse-i-e-boks")  # … and back: the loop
    panel_shows(page, "Skadechef ringer tilbage → Afgørelse i e-Boks")
    run.click(panel_option(page, "recovery"), "kind: recovery")
    run.connect_new("afgoerelse-i-e-boks", S5, "app", "Udbetaling på NemKonto")
    run.connect_new("udbetaling-paa-nemkonto", S5, "email", "Svarer på tilfredshedsmåling")
    run.connect_new("svarer-paa-tilfredshedsmaaling", S5, "web", "Fornyer forsikringen")
    run.add(S5, "phone", "Skifter til et andet selskab")
    for source, name in (
        ("skadechef-ringer-tilbage", "Skadechef ringer tilbage"),
        ("svarer-paa-tilfredshedsmaaling", "Svarer på tilfredshedsmåling"),
    ):
        run.connect(source, "skifter-til-et-andet-selskab")
        panel_shows(page, f"{name} → Skifter til et andet selskab")
        run.click(panel_option(page, "leaves"), "kind: leaves")
    expect(page.get_by_text("The journey is valid and can be saved.")).to_be_visible()
    page.screenshot(path=str(artifacts / "canvas-insurance-claim-1920.png"), full_page=True)
    run.click(page.get_by_role("button", name="Save"), "save")
    seconds = time.monotonic() - started

    journey = JourneyRepository(open_database(empty_app.db_url)).get("skadesag-vandskade")
    assert journey is not None
    assert journey.revision == 2
    saved = journey.journey
    assert [s.id for s in saved.stages] == [S1, S2, S3, S4, S5]
    assert len(saved.touchpoints) == 13
    assert len(saved.transitions) == 18
    kinds = {(t.source, t.target): t.kind for t in saved.transitions}
    assert kinds[("skadechef-ringer-tilbage", "afgoerelse-i-e-boks")] == "recovery"
    assert sorted(k for k in kinds.values() if k == "leave") == ["leave", "leave"]
    assert {t.target for t in saved.transitions if t.source == t2} == {
        "anmelder-skaden-online",
        "ringer-til-skadeservice",
    }
    assert [e.touchpoint for e in saved.entries] == ["opdager-skaden"]
    print(f"\ncanvas build: {run.actions} UI actions, {seconds:.0f} s wall time")
    print("\n".join(f"  {i + 1:2d}. {what}" for i, what in enumerate(run.log)))
    assert run.actions <= MAX_ACTIONS
    assert seconds <= MAX_SECONDS
    page.set_viewport_size({"width": 1280, "height": 800})
    settle(page)
    page.screenshot(path=str(artifacts / "canvas-insurance-claim-1280.png"), full_page=False)


def panel_shows(page, heading: str) -> None:  # noqa: ANN001
    """Wait (no action) until the panel shows the transition just drawn."""
    from playwright.sync_api import expect

    expect(page.get_by_text(heading, exact=True)).to_be_visible()
    settle(page)


def panel_option(page, name: str):  # noqa: ANN001, ANN201
    """An option of the panel's Kind control (Streamlit draws it as a button group)."""
    return page.locator("[data-testid='stButtonGroup'] button", has_text=name).last

"""The programme run from a tablet held either way (820×1180 and 1180×820): shoppers and
locations created, the visit list filtered, a visit cancelled and one reassigned, a
wave previewed then saved; a visit reviewed with every section's score and returned
with a note, which the shopper reads next to the question and on check-and-submit.

The workspace has no accounts, so whoever opens the app runs the programme; each
viewport works on its own visits and names. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from journeymap.store.engine import open_database
from journeymap.store.people import get_location, get_shopper
from journeymap.store.programme import insert_locations, insert_shoppers, insert_visits
from journeymap.store.visit_workflow import change_status
from journeymap.store.visits import get_visit, list_visits
from tests.browser.conftest import RunningApp, settle, start_app, stop
from tests.browser.test_visit_form import card, no_exception, wait_until
from tests.shopping import answer_required, seed_tablet_visit

pytestmark = pytest.mark.browser

TABLETS = {"portrait": {"width": 820, "height": 1180}, "landscape": {"width": 1180, "height": 820}}
TIMEOUT_MS = 60_000
NORTH, SOUTH = "north-branch", "south-branch"
ADA, BEN = "ada", "ben"
NOTE = "Say how long you stood at the desk"


def _visit(key: str, location: str, shopper: str) -> dict[str, object]:
    return {
        "external_key": key,
        "questionnaire_id": "bank-tablet",
        "questionnaire_version": 1,
        "location_id": location,
        "shopper_id": shopper,
        "scenario": "Ask about a first mortgage.",
        "window_start": date(2026, 11, 1),
        "window_end": date(2026, 11, 30),
        "status": "assigned",
    }


@pytest.fixture(scope="module")
def programme_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunningApp, dict]]:
    """Per viewport: a visit to cancel (north, Ada), one to reassign (south, Ben) and a
    submitted tablet visit to review."""
    folder = tmp_path_factory.mktemp("app-programme")
    db_url = f"sqlite:///{folder / 'journeymap.db'}"
    engine = open_database(db_url)
    seed_tablet_visit(engine, key="seed")
    insert_locations(
        engine,
        [
            {"id": NORTH, "name": "North branch", "region": "North", "competitor": False},
            {"id": SOUTH, "name": "South branch", "region": "South", "competitor": False},
        ],
        actor="fixture",
    )
    insert_shoppers(
        engine,
        [{"id": ADA, "name": "Ada Andersen"}, {"id": BEN, "name": "Ben Berg"}],
        actor="fixture",
    )
    ids: dict[str, int] = {}
    for held in TABLETS:
        insert_visits(
            engine,
            [_visit(f"cancel-{held}", NORTH, ADA), _visit(f"reassign-{held}", SOUTH, BEN)],
            actor="fixture",
        )
        ids[f"review-{held}"] = seed_tablet_visit(engine, key=f"review-{held}")
        answer_required(engine, ids[f"review-{held}"])
        change_status(engine, ids[f"review-{held}"], "submitted", actor="fixture")
    for visit in list_visits(engine):
        ids.setdefault(visit.external_key, visit.id)
    engine.dispose()
    log = folder / "streamlit.log"
    process, url = start_app(db_url, log)
    yield RunningApp(url, db_url, log), ids
    stop(process)


def pick(page, label: str, option: str | re.Pattern[str]) -> None:  # type: ignore[no-untyped-def]
    """Choose ``option`` (its whole text, or a pattern) in the visible select box ``label``.

    Typed to narrow the list, then clicked: the box's search matches loosely ("#6 ·"
    also finds "#9 · … 26 Dec ·"), so Enter might take another option.
    """
    settle(page)
    box = page.locator("[data-testid='stSelectbox']:visible").filter(
        has=page.get_by_text(label, exact=True)
    )
    box.first.click()
    if isinstance(option, str):
        page.keyboard.type(option)
        page.get_by_role("option", name=option, exact=True).first.click()
    else:
        # A long list draws only the options in view: narrow it first.
        page.keyboard.type(option.pattern.lstrip("^").rstrip(" ·"))
        page.get_by_role("option", name=option).first.click()
    settle(page)


def cut_labels(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Metric labels shown cut short with an ellipsis."""
    return page.evaluate(  # type: ignore[no-any-return]
        """() => [...document.querySelectorAll("[data-testid='stMetricLabel'] p, "
                + "[data-testid='stMetricLabel'] div")]
            .filter((e) => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
            .map((e) => e.innerText)"""
    )


def form_of(page, button: str):  # type: ignore[no-untyped-def]
    return page.locator("[data-testid='stForm']").filter(
        has=page.get_by_role("button", name=button)
    )


def add(page, tab: str, button: str, values: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    """Fill the tab's add form (id, name, region) and press its button."""
    open_tab(page, tab)
    form = form_of(page, button)
    for label, value in zip(("Id", "Name", "Region"), values, strict=True):
        form.get_by_role("textbox", name=label, exact=True).fill(value)
    form.get_by_role("button", name=button).click()


def open_tab(page, name: str) -> None:  # type: ignore[no-untyped-def]
    settle(page)
    page.get_by_role("tab", name=name, exact=True).click()
    settle(page)


def shoot(page, path: Path) -> None:  # type: ignore[no-untyped-def]
    """The whole page, not only the window: Streamlit scrolls its main area itself, so
    the window is made as tall as the content for the picture, then set back."""
    size = dict(page.viewport_size)
    tall = page.evaluate(
        """() => Math.max(...["[data-testid='stMain']", "[data-testid='stAppViewContainer']"]
            .map((s) => (document.querySelector(s) || {scrollHeight: 0}).scrollHeight))"""
    )
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], int(tall))})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)


def fits_the_width(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Visible elements of the main area that reach past the window's right edge."""
    return page.evaluate(  # type: ignore[no-any-return]
        """() => {
            const width = document.documentElement.clientWidth;
            const main = document.querySelector("[data-testid='stMain']");
            return [...main.querySelectorAll(
                "button, input, [data-testid='stDataFrame'], [data-testid='stMetric'], "
                + "[data-testid='stAlert'], [data-testid='stForm']")]
              .filter((e) => e.offsetParent !== null)
              .map((e) => [e, e.getBoundingClientRect()])
              .filter(([, r]) => r.width > 0 && r.right > width + 1)
              .map(([e, r]) => `${e.tagName} ${(e.innerText || "").slice(0, 30)} ${r.right}`);
        }"""
    )


@pytest.mark.parametrize("held", TABLETS)
def test_the_programme_runs_from_a_tablet(
    programme_app: tuple[RunningApp, dict], browser, artifacts: Path, held: str
) -> None:
    app, ids = programme_app
    engine = open_database(app.db_url)
    context = browser.new_context(viewport=TABLETS[held], has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{app.url}/programme?journey=bank-advisory", timeout=TIMEOUT_MS)
        page.get_by_role("heading", name="Shopping programme").wait_for(timeout=TIMEOUT_MS)

        # A shopper and a location.
        add(page, "Shoppers", "Add shopper", (f"nina-{held}", f"Nina {held}", "East"))
        wait_until(lambda: get_shopper(engine, f"nina-{held}") is not None)
        page.get_by_text(f"Added shopper nina-{held}").first.wait_for(timeout=TIMEOUT_MS)
        settle(page)
        no_exception(page)
        shoot(page, artifacts / f"programme-shoppers-{held}.png")
        assert fits_the_width(page) == []
        add(page, "Locations", "Add location", (f"east-{held}", f"East branch {held}", "East"))
        wait_until(lambda: get_location(engine, f"east-{held}") is not None)
        page.get_by_text(re.compile(f"Added .*location east-{held}")).first.wait_for(
            timeout=TIMEOUT_MS
        )
        settle(page)
        no_exception(page)
        shoot(page, artifacts / f"programme-locations-{held}.png")
        assert fits_the_width(page) == []

        # The visit list, filtered; one visit cancelled, another reassigned.
        open_tab(page, "Visits")
        pick(page, "Location", "North branch")
        grid = page.locator("[data-testid='stDataFrame']:visible").first
        grid.locator("[role='row']").filter(has_text="South branch").first.wait_for(
            state="detached", timeout=TIMEOUT_MS
        )
        shoot(page, artifacts / f"programme-visits-{held}.png")
        assert fits_the_width(page) == []
        cancelled = ids[f"cancel-{held}"]
        pick(page, "Visit", re.compile(f"^#{cancelled} ·"))
        page.get_by_role("textbox", name="Reason (for the audit log)").fill("Ada is ill")
        page.get_by_role("button", name=re.compile("Cancel visit")).click()
        wait_until(lambda: get_visit(engine, cancelled).status == "cancelled")  # type: ignore[union-attr]
        settle(page)
        page.get_by_text(f"Visit #{cancelled} cancelled.").first.wait_for(timeout=TIMEOUT_MS)
        pick(page, "Location", "South branch")
        moved = ids[f"reassign-{held}"]
        pick(page, "Visit", re.compile(f"^#{moved} ·"))
        # To the shopper just added: no other visit of theirs stands in the way.
        pick(page, "Reassign to", f"Nina {held}")
        page.get_by_role("button", name=re.compile("Reassign visit")).click()
        wait_until(lambda: get_visit(engine, moved).shopper_id == f"nina-{held}")  # type: ignore[union-attr]
        settle(page)
        no_exception(page)
        shoot(page, artifacts / f"programme-reassigned-{held}.png")

        # A wave: previewed first, stored only when saved.
        open_tab(page, "Plan a wave")
        wave = f"Wave {held}"
        page.get_by_role("textbox", name="Wave name").fill(wave)
        page.get_by_role("button", name=re.compile("Preview the plan")).click()
        settle(page)
        save = page.get_by_role("button", name=re.compile("Save the wave"))
        save.wait_for(timeout=TIMEOUT_MS)
        assert list_visits(engine, wave=wave) == []
        no_exception(page)
        shoot(page, artifacts / f"programme-wave-preview-{held}.png")
        assert fits_the_width(page) == []
        save.click()
        wait_until(lambda: len(list_visits(engine, wave=wave)) > 0)
        settle(page)
        planned = list_visits(engine, wave=wave)
        assert {v.status for v in planned} == {"assigned"}
        # Two per location, no shopper twice at one location.
        pairs = [(v.location_id, v.shopper_id) for v in planned]
        assert len(pairs) == len(set(pairs))
    finally:
        context.close()
        engine.dispose()


@pytest.mark.parametrize("held", TABLETS)
def test_a_returned_visit_on_a_tablet(
    programme_app: tuple[RunningApp, dict], browser, artifacts: Path, held: str
) -> None:
    """Two visits wait, alike but for their number. Before, the review picker found its
    choice back by label, so the first note typed switched to the other visit: the note
    was lost and the wrong visit returned."""
    app, ids = programme_app
    engine = open_database(app.db_url)
    visit_id = ids[f"review-{held}"]
    context = browser.new_context(viewport=TABLETS[held], has_touch=True)
    page = context.new_page()
    try:
        # The reviewer sees every section's score and returns one question.
        page.goto(f"{app.url}/review?journey=bank-advisory&visit={visit_id}", timeout=TIMEOUT_MS)
        settle(page)
        page.locator("[data-testid='stMetric']").first.wait_for(timeout=TIMEOUT_MS)
        settle(page)
        for label in ("Visit score", "Arrival and waiting", "The meeting"):
            page.locator("[data-testid='stMetric']").filter(has_text=label).first.wait_for(
                timeout=TIMEOUT_MS
            )
        shoot(page, artifacts / f"review-{held}.png")
        assert fits_the_width(page) == []
        assert cut_labels(page) == []
        page.get_by_text("Return to the shopper with notes").click()
        note = page.get_by_label("Were you greeted within one minute?")
        note.wait_for(timeout=TIMEOUT_MS)
        settle(page)
        note.fill(NOTE)
        note.press("Enter")
        settle(page)
        page.get_by_role("button", name=re.compile("Return for correction")).click()
        page.get_by_text("Returned with 1 note").wait_for(timeout=TIMEOUT_MS)
        assert get_visit(engine, visit_id).status == "returned"  # type: ignore[union-attr]
        shoot(page, artifacts / f"review-returned-{held}.png")

        # The shopper reads the note next to the question …
        form = f"{app.url}/visit-form?journey=bank-advisory&visit={visit_id}"
        page.goto(f"{form}&section=1", timeout=TIMEOUT_MS)
        card(page, "greeted").get_by_text(NOTE).wait_for(timeout=TIMEOUT_MS)
        settle(page)
        no_exception(page)
        shoot(page, artifacts / f"returned-question-{held}.png")
        assert fits_the_width(page) == []
        # … and on check-and-submit.
        page.goto(f"{form}&section=3", timeout=TIMEOUT_MS)
        page.get_by_role("heading", name="Check and submit").wait_for(timeout=TIMEOUT_MS)
        settle(page)
        page.get_by_text(NOTE).first.wait_for(timeout=TIMEOUT_MS)
        no_exception(page)
        shoot(page, artifacts / f"returned-check-{held}.png")
        assert fits_the_width(page) == []
    finally:
        context.close()
        engine.dispose()

"""A shopper on a tablet, held upright (820×1180) or sideways (1180×820), fills in a
visit; a reviewer returns, then approves it, and the score shows on the Journey page."""

from __future__ import annotations

import contextlib
import io
import re
import time
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from journeymap.analytics.shopper_results import touchpoint_scores
from journeymap.store.answers import read_visit_answers
from journeymap.store.engine import make_engine
from journeymap.store.visits import get_visit
from tests.browser.conftest import RunningApp, settle
from tests.shopping import seed_tablet_visit

pytestmark = pytest.mark.browser

TABLET = {"width": 820, "height": 1180}
LANDSCAPE = {"width": 1180, "height": 820}
TABLETS = {"portrait": TABLET, "landscape": LANDSCAPE}
TIMEOUT_MS = 30_000
SAVED = re.compile(r"Saved \d\d:\d\d:\d\d")
TOUCH_PX = 44  # the smallest target a finger hits reliably (Apple HIG, WCAG 2.5.5)
SECTION_1 = ("greeted", "tidy", "wait", "entrance-photo")


def shopper_touchpoint(db_url: str, touchpoint: str) -> tuple[int, float | None]:
    """Approved visits of the tablet questionnaire at the touchpoint and their mean
    score, as analytics has them (one questionnaire version: the Journey page never
    pools two)."""
    from journeymap.analytics.results_choice import ResultsChoice, narrow
    from journeymap.analytics.shopper_results import score_visits
    from journeymap.store.programme import read_answers, read_visits
    from journeymap.store.visits import all_versions

    engine = make_engine(db_url)
    tables = score_visits(
        all_versions(engine, "bank-advisory"),
        read_visits(engine, "bank-advisory"),
        read_answers(engine, "bank-advisory"),
        ("approved", "counted"),
    )
    tables = narrow(tables, ResultsChoice("bank-tablet", 1))
    table = touchpoint_scores(tables, "mean").set_index("touchpoint")
    engine.dispose()
    if touchpoint not in table.index:
        return 0, None
    return int(table.loc[touchpoint, "n_visits"]), float(table.loc[touchpoint, "score_pct"])


def small_touch_targets(page) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """Radio options, buttons and text fields in the main area under 44 px either way."""
    return page.evaluate(  # type: ignore[no-any-return]
        """(least) => {
            const main = document.querySelector("[data-testid='stMain']");
            const targets = main.querySelectorAll(
              "[role='radiogroup'] label, button, input[type='text'], input[type='number']");
            return [...targets].map((e) => {
              const r = e.getBoundingClientRect();
              const name = (e.innerText || e.getAttribute("aria-label") || e.type || "").trim();
              const target = `${e.tagName} ${name.slice(0, 40)}`;
              return {target, width: r.width, height: r.height};
            }).filter((t) => t.width > 0 && (t.width < least || t.height < least));
        }""",
        TOUCH_PX,
    )


def table_row(page, header: str, row_text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """A row of the dataframe that has column ``header``, by column name.

    Streamlit draws a dataframe on a canvas; its cells are read from the accessible
    table the grid keeps alongside for screen readers.
    """
    grid = page.locator("[data-testid='stDataFrame']").filter(has_text=header).first
    # The grid fills its accessible table after it is drawn: wait for the cells wanted.
    header_cell = grid.locator("[role='columnheader']").filter(has_text=header).first
    header_cell.wait_for(state="attached", timeout=TIMEOUT_MS)  # kept for screen readers
    row = grid.locator("[role='row']").filter(has_text=row_text).first
    row.wait_for(state="attached", timeout=TIMEOUT_MS)
    names = grid.locator("[role='columnheader']").all_inner_texts()
    return dict(zip(names, row.locator("[role='gridcell']").all_inner_texts(), strict=True))


def photo_file(folder: Path) -> Path:
    image = Image.new("RGB", (640, 480), "seagreen")
    exif = Image.Exif()
    exif[0x010F] = "TabletMaker"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    path = folder / "waiting-area.jpg"
    path.write_bytes(out.getvalue())
    return path


def card(page, question_id: str):  # type: ignore[no-untyped-def]
    return page.locator(f".st-key-q-{question_id}")


def answer(page, question_id: str, label: str) -> None:  # type: ignore[no-untyped-def]
    settle(page)  # a screen still being replaced holds stale cards under new keys
    box = card(page, question_id)
    box.get_by_role("radiogroup").get_by_text(label, exact=True).click()
    box.get_by_text(SAVED).wait_for(timeout=TIMEOUT_MS)


def wait_until(condition, timeout_s: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    """Poll the database until what the page sent has been stored."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the page's change never reached the database")
        time.sleep(0.2)


def no_exception(page) -> None:  # type: ignore[no-untyped-def]
    assert page.locator("[data-testid='stException']").count() == 0


@pytest.mark.parametrize("held", TABLETS)
def test_shopper_fills_in_a_visit_on_a_tablet(
    app_with_data: RunningApp, browser, artifacts: Path, tmp_path: Path, held: str
) -> None:
    engine = make_engine(app_with_data.db_url)
    visit_id = seed_tablet_visit(engine, key=f"browser-tablet-{held}")
    before, _ = shopper_touchpoint(app_with_data.db_url, "venter-filial")
    context = browser.new_context(viewport=TABLETS[held], has_touch=True)
    page = context.new_page()
    form = f"{app_with_data.url}/visit-form?journey=bank-advisory&visit={visit_id}"
    page.goto(f"{form}&section=1", timeout=60_000)
    page.get_by_role("heading", name="Arrival and waiting").wait_for(timeout=60_000)

    # Section 1: a failing answer with its comment, a scale, a timer and a photo.
    answer(page, "greeted", "No")
    comment = card(page, "greeted").locator("input[type='text']")
    settle(page)
    comment.fill("Nobody at the desk")
    comment.press("Enter")
    wait_until(lambda: read_visit_answers(engine, visit_id)["greeted"].comment)
    answer(page, "tidy", "4")
    timer = card(page, "wait")
    settle(page)
    timer.get_by_role("button", name=re.compile("Start timer")).click()
    timer.get_by_text("Running since").wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(1200)
    settle(page)
    timer.get_by_role("button", name=re.compile("Stop")).click()
    timer.get_by_text(re.compile(r"\d+ s \(0 min")).wait_for(timeout=TIMEOUT_MS)
    settle(page)
    card(page, "entrance-photo").locator("input[type='file']").set_input_files(
        str(photo_file(tmp_path))
    )
    card(page, "entrance-photo").get_by_text(re.compile("waiting-area.jpg")).wait_for(
        timeout=TIMEOUT_MS
    )
    no_exception(page)
    page.screenshot(path=str(artifacts / f"tablet-section-1-{held}.png"), full_page=True)

    # A reload mid-way: every answer comes back from the database.
    page.reload()
    card(page, "greeted").wait_for(timeout=60_000)
    settle(page)
    assert card(page, "greeted").get_by_role("radio", name="No").is_checked()
    assert card(page, "tidy").get_by_role("radio", name="4").is_checked()
    assert card(page, "greeted").locator("input[type='text']").input_value() == "Nobody at the desk"
    card(page, "wait").get_by_text(re.compile(r"\d+ s \(0 min")).wait_for()
    stored = read_visit_answers(engine, visit_id)
    assert stored["wait"].value >= 1
    assert len(stored["entrance-photo"].value) == 1

    # Section 2.
    settle(page)
    page.get_by_role("button", name=re.compile("Next section")).click()
    # Streamlit keeps the old screen's elements until the new run has drawn its own.
    card(page, "greeted").wait_for(state="detached", timeout=TIMEOUT_MS)
    card(page, "whole-economy").wait_for(timeout=TIMEOUT_MS)
    answer(page, "whole-economy", "Yes")
    answer(page, "outcome", "A pre-approval")
    minutes = card(page, "minutes").locator("input")
    minutes.fill("45")
    minutes.press("Enter")
    card(page, "minutes").get_by_text(SAVED).wait_for(timeout=TIMEOUT_MS)
    answer(page, "jargon", "No")
    no_exception(page)
    page.screenshot(path=str(artifacts / f"tablet-section-2-{held}.png"), full_page=True)

    settle(page)
    page.get_by_role("button", name=re.compile("Check and submit")).click()
    settle(page)
    page.get_by_role("button", name=re.compile("Submit visit")).click()
    page.get_by_text("it is read-only").wait_for(timeout=TIMEOUT_MS)
    assert get_visit(engine, visit_id).status == "submitted"  # type: ignore[union-attr]
    page.screenshot(path=str(artifacts / f"tablet-submitted-{held}.png"), full_page=True)

    # The reviewer returns one question.
    page.goto(f"{app_with_data.url}/review?journey=bank-advisory&visit={visit_id}")
    settle(page)
    page.get_by_text("Return to the shopper with notes").click()
    note = page.get_by_label("Were you greeted within one minute?")
    note.fill("Say how long you stood at the desk")
    note.press("Enter")
    # The button is enabled by the run that received the note: wait for that run
    # itself, not only for a quiet page, which a loaded machine can show before it.
    give_back = page.get_by_role("button", name=re.compile("Return for correction"))
    expect(give_back).to_be_enabled(timeout=TIMEOUT_MS)
    settle(page)
    give_back.click()
    try:
        page.get_by_text("Returned with 1 note").wait_for(timeout=TIMEOUT_MS)
    except Exception:
        page.screenshot(path=str(artifacts / f"tablet-not-returned-{held}.png"), full_page=True)
        raise
    assert get_visit(engine, visit_id).status == "returned"  # type: ignore[union-attr]

    # The shopper fixes it and submits again.
    page.goto(f"{form}&section=1")
    card(page, "greeted").get_by_text("Say how long you stood at the desk").wait_for(timeout=60_000)
    card(page, "greeted").get_by_text(SAVED).wait_for(timeout=TIMEOUT_MS)
    # Until the run ends, widgets are grey skeletons: wait for it and for the answers.
    settle(page)
    card(page, "greeted").get_by_role("radiogroup").wait_for(timeout=TIMEOUT_MS)
    assert card(page, "greeted").get_by_role("radio", name="No").is_checked()
    page.screenshot(path=str(artifacts / f"tablet-returned-{held}.png"), full_page=True)
    comment = card(page, "greeted").locator("input[type='text']")
    settle(page)
    comment.fill("Nobody at the desk for four minutes")
    comment.press("Enter")
    page.wait_for_timeout(800)
    page.goto(f"{form}&section=3")
    settle(page)
    page.get_by_role("button", name=re.compile("Submit visit")).click()
    page.get_by_text("it is read-only").wait_for(timeout=TIMEOUT_MS)
    assert read_visit_answers(engine, visit_id)["greeted"].comment.endswith("four minutes")

    # Approved, it counts on the journey's touchpoints.
    page.goto(f"{app_with_data.url}/review?journey=bank-advisory&visit={visit_id}")
    settle(page)
    page.get_by_role("button", name=re.compile("Approve")).click()
    page.get_by_text("Approved: the visit now counts").wait_for(timeout=TIMEOUT_MS)
    after, score = shopper_touchpoint(app_with_data.db_url, "venter-filial")
    assert after == before + 1
    assert score is not None
    page.set_viewport_size({"width": 1920, "height": 1080})  # the workshop's screen
    page.goto(f"{app_with_data.url}/?journey=bank-advisory")
    heading = page.get_by_role("heading", name="Touchpoints")
    heading.wait_for(timeout=90_000)  # the diagram is slow on a busy machine
    heading.scroll_into_view_if_needed()
    settle(page)
    no_exception(page)
    # The demo's own questionnaire was visited last: the tablet one is chosen to see it.
    chooser = page.locator("[data-testid='stSelectbox']").filter(
        has=page.get_by_text("Shopper scores from", exact=True)
    )
    chooser.click()
    page.get_by_role(
        "option", name=re.compile(r"^Branch visit \(tablet test\) · version 1")
    ).click()
    settle(page)
    page.get_by_text("Shopper scores: Branch visit (tablet test) version 1").wait_for(
        timeout=TIMEOUT_MS
    )
    # What the workshop reads: the approved visit is in the touchpoint table's n and score.
    # The grid redraws its accessible copy a moment after the new figures arrive.
    page.screenshot(path=str(artifacts / f"tablet-journey-touchpoints-{held}.png"))
    deadline = time.monotonic() + 20
    row = table_row(page, "Shopper visits (n)", "Venter i filialen")
    while row["Shopper visits (n)"] != str(before + 1) and time.monotonic() < deadline:
        page.wait_for_timeout(500)
        row = table_row(page, "Shopper visits (n)", "Venter i filialen")
    assert row["Shopper visits (n)"] == str(before + 1)
    assert float(row["Shopper score %"]) == pytest.approx(score, abs=0.05)
    context.close()


@pytest.mark.parametrize("held", TABLETS)
def test_the_form_fits_a_tablet(
    app_with_data: RunningApp, browser, artifacts: Path, held: str
) -> None:
    engine = make_engine(app_with_data.db_url)
    visit_id = seed_tablet_visit(engine, key=f"browser-tablet-fit-{held}")
    engine.dispose()
    context = browser.new_context(viewport=TABLETS[held], has_touch=True)
    page = context.new_page()
    page.goto(
        f"{app_with_data.url}/visit-form?journey=bank-advisory&visit={visit_id}&section=1",
        timeout=60_000,
    )
    page.get_by_role("heading", name="Arrival and waiting").wait_for(timeout=60_000)
    settle(page)
    for question in SECTION_1:
        card(page, question).wait_for(timeout=TIMEOUT_MS)
    card(page, "greeted").get_by_role("radiogroup").wait_for(timeout=TIMEOUT_MS)
    no_exception(page)
    # The page's touch style is an element of its own, which a busy browser may lay out
    # after the cards: measure once it has reached the buttons (it never does: the
    # wait ends and the list below names every small target).
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            """(least) => [...document.querySelectorAll("[data-testid='stMain'] button")]
                .every((b) => b.getBoundingClientRect().height >= least)""",
            arg=TOUCH_PX,
            timeout=10_000,
        )
    assert small_touch_targets(page) == []
    # Nothing wider than the screen: a sideways scroll on a tablet hides half a question.
    assert page.evaluate("document.documentElement.scrollWidth") <= TABLETS[held]["width"]
    page.screenshot(path=str(artifacts / f"tablet-{held}-section-1.png"), full_page=True)
    # Answering works as in portrait.
    answer(page, "greeted", "Yes")
    assert card(page, "greeted").get_by_role("radio", name="Yes").is_checked()
    context.close()

"""In Chromium: import a survey export, then see it on the NPS dashboard."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.browser.conftest import RunningApp, settle

pytestmark = pytest.mark.browser

LOAD_TIMEOUT_MS = 60_000
JOURNEY = "bank-advisory"
HEADLINE_N = re.compile(r"^n = ([\d,]+), ")


@pytest.fixture(scope="module")
def voc_app(launch_app: Callable[[bool], RunningApp]) -> RunningApp:
    # Its own workspace: the import adds answers other browser tests do not expect.
    return launch_app(True)


def survey_file(folder: Path) -> Path:
    today = datetime.now(UTC).strftime("%d.%m.%Y")
    lines = ["Dato;Kontaktpunkt;Hvor sandsynligt er det, at du vil anbefale os?;Kommentar;Email"]
    lines += [
        f"{today} 10:{i:02d};Rådgivningsmødet;{s};Svar {i};" for i, s in enumerate(range(2, 11))
    ]
    lines += [f"{today} 11:00;Ukendt sted;9;Hvor?;", f"{today} 11:05;raadgivningsmoede;11;;"]
    path = folder / "bank-survey.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def headline_n(page, url: str) -> int:  # noqa: ANN001 - a Playwright page
    page.goto(f"{url}/nps?journey={JOURNEY}", timeout=LOAD_TIMEOUT_MS)
    caption = page.locator("[data-testid='stCaptionContainer']").filter(has_text=HEADLINE_N).first
    caption.wait_for(timeout=LOAD_TIMEOUT_MS)
    page.locator(".js-plotly-plot").first.wait_for(state="visible", timeout=LOAD_TIMEOUT_MS)
    return int(HEADLINE_N.match(caption.inner_text())[1].replace(",", ""))


def no_exception(page) -> None:  # noqa: ANN001
    assert page.locator("[data-testid='stException']").count() == 0


def test_import_a_survey_and_see_it_on_the_dashboard(
    voc_app: RunningApp, page, artifacts: Path, tmp_path: Path
) -> None:
    before = headline_n(page, voc_app.url)
    page.goto(f"{voc_app.url}/import-surveys?journey={JOURNEY}", timeout=LOAD_TIMEOUT_MS)
    page.get_by_role("heading", name="Import survey data").wait_for(timeout=LOAD_TIMEOUT_MS)
    # The title comes first in the page's run: a file given to the uploader before the
    # run has finished can be dropped with the element it was given to.
    settle(page)
    uploader = page.locator("[data-testid='stFileUploader']").first
    uploader.locator("input[type=file]").set_input_files(str(survey_file(tmp_path)))
    uploader.get_by_text("bank-survey.csv").wait_for(timeout=LOAD_TIMEOUT_MS)
    page.get_by_role("heading", name="Which column is which").wait_for(timeout=LOAD_TIMEOUT_MS)
    page.get_by_text("semicolon", exact=False).first.wait_for(timeout=LOAD_TIMEOUT_MS)
    unmatched = page.locator("[data-testid='stAlert']").filter(has_text="Ukendt sted")
    unmatched.first.wait_for(timeout=LOAD_TIMEOUT_MS)  # the value no touchpoint matches
    no_exception(page)
    settle(page)
    page.screenshot(path=str(artifacts / "voc-import-mapping.png"), full_page=True)

    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_text("9 responses imported").wait_for(timeout=LOAD_TIMEOUT_MS)
    page.get_by_text("Rejected rows by reason").wait_for(timeout=LOAD_TIMEOUT_MS)
    no_exception(page)
    page.get_by_text("Rejected rows by reason").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    page.screenshot(path=str(artifacts / "voc-import-report.png"), full_page=True)

    after = headline_n(page, voc_app.url)
    assert after == before + 9
    no_exception(page)
    page.wait_for_timeout(800)  # let the charts settle before the pictures
    page.screenshot(path=str(artifacts / "voc-nps-top.png"), full_page=True)
    page.set_viewport_size({"width": 1920, "height": 4200})
    page.wait_for_timeout(800)
    page.screenshot(path=str(artifacts / "voc-nps-full.png"), full_page=True)
    page.set_viewport_size({"width": 1920, "height": 1080})

    for path, heading, ready, picture in [
        ("verbatims", "Verbatims", "comments match", "voc-verbatims.png"),
        ("call-backs", "Call-backs", "Called back in time, per month", "voc-callbacks.png"),
    ]:
        page.goto(f"{voc_app.url}/{path}?journey={JOURNEY}", timeout=LOAD_TIMEOUT_MS)
        page.get_by_role("heading", name=heading).wait_for(timeout=LOAD_TIMEOUT_MS)
        page.get_by_text(ready).first.wait_for(timeout=LOAD_TIMEOUT_MS)
        page.wait_for_timeout(800)
        no_exception(page)
        page.screenshot(path=str(artifacts / picture), full_page=True)

"""The Export page in real Chromium: one click downloads a PNG, one click a deck."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from tests.browser.conftest import RunningApp

pytestmark = pytest.mark.browser

LOAD_TIMEOUT_MS = 60_000
DOWNLOAD_TIMEOUT_MS = 90_000


def test_download_png_and_pptx(app_with_data: RunningApp, page, artifacts: Path) -> None:
    page.goto(f"{app_with_data.url}/export?journey=bank-advisory", timeout=LOAD_TIMEOUT_MS)
    page.get_by_role("heading", name="Export").wait_for(timeout=LOAD_TIMEOUT_MS)
    page.locator(".js-plotly-plot").first.wait_for(state="visible", timeout=LOAD_TIMEOUT_MS)
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(artifacts / "export-page.png"), full_page=True)

    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as png_download:
        page.get_by_role("button", name="PNG picture").click()
    png = Path(png_download.value.path()).read_bytes()
    assert png_download.value.suggested_filename == "bank-advisory-graph.png"
    with Image.open(io.BytesIO(png)) as picture:
        assert picture.format == "PNG"
        assert picture.width > 1000

    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as deck_download:
        page.get_by_role("button", name="PowerPoint deck").click()
    assert deck_download.value.suggested_filename == "bank-advisory-graph.pptx"
    deck = Presentation(deck_download.value.path())
    assert len(deck.slides) >= 4
    assert "The journey at a glance" in [
        shape.text_frame.text for shape in deck.slides[1].shapes if shape.has_text_frame
    ]

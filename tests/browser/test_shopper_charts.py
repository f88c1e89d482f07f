"""The shopper results' charts keep every label inside the picture from 1,280 to 1,920 px.

The section × location heatmap and the own-vs-competitor bars cut their tick labels at
1,400 and 1,600 px: the figures' margins did not grow for their labels inside the app.
Each tick label's box must lie inside the chart's box; the pictures are saved to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import RunningApp, settle

pytestmark = pytest.mark.browser

LOAD_TIMEOUT_MS = 60_000
TABS = ("Sections", "Competence", "Trend", "Own vs competitors")
# Tick labels, axis and colour-bar titles, the legend and the values written on bars,
# points and cells: every text the chart draws.
LABELS = (
    "g.xtick text, g.ytick text, .g-xtitle text, .g-ytitle text, .legendtext, "
    ".bartext, .textpoint text, .cbtitle text, .cbaxis text"
)


# Every label's box against the chart's, in one call: a round trip per label cost more
# than the rest of the test. A label may overhang by a pixel (sub-pixel rounding).
CUT_LABELS = """(chart) => {
    const outer = chart.querySelector(".main-svg").getBoundingClientRect();
    const labels = [...chart.querySelectorAll(LABELS)];
    const slack = 1.0;
    const cut = labels.filter((label) => {
        const box = label.getBoundingClientRect();
        return box.width > 0 && (
            box.left < outer.left - slack || box.top < outer.top - slack
            || box.right > outer.right + slack || box.bottom > outer.bottom + slack);
    });
    return {count: labels.length, cut: cut.map((label) => label.textContent)};
}""".replace("LABELS", repr(LABELS))


@pytest.mark.parametrize("width", [1280, 1400, 1600, 1920])
def test_shopper_charts_keep_their_labels(
    app_with_data: RunningApp, browser, artifacts: Path, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 1100})
    page = context.new_page()
    try:
        page.goto(f"{app_with_data.url}/shopper-results?journey=bank-advisory")
        page.get_by_role("heading", name="Shopper results").wait_for(timeout=LOAD_TIMEOUT_MS)
        settle(page)
        for tab in TABS:
            page.get_by_role("tab", name=tab).click()
            settle(page)
            chart = page.locator(".stPlotlyChart:visible").first
            chart.locator(".main-svg").first.wait_for(timeout=LOAD_TIMEOUT_MS)
            page.wait_for_timeout(800)  # fonts and the margins' second pass
            labels = chart.evaluate(CUT_LABELS)
            assert labels["count"] > 2, tab
            cut = labels["cut"]
            name = tab.lower().replace(" ", "-")
            chart.screenshot(path=str(artifacts / f"shopper-{name}-{width}.png"))
            assert cut == [], f"{tab} at {width} px cuts {cut}"
    finally:
        context.close()

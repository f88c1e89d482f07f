"""The journey's own pages in Danish: the map, the sand ranking, the walk, the actions,
the report, the editor, the history and the comparison read in the reader's language,
with numbers written the Danish way, and the report in the language chosen for it."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from journeymap.analytics.flow import compute_flow
from journeymap.analytics.overview import key_figures
from journeymap.i18n import formatting as fmt
from journeymap.i18n.catalogs import LOCALE_DIR
from journeymap.services.journeys import get_journey
from journeymap.store.engine import open_database
from tests.app.test_pages import assert_clean, texts
from tests.app.test_sand_pages import demo_workspace, open_page

__all__ = ["demo_workspace"]  # the demo workspace, copied for each test

JOURNEY = "bank-advisory"  # the journey open_page opens
PAGES = ("journey", "sand", "walk", "actions", "period_report", "edit", "history", "compare")
TITLES = {
    "sand": "Sand i maskineriet",
    "actions": "Forbedringstiltag",
    "period_report": "Perioderapport",
    "compare": "Nu mod fremtid",
}


def _english_left() -> dict[str, str]:
    """Each sentence of the journey catalog whose Danish differs from its English."""
    with (LOCALE_DIR / "da" / "LC_MESSAGES" / "journey.po").open("rb") as handle:
        catalog = read_po(handle, locale="da")
    return {
        m.id: m.string
        for m in catalog
        if isinstance(m.id, str) and isinstance(m.string, str) and len(m.id) > 25
        if "{" not in m.id and m.id != m.string
    }


@pytest.fixture
def danish_demo(demo_workspace: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("JOURNEYMAP_LANGUAGE", "da")
    return demo_workspace


def _shown(at: AppTest) -> str:
    kinds = ("button", "selectbox", "expander", "tabs")
    labels = [getattr(w, "label", "") for kind in kinds for w in at.get(kind)]
    labels += [m.label for m in at.metric]
    return texts(at) + "\n" + "\n".join(str(label) for label in labels)


@pytest.mark.parametrize("name", PAGES)
def test_a_journey_page_reads_in_danish(danish_demo: str, name: str) -> None:
    at = open_page(name)
    assert not at.error, [e.value for e in at.error]
    if name in TITLES:
        assert [t.value for t in at.title] == [TITLES[name]]
    shown = _shown(at)
    left = [english for english in _english_left() if english in shown]
    assert not left, left


def test_the_journey_figures_are_written_the_danish_way(danish_demo: str) -> None:
    at = open_page("journey")
    stored = get_journey(open_database(danish_demo), JOURNEY)
    assert stored is not None
    figures = key_figures(stored.journey, compute_flow(stored.journey))
    entering = next(m for m in at.metric if m.label == "Nye kunder pr. måned")
    assert entering.value == fmt.number(figures.entering_per_month, language="da")
    assert "." in entering.value or figures.entering_per_month < 1000


def test_the_report_is_written_in_the_language_chosen_for_it(danish_demo: str) -> None:
    at = open_page("period_report")
    language = at.selectbox(key="report_language")
    assert language.value == "da"  # the reader's language first
    language.set_value("sv").run()
    assert_clean(at)
    assert language.value == "sv"
    # The page around it stays in the reader's language.
    assert [t.value for t in at.title] == ["Perioderapport"]

"""AppTest: the Export page previews the picture and offers a button per format."""

from __future__ import annotations

import pytest

from journeymap.io.export.formats import FORMATS
from journeymap.model import Journey
from journeymap.ui import state
from tests.app.conftest import app, page_path


def open_export(journey_id: str):
    at = app()
    at.session_state[state.SELECTED_JOURNEY] = journey_id
    at.run()
    at.switch_page(page_path("export")).run()
    return at


def test_export_page_previews_and_offers_every_format(example_workspace: list[Journey]) -> None:
    at = open_export(example_workspace[0].id)
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == ["Export"]
    assert len(at.get("plotly_chart")) == 1
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [spec.label for spec in FORMATS.values()]
    assert at.code  # the Mermaid text


@pytest.mark.usefixtures("example_workspace")
def test_a_bad_period_is_a_sentence(example_workspace: list[Journey]) -> None:
    at = open_export(example_workspace[0].id)
    at.text_input(key=state.EXPORT_PERIOD).input("last year").run()
    assert not at.exception
    assert "is not a period" in at.error[0].value.replace("\\", "")

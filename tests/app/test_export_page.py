"""AppTest: the Export page previews the picture and offers a button per format."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from journeymap.io.export.formats import FORMATS
from journeymap.model import Journey
from journeymap.model.actions import ActionFields
from journeymap.store.actions import create_action
from journeymap.store.engine import open_database
from journeymap.store.evidence import insert_responses
from journeymap.ui.loaders.exports import load_export_data
from journeymap.ui.shell import state
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


def test_an_import_or_a_new_action_shows_in_the_next_export(
    example_workspace: list[Journey], empty_workspace: str
) -> None:
    """The export's data is cached on the evidence and the actions, not for a while."""
    journey = example_workspace[0]
    touchpoint = journey.touchpoints[0].id
    before = load_export_data(journey.id, "")
    assert before is not None
    assert before.actions == ()
    engine = open_database(empty_workspace)
    create_action(engine, journey.id, ActionFields("Shorter queue"), actor="fixture")
    now = datetime.now(UTC)
    insert_responses(
        engine,
        [
            {
                "journey_id": journey.id,
                "touchpoint_id": touchpoint,
                "dedup_key": f"r{i}",
                "responded_at": now - timedelta(days=1),
                "score": 10,
            }
            for i in range(30)
        ],
        actor="fixture",
    )
    engine.dispose()
    after = load_export_data(journey.id, "")
    assert after is not None
    assert [a.title for a in after.actions] == ["Shorter queue"]
    assert after.evidence != before.evidence


def test_the_files_are_written_in_the_language_chosen_for_them(
    example_workspace: list[Journey], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page speaks the reader's language; the files the one chosen for them."""
    from journeymap.i18n import current_language
    from journeymap.services import export

    written = export.export_bytes

    def in_which_language(engine, data, fmt, *args, **kwargs):  # type: ignore[no-untyped-def]
        if fmt == "mermaid":
            return f"%% {current_language()}".encode()
        return written(engine, data, fmt, *args, **kwargs)

    monkeypatch.setattr(export, "export_bytes", in_which_language)
    at = open_export(example_workspace[0].id)
    language = at.selectbox(key=state.EXPORT_LANGUAGE)
    assert language.value == "en"  # the reader's
    assert [c.value for c in at.code] == ["%% en"]
    language.set_value("da").run()
    assert not at.exception, [e.value for e in at.exception]
    assert [c.value for c in at.code] == ["%% da"]
    assert [t.value for t in at.title] == ["Export"]  # the page stays in English

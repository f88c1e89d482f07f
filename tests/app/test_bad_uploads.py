"""AppTest: bad files uploaded in the app give a sentence on screen, never a traceback.

The files come from tests/bad_files/ (see its README); each goes through the real
uploader of its page, as a person's upload would.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from journeymap.ui.shell import state
from tests.app.conftest import app, page_path
from tests.app.test_pages import assert_clean, unescaped
from tests.conftest import ROOT
from tests.shopping import seed_tablet_visit
from tests.unit.test_bad_input_corpus import workbook_bomb

CORPUS = ROOT / "tests" / "bad_files"


def errors(at: AppTest) -> list[str]:
    return [unescaped(e.value) for e in at.error]


def upload(at: AppTest, key: str, name: str, data: bytes | None = None) -> AppTest:
    data = (CORPUS / name).read_bytes() if data is None else data
    at.file_uploader(key=key).set_value((Path(name).name, data, "application/octet-stream"))
    return at.run()


@pytest.mark.usefixtures("example_workspace")
def test_bad_survey_exports_and_metric_tables_are_sentences(tmp_path: Path) -> None:
    at = app()
    at.query_params["journey"] = "bank-advisory"
    at.run()
    at.switch_page(page_path("survey_import")).run()
    for name, message in [
        (
            "surveys/truncated.csv",
            "truncated.csv: row 5: a quoted cell starts in this row and is never closed",
        ),
        ("surveys/utf16-no-bom.csv", "utf16-no-bom.csv: the file is UTF-16 text"),
        (
            "surveys/mixed-utf8-cp1252.csv",
            "mixed-utf8-cp1252.csv: the file mixes two encodings: line 2 is UTF-8 but line 3",
        ),
        ("surveys/binary.xlsx", "binary.xlsx: the file is not a complete Excel workbook"),
    ]:
        upload(at, state.VOC_SURVEY_UPLOAD, name)
        assert_clean(at)
        assert [e for e in errors(at) if e.startswith(message)], (name, errors(at))
    bomb = workbook_bomb(tmp_path / "answers.xlsx")  # under the 5 MB upload limit
    upload(at, state.VOC_SURVEY_UPLOAD, "answers.xlsx", bomb.read_bytes())
    assert_clean(at)
    assert any(e.startswith("answers.xlsx: the workbook unpacks to 262 MB") for e in errors(at))
    # A header without rows is read, and the page says what is missing before an import.
    upload(at, state.VOC_SURVEY_UPLOAD, "surveys/header-only.csv")
    assert_clean(at)
    warnings = [unescaped(w.value) for w in at.warning]
    assert "The file has a header but no rows of answers: export the survey again with its " in (
        " ".join(warnings)
    )
    upload(at, state.VOC_METRIC_UPLOAD, "surveys/truncated.csv")
    next(b for b in at.button if b.key == "metric-dry-run").click().run()
    assert_clean(at)
    assert any(e.startswith("truncated.csv: header row: no column is a metric") for e in errors(at))


def test_bad_journey_files_are_sentences_on_the_get_started_page(empty_workspace: str) -> None:
    at = app().run()
    assert_clean(at)
    for name, message in [
        ("journeys/deeply-nested.yaml", "the data is nested more than 50 levels deep"),
        ("journeys/python-tag.yaml", "the tag '!!python/object/apply:os.system' is not allowed"),
        ("journeys/huge-number.yaml", "cannot be read as a whole number"),
        ("journeys/duplicate-keys.yaml", "the key 'touchpoints' is written twice"),
        ("journeys/utf16-no-bom.yaml", "the file is UTF-16 text"),
        ("journeys/trailing-comma.json", "JSON allows no comma after the last item: remove it"),
        ("questionnaires/unknown-touchpoint.yaml", "this is a mystery-shopper questionnaire"),
    ]:
        at.file_uploader(key=state.UPLOAD_WIDGET).set_value(
            (Path(name).name, (CORPUS / name).read_bytes(), "application/octet-stream")
        )
        next(b for b in at.button if b.label == "Import the journey").click().run()
        assert_clean(at)
        shown = " ".join(errors(at))
        assert f"**{Path(name).name}** cannot be imported" in shown, (name, shown)
        assert message.lower() in shown.lower(), (name, shown)  # problems start capitalised
    assert JourneyRepository(open_database(empty_workspace)).list() == []


def test_a_bad_photo_is_refused_on_the_visit_form(
    empty_workspace: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("JOURNEYMAP_DATA_DIR", str(tmp_path))
    visit_id = seed_tablet_visit(open_database(empty_workspace))
    at = app()
    at.query_params["visit"] = str(visit_id)
    at.query_params["section"] = "1"
    at.query_params["journey"] = "bank-advisory"
    at.run()
    at.switch_page(page_path("visit_form")).run()
    assert_clean(at)
    upload(at, f"answer-{visit_id}-0-entrance-photo-upload", "photos/html.jpg")
    assert_clean(at)
    assert any(
        "html.jpg is not a photo this app can read: use a JPEG, PNG or WebP image" in e
        for e in errors(at)
    ), errors(at)
    assert not (tmp_path / "photos").exists() or not any((tmp_path / "photos").iterdir())

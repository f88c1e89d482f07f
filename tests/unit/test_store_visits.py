"""The visit workflow in the database: autosave, timers, photos, review, versions."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import Engine

from journeymap.io.photos import PhotoRejected, clean_photo
from journeymap.model.visit_status import StatusChangeRefused
from journeymap.store.answers import (
    PersonalDataRefused,
    read_visit_answers,
    save_answer,
    start_timer,
    stop_timer,
)
from journeymap.store.engine import make_engine, open_database
from journeymap.store.photos import add_photo, remove_photo, visit_photos
from journeymap.store.programme import save_questionnaire
from journeymap.store.visit_workflow import change_status, return_visit, review_notes
from journeymap.store.visits import VisitLocked, get_visit, list_visits
from tests.shopping import SHOPPER_ID, answer_required, seed_tablet_visit, tablet_questionnaire

T0 = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def engine(database_url: str) -> Engine:
    return open_database(database_url)


def test_answers_survive_a_new_connection_and_saving_twice_is_one_row(
    engine: Engine, database_url: str
) -> None:
    visit_id = seed_tablet_visit(engine)
    save_answer(engine, visit_id, "greeted", value=False, now=T0, actor="tess")
    save_answer(engine, visit_id, "greeted", comment="Nobody at the desk", now=T0, actor="tess")
    save_answer(engine, visit_id, "jargon", not_applicable=True, now=T0, actor="tess")
    engine.dispose()
    # A new engine is what a restarted server or another tablet session gets.
    fresh = make_engine(database_url)
    stored = read_visit_answers(fresh, visit_id)
    assert set(stored) == {"greeted", "jargon"}
    assert (stored["greeted"].value, stored["greeted"].comment) == (False, "Nobody at the desk")
    assert stored["jargon"].not_applicable
    visit = get_visit(fresh, visit_id)
    assert visit is not None
    assert (visit.status, visit.started_at) == ("in_progress", T0)


def test_shopper_filter_scopes_reads(engine: Engine) -> None:
    visit_id = seed_tablet_visit(engine)
    assert get_visit(engine, visit_id, shopper_id="someone-else") is None
    assert [v.id for v in list_visits(engine, shopper_id=SHOPPER_ID)] == [visit_id]


def test_timer_runs_on_the_server_clock(engine: Engine) -> None:
    visit_id = seed_tablet_visit(engine)
    start_timer(engine, visit_id, "wait", now=T0, actor="tess")
    assert read_visit_answers(engine, visit_id)["wait"].timer_running
    assert (
        stop_timer(engine, visit_id, "wait", now=T0 + timedelta(seconds=263.6), actor="tess") == 264
    )
    stored = read_visit_answers(engine, visit_id)["wait"]
    assert (stored.value, stored.timer_running) == (264, False)
    with pytest.raises(ValueError, match="not a timer question"):
        stop_timer(engine, visit_id, "tidy", actor="tess")
    fresh = seed_tablet_visit(engine, key="tablet-2")
    with pytest.raises(ValueError, match="press Start first"):
        stop_timer(engine, fresh, "wait", actor="tess")


def test_a_second_stop_keeps_the_first_and_a_late_start_does_not_undo_it(
    engine: Engine,
) -> None:
    visit_id = seed_tablet_visit(engine)
    start_timer(engine, visit_id, "wait", now=T0, actor="tess")
    # A second tap on Start while it runs: still counting from the first.
    start_timer(engine, visit_id, "wait", now=T0 + timedelta(seconds=5), actor="tess")
    assert stop_timer(engine, visit_id, "wait", now=T0 + timedelta(seconds=90), actor="tess") == 90
    # Two taps on Stop 0.35 s apart: the second changes nothing.
    assert (
        stop_timer(engine, visit_id, "wait", now=T0 + timedelta(seconds=90.35), actor="tess") == 90
    )
    # A tap meant for Stop that lands on Start: refused, the 90 s stay.
    with pytest.raises(ValueError, match="confirm 'Start again'"):
        start_timer(engine, visit_id, "wait", now=T0 + timedelta(seconds=90.7), actor="tess")
    stored = read_visit_answers(engine, visit_id)["wait"]
    assert (stored.value, stored.timer_running) == (90, False)
    # Confirmed, it starts again from zero.
    start_timer(
        engine, visit_id, "wait", now=T0 + timedelta(seconds=120), actor="tess", restart=True
    )
    stored = read_visit_answers(engine, visit_id)["wait"]
    assert (stored.value, stored.timer_running) == (None, True)


def test_submitted_visit_is_read_only_until_returned(engine: Engine) -> None:
    visit_id = seed_tablet_visit(engine)
    answer_required(engine, visit_id, actor="tess")
    change_status(engine, visit_id, "submitted", actor="tess")
    with pytest.raises(VisitLocked, match="can no longer change"):
        save_answer(engine, visit_id, "greeted", value=False, actor="tess")
    with pytest.raises(StatusChangeRefused, match="cannot become counted"):
        change_status(engine, visit_id, "counted", actor="tess")
    return_visit(engine, visit_id, {"greeted": "Add what you saw"}, actor="rita")
    assert [n.question_id for n in review_notes(engine, visit_id, open_only=True)] == ["greeted"]
    save_answer(
        engine, visit_id, "greeted", comment="Two staff at the till, none looked up", actor="tess"
    )
    change_status(engine, visit_id, "submitted", actor="tess")
    assert review_notes(engine, visit_id, open_only=True) == []
    change_status(engine, visit_id, "approved", actor="tess")
    change_status(engine, visit_id, "counted", actor="tess")
    visit = get_visit(engine, visit_id)
    assert visit is not None
    assert visit.status == "counted"


def test_a_started_visit_keeps_its_version(engine: Engine) -> None:
    visit_id = seed_tablet_visit(engine)
    later = seed_tablet_visit(engine, key="tablet-2")
    save_answer(engine, visit_id, "greeted", value=True, actor="tess")
    v2 = tablet_questionnaire().model_copy(update={"version": 2, "name": "Changed"})
    save_questionnaire(engine, v2, actor="tess")
    save_answer(engine, visit_id, "tidy", value=4, actor="tess")
    save_answer(engine, later, "tidy", value=4, actor="tess")
    assert get_visit(engine, visit_id).questionnaire_version == 1  # type: ignore[union-attr]
    # Not started before the change: it starts on the newest version.
    assert get_visit(engine, later).questionnaire_version == 2  # type: ignore[union-attr]


def test_no_personal_data_on_a_competitor_visit(engine: Engine) -> None:
    visit_id = seed_tablet_visit(engine, key="rival-1", competitor=True)
    with pytest.raises(PersonalDataRefused, match="never recorded on a competitor visit"):
        save_answer(engine, visit_id, "adviser-name", value="Anne", actor="tess")
    save_answer(engine, visit_id, "impression", value="Quick and friendly", actor="tess")


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), "steelblue")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {2: (55.0, 40.0, 0.0)}  # GPSInfo: latitude
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_photos_lose_their_metadata_and_are_stored(engine: Engine, tmp_path: Path) -> None:
    raw = jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif()
    clean = clean_photo(raw, "IMG_0001.jpg")
    assert not Image.open(io.BytesIO(clean.data)).getexif()
    assert (clean.content_type, clean.width, clean.height) == ("image/jpeg", 64, 48)
    visit_id = seed_tablet_visit(engine)
    photo_id = add_photo(
        engine,
        tmp_path,
        visit_id,
        "entrance-photo",
        data=clean.data,
        extension=clean.extension,
        content_type=clean.content_type,
        width=clean.width,
        height=clean.height,
        original_name="IMG_0001.jpg",
        actor="tess",
    )
    (photo,) = visit_photos(engine, visit_id)
    assert (tmp_path / photo.file_name).read_bytes() == clean.data
    assert read_visit_answers(engine, visit_id)["entrance-photo"].value == [photo_id]
    remove_photo(engine, tmp_path, visit_id, photo_id, actor="tess")
    assert visit_photos(engine, visit_id) == []
    assert not (tmp_path / photo.file_name).exists()
    assert read_visit_answers(engine, visit_id)["entrance-photo"].value == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4 not a picture", "not a photo this app can read"),
        (jpeg_with_gps()[:200], "damaged or incomplete"),
        (b"\xff" * (5 * 1024 * 1024 + 1), "at most 5 MB"),
    ],
    ids=["pdf renamed to jpg", "truncated jpeg", "too large"],
)
def test_bad_photos_are_refused_with_a_sentence(data: bytes, message: str) -> None:
    with pytest.raises(PhotoRejected, match=message):
        clean_photo(data, "upload.jpg")

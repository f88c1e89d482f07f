"""The visit form's and the review's door: who may change a visit, and who is named."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from journeymap.model.access import Role, Viewer
from journeymap.services import review, visits
from journeymap.services.access import NotAllowed
from journeymap.store.answers import start_timer, stop_timer
from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from journeymap.store.programme import save_questionnaire
from journeymap.store.visit_workflow import AnswersMissing, change_status, review_notes
from journeymap.store.visits import get_visit
from tests.shopping import (
    REQUIRED_ANSWERS,
    SHOPPER_ID,
    answer_required,
    seed_tablet_visit,
    tablet_questionnaire,
)

TESS = Viewer(name="tess.tablet", role=Role.SHOPPER, shopper_id=SHOPPER_ID)
OTHER_SHOPPER = Viewer(name="otto.other", role=Role.SHOPPER, shopper_id="someone-else")
ADMIN = Viewer(name="alma.admin", role=Role.ADMIN)
LEADER = Viewer(name="Rita Reviewer", role=Role.LEADER)
ANALYST = Viewer(name="ane.analyst", role=Role.ANALYST)
MANAGER = Viewer(name="mona.manager", role=Role.LOCATION_MANAGER)


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    return open_database(sqlite_url)


def link_viewer(visit_id: int) -> Viewer:
    return Viewer(
        name=f"visit link {visit_id}", role=Role.SHOPPER, shopper_id=SHOPPER_ID, only_visit=visit_id
    )


def test_a_shopper_answers_their_own_visit_and_is_named_in_the_audit_log(engine: Engine) -> None:
    visit_id = seed_tablet_visit(engine)
    visits.save_answer(TESS, engine, visit_id, "greeted", value=True)
    assert visits.visit_form(TESS, engine, visit_id).answers["greeted"].value is True
    entries = read_audit(engine, object_kind="visit")
    assert {(e.actor, e.action) for e in entries} == {
        ("tess.tablet", "in progress"),
        ("tess.tablet", "answered"),
    }


@pytest.mark.parametrize(
    "viewer",
    [OTHER_SHOPPER, ANALYST, MANAGER, LEADER],
    ids=["another shopper", "analyst", "location manager", "leader"],
)
def test_nobody_else_touches_a_shoppers_visit(engine: Engine, viewer: Viewer) -> None:
    visit_id = seed_tablet_visit(engine)
    for change in (
        lambda: visits.save_answer(viewer, engine, visit_id, "greeted", value=True),
        lambda: visits.start_timer(viewer, engine, visit_id, "wait"),
        lambda: visits.submit_visit(viewer, engine, visit_id),
    ):
        with pytest.raises(NotAllowed):
            change()
    assert visits.open_visit(viewer, engine, visit_id) is None
    assert get_visit(engine, visit_id).status == "assigned"  # type: ignore[union-attr]
    assert read_audit(engine, object_kind="visit") == []


def test_a_visit_link_opens_its_own_visit_and_no_other(engine: Engine) -> None:
    first = seed_tablet_visit(engine, key="tablet-1")
    second = seed_tablet_visit(engine, key="tablet-2")  # the same shopper's
    viewer = link_viewer(first)
    visits.save_answer(viewer, engine, first, "greeted", value=True)
    with pytest.raises(NotAllowed, match=f"opens visit {first} only"):
        visits.save_answer(viewer, engine, second, "greeted", value=True)
    assert [v.id for v in visits.my_visits(viewer, engine, SHOPPER_ID, ("assigned",))] == []
    assert visits.open_visit(viewer, engine, second) is None


def test_an_admin_helping_on_the_phone_is_named_as_themselves(engine: Engine) -> None:
    visit_id = seed_tablet_visit(engine)
    visits.save_answer(ADMIN, engine, visit_id, "greeted", value=False)
    assert {e.actor for e in read_audit(engine, object_kind="visit")} == {"alma.admin"}


# --- submit: every required answer, in the one transaction that submits ------------------


def test_a_submit_with_answers_missing_is_refused_and_changes_nothing(engine: Engine) -> None:
    visit_id = seed_tablet_visit(engine)
    before = get_visit(engine, visit_id)
    with pytest.raises(AnswersMissing, match="7 thing\\(s\\) to do") as refused:
        visits.submit_visit(TESS, engine, visit_id)
    assert [m.question_id for m in refused.value.missing] == list(REQUIRED_ANSWERS)
    # Not even started: the refused submit is one transaction, rolled back as a whole.
    assert get_visit(engine, visit_id) == before
    assert read_audit(engine, object_kind="visit") == []


def test_no_store_path_submits_a_visit_with_a_required_answer_missing(engine: Engine) -> None:
    visit_id = seed_tablet_visit(engine)
    answer_required(engine, visit_id)
    visits.save_answer(TESS, engine, visit_id, "tidy", value=None)  # cleared again
    with pytest.raises(AnswersMissing, match="How tidy was the waiting area\\?: answer it"):
        change_status(engine, visit_id, "submitted", actor="tess.tablet")
    assert get_visit(engine, visit_id).status == "in_progress"  # type: ignore[union-attr]


def test_a_failed_answer_needs_its_comment_before_submit(engine: Engine) -> None:
    visit_id = seed_tablet_visit(engine)
    answer_required(engine, visit_id)
    visits.save_answer(TESS, engine, visit_id, "greeted", value=False)  # comment_on_fail
    with pytest.raises(AnswersMissing, match="misses full points, add a comment"):
        visits.submit_visit(TESS, engine, visit_id)
    visits.save_answer(TESS, engine, visit_id, "greeted", comment="Nobody at the desk")
    visits.submit_visit(TESS, engine, visit_id)
    assert get_visit(engine, visit_id).status == "submitted"  # type: ignore[union-attr]
    (submitted,) = [e for e in read_audit(engine) if e.action == "submitted"]
    assert (submitted.actor, submitted.detail) == ("tess.tablet", "was in_progress")


# --- review: signed by the signed-in reviewer ------------------------------------------------


def submitted_visit(engine: Engine) -> int:
    visit_id = seed_tablet_visit(engine)
    answer_required(engine, visit_id)
    visits.submit_visit(TESS, engine, visit_id)
    return visit_id


def test_review_notes_are_signed_by_the_reviewer_who_returns_the_visit(engine: Engine) -> None:
    visit_id = submitted_visit(engine)
    count = review.return_for_correction(
        LEADER, engine, visit_id, {"greeted": "  Who greeted you?  ", "tidy": " "}
    )
    assert count == 1
    (note,) = review_notes(engine, visit_id)
    assert (note.question_id, note.note, note.reviewer) == (
        "greeted",
        "Who greeted you?",
        "Rita Reviewer",
    )
    returned = next(e for e in read_audit(engine) if e.action == "returned")
    assert returned.actor == "Rita Reviewer"
    assert get_visit(engine, visit_id).status == "returned"  # type: ignore[union-attr]


def test_a_return_needs_a_note_on_a_question_of_the_visit(engine: Engine) -> None:
    visit_id = submitted_visit(engine)
    with pytest.raises(ValueError, match="add a note to at least one"):
        review.return_for_correction(LEADER, engine, visit_id, {"greeted": "   "})
    with pytest.raises(ValueError, match="has no question 'nonsense'"):
        review.return_for_correction(LEADER, engine, visit_id, {"nonsense": "Fix"})
    assert get_visit(engine, visit_id).status == "submitted"  # type: ignore[union-attr]


@pytest.mark.parametrize("viewer", [TESS, ANALYST, MANAGER], ids=["shopper", "analyst", "manager"])
def test_only_reviewers_decide(engine: Engine, viewer: Viewer) -> None:
    visit_id = submitted_visit(engine)
    for decide in (
        lambda: review.approve(viewer, engine, visit_id),
        lambda: review.return_for_correction(viewer, engine, visit_id, {"greeted": "Why?"}),
        lambda: review.visits_to_review(viewer, engine, None),
    ):
        with pytest.raises(NotAllowed, match="may not review visits"):
            decide()


def test_approve_and_count_are_signed_too(engine: Engine) -> None:
    visit_id = submitted_visit(engine)
    review.approve(LEADER, engine, visit_id)
    review.mark_counted(ADMIN, engine, visit_id)
    actions = {e.action: e.actor for e in read_audit(engine, object_kind="visit")}
    assert (actions["approved"], actions["counted"]) == ("Rita Reviewer", "alma.admin")


# --- answers outside every band: refused where they are given ---------------------------


def shortened_bands(engine: Engine) -> int:
    """A visit whose questionnaire's wait bands stop at 600 s (version 2, newest)."""
    visit_id = seed_tablet_visit(engine)
    v2 = tablet_questionnaire().model_copy(deep=True, update={"version": 2})
    wait = next(q for q in v2.questions() if q.id == "wait")
    wait.bands = wait.bands[:2]  # 0–300 s: 3 points, 300–600 s: 1 point; nothing above
    save_questionnaire(engine, v2, actor="fixture")
    return visit_id


BANDS = "(0–300 s, 300–600 s)"


def test_a_wait_outside_every_band_is_refused_by_the_form(engine: Engine) -> None:
    visit_id = shortened_bands(engine)
    with pytest.raises(visits.AnswerRefused) as refused:
        visits.save_answer(TESS, engine, visit_id, "wait", value=700)
    assert str(refused.value) == (
        "'How long did you wait for the adviser?': 700 s is outside every band of this "
        f"question {BANDS}, so it cannot be scored: check the value, and if it is right, ask "
        "the programme manager to add a band for it"
    )
    assert "wait" not in visits.visit_form(TESS, engine, visit_id).answers
    visits.save_answer(TESS, engine, visit_id, "wait", value=600)  # the top of the last band


def test_a_timer_stopped_outside_every_band_stops_but_keeps_no_value(engine: Engine) -> None:
    visit_id = shortened_bands(engine)
    start = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
    start_timer(engine, visit_id, "wait", now=start, actor="tess.tablet")
    with pytest.raises(visits.AnswerRefused, match=f"700 s is outside every band .*{BANDS[1:-1]}"):
        stop_timer(engine, visit_id, "wait", now=start + timedelta(seconds=700), actor="tess")
    stored = visits.visit_form(TESS, engine, visit_id).answers["wait"]
    assert (stored.value, stored.timer_running) == (None, False)


@pytest.mark.parametrize(
    ("question_id", "value", "message"),
    [
        ("tidy", 7, "7 is outside the scale 1–5"),
        ("tidy", True, "'True' must be a number of 0 or more"),
        ("greeted", "yes", "'yes' is not yes or no"),
        ("outcome", "Something else", "is not one of the options"),
        ("minutes", -5, "'-5' must be a number of 0 or more"),
        ("entrance-photo", [1], "photos are added with the camera or as a file"),
        ("no-such-question", 1, "has no question 'no-such-question'"),
    ],
)
def test_the_form_takes_only_answers_the_question_takes(
    engine: Engine, question_id: str, value: object, message: str
) -> None:
    visit_id = seed_tablet_visit(engine)
    with pytest.raises(visits.AnswerRefused, match=message):
        visits.save_answer(TESS, engine, visit_id, question_id, value=value)


def test_na_only_where_the_question_allows_it(engine: Engine) -> None:
    visit_id = seed_tablet_visit(engine)
    with pytest.raises(visits.AnswerRefused, match="N/A is not allowed"):
        visits.save_answer(TESS, engine, visit_id, "greeted", value=None, not_applicable=True)
    visits.save_answer(TESS, engine, visit_id, "jargon", value=None, not_applicable=True)

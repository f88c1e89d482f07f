"""Twenty shoppers saving answers at the same moment: nothing lost, nothing twice.

The app serves every tablet from one process with one engine, so the shoppers here are
threads sharing one engine, started together by a barrier.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from sqlalchemy import Engine, func, select, text, update

from journeymap.store.answers import read_visit_answers, save_answer
from journeymap.store.engine import make_engine, open_database
from journeymap.store.programme import insert_shoppers, insert_visits
from journeymap.store.tables import AnswerRow, VisitRow
from journeymap.store.visit_workflow import change_status
from journeymap.store.visits import VisitLocked, get_visit
from tests.shopping import seed_tablet_visit

SHOPPERS = 20
ROUNDS = 2
# Every question of the tablet questionnaire but the photo: (question, answer in round r).
ANSWERS = {
    "greeted": lambda shopper, r: (shopper + r) % 2 == 0,
    "wait": lambda shopper, r: 60 * (shopper + r),
    "tidy": lambda shopper, r: 1 + (shopper + r) % 5,
    "whole-economy": lambda shopper, r: r != 1,
    "outcome": lambda shopper, r: ["A pre-approval", "Told to book another meeting"][r % 2],
    "minutes": lambda shopper, r: 30 + shopper + r,
    "jargon": lambda shopper, r: None,
    "adviser-name": lambda shopper, r: f"Adviser {shopper}",
    "impression": lambda shopper, r: f"Shopper {shopper}, round {r}: the coffee",
}


def seed_visits(engine: Engine) -> list[int]:
    """One assigned visit for each of twenty shoppers, in the test branch."""
    seed_tablet_visit(engine, key="visit-0")
    insert_shoppers(
        engine,
        [{"id": f"shopper-{i}", "name": f"Shopper {i}"} for i in range(SHOPPERS)],
        actor="tess",
    )
    insert_visits(
        engine,
        [
            {
                "external_key": f"visit-{i}",
                "questionnaire_id": "bank-tablet",
                "questionnaire_version": 1,
                "location_id": "tablet-branch",
                "shopper_id": f"shopper-{i}",
                "scenario": "",
                "window_start": date(2026, 11, 1),
                "window_end": date(2026, 11, 30),
                "status": "assigned",
            }
            for i in range(1, SHOPPERS)
        ],
        actor="tess",
    )
    with engine.connect() as connection:
        keys = {f"visit-{i}": i for i in range(SHOPPERS)}
        rows = connection.execute(select(VisitRow.external_key, VisitRow.id)).all()
    return [visit_id for key, visit_id in sorted(rows, key=lambda row: keys[row[0]])]


def fill_in_and_submit(
    engine: Engine, barrier: threading.Barrier, shopper: int, visit_id: int
) -> None:
    barrier.wait()
    for r in range(ROUNDS):
        for question, answer in ANSWERS.items():
            if question == "jargon":
                save_answer(engine, visit_id, question, not_applicable=True, actor="tess")
            else:
                save_answer(engine, visit_id, question, value=answer(shopper, r), actor="tess")
        save_answer(engine, visit_id, "greeted", comment=f"round {r}", actor="tess")
    change_status(engine, visit_id, "submitted", actor="tess")


def test_twenty_shoppers_saving_at_once_lose_nothing(database_url: str) -> None:
    engine = open_database(database_url)
    visits = seed_visits(engine)
    assert len(visits) == SHOPPERS
    barrier = threading.Barrier(SHOPPERS)
    with ThreadPoolExecutor(max_workers=SHOPPERS) as pool:
        futures = [
            pool.submit(fill_in_and_submit, engine, barrier, shopper, visit_id)
            for shopper, visit_id in enumerate(visits)
        ]
        for future in futures:
            future.result()  # a "database is locked" or any other failure surfaces here
    engine.dispose()

    fresh = make_engine(database_url)
    with fresh.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(AnswerRow)) == SHOPPERS * 9
        per_visit = dict(
            connection.execute(
                select(AnswerRow.visit_id, func.count()).group_by(AnswerRow.visit_id)
            ).all()
        )
    assert per_visit == {visit_id: 9 for visit_id in visits}
    last = ROUNDS - 1
    for shopper, visit_id in enumerate(visits):
        stored = read_visit_answers(fresh, visit_id)
        expected = {q: answer(shopper, last) for q, answer in ANSWERS.items() if q != "jargon"}
        assert {q: a.value for q, a in stored.items() if q != "jargon"} == expected
        assert stored["jargon"].not_applicable
        assert stored["greeted"].comment == f"round {last}"
        visit = get_visit(fresh, visit_id)
        assert visit is not None
        assert visit.status == "submitted"


def test_an_answer_racing_a_submit_is_refused_not_written_after_it(sqlite_url: str) -> None:
    """A submit holds the write lock while an answer arrives: once the submit commits,
    the answer must see "submitted" and be refused, not land in a submitted visit."""
    engine = open_database(sqlite_url)
    visit_id = seed_tablet_visit(engine, key="race")
    save_answer(engine, visit_id, "greeted", value=True, actor="tess")  # the visit is in progress
    submitter = make_engine(sqlite_url)
    outcome: list[object] = []

    def late_answer() -> None:
        try:
            save_answer(engine, visit_id, "tidy", value=5, actor="tess")
            outcome.append("saved")
        except VisitLocked as error:
            outcome.append(error)

    with submitter.connect() as connection:
        connection.execute(text("BEGIN IMMEDIATE"))
        connection.execute(
            update(VisitRow).where(VisitRow.id == visit_id).values(status="submitted")
        )
        shopper = threading.Thread(target=late_answer)
        shopper.start()
        shopper.join(timeout=0.5)  # the answer is waiting for the lock now
        assert shopper.is_alive()
        connection.execute(text("COMMIT"))
    shopper.join(timeout=20)
    assert len(outcome) == 1
    assert isinstance(outcome[0], VisitLocked)
    assert "tidy" not in read_visit_answers(engine, visit_id)
    with pytest.raises(VisitLocked):
        save_answer(engine, visit_id, "tidy", value=5, actor="tess")
    submitter.dispose()
    engine.dispose()

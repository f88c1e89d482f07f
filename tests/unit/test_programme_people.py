"""Shoppers and locations made, changed and switched off through the programme's door,
from the services and from the command line."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from journeymap.model.access import Role, Viewer
from journeymap.services import people, programme
from journeymap.services.access import NotAllowed
from journeymap.services.sign_in import SignInRefused, account_viewer, sign_in
from journeymap.store.accounts import create_user
from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from tests.access_workspace import PASSWORD
from tests.shopping import SHOPPER_ID, seed_tablet_visit, tablet_questionnaire
from tests.unit.test_cli import run

LEADER = Viewer(name="leif.leader", role=Role.LEADER)
ANALYST = Viewer(name="ane.analyst", role=Role.ANALYST)


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    engine = open_database(sqlite_url)
    seed_tablet_visit(engine)
    return engine


def test_a_shopper_is_added_changed_and_switched_off_with_an_audit_entry_each(
    engine: Engine,
) -> None:
    added = people.add_shopper(LEADER, engine, "kim-01", "  Kim   Kjær ", "Nord")
    assert added == people.Shopper("kim-01", "Kim Kjær", "Nord", True)
    changed = people.edit_shopper(LEADER, engine, "kim-01", region="Syd")
    assert (changed.item.region, changed.open_visits) == ("Syd", 0)
    off = people.edit_shopper(LEADER, engine, "kim-01", active=False)
    assert not off.item.active
    stored = {s.id: s for s in people.shoppers(LEADER, engine)}
    assert stored["kim-01"] == people.Shopper("kim-01", "Kim Kjær", "Syd", False)
    assert "kim-01" not in {s.id for s in people.shoppers(LEADER, engine, active_only=True)}
    entries = [(e.action, e.detail, e.actor) for e in read_audit(engine) if e.object_id == "kim-01"]
    assert sorted(entries) == sorted(
        [
            ("created", "Kim Kjær (Nord)", "leif.leader"),
            ("changed", "region: Nord → Syd", "leif.leader"),
            ("switched off", "active: True → False", "leif.leader"),
        ]
    )


def test_adding_an_id_that_is_taken_changes_nothing(engine: Engine) -> None:
    with pytest.raises(people.AlreadyThere) as refused:
        people.add_shopper(LEADER, engine, SHOPPER_ID, "Someone Else")
    assert str(refused.value) == (
        f"there is a shopper '{SHOPPER_ID}' already (Tess Tablet): change it with "
        "edit-shopper, or choose another id"
    )
    assert {s.id: s.name for s in people.shoppers(LEADER, engine)}[SHOPPER_ID] == "Tess Tablet"
    with pytest.raises(people.AlreadyThere):
        people.add_location(LEADER, engine, "tablet-branch", "Another branch")


@pytest.mark.parametrize(
    ("shopper_id", "name", "message"),
    [
        ("Kim Kjær", "Kim", "shopper id 'Kim Kjær': use 1–80 lowercase letters and digits"),
        ("kim", "   ", "shopper name: give a name a person recognises"),
        ("kim", "x" * 201, "shopper name: the name has 201 characters; keep it under 200"),
    ],
)
def test_a_bad_id_or_name_is_refused_with_a_sentence(
    engine: Engine, shopper_id: str, name: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        people.add_shopper(LEADER, engine, shopper_id, name)


def test_only_who_runs_the_programme_manages_its_people(engine: Engine) -> None:
    for change in (
        lambda: people.add_shopper(ANALYST, engine, "kim", "Kim"),
        lambda: people.edit_shopper(ANALYST, engine, SHOPPER_ID, active=False),
        lambda: people.add_location(ANALYST, engine, "x", "X"),
        lambda: people.edit_location(ANALYST, engine, "tablet-branch", active=False),
        lambda: people.shoppers(ANALYST, engine),
    ):
        with pytest.raises(NotAllowed):
            change()


def test_a_location_with_visits_keeps_its_kind(engine: Engine) -> None:
    with pytest.raises(ValueError, match="cannot become") as refused:
        people.edit_location(LEADER, engine, "tablet-branch", competitor=True)
    assert str(refused.value) == (
        "Test branch has 1 visit(s) as an own location: it cannot become a competitor one; "
        "add a new location instead"
    )
    people.add_location(LEADER, engine, "rival-2", "Rival 2", "Test", competitor=False)
    changed = people.edit_location(LEADER, engine, "rival-2", competitor=True)
    assert changed.item.competitor


def test_a_switched_off_shopper_or_location_gets_no_new_visit(engine: Engine) -> None:
    off = people.edit_shopper(LEADER, engine, SHOPPER_ID, active=False)
    assert off.open_visits == 1  # the seeded visit, to reassign or cancel
    with pytest.raises(programme.SwitchedOff, match="Tess Tablet is switched off"):
        assign(engine, SHOPPER_ID, "tablet-branch")
    people.add_shopper(LEADER, engine, "kim", "Kim")
    people.edit_location(LEADER, engine, "tablet-branch", active=False)
    with pytest.raises(programme.SwitchedOff, match="Test branch is switched off"):
        assign(engine, "kim", "tablet-branch")
    held = programme.programme(LEADER, engine, "bank-advisory")
    assert (SHOPPER_ID in held.shoppers, "tablet-branch" in held.locations) == (False, False)


def test_a_switched_off_shopper_no_longer_signs_in(engine: Engine) -> None:
    create_user(engine, "tess", "shopper", PASSWORD, actor="fixture", shopper_id=SHOPPER_ID)
    assert account_viewer(engine, "tess") is not None
    people.edit_shopper(LEADER, engine, SHOPPER_ID, active=False)
    assert account_viewer(engine, "tess") is None  # a session open now ends at the next click
    with pytest.raises(SignInRefused, match="switched off in the programme"):
        sign_in(engine, "tess", PASSWORD)
    people.edit_shopper(LEADER, engine, SHOPPER_ID, active=True)
    assert sign_in(engine, "tess", PASSWORD).account.name == "tess"


def assign(engine: Engine, shopper: str, location: str) -> None:
    programme.assign_visit(
        LEADER,
        engine,
        tablet_questionnaire(),
        location_id=location,
        shopper_id=shopper,
        window_start=date(2026, 12, 1),
        window_end=date(2026, 12, 5),
    )


def test_cli_adds_a_shopper_an_account_can_then_sign_in_as(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, only the demo could make shoppers: create-user --shopper new-id failed."""
    code, out, _ = run(
        capsys, "--db", sqlite_url, "add-shopper", "new-id", "--name", "Nina Ny", "--region", "Øst"
    )
    assert (code, out) == (0, "Added shopper new-id (Nina Ny).\n")
    code, _, err = run(capsys, "--db", sqlite_url, "add-shopper", "new-id", "--name", "Other")
    assert code == 1
    assert "there is a shopper 'new-id' already (Nina Ny)" in err
    monkeypatch.setattr("sys.stdin", _Stdin(PASSWORD))
    code, out, err = run(
        capsys,
        "--db",
        sqlite_url,
        "create-user",
        "nina",
        "--role",
        "shopper",
        "--shopper",
        "new-id",
    )
    assert (code, out, err) == (0, "Created nina (shopper).\n", "")
    code, out, _ = run(capsys, "--db", sqlite_url, "edit-shopper", "new-id", "--inactive")
    assert (code, out) == (0, "Shopper new-id (Nina Ny, Øst): switched off.\n")
    code, out, _ = run(capsys, "--db", sqlite_url, "shoppers", "--json")
    assert out.count('"active": false') == 1


def test_cli_adds_and_edits_locations(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    code, out, _ = run(
        capsys, "--db", sqlite_url, "add-location", "rival-1", "--name", "Rival", "--competitor"
    )
    assert (code, out) == (0, "Added competitor location rival-1 (Rival).\n")
    code, out, _ = run(
        capsys, "--db", sqlite_url, "edit-location", "rival-1", "--region", "Vest", "--inactive"
    )
    assert (code, out) == (0, "Location rival-1 (Rival, competitor): switched off.\n")
    code, out, _ = run(capsys, "--db", sqlite_url, "locations")
    assert out.split() == ["rival-1", "Rival", "Vest", "competitor", "switched", "off"]


class _Stdin:
    """Standard input that is not a terminal: create-user reads the password's line."""

    def __init__(self, line: str) -> None:
        self._line = line

    def isatty(self) -> bool:
        return False

    def readline(self) -> str:
        return self._line + "\n"

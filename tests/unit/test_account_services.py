"""The services of accounts, actions, the audit log and the workspace: who may change
what, and that the audit log names the person who did."""

from __future__ import annotations

import ast
import io
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from journeymap.cli import main
from journeymap.model.access import Role, Viewer
from journeymap.model.actions import ActionFields
from journeymap.services import accounts, actions, audit, workspace
from journeymap.services.access import NotAllowed
from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from journeymap.store.tables import AuditRow
from journeymap.store.walk_notes import add_note
from tests.access_workspace import ACCOUNTS, NORTH, PASSWORD, seed_access_workspace
from tests.conftest import JOURNEYS_DIR, ROOT

ADMIN = Viewer(ACCOUNTS["admin"], Role.ADMIN)
LEADER = Viewer(ACCOUNTS["leader"], Role.LEADER)
ANALYST = Viewer(ACCOUNTS["analyst"], Role.ANALYST)
MANAGER = Viewer(ACCOUNTS["location_manager"], Role.LOCATION_MANAGER, locations=frozenset({NORTH}))
JOURNEY = "bank-advisory"


class Workspace:
    """The access workspace with one action and one walk note to act on."""

    def __init__(self, engine: Engine, tmp_path: Path) -> None:
        self.engine = engine
        self.tmp_path = tmp_path
        self.seeded = seed_access_workspace(engine)
        self.action = actions.create_action(LEADER, engine, JOURNEY, ActionFields("Shorter queue"))
        tp = workspace.stored_journey(engine, JOURNEY).journey.touchpoints[0].id  # type: ignore[union-attr]
        self.touchpoint = tp
        self.note = add_note(engine, JOURNEY, tp, "idea", "Chairs by the window", actor="fixture")
        self.backup = tmp_path / "workspace.zip"


@pytest.fixture
def ws(sqlite_url: str, tmp_path: Path) -> Workspace:
    return Workspace(open_database(sqlite_url), tmp_path)


def audit_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(AuditRow)) or 0)


# Each change of these features, as the viewer would make it.
CHANGES: dict[str, Callable[[Viewer, Workspace], Any]] = {
    "create an account": lambda v, w: accounts.create_account(
        v, w.engine, "new.person", "leader", PASSWORD
    ),
    "change a role": lambda v, w: accounts.change_account(
        v, w.engine, ACCOUNTS["leader"], role="analyst"
    ),
    "change a scope": lambda v, w: accounts.change_account(
        v, w.engine, ACCOUNTS["location_manager"], locations=frozenset({"branch-south"})
    ),
    "switch an account off": lambda v, w: accounts.change_account(
        v, w.engine, ACCOUNTS["leader"], active=False
    ),
    "set a password": lambda v, w: accounts.set_password(
        v, w.engine, ACCOUNTS["leader"], "another long sentence"
    ),
    "make a visit link": lambda v, w: accounts.issue_visit_link(
        v, w.engine, w.seeded.ada_visit, hours=2
    ),
    "add an action": lambda v, w: actions.create_action(
        v, w.engine, JOURNEY, ActionFields("Call back within a day")
    ),
    "add an action from a case": lambda v, w: actions.create_action(
        v,
        w.engine,
        JOURNEY,
        ActionFields("Fix the cause: queue", source_kind="case", source_ref="1"),
    ),
    "edit an action": lambda v, w: actions.save_action(
        v, w.engine, w.action.id, ActionFields("Much shorter queue"), expected_version=1
    ),
    "move an action": lambda v, w: actions.move_action(
        v, w.engine, w.action.id, "approved", expected_version=1
    ),
    "make a walk note an action": lambda v, w: actions.action_from_note(v, w.engine, w.note.id),
    "load the demo": lambda v, w: workspace.load_demo_workspace(v, w.engine, JOURNEYS_DIR),
    "back up": lambda v, w: workspace.back_up(v, w.engine, w.backup, photos=w.tmp_path / "p"),
    "restore": lambda v, w: workspace.restore(
        v, w.engine, w.backup, replace=True, photos=w.tmp_path / "p"
    ),
}
ADMIN_ONLY = {
    "create an account",
    "change a role",
    "change a scope",
    "switch an account off",
    "set a password",
    "back up",
    "restore",
}
REFUSED = [
    pytest.param(viewer, change, id=f"{viewer.role.value}-{change}")
    for viewer in (ANALYST, MANAGER)
    for change in CHANGES
] + [pytest.param(LEADER, change, id=f"leader-{change}") for change in sorted(ADMIN_ONLY)]


@pytest.mark.parametrize(("viewer", "change"), REFUSED)
def test_each_change_refuses_a_role_without_it_with_a_sentence(
    ws: Workspace, viewer: Viewer, change: str
) -> None:
    before = audit_count(ws.engine)
    with pytest.raises(NotAllowed) as refused:
        CHANGES[change](viewer, ws)
    message = str(refused.value)
    assert message.startswith(f"{viewer.name} (")
    assert " may not " in message
    assert message.endswith(": ask an admin if you need to.")
    assert audit_count(ws.engine) == before  # nothing was written
    assert not ws.backup.exists()


@pytest.mark.parametrize("viewer", [ANALYST, MANAGER, LEADER], ids=lambda v: v.role.value)
def test_the_audit_log_and_the_account_list_are_for_admins(ws: Workspace, viewer: Viewer) -> None:
    with pytest.raises(NotAllowed, match="may not read the audit log"):
        audit.read_audit(viewer, ws.engine)
    with pytest.raises(NotAllowed, match="may not see the accounts"):
        accounts.list_accounts(viewer, ws.engine)
    assert audit.read_audit(ADMIN, ws.engine, limit=1)


def newest(engine: Engine) -> tuple[str, str, str, str]:
    entry = read_audit(engine, limit=1)[0]
    return entry.actor, entry.action, entry.object_kind, entry.object_id


def test_account_changes_are_recorded_under_the_admin(ws: Workspace) -> None:
    engine, admin = ws.engine, ACCOUNTS["admin"]
    accounts.create_account(ADMIN, engine, "new.person", "leader", PASSWORD)
    assert newest(engine) == (admin, "created", "account", "new.person")
    accounts.change_account(ADMIN, engine, "new.person", role="analyst")
    assert newest(engine) == (admin, "changed", "account", "new.person")
    accounts.change_account(ADMIN, engine, "new.person", active=False)
    assert read_audit(engine, limit=1)[0].detail == "deactivated"
    accounts.set_password(ADMIN, engine, "new.person", "another long sentence")
    assert newest(engine) == (admin, "changed", "account", "new.person")
    accounts.issue_visit_link(ADMIN, engine, ws.seeded.ada_visit, hours=2)
    assert newest(engine) == (admin, "issued link", "visit", str(ws.seeded.ada_visit))


def test_action_changes_are_recorded_under_the_leader(ws: Workspace) -> None:
    engine, leader = ws.engine, ACCOUNTS["leader"]
    assert ws.action.created_by == leader
    created = actions.create_action(LEADER, engine, JOURNEY, ActionFields("Benches"))
    assert newest(engine) == (leader, "created", "action", str(created.id))
    actions.save_action(LEADER, engine, created.id, ActionFields("Sofas"), expected_version=1)
    assert newest(engine) == (leader, "changed", "action", str(created.id))
    actions.move_action(LEADER, engine, created.id, "approved", expected_version=2)
    assert newest(engine) == (leader, "changed", "action", str(created.id))
    from_note = actions.action_from_note(ADMIN, engine, ws.note.id)
    assert from_note.created_by == ACCOUNTS["admin"]
    assert newest(engine) == (ACCOUNTS["admin"], "created", "action", str(from_note.id))
    # A second click finds the same action and writes nothing.
    assert actions.action_from_note(LEADER, engine, ws.note.id).id == from_note.id
    assert newest(engine)[0] == ACCOUNTS["admin"]


def test_a_refused_move_leaves_the_edit_unsaved_too(ws: Workspace) -> None:
    """Text and status are one save: a done date in the future refuses both."""
    with pytest.raises(ValueError, match="in the future"):
        actions.save_action(
            LEADER,
            ws.engine,
            ws.action.id,
            ActionFields("A new title"),
            expected_version=1,
            status="done",
            done_on=date.today() + timedelta(days=3),
        )
    [stored] = actions.list_actions(ws.engine, JOURNEY)
    assert (stored.title, stored.status, stored.version) == ("Shorter queue", "idea", 1)


def test_an_action_names_only_touchpoints_of_its_journey(ws: Workspace) -> None:
    with pytest.raises(ValueError, match="no touchpoint nowhere"):
        actions.create_action(
            LEADER, ws.engine, JOURNEY, ActionFields("X", touchpoints=("nowhere",))
        )
    with pytest.raises(ValueError, match="there is no journey 'gone'"):
        actions.create_action(LEADER, ws.engine, "gone", ActionFields("X"))


def test_a_restore_is_recorded_under_whoever_restored_it(ws: Workspace, tmp_path: Path) -> None:
    workspace.back_up(ADMIN, ws.engine, ws.backup, photos=tmp_path / "p")
    target = open_database(f"sqlite:///{tmp_path / 'target.db'}")
    workspace.restore(ADMIN, target, ws.backup, photos=tmp_path / "target-photos")
    actor, action, kind, which = newest(target)
    assert (actor, action, kind, which) == (
        ACCOUNTS["admin"],
        "restored",
        "workspace",
        ws.backup.name,
    )


def test_the_demo_is_stored_under_the_person_who_loads_it(sqlite_url: str) -> None:
    engine = open_database(sqlite_url)
    report = workspace.load_demo_workspace(LEADER, engine, JOURNEYS_DIR, today=date(2026, 11, 20))
    assert report.actions > 0
    leader = ACCOUNTS["leader"]
    stored = workspace.stored_journey(engine, JOURNEY)
    assert stored is not None
    assert stored.saved_by == leader
    assert {a.created_by for a in actions.list_actions(engine, JOURNEY)} == {leader}
    worked = read_audit(engine, object_kind="call-back cases", actor=leader)
    # One batch of created and one of worked cases per journey.
    assert sorted(e.action for e in worked) == ["changed"] * 3 + ["created"] * 3


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code = main(list(args))
    return code, *capsys.readouterr()


def test_commands_act_as_the_person_named_with_as(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JOURNEYMAP_AUTHOR", "ops")
    code, _, err = run(
        monkeypatch,
        capsys,
        "--db",
        sqlite_url,
        "--as",
        "ida",
        "create-user",
        "bo",
        "--role",
        "leader",
    )
    assert (code, err) == (0, "")
    engine = open_database(sqlite_url)
    assert newest(engine) == ("ida (command line)", "created", "account", "bo")
    # Without --as: JOURNEYMAP_AUTHOR.
    code, _, err = run(monkeypatch, capsys, "--db", sqlite_url, "set-password", "bo")
    assert (code, err) == (0, "")
    assert newest(engine) == ("ops (command line)", "changed", "account", "bo")
    engine.dispose()


# The interface files of these features, and the demo: services only, no table rows.
INTERFACE_FILES = [
    "journeymap/ui/shell/auth.py",
    "journeymap/ui/loaders/actions.py",
    "journeymap/ui/widgets/actions/action_forms.py",
    "journeymap/ui/widgets/actions/action_views.py",
    "journeymap/ui/loaders/exports.py",
    "journeymap/ui/shell/navigation.py",
    "journeymap/ui/pages/accounts.py",
    "journeymap/ui/pages/audit_log.py",
    "journeymap/ui/pages/actions.py",
    "journeymap/ui/pages/export.py",
    "journeymap/cli/__init__.py",
    "journeymap/cli/common.py",
    "journeymap/cli/actions.py",
    "journeymap/cli/workspace.py",
    "journeymap/cli/export.py",
]


def imported(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("name", INTERFACE_FILES)
def test_pages_and_commands_reach_the_store_only_through_services(name: str) -> None:
    stores = {m for m in imported(ROOT / name) if m.startswith("journeymap.store")}
    assert stores <= {"journeymap.store.engine"}, name


def test_the_demo_uses_no_table_rows() -> None:
    for path in sorted((ROOT / "journeymap" / "demo").glob("*.py")):
        assert "journeymap.store.tables" not in imported(path), path.name


def test_root_causes_and_walk_notes_are_sources_of_actions(demo_url: str) -> None:
    engine = open_database(demo_url)
    stored = workspace.stored_journey(engine, JOURNEY)
    assert stored is not None
    names = {t.id for t in stored.journey.touchpoints}
    cases = actions.action_sources(engine, stored.journey, "case")
    assert cases
    for source in cases:
        assert source.label.startswith(f"Case {source.ref} — ")
        assert source.title.startswith("Fix the cause: ")
        assert set(source.touchpoints) <= names
    add_note(engine, JOURNEY, sorted(names)[0], "idea", "Chairs <b>now</b>", actor="fixture")
    [note] = actions.action_sources(engine, stored.journey, "walk_note")
    assert (note.title, note.touchpoints) == ("Chairs <b>now</b>", (sorted(names)[0],))

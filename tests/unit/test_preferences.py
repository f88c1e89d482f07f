"""Each person's own language: any role sets it for themselves, each change audited."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from journeymap.model.access import Role, Viewer, workspace_owner
from journeymap.services.access import NotAllowed
from journeymap.services.preferences import own_language, set_own_language
from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from tests.access_workspace import ACCOUNTS, seed_access_workspace

ADMIN = Viewer(ACCOUNTS["admin"], Role.ADMIN)
SHOPPER = Viewer(ACCOUNTS["shopper"], Role.SHOPPER, shopper_id="ada")


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    path = tmp_path_factory.mktemp("preferences") / "workspace.db"
    engine = open_database(f"sqlite:///{path}")
    seed_access_workspace(engine)
    return engine


@pytest.mark.parametrize("viewer", [ADMIN, SHOPPER], ids=["admin", "shopper"])
def test_anyone_signed_in_sets_their_own_language_and_it_is_audited(
    engine: Engine, viewer: Viewer
) -> None:
    assert own_language(viewer, engine) is None
    assert set_own_language(viewer, engine, "da_DK") == "da"
    assert own_language(viewer, engine) == "da"
    entry = read_audit(engine, actor=viewer.name, object_kind="account", limit=1)[0]
    assert (entry.action, entry.object_id) == ("changed", viewer.name)
    assert entry.detail == "language workspace default → da"

    assert set_own_language(viewer, engine, "") is None
    assert own_language(viewer, engine) is None
    entry = read_audit(engine, actor=viewer.name, object_kind="account", limit=1)[0]
    assert entry.detail == "language da → workspace default"


def test_one_persons_language_leaves_the_others_alone(engine: Engine) -> None:
    set_own_language(ADMIN, engine, "sv")
    assert own_language(SHOPPER, engine) is None
    set_own_language(ADMIN, engine, None)


def test_a_language_journeymap_does_not_speak_is_refused_and_nothing_changes(
    engine: Engine,
) -> None:
    before = len(read_audit(engine))
    with pytest.raises(ValueError, match="'de' is not a language journeymap speaks"):
        set_own_language(ADMIN, engine, "de")
    assert own_language(ADMIN, engine) is None
    assert len(read_audit(engine)) == before


def test_without_an_account_there_is_no_own_language_to_keep(engine: Engine) -> None:
    owner = workspace_owner("ida")
    assert own_language(owner, engine) is None
    with pytest.raises(NotAllowed, match="JOURNEYMAP_LANGUAGE"):
        set_own_language(owner, engine, "nb")

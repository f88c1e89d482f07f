"""The journey services: who may change a journey, and every change signed by them."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine

from journeymap.io.journey_files import read_journey_file
from journeymap.model import FrictionWeights, Journey
from journeymap.model.access import Role, Viewer
from journeymap.services.access import NotAllowed
from journeymap.services.journeys import (
    StaleRevision,
    copy_journey,
    create_journey,
    get_journey,
    import_journey,
    journey_revisions,
    restore_revision,
    save_friction_weights,
    save_journey,
)
from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from tests.conftest import EXAMPLE_JOURNEY_FILES, ROOT

LEADER = Viewer("leif", Role.LEADER)
ADMIN = Viewer("alma", Role.ADMIN)
ANALYST = Viewer("ane", Role.ANALYST)
MANAGER = Viewer("mona", Role.LOCATION_MANAGER, locations=frozenset({"north"}))
SHOPPER = Viewer("ada", Role.SHOPPER, shopper_id="ada")
READERS = [ANALYST, MANAGER, SHOPPER]


@pytest.fixture
def journey() -> Journey:
    return read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    return open_database(sqlite_url)


def journey_log(engine: Engine) -> list[tuple[str, str, str]]:
    """(actor, action, detail) of the journey audit entries, oldest first."""
    entries = read_audit(engine, object_kind="journey")
    return [(e.actor, e.action, e.detail) for e in reversed(entries)]


# --- friction weights -------------------------------------------------------------------


@pytest.mark.parametrize("viewer", READERS, ids=lambda v: v.role.value)
def test_who_changes_nothing_cannot_change_the_friction_weights(
    engine: Engine, journey: Journey, viewer: Viewer
) -> None:
    create_journey(LEADER, engine, journey)
    with pytest.raises(NotAllowed, match="may not change the friction weights"):
        save_friction_weights(viewer, engine, journey.id, {"nps": 1.0})
    stored = get_journey(engine, journey.id)
    assert stored is not None
    assert (stored.revision, stored.journey.friction_weights) == (1, journey.friction_weights)
    assert [actor for actor, _, _ in journey_log(engine)] == ["leif"]


def test_the_weights_are_a_revision_signed_by_who_saved_them(
    engine: Engine, journey: Journey
) -> None:
    create_journey(ADMIN, engine, journey)
    stored = save_friction_weights(LEADER, engine, journey.id, {"nps": 0.5, "flow": 0.0})
    assert (stored.revision, stored.saved_by) == (2, "leif")
    expected = FrictionWeights(nps=0.5, shopper=0.25, kpi=0.2, flow=0.0, recurrence=0.1)
    assert stored.journey.friction_weights == expected
    assert stored.journey.model_copy(update={"friction_weights": journey.friction_weights}) == (
        journey
    )
    assert journey_revisions(engine, journey.id)[-1].note == "friction weights"
    assert journey_log(engine)[-1] == ("leif", "changed", "revision 2: friction weights")
    # The same weights again: no new revision.
    again = save_friction_weights(LEADER, engine, journey.id, {"nps": 0.5, "flow": 0.0})
    assert again.revision == 2


def test_the_weights_keep_an_edit_saved_meanwhile(engine: Engine, journey: Journey) -> None:
    create_journey(LEADER, engine, journey)
    save_journey(ADMIN, engine, journey.model_copy(update={"segment": "Families"}), base_revision=1)
    stored = save_friction_weights(LEADER, engine, journey.id, {"kpi": 0.4})
    assert (stored.revision, stored.journey.segment) == (3, "Families")
    assert stored.journey.friction_weights.kpi == 0.4


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"nps": 0, "shopper": 0, "kpi": 0, "flow": 0, "recurrence": 0}, "at least one weight"),
        ({"nps": -0.1}, "the nps weight is -0.1: a weight is a number, 0 or more"),
        ({"flow": float("nan")}, "the flow weight is nan"),
        ({"speed": 1.0}, "'speed' is not a friction weight: the weights are nps, shopper"),
    ],
)
def test_bad_weights_are_refused_with_a_sentence(
    engine: Engine, journey: Journey, weights: dict[str, float], message: str
) -> None:
    create_journey(LEADER, engine, journey)
    with pytest.raises(ValueError, match=message):
        save_friction_weights(LEADER, engine, journey.id, weights)
    assert journey_revisions(engine, journey.id)[-1].revision == 1


def test_weights_of_a_deleted_journey_are_refused(engine: Engine) -> None:
    with pytest.raises(ValueError, match="'gone' was deleted meanwhile"):
        save_friction_weights(LEADER, engine, "gone", {"nps": 1.0})


# --- create, copy, save, restore, import ------------------------------------------------


@pytest.mark.parametrize("viewer", READERS, ids=lambda v: v.role.value)
def test_who_changes_nothing_changes_no_journey(
    engine: Engine, journey: Journey, viewer: Viewer
) -> None:
    create_journey(LEADER, engine, journey)
    renamed = journey.model_copy(update={"name": "Theirs"})
    copied = journey.model_copy(update={"id": "copy"})
    attempts = [
        (lambda: create_journey(viewer, engine, copied), "create journeys"),
        (lambda: copy_journey(viewer, engine, journey.id, "copy", "Copy"), "create journeys"),
        (lambda: save_journey(viewer, engine, renamed, base_revision=1), "change journeys"),
        (
            lambda: restore_revision(viewer, engine, journey.id, 1, base_revision=1),
            "restore a journey's revision",
        ),
        (
            lambda: import_journey(
                viewer, engine, renamed, base_revision=1, force=True, source="x.yaml"
            ),
            "import journeys",
        ),
    ]
    for attempt, doing in attempts:
        with pytest.raises(NotAllowed, match=f"may not {doing}"):
            attempt()
    assert get_journey(engine, "copy") is None
    assert journey_revisions(engine, journey.id)[-1].revision == 1
    assert len(journey_log(engine)) == 1


def test_every_change_is_signed_by_the_viewer(engine: Engine, journey: Journey) -> None:
    created = create_journey(ADMIN, engine, journey)
    assert (created.revision, created.saved_by) == (1, "alma")
    renamed = journey.model_copy(update={"name": "Renamed"})
    assert save_journey(LEADER, engine, renamed, base_revision=1).saved_by == "leif"
    restored = restore_revision(ADMIN, engine, journey.id, 1, base_revision=2)
    assert (restored.revision, restored.saved_by, restored.journey) == (3, "alma", journey)
    copy = copy_journey(LEADER, engine, journey.id, "to-be", "To-be", variant=True)
    assert (copy.saved_by, copy.journey.variant_of) == ("leif", journey.id)
    assert [(r.revision, r.author) for r in journey_revisions(engine, journey.id)] == [
        (1, "alma"),
        (2, "leif"),
        (3, "alma"),
    ]
    assert journey_log(engine) == [
        ("alma", "created", "created in the app"),
        ("leif", "changed", "revision 2: edited in the app"),
        ("alma", "changed", "revision 3: restored revision 1"),
        ("leif", "created", "created in the app"),
    ]


def test_a_new_journey_never_takes_a_stored_id(engine: Engine, journey: Journey) -> None:
    create_journey(LEADER, engine, journey)
    # Not even with the same content: creating is not saving.
    with pytest.raises(ValueError, match=f"the id '{journey.id}' exists already"):
        create_journey(ADMIN, engine, journey)
    with pytest.raises(ValueError, match="'nope' is gone: choose another one to copy"):
        copy_journey(LEADER, engine, "nope", "copy", "Copy")
    assert len(journey_log(engine)) == 1


def test_import_tells_created_updated_unchanged_and_refuses_a_stale_file(
    engine: Engine, journey: Journey
) -> None:
    first = import_journey(LEADER, engine, journey, base_revision=None, source="a.yaml")
    assert (first.outcome, first.stored.revision, first.stored.saved_by) == ("created", 1, "leif")
    same = import_journey(ADMIN, engine, journey, base_revision=1, source="a.yaml")
    assert (same.outcome, same.stored.revision) == ("unchanged", 1)
    renamed = journey.model_copy(update={"name": "Renamed"})
    updated = import_journey(ADMIN, engine, renamed, base_revision=1, source="b.yaml")
    assert (updated.outcome, updated.stored.revision, updated.stored.saved_by) == (
        "updated",
        2,
        "alma",
    )
    with pytest.raises(StaleRevision, match="was saved by alma after revision 1"):
        import_journey(LEADER, engine, journey, base_revision=1, source="a.yaml")
    assert journey_log(engine)[-1] == ("alma", "changed", "revision 2: imported from b.yaml")


# --- the slice's pages and commands go through the services -----------------------------

FRONT_FILES = [
    *(
        ROOT / "journeymap" / "ui" / name
        for name in (
            "widgets/editor/drafts.py",
            "widgets/editor/saving.py",
            "widgets/editor/edit_journey.py",
            "widgets/editor/edit_links.py",
            "widgets/editor/edit_touchpoints.py",
            "widgets/editor/diff_view.py",
            "widgets/editor/importer.py",
            "shell/picker.py",
            "widgets/walk/walk_cards.py",
            "widgets/evidence_filter.py",
            "loaders/sand.py",
            "loaders/journeys.py",
        )
    ),
    *(
        ROOT / "journeymap" / "ui" / "pages" / f"{name}.py"
        for name in ("edit", "new_journey", "history", "compare", "sand", "walk", "journey")
    ),
    *(ROOT / "journeymap" / "cli" / f"{name}.py" for name in ("journeys", "sand")),
]


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("path", FRONT_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_journey_pages_and_commands_reach_the_store_only_through_services(path: Path) -> None:
    reached = {
        m
        for m in _imports(path)
        if m.startswith("journeymap.store") and m != "journeymap.store.engine"
    }
    assert reached == set()


def test_walk_and_sand_services_hold_no_orm_rows() -> None:
    services = ROOT / "journeymap" / "services"
    for name in ("journeys", "walk_notes", "walk", "sand", "sand_views", "sand_tables"):
        assert "journeymap.store.tables" not in _imports(services / f"{name}.py"), name


WEIGHT = st.one_of(
    st.floats(min_value=0, max_value=10, allow_nan=False),
    st.floats(allow_nan=True, allow_infinity=True),
)


@given(st.dictionaries(st.sampled_from(list(FrictionWeights.model_fields)), WEIGHT))
def test_weights_are_taken_exactly_or_refused(weights: dict[str, float]) -> None:
    from journeymap.services.journeys import _checked_weights

    complete = FrictionWeights().model_dump() | weights
    usable = all(math.isfinite(v) and v >= 0 for v in complete.values())
    if usable and sum(complete.values()) > 0:
        assert _checked_weights(weights).model_dump() == complete
    else:
        with pytest.raises(ValueError, match="weight"):
            _checked_weights(weights)

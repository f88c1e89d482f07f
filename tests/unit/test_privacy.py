"""Privacy by role: who sees shoppers' identities and personal-data answers.

Admins and leaders run the programme and see both. Analysts and location managers see
shoppers as stable pseudonyms and personal-data answers withheld, in every read the
services give them: the results, a visit's report, the CSV and XLSX exports and the
scores by shopper that the CLI prints. A location manager's reads also hold their own
locations only.
"""

from __future__ import annotations

import ast
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as hs
from openpyxl import load_workbook
from sqlalchemy import Engine

from journeymap.analytics.evidence import EvidenceFilter
from journeymap.cli.shopping import BY
from journeymap.model.access import Role, Viewer
from journeymap.services.access import NotAllowed
from journeymap.services.export import export_bytes, export_data
from journeymap.services.privacy import WITHHELD, pseudonym, sees_identities
from journeymap.services.shopper_results import (
    SCORE_GROUPS,
    answers_table,
    group_scores,
    results_scope,
    shopper_results,
)
from journeymap.services.visit_reports import visit_report
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from tests.access_workspace import ADA, BEN, NORTH, SOUTH
from tests.conftest import ROOT
from tests.privacy_workspace import (
    ADA_KEY,
    BEN_NORTH_KEY,
    BEN_SOUTH_KEY,
    PSEUDONYMS,
    STAFF_COMMENT,
    STAFF_NAME,
    ScoredWorkspace,
    seed_scored_visits,
)
from tests.shopping import SHOPPER_ID
from tests.unit.test_cli import run

JOURNEY = "bank-advisory"
ADMIN = Viewer(name="alma", role=Role.ADMIN)
LEADER = Viewer(name="leif", role=Role.LEADER)
ANALYST = Viewer(name="ane", role=Role.ANALYST)
MANAGER = Viewer(name="mona", role=Role.LOCATION_MANAGER, locations=frozenset({NORTH}))
SHOPPER = Viewer(name="ada", role=Role.SHOPPER, shopper_id=ADA)
RESTRICTED = [ANALYST, MANAGER]
# Text that names a shopper or the day of a visit: none of it may reach a restricted view.
IDENTIFYING = (ADA, BEN, SHOPPER_ID, STAFF_NAME, "Karen", ADA_KEY, BEN_NORTH_KEY, BEN_SOUTH_KEY)
IDENTIFYING += ("20261103", "20261105", "20261106")


@pytest.fixture
def workspace(sqlite_url: str) -> Iterator[tuple[Engine, ScoredWorkspace]]:
    engine = open_database(sqlite_url)
    yield engine, seed_scored_visits(engine)
    engine.dispose()


def strings(*frames: pd.DataFrame) -> set[str]:
    """Every column name and text cell of the frames."""
    found: set[str] = set()
    for frame in frames:
        found |= {str(c) for c in frame.columns}
        for column in frame.columns:
            found |= {str(v) for v in frame[column] if isinstance(v, str)}
    return found


def leaks(found: set[str]) -> list[str]:
    return sorted(t for t in found for secret in IDENTIFYING if secret in t)


# --- who sees what ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("viewer", "sees"),
    [
        (ADMIN, True),
        (LEADER, True),
        (ANALYST, False),
        (MANAGER, False),
        (SHOPPER, False),
        (Viewer(name="link", role=Role.SHOPPER, shopper_id=ADA, only_visit=4), False),
    ],
    ids=["admin", "leader", "analyst", "location_manager", "shopper", "visit_link"],
)
def test_identities_are_for_those_who_run_the_programme(viewer: Viewer, sees: bool) -> None:
    assert sees_identities(viewer) is sees


@pytest.mark.parametrize(
    ("index", "label"),
    [
        (0, "Shopper A"),
        (1, "Shopper B"),
        (25, "Shopper Z"),
        (26, "Shopper AA"),
        (27, "Shopper AB"),
        (51, "Shopper AZ"),
        (52, "Shopper BA"),
        (701, "Shopper ZZ"),
        (702, "Shopper AAA"),
    ],
)
def test_pseudonyms_count_like_spreadsheet_columns(index: int, label: str) -> None:
    assert pseudonym(index) == label


@given(hs.integers(0, 20_000), hs.integers(0, 20_000))
def test_two_shoppers_never_share_a_pseudonym(a: int, b: int) -> None:
    assert (pseudonym(a) == pseudonym(b)) is (a == b)


def test_the_scope_of_results_is_part_of_what_is_read() -> None:
    scopes = {results_scope(v) for v in (ADMIN, LEADER, ANALYST, MANAGER)}
    assert len(scopes) == 4
    south = Viewer(name="sam", role=Role.LOCATION_MANAGER, locations=frozenset({SOUTH}))
    assert results_scope(south) != results_scope(MANAGER)
    # Two people of one role and the same locations read the same thing.
    assert results_scope(Viewer(name="other", role=Role.ANALYST)) == results_scope(ANALYST)
    with pytest.raises(NotAllowed, match="may not see shopper results"):
        results_scope(SHOPPER)


# --- the results -------------------------------------------------------------------------


def test_leaders_see_shoppers_and_personal_answers(
    workspace: tuple[Engine, ScoredWorkspace],
) -> None:
    engine, _ = workspace
    results = shopper_results(LEADER, engine, JOURNEY, approved_only=True)
    assert results.identities
    assert set(results.tables.visits["shopper_id"]) == {ADA, BEN}
    assert set(results.visits["external_key"]) >= {ADA_KEY, BEN_NORTH_KEY, BEN_SOUTH_KEY}
    named = results.answers[results.answers["question_id"] == "adviser-name"]
    assert list(named["value"]) == [STAFF_NAME]


@pytest.mark.parametrize("viewer", RESTRICTED, ids=["analyst", "location_manager"])
def test_others_see_pseudonyms_and_withheld_answers(
    workspace: tuple[Engine, ScoredWorkspace], viewer: Viewer
) -> None:
    engine, seeded = workspace
    results = shopper_results(viewer, engine, JOURNEY, approved_only=True)
    assert not results.identities
    visits = results.tables.visits.set_index("visit_id")
    expected = {seeded.ada_north: "Shopper B", seeded.ben_north: "Shopper C"}
    if viewer is ANALYST:
        expected[seeded.ben_south] = "Shopper C"
    assert visits["shopper_id"].to_dict() == expected  # a location manager: north only
    named = results.answers[results.answers["question_id"] == "adviser-name"]
    assert list(named["value"]) == [WITHHELD]
    assert list(named["comment"]) == [WITHHELD]
    tables = results.tables
    frames = (results.visits, results.answers, tables.visits, tables.sections)
    frames += (tables.touchpoints, tables.dimensions, tables.questions)
    assert leaks(strings(*frames)) == []


def test_pseudonyms_are_the_same_for_every_reader_and_every_read(
    workspace: tuple[Engine, ScoredWorkspace],
) -> None:
    engine, seeded = workspace
    first = shopper_results(ANALYST, engine, JOURNEY, approved_only=True).tables.visits
    again = shopper_results(ANALYST, engine, JOURNEY, approved_only=False).tables.visits
    manager = shopper_results(MANAGER, engine, JOURNEY, approved_only=True).tables.visits
    for frame in (first, again, manager):
        labels = dict(zip(frame["visit_id"], frame["shopper_id"], strict=True))
        assert labels[seeded.ada_north] == PSEUDONYMS[ADA]
        assert labels[seeded.ben_north] == PSEUDONYMS[BEN]


def test_a_shopper_reads_no_results(workspace: tuple[Engine, ScoredWorkspace]) -> None:
    engine, _ = workspace
    with pytest.raises(NotAllowed):
        shopper_results(SHOPPER, engine, JOURNEY, approved_only=True)


# --- scores by shopper: what `shopper-scores --by shopper` prints ------------------------


def test_scores_by_shopper_under_pseudonyms(workspace: tuple[Engine, ScoredWorkspace]) -> None:
    engine, _ = workspace
    table = group_scores(ANALYST, engine, JOURNEY, "shopper", "mean", approved_only=True)
    # Ada 16/16 points = 100 %; Ben 31.7 % (north) and 90.2 % (south): mean 61.0 %.
    assert table[["shopper", "n_visits", "score_pct"]].values.tolist() == [
        ["Shopper B", 1, 100.0],
        ["Shopper C", 2, 61.0],
    ]
    north = group_scores(MANAGER, engine, JOURNEY, "shopper", "mean", approved_only=True)
    assert north[["shopper", "n_visits", "score_pct"]].values.tolist() == [
        ["Shopper B", 1, 100.0],
        ["Shopper C", 1, 31.7],
    ]
    assert leaks(strings(table, north)) == []
    admin = group_scores(ADMIN, engine, JOURNEY, "shopper", "pooled", approved_only=True)
    # Ben pooled: (5 + 14.5) / (16 + 16) = 60.9 %.
    assert admin[["shopper_id", "n_visits", "score_pct"]].values.tolist() == [
        [ADA, 1, 100.0],
        [BEN, 2, 60.9],
    ]


def test_the_command_line_acts_as_an_admin_and_names_shoppers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'j.db'}"
    engine = open_database(url)
    seed_scored_visits(engine)
    engine.dispose()
    code, out, _ = run(capsys, "--db", url, "shopper-scores", JOURNEY, "--by", "shopper", "--json")
    assert code == 0
    assert [(r["shopper_id"], r["n_visits"]) for r in json.loads(out)] == [(ADA, 1), (BEN, 2)]


# --- one visit's report -------------------------------------------------------------------


def answer_of(table: pd.DataFrame, question_id: str) -> tuple[str, str]:
    row = table[table["question_id"] == question_id].iloc[0]
    return row["Answer"], row["Comment"]


@pytest.mark.parametrize("viewer", RESTRICTED, ids=["analyst", "location_manager"])
def test_a_visit_report_withholds_personal_answers(
    workspace: tuple[Engine, ScoredWorkspace], viewer: Viewer
) -> None:
    engine, seeded = workspace
    report = visit_report(viewer, engine, seeded.ada_north, JOURNEY)
    assert answer_of(report.table, "adviser-name") == (WITHHELD, WITHHELD)
    assert answer_of(report.table, "greeted") == ("Yes", "")
    assert report.shopper == "Shopper B"
    assert report.score.pct == pytest.approx(100.0)
    assert leaks(strings(report.table)) == []
    assert all(v.value != STAFF_NAME for v in report.answers.values())


def test_a_leaders_visit_report_shows_them(workspace: tuple[Engine, ScoredWorkspace]) -> None:
    engine, seeded = workspace
    report = visit_report(LEADER, engine, seeded.ada_north, JOURNEY)
    assert answer_of(report.table, "adviser-name") == (STAFF_NAME, STAFF_COMMENT)
    assert report.shopper == "Ada Andersen"


def test_a_location_manager_cannot_open_another_locations_visit(
    workspace: tuple[Engine, ScoredWorkspace],
) -> None:
    engine, seeded = workspace
    with pytest.raises(LookupError, match=f"no visit {seeded.ben_south} "):
        visit_report(MANAGER, engine, seeded.ben_south, JOURNEY)
    assert visit_report(ANALYST, engine, seeded.ben_south, JOURNEY).table is not None


# --- the CSV of answers -----------------------------------------------------------------


@pytest.mark.parametrize("viewer", RESTRICTED, ids=["analyst", "location_manager"])
def test_the_answers_csv_keys_visits_by_number(
    workspace: tuple[Engine, ScoredWorkspace], viewer: Viewer
) -> None:
    engine, seeded = workspace
    results = shopper_results(viewer, engine, JOURNEY, approved_only=True)
    frame = answers_table(viewer, results)
    visits = {str(seeded.ada_north), str(seeded.ben_north)}
    if viewer is ANALYST:
        visits.add(str(seeded.ben_south))
    assert set(frame["visit"]) == visits
    assert set(frame["shopper"]) == {"Shopper B", "Shopper C"}
    named = frame[frame["question_id"] == "adviser-name"]
    assert named[["answer", "comment"]].values.tolist() == [[WITHHELD, WITHHELD]]
    assert leaks(strings(frame)) == []
    with pytest.raises(NotAllowed, match="personal data"):
        answers_table(viewer, results, include_personal=True)


def test_a_leaders_answers_csv_names_them_when_asked(
    workspace: tuple[Engine, ScoredWorkspace],
) -> None:
    engine, _ = workspace
    results = shopper_results(LEADER, engine, JOURNEY, approved_only=True)
    plain = answers_table(LEADER, results)
    assert set(plain["visit"]) == {ADA_KEY, BEN_NORTH_KEY, BEN_SOUTH_KEY}
    assert set(plain["shopper"]) == {ADA, BEN}
    named = plain[plain["question_id"] == "adviser-name"]
    assert named[["answer", "comment"]].values.tolist() == [[WITHHELD, WITHHELD]]
    full = answers_table(LEADER, results, include_personal=True)
    named = full[full["question_id"] == "adviser-name"]
    assert named[["answer", "comment"]].values.tolist() == [[STAFF_NAME, STAFF_COMMENT]]


# --- the Excel workbook -----------------------------------------------------------------


def workbook_rows(engine: Engine, viewer: Viewer | None) -> dict[str, list[dict[str, object]]]:
    stored = JourneyRepository(engine).get(JOURNEY)
    assert stored is not None
    flt = EvidenceFilter()
    data = export_data(engine, stored.journey, stored.revision, flt)
    book = load_workbook(io.BytesIO(export_bytes(engine, data, "xlsx", flt=flt, viewer=viewer)))
    sheets: dict[str, list[dict[str, object]]] = {}
    for title in ("Visits", "Scores", "Scores by touchpoint"):
        rows = list(book[title].iter_rows(values_only=True))
        sheets[title] = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    return sheets


def test_an_analysts_workbook_has_pseudonyms_and_no_keys(
    workspace: tuple[Engine, ScoredWorkspace],
) -> None:
    engine, seeded = workspace
    sheets = workbook_rows(engine, ANALYST)
    visits = {row["id"]: row for row in sheets["Visits"]}
    assert visits[seeded.ada_north]["shopper"] == "Shopper B"
    assert visits[seeded.ben_south]["shopper"] == "Shopper C"
    assert all("external_key" not in row and "shopper_id" not in row for row in visits.values())
    cells = {str(v) for rows in sheets.values() for row in rows for v in row.values()}
    assert leaks(cells) == []
    # A workbook made without saying who asks is an analyst's too.
    assert workbook_rows(engine, None)["Visits"] == sheets["Visits"]


def test_an_admins_workbook_names_shoppers(workspace: tuple[Engine, ScoredWorkspace]) -> None:
    engine, seeded = workspace
    visits = {row["id"]: row for row in workbook_rows(engine, ADMIN)["Visits"]}
    assert visits[seeded.ada_north]["shopper_id"] == ADA
    assert visits[seeded.ada_north]["external_key"] == ADA_KEY


# --- the pages and the command read through the services ----------------------------


RESULTS_UI = (
    "ui/loaders/shopping.py",
    "ui/widgets/shopping/visit_report.py",
    "ui/pages/shopper_results.py",
)


def store_imports(tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {m for m in found if m.startswith("journeymap.store") and m != "journeymap.store.engine"}


@pytest.mark.parametrize("path", RESULTS_UI)
def test_results_pages_import_no_store(path: str) -> None:
    tree = ast.parse((ROOT / "journeymap" / path).read_text(encoding="utf-8"))
    assert store_imports(tree) == set()


def test_shopper_scores_reads_through_the_service() -> None:
    tree = ast.parse((ROOT / "journeymap" / "cli" / "shopping.py").read_text(encoding="utf-8"))
    (command,) = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name == "cmd_shopper_scores"
    ]
    assert store_imports(command) == set()
    assert set(BY) == set(SCORE_GROUPS)

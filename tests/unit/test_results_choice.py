"""Results are read for one questionnaire version (and a wave or round), never a blend."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine

from journeymap.model.access import Role, Viewer
from journeymap.services.shopper_results import (
    ChoiceAsked,
    chosen,
    resolve_choice,
    scored_groups,
    shopper_results,
)
from journeymap.store.engine import open_database
from tests.results_workspace import FULL_PCT, POOR_PCT, seed_results_workspace
from tests.unit.test_cli import run

LEADER = Viewer(name="leif.leader", role=Role.LEADER)
JOURNEY = "bank-advisory"


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    engine = open_database(sqlite_url)
    seed_results_workspace(engine)
    return engine


def branch(engine: Engine, asked: ChoiceAsked | None = None) -> tuple[float, int, str]:
    scores = scored_groups(LEADER, engine, JOURNEY, "location", "mean", True, asked)
    (row,) = scores.table.itertuples()
    return float(row.score_pct), int(row.n_visits), scores.about()


def test_a_branch_score_is_one_questionnaire_versions_not_a_blend(engine: Engine) -> None:
    """Before, the branch's score was the mean over both questionnaires and both versions:
    (100 + 23.8 + 23.8) / 3 = 49.2 % with n = 3, a figure of nothing."""
    assert branch(engine) == (POOR_PCT, 1, "Branch visit v2 version 2")
    assert branch(engine, ChoiceAsked("bank-tablet", 1)) == (
        FULL_PCT,
        1,
        "Branch visit (tablet test) version 1",
    )
    assert branch(engine, ChoiceAsked("bank-phone")) == (POOR_PCT, 1, "Phone call version 1")


def test_the_default_is_the_questionnaire_visited_last_at_its_newest_version(
    engine: Engine,
) -> None:
    results = shopper_results(LEADER, engine, JOURNEY, approved_only=True)
    choice = resolve_choice(results)
    assert choice is not None
    assert (choice.questionnaire_id, choice.version, choice.wave, choice.period) == (
        "bank-tablet",
        2,
        None,
        None,
    )
    narrowed = chosen(results, choice).tables
    for level in ("visits", "sections", "touchpoints", "dimensions", "questions"):
        frame = getattr(narrowed, level)
        pairs = set(zip(frame["questionnaire_id"], frame["questionnaire_version"], strict=True))
        assert pairs == {("bank-tablet", 2)}, level  # no figure mixes two


def test_waves_and_rounds_narrow_further(engine: Engine) -> None:
    results = shopper_results(LEADER, engine, JOURNEY, approved_only=True)
    in_q3 = resolve_choice(results, ChoiceAsked("bank-tablet", 1, period="2026-Q3"))
    assert in_q3 is not None
    assert chosen(results, in_q3).tables.visits["wave"].tolist() == ["Q3"]
    assert branch(engine, ChoiceAsked("bank-tablet", 2, wave="Q4"))[:2] == (POOR_PCT, 1)


@pytest.mark.parametrize(
    ("asked", "message"),
    [
        (
            ChoiceAsked("bank-survey"),
            "questionnaire 'bank-survey' has no scored visits here: choose one of "
            "bank-phone, bank-tablet",
        ),
        (
            ChoiceAsked("bank-tablet", 3),
            "questionnaire 'bank-tablet' has no scored visits of version 3: choose version 2 or 1",
        ),
        (
            ChoiceAsked("bank-phone", wave="Q3"),
            "bank-phone version 1 has no scored visits in wave 'Q3': choose one of Q4",
        ),
        (
            ChoiceAsked("bank-phone", period="2026-Q1"),
            "bank-phone version 1 has no scored visits in round '2026-Q1': choose one of 2026-Q4",
        ),
    ],
)
def test_a_choice_without_visits_is_refused_naming_what_there_is(
    engine: Engine, asked: ChoiceAsked, message: str
) -> None:
    with pytest.raises(ValueError, match="has no scored visits") as refused:
        branch(engine, asked)
    assert str(refused.value) == message


def test_cli_shopper_scores_by_questionnaire_and_round(
    capsys: pytest.CaptureFixture[str], engine: Engine
) -> None:
    url = str(engine.url)
    code, out, _ = run(capsys, "--db", url, "shopper-scores", JOURNEY, "--json")
    ((row,), code) = json.loads(out), code
    assert (code, row["score_pct"], row["n_visits"]) == (0, POOR_PCT, 1)
    code, out, _ = run(
        capsys,
        "--db",
        url,
        "shopper-scores",
        JOURNEY,
        "--questionnaire",
        "bank-tablet",
        "--version",
        "1",
        "--round",
        "2026-Q3",
    )
    lines = out.splitlines()
    assert code == 0
    assert lines[1] == (
        "of Branch visit (tablet test) version 1 · round 2026-Q3 (one questionnaire version "
        "at a time)"
    )
    assert " n=1 " in lines[2]
    assert "100.0 %" in lines[2]
    code, _, err = run(capsys, "--db", url, "shopper-scores", JOURNEY, "--wave", "Q9")
    assert code == 1
    assert "has no scored visits in wave 'Q9': choose one of Q4" in err

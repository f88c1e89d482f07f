"""Themes through the services: who may read and change them, edits kept when the themes
are found again on new comments, a location manager's own comments, survey languages,
and the `themes` command's JSON."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine, select

from journeymap.analytics.comments.themes import OTHER
from journeymap.cli import main
from journeymap.services import theme_edits, themes
from journeymap.services.access import NotAllowed
from journeymap.services.themes import ThemeFilter
from journeymap.store.tables import AuditRow
from tests.unit.theme_helpers import (
    ANALYST,
    LEADER,
    NORTH_MANAGER,
    SHOPPER,
    START,
    add_comments,
    comment_rows,
    theme_of,
)
from tests.unit.voc_helpers import shop_engine

# 104 comments: one theme per 25 comments gives four themes, one per cause.
NORTH = {"wait": 30, "fees": 20, "app": 20, "praise": 20}
SOUTH = {"wait": 6, "fees": 4, "praise": 4}
ALL = ThemeFilter()


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    engine = shop_engine(sqlite_url)
    add_comments(engine, comment_rows("shop", NORTH))
    add_comments(engine, comment_rows("shop", SOUTH, location="south", tag="s"))
    return engine


def audit(engine: Engine) -> list[tuple[str, str, str]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(AuditRow.actor, AuditRow.action, AuditRow.detail)
            .where(AuditRow.object_kind == "comment themes")
            .order_by(AuditRow.id)
        ).all()
    return [tuple(r) for r in rows]


def test_one_theme_per_cause_with_its_figures(engine: Engine) -> None:
    view = themes.theme_view(LEADER, engine, "shop", ALL)
    assert view.total == 104
    assert [f.n for f in view.figures if f.theme != OTHER] == [36, 24, 24, 20]
    wait = next(f for f in view.figures if f.theme == theme_of(view, "wait"))
    # Every waiting comment is a detractor's (score 2): NPS −100 over 36 answers.
    assert (wait.n, wait.detractors, wait.nps.n, wait.nps.nps) == (36, 36, 36, -100.0)
    assert wait.detractor_share == pytest.approx(36 / 80)
    assert wait.share == pytest.approx(36 / 104)
    praise = next(f for f in view.figures if f.theme == theme_of(view, "praise"))
    assert (praise.detractors, praise.nps.nps) == (0, 100.0)
    # Sentiment sits beside the score: the praise is positive, the waits negative.
    assert view.sentiment["promoter"]["positive"] == 24
    assert view.sentiment["detractor"]["negative"] >= 36


def test_looking_keeps_the_analysis_once_in_the_name_of_who_looked(engine: Engine) -> None:
    assert themes.refresh_themes(ANALYST, engine, "shop") is True
    assert themes.refresh_themes(LEADER, engine, "shop") is False  # nothing new
    assert audit(engine) == [("Ane Analyst", "computed", "104 comments, 4 themes")]
    assert themes.theme_view(LEADER, engine, "shop", ALL).kept


def test_edits_are_kept_when_themes_are_found_again_on_new_comments(engine: Engine) -> None:
    themes.refresh_themes(LEADER, engine, "shop")
    first = themes.theme_view(LEADER, engine, "shop", ALL)
    wait, fees, app, praise = (theme_of(first, c) for c in ("wait", "fees", "app", "praise"))
    theme_edits.rename_theme(LEADER, engine, "shop", wait, "Ventetid ved kassen")
    theme_edits.hide_theme(LEADER, engine, "shop", app)
    moved = int(first.comments_of(praise)["id"].iloc[0])
    theme_edits.move_comment(LEADER, engine, "shop", moved, fees)
    card = theme_edits.split_theme(LEADER, engine, "shop", fees, "Gebyr på kortet", ["kortet"])
    # A month later: more of the same causes in April; 124 comments, still four themes.
    april = START.replace(month=4)
    add_comments(
        engine,
        comment_rows("shop", {"wait": 8, "fees": 4, "app": 4, "praise": 4}, start=april, tag="b"),
    )
    assert themes.refresh_themes(LEADER, engine, "shop") is True
    later = themes.theme_view(LEADER, engine, "shop", ALL)
    assert later.total == 124
    assert later.unapplied == ()
    assert theme_of(later, "wait") == wait
    assert later.label(wait) == "Ventetid ved kassen"
    assert next(f.n for f in later.figures if f.theme == wait) == 44
    # The hidden theme is left out of the figures; its comments count as other comments.
    assert app not in {f.theme for f in later.figures}
    assert theme_of(later, "app") == OTHER
    by_id = later.comments.set_index("id")
    assert by_id.loc[moved, "theme"] == fees
    split_out = later.comments[later.comments["comment"] == "For høje gebyrer på kortet."]
    assert set(split_out["theme"]) == {card}
    assert later.label(card) == "Gebyr på kortet"
    actions = [(who, what) for who, what, _ in audit(engine)]
    assert actions == [
        ("Lea Leader", "computed"),
        ("Lea Leader", "rename"),
        ("Lea Leader", "hide"),
        ("Lea Leader", "move"),
        ("Lea Leader", "split"),
        ("Lea Leader", "computed"),
    ]
    # Taking the split back returns its comments to the fees theme.
    theme_edits.undo_theme_edit(LEADER, engine, "shop")
    undone = themes.theme_view(LEADER, engine, "shop", ALL)
    assert card not in {t.key for t in undone.themes}
    assert theme_of(undone, "fees") == fees


def test_a_merge_and_a_show_again(engine: Engine) -> None:
    view = themes.theme_view(LEADER, engine, "shop", ALL)
    fees, app = theme_of(view, "fees"), theme_of(view, "app")
    theme_edits.merge_themes(LEADER, engine, "shop", app, fees)
    # Nobody had looked since the comments came: the edit keeps the themes it names.
    assert [a[1] for a in audit(engine)] == ["computed", "merge"]
    merged = themes.theme_view(LEADER, engine, "shop", ALL)
    assert next(f.n for f in merged.figures if f.theme == fees) == 44
    assert app not in {t.key for t in merged.themes}
    theme_edits.hide_theme(LEADER, engine, "shop", fees)
    theme_edits.show_theme(LEADER, engine, "shop", fees)
    assert fees in {f.theme for f in themes.theme_view(LEADER, engine, "shop", ALL).figures}


def test_a_location_manager_sees_only_the_comments_of_their_locations(engine: Engine) -> None:
    view = themes.theme_view(NORTH_MANAGER, engine, "shop", ALL)
    assert view.total == view.journey_comments == sum(NORTH.values())
    assert set(view.comments["location"]) == {"north"}
    wait = next(f for f in view.figures if f.theme == theme_of(view, "wait"))
    assert wait.n == 30
    shown = {str(i) for i in view.comments["id"]}
    assert all(set(f.examples) <= shown for f in view.figures)
    # Asking for another location's comments gives none, not theirs.
    south = themes.theme_view(NORTH_MANAGER, engine, "shop", ThemeFilter(location="south"))
    assert south.total == 0
    rows = themes.comment_assignments(NORTH_MANAGER, engine, "shop", ALL)
    assert len(rows) == 90


@pytest.mark.parametrize("viewer", [ANALYST, NORTH_MANAGER], ids=["analyst", "manager"])
def test_those_who_only_read_change_no_theme(engine: Engine, viewer: object) -> None:
    view = themes.theme_view(LEADER, engine, "shop", ALL)
    wait, fees = theme_of(view, "wait"), theme_of(view, "fees")
    assert not themes.may_edit_themes(viewer)  # type: ignore[arg-type]
    refused = [
        lambda: theme_edits.rename_theme(viewer, engine, "shop", wait, "x"),  # type: ignore[arg-type]
        lambda: theme_edits.merge_themes(viewer, engine, "shop", wait, fees),  # type: ignore[arg-type]
        lambda: theme_edits.split_theme(viewer, engine, "shop", fees, "x", ["kortet"]),  # type: ignore[arg-type]
        lambda: theme_edits.hide_theme(viewer, engine, "shop", wait),  # type: ignore[arg-type]
        lambda: theme_edits.move_comment(viewer, engine, "shop", 1, wait),  # type: ignore[arg-type]
        lambda: theme_edits.undo_theme_edit(viewer, engine, "shop"),  # type: ignore[arg-type]
        lambda: theme_edits.set_survey_language(viewer, engine, "shop", "survey.csv", "nb"),  # type: ignore[arg-type]
    ]
    for change in refused:
        with pytest.raises(NotAllowed, match="may not change the themes"):
            change()
    assert [a for a in audit(engine) if a[1] != "computed"] == []


def test_a_shopper_reads_no_comments(engine: Engine) -> None:
    with pytest.raises(NotAllowed, match="may not read the customers' comments"):
        themes.theme_view(SHOPPER, engine, "shop", ALL)
    with pytest.raises(NotAllowed):
        themes.refresh_themes(SHOPPER, engine, "shop")


def test_edits_that_make_no_sense_are_refused_with_a_sentence(engine: Engine) -> None:
    view = themes.theme_view(LEADER, engine, "shop", ALL)
    wait, fees = theme_of(view, "wait"), theme_of(view, "fees")
    with pytest.raises(ValueError, match="needs a name"):
        theme_edits.rename_theme(LEADER, engine, "shop", wait, "   ")
    with pytest.raises(ValueError, match="into itself"):
        theme_edits.merge_themes(LEADER, engine, "shop", wait, wait)
    with pytest.raises(ValueError, match="no theme 't99'"):
        theme_edits.hide_theme(LEADER, engine, "shop", "t99")
    with pytest.raises(ValueError, match="no comment of .* uses 'telefon'"):
        theme_edits.split_theme(LEADER, engine, "shop", fees, "Telefonen", ["telefon"])
    with pytest.raises(ValueError, match="response 999999 has no comment"):
        theme_edits.move_comment(LEADER, engine, "shop", 999999, wait)
    with pytest.raises(ValueError, match="not one of Danish"):
        theme_edits.set_survey_language(LEADER, engine, "shop", "survey.csv", "de")
    assert [a for a in audit(engine) if a[1] != "computed"] == []


def test_a_surveys_language_set_by_a_person_wins(engine: Engine) -> None:
    before = themes.comment_assignments(LEADER, engine, "shop", ALL)
    # Danish, as detected: a few short ones read as Norwegian, so close are the two.
    assert before["language"].value_counts().idxmax() == "da"
    themes.refresh_themes(LEADER, engine, "shop")
    theme_edits.set_survey_language(LEADER, engine, "shop", "survey.csv", "nb")
    assert themes.refresh_themes(LEADER, engine, "shop") is True  # read again as Norwegian
    assert set(themes.comment_assignments(LEADER, engine, "shop", ALL)["language"]) == {"nb"}
    (survey,) = theme_edits.survey_languages(LEADER, engine, "shop")
    assert (survey.source, survey.comments, survey.override) == ("survey.csv", 104, "nb")
    theme_edits.set_survey_language(LEADER, engine, "shop", "survey.csv", None)
    again = themes.comment_assignments(LEADER, engine, "shop", ALL)
    assert again["language"].tolist() == before["language"].tolist()
    assert ("Lea Leader", "set language", "survey.csv: nb") in audit(engine)


def test_the_themes_command_json(
    engine: Engine, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", sqlite_url, "--as", "Ole", "themes", "shop", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    keys = {"theme", "label", "keywords", "n", "detractors", "nps", "ci_low", "ci_high", "examples"}
    keys |= {"share", "share_low", "share_high", "detractor_share"}
    keys |= {"detractor_share_low", "detractor_share_high"}
    assert all(set(row) == keys for row in rows)
    assert sum(row["n"] for row in rows) == 104
    wait = max(rows, key=lambda row: row["n"])
    assert (wait["n"], wait["detractors"], wait["nps"]) == (36, 36, -100.0)
    # 36 of 104 comments: Wilson 26.17 % … 44.16 %.
    assert (wait["share"], wait["share_low"], wait["share_high"]) == (0.3462, 0.2617, 0.4416)
    assert wait["ci_low"] <= wait["nps"] <= wait["ci_high"]
    assert isinstance(wait["keywords"], list)
    assert wait["examples"]
    assert all(isinstance(e, str) for e in wait["examples"])
    assert main(["--db", sqlite_url, "themes", "shop"]) == 0
    assert ": n=36, 35% (26% … 44%) of the comments, 36 from detractors" in capsys.readouterr().out
    assert main(["--db", sqlite_url, "themes", "shop", "--assignments", "--json"]) == 0
    assignments = json.loads(capsys.readouterr().out)
    assert len(assignments) == 104
    assert all(set(a) == {"response_id", "theme", "sentiment", "language"} for a in assignments)
    assert {a["language"] for a in assignments} <= {"da", "nb"}
    # The command kept the analysis under the name it acts as.
    assert audit(engine)[0][:2] == ("Ole (command line)", "computed")


def test_the_themes_command_filters(
    engine: Engine, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", sqlite_url, "themes", "shop", "--location", "south", "--json"]) == 0
    assert sum(row["n"] for row in json.loads(capsys.readouterr().out)) == 14
    assert main(["--db", sqlite_url, "themes", "shop", "--period", "2026-05", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--db", sqlite_url, "themes", "shop", "--period", "May", "--json"]) == 1
    assert "error" in json.loads(capsys.readouterr().out)

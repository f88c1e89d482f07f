"""A journey's comments analysed together: survey languages, kept records, edit records,
and the kept analysis against one done afresh."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from journeymap.analytics.comments.analysis import (
    analyse_comments,
    comment_languages,
    edit_from_record,
    edit_record,
    next_theme_key,
    result_from_records,
    theme_record,
)
from journeymap.analytics.comments.theme_edits import Edit, Hide, Merge, Move, Rename, Show, Split
from journeymap.store.comment_analysis import journey_analysis
from tests.unit.test_text_theme_edits import FIRST
from tests.unit.theme_helpers import add_comments, comment_rows
from tests.unit.voc_helpers import shop_engine

DANISH = "Rådgiveren var meget hjælpsom og forklarede det hele, tak for hjælpen"
SWEDISH = "Personalen var otrevlig och jag fick vänta alldeles för länge i kön"


def test_a_comment_too_short_to_tell_takes_its_surveys_language() -> None:
    texts = [DANISH, "Ok", SWEDISH, "Ok", "Fint"]
    sources = ["dk.csv", "dk.csv", "se.csv", "se.csv", "other.csv"]
    # "Fint" is the only comment of its survey: it takes the journey's language, the
    # most common among confident comments (a tie: the first alphabetically).
    assert comment_languages(texts, sources) == ["da", "da", "sv", "sv", "da"]
    assert comment_languages(texts, sources, {"se.csv": "no"}) == ["da", "da", "nb", "nb", "da"]
    with pytest.raises(ValueError, match="every comment needs its survey"):
        comment_languages(texts, sources[:2])


@pytest.mark.parametrize(
    "edit",
    [
        Rename("t1", "Ventetid ved skranken"),
        Merge("t2", "t1"),
        Split("t1", "t9", "Telefonen", ("telefon", "ringede")),
        Hide("t3"),
        Show("t3"),
        Move("412", "other"),
    ],
)
def test_an_edit_is_kept_as_it_was_made(edit: Edit) -> None:
    assert edit_from_record(*edit_record(edit)) == edit


def test_an_unknown_kind_of_edit_is_named() -> None:
    with pytest.raises(ValueError, match="'recolour' is not a kind of theme edit"):
        edit_from_record("recolour", {})


def test_a_new_key_was_never_used() -> None:
    assert next_theme_key(["t1", "t12", "t3", "other", "x7"]) == "t13"
    assert next_theme_key([]) == "t1"


def test_kept_records_give_the_same_themes() -> None:
    ids = [f"c{i}" for i in range(len(FIRST))]
    analysis = analyse_comments(ids, FIRST, ["s"] * len(FIRST))
    result = analysis.result
    records = [theme_record(t) for t in result.themes]
    again = result_from_records(
        ids, result.assignment, result.strength, records, FIRST, seed=result.seed
    )
    assert again.assignment == result.assignment
    assert [(t.key, t.label, t.keywords, t.members) for t in again.themes] == [
        (t.key, t.label, t.keywords, t.members) for t in result.themes
    ]
    assert [t.examples for t in again.themes] == [t.examples for t in result.themes]


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    engine = shop_engine(sqlite_url)
    add_comments(engine, comment_rows("shop", {"wait": 30, "fees": 20, "app": 20, "praise": 20}))
    return engine


def test_the_kept_analysis_is_the_one_done_afresh(engine: Engine) -> None:
    kept_now = journey_analysis(engine, "shop", keep_as="Lea")
    read_back = journey_analysis(engine, "shop")
    assert read_back.kept
    afresh = analyse_comments(
        [str(i) for i in read_back.comments["id"]],
        read_back.texts,
        read_back.comments["source"].tolist(),
    )
    for found in (read_back.analysis, kept_now.analysis):
        assert found.result.assignment == afresh.result.assignment
        assert found.languages == afresh.languages
        assert found.sentiments == pytest.approx(afresh.sentiments)
        assert [t.label for t in found.result.themes] == [t.label for t in afresh.result.themes]

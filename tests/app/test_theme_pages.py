"""AppTest: the Verbatims page's Themes tab, as a leader (who may change the themes) and
as an analyst (who reads them only)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from journeymap.store.cases import create_missing_cases, read_cases
from journeymap.store.engine import open_database
from journeymap.store.tables import AuditRow
from journeymap.ui.shell import state
from tests.access_workspace import ACCOUNTS, NORTH, seed_access_workspace
from tests.app.conftest import app, page_path
from tests.app.test_pages import assert_clean, texts, unescaped
from tests.unit.theme_helpers import add_comments, comment_rows

JOURNEY = "bank-advisory"
TOUCHPOINT = "raadgivningsmoede"


@pytest.fixture
def workspace(empty_workspace: str) -> str:
    engine = open_database(empty_workspace)
    seed_access_workspace(engine)
    counts = {"wait": 30, "fees": 20, "app": 20, "praise": 20}
    add_comments(engine, comment_rows(JOURNEY, counts, touchpoint=TOUCHPOINT, location=NORTH))
    add_comments(
        engine,
        comment_rows(JOURNEY, {"wait": 6, "fees": 4, "praise": 4}, touchpoint=TOUCHPOINT, tag="s"),
    )
    engine.dispose()
    return empty_workspace


def themes_tab(role: str) -> AppTest:
    at = app()
    at.session_state[state.SIGNED_IN] = ACCOUNTS[role]
    at.query_params["journey"] = JOURNEY
    at.run()
    at.switch_page(page_path("verbatims")).run()
    at.session_state[state.VERBATIM_TAB] = "Themes"
    at.run()
    assert_clean(at)
    return at


def expander_labels(at: AppTest) -> list[str]:
    return [e.label for e in at.expander]


def test_a_leader_reads_and_renames_a_theme(workspace: str) -> None:
    at = themes_tab("leader")
    shown = unescaped(texts(at))
    assert "104 comments match, in 4 themes (of 104 comments in the journey)." in shown
    assert "The words beside the score" in shown
    assert "Change this theme" in expander_labels(at)
    assert any(label.startswith("Languages of the surveys") for label in expander_labels(at))
    assert {b.label for b in at.get("download_button")} >= {
        "Themes (CSV)",
        "Themes and comments (Excel)",
    }
    # The biggest theme is opened first: the waiting at the checkout, 36 comments.
    picked = at.selectbox(key=state.THEME_PICKED)
    assert picked.index == 0
    assert picked.options[0].endswith("(36)")
    next(t for t in at.text_input if t.label == "New name").input("Ventetid ved kassen")
    next(b for b in at.button if b.label == "Rename").click().run()
    assert_clean(at)
    assert at.selectbox(key=state.THEME_PICKED).options[0] == "Ventetid ved kassen (36)"
    engine = open_database(workspace)
    with engine.connect() as connection:
        entry = connection.execute(
            select(AuditRow.actor, AuditRow.action)
            .where(AuditRow.object_kind == "comment themes")
            .order_by(AuditRow.id.desc())
            .limit(1)
        ).one()
    assert tuple(entry) == (ACCOUNTS["leader"], "rename")


def test_an_analyst_reads_the_themes_and_changes_none(workspace: str) -> None:
    at = themes_tab("analyst")
    shown = unescaped(texts(at))
    assert "104 comments match, in 4 themes" in shown
    assert "Change this theme" not in expander_labels(at)
    assert not any(label.startswith("Edits of these themes") for label in expander_labels(at))
    assert not [b for b in at.button if b.label in ("Rename", "Merge", "Split", "Move")]
    # The theme's comments are one choice away, with the score and the words beside it.
    comments = next(e for e in at.expander if e.label.startswith("The 36 comments of this theme"))
    assert "score 2 (detractor)" in unescaped(" ".join(c.value for c in comments.caption))


def test_every_share_of_the_themes_comes_with_its_interval(workspace: str) -> None:
    at = themes_tab("analyst")
    frames = [d.value for d in at.dataframe]
    themes = next(f for f in frames if "share_interval" in f.columns)
    assert themes["share_interval"].str.match(r"^\d+% … \d+%$").all()
    # The biggest theme: 36 of 104 comments, Wilson 26.2 % … 44.1 %.
    assert themes["share_interval"].iloc[0] == "26% … 44%"
    sentiment = next(f for f in frames if "negative" in f.columns)
    cells = sentiment[["negative", "neutral", "positive"]].stack()
    assert cells.str.match(r"^(\d+% \(\d+% … \d+%\)|–)$").all()
    helps = [m.proto.help for m in at.metric]
    assert "35% (26% … 44%) of the comments (n = 104, 95 % interval)" in helps


def test_a_call_backs_root_cause_is_picked_from_the_themes(workspace: str) -> None:
    engine = open_database(workspace)
    (row,) = comment_rows(JOURNEY, {"wait": 1}, touchpoint=TOUCHPOINT, tag="case")
    row["contact"] = "ole@example.dk"
    row["responded_at"] = datetime.now(UTC) - timedelta(hours=2)
    add_comments(engine, [row])
    create_missing_cases(engine, JOURNEY, actor="fixture")
    at = app()
    at.session_state[state.SIGNED_IN] = ACCOUNTS["leader"]
    at.query_params["journey"] = JOURNEY
    at.run()
    at.switch_page(page_path("callbacks")).run()
    assert_clean(at)
    case = read_cases(engine, JOURNEY).iloc[0]
    prefix = f"{state.CASE_WIDGET}-{case['id']}-{case['version']}"
    picker = at.selectbox(key=f"{prefix}-cause-theme")
    # The theme of the customer's comment comes first, marked; nothing is picked for them.
    assert picker.value == ""
    suggested = picker.options[1]
    assert suggested.endswith("(the theme of this comment)")
    label = suggested.removesuffix(" (the theme of this comment)")
    picker.set_value(label)
    next(b for b in at.button if b.label == "Save the case").click().run()
    assert_clean(at)
    assert read_cases(engine, JOURNEY).iloc[0]["root_cause"] == label

"""AppTest for the Act pages: improvement actions and the period report."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import time_machine

from journeymap.demo import SAND_TOUCHPOINTS, load_demo
from journeymap.store.actions import list_actions
from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from tests.app.conftest import app, page_path
from tests.app.test_pages import assert_clean, texts
from tests.conftest import JOURNEYS_DIR
from tests.report_workspace import HOSTILE, JOURNEY_ID, NOW, build_workspace

# 23:30 UTC is 00:30 the next day in Copenhagen: the workspace's day comes first.
BEFORE_UTC_MIDNIGHT = datetime(2026, 12, 7, 23, 30, tzinfo=UTC)


def _open(journey: str, name: str):  # noqa: ANN202 - AppTest
    at = app()
    at.query_params["journey"] = journey
    at.run()
    at.switch_page(page_path(name)).run()
    assert_clean(at)
    return at


@time_machine.travel(BEFORE_UTC_MIDNIGHT, tick=True)
def test_make_an_action_from_a_sand_item_and_mark_it_done(empty_workspace: str) -> None:
    engine = open_database(empty_workspace)
    load_demo(engine, JOURNEYS_DIR, actor="fixture")
    seeded = {a.id for a in list_actions(engine, "bank-advisory")}  # the demo's own
    at = _open("bank-advisory", "actions")
    assert [t.value for t in at.title] == ["Improvement actions"]
    assert "quick win has impact 4 or more" in texts(at)
    # No accounts: the workspace's owner, named by JOURNEYMAP_AUTHOR, is the author;
    # there is no name to type that the audit log would believe.
    assert [t.label for t in at.text_input if "name" in t.label.lower()] == []
    next(b for b in at.button if b.label == "Add action").click().run()
    assert_clean(at)
    [action] = [a for a in list_actions(engine, "bank-advisory") if a.id not in seeded]
    assert action.created_by == "apptest"
    entry = read_audit(engine, object_kind="action", limit=1)[0]
    assert (entry.actor, entry.action, entry.object_id) == ("apptest", "created", str(action.id))
    assert action.fields.source_kind == "sand"
    assert action.fields.source_ref in SAND_TOUCHPOINTS["bank-advisory"]
    assert action.touchpoints == (action.fields.source_ref,)
    key = f"action_edit-{action.id}-{action.version}"
    # Inside a form the new value travels with the submit, in the same run.
    at.selectbox(key=f"{key}-status").set_value("done")
    next(b for b in at.button if b.label == "Save changes").click().run()
    assert_clean(at)
    [done] = [a for a in list_actions(engine, "bank-advisory") if a.id == action.id]
    assert done.status == "done"
    # The form's default day is the workspace's, and the store takes it as today.
    assert str(done.done_on) == "2026-12-08"
    assert read_audit(engine, object_kind="action", limit=1)[0].actor == "apptest"
    shown = texts(at)
    assert "Did it work?" in shown
    assert "not enough data" in shown.lower()


def test_report_page_previews_the_last_full_quarter(empty_workspace: str) -> None:
    build_workspace(open_database(empty_workspace))
    # The page offers the full quarters before today; the workspace's figures are 2026's.
    with time_machine.travel(NOW, tick=True):
        at = _open(JOURNEY_ID, "period_report")
        assert [t.value for t in at.title] == ["Period report"]
        # Labels as the reader writes a quarter; the values stay the periods' own labels.
        assert at.selectbox[0].options[:2] == ["Q3 2026", "Q2 2026"]
        assert at.selectbox[0].value == "2026-Q3"
        at.selectbox[0].set_value("2026-Q2").run()
        assert_clean(at)
        at.selectbox[0].set_value("2026-Q3").run()
        assert_clean(at)
    labels = [b.label for b in at.get("download_button")]
    assert "Download HTML" in labels
    assert os.environ["JOURNEYMAP_DB_URL"] == empty_workspace
    assert HOSTILE not in texts(at)  # the preview is inside an iframe, not page text


def test_the_board_comes_before_the_folded_forms_and_its_headers_are_words(
    empty_workspace: str,
) -> None:
    engine = open_database(empty_workspace)
    load_demo(engine, JOURNEYS_DIR, actor="fixture")
    at = _open("bank-advisory", "actions")
    # The first tab is the board, and both forms are folded away below it.
    assert at.tabs[0].label == "Board"
    folded = {e.label: e.proto.expanded for e in at.expander}
    assert folded["New action"] is False
    assert folded["Edit an action"] is False
    top = [(node.type, getattr(node, "label", "")) for node in at.main.children.values()]
    assert top.index(("tab_container", "")) < top.index(("expander", "New action"))
    # The drag board (a component) is drawn in the board tab.
    assert "Drag a card to another column" in texts(at)

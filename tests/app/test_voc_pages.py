"""AppTest: survey import, NPS dashboard, verbatims and call-backs, with and without data."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, insert, select
from streamlit.testing.v1 import AppTest

from journeymap.analytics.periods import parse_period
from journeymap.demo import load_demo
from journeymap.i18n import formatting as fmt
from journeymap.model import Journey
from journeymap.store.cases import CaseUpdate, create_missing_cases, read_cases, update_case
from journeymap.store.engine import open_database
from journeymap.store.evidence import insert_responses, read_responses
from journeymap.store.tables import AuditRow, DetractorCaseRow, ResponseRow
from journeymap.ui.shell import state
from tests.access_workspace import ACCOUNTS, seed_access_workspace
from tests.app.conftest import app, page_path
from tests.app.test_pages import assert_clean, texts, unescaped
from tests.conftest import JOURNEYS_DIR

JOURNEY = "bank-advisory"
NOW = datetime.now(UTC).replace(microsecond=0)
SURVEY = (
    "Date,Touchpoint,How likely are you to recommend us?,Comment,Email\n"
    + "".join(f"{NOW:%Y-%m-%d},raadgivningsmoede,{score},Fine {score},\n" for score in range(3, 11))
    + f"{NOW:%Y-%m-%d},Book møde i appen,3,App froze,anna@example.dk\n"
    + f"{NOW:%Y-%m-%d},nowhere,9,Which touchpoint?,\n"
    + f"{NOW:%Y-%m-%d},raadgivningsmoede,eleven,Bad score,\n"
).encode()


def open_page(name: str) -> AppTest:
    at = app()
    at.query_params["journey"] = JOURNEY
    at.run()
    at.switch_page(page_path(name)).run()
    assert_clean(at)
    return at


def response(score: int, comment: str = "", contact: str = "", hours_ago: float = 1) -> dict:
    return {
        "journey_id": JOURNEY,
        "dedup_key": f"test-{score}-{comment}-{contact}-{hours_ago}",
        "touchpoint_id": "raadgivningsmoede",
        "responded_at": NOW - timedelta(hours=hours_ago),
        "score": score,
        "survey_kind": "transactional",
        "comment": comment,
        "contact": contact,
        "location": "",
        "segment": "",
        "source": "test",
    }


@pytest.mark.usefixtures("example_workspace")
def test_pages_without_answers() -> None:
    at = open_page("nps")
    for name, title, message in [
        ("nps", "NPS", "No survey answers for this journey yet"),
        ("verbatims", "Verbatims", "No survey answers for this journey yet"),
        ("callbacks", "Call-backs", "No call-back cases"),
        ("survey_import", "Import survey data", ""),
    ]:
        at.switch_page(page_path(name)).run()
        assert_clean(at)
        assert [t.value for t in at.title][-1] == title
        assert message in " ".join(i.value for i in at.info)


def test_dashboard_verbatims_and_callbacks_with_the_demo(empty_workspace: str) -> None:
    load_demo(open_database(empty_workspace), JOURNEYS_DIR, actor="fixture", seed=2026)
    at = open_page("nps")
    shown = texts(at)
    assert "n = " in shown
    assert "95 % interval" in shown
    assert "z = " in shown
    assert "p = " in shown
    # The earlier period's NPS and the change each with its margin.
    before = r": [+−]?[\d.]+ ±\d+ \(n = [\d,]+\)\."
    assert re.search(before + r" Change [+−]?[\d.]+ ±[\d.]+ points", shown)
    # The period as the reader writes it: "Q4 2026" for the choice 2026-Q4.
    chosen = parse_period(at.selectbox(key=state.NPS_PERIOD_B).value)
    period = fmt.period(chosen.kind, chosen.start)
    assert [m.label for m in at.metric][:2] == [
        f"Transactional NPS, {period}",
        f"Relationship NPS, {period}",
    ]
    assert len(at.get("plotly_chart")) >= 3  # trend, shift-share, profit chain
    assert "Holm" in shown
    assert "Pearson r" in shown
    # Every NPS, change and share in the tables with its interval: "+12.0 (−4 … +28)".
    with_interval = re.compile(r"^[+−]?[\d.]+ \([+−]?\d+ … [+−]?\d+\)$")
    share_interval = re.compile(r"^\d+% \(\d+% … \d+%\)$")
    by_touchpoint = next(f.value for f in at.dataframe if "vs_rest" in f.value)
    assert by_touchpoint["vs_rest"].dropna().str.match(with_interval).all()
    assert by_touchpoint["detractor_share"].str.match(share_interval).all()
    # p as the reader expects it: bounded below, never 0.000.
    assert by_touchpoint["p_adjusted"].str.match(r"^(< 0\.001|[01]\.\d{2,3}|–)$").all()
    assert "0.000" not in by_touchpoint["p_adjusted"].tolist()
    compared = next(f.value for f in at.dataframe if "nps_a" in f.value)
    for column in ("nps_a", "nps_b", "difference"):
        shown_values = compared[column][compared[column] != "–"]
        assert shown_values.str.match(with_interval).all(), shown_values.tolist()
    at.radio(key=state.NPS_KIND).set_value("relationship").run()
    assert_clean(at)
    assert "not a touchpoint" in texts(at)
    at.radio(key=state.NPS_GRAIN).set_value("year").run()
    assert_clean(at)
    # A year compared with one of its own quarters would count answers on both sides.
    this_year = str(date.today().year)
    at.selectbox(key=state.NPS_PERIOD_A).set_value(this_year).run()
    assert_clean(at)
    warning = " ".join(w.value for w in at.warning).replace("\\", "")  # markdown escapes
    assert f"and {at.selectbox(key=state.NPS_PERIOD_B).value} overlap" in warning
    assert "the period before, instead" in warning
    for name in ("verbatims", "callbacks"):
        at.switch_page(page_path(name)).run()
        assert_clean(at)
    assert "overdue" in " ".join(e.value for e in at.error)


@pytest.mark.usefixtures("example_workspace")
def test_an_unreadable_upload_is_a_sentence() -> None:
    at = open_page("survey_import")
    at.file_uploader(key=state.VOC_SURVEY_UPLOAD).set_value(
        ("answers.xlsx", b"PK\x03\x04 not a workbook", "application/octet-stream")
    ).run()
    assert_clean(at)
    errors = [unescaped(e.value) for e in at.error]
    assert errors
    assert all(e.endswith(".") for e in errors)
    assert "answers.xlsx" in errors[0]
    assert "save it again as .xlsx" in errors[0]


def test_import_a_survey_file(empty_workspace: str, example_workspace: list[Journey]) -> None:
    at = open_page("survey_import")
    at.file_uploader(key=state.VOC_SURVEY_UPLOAD).set_value(("bank.csv", SURVEY, "text/csv")).run()
    assert_clean(at)
    assert "bank.csv" in unescaped(at.info[0].value)
    picked = {s.label: s.value for s in at.selectbox}
    assert picked["Score: the 0–10 'how likely are you to recommend' answer"] == (
        "How likely are you to recommend us?"
    )
    assert picked["Touchpoint column"] == "Touchpoint"
    assert picked["Contact (e-mail or phone, for call-backs)"] == "Email"
    assert "nowhere" in " ".join(unescaped(w.value) for w in at.warning)
    next(b for b in at.button if b.label == "Check (dry run)").click().run()
    assert_clean(at)
    counts = {m.label: m.value for m in at.metric}
    assert counts["Rows read"] == "11"
    assert counts["Would be imported"] == "9"
    assert counts["Rejected"] == "2"
    engine = open_database(empty_workspace)
    assert read_responses(engine, JOURNEY).empty
    rejected = at.dataframe[-1].value
    assert list(rejected["row"]) == [11, 12]
    assert "not a touchpoint of the journey" in rejected["reason"][0]
    next(b for b in at.button if b.label == "Import").click().run()
    assert_clean(at)
    assert {m.label: m.value for m in at.metric}["Imported"] == "9"
    assert len(read_responses(engine, JOURNEY)) == 9
    assert "1 detractor call-back cases were created" in texts(at)
    at.switch_page(page_path("nps")).run()
    assert_clean(at)
    assert "n = 9" in texts(at)


def test_verbatim_search_finds_a_comment_and_shows_markup_as_text(
    empty_workspace: str, example_workspace: list[Journey]
) -> None:
    engine = open_database(empty_workspace)
    insert_responses(
        engine,
        [response(2, "<b>x</b> the queue was long", hours_ago=2), response(10, "Lovely")],
        actor="test",
    )
    at = open_page("verbatims")
    at.text_input(key=state.VERBATIM_SEARCH).input("QUEUE").run()
    assert_clean(at)
    shown = [m.value for m in at.markdown]
    assert "1 comments match." in unescaped(" ".join(shown))
    comment = next(m for m in shown if "queue" in m)
    assert "<b>" not in comment.replace("\\<", "")  # escaped: never live HTML
    assert unescaped(comment) == "<b>x</b> the queue was long"
    at.selectbox(key=state.VERBATIM_GROUP).set_value("promoter").run()
    assert "0 comments match." in texts(at)


def test_a_case_edit_is_saved_and_a_stale_one_is_refused(
    empty_workspace: str, example_workspace: list[Journey]
) -> None:
    engine = open_database(empty_workspace)
    insert_responses(
        engine, [response(3, "Nobody called", "ole@example.dk", hours_ago=30)], actor="test"
    )
    create_missing_cases(engine, JOURNEY, actor="test")
    at = open_page("callbacks")
    assert "1 call-backs are overdue" in " ".join(e.value for e in at.error)
    case = read_cases(engine, JOURNEY).iloc[0]
    prefix = f"{state.CASE_WIDGET}-{case['id']}-{case['version']}"
    at.selectbox(key=f"{prefix}-status").set_value("contacted")
    at.text_input(key=f"{prefix}-owner").input("Mette")
    at.text_input(key=f"{prefix}-cause").input("no call")
    next(b for b in at.button if b.label == "Save the case").click().run()
    assert_clean(at)
    saved = read_cases(engine, JOURNEY).iloc[0]
    assert (saved["status"], saved["owner"], saved["root_cause"]) == (
        "contacted",
        "Mette",
        "no call",
    )
    assert not saved["overdue"]
    # Someone else saves the case while this page shows it.
    update_case(
        engine,
        int(saved["id"]),
        CaseUpdate(notes="left a message"),
        expected_version=2,
        actor="Lise",
    )
    prefix = f"{state.CASE_WIDGET}-{saved['id']}-{saved['version']}"
    at.text_area(key=f"{prefix}-notes").input("called twice")
    next(b for b in at.button if b.label == "Save the case").click().run()
    assert_clean(at)
    refused = unescaped(" ".join(e.value for e in at.error))
    assert "changed by someone else" in refused
    assert "reload" in refused
    assert read_cases(engine, JOURNEY).iloc[0]["notes"] == "left a message"
    assert at.text_area(key=f"{prefix}-notes").value == "called twice"  # not lost
    next(b for b in at.button if b.label == "Reload the case").click().run()
    assert_clean(at)
    assert not at.error
    fresh = f"{state.CASE_WIDGET}-{saved['id']}-3"
    assert at.text_area(key=f"{fresh}-notes").value == "left a message"


def stored_counts(engine: Engine) -> dict[str, int]:
    """Rows of the tables a page could write to without anyone asking it to."""
    with engine.connect() as connection:
        return {
            table.name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
            for table in (ResponseRow.__table__, DetractorCaseRow.__table__, AuditRow.__table__)
        }


def leader_page(name: str) -> AppTest:
    at = app()
    at.session_state[state.SIGNED_IN] = ACCOUNTS["leader"]
    at.query_params["journey"] = JOURNEY
    at.run()
    at.switch_page(page_path(name)).run()
    assert_clean(at)
    return at


def test_looking_at_the_call_backs_writes_nothing(empty_workspace: str) -> None:
    engine = open_database(empty_workspace)
    seed_access_workspace(engine)
    # A workspace from before imports made cases: a detractor stored without one.
    with engine.begin() as connection:
        connection.execute(
            insert(ResponseRow.__table__),
            [response(3, "Nobody called", "ole@example.dk", hours_ago=30)],
        )
    before = stored_counts(engine)
    at = leader_page("callbacks")
    at.run()  # a second look, as any rerun
    assert_clean(at)
    assert stored_counts(engine) == before
    assert "No call-back cases" in " ".join(i.value for i in at.info)
    warning = unescaped(" ".join(w.value for w in at.warning))
    assert "1 detractor answers with contact details have no call-back case" in warning
    # Making them is an explicit act, logged in the leader's name.
    next(b for b in at.button if b.label == "Create the 1 missing cases").click().run()
    assert_clean(at)
    assert stored_counts(engine)["detractor_cases"] == 1
    with engine.connect() as connection:
        entry = connection.execute(
            select(AuditRow.actor, AuditRow.object_kind, AuditRow.detail)
            .order_by(AuditRow.id.desc())
            .limit(1)
        ).one()
    assert tuple(entry) == (ACCOUNTS["leader"], "call-back cases", "1 new")
    assert "1 call-backs are overdue" in " ".join(e.value for e in at.error)
    assert not [w for w in at.warning if "no call-back case" in w.value]


def test_verbatims_page_through_n_of_total(
    empty_workspace: str, example_workspace: list[Journey]
) -> None:
    engine = open_database(empty_workspace)
    insert_responses(
        engine,
        [response(8, f"Comment number {i:02d}", hours_ago=i + 1) for i in range(30)]
        + [response(9, "100% happy", hours_ago=40), response(9, "100 happy", hours_ago=41)],
        actor="test",
    )
    at = open_page("verbatims")
    assert "1–25 of 32 comments match." in unescaped(texts(at))
    shown = unescaped(texts(at))
    assert "Comment number 00" in shown  # newest first
    assert "Comment number 24" in shown
    assert "Comment number 25" not in shown
    at.number_input(key=state.VERBATIM_PAGE).set_value(2).run()
    assert_clean(at)
    shown = unescaped(texts(at))
    assert "26–32 of 32 comments match." in shown
    assert "Comment number 25" in shown
    assert "Comment number 00" not in shown
    # A typed % is a percent sign, not "anything": one comment, and page 2 is gone.
    at.text_input(key=state.VERBATIM_SEARCH).input("100%").run()
    assert_clean(at)
    shown = unescaped(texts(at))
    assert "1 comments match." in shown
    assert "100% happy" in shown
    assert "100 happy" not in shown


def test_two_possible_scores_preselect_neither_and_a_sheet_can_be_picked(
    empty_workspace: str, example_workspace: list[Journey]
) -> None:
    at = open_page("survey_import")
    two = b"Date,Staff (0-10),Waiting time (0-10)\n2026-05-01,10,3\n2026-05-02,2,9\n"
    at.file_uploader(key=state.VOC_SURVEY_UPLOAD).set_value(("two.csv", two, "text/csv")).run()
    assert_clean(at)
    picked = {s.label: s.value for s in at.selectbox}
    assert picked["Score: the 0–10 'how likely are you to recommend' answer"] is None
    warnings = " ".join(unescaped(w.value) for w in at.warning)
    assert "'Staff (0-10)' and 'Waiting time (0-10)'" in warnings
    assert "--score" not in warnings

    from io import BytesIO

    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Cover"
    book.active.append(["Prepared for the bank"])
    answers = book.create_sheet("Answers")
    answers.append(["Date", "How likely are you to recommend us?", "Touchpoint"])
    answers.append(["2026-05-01", 9, "raadgivningsmoede"])
    answers.append(["2026-05-02", 4, "raadgivningsmoede"])
    data = BytesIO()
    book.save(data)
    at.file_uploader(key=state.VOC_SURVEY_UPLOAD).set_value(
        ("book.xlsx", data.getvalue(), "application/octet-stream")
    ).run()
    assert_clean(at)
    sheet = next(s for s in at.selectbox if s.label.startswith("Sheet"))
    assert (sheet.value, sheet.options) == ("Answers", ["Cover", "Answers"])
    picked = {s.label: s.value for s in at.selectbox}
    assert picked["Score: the 0–10 'how likely are you to recommend' answer"] == (
        "How likely are you to recommend us?"
    )
    sheet.set_value("Cover").run()
    assert_clean(at)
    assert "sheet 'Cover' (1 of 2)" in unescaped(at.info[0].value)


def test_imports_are_listed_and_one_is_undone_after_confirming(
    empty_workspace: str, example_workspace: list[Journey]
) -> None:
    at = open_page("survey_import")
    at.file_uploader(key=state.VOC_SURVEY_UPLOAD).set_value(("bank.csv", SURVEY, "text/csv")).run()
    at.text_input(key=state.VOC_SURVEY_SOURCE).set_value("Kundeundersøgelse 2026").run()
    next(b for b in at.button if b.label == "Import").click().run()
    assert_clean(at)
    engine = open_database(empty_workspace)
    assert len(read_responses(engine, JOURNEY)) == 9
    listed = at.dataframe[-1].value
    assert list(listed["Source"]) == ["Kundeundersøgelse 2026"]
    assert list(listed["New"]) == [9]
    assert list(listed["By"]) == ["apptest"]
    # The same file again: the dry run says every answer is already there, from import 1.
    next(b for b in at.button if b.label == "Check (dry run)").click().run()
    counts = {m.label: m.value for m in at.metric}
    assert (counts["Would be imported"], counts["Already there (skipped)"]) == ("0", "9")
    assert f"9 from import {listed['Import'][0]}" in texts(at)
    undo = next(b for b in at.button if b.label == "Undo the import")
    assert undo.disabled  # not before the confirmation is ticked
    at.checkbox(key=state.VOC_UNDO_CONFIRM).check().run()
    next(b for b in at.button if b.label == "Undo the import").click().run()
    assert_clean(at)
    assert read_responses(engine, JOURNEY).empty
    assert "9 responses and 1 call-back cases removed" in unescaped(at.success[0].value)
    assert "by apptest" in " ".join(at.dataframe[-1].value["Undone"])

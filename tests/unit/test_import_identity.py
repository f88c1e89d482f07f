"""A response's identity within its source, with exports as the tools write them.

A cumulative Google Forms download (last month's file, this month's with one answer
and one question more, the same answers saved as XLSX from the Sheet) counts each real
answer once; two Microsoft Forms whose ids both start at 1 are two sources; the same
id with another answer in the same source is a conflict reported with both versions;
files imported before batches are still recognised.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert

from journeymap.analytics.nps_tables import nps_table
from journeymap.io.survey_import import ImportMapping, parse_import
from journeymap.io.survey_import.origins import FileOrigin, KnownSource, choose_source
from journeymap.services.import_batches import list_batches
from journeymap.store.engine import make_engine, migrate
from journeymap.store.evidence import read_responses
from journeymap.store.journeys import JourneyRepository
from journeymap.store.tables import ResponseRow
from tests.unit.survey_exports import (
    BRANCH,
    CONTACT,
    REASON,
    RECOMMEND,
    form_answers,
    google_forms_csv,
    google_sheet_xlsx,
    microsoft_forms_xlsx,
    qualtrics_csv,
)
from tests.unit.voc_helpers import IMPORTER, SHOP, run_import, shop_engine

GOOGLE = ImportMapping(
    score=RECOMMEND,
    date="Timestamp",
    comment=REASON,
    location=BRANCH,
    contact=CONTACT,
    touchpoint_value="advice",
    timezone="Europe/Oslo",  # the Sheet's dates are in the form's zone
)
QUALTRICS = ImportMapping(
    score="Q1", date="RecordedDate", id="ResponseId", comment="Q2", touchpoint_value="checkout"
)


@pytest.fixture
def engine(database_url: str) -> Engine:
    return shop_engine(database_url)


def n_stored(engine: Engine) -> int:
    return int(nps_table(read_responses(engine, "shop"))["n"].sum())


def test_a_cumulative_google_forms_download_counts_each_answer_once(
    engine: Engine, tmp_path: Path
) -> None:
    september = form_answers(258, datetime(2026, 9, 1, 8))
    # Two customers who answered alike in the same second are two answers, every time.
    september[101] = replace(september[100])
    new = replace(september[-1], at=september[-1].at + timedelta(days=1), score=4, booking="2")
    october = [*september, new]
    (tmp_path / "september").mkdir()
    first = google_forms_csv(tmp_path / "september" / "Nordbank NPS.csv", september,
                             with_booking=False)  # fmt: skip
    second = google_forms_csv(tmp_path / "Nordbank NPS.csv", october, with_booking=True)
    sheet = google_sheet_xlsx(tmp_path / "Nordbank NPS (Responses).xlsx", october,
                              with_booking=True)  # fmt: skip

    one = run_import(engine, SHOP, first, GOOGLE)
    assert (one.imported, one.duplicates, one.conflicting) == (258, 0, 0)
    two = run_import(engine, SHOP, second, GOOGLE)
    assert (two.imported, two.duplicates, two.conflicting) == (1, 258, 0)
    assert two.already_from == {one.batch_id: 258}
    assert two.source == one.source == "Google Forms: Nordbank NPS"
    assert two.source_how == "the same questions as 'Google Forms: Nordbank NPS'"

    dry = run_import(engine, SHOP, sheet, GOOGLE, dry_run=True)
    assert (dry.imported, dry.duplicates, dry.conflicting) == (0, 259, 0)
    assert dry.already_from == {one.batch_id: 258, two.batch_id: 1}
    assert (dry.source, dry.source_how) == ("Google Forms: Nordbank NPS", "named in the export")
    assert (
        f"0 responses would be imported (new), 259 already there (258 from import "
        f"{one.batch_id}, 1 from import {two.batch_id}), 0 conflicting, 0 rejected"
    ) in dry.lines()[0]
    three = run_import(engine, SHOP, sheet, GOOGLE)
    assert (three.imported, three.duplicates) == (0, 259)

    # 776 rows read in three files (the files made n = 775); 259 real answers.
    assert one.rows_read + two.rows_read + three.rows_read == 776
    assert n_stored(engine) == 259
    batches = list_batches(IMPORTER, engine, "shop")
    assert [(b.counts["added"], b.counts["already_there"]) for b in batches] == [
        (0, 259),
        (1, 258),
        (258, 0),
    ]
    assert {b.source for b in batches} == {"Google Forms: Nordbank NPS"}


def test_two_microsoft_forms_whose_ids_both_start_at_1_are_two_sources(
    engine: Engine, tmp_path: Path
) -> None:
    better = "What could we do better?"
    branch_questions = ["How likely are you to recommend us to a friend or colleague?",
                        "Which branch did you visit?", better]  # fmt: skip
    phone_questions = ["How likely are you to recommend us to a friend or colleague?",
                       "How long did you wait on the phone?", better]  # fmt: skip
    branch_rows = [[i % 11, "Bergen sentrum", f"branch {i}"] for i in range(120)]
    phone_rows = [[(i * 7) % 11, "5 minutes", f"phone {i}"] for i in range(120)]
    branch = microsoft_forms_xlsx(
        tmp_path / "Kundetilfredshed filial(1-120).xlsx", branch_questions, branch_rows
    )
    phone = microsoft_forms_xlsx(
        tmp_path / "Kundeservice telefon(1-120).xlsx", phone_questions, phone_rows
    )

    def mapping(touchpoint: str) -> ImportMapping:
        return ImportMapping(
            score=branch_questions[0],
            date="Completion time",
            id="ID",
            comment=better,
            touchpoint_value=touchpoint,
            timezone="Europe/Oslo",
        )

    first = run_import(engine, SHOP, branch, mapping("advice"))
    second = run_import(engine, SHOP, phone, mapping("phone"))
    assert (first.imported, second.imported, second.duplicates, second.conflicting) == (
        120,
        120,
        0,
        0,
    )
    assert (first.source, second.source) == (
        "Microsoft Forms: Kundetilfredshed filial",
        "Microsoft Forms: Kundeservice telefon",
    )
    assert n_stored(engine) == 240

    # The branch form downloaded again a week later: its ids go on from 121.
    more = [*branch_rows, *([9, "Oslo Storo", f"later {i}"] for i in range(15))]
    later = microsoft_forms_xlsx(
        tmp_path / "Kundetilfredshed filial(1-135).xlsx", branch_questions, more
    )
    again = run_import(engine, SHOP, later, mapping("advice"))
    assert (again.imported, again.duplicates, again.conflicting) == (15, 120, 0)
    assert again.already_from == {first.batch_id: 120}


def test_the_same_id_with_another_answer_is_a_conflict_with_both_versions(
    engine: Engine, tmp_path: Path
) -> None:
    at = datetime(2026, 3, 9, 9, 0, tzinfo=UTC)
    rows = [(f"R_1aB2c3D4e5F6g{i}", at + timedelta(hours=i), 9, f"fine {i}") for i in range(5)]
    first = qualtrics_csv(tmp_path / "Customer NPS_March 9, 2026_10.15.csv", rows)
    # A week later the export is downloaded again: one answer was corrected in
    # Qualtrics since (score and comment), one is new.
    changed = list(rows)
    changed[2] = (rows[2][0], rows[2][1], 3, "slow after all")
    changed.append(("R_9zZ8yY7xX6wW5v", at + timedelta(days=6), 10, "great"))
    second = qualtrics_csv(tmp_path / "Customer NPS_March 16, 2026_09.02.csv", changed)

    one = run_import(engine, SHOP, first, QUALTRICS)
    two = run_import(engine, SHOP, second, QUALTRICS)
    assert two.source == one.source == "Qualtrics: Customer NPS"
    assert (two.imported, two.duplicates, two.conflicting) == (1, 4, 1)
    (conflict,) = two.conflicts
    assert (conflict.row, conflict.response, conflict.stored_batch) == (
        6,
        "R_1aB2c3D4e5F6g2",
        one.batch_id,
    )
    assert conflict.stored == {"score": 9, "comment": "fine 2"}
    assert conflict.incoming == {"score": 3, "comment": "slow after all"}
    assert (
        f"row 6: response 'R_1aB2c3D4e5F6g2' is stored with other answers (import "
        f"{one.batch_id}: score 9, comment 'fine 2'; this file: score 3, comment "
        "'slow after all'): the stored one is kept"
    ) in two.lines()
    stored = read_responses(engine, "shop")
    assert sorted(stored["score"]) == [9, 9, 9, 9, 9, 10]  # the stored version is kept

    # From another survey the same ids are other customers' answers.
    other = run_import(engine, SHOP, second, QUALTRICS, source="Kunde-NPS Danmark")
    assert (other.imported, other.duplicates, other.conflicting) == (6, 0, 0)
    assert other.source_how == "named with the source option"


def test_responses_stored_before_batches_are_still_recognised(
    database_url: str, tmp_path: Path
) -> None:
    at = datetime(2026, 3, 9, 9, 0, tzinfo=UTC)
    rows = [(f"R_{i:03d}", at + timedelta(hours=i), 8, f"ok {i}") for i in range(4)]
    with_ids = qualtrics_csv(tmp_path / "export.csv", rows)
    answers = form_answers(6, datetime(2026, 3, 1, 8))
    without_ids = google_forms_csv(tmp_path / "form.csv", answers, with_booking=False)
    engine = make_engine(database_url)
    migrate(engine, "0008")  # the workspace as it was before batches
    JourneyRepository(engine).save(SHOP, author="test", base_revision=None)
    for path, mapping in ((with_ids, QUALTRICS), (without_ids, GOOGLE)):
        # Stored as the importer stored them then: by the keys it made then.
        frames = parse_import(SHOP, path, mapping).frames
        with engine.begin() as connection:
            for frame in frames:
                connection.execute(insert(ResponseRow.__table__), frame.to_dict("records"))
    migrate(engine)
    (before,) = list_batches(IMPORTER, engine, "shop")
    assert (before.kind, before.counts["added"], before.responses) == ("before batches", 10, 10)

    again = run_import(engine, SHOP, without_ids, GOOGLE)
    assert (again.imported, again.duplicates, again.already_from) == (0, 6, {before.id: 6})
    edited = list(rows)
    edited[1] = (rows[1][0], rows[1][1], 2, "changed")
    export = qualtrics_csv(tmp_path / "export.csv", edited)
    dry = run_import(engine, SHOP, export, QUALTRICS, dry_run=True)
    assert (dry.imported, dry.duplicates, dry.conflicting) == (0, 3, 1)
    assert dry.conflicts[0].stored_batch == before.id
    # Named as another survey, the changed answer under a known id is that survey's.
    named = run_import(engine, SHOP, export, QUALTRICS, source="Another survey")
    assert (named.imported, named.duplicates, named.conflicting) == (1, 3, 0)


# ── which source a file is from ──────────────────────────────────────────────────────
BASE = ("timestamp", "how likely to recommend", "why", "branch")
KNOWN = [
    KnownSource(1, "Google Forms: Nordbank NPS", "google-forms", frozenset(BASE), BASE),
    KnownSource(
        2,
        "Microsoft Forms: Filial",
        "microsoft-forms",
        frozenset(BASE[1:] + ("id",)),
        BASE[1:] + ("id",),
        title="Filial",
    ),  # fmt: skip
    KnownSource(
        3,
        "Qualtrics: Relationship",
        "qualtrics",
        frozenset({"q1", "q2", "q3", "q4"}),
        ("q1", "q2", "q3", "q4"),
    ),  # fmt: skip
]


def origin(tool: str, questions: tuple[str, ...], title: str | None = None) -> FileOrigin:
    return FileOrigin(tool, title, "export", questions)


@pytest.mark.parametrize(
    ("file", "given", "name", "how"),
    [
        # A person's name wins, a known one or a new one.
        (origin("google-forms", BASE), "Microsoft Forms: Filial", "Microsoft Forms: Filial",
         "named with the source option"),
        (origin("google-forms", BASE), "Branch survey 2027", "Branch survey 2027",
         "named with the source option"),
        # One question more or less: the same survey.
        (origin("google-forms", (*BASE, "how easy to book")), None,
         "Google Forms: Nordbank NPS", "the same questions as 'Google Forms: Nordbank NPS'"),
        (origin("generic", BASE[:3] + ("branch",)), None, "Google Forms: Nordbank NPS",
         "the same questions as 'Google Forms: Nordbank NPS'"),
        # The title the tool wrote names a known source.
        (origin("google-forms", ("other", "questions"), "Nordbank NPS"), None,
         "Google Forms: Nordbank NPS", "named in the export"),
        # Another title: another form, however alike its questions.
        (origin("microsoft-forms", BASE[1:] + ("id",), "Telefon"), None,
         "Microsoft Forms: Telefon", "a new source, named in the export"),
        # Nothing alike: a new source after the file.
        (origin("qualtrics", ("q1", "q9", "q8", "q7", "q6")), None, "Qualtrics: export",
         "a new source"),
    ],
)  # fmt: skip
def test_which_source_a_file_is_from(
    file: FileOrigin, given: str | None, name: str, how: str
) -> None:
    choice = choose_source(KNOWN, file, given)
    assert (choice.name, choice.how) == (name, how)


def test_a_source_keeps_its_first_files_key_questions_and_names_those_missing() -> None:
    shrunk = origin("google-forms", BASE[:3])  # the branch question was taken out
    choice = choose_source(KNOWN, shrunk)
    assert choice.existing == 1
    assert choice.key_questions == BASE
    assert choice.missing == ("branch",)
    assert set(choice.questions) == set(BASE)


def test_a_new_sources_name_is_free() -> None:
    taken = [KnownSource(4, "Qualtrics: export", "qualtrics", frozenset({"zz"}), ("zz",))]
    assert choose_source(taken, origin("qualtrics", ("a", "b"))).name == "Qualtrics: export (2)"

"""The pieces of the survey importer: sniffing, tool formats, score and date columns."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pandas as pd
import pytest

from journeymap.io.survey_import.columns import guess_columns, parse_scores, score_candidates
from journeymap.io.survey_import.dates import AmbiguousDates, infer_dayfirst, parse_dates
from journeymap.io.survey_import.formats import detect_format
from journeymap.io.survey_import.sniffing import sniff
from tests.unit.voc_helpers import survey


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter", "decimal"),
    [
        ("qualtrics.csv", "utf-8", ",", "."),
        ("bom.csv", "utf-8-sig", ",", "."),
        ("danish-semicolon-cp1252.csv", "cp1252", ";", ","),
    ],
)
def test_sniffing(name: str, encoding: str, delimiter: str, decimal: str) -> None:
    dialect = sniff(survey(name))
    assert (dialect.encoding, dialect.delimiter, dialect.decimal) == (encoding, delimiter, decimal)


def test_tab_separated_is_recognised(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "t.tsv"
    path.write_text("Date\tScore\tComment\n2026-01-01\t9\tok, fine\n2026-01-02\t3\tno\n")
    assert sniff(path).delimiter == "\t"


@pytest.mark.parametrize(
    ("rows", "name", "header_rows", "id_column", "date_column"),
    [
        (
            [
                ["StartDate", "EndDate", "ResponseId", "RecordedDate", "Q1", "Q1_NPS_GROUP"],
                ["Start", "End", "Id", "Rec", "How likely…", "Group"],
                ['{"ImportId":"a"}'] * 6,
            ],
            "qualtrics",
            3,
            "ResponseId",
            "RecordedDate",
        ),
        (
            [
                ["Respondent ID", "Collector ID", "Start Date", "End Date", "Q?"],
                ["", "", "", "", "Response"],
            ],
            "surveymonkey",
            2,
            "Respondent ID",
            "End Date",
        ),
        ([["Timestamp", "How likely…"]], "google-forms", 1, None, "Timestamp"),
        ([["#", "How likely…", "Submit Date (UTC)"]], "typeform", 1, "#", "Submit Date (UTC)"),
        ([["Date", "Score"]], "generic", 1, None, None),
    ],
)
def test_formats(
    rows: list[list[str]],
    name: str,
    header_rows: int,
    id_column: str | None,
    date_column: str | None,
) -> None:
    fmt = detect_format(rows)
    assert (fmt.name, fmt.header_rows, fmt.id_column, fmt.date_column) == (
        name,
        header_rows,
        id_column,
        date_column,
    )


def test_qualtrics_nps_group_is_never_the_score() -> None:
    fmt = detect_format(
        [
            ["ResponseId", "StartDate", "Q7", "Q7_NPS_GROUP"],
            ["Id", "Start", "Rate us", "Group"],
            ['{"ImportId":"x"}'] * 4,
        ]
    )
    assert fmt.score_hint == "Q7"
    assert fmt.excluded == {"Q7_NPS_GROUP"}
    frame = pd.DataFrame({"Q7": ["9", "3", "10", "7"], "Q7_NPS_GROUP": ["3", "1", "3", "2"]})
    found = score_candidates(frame, fmt.labels, fmt.excluded, fmt.score_hint)
    assert [c.column for c in found] == ["Q7"]
    assert found[0].marked  # by the tool, not by wording
    assert not found[0].worded


@pytest.mark.parametrize(
    ("value", "score"),
    [
        ("9", 9),
        (" 10 ", 10),
        ("0", 0),
        ("7.0", 7),
        ("7,0", 7),
        ("10 - Extremely likely", 10),
        ("0 - Not at all likely", 0),
        ("10 = Meget sandsynligt", 10),
        ("Extremely likely", 10),
        ("Not at all likely", 0),
        ("Not at all likely 0", 0),
        ("Extremely likely (10)", 10),
        ("11", None),
        ("-1", None),
        ("7.5", None),
        ("abc", None),
        ("", None),
        ("NA", None),
    ],
)
def test_parse_scores(value: str, score: int | None) -> None:
    parsed = parse_scores(pd.Series([value]))[0]
    assert (None if math.isnan(parsed) else parsed) == score


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        # The 0–10 column wins over a 1–5 Likert item that also says "recommend".
        (
            {
                "I would recommend you (1-5)": ["5", "4", "1", "3"],
                "How likely are you to recommend us?": ["10", "9", "2", "7"],
            },
            "How likely are you to recommend us?",
        ),
        (
            {
                "Hvor sandsynligt er det, at du vil anbefale os?": ["10", "6", "8", "9"],
                "Antal besøg": ["1", "2", "1", "3"],
            },
            "Hvor sandsynligt er det, at du vil anbefale os?",
        ),
        (
            {"Hvor sannsynlig er det at du vil anbefale oss?": ["10", "6", "8", "9"]},
            "Hvor sannsynlig er det at du vil anbefale oss?",
        ),
        (
            {
                "Recommend": ["Agree", "Strongly Agree", "Agree", ""],
                "LikelyToRecommend": ["10", "", "8", "3"],
            },
            "LikelyToRecommend",
        ),
        ({"Recommend (1-5)": ["5", "4", "3", "5"]}, None),
    ],
)
def test_the_score_column_is_found_by_values_and_wording(
    columns: dict[str, list[str]], expected: str | None
) -> None:
    found = [c.column for c in score_candidates(pd.DataFrame(columns), {}) if c.worded]
    assert (found[0] if found else None) == expected


def test_other_roles_are_guessed_from_headers_and_values() -> None:
    frame = pd.DataFrame(
        {
            "Response ID": ["a1", "a2", "a3"],
            "Date": ["2026-01-01", "2026-01-02", "2026-01-03"],
            "Score": ["9", "3", "10"],
            "Why?": ["Slow queue at the till", "Friendly staff", "Nothing to add here"],
            "Branch": ["Køge", "Århus C", "Køge"],
            "Customer type": ["private", "business", "private"],
            "E-mail": ["a@example.dk", "", "c@example.dk"],
        }
    )
    roles = guess_columns(frame, {}, score_column="Score")
    assert roles == {
        "score": "Score",
        "id": "Response ID",
        "date": "Date",
        "touchpoint": None,
        "contact": "E-mail",
        "comment": "Why?",
        "location": "Branch",
        "segment": "Customer type",
    }


@pytest.mark.parametrize(
    ("values", "dayfirst"),
    [
        (["25/03/2026", "03/04/2026"], True),
        (["03/25/2026", "03/04/2026"], False),
        (["03.04.2026"], True),
        (["2026-03-04"], None),
    ],
)
def test_day_order_is_inferred_only_when_the_values_settle_it(
    values: list[str], dayfirst: bool | None
) -> None:
    assert infer_dayfirst(pd.Series(values)) is dayfirst


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            ["03/04/2026", "01/02/2026"],
            "could be 3 April or 4 March: give --dayfirst or --date-format %m/%d/%Y",
        ),
        (
            ["9/8/18 15:29"],
            "could be 9 August or 8 September: give --dayfirst or --date-format %m/%d/%y",
        ),
        (["25/03/2026", "03/25/2026"], "mix day-first (25/03/2026) and month-first (03/25/2026)"),
    ],
)
def test_ambiguous_dates_are_refused(values: list[str], message: str) -> None:
    with pytest.raises(AmbiguousDates) as refused:
        parse_dates(pd.Series(values))
    assert message in str(refused.value)


@pytest.mark.parametrize(
    ("value", "options", "expected"),
    [
        ("2026-03-04 10:22:11", {}, datetime(2026, 3, 4, 10, 22, 11, tzinfo=UTC)),
        ("2026-03-04T10:22:11Z", {}, datetime(2026, 3, 4, 10, 22, 11, tzinfo=UTC)),
        ("2026-03-04 10:00:00+02:00", {}, datetime(2026, 3, 4, 8, tzinfo=UTC)),
        ("2026/03/04 1:05:00 PM GMT+1", {}, datetime(2026, 3, 4, 12, 5, tzinfo=UTC)),
        ("9/8/18 15:29", {"dayfirst": False}, datetime(2018, 9, 8, 15, 29, tzinfo=UTC)),
        ("03/04/2026 12:30 AM", {"dayfirst": True}, datetime(2026, 4, 3, 0, 30, tzinfo=UTC)),
        (
            "04.03.2026 10:00",
            {"timezone": "Europe/Copenhagen"},
            datetime(2026, 3, 4, 9, tzinfo=UTC),
        ),
        ("04.07.2026 10:00", {"timezone": "Europe/Oslo"}, datetime(2026, 7, 4, 8, tzinfo=UTC)),
        ("March 4, 2026", {}, datetime(2026, 3, 4, tzinfo=UTC)),
        ("4/3/2026", {"date_format": "%d/%m/%Y"}, datetime(2026, 3, 4, tzinfo=UTC)),
    ],
)
def test_parse_dates(value: str, options: dict[str, object], expected: datetime) -> None:
    parsed = parse_dates(pd.Series([value]), **options)  # type: ignore[arg-type]
    assert parsed.moments[0].to_pydatetime() == expected


def test_unreadable_and_blank_dates_are_told_apart() -> None:
    parsed = parse_dates(pd.Series(["2026-02-30", "", "soon", "2026-02-28"]))
    assert list(parsed.blank) == [False, True, False, False]
    assert list(parsed.moments.isna()) == [True, True, True, False]

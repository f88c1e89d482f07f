"""Survey exports written the way each tool writes them, for the import-identity tests.

- Google Forms, "Download responses (.csv)": one header row, ``Timestamp`` first, times
  as ``2026/09/03 9:15:02 AM GMT+2``; every download holds every answer so far, and a
  question added later is a column at the end (blank for the earlier answers).
- The linked Google Sheet saved as XLSX ("Title (Responses).xlsx", tab "Form
  Responses 1"): the same columns, times as spreadsheet dates in the form's zone.
- Microsoft Forms, "Open in Excel" ("Title(1-120).xlsx"): ``ID`` counting from 1 in
  every form, ``Start time``, ``Completion time``, ``Email``, ``Name``, then the questions.
- Qualtrics CSV ("Title_March 9, 2026_10.15.csv"): three header rows (column ids, the
  question texts, ImportId JSON); ``ResponseId`` such as ``R_1aB2…``.
"""

from __future__ import annotations

import csv
import json
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import Workbook

OSLO = ZoneInfo("Europe/Oslo")
RECOMMEND = "How likely are you to recommend Nordbank to a friend or colleague?"
REASON = "What is the main reason for your score?"
BRANCH = "Which branch did you visit?"
CONTACT = "May we call you back? Leave your e-mail or phone"
BOOKING = "How easy was it to book the meeting? (1-5)"  # added to the form in October
BRANCHES = ("Bergen sentrum", "Oslo Storo", "Trondheim Solsiden")
REASONS = (
    "Friendly adviser",
    "Long queue at the counter",
    "Quick answers",
    "Had to explain twice",
    "",
)


@dataclass
class Answer:
    """One respondent's answers, in the form's local time."""

    at: datetime  # naive, Europe/Oslo
    score: int
    reason: str = ""
    branch: str = BRANCHES[0]
    contact: str = ""
    booking: str = ""  # only asked since October
    extra: dict[str, str] = field(default_factory=dict)


def form_answers(count: int, start: datetime, seed: int = 7) -> list[Answer]:
    """``count`` answers a few hours apart from ``start`` (before the clocks change)."""
    rng = random.Random(seed)
    answers = []
    moment = start
    for i in range(count):
        moment += timedelta(minutes=rng.randint(20, 200), seconds=rng.randint(0, 59))
        score = rng.choice([10, 10, 9, 9, 8, 7, 6, 3, 0])
        answers.append(
            Answer(
                at=moment,
                score=score,
                reason=REASONS[i % len(REASONS)],
                branch=BRANCHES[i % len(BRANCHES)],
                contact=f"kunde{i}@example.no" if score <= 6 and i % 2 else "",
            )
        )
    return answers


def _google_time(moment: datetime) -> str:
    offset = int(moment.replace(tzinfo=OSLO).utcoffset().total_seconds() // 3600)  # type: ignore[union-attr]
    clock = moment.strftime("%I:%M:%S %p").lstrip("0")
    return f"{moment:%Y/%m/%d} {clock} GMT+{offset}"


def google_forms_columns(with_booking: bool) -> list[str]:
    return ["Timestamp", RECOMMEND, REASON, BRANCH, CONTACT] + ([BOOKING] if with_booking else [])


def _google_cells(answer: Answer, with_booking: bool) -> list[object]:
    cells: list[object] = [answer.score, answer.reason, answer.branch, answer.contact]
    return cells + ([answer.booking] if with_booking else [])


def google_forms_csv(path: Path, answers: list[Answer], *, with_booking: bool) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(google_forms_columns(with_booking))
        for answer in answers:
            writer.writerow([_google_time(answer.at), *_google_cells(answer, with_booking)])
    return path


def google_sheet_xlsx(path: Path, answers: list[Answer], *, with_booking: bool) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Form Responses 1"
    sheet.append(google_forms_columns(with_booking))
    for answer in answers:
        # The Sheet keeps numbers as numbers and the time as a date in the form's zone.
        row: list[object] = [answer.at, answer.score, answer.reason, answer.branch, answer.contact]
        if with_booking:
            row.append(int(answer.booking) if answer.booking else None)
        sheet.append(row)
    workbook.save(path)
    return path


def microsoft_forms_xlsx(path: Path, questions: list[str], rows: list[list[object]]) -> Path:
    """``rows``: the answers to ``questions`` per respondent; IDs count from 1."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name", *questions])
    start = datetime(2026, 9, 1, 8, 0, 0)
    for number, answers in enumerate(rows, start=1):
        began = start + timedelta(hours=5 * number, seconds=number)
        sheet.append([number, began, began + timedelta(minutes=3), "anonymous", "", *answers])
    workbook.save(path)
    return path


QUALTRICS_KEYS = ["StartDate", "EndDate", "Status", "Progress", "RecordedDate", "ResponseId",
                  "Q1", "Q1_NPS_GROUP", "Q2", "Q3"]  # fmt: skip
QUALTRICS_TEXTS = ["Start Date", "End Date", "Response Type", "Progress", "Recorded Date",
                   "Response ID", "How likely are you to recommend us to a friend or colleague?",
                   "How likely are you to recommend us to a friend or colleague? - Group",
                   "Why did you give that score?", "Which service did you use?"]  # fmt: skip


def qualtrics_csv(path: Path, rows: list[tuple[str, datetime, int, str]]) -> Path:
    """``rows``: (ResponseId, recorded at in UTC, score, comment)."""
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(QUALTRICS_KEYS)
        writer.writerow(QUALTRICS_TEXTS)
        writer.writerow([json.dumps({"ImportId": key}) for key in QUALTRICS_KEYS])
        for response_id, at, score, comment in rows:
            group = 3 if score >= 9 else 2 if score >= 7 else 1
            stamp = f"{at:%Y-%m-%d %H:%M:%S}"
            writer.writerow([stamp, stamp, "IP Address", 100, stamp, response_id, score, group,
                             comment, "Kasse"])  # fmt: skip
    return path

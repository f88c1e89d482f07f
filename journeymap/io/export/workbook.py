"""An Excel workbook of the journey and its evidence, one sheet per kind of row.

Names, comments and scenarios are typed by people, and a cell starting with ``=``
would otherwise be a formula: such text is stored as a string with the quote-prefix
style (see :func:`runs_as_formula`), so Excel shows it as typed and runs nothing.
Times are written in the workspace's time zone, named in the Journey sheet (Excel has
no time zones); customers' contact details are
left out: a workbook travels further than the app. Visits and scores come as the
reader may see them (journeymap.services.shopper_results): for a reader who does not
run the programme, without planning keys and with a ``shopper`` column of pseudonyms
in place of ``shopper_id``.
"""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from journeymap.analytics.local_time import zone_info
from journeymap.i18n import N_, _
from journeymap.io.export.data import ExportData
from journeymap.io.export.figures import touchpoint_figures
from journeymap.io.spreadsheet_safety import runs_as_formula
from journeymap.store.programme import VISIT_COLUMNS

HEADER_FILL = PatternFill("solid", fgColor="D9E2EC")
MAX_COLUMN_WIDTH = 60
RESPONSE_COLUMNS = (
    "id",
    "touchpoint_id",
    "responded_at",
    "score",
    "survey_kind",
    "comment",
    "location",
    "segment",
    "source",
)
SCORE_COLUMNS = ("visit_id", "location_id", "location_name", "period", "status", "pct")
# A score is read against its questionnaire version (and wave): two are never one figure.
SCORE_COLUMNS += ("questionnaire_id", "questionnaire_version", "wave")
SCORE_COLUMNS += ("earned", "possible", "knocked_out")
# The Visits sheet: a visit as read, with either the shopper's id or their pseudonym.
_SHOPPER_AT = VISIT_COLUMNS.index("shopper_id") + 1
VISIT_SHEET_COLUMNS = (*VISIT_COLUMNS[:_SHOPPER_AT], "shopper", *VISIT_COLUMNS[_SHOPPER_AT:])
TOUCHPOINT_SCORE_COLUMNS = ("visit_id", "location_id", "period", "touchpoint", "pct")
TOUCHPOINT_SCORE_COLUMNS += ("earned", "possible")
# The headers of the sheets written for people, translated where the sheet is written.
TOUCHPOINT_HEADER = (
    N_("Stage"), N_("Touchpoint"), N_("Id"), N_("Channel"), N_("Owner"),
    N_("Customers per month"), N_("Drop-off %"), "NPS", N_("NPS ±"), N_("NPS n"),
    N_("Shopper %"), N_("Shopper ±"), N_("Shopper visits"), N_("Friction"), N_("Health"),
    N_("Experience 1–5"), N_("Experience from"), N_("Moment of truth"), N_("End"),
    N_("Promise"), N_("Does"), N_("Thinks"), N_("Feels (−2…+2)"), N_("Pain points"),
    N_("Opportunities"), N_("Backstage"),
)  # fmt: skip
TRANSITION_HEADER = (N_("From"), N_("To"), N_("From id"), N_("To id"), N_("Share %"))
TRANSITION_HEADER += (N_("Kind"), N_("Label"), N_("Main path"))
SAND_HEADER = (N_("Rank"), N_("Touchpoint"), N_("Id"), N_("Health"), N_("Friction"))
SAND_HEADER += (N_("Customers affected per month"), N_("Impact"), N_("Thin data"), N_("Reasons"))
ACTION_HEADER = (N_("Action"), N_("Status"), N_("Category"), N_("Owner"), N_("Impact"))
ACTION_HEADER += (N_("Effort"), N_("Quick win"), N_("Touchpoints"), N_("Due"), N_("Done"))
ACTION_HEADER += (N_("Did it work?"),)


@dataclass(frozen=True)
class EvidenceTables:
    """The rows behind the figures, as the store reads them (empty frames: none)."""

    responses: pd.DataFrame = field(default_factory=pd.DataFrame)
    visits: pd.DataFrame = field(default_factory=pd.DataFrame)
    visit_scores: pd.DataFrame = field(default_factory=pd.DataFrame)
    touchpoint_scores: pd.DataFrame = field(default_factory=pd.DataFrame)


def cell_value(value: Any, zone: str = "UTC") -> Any:
    """A value Excel can hold: text without the characters it refuses, times as wall-clock
    times of ``zone``."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        return value.astimezone(zone_info(zone)).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        return value
    if isinstance(value, bool | int | float):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def journey_workbook(data: ExportData, tables: EvidenceTables | None = None) -> bytes:
    """The .xlsx bytes: Journey, Touchpoints, Transitions, Sand, Actions, Responses, Visits,
    Scores. Sheet names and the headers of the sheets written for people are in the
    reader's language; the sheets of raw rows keep their data columns' names."""
    tables = tables or EvidenceTables()
    book = Workbook()
    _about(book.active, data)
    # Translators: the names of a workbook's sheets, at most 31 characters each.
    _sheet(book, _("Touchpoints"), *_touchpoints(data))
    _sheet(book, _("Transitions"), *_transitions(data))
    _sheet(book, _("Sand"), *_sand(data))
    _sheet(book, _("Actions"), *_actions(data))
    zone = data.zone
    _frame_sheet(book, _("Responses"), tables.responses, RESPONSE_COLUMNS, zone)
    _frame_sheet(book, _("Visits"), tables.visits, VISIT_SHEET_COLUMNS, zone)
    _frame_sheet(book, _("Scores"), tables.visit_scores, SCORE_COLUMNS, zone)
    _frame_sheet(
        book, _("Scores by touchpoint"), tables.touchpoint_scores, TOUCHPOINT_SCORE_COLUMNS, zone
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def frames_workbook(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """The .xlsx bytes of one sheet per frame, by the same rules (text never a formula)."""
    book = Workbook()
    book.remove(book.active)
    for title, frame in sheets.items():
        _frame_sheet(book, title, frame, list(frame.columns))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _about(sheet: Worksheet, data: ExportData) -> None:
    sheet.title = _("Journey")
    journey = data.journey
    names = {tp.id: tp.name for tp in journey.touchpoints}
    rows: list[tuple[str, Any]] = [
        (_("Journey"), journey.name),
        (_("Id"), journey.id),
        (_("Revision"), data.revision),
        (_("Description"), journey.description),
        (_("Persona"), journey.persona),
        (_("Segment"), journey.segment),
        (_("Evidence period"), data.period_text()),
        (_("Customers entering per month"), round(data.flow.entering_per_month, 1)),
        (_("Main path"), " → ".join(names.get(t, t) for t in data.flow.main_path)),
        (_("Exported at ({zone})").format(zone=data.zone), data.exported_at),
        (_("Times are in"), data.zone),
    ]
    for number, (label, value) in enumerate(rows, start=1):
        _append(sheet, number, [label, cell_value(value, data.zone)])
        sheet.cell(number, 1).font = Font(bold=True)
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 90
    for row in sheet.iter_rows(min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


def _touchpoints(data: ExportData) -> tuple[list[str], list[list[Any]]]:
    header = [_(name) for name in TOUCHPOINT_HEADER]
    rows = []
    for f in touchpoint_figures(data):
        tp = data.journey.touchpoint(f.touchpoint)
        rows.append(
            [
                f.stage, f.name, f.touchpoint, f.channel, f.owner,
                round(f.customers_per_month, 1), round(f.drop_off * 100, 1),
                _rounded(f.nps), _rounded(f.nps_margin), f.nps_n or None,
                _rounded(f.shopper_pct), _rounded(f.shopper_margin), f.shopper_n or None,
                _rounded(f.friction),
                f.health_label, f.experience, f.experience_source, f.moment_of_truth,
                f.end, tp.promise, tp.does, tp.thinks, tp.feels,
                "\n".join(tp.pain_points), "\n".join(tp.opportunities), tp.backstage,
            ]
        )  # fmt: skip
    return header, rows


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _transitions(data: ExportData) -> tuple[list[str], list[list[Any]]]:
    header = [_(name) for name in TRANSITION_HEADER]
    names = {tp.id: tp.name for tp in data.journey.touchpoints}
    shares = data.shares()
    main = set(itertools.pairwise(data.flow.main_path))
    rows = []
    for t in data.journey.transitions:
        key = (t.source, t.target)
        rows.append(
            [
                names.get(t.source, t.source),
                names.get(t.target, t.target),
                t.source,
                t.target,
                round(shares.get(key, 0.0) * 100, 1),
                t.kind,
                t.label,
                key in main,
            ]
        )
    return header, rows


def _sand(data: ExportData) -> tuple[list[str], list[list[Any]]]:
    header = [_(name) for name in SAND_HEADER]
    rows = [
        [
            i.rank,
            i.name,
            i.touchpoint,
            i.health,
            round(i.friction, 1),
            round(i.customers_affected, 1),
            round(i.impact, 1),
            i.thin_data,
            "\n".join(i.reasons),
        ]
        for i in data.items
    ]
    return header, rows


def _actions(data: ExportData) -> tuple[list[str], list[list[Any]]]:
    header = [_(name) for name in ACTION_HEADER]
    rows = [
        [
            a.title,
            _(a.status),  # the labels are marked for the catalogs where they are defined
            _(a.category),
            a.owner,
            a.impact,
            a.effort,
            a.quick_win,
            a.touchpoints,
            a.due_on,
            a.done_on,
            a.effect,
        ]
        for a in data.actions
    ]
    return header, rows


def _frame_sheet(
    book: Workbook, title: str, frame: pd.DataFrame, columns: Sequence[str], zone: str = "UTC"
) -> None:
    present = [c for c in columns if c in frame.columns]
    if not present:  # no rows read at all: the sheet still says what its rows would hold
        _sheet(book, title, columns, [])
        return
    _sheet(book, title, present, frame[present].itertuples(index=False, name=None), zone)


def _sheet(
    book: Workbook,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    zone: str = "UTC",
) -> None:
    sheet = book.create_sheet(title)
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    widths = [len(h) for h in header]
    # Counted here: sheet.max_row looks at every cell, which made big sheets quadratic.
    row_number = sheet.max_row
    for row in rows:
        values = [cell_value(v, zone) for v in row]
        row_number += 1
        _append(sheet, row_number, values)
        for i, value in enumerate(values):
            if isinstance(value, datetime):
                sheet.cell(row_number, i + 1).number_format = "yyyy-mm-dd hh:mm"
            length = max((len(line) for line in str(value or "").split("\n")), default=0)
            widths[i] = max(widths[i], min(length, MAX_COLUMN_WIDTH))
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width + 2
    sheet.freeze_panes = "A2"
    if header:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(sheet.max_row, 1)}"


def _append(sheet: Worksheet, number: int, values: list[Any]) -> None:
    """Row ``number``, with text that looks like a formula kept as text.

    A string cell with the quote-prefix style is what Excel makes of a typed leading
    apostrophe: it shows the text exactly as typed and never evaluates it, where a
    literal apostrophe (as the CSV files need) would be seen in the cell.
    """
    sheet.append(values)
    for column, value in enumerate(values, start=1):
        if runs_as_formula(value):
            cell = sheet.cell(number, column)
            cell.data_type = "s"  # openpyxl took the leading = for a formula
            cell.quotePrefix = True

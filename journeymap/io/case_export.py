"""Call-back cases to CSV for a spreadsheet, without letting a comment run as a formula.

Comments and contact fields come from customers; every cell goes through
:func:`journeymap.io.spreadsheet_safety.neutralise_cell`, so none runs as a formula.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pandas as pd

from journeymap.analytics.local_time import zone_info
from journeymap.io.spreadsheet_safety import neutralise_cell

EXPORT_COLUMNS = (
    "id",
    "status",
    "due_at",
    "overdue",
    "owner",
    "responded_at",
    "score",
    "touchpoint_id",
    "location",
    "segment",
    "contact",
    "comment",
    "root_cause",
    "notes",
    "contacted_at",
    "closed_at",
)


# One rule for every CSV and workbook export; the old name stays for its callers.
neutralise = neutralise_cell


def _cell(value: object, zone: str = "UTC") -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return ""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(zone_info(zone))
        return value.strftime("%Y-%m-%d %H:%M ") + zone
    return neutralise(value)


def cases_csv(cases: pd.DataFrame, zone: str = "UTC") -> str:
    """The cases of :func:`journeymap.store.cases.read_cases` as CSV text (UTF-8 on disk).

    Times are written in ``zone`` (the workspace's time zone) and say which it is.
    """
    columns = [c for c in EXPORT_COLUMNS if c in cases.columns]
    frame = cases[columns].astype(object).map(lambda value: _cell(value, zone))
    buffer = io.StringIO()
    # CRLF, as RFC 4180 and Excel want: a field holding a lone \r (a comment pasted
    # from an old Mac) is then quoted too instead of splitting its row.
    frame.to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue()


def write_cases_csv(cases: pd.DataFrame, path: Path, zone: str = "UTC") -> None:
    # utf-8-sig: Excel opens it with æøå intact.
    Path(path).write_text(cases_csv(cases, zone), encoding="utf-8-sig", newline="")

"""Import KPI and metric values (waiting time, abandoned calls …) from CSV or XLSX.

Two layouts are read. Long: one value per row (date, touchpoint, metric, value
[, location] [, n]). Wide: one row per day and touchpoint [and location] with a column
per metric, as a planning spreadsheet has them. Metrics must be defined in the journey
(by id or name), because a value without its unit, direction and target cannot be
judged. The unique key of a metric point (journey, touchpoint, metric, day, location)
makes a re-import add nothing. This module reads and checks; the import service stores
(:func:`journeymap.services.imports.import_metrics`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from babel.lists import format_list

from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.io.local_formats import big_number
from journeymap.io.survey_import.columns import as_float, blank, fold
from journeymap.io.survey_import.dates import AmbiguousDates, parse_dates
from journeymap.io.survey_import.mapping import touchpoint_lookup
from journeymap.io.survey_import.report import ImportReport
from journeymap.io.survey_import.sniffing import file_problem
from journeymap.io.survey_import.source import TableSource, open_table
from journeymap.model import InvalidInput, Journey, Problem

# An n beyond this is a typo, and it must fit the database's integer without wrapping.
MAX_N = 1_000_000_000
ROLE_NAMES = {
    "date": ("date", "dato", "datum", "day", "dag", "observed_on", "observed on"),
    "touchpoint": ("touchpoint", "kontaktpunkt", "touchpoint_id", "touch point"),
    "location": ("location", "lokation", "sted", "filial", "branch", "store", "butik"),
    "metric": ("metric", "måling", "maling", "kpi", "measure", "metric_id"),
    "value": ("value", "værdi", "verdi", "vaerdi"),
    "n": ("n", "count", "antal", "antall"),
}


@dataclass(frozen=True)
class MetricLayout:
    form: str  # "long" or "wide"
    date: str
    touchpoint: str
    location: str | None
    n: str | None
    metric: str | None = None  # long form
    value: str | None = None  # long form
    metric_columns: tuple[tuple[str, str], ...] = ()  # wide form: (column, metric id)


def metric_rank(rows: list[list[str]]) -> int:
    """1 for a sheet whose header names a date and a touchpoint column, else 0."""
    header = {fold(cell) for cell in rows[0]} if rows else set()
    return int(all(header & set(ROLE_NAMES[role]) for role in ("date", "touchpoint")))


def metric_lookup(journey: Journey) -> dict[str, str]:
    lookup = {fold(m.name): m.id for m in journey.metrics}
    lookup |= {fold(m.id): m.id for m in journey.metrics}
    return lookup


def detect_layout(source: TableSource, journey: Journey) -> tuple[MetricLayout, list[str]]:
    """The layout and warnings (ignored columns); InvalidInput when it cannot be read."""
    by_role: dict[str, str] = {}
    for column in source.format.columns:
        for role, names in ROLE_NAMES.items():
            if fold(column) in names and role not in by_role:
                by_role[role] = column
    missing = [r for r in ("date", "touchpoint") if r not in by_role]
    if missing:
        raise file_problem(
            source.path,
            _missing_roles(missing),
            _("header row"),
        )
    common = dict(
        date=by_role["date"],
        touchpoint=by_role["touchpoint"],
        location=by_role.get("location"),
        n=by_role.get("n"),
    )
    if "metric" in by_role and "value" in by_role:
        return MetricLayout("long", metric=by_role["metric"], value=by_role["value"], **common), []
    metrics = metric_lookup(journey)
    used = set(by_role.values())
    wide, warnings = [], []
    for column in source.format.columns:
        if column in used:
            continue
        if fold(column) in metrics:
            wide.append((column, metrics[fold(column)]))
        else:
            warnings.append(
                _(
                    "column '{column}' is not a metric of journey '{journey}' and was ignored: "
                    "use a metric id or name ({metrics})"
                ).format(
                    column=column,
                    journey=journey.id,
                    metrics=", ".join(m.id for m in journey.metrics),
                )
            )
    if not wide:
        known = ", ".join(m.id for m in journey.metrics) or _("none defined yet")
        raise file_problem(
            source.path,
            _(
                "no column is a metric of the journey: use metric and value columns, or one "
                "column per metric named by its id or name (journey metrics: {known})"
            ).format(known=known),
            _("header row"),
        )
    _check_one_column_per_metric(source.path, wide)
    return MetricLayout("wide", metric_columns=tuple(wide), **common), warnings


def _check_one_column_per_metric(path: Path, wide: list[tuple[str, str]]) -> None:
    """InvalidInput when two columns are the same metric (by its id and by its name, say).

    Both would give a value for the same day, touchpoint and location; the second would
    then be counted as a duplicate and silently lost, whichever of the two was right.
    """
    columns: dict[str, list[str]] = {}
    for column, metric in wide:
        columns.setdefault(metric, []).append(column)
    problems = [
        Problem(
            _("header row"),
            (
                _(
                    "columns {columns} are both metric '{metric}': keep one of them, or name "
                    "each after a different metric of the journey"
                )
                if len(names) == 2
                else _(
                    "columns {columns} are all metric '{metric}': keep one of them, or name "
                    "each after a different metric of the journey"
                )
            ).format(columns=_listed(names), metric=metric),
        )
        for metric, names in columns.items()
        if len(names) > 1
    ]
    if problems:
        raise InvalidInput(problems, source=path.name)


def _missing_roles(missing: list[str]) -> str:
    """The sentence for a header without a date or touchpoint column (or both)."""
    if len(missing) == 2:
        text = _(
            "no date or touchpoint column: name the columns date, touchpoint [, location], "
            "then either metric and value, or one column per metric"
        )
    elif missing == ["date"]:
        text = _(
            "no date column: name the columns date, touchpoint [, location], then either "
            "metric and value, or one column per metric"
        )
    else:
        text = _(
            "no touchpoint column: name the columns date, touchpoint [, location], then "
            "either metric and value, or one column per metric"
        )
    return text


def _listed(names: list[str]) -> str:
    return format_list([f"'{name}'" for name in names], locale=fmt.locale_of())


def _long_rows(frame: pd.DataFrame, layout: MetricLayout) -> pd.DataFrame:
    if layout.form == "long":
        return frame.rename(columns={layout.metric: "_metric", layout.value: "_value"})
    parts = []
    for column, _metric in layout.metric_columns:
        part = frame.drop(columns=[c for c, _metric in layout.metric_columns])
        part["_metric"] = column
        part["_value"] = frame[column]
        parts.append(part)
    return pd.concat(parts)


def parse_metric_file(
    journey: Journey,
    path: Path,
    *,
    dayfirst: bool | None = None,
    date_format: str | None = None,
    dry_run: bool = False,
    sheet: str | None = None,
) -> tuple[ImportReport, pd.DataFrame]:
    """Read and check metric points; the report so far and the valid points to store.

    ``rows_read`` counts the file's rows; the other counts are metric points (a wide row
    holds several). A blank value is no measurement and is skipped without complaint; a
    point repeated in the file is counted as a duplicate and offered once. Storing them
    (and counting those already stored) is the import service's.
    """
    source = open_table(Path(path), sheet, rank=metric_rank)
    if not source.has_rows():
        raise file_problem(source.path, _("the file has a header but no rows of values: add them"))
    layout, warnings = detect_layout(source, journey)
    report = ImportReport(file=source.path.name, format=f"metrics ({layout.form})", dry_run=dry_run)
    report.warnings += warnings
    tps, metrics = touchpoint_lookup(journey), metric_lookup(journey)
    parts = []
    order: bool | None = dayfirst
    try:
        for chunk, _fraction in source.chunks():
            report.rows_read += len(chunk)
            parts.append(
                _check_chunk(
                    chunk,
                    layout,
                    journey.id,
                    tps,
                    metrics,
                    report,
                    order,
                    date_format,
                    source.decimal,
                )
            )
            order = parts[-1].attrs.get("dayfirst", order)
    except AmbiguousDates as error:
        where = _("column '{column}'").format(column=layout.date)
        raise file_problem(source.path, str(error), where) from None
    report.warnings += source.warnings
    report.rejected.sort(key=lambda r: r.row)
    valid = pd.concat(parts) if parts else pd.DataFrame()
    if not valid.empty:
        repeated = valid.duplicated(["touchpoint_id", "metric", "observed_on", "location"])
        report.duplicates += int(repeated.sum())
        valid = valid[~repeated]
    return report, valid


def _check_chunk(
    chunk: pd.DataFrame,
    layout: MetricLayout,
    journey_id: str,
    tps: dict[str, str],
    metrics: dict[str, str],
    report: ImportReport,
    dayfirst: bool | None,
    date_format: str | None,
    decimal: str,
) -> pd.DataFrame:
    parsed = parse_dates(chunk[layout.date], dayfirst=dayfirst, date_format=date_format)
    chunk = chunk.assign(_day=parsed.moments.dt.date)
    frame = _long_rows(chunk, layout)
    frame = frame[~blank(frame["_value"].astype(str))]
    values = as_float(frame["_value"], decimal)
    tp_ids = frame[layout.touchpoint].map(lambda v: tps.get(fold(v)))
    metric_ids = frame["_metric"].map(lambda v: metrics.get(fold(v)))
    counts = as_float(frame[layout.n], decimal) if layout.n else pd.Series(1.0, index=frame.index)
    keep = pd.Series(True, index=frame.index)
    checks = (
        (
            frame["_day"].isna(),
            layout.date,
            layout.date,
            N_("bad date"),
            _("'{value}' cannot be read as a date"),
        ),
        (
            tp_ids.isna(),
            layout.touchpoint,
            layout.touchpoint,
            N_("unknown touchpoint"),
            _("'{value}' is not a touchpoint of the journey: use a touchpoint id or name"),
        ),
        (
            metric_ids.isna(),
            "_metric",
            layout.metric or "metric",
            N_("unknown metric"),
            _(
                "'{value}' is not a metric of the journey: define it in the journey's metrics "
                "or fix the name"
            ),
        ),
        (
            ~np.isfinite(values),  # 'inf' and '1e400' read as numbers, but measure nothing
            "_value",
            layout.value or "value",
            N_("invalid value"),
            _("'{value}' is not a number (write 3.5 or 3,5)"),
        ),
        (
            ~counts.between(1, MAX_N) | (counts % 1 != 0),
            layout.n or "n",
            layout.n or "n",
            N_("invalid n"),
            _("'{value}' is not a whole number from 1 to {most}"),
        ),
    )
    for bad, source_column, column, kind, reason in checks:
        for position in [i for i, flag in enumerate((bad & keep).to_numpy()) if flag]:
            row = int(frame.index[position])
            value = str(frame.iloc[position][source_column]).strip()
            shown = (
                column
                if source_column != "_value"
                else f"{column} ({frame.iloc[position]['_metric']})"
            )
            report.reject(
                row, shown, value, kind, reason.format(value=value, most=big_number(MAX_N))
            )
        keep &= ~bad
    out = pd.DataFrame(
        {
            "journey_id": journey_id,
            "touchpoint_id": tp_ids,
            "metric": metric_ids,
            "observed_on": frame["_day"],
            "value": values,
            "location": frame[layout.location].str.strip().str.slice(0, 200)
            if layout.location
            else "",
            "n": counts.fillna(1),
        },
        index=frame.index,
    )[keep]
    out["n"] = out["n"].astype("int64")
    out.attrs["dayfirst"] = parsed.dayfirst
    return out

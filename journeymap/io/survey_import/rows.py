"""One chunk of an export → response rows ready to store, and the rows refused.

Work is done per column, and per distinct value where texts repeat (scores,
touchpoints, branches); only the keys (an id, or a hash of the row) are made row by row.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import partial

import pandas as pd

from journeymap.i18n import N_, _
from journeymap.io.survey_import.columns import blank, fold, is_missing, parse_scores
from journeymap.io.survey_import.dates import parse_dates
from journeymap.io.survey_import.distinct import DistinctValues, per_distinct
from journeymap.io.survey_import.mapping import ImportMapping
from journeymap.io.survey_import.report import ImportReport

KEY_LENGTH = 64  # responses.dedup_key
TEXT_LIMITS = {"location": 200, "segment": 200, "contact": 200, "source": 200}


@dataclass
class ChunkContext:
    """What carries from one chunk to the next, so a file is read one way throughout."""

    journey_id: str
    mapping: ImportMapping
    touchpoints: dict[str, str]  # folded id or name → id (see mapping.touchpoint_lookup)
    fixed_touchpoint: str | None
    source: str
    dayfirst: bool | None = None
    seen: Counter[bytes] = field(default_factory=Counter)  # content digest → occurrences
    # Column → folded values that mark a preview, test or spam row (left out, counted).
    test_markers: dict[str, frozenset[str]] = field(default_factory=dict)
    # The keys responses had before import batches (``dedup_key`` of the rows): needed
    # only while a journey holds such responses (see identity.py).
    legacy_keys: bool = True


def test_rows(frame: pd.DataFrame, markers: dict[str, frozenset[str]]) -> pd.Series:
    """True where a survey tool marks the row as its author's preview or test, or spam."""
    found = pd.Series(False, index=frame.index)
    for column, values in markers.items():
        if column in frame:
            found |= per_distinct(frame[column], partial(_marked, values=values)).astype(bool)
    return found


def _marked(cells: pd.Series, values: frozenset[str]) -> pd.Series:
    return cells.map(lambda v: fold(v.strip()) in values)


def content_keys(frame: pd.DataFrame, seen: Counter[bytes]) -> list[str]:
    """A stable key per row from all its cells, and which repeat of that content it is.

    Two customers may give the same answers; counting repeats keeps both, and the same
    file read again gives the same keys, so a re-import adds nothing.
    """
    keys = []
    for cells in frame.itertuples(index=False, name=None):
        # Counted by the raw digest: half the memory of its hex text over millions of rows.
        digest = hashlib.sha256("\x1f".join(cells).encode("utf-8")).digest()
        nth = seen.get(digest, 0) + 1
        seen[digest] = nth
        key = digest.hex()
        if nth > 1:
            key = hashlib.sha256(f"{key}#{nth}".encode()).hexdigest()
        keys.append("row:" + key[: KEY_LENGTH - 4])
    return keys


def id_keys(values: pd.Series) -> pd.Series:
    """'id:' and the id (hashed when too long) per row; None where the id is blank."""
    # One pass in plain Python: ids are all different, so nothing is gained per distinct.
    return pd.Series([_id_key(v.strip()) for v in values], index=values.index, dtype=object)


def _id_key(text: str) -> str | None:
    if is_missing(text):
        return None
    key = "id:" + text
    return key if len(key) <= KEY_LENGTH else "id#" + hashlib.sha256(key.encode()).hexdigest()[:60]


def _without_test_rows(
    frame: pd.DataFrame, context: ChunkContext, report: ImportReport
) -> pd.DataFrame:
    if not context.test_markers:
        return frame
    left_out = test_rows(frame, context.test_markers)
    report.test_rows += int(left_out.sum())
    return frame[~left_out]


def parse_chunk(frame: pd.DataFrame, context: ChunkContext, report: ImportReport) -> pd.DataFrame:
    """Valid rows as store-ready records; every refused row is added to the report.

    Preview, test and spam rows are left out first, and counted: they are no customer.
    """
    mapping = context.mapping
    frame = _without_test_rows(frame, context, report)
    keep = pd.Series(True, index=frame.index)

    score_cells = frame[mapping.score]  # type: ignore[index]
    distinct_scores = DistinctValues(score_cells)
    no_score = distinct_scores.spread(blank(distinct_scores.values))
    scores = distinct_scores.spread(parse_scores(distinct_scores.values))
    report.blank_scores += int(no_score.sum())
    keep &= ~no_score
    for row in frame.index[keep & scores.isna()]:
        value = score_cells[row].strip()
        report.reject(
            row,
            mapping.score or "",
            value,
            N_("invalid score"),  # the reason's code; shown translated where it is listed
            _("'{value}' is not a score: give a whole number from 0 to 10").format(value=value),
        )
    keep &= scores.notna()

    if mapping.date:
        parsed = parse_dates(
            frame[mapping.date],
            date_format=mapping.date_format,
            dayfirst=context.dayfirst if context.dayfirst is not None else mapping.dayfirst,
            timezone=mapping.timezone,
        )
        context.dayfirst = parsed.dayfirst if context.dayfirst is None else context.dayfirst
        moments = parsed.moments
        for row in frame.index[keep & parsed.blank]:
            report.reject(
                row, mapping.date, "", N_("missing date"), _("the date is empty: fill it in")
            )
        for row in frame.index[keep & ~parsed.blank & moments.isna()]:
            value = str(frame.at[row, mapping.date]).strip()
            reason = _date_reason(value, mapping.date_format)
            report.reject(row, mapping.date, value, N_("bad date"), reason)
        keep &= moments.notna()
    else:
        assert mapping.date_value is not None
        # Noon: the same calendar day wherever the file's and the workspace's zones are.
        noon = pd.Timestamp(mapping.date_value) + pd.Timedelta(hours=12)
        moment = noon.tz_localize(mapping.timezone).tz_convert("UTC")
        moments = pd.Series(moment, index=frame.index)

    if context.fixed_touchpoint is not None:
        touchpoints = pd.Series(context.fixed_touchpoint, index=frame.index, dtype=object)
    elif mapping.touchpoint:
        cells = frame[mapping.touchpoint]
        touchpoints = per_distinct(
            cells, lambda values: values.map(lambda v: context.touchpoints.get(fold(v.strip())))
        )
        missing = keep & touchpoints.isna()
        for row in frame.index[missing]:
            value = cells[row].strip()
            if value:
                report.unmatched_touchpoints[value] = report.unmatched_touchpoints.get(value, 0) + 1
                reason = _(
                    "'{value}' is not a touchpoint of the journey: use a touchpoint id or name"
                ).format(value=value)
                report.reject(row, mapping.touchpoint, value, N_("unknown touchpoint"), reason)
            else:
                report.reject(
                    row,
                    mapping.touchpoint,
                    "",
                    N_("missing touchpoint"),
                    _("the touchpoint is empty: fill it in"),
                )
        keep &= touchpoints.notna()
    else:
        touchpoints = pd.Series(None, index=frame.index, dtype=object)

    if mapping.id and context.legacy_keys:
        keys = id_keys(frame[mapping.id])
    else:
        keys = pd.Series(None, index=frame.index, dtype=object)
    # A row with an id never shares its content with one without (the id cell differs),
    # so leaving the rows with ids out does not change which repeat a content is.
    no_id = keys.isna() & context.legacy_keys
    if no_id.all():
        keys[:] = content_keys(frame, context.seen)
    elif no_id.any():
        keys[no_id] = content_keys(frame[no_id], context.seen)

    out = pd.DataFrame(
        {
            "journey_id": context.journey_id,
            "dedup_key": keys,
            "touchpoint_id": touchpoints,
            "responded_at": moments,
            "score": scores,
            "survey_kind": mapping.survey_kind,
            "comment": _text(frame, mapping.comment),
            "location": _text(frame, mapping.location, 200),
            "segment": _text(frame, mapping.segment, 200),
            "contact": _text(frame, mapping.contact, 200),
            "source": context.source[: TEXT_LIMITS["source"]],
        },
        index=frame.index,
    )[keep]
    out["score"] = out["score"].astype("int64")
    return out


def _date_reason(value: str, date_format: str | None) -> str:
    if date_format:
        return _("'{value}' cannot be read as the format {format}").format(
            value=value, format=date_format
        )
    return _("'{value}' cannot be read as a date").format(value=value)


def _text(frame: pd.DataFrame, column: str | None, limit: int | None = None) -> pd.Series:
    if not column:
        return pd.Series("", index=frame.index, dtype=object)
    return per_distinct(frame[column], lambda values: _clean_text(values, limit))


def _clean_text(values: pd.Series, limit: int | None) -> pd.Series:
    values = values.str.strip()
    values = values.where(~blank(values), "")
    return values.str.slice(0, limit) if limit else values

"""Detractor call-back cases: created from responses, worked through, exported.

A case is made for every detractor response (0–6) with contact details, once, in the
transaction of the import that stores the response: the unique response id makes
creation idempotent. A detractor already past the deadline when imported gets none:
too old to call back (history imported in bulk is no list of failures). Responses
stored before imports made cases get theirs only by an explicit, audited action, never
as a side effect of reading the list.
Updates use the case's version (optimistic locking) so that two service agents
working the same list do not overwrite each other's notes.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pandas as pd
from sqlalchemy import ColumnElement, Connection, Engine, and_, func, select, update

from journeymap.analytics.callbacks import (
    CLOSED_STATUSES,
    DEFAULT_CALLBACK_HOURS,
    REACHED_STATUSES,
    check_transition,
    overdue,
)
from journeymap.i18n import _
from journeymap.store.audit import record
from journeymap.store.bulk import insert_new, query_frame, utc_frame_column
from journeymap.store.moments import as_utc
from journeymap.store.tables import DetractorCaseRow, ImportBatchRow, ResponseRow

DETRACTOR_MAX_SCORE = 6
FILE_IMPORT = "file"  # import_batches.kind of a survey export imported
KEYS_PER_QUERY = 5_000  # SQLite takes up to 32,766 parameters
CASE_COLUMNS = (
    "id",
    "journey_id",
    "response_id",
    "due_at",
    "status",
    "owner",
    "notes",
    "root_cause",
    "version",
    "created_at",
    "updated_at",
    "contacted_at",
    "closed_at",
)
RESPONSE_FIELDS = (
    "responded_at",
    "score",
    "touchpoint_id",
    "survey_kind",
    "location",
    "segment",
    "contact",
    "comment",
)
TIME_COLUMNS = ("due_at", "created_at", "updated_at", "contacted_at", "closed_at", "responded_at")


class CaseChanged(Exception):
    """Someone saved the case after it was read; the message says who should reload."""


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def check_callback_hours(callback_hours: float) -> None:
    """ValueError unless the deadline is a finite number of hours above 0."""
    if not 0 < callback_hours < math.inf:
        raise ValueError(
            _("the call-back deadline must be more than 0 hours, got {callback_hours}").format(
                callback_hours=callback_hours
            )
        )


def create_missing_cases(
    engine: Engine,
    journey_id: str,
    *,
    actor: str,
    callback_hours: float = DEFAULT_CALLBACK_HOURS,
    now: datetime | None = None,
) -> int:
    """A case for each detractor response with contact details that has none yet."""
    with engine.begin() as connection:
        return add_missing_cases(
            connection,
            journey_id,
            actor=actor,
            callback_hours=callback_hours,
            now=now,
            undecided_only=True,
        )


def _without_case(journey_id: str, after_id: int = 0) -> list[ColumnElement[bool]]:
    """WHERE conditions: the journey's detractors with contact details and no case."""
    return [
        ResponseRow.journey_id == journey_id,
        ResponseRow.score <= DETRACTOR_MAX_SCORE,
        ResponseRow.contact != "",
        DetractorCaseRow.id.is_(None),
        ResponseRow.id > after_id,
    ]


def _not_decided_by_an_import() -> ColumnElement[bool]:
    """Responses whose cases no file import decided on: a file import made the cases of
    its detractors, or left them out as too old to call back, and that stands."""
    decided = select(ImportBatchRow.id).where(ImportBatchRow.kind == FILE_IMPORT)
    return ResponseRow.batch_id.is_(None) | ResponseRow.batch_id.not_in(decided)


def count_missing_cases(engine: Engine, journey_id: str) -> int:
    """How many detractors with contact details have no case (responses stored before
    imports made cases, or written by hand); nothing is created."""
    query = (
        select(func.count())
        .select_from(ResponseRow)
        .outerjoin(DetractorCaseRow, DetractorCaseRow.response_id == ResponseRow.id)
        .where(*_without_case(journey_id), _not_decided_by_an_import())
    )
    with engine.connect() as connection:
        return int(connection.scalar(query) or 0)


def add_missing_cases(
    connection: Connection,
    journey_id: str,
    *,
    actor: str,
    callback_hours: float = DEFAULT_CALLBACK_HOURS,
    now: datetime | None = None,
    after_id: int = 0,
    undecided_only: bool = False,
) -> int:
    """:func:`create_missing_cases` in the caller's transaction, so that an import stores
    its responses and their call-back cases together or not at all.

    ``after_id``: only responses with a larger id (those an import just added), so an
    import of a few rows does not read the millions stored before it; the explicit
    "create the missing cases" action finds any older one without a case.
    ``undecided_only``: not those of file imports, which decided on their cases
    themselves.
    """
    check_callback_hours(callback_hours)
    now = _now(now)
    found = _detractors_without_case(connection, journey_id, after_id, undecided_only)
    return _insert_cases(connection, journey_id, found, callback_hours, now, actor=actor)


def _detractors_without_case(
    connection: Connection, journey_id: str, after_id: int, undecided_only: bool = False
) -> list[tuple[int, datetime]]:
    query = (
        select(ResponseRow.id, ResponseRow.responded_at)
        .outerjoin(DetractorCaseRow, DetractorCaseRow.response_id == ResponseRow.id)
        .where(*_without_case(journey_id, after_id))
    )
    if undecided_only:
        query = query.where(_not_decided_by_an_import())
    return [(int(i), moment) for i, moment in connection.execute(query)]


def _insert_cases(
    connection: Connection,
    journey_id: str,
    found: list[tuple[int, datetime]],
    callback_hours: float,
    now: datetime,
    *,
    actor: str,
) -> int:
    rows = [
        {
            "journey_id": journey_id,
            "response_id": response_id,
            "due_at": as_utc(responded_at) + timedelta(hours=callback_hours),
            "status": "new",
            "owner": "",
            "notes": "",
            "root_cause": "",
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        for response_id, responded_at in found
    ]
    created = insert_new(connection, DetractorCaseRow.__table__, rows)  # type: ignore[arg-type]
    if created:
        record(connection, "created", "call-back cases", journey_id, f"{created} new", actor=actor)
    return created


def add_import_cases(
    connection: Connection,
    journey_id: str,
    keys: Sequence[str],
    *,
    actor: str,
    callback_hours: float = DEFAULT_CALLBACK_HOURS,
    now: datetime | None = None,
) -> tuple[int, int]:
    """The cases of the detractors with contact details an import just stored (their
    ``keys``), in its transaction: (cases made, detractors too old to call back).

    A detractor whose deadline had passed before the import is too old to call back:
    history imported in bulk would otherwise open a case overdue from the start for
    every one of them, and the compliance figure would say the team failed them all.
    They get no case; the import counts them. The responses are found by their keys,
    a look-up each, not by reading the millions an import may have stored.
    """
    check_callback_hours(callback_hours)
    now = _now(now)
    oldest = now - timedelta(hours=callback_hours)
    found: list[tuple[int, datetime]] = []
    for start in range(0, len(keys), KEYS_PER_QUERY):
        query = select(ResponseRow.id, ResponseRow.responded_at).where(
            ResponseRow.journey_id == journey_id,
            ResponseRow.dedup_key.in_(list(keys[start : start + KEYS_PER_QUERY])),
        )
        found += [(int(i), moment) for i, moment in connection.execute(query)]
    recent = [(i, moment) for i, moment in found if as_utc(moment) > oldest]
    created = _insert_cases(connection, journey_id, recent, callback_hours, now, actor=actor)
    return created, len(found) - len(recent)


def read_cases(
    engine: Engine,
    journey_id: str,
    *,
    statuses: Iterable[str] | None = None,
    only_overdue: bool = False,
    now: datetime | None = None,
    locations: Collection[str] | None = None,
) -> pd.DataFrame:
    """A journey's cases with their response, soonest due first, and an ``overdue`` flag.

    ``locations``: only the cases of responses at these locations (None: all).
    """
    columns = [*CASE_COLUMNS, *RESPONSE_FIELDS]
    query = (
        select(
            *(getattr(DetractorCaseRow, c) for c in CASE_COLUMNS),
            *(getattr(ResponseRow, c) for c in RESPONSE_FIELDS),
        )
        .join(ResponseRow, ResponseRow.id == DetractorCaseRow.response_id)
        .where(DetractorCaseRow.journey_id == journey_id)
        .order_by(DetractorCaseRow.due_at, DetractorCaseRow.id)
    )
    if statuses is not None:
        query = query.where(DetractorCaseRow.status.in_(list(statuses)))
    if locations is not None:
        query = query.where(ResponseRow.location.in_(sorted(locations)))
    frame = query_frame(engine, query, columns)
    for column in TIME_COLUMNS:
        frame[column] = utc_frame_column(frame[column])
    frame["overdue"] = overdue(frame, _now(now))
    if only_overdue:
        frame = frame[frame["overdue"]].reset_index(drop=True)
    return frame


@dataclass(frozen=True)
class CaseUpdate:
    """What changes; None leaves a field as it is."""

    status: str | None = None
    owner: str | None = None
    notes: str | None = None
    root_cause: str | None = None


def update_case(
    engine: Engine,
    case_id: int,
    change: CaseUpdate,
    *,
    expected_version: int,
    actor: str,
    now: datetime | None = None,
) -> int:
    """Apply the change if the case is still at ``expected_version``; the new version.

    KeyError when there is no such case, ValueError for a status move that is not
    allowed, CaseChanged when someone saved the case in between.
    """
    now = _now(now)
    table = DetractorCaseRow
    with engine.begin() as connection:
        current = connection.execute(
            select(table.status, table.version, table.contacted_at).where(table.id == case_id)
        ).first()
        if current is None:
            raise KeyError(_("there is no call-back case {case}").format(case=case_id))
        if current.version != expected_version:
            raise _changed(case_id, current.version, expected_version)
        values: dict[str, object] = {"updated_at": now, "version": current.version + 1}
        if change.status is not None and change.status != current.status:
            check_transition(current.status, change.status)
            values["status"] = change.status
            if change.status in REACHED_STATUSES and current.contacted_at is None:
                values["contacted_at"] = now
            values["closed_at"] = now if change.status in CLOSED_STATUSES else None
        for name in ("owner", "notes", "root_cause"):
            if getattr(change, name) is not None:
                values[name] = getattr(change, name).strip()
        result = connection.execute(
            update(table)
            .where(and_(table.id == case_id, table.version == expected_version))
            .values(**values)
        )
        if result.rowcount != 1:
            raise _changed(case_id, current.version + 1, expected_version)
        changed = ", ".join(sorted(k for k in values if k not in ("updated_at", "version")))
        record(connection, "changed", "call-back case", case_id, changed, actor=actor)
    return current.version + 1


def _changed(case_id: int, now_version: int, expected: int) -> CaseChanged:
    return CaseChanged(
        _(
            "call-back case {case} was changed by someone else after you opened it "
            "(now version {version}, you had {expected}): reload it and apply your change again"
        ).format(case=case_id, version=now_version, expected=expected)
    )

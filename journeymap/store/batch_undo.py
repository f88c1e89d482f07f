"""Undoing an import batch: exactly its responses and the call-back cases made from
them go, in one audited transaction, and the batch stays listed as undone.

What would go is read first (:func:`plan_undo`) and read again inside the transaction,
so a case worked in between is seen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, delete, func, select, update

from journeymap.i18n import _, ngettext
from journeymap.store.audit import record
from journeymap.store.import_batches import BatchInfo, batch_in, responses_of_batch
from journeymap.store.nps_summary import subtract_batch_counts
from journeymap.store.tables import DetractorCaseRow, ImportBatchRow, ResponseRow


@dataclass(frozen=True)
class UndoPlan:
    """What undoing a batch would remove, read before anything is."""

    batch: BatchInfo
    responses: int
    cases: int
    worked_cases: int  # changed by someone since they were made
    relied_on_by: dict[int, int]  # later imports whose rows were this batch's, and how many


def plan_undo(engine: Engine, batch_id: int) -> UndoPlan:
    """KeyError for no such batch; ValueError (a sentence) for one already undone."""
    with engine.connect() as connection:
        return _plan(connection, batch_id)


def _plan(connection: Connection, batch_id: int) -> UndoPlan:
    batch = batch_in(connection, batch_id)
    if batch is None:
        raise KeyError(f"there is no import {batch_id}")
    if batch.undone_at is not None:
        raise ValueError(
            _(
                "import {batch_id} ({value}) was already undone by {undone_by} on {undone_at} UTC"
            ).format(
                batch_id=batch_id,
                value=batch.file or batch.kind,
                undone_by=batch.undone_by,
                undone_at=format(batch.undone_at, "%Y-%m-%d %H:%M"),
            )
        )
    row = connection.execute(
        select(ImportBatchRow.first_response_id, ImportBatchRow.last_response_id).where(
            ImportBatchRow.id == batch_id
        )
    ).one()
    of_batch = responses_of_batch(batch_id, row.first_response_id, row.last_response_id)
    cases = connection.execute(
        select(
            func.count(),
            func.count().filter(DetractorCaseRow.version > 1),
        )
        .select_from(DetractorCaseRow)
        .join(ResponseRow, ResponseRow.id == DetractorCaseRow.response_id)
        .where(*of_batch)
    ).one()
    later = connection.execute(
        select(ImportBatchRow.id, ImportBatchRow.already_from).where(
            ImportBatchRow.journey_id == batch.journey_id,
            ImportBatchRow.id > batch_id,
            ImportBatchRow.undone_at.is_(None),
        )
    ).all()
    relied = {
        later_id: int(counts[str(batch_id)])
        for later_id, text in later
        if str(batch_id) in (counts := json.loads(text))
    }
    return UndoPlan(batch, batch.responses, int(cases[0]), int(cases[1]), relied)


@dataclass(frozen=True)
class UndoneBatch:
    responses: int
    cases: int
    worked_cases: int


def undo_batch(
    engine: Engine,
    batch_id: int,
    *,
    actor: str,
    allow_worked_cases: bool,
    now: datetime | None = None,
) -> UndoneBatch:
    """Remove the batch's responses and their cases, in one audited transaction.

    The plan is read again inside the transaction, so a case worked meanwhile is seen:
    ValueError (a sentence) when a case has been worked and ``allow_worked_cases`` is
    false; KeyError for no such batch.
    """
    now = now or datetime.now(UTC)
    with engine.begin() as connection:
        plan = _plan(connection, batch_id)
        if plan.worked_cases and not allow_worked_cases:
            raise ValueError(worked_cases_refusal(plan))
        row = connection.execute(
            select(ImportBatchRow.first_response_id, ImportBatchRow.last_response_id).where(
                ImportBatchRow.id == batch_id
            )
        ).one()
        of_batch = responses_of_batch(batch_id, row.first_response_id, row.last_response_id)
        subtract_batch_counts(connection, plan.batch.journey_id, of_batch)
        batch_responses = select(ResponseRow.id).where(*of_batch)
        connection.execute(
            delete(DetractorCaseRow).where(DetractorCaseRow.response_id.in_(batch_responses))
        )
        connection.execute(delete(ResponseRow).where(*of_batch))
        connection.execute(
            update(ImportBatchRow)
            .where(ImportBatchRow.id == batch_id)
            .values(undone_at=now, undone_by=actor[:120])
        )
        detail = f"{plan.responses} responses and {plan.cases} call-back cases removed" + (
            f", {plan.worked_cases} of them worked" if plan.worked_cases else ""
        )
        record(connection, "undone", "import", batch_id, detail, actor=actor, at=now)
    return UndoneBatch(plan.responses, plan.cases, plan.worked_cases)


def worked_cases_refusal(plan: UndoPlan) -> str:
    return ngettext(
        "import {batch} has {count} call-back case someone has already worked (status, "
        "owner or notes changed): undoing it would delete that work too. Export the "
        "cases first (cases JOURNEY --csv FILE) and undo with --force, or keep the import",
        "import {batch} has {count} call-back cases someone has already worked (status, "
        "owner or notes changed): undoing it would delete that work too. Export the "
        "cases first (cases JOURNEY --csv FILE) and undo with --force, or keep the import",
        plan.worked_cases,
    ).format(batch=plan.batch.id, count=plan.worked_cases)

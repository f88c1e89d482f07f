"""Import batches and their sources: each import listed with what it did, and undone.

A batch is written in the transaction that stores its responses and call-back cases
(:func:`journeymap.store.response_batches.store_batch`). Undoing one
(:mod:`journeymap.store.batch_undo`) removes exactly its responses and the cases made
from them; the batch itself stays, marked as undone, so the list keeps saying who
imported and who took it out.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from journeymap.store.moments import as_utc
from journeymap.store.tables import (
    ImportBatchRow,
    ImportSourceRow,
    ResponseRow,
)

BEFORE_BATCHES = "before batches"
BATCH_COUNTS = (
    "rows_read",
    "added",
    "already_there",
    "conflicting",
    "rejected",
    "without_score",
    "left_out",
    "too_old",
    "cases_created",
)


@dataclass(frozen=True)
class SourceRecord:
    """A journey's source as the importer matches files against it."""

    id: int
    name: str
    tool: str
    title: str
    questions: tuple[str, ...]
    key_questions: tuple[str, ...]


@dataclass(frozen=True)
class SourcePlan:
    """The source an import goes under: an existing one (``id``) or a new one."""

    name: str
    tool: str
    id: int | None
    questions: tuple[str, ...]
    key_questions: tuple[str, ...]
    title: str = ""


@dataclass(frozen=True)
class BatchInfo:
    """One import as the list shows it."""

    id: int
    journey_id: str
    source: str
    kind: str
    file: str
    sha256: str
    by: str
    at: datetime
    counts: dict[str, int]
    already_from: dict[int, int]  # import (0: the file itself) → responses
    undone_at: datetime | None
    undone_by: str
    responses: int  # stored now


def read_sources(engine: Engine, journey_id: str) -> list[SourceRecord]:
    query = (
        select(ImportSourceRow.__table__)
        .where(ImportSourceRow.journey_id == journey_id)
        .order_by(ImportSourceRow.id)
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return [
        SourceRecord(
            r.id,
            r.name,
            r.tool,
            r.title,
            tuple(json.loads(r.questions)),
            tuple(json.loads(r.key_questions)),
        )
        for r in rows
    ]


def before_batches_batch(connection: Connection, journey_id: str) -> int | None:
    """The journey's batch of responses stored before batches, while it holds any."""
    batch = connection.execute(
        select(ImportBatchRow.id, ImportBatchRow.first_response_id, ImportBatchRow.last_response_id)
        .where(
            ImportBatchRow.journey_id == journey_id,
            ImportBatchRow.kind == BEFORE_BATCHES,
            ImportBatchRow.undone_at.is_(None),
        )
        .limit(1)
    ).first()
    if batch is None:
        return None
    held = connection.scalar(
        select(ResponseRow.id)
        .where(*responses_of_batch(batch.id, batch.first_response_id, batch.last_response_id))
        .limit(1)
    )
    return batch.id if held is not None else None


def has_before_batches(engine: Engine, journey_id: str) -> bool:
    with engine.connect() as connection:
        return before_batches_batch(connection, journey_id) is not None


def ensure_source(
    connection: Connection, journey_id: str, plan: SourcePlan, *, now: datetime
) -> int:
    """The source's id, made if new; an existing one learns the file's questions."""
    found = connection.execute(
        select(ImportSourceRow.id, ImportSourceRow.questions).where(
            ImportSourceRow.journey_id == journey_id, ImportSourceRow.name == plan.name
        )
    ).first()
    if found is None and plan.id is not None:
        found = connection.execute(
            select(ImportSourceRow.id, ImportSourceRow.questions).where(
                ImportSourceRow.id == plan.id
            )
        ).first()
    if found is None:
        return int(
            connection.execute(
                insert(ImportSourceRow)
                .values(
                    journey_id=journey_id,
                    name=plan.name,
                    tool=plan.tool,
                    title=plan.title[:200],
                    questions=json.dumps(list(plan.questions), ensure_ascii=False),
                    key_questions=json.dumps(list(plan.key_questions), ensure_ascii=False),
                    created_at=now,
                )
                .returning(ImportSourceRow.id)
            ).scalar_one()
        )
    known = json.loads(found.questions)
    union = list(dict.fromkeys([*known, *plan.questions]))
    if union != known:
        connection.execute(
            update(ImportSourceRow)
            .where(ImportSourceRow.id == found.id)
            .values(questions=json.dumps(union, ensure_ascii=False))
        )
    return int(found.id)


def begin_batch(
    connection: Connection,
    journey_id: str,
    source_id: int,
    *,
    kind: str,
    file_name: str,
    sha256: str,
    actor: str,
    now: datetime,
) -> int:
    values: dict[str, Any] = dict.fromkeys(BATCH_COUNTS, 0)
    values |= {
        "journey_id": journey_id,
        "source_id": source_id,
        "kind": kind,
        "file_name": file_name[:255],
        "sha256": sha256,
        "imported_by": actor[:120],
        "imported_at": now,
        "already_from": "{}",
        "undone_by": "",
    }
    return int(
        connection.execute(
            insert(ImportBatchRow).values(**values).returning(ImportBatchRow.id)
        ).scalar_one()
    )


def finish_batch(
    connection: Connection,
    batch_id: int,
    counts: Mapping[str, int],
    already_from: Mapping[int, int],
    response_ids: tuple[int | None, int | None],
) -> None:
    connection.execute(
        update(ImportBatchRow)
        .where(ImportBatchRow.id == batch_id)
        .values(
            **{name: int(counts.get(name, 0)) for name in BATCH_COUNTS},
            already_from=json.dumps({str(k): v for k, v in sorted(already_from.items())}),
            first_response_id=response_ids[0],
            last_response_id=response_ids[1],
        )
    )


def forget_batch(connection: Connection, batch_id: int) -> None:
    """Delete a batch that stored nothing, and its source if no other batch has it."""
    source_id = connection.scalar(
        select(ImportBatchRow.source_id).where(ImportBatchRow.id == batch_id)
    )
    connection.execute(delete(ImportBatchRow).where(ImportBatchRow.id == batch_id))
    others = connection.scalar(
        select(ImportBatchRow.id).where(ImportBatchRow.source_id == source_id).limit(1)
    )
    if others is None:
        connection.execute(delete(ImportSourceRow).where(ImportSourceRow.id == source_id))


def responses_of_batch(batch_id: int, first: int | None, last: int | None) -> list[Any]:
    conditions: list[Any] = [ResponseRow.batch_id == batch_id]
    if first is not None and last is not None:
        conditions[:0] = [ResponseRow.id >= first, ResponseRow.id <= last]
    return conditions


def list_batches(engine: Engine, journey_id: str) -> list[BatchInfo]:
    """The journey's imports, newest first, undone ones too."""
    query = (
        select(ImportBatchRow.__table__, ImportSourceRow.name.label("source_name"))
        .join(ImportSourceRow, ImportSourceRow.id == ImportBatchRow.source_id)
        .where(ImportBatchRow.journey_id == journey_id)
        .order_by(ImportBatchRow.id.desc())
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
        return [_info(connection, row) for row in rows]


def read_batch(engine: Engine, batch_id: int) -> BatchInfo | None:
    with engine.connect() as connection:
        return batch_in(connection, batch_id)


def batch_in(connection: Connection, batch_id: int) -> BatchInfo | None:
    found = connection.execute(
        select(ImportBatchRow.__table__, ImportSourceRow.name.label("source_name"))
        .join(ImportSourceRow, ImportSourceRow.id == ImportBatchRow.source_id)
        .where(ImportBatchRow.id == batch_id)
    ).first()
    return None if found is None else _info(connection, found)


def _info(connection: Connection, batch: Any) -> BatchInfo:
    held = 0
    if batch.undone_at is None:
        held = int(
            connection.scalar(
                select(func.count())
                .select_from(ResponseRow)
                .where(
                    *responses_of_batch(batch.id, batch.first_response_id, batch.last_response_id)
                )
            )
            or 0
        )
    return BatchInfo(
        id=batch.id,
        journey_id=batch.journey_id,
        source=batch.source_name,
        kind=batch.kind,
        file=batch.file_name,
        sha256=batch.sha256,
        by=batch.imported_by,
        at=as_utc(batch.imported_at),
        counts={name: int(getattr(batch, name)) for name in BATCH_COUNTS},
        already_from={int(k): int(v) for k, v in json.loads(batch.already_from).items()},
        undone_at=as_utc(batch.undone_at) if batch.undone_at else None,
        undone_by=batch.undone_by,
        responses=held,
    )

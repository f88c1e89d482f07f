"""An import's responses stored as one batch: new, already there, or in conflict.

Rows arrive with their key (``dedup_key``: the source's id and the identity within it,
``id:…`` or ``fp:…``, see ``io/survey_import/identity.py``; the store names the source's
id through ``on_source`` before the first row is read), a ``fingerprint`` of the
answer and, while the journey
holds responses stored before batches, their ``legacy_key``. With the source's id in the key,
two forms whose ids both start at 1 never meet.

Each chunk is inserted with ON CONFLICT DO NOTHING first; only when some rows were not
new are their keys looked up, to say which import holds them and whether the answer is
the same (already there) or not (a conflict: the stored one is kept, both versions are
reported). A fresh import of two million rows thus does no look-ups at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, func, select

from journeymap.analytics.callbacks import DEFAULT_CALLBACK_HOURS
from journeymap.store import nps_summary
from journeymap.store.alert_outbox import queue_new_detractor_alerts
from journeymap.store.audit import record
from journeymap.store.bulk import insert_new_frame, roomy_page_cache
from journeymap.store.cases import DETRACTOR_MAX_SCORE, add_import_cases
from journeymap.store.import_batches import (
    SourcePlan,
    before_batches_batch,
    begin_batch,
    ensure_source,
    finish_batch,
)
from journeymap.store.import_turns import lock_journey_imports, writer_turn
from journeymap.store.moments import as_utc
from journeymap.store.tables import ResponseRow

MAX_CONFLICTS = 1_000  # listed in full; the count covers the rest
LOOKUP_KEYS = 5_000  # per query: SQLite allows 32,766 parameters
COMPARED = (
    "responded_at",
    "score",
    "touchpoint_id",
    "survey_kind",
    "comment",
    "location",
    "segment",
    "contact",
)
STORED = ("journey_id", "dedup_key", *COMPARED, "source", "batch_id", "fingerprint")
TABLE = ResponseRow.__table__


@dataclass(frozen=True)
class BatchPlan:
    journey_id: str
    source: SourcePlan
    kind: str  # "file", "api"
    file_name: str = ""
    sha256: str = ""
    # A source named by a person: a response stored before batches under the same id
    # but with other answers is taken as that other survey's, not as a conflict.
    named_source: bool = False


@dataclass(frozen=True)
class StoredConflict:
    row: int
    identity: str
    stored_batch: int | None  # None: earlier in the same file
    stored: dict[str, Any]
    incoming: dict[str, Any]


@dataclass
class StoredBatch:
    batch_id: int | None  # None after a dry run
    source_id: int
    offered: int = 0
    inserted: int = 0
    already_from: Counter[int] = field(default_factory=Counter)  # 0: the file itself
    conflicts: list[StoredConflict] = field(default_factory=list)  # the first MAX_CONFLICTS
    conflicting: int = 0
    cases_created: int = 0
    too_old: int = 0

    @property
    def duplicates(self) -> int:
        return sum(self.already_from.values())


def store_batch(
    engine: Engine,
    plan: BatchPlan,
    chunks: Iterable[pd.DataFrame],
    *,
    actor: str,
    read_counts: Callable[[], Mapping[str, int]],
    on_source: Callable[[int], None] = lambda _source_id: None,
    dry_run: bool = False,
    callback_hours: float = DEFAULT_CALLBACK_HOURS,
    now: datetime | None = None,
) -> StoredBatch:
    """Store an import as one batch with its call-back cases and the alerts of those
    cases, audited, in one transaction.

    ``on_source`` is told the source's id before ``chunks`` is read (its keys begin with
    it); ``read_counts`` gives the file's own counts (rows_read, rejected,
    without_score, left_out) once ``chunks`` is exhausted. An import that fails or is
    killed half-way leaves nothing; a dry run does everything and rolls it back, so its
    counts are exact.
    """
    now = now or datetime.now(UTC)
    journey = plan.journey_id
    with writer_turn(engine), engine.connect() as connection, roomy_page_cache(connection):
        with connection.begin() as transaction:
            lock_journey_imports(connection, journey)
            start = _newest_id(connection)
            had_responses = _has_responses(connection, journey)
            zones = nps_summary.kept_zones(connection, journey)
            if not zones and not had_responses:
                nps_summary.start_empty(connection, journey, now=now)
                zones = [nps_summary.summary_zone()]
            source_id = ensure_source(connection, journey, plan.source, now=now)
            on_source(source_id)
            batch_id = begin_batch(
                connection,
                journey,
                source_id,
                kind=plan.kind,
                file_name=plan.file_name,
                sha256=plan.sha256,
                actor=actor,
                now=now,
            )
            writer = _Writer(
                connection,
                journey,
                StoredBatch(batch_id, source_id),
                legacy_batch=before_batches_batch(connection, journey),
                named_source=plan.named_source,
                zones=zones,
            )
            for chunk in chunks:
                writer.add(chunk)
            stored = writer.stored
            if zones:
                for zone in zones:
                    nps_summary.add(connection, journey, zone, writer.counts(zone))
            elif stored.inserted:
                nps_summary.rebuild(connection, journey, now=now)
            if writer.detractor_keys:
                stored.cases_created, stored.too_old = add_import_cases(
                    connection,
                    journey,
                    writer.detractor_keys,
                    actor=actor,
                    callback_hours=callback_hours,
                    now=now,
                )
            if stored.cases_created:
                queue_new_detractor_alerts(connection, journey, after_id=start, now=now)
            counts = dict(read_counts()) | {
                "added": stored.inserted,
                "already_there": stored.duplicates,
                "conflicting": stored.conflicting,
                "too_old": stored.too_old,
                "cases_created": stored.cases_created,
            }
            last = _newest_id(connection) if stored.inserted else None
            finish_batch(
                connection,
                batch_id,
                counts,
                stored.already_from,
                (start + 1 if stored.inserted else None, last),
            )
            record(
                connection,
                "imported",
                "responses",
                journey,
                f"import {batch_id}: {stored.inserted} new, {stored.duplicates} already "
                f"there, {stored.conflicting} conflicting of {stored.offered} from "
                f"{plan.file_name or plan.kind} (source '{plan.source.name}')",
                actor=actor,
            )
            if dry_run:
                transaction.rollback()
                stored.batch_id = None
    return stored


def _newest_id(connection: Connection) -> int:
    return int(connection.scalar(select(func.max(ResponseRow.id))) or 0)


def _has_responses(connection: Connection, journey_id: str) -> bool:
    found = connection.scalar(
        select(ResponseRow.id).where(ResponseRow.journey_id == journey_id).limit(1)
    )
    return found is not None


class _Writer:
    """Stores the chunks of one batch and sorts every row into new, already there or
    conflicting."""

    def __init__(
        self,
        connection: Connection,
        journey_id: str,
        stored: StoredBatch,
        *,
        legacy_batch: int | None,
        named_source: bool,
        zones: list[str],
    ) -> None:
        self.connection = connection
        self.journey_id = journey_id
        self.stored = stored
        self.legacy_batch = legacy_batch
        self.named_source = named_source
        self.zones = zones
        self._counts: dict[str, list[pd.DataFrame]] = {zone: [] for zone in zones}
        # The new detractors who left contact details: owed a call-back case.
        self.detractor_keys: list[str] = []

    def counts(self, zone: str) -> pd.DataFrame:
        parts = self._counts.get(zone, [])
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()

    def add(self, chunk: pd.DataFrame) -> None:
        if chunk.empty:
            return
        self.stored.offered += len(chunk)
        frame = chunk  # made for this import: changed in place, not copied
        frame["batch_id"] = self.stored.batch_id
        if self.legacy_batch is not None:
            frame = self._known_before_batches(frame)
        del frame["legacy_key"]
        frame = self._repeats_in_chunk(frame)
        before = _newest_id(self.connection)
        stored = frame if set(frame.columns) == set(STORED) else frame[list(STORED)]
        inserted = insert_new_frame(self.connection, TABLE, stored)  # type: ignore[arg-type]
        self.stored.inserted += inserted
        if inserted < len(frame):
            known = self._stored_before(frame, before)
            frame = frame[~frame["dedup_key"].isin(known)]
            if len(frame) != inserted:
                raise RuntimeError(
                    f"{len(frame)} responses should have been new, {inserted} were stored"
                )
        for zone in self.zones:
            self._counts[zone].append(nps_summary.month_counts(frame, zone))
        owed = (frame["score"].to_numpy() <= DETRACTOR_MAX_SCORE) & (frame["contact"] != "")
        self.detractor_keys += frame["dedup_key"][owed].tolist()

    def _known_before_batches(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Rows stored before batches (by their old keys): already there, or a conflict."""
        legacy = frame["legacy_key"].dropna()
        if legacy.empty:
            return frame
        found = self._lookup(
            list(legacy.unique()), [ResponseRow.batch_id == self.legacy_batch], with_fields=True
        )
        if found.empty:
            return frame
        matched = legacy[legacy.isin(found["dedup_key"])]
        stored = found.set_index("dedup_key").loc[matched.to_numpy()]
        incoming = frame.loc[matched.index]
        same = _same_fields(stored, incoming)
        if same.any():
            self.stored.already_from[self.legacy_batch] += int(same.sum())  # type: ignore[index]
        if self.named_source:
            # Another survey's responses under the same ids: they are new.
            return frame.drop(index=matched.index[same])
        for (row, new), (_, old) in zip(
            incoming[~same].iterrows(), stored[~same].iterrows(), strict=True
        ):
            self._conflict(row, new["dedup_key"], self.legacy_batch, _differences(old, new))
        return frame.drop(index=matched.index)

    def _repeats_in_chunk(self, frame: pd.DataFrame) -> pd.DataFrame:
        repeat = frame["dedup_key"].duplicated(keep="first")
        if not repeat.any():
            return frame
        firsts = frame[~repeat].set_index("dedup_key")
        repeats = frame[repeat]
        first = firsts.loc[repeats["dedup_key"].to_numpy()]
        same = first["fingerprint"].to_numpy() == repeats["fingerprint"].to_numpy()
        if same.any():
            self.stored.already_from[0] += int(same.sum())
        for (row, new), (_, old) in zip(
            repeats[~same].iterrows(), first[~same].iterrows(), strict=True
        ):
            self._conflict(row, new["dedup_key"], None, _differences(old, new))
        return frame[~repeat]

    def _stored_before(self, frame: pd.DataFrame, before: int) -> set[str]:
        """The keys of ``frame`` stored before this chunk, each counted as already there
        (the same fingerprint, or the same fields) or as a conflict."""
        found = self._lookup(list(frame["dedup_key"]), [ResponseRow.id <= before])
        if found.empty:
            return set()
        incoming = frame.reset_index(names="row").set_index("dedup_key")
        incoming = incoming.loc[found["dedup_key"].to_numpy()]
        same = found["fingerprint"].to_numpy() == incoming["fingerprint"].to_numpy()
        if not same.all():
            # A fingerprint is a hash: the fields themselves decide.
            unsure = found["dedup_key"][~same].tolist()
            fields = self._lookup(unsure, [], with_fields=True).set_index("dedup_key")
            same[~same] = _same_fields(fields.loc[unsure], incoming[~same])
        batches = found["batch_id"].where(found["batch_id"] != self.stored.batch_id, 0)
        for batch, count in batches[same].value_counts().items():
            self.stored.already_from[int(batch)] += int(count)
        if not same.all():
            for key, batch in zip(found["dedup_key"][~same], batches[~same], strict=True):
                new = incoming.loc[key]
                self._conflict(
                    int(new["row"]), key, int(batch) or None, _differences(fields.loc[key], new)
                )
        return set(found["dedup_key"])

    def _lookup(
        self, keys: list[str], conditions: list[Any], *, with_fields: bool = False
    ) -> pd.DataFrame:
        columns = ["dedup_key", "batch_id", "fingerprint", *(COMPARED if with_fields else ())]
        parts: list[tuple[Any, ...]] = []
        for start in range(0, len(keys), LOOKUP_KEYS):
            query = select(*(getattr(ResponseRow, c) for c in columns)).where(
                ResponseRow.journey_id == self.journey_id,
                ResponseRow.dedup_key.in_(keys[start : start + LOOKUP_KEYS]),
                *conditions,
            )
            parts += [tuple(row) for row in self.connection.execute(query)]
        return pd.DataFrame.from_records(parts, columns=columns)

    def _conflict(
        self, row: Any, key: str, stored_batch: int | None, differ: dict[str, Any]
    ) -> None:
        self.stored.conflicting += 1
        if len(self.stored.conflicts) >= MAX_CONFLICTS:
            return
        self.stored.conflicts.append(
            StoredConflict(
                row=int(row),
                identity=key.removeprefix(f"{self.stored.source_id}:"),
                stored_batch=stored_batch,
                stored={name: stored for name, (stored, _) in differ.items()},
                incoming={name: new for name, (_, new) in differ.items()},
            )
        )


def _same_fields(stored: pd.DataFrame, incoming: pd.DataFrame) -> Any:
    """Per row (aligned by position), whether the answers are the same."""
    same = pd.Series(True, index=range(len(stored))).to_numpy()
    for name in COMPARED:
        old, new = _comparable(name, stored[name]), _comparable(name, incoming[name])
        same &= old.to_numpy() == new.to_numpy()
    return same


def _comparable(name: str, values: pd.Series) -> pd.Series:
    if name == "responded_at":
        return pd.to_datetime(values, utc=True).dt.floor("s")
    if name == "score":
        return values.astype("int64")
    empty = None if name == "touchpoint_id" else ""
    return values.astype(object).where(values.notna(), empty)  # type: ignore[arg-type]


def _differences(stored: pd.Series, incoming: pd.Series) -> dict[str, tuple[Any, Any]]:
    """Field → (stored, incoming) where the answers differ; the time to the second."""
    out = {}
    for name in COMPARED:
        old, new = _plain(name, stored[name]), _plain(name, incoming[name])
        if old != new:
            out[name] = (old, new)
    return out


def _plain(name: str, value: Any) -> Any:
    if name == "responded_at":
        moment = as_utc(pd.Timestamp(value).to_pydatetime())
        return moment.astimezone(UTC).replace(microsecond=0).isoformat(sep=" ")
    if name == "score":
        return int(value)
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None if name == "touchpoint_id" else ""
    return str(value)

"""Journeys with revisions and optimistic locking.

Every save names the revision it was based on. The update only succeeds while the
stored revision is still that one (checked in the UPDATE itself, so two writers
cannot both pass), which means two people editing in a workshop never silently
overwrite each other: the second one is told who saved in between.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from journeymap.i18n import _
from journeymap.model import Journey
from journeymap.store.audit import record
from journeymap.store.moments import as_utc
from journeymap.store.tables import JourneyRevisionRow, JourneyRow


@dataclass(frozen=True)
class StoredJourney:
    journey: Journey
    revision: int
    saved_by: str
    saved_at: datetime


@dataclass(frozen=True)
class RevisionInfo:
    revision: int
    author: str
    saved_at: datetime
    note: str


@dataclass(frozen=True)
class JourneySummary:
    id: str
    name: str
    revision: int
    saved_by: str
    saved_at: datetime


class _LostRace(Exception):
    """The row changed between reading it and updating it."""


class JourneyExists(Exception):
    """A new journey's id is taken: by a stored journey, or by one saved a moment ago."""

    def __init__(self, journey_id: str, name: str | None) -> None:
        self.journey_id = journey_id
        self.name = name  # None: taken by a save that won the race
        super().__init__(journey_id)


class StaleRevision(Exception):
    """A save based on a revision that is no longer the newest."""

    def __init__(self, journey_id: str, base_revision: int | None, newer: list[RevisionInfo]):
        self.journey_id = journey_id
        self.base_revision = base_revision
        self.newer = newer
        latest = newer[-1]
        authors = ", ".join(sorted({r.author for r in newer}))
        text = (
            _(
                "journey '{journey}' was saved by {authors} after revision {base}, which you "
                "started from (now revision {revision}, {moment} UTC): reload it and apply "
                "your change again, or overwrite deliberately (--force in the CLI)"
            )
            if base_revision is not None
            else _(
                "journey '{journey}' was saved by {authors} after the file you are saving, "
                "which names no revision (now revision {revision}, {moment} UTC): reload it "
                "and apply your change again, or overwrite deliberately (--force in the CLI)"
            )
        )
        super().__init__(
            text.format(
                journey=journey_id,
                authors=authors,
                base=base_revision,
                revision=latest.revision,
                moment=f"{latest.saved_at:%Y-%m-%d %H:%M}",
            )
        )


def journey_to_body(journey: Journey) -> str:
    return json.dumps(journey.model_dump(by_alias=True, mode="json"), ensure_ascii=False)


def journey_from_body(body: str) -> Journey:
    return Journey.model_validate(json.loads(body))


class JourneyRepository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def list(self) -> list[JourneySummary]:
        with Session(self.engine) as session:
            rows = session.scalars(select(JourneyRow).order_by(JourneyRow.name)).all()
            return [
                JourneySummary(r.id, r.name, r.revision, r.saved_by, as_utc(r.saved_at))
                for r in rows
            ]

    def get(self, journey_id: str) -> StoredJourney | None:
        with Session(self.engine) as session:
            row = session.get(JourneyRow, journey_id)
            if row is None:
                return None
            return StoredJourney(
                journey_from_body(row.body), row.revision, row.saved_by, as_utc(row.saved_at)
            )

    def revisions(self, journey_id: str) -> list[RevisionInfo]:
        with Session(self.engine) as session:
            rows = session.scalars(
                select(JourneyRevisionRow)
                .where(JourneyRevisionRow.journey_id == journey_id)
                .order_by(JourneyRevisionRow.revision)
            ).all()
            return [RevisionInfo(r.revision, r.author, as_utc(r.saved_at), r.note) for r in rows]

    def get_revision(self, journey_id: str, revision: int) -> Journey | None:
        with Session(self.engine) as session:
            row = session.get(JourneyRevisionRow, (journey_id, revision))
            return journey_from_body(row.body) if row else None

    def create(self, journey: Journey, *, author: str, note: str = "") -> StoredJourney:
        """Store a new journey as revision 1; :class:`JourneyExists` if its id is taken.

        Unlike :meth:`save`, never touches a stored journey, not even one with the same
        content: a new journey that happens to take an existing id must not go unnoticed.
        """
        with Session(self.engine) as session:
            existing = session.get(JourneyRow, journey.id)
            if existing is not None:
                raise JourneyExists(journey.id, existing.name)
        try:
            with Session(self.engine) as session, session.begin():
                return self._insert(session, journey, author, note)
        except IntegrityError:
            raise JourneyExists(journey.id, None) from None

    def save(
        self,
        journey: Journey,
        *,
        author: str,
        base_revision: int | None,
        force: bool = False,
        note: str = "",
    ) -> StoredJourney:
        """Store ``journey`` as a new revision, unless nothing changed.

        ``author`` is the acting person (journeymap.services.journeys passes the
        viewer's name): the revision's author and the actor of its audit entry.
        ``base_revision`` is the revision the change was made from (None for a new
        journey or a file that names none). A stale base raises :class:`StaleRevision`
        unless ``force`` is set; saving content identical to the newest revision adds
        no revision.
        """
        try:
            return self._save(journey, author, base_revision, force, note)
        except (_LostRace, IntegrityError):
            # Someone else saved between our read and our write: report who.
            with Session(self.engine) as session:
                newer = self._newer(session, journey.id, base_revision)
            raise StaleRevision(journey.id, base_revision, newer) from None

    def _save(
        self,
        journey: Journey,
        author: str,
        base_revision: int | None,
        force: bool,
        note: str,
    ) -> StoredJourney:
        body = journey_to_body(journey)
        now = datetime.now(UTC)
        with Session(self.engine) as session, session.begin():
            row = session.get(JourneyRow, journey.id)
            if row is None:
                return self._insert(session, journey, author, note)
            current = StoredJourney(
                journey_from_body(row.body), row.revision, row.saved_by, as_utc(row.saved_at)
            )
            if current.journey == journey:
                return current
            expected = row.revision if force else base_revision
            if expected != row.revision:
                raise StaleRevision(
                    journey.id, base_revision, self._newer(session, journey.id, base_revision)
                )
            new_revision = row.revision + 1
            result = session.execute(
                update(JourneyRow)
                .where(JourneyRow.id == journey.id, JourneyRow.revision == expected)
                .values(
                    name=journey.name,
                    revision=new_revision,
                    body=body,
                    saved_by=author,
                    saved_at=now,
                )
                .execution_options(synchronize_session=False)
            )
            if result.rowcount != 1:
                raise _LostRace
            session.add(self._revision_row(journey.id, new_revision, body, author, now, note))
            detail = f"revision {new_revision}" + (f": {note}" if note else "")
            record(session.connection(), "changed", "journey", journey.id, detail, actor=author)
            return StoredJourney(journey, new_revision, author, now)

    def delete(self, journey_id: str, *, actor: str) -> bool:
        with Session(self.engine) as session, session.begin():
            session.execute(
                delete(JourneyRevisionRow).where(JourneyRevisionRow.journey_id == journey_id)
            )
            result = session.execute(delete(JourneyRow).where(JourneyRow.id == journey_id))
            if result.rowcount:
                record(session.connection(), "deleted", "journey", journey_id, actor=actor)
            return result.rowcount > 0

    def _insert(self, session: Session, journey: Journey, author: str, note: str) -> StoredJourney:
        body = journey_to_body(journey)
        now = datetime.now(UTC)
        session.add(
            JourneyRow(
                id=journey.id,
                name=journey.name,
                revision=1,
                body=body,
                saved_by=author,
                saved_at=now,
                created_at=now,
            )
        )
        session.flush()  # the revision row refers to the journey row
        session.add(self._revision_row(journey.id, 1, body, author, now, note))
        record(session.connection(), "created", "journey", journey.id, note, actor=author)
        return StoredJourney(journey, 1, author, now)

    @staticmethod
    def _revision_row(
        journey_id: str, revision: int, body: str, author: str, now: datetime, note: str
    ) -> JourneyRevisionRow:
        return JourneyRevisionRow(
            journey_id=journey_id,
            revision=revision,
            body=body,
            author=author,
            saved_at=now,
            note=note,
        )

    @staticmethod
    def _newer(session: Session, journey_id: str, base_revision: int | None) -> list[RevisionInfo]:
        rows = session.scalars(
            select(JourneyRevisionRow)
            .where(
                JourneyRevisionRow.journey_id == journey_id,
                JourneyRevisionRow.revision > (base_revision or 0),
            )
            .order_by(JourneyRevisionRow.revision)
        ).all()
        return [RevisionInfo(r.revision, r.author, as_utc(r.saved_at), r.note) for r in rows]

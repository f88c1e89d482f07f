"""Visits as the programme changes them: a planned wave stored, a visit cancelled or
given to another shopper, each in one transaction with its audit entry.

A wave is stored whole or not at all: its rules (no shopper twice at a location,
nobody switched off) are checked again here, inside the transaction, because the plan
was previewed a while ago and someone may have changed the programme since.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from journeymap.i18n import _
from journeymap.model.visit_status import (
    CANCELLABLE_STATUSES,
    REASSIGNABLE_STATUSES,
    status_label,
)
from journeymap.store.assignments import AlreadyAssigned, SwitchedOff, assigned_key
from journeymap.store.audit import record
from journeymap.store.tables import (
    LocationRow,
    QuestionnaireRow,
    ShopperRow,
    VisitLinkRow,
    VisitRow,
)
from journeymap.store.visit_workflow import claim_visit_row
from journeymap.store.visits import VisitNotFound

MAX_WAVE = 120  # visits.wave
MAX_REASON = 500


class WaveTaken(ValueError):
    """A wave of that name has visits already."""


class VisitClosed(ValueError):
    """The visit's status does not allow the change (submitted, reviewed, cancelled)."""


@dataclass(frozen=True)
class WaveVisit:
    shopper_id: str
    location_id: str
    planned_on: date


def wave_names(engine: Engine, journey_id: str | None = None) -> list[str]:
    """The waves with visits (of the journey's questionnaires), newest first."""
    query = select(VisitRow.wave, func.min(VisitRow.window_start).label("first")).where(
        VisitRow.wave != ""
    )
    if journey_id is not None:
        query = query.join(
            QuestionnaireRow,
            (QuestionnaireRow.id == VisitRow.questionnaire_id)
            & (QuestionnaireRow.version == VisitRow.questionnaire_version),
        ).where(QuestionnaireRow.journey_id == journey_id)
    query = query.group_by(VisitRow.wave).order_by(func.min(VisitRow.window_start).desc())
    with engine.connect() as connection:
        return [row.wave for row in connection.execute(query)]


def visited_locations(engine: Engine, journey_id: str | None = None) -> set[str]:
    """The locations with a visit (of the journey's questionnaires, if given)."""
    query = select(VisitRow.location_id).distinct()
    if journey_id is not None:
        query = query.join(
            QuestionnaireRow,
            (QuestionnaireRow.id == VisitRow.questionnaire_id)
            & (QuestionnaireRow.version == VisitRow.questionnaire_version),
        ).where(QuestionnaireRow.journey_id == journey_id)
    with engine.connect() as connection:
        return set(connection.scalars(query))


def store_wave(
    engine: Engine,
    *,
    questionnaire_id: str,
    questionnaire_version: int,
    wave: str,
    visits: Sequence[WaveVisit],
    window_end: date,
    scenario: str,
    actor: str,
) -> list[int]:
    """Store the wave's visits as assigned, all or none; their ids.

    WaveTaken when the wave has visits already (a second click on "save" adds nothing),
    SwitchedOff / LookupError for a shopper or location switched off or gone since the
    preview, AlreadyAssigned when a shopper has a visit at a location on that day.
    """
    with engine.begin() as connection:
        # The first statement writes: it orders this save after any other of the same
        # questionnaire (SQLite: the database's lock, PostgreSQL: the questionnaire row's),
        # so two clicks on "save" cannot both find the wave empty.
        locked = connection.execute(
            update(QuestionnaireRow)
            .where(
                QuestionnaireRow.id == questionnaire_id,
                QuestionnaireRow.version == questionnaire_version,
            )
            .values(id=QuestionnaireRow.id)
        ).rowcount
        taken = connection.scalar(
            select(func.count()).select_from(VisitRow).where(VisitRow.wave == wave)
        )
        if taken:
            raise WaveTaken(
                _(
                    "wave '{wave}' has {taken} visit(s) already: nothing was added; choose "
                    "another name for a new wave"
                ).format(wave=wave, taken=taken)
            )
        journey_id = connection.scalar(
            select(QuestionnaireRow.journey_id).where(
                QuestionnaireRow.id == questionnaire_id,
                QuestionnaireRow.version == questionnaire_version,
            )
        )
        if not locked or journey_id is None:
            raise LookupError(
                _(
                    "questionnaire '{questionnaire_id}' version {questionnaire_version} is not "
                    "stored"
                ).format(
                    questionnaire_id=questionnaire_id, questionnaire_version=questionnaire_version
                )
            )
        _check_people(connection, visits)
        ids = [
            _insert(
                connection,
                journey_id,
                questionnaire_id,
                questionnaire_version,
                wave,
                v,
                window_end,
                scenario,
            )
            for v in visits
        ]
        locations = len({v.location_id for v in visits})
        first, last = min(v.planned_on for v in visits), max(v.planned_on for v in visits)
        record(
            connection,
            "planned",
            "wave",
            wave,
            f"{len(ids)} visits of {questionnaire_id} v{questionnaire_version} at {locations} "
            f"location(s), {first:%Y-%m-%d} to {last:%Y-%m-%d}",
            actor=actor,
        )
    return ids


def _check_people(connection: Connection, visits: Sequence[WaveVisit]) -> None:
    shoppers = {
        row.id: row
        for row in connection.execute(
            select(ShopperRow.id, ShopperRow.name, ShopperRow.active).where(
                ShopperRow.id.in_(sorted({v.shopper_id for v in visits}))
            )
        )
    }
    locations = {
        row.id: row
        for row in connection.execute(
            select(LocationRow.id, LocationRow.name, LocationRow.active).where(
                LocationRow.id.in_(sorted({v.location_id for v in visits}))
            )
        )
    }
    for visit in visits:
        shopper, location = shoppers.get(visit.shopper_id), locations.get(visit.location_id)
        if shopper is None:
            raise LookupError(
                _("there is no shopper '{shopper_id}': plan the wave again").format(
                    shopper_id=visit.shopper_id
                )
            )
        if location is None:
            raise LookupError(
                _("there is no location '{location_id}': plan the wave again").format(
                    location_id=visit.location_id
                )
            )
        for row, what in ((shopper, "shopper"), (location, "location")):
            if not row.active:
                raise SwitchedOff(
                    _(
                        "{name} was switched off after the plan was made: nothing was added; plan "
                        "the"
                        " wave again without this {what}"
                    ).format(name=row.name, what=what)
                )
        existing = connection.scalar(
            select(VisitRow.external_key).where(
                VisitRow.shopper_id == visit.shopper_id,
                VisitRow.location_id == visit.location_id,
                VisitRow.window_start == visit.planned_on,
            )
        )
        if existing is not None:
            raise AlreadyAssigned(
                _(
                    "{name} is already assigned to {name2} on {planned_on} (visit {existing}): "
                    "nothing was added; move the window or plan again"
                ).format(
                    name=shopper.name,
                    name2=location.name,
                    planned_on=format(visit.planned_on, "%Y-%m-%d"),
                    existing=existing,
                )
            )


def _insert(
    connection: Connection,
    journey_id: str,
    questionnaire_id: str,
    version: int,
    wave: str,
    visit: WaveVisit,
    window_end: date,
    scenario: str,
) -> int:
    placeholder = f"planned-{uuid.uuid4().hex}"
    visit_id = connection.execute(
        insert(VisitRow)
        .values(
            external_key=placeholder,
            questionnaire_id=questionnaire_id,
            questionnaire_version=version,
            location_id=visit.location_id,
            shopper_id=visit.shopper_id,
            scenario=scenario,
            window_start=visit.planned_on,
            window_end=max(window_end, visit.planned_on),
            status="assigned",
            wave=wave,
        )
        .returning(VisitRow.id)
    ).scalar_one()
    key = assigned_key(journey_id, visit.location_id, visit.shopper_id, visit.planned_on, visit_id)
    if connection.scalar(select(VisitRow.id).where(VisitRow.external_key == key)) is None:
        connection.execute(update(VisitRow).where(VisitRow.id == visit_id).values(external_key=key))
    return int(visit_id)


def cancel_visit(engine: Engine, visit_id: int, reason: str, *, actor: str) -> str:
    """Cancel a visit nobody has submitted; its status before. VisitClosed otherwise."""
    with engine.begin() as connection:
        status = _status(connection, visit_id)
        if status not in CANCELLABLE_STATUSES:
            text = (
                _(
                    "visit {visit} is {status}: only a visit that has not been submitted can "
                    "be cancelled; a reviewer can return it instead"
                )
                if status == "submitted"
                else _(
                    "visit {visit} is {status}: only a visit that has not been submitted can "
                    "be cancelled"
                )
            )
            raise VisitClosed(text.format(visit=visit_id, status=status_label(status).lower()))
        connection.execute(
            update(VisitRow).where(VisitRow.id == visit_id).values(status="cancelled")
        )
        record(
            connection,
            "cancelled",
            "visit",
            visit_id,
            f"was {status}" + (f": {reason}" if reason else ""),
            actor=actor,
        )
    return status


def reassign_visit(engine: Engine, visit_id: int, shopper_id: str, *, actor: str) -> str:
    """Give a visit nobody has started to another shopper; the new shopper's name.

    The visit's links stop working (they were sent to the shopper it had).
    """
    with engine.begin() as connection:
        status = _status(connection, visit_id)
        visit = connection.execute(
            select(
                VisitRow.shopper_id,
                VisitRow.location_id,
                VisitRow.window_start,
                VisitRow.wave,
                ShopperRow.name,
                LocationRow.name.label("location_name"),
            )
            .join(ShopperRow, ShopperRow.id == VisitRow.shopper_id)
            .join(LocationRow, LocationRow.id == VisitRow.location_id)
            .where(VisitRow.id == visit_id)
        ).one()
        if status not in REASSIGNABLE_STATUSES:
            text = (
                _(
                    "visit {visit} is {status}: only a visit nobody has started can go to "
                    "another shopper; cancel it and assign a new one"
                )
                if status in CANCELLABLE_STATUSES
                else _(
                    "visit {visit} is {status}: only a visit nobody has started can go to "
                    "another shopper"
                )
            )
            raise VisitClosed(text.format(visit=visit_id, status=status_label(status).lower()))
        new = connection.execute(
            select(ShopperRow.name, ShopperRow.active).where(ShopperRow.id == shopper_id)
        ).first()
        if new is None:
            raise LookupError(
                _("there is no shopper '{shopper_id}': add the shopper first").format(
                    shopper_id=shopper_id
                )
            )
        if not new.active:
            raise SwitchedOff(
                _("{name} is switched off: choose another shopper").format(name=new.name)
            )
        if shopper_id == visit.shopper_id:
            raise ValueError(
                _("visit {visit_id} is assigned to {name} already").format(
                    visit_id=visit_id, name=new.name
                )
            )
        _check_free(connection, visit, shopper_id, new.name)
        connection.execute(
            update(VisitRow).where(VisitRow.id == visit_id).values(shopper_id=shopper_id)
        )
        connection.execute(delete(VisitLinkRow).where(VisitLinkRow.visit_id == visit_id))
        record(
            connection,
            "reassigned",
            "visit",
            visit_id,
            f"{visit.name} → {new.name}",
            actor=actor,
        )
    return str(new.name)


def _check_free(connection: Connection, visit, shopper_id: str, name: str) -> None:  # type: ignore[no-untyped-def]
    """Refuse a second visit of the shopper at the place that day, or in that wave."""
    same_place = select(VisitRow.external_key).where(
        VisitRow.shopper_id == shopper_id,
        VisitRow.location_id == visit.location_id,
        VisitRow.status != "cancelled",
    )
    on_the_day = connection.scalar(same_place.where(VisitRow.window_start == visit.window_start))
    if on_the_day is not None:
        raise AlreadyAssigned(
            _(
                "{name} is already assigned to {location_name} on {window_start} (visit "
                "{on_the_day}): choose another shopper"
            ).format(
                name=name,
                location_name=visit.location_name,
                window_start=format(visit.window_start, "%Y-%m-%d"),
                on_the_day=on_the_day,
            )
        )
    if visit.wave:
        in_wave = connection.scalar(same_place.where(VisitRow.wave == visit.wave))
        if in_wave is not None:
            raise AlreadyAssigned(
                _(
                    "{name} visits {location_name} in wave '{wave}' already (visit {in_wave}): a "
                    "shopper visits a location once a wave; choose another shopper"
                ).format(
                    name=name, location_name=visit.location_name, wave=visit.wave, in_wave=in_wave
                )
            )


def _status(connection: Connection, visit_id: int) -> str:
    claim_visit_row(connection, visit_id)
    status = connection.scalar(
        select(VisitRow.status).where(VisitRow.id == visit_id).with_for_update()
    )
    if status is None:
        raise VisitNotFound(_("there is no visit {visit_id}").format(visit_id=visit_id))
    return str(status)

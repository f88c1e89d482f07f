"""Assigning a visit to a shopper: one visit per shopper, location and day, a key each.

The key is made from the visit's database id, so two assignments made at the same
moment can never get the same one. Assignments of one shopper are taken one at a time
(the shopper's row is locked first), so the check for a visit already assigned on that
day cannot be passed by two at once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, insert, select, update

from journeymap.i18n import _
from journeymap.store.audit import record
from journeymap.store.tables import LocationRow, QuestionnaireRow, ShopperRow, VisitRow

KEY_LENGTH = 64  # visits.external_key


class AlreadyAssigned(ValueError):
    """The shopper already has a visit at that location on that day."""


class SwitchedOff(ValueError):
    """The shopper or location is switched off: it gets no new visits."""


@dataclass(frozen=True)
class Assignment:
    visit_id: int
    external_key: str
    shopper_name: str
    location_name: str


def assign_visit(
    engine: Engine,
    *,
    questionnaire_id: str,
    questionnaire_version: int,
    location_id: str,
    shopper_id: str,
    window_start: date,
    window_end: date,
    scenario: str,
    actor: str,
) -> Assignment:
    """Store a new assigned visit; AlreadyAssigned when the shopper has one at the
    location on that first day, LookupError when the shopper, location or
    questionnaire version is not stored."""
    with engine.begin() as connection:
        # The first statement writes: it takes the lock that orders this shopper's
        # assignments (SQLite: the database's, PostgreSQL: the shopper row's).
        locked = connection.execute(
            update(ShopperRow).where(ShopperRow.id == shopper_id).values(id=ShopperRow.id)
        ).rowcount
        shopper = connection.execute(
            select(ShopperRow.name, ShopperRow.active).where(ShopperRow.id == shopper_id)
        ).first()
        if not locked or shopper is None:
            raise LookupError(
                _("there is no shopper '{shopper_id}': add the shopper first").format(
                    shopper_id=shopper_id
                )
            )
        shopper_name = shopper.name
        if not shopper.active:
            raise SwitchedOff(
                _(
                    "{shopper_name} is switched off: switch the shopper on, or choose another"
                ).format(shopper_name=shopper_name)
            )
        location = connection.execute(
            select(LocationRow.name, LocationRow.active).where(LocationRow.id == location_id)
        ).first()
        if location is None:
            raise LookupError(
                _("there is no location '{location_id}': add it first").format(
                    location_id=location_id
                )
            )
        location_name = location.name
        if not location.active:
            raise SwitchedOff(
                _(
                    "{location_name} is switched off: switch the location on, or choose another"
                ).format(location_name=location_name)
            )
        journey_id = connection.scalar(
            select(QuestionnaireRow.journey_id).where(
                QuestionnaireRow.id == questionnaire_id,
                QuestionnaireRow.version == questionnaire_version,
            )
        )
        if journey_id is None:
            raise LookupError(
                _(
                    "questionnaire '{questionnaire_id}' version {questionnaire_version} is not "
                    "stored"
                ).format(
                    questionnaire_id=questionnaire_id, questionnaire_version=questionnaire_version
                )
            )
        existing = connection.scalar(
            select(VisitRow.external_key).where(
                VisitRow.shopper_id == shopper_id,
                VisitRow.location_id == location_id,
                VisitRow.window_start == window_start,
            )
        )
        if existing is not None:
            raise AlreadyAssigned(
                _(
                    "{shopper_name} is already assigned to {location_name} on {day_text} (visit "
                    "{existing}): nothing was added; choose another day, location or shopper"
                ).format(
                    shopper_name=shopper_name,
                    location_name=location_name,
                    day_text=day_text(window_start),
                    existing=existing,
                )
            )
        # A random placeholder, unique on its own, until the row has its id.
        placeholder = f"assigned-{uuid.uuid4().hex}"
        visit_id = connection.execute(
            insert(VisitRow)
            .values(
                external_key=placeholder,
                questionnaire_id=questionnaire_id,
                questionnaire_version=questionnaire_version,
                location_id=location_id,
                shopper_id=shopper_id,
                scenario=scenario,
                window_start=window_start,
                window_end=window_end,
                status="assigned",
            )
            .returning(VisitRow.id)
        ).scalar_one()
        key = assigned_key(journey_id, location_id, shopper_id, window_start, visit_id)
        # An imported visit may have chosen any key, this one too: then the placeholder stays.
        if connection.scalar(select(VisitRow.id).where(VisitRow.external_key == key)) is None:
            connection.execute(
                update(VisitRow).where(VisitRow.id == visit_id).values(external_key=key)
            )
        else:
            key = placeholder
        record(
            connection,
            "assigned",
            "visit",
            visit_id,
            f"{shopper_name} at {location_name} from {window_start:%Y-%m-%d}",
            actor=actor,
        )
    return Assignment(int(visit_id), key, shopper_name, location_name)


def day_text(day: date) -> str:
    """A day as a sentence names it: 3 November 2026."""
    return f"{day.day} {day:%B %Y}"


def assigned_key(
    journey_id: str, location_id: str, shopper_id: str, day: date, visit_id: int
) -> str:
    """A readable key that ends in the visit's id: among assigned visits unique because
    the id is; only the readable part is shortened to fit."""
    suffix = f"-v{visit_id}"
    readable = f"{journey_id}-{location_id}-{shopper_id}-{day:%Y%m%d}"
    return readable[: KEY_LENGTH - len(suffix)] + suffix

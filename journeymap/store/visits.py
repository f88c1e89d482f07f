"""Visits as the form and the review see them: one visit, its status, its version.

Every read takes an optional ``shopper_id``: a signed-in shopper's reads pass their own,
so another shopper's visit id finds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Engine, func, select

from journeymap.i18n import _
from journeymap.model.questionnaire import Questionnaire
from journeymap.model.visit_status import EDITABLE_STATUSES
from journeymap.store.tables import (
    LocationRow,
    QuestionnaireRow,
    ShopperRow,
    VisitRow,
)


class VisitNotFound(LookupError):
    """No such visit (for this shopper)."""


class VisitLocked(ValueError):
    """The visit's answers can no longer change: it was submitted or reviewed."""


@dataclass(frozen=True)
class VisitInfo:
    id: int
    external_key: str
    journey_id: str
    questionnaire_id: str
    questionnaire_version: int
    location_id: str
    location_name: str
    region: str
    competitor: bool
    shopper_id: str
    shopper_name: str
    scenario: str
    window_start: date
    window_end: date
    status: str
    started_at: datetime | None
    submitted_at: datetime | None
    reviewed_at: datetime | None
    wave: str = ""
    reviewed_by: str = ""  # the signed-in reviewer of the last decision

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


def _visit_query():  # type: ignore[no-untyped-def]
    return (
        select(
            VisitRow.id,
            VisitRow.external_key,
            QuestionnaireRow.journey_id,
            VisitRow.questionnaire_id,
            VisitRow.questionnaire_version,
            VisitRow.location_id,
            LocationRow.name,
            LocationRow.region,
            LocationRow.competitor,
            VisitRow.shopper_id,
            ShopperRow.name,
            VisitRow.scenario,
            VisitRow.window_start,
            VisitRow.window_end,
            VisitRow.status,
            VisitRow.started_at,
            VisitRow.submitted_at,
            VisitRow.reviewed_at,
            VisitRow.wave,
            VisitRow.reviewed_by,
        )
        .join(LocationRow, LocationRow.id == VisitRow.location_id)
        .join(ShopperRow, ShopperRow.id == VisitRow.shopper_id)
        .join(
            QuestionnaireRow,
            (QuestionnaireRow.id == VisitRow.questionnaire_id)
            & (QuestionnaireRow.version == VisitRow.questionnaire_version),
        )
    )


def _info(row: tuple) -> VisitInfo:  # type: ignore[type-arg]
    values = list(row)
    for i in (15, 16, 17):  # SQLite hands timestamps back naive; they are stored as UTC
        if values[i] is not None and values[i].tzinfo is None:
            values[i] = values[i].replace(tzinfo=UTC)
    values[8] = bool(values[8])
    values[18], values[19] = values[18] or "", values[19] or ""
    return VisitInfo(*values)


def get_visit(engine: Engine, visit_id: int, shopper_id: str | None = None) -> VisitInfo | None:
    query = _visit_query().where(VisitRow.id == visit_id)
    if shopper_id is not None:
        query = query.where(VisitRow.shopper_id == shopper_id)
    with engine.connect() as connection:
        row = connection.execute(query).first()
    return None if row is None else _info(tuple(row))


def list_visits(
    engine: Engine,
    *,
    shopper_id: str | None = None,
    statuses: tuple[str, ...] | None = None,
    journey_id: str | None = None,
    questionnaire_id: str | None = None,
    wave: str | None = None,
    location_id: str | None = None,
    locations: frozenset[str] | None = None,
    first_day: date | None = None,
    last_day: date | None = None,
) -> list[VisitInfo]:
    """Visits by window, newest first, narrowed by shopper, status, journey,
    questionnaire, wave, location (or a scope of ``locations``) and the days their
    windows start on."""
    query = _visit_query()
    conditions = (
        (shopper_id, lambda: VisitRow.shopper_id == shopper_id),
        (statuses, lambda: VisitRow.status.in_(statuses or ())),
        (journey_id, lambda: QuestionnaireRow.journey_id == journey_id),
        (questionnaire_id, lambda: VisitRow.questionnaire_id == questionnaire_id),
        (wave, lambda: VisitRow.wave == wave),
        (location_id, lambda: VisitRow.location_id == location_id),
        (locations, lambda: VisitRow.location_id.in_(sorted(locations or ()))),
        (first_day, lambda: VisitRow.window_start >= first_day),
        (last_day, lambda: VisitRow.window_start <= last_day),
    )
    for given, condition in conditions:
        if given is not None:
            query = query.where(condition())
    query = query.order_by(VisitRow.window_start.desc(), VisitRow.id)
    with engine.connect() as connection:
        return [_info(tuple(row)) for row in connection.execute(query).all()]


def find_visit(
    engine: Engine,
    visit_id: int,
    *,
    journey_id: str | None = None,
    locations: frozenset[str] | None = None,
) -> VisitInfo | None:
    """The visit if it belongs to the journey and one of ``locations`` (None: any).

    A location manager's scope is part of the query, so another location's visit is
    never read, not merely hidden.
    """
    query = _visit_query().where(VisitRow.id == visit_id)
    if journey_id is not None:
        query = query.where(QuestionnaireRow.journey_id == journey_id)
    if locations is not None:
        query = query.where(VisitRow.location_id.in_(sorted(locations)))
    with engine.connect() as connection:
        row = connection.execute(query).first()
    return None if row is None else _info(tuple(row))


def shoppers_by_first_visit(engine: Engine) -> list[str]:
    """Every shopper with a visit, in the order of their first visit in the workspace.

    Visit ids only grow and visits are not deleted, so a shopper's place in this list
    never changes: what pseudonyms are numbered by.
    """
    query = (
        select(VisitRow.shopper_id)
        .group_by(VisitRow.shopper_id)
        .order_by(func.min(VisitRow.id), VisitRow.shopper_id)
    )
    with engine.connect() as connection:
        return list(connection.scalars(query))


def list_shoppers(engine: Engine) -> dict[str, str]:
    with engine.connect() as connection:
        rows = connection.execute(select(ShopperRow.id, ShopperRow.name).order_by(ShopperRow.name))
        return {row.id: row.name for row in rows}


def questionnaire_version(engine: Engine, questionnaire_id: str, version: int) -> Questionnaire:
    """The questionnaire exactly as the visit was started with it."""
    with engine.connect() as connection:
        body = connection.scalar(
            select(QuestionnaireRow.body).where(
                QuestionnaireRow.id == questionnaire_id, QuestionnaireRow.version == version
            )
        )
    if body is None:
        raise LookupError(
            _("questionnaire '{questionnaire_id}' version {version} is not stored").format(
                questionnaire_id=questionnaire_id, version=version
            )
        )
    return Questionnaire.model_validate_json(body, strict=False)


def all_versions(engine: Engine, journey_id: str) -> dict[tuple[str, int], Questionnaire]:
    """Every stored version of a journey's questionnaires: old visits keep theirs."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(QuestionnaireRow.id, QuestionnaireRow.version, QuestionnaireRow.body).where(
                QuestionnaireRow.journey_id == journey_id
            )
        ).all()
    return {
        (row.id, row.version): Questionnaire.model_validate_json(row.body, strict=False)
        for row in rows
    }

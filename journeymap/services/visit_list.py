"""Every visit of a journey with its status, filtered, as the reader may see it.

Those who run the programme see each visit's shopper and planning key. A reader who
may see results but not who shopped (an analyst, a location manager) gets the same
list with shoppers as pseudonyms and no keys (a key carries the shopper's id), and a
location manager only their own locations' visits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine

from journeymap.i18n import N_, _
from journeymap.model.access import Capability, Viewer
from journeymap.model.visit_status import VISIT_STATUSES
from journeymap.services.access import require_any
from journeymap.services.privacy import names_for, sees_identities
from journeymap.store.visits import list_visits

__all__ = ["ListedVisit", "VisitFilter", "visit_list"]


@dataclass(frozen=True)
class VisitFilter:
    """What to narrow the list to; None (or empty) leaves a field open."""

    questionnaire_id: str | None = None
    wave: str | None = None
    location_id: str | None = None
    shopper: str | None = None  # an id, or for a reader without identities a pseudonym
    statuses: tuple[str, ...] = ()
    first_day: date | None = None
    last_day: date | None = None


@dataclass(frozen=True)
class ListedVisit:
    id: int
    key: str  # the planning key, or "" for a reader who may not see it
    questionnaire_id: str
    questionnaire_version: int
    wave: str
    location_id: str
    location_name: str
    competitor: bool
    shopper: str  # the shopper's id, or a pseudonym
    shopper_name: str  # the shopper's name, or the same pseudonym
    window_start: date
    window_end: date
    status: str
    submitted_at: datetime | None
    reviewed_by: str


def visit_list(
    viewer: Viewer, engine: Engine, journey_id: str, flt: VisitFilter | None = None
) -> list[ListedVisit]:
    """The journey's visits under the filter, newest window first; ValueError naming a
    status that does not exist or days in the wrong order."""
    require_any(
        viewer,
        (Capability.RUN_PROGRAMME, Capability.VIEW_LOCATION_RESULTS),
        N_("see the list of visits"),
    )
    flt = flt or VisitFilter()
    _check(flt)
    identities = sees_identities(viewer)
    visits = list_visits(
        engine,
        journey_id=journey_id,
        statuses=flt.statuses or None,
        questionnaire_id=flt.questionnaire_id or None,
        wave=flt.wave,
        location_id=flt.location_id or None,
        shopper_id=(flt.shopper or None) if identities else None,
        locations=viewer.location_scope,
        first_day=flt.first_day,
        last_day=flt.last_day,
    )
    names = names_for(identities, engine)
    listed = [
        ListedVisit(
            id=v.id,
            key=v.external_key if identities else "",
            questionnaire_id=v.questionnaire_id,
            questionnaire_version=v.questionnaire_version,
            wave=v.wave,
            location_id=v.location_id,
            location_name=v.location_name,
            competitor=v.competitor,
            shopper=names.shown(v.shopper_id),
            shopper_name=v.shopper_name if identities else names.shown(v.shopper_id),
            window_start=v.window_start,
            window_end=v.window_end,
            status=v.status,
            submitted_at=v.submitted_at,
            reviewed_by=v.reviewed_by,
        )
        for v in visits
    ]
    if flt.shopper and not identities:
        listed = [v for v in listed if v.shopper == flt.shopper]
    return listed


def _check(flt: VisitFilter) -> None:
    unknown = [s for s in flt.statuses if s not in VISIT_STATUSES]
    if unknown:
        raise ValueError(
            _("status {value}: choose from {visit_statuses}").format(
                value=", ".join(repr(s) for s in unknown), visit_statuses=", ".join(VISIT_STATUSES)
            )
        )
    if flt.first_day and flt.last_day and flt.last_day < flt.first_day:
        raise ValueError(
            _("the days end on {last_day}, before they start on {first_day}: swap them").format(
                last_day=format(flt.last_day, "%Y-%m-%d"),
                first_day=format(flt.first_day, "%Y-%m-%d"),
            )
        )


def shoppers_in(visits: Sequence[ListedVisit]) -> dict[str, str]:
    """The shoppers of the listed visits as the list shows them: id (or pseudonym) → name."""
    return {v.shopper: v.shopper_name for v in visits}

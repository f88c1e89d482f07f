"""Detractor call-back cases: who may read and work them, and the explicit catch-up.

A survey import makes the cases of its detractors in its own transaction. Reading the
list never writes: responses stored before imports made cases (an old workspace, rows
written by hand) get theirs only when someone who works cases asks for it, by
:func:`create_missing_cases`, and the audit log names that person.

Contact details and the agents' notes are personal data: they are kept for the roles
that work cases and withheld from everyone else who may see the list.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import pandas as pd
from sqlalchemy import Engine

from journeymap.analytics.callbacks import DEFAULT_CALLBACK_HOURS
from journeymap.i18n import N_, _
from journeymap.model.access import Capability, Viewer
from journeymap.services.access import actor, require, require_any
from journeymap.services.theme_analysis import ResponseThemes, response_themes
from journeymap.store import cases as store
from journeymap.store.cases import CaseChanged, CaseUpdate

__all__ = [
    "PERSONAL_FIELDS",
    "WITHHELD",
    "CaseChanged",
    "CaseUpdate",
    "ResponseThemes",
    "create_missing_cases",
    "list_cases",
    "missing_cases",
    "root_cause_choices",
    "update_case",
]

PERSONAL_FIELDS = ("contact", "notes")
WITHHELD = N_("(withheld)")  # shown through _()
READERS = (Capability.WORK_CASES, Capability.VIEW_LOCATION_RESULTS)


def list_cases(
    viewer: Viewer,
    engine: Engine,
    journey_id: str,
    *,
    statuses: Iterable[str] | None = None,
    only_overdue: bool = False,
    now: datetime | None = None,
) -> pd.DataFrame:
    """The journey's cases the viewer may see, soonest due first; writes nothing.

    A location manager sees those of their own locations; contact details and notes
    are withheld from a role that does not work cases.
    """
    require_any(viewer, READERS, N_("see the call-back cases"))
    scope = None if viewer.can(Capability.WORK_CASES) else viewer.location_scope
    cases = store.read_cases(
        engine,
        journey_id,
        statuses=statuses,
        only_overdue=only_overdue,
        now=now,
        locations=scope,
    )
    if not viewer.can(Capability.WORK_CASES):
        for name in PERSONAL_FIELDS:
            given = cases[name].fillna("").astype(str).str.strip() != ""
            cases[name] = given.map({True: _(WITHHELD), False: ""}).astype(object)
    return cases


def missing_cases(viewer: Viewer, engine: Engine, journey_id: str) -> int:
    """How many detractors with contact details have no case yet; creates none."""
    require(viewer, Capability.WORK_CASES, N_("work the call-back cases"))
    return store.count_missing_cases(engine, journey_id)


def create_missing_cases(
    viewer: Viewer,
    engine: Engine,
    journey_id: str,
    *,
    callback_hours: float = DEFAULT_CALLBACK_HOURS,
    now: datetime | None = None,
) -> int:
    """Make the cases of detractors stored without one; the number made, audited."""
    require(viewer, Capability.WORK_CASES, N_("create call-back cases"))
    return store.create_missing_cases(
        engine, journey_id, actor=actor(viewer), callback_hours=callback_hours, now=now
    )


def update_case(
    viewer: Viewer,
    engine: Engine,
    case_id: int,
    change: CaseUpdate,
    *,
    expected_version: int,
    now: datetime | None = None,
) -> int:
    """Move a case on (new → contacted → resolved …) with its owner, notes and root
    cause; the new version. ValueError for a move that is not allowed or no such case,
    CaseChanged when someone saved it after ``expected_version`` was read."""
    require(viewer, Capability.WORK_CASES, N_("work the call-back cases"))
    try:
        return store.update_case(
            engine,
            case_id,
            change,
            expected_version=expected_version,
            actor=actor(viewer),
            now=now,
        )
    except KeyError as error:
        raise ValueError(str(error).strip("'\"")) from None


def root_cause_choices(viewer: Viewer, engine: Engine, journey_id: str) -> ResponseThemes:
    """The themes of the journey's comments to name a case's root cause by, and the
    theme each customer's comment is in (the one to suggest); reads only."""
    require(viewer, Capability.WORK_CASES, N_("work the call-back cases"))
    return response_themes(engine, journey_id)

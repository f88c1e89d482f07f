"""Cached evidence for the Act pages: action effects and the period report.

Keyed on (database, journey revision, evidence fingerprint, the actions' versions):
an import, a save or an action edit is a new key, so nothing shown is stale.
"""

from __future__ import annotations

from datetime import date

import streamlit as st
from sqlalchemy import func, select

from journeymap import settings
from journeymap.analytics.action_effect import Effect
from journeymap.analytics.period_report import ReportData
from journeymap.analytics.periods import parse_period
from journeymap.model.actions import Action
from journeymap.services.actions import action_effects
from journeymap.services.period_report import build_report
from journeymap.store.actions import list_actions
from journeymap.store.data_revision import evidence_revision
from journeymap.store.journeys import JourneyRepository
from journeymap.store.tables import DetractorCaseRow
from journeymap.ui.services import get_engine

ActionsKey = tuple[tuple[int, int], ...]


def _fingerprint(journey_id: str) -> tuple[str, int, str, ActionsKey] | None:
    engine = get_engine()
    stored = JourneyRepository(engine).get(journey_id)
    if stored is None:
        return None
    actions = tuple((a.id, a.version) for a in list_actions(engine, journey_id))
    # Call-back cases change the report's compliance figure without touching the evidence.
    with engine.connect() as connection:
        cases = connection.execute(
            select(func.count(), func.max(DetractorCaseRow.updated_at)).where(
                DetractorCaseRow.journey_id == journey_id
            )
        ).one()
    evidence = f"{evidence_revision(engine, journey_id)}|{cases[0]}|{cases[1]}"
    return settings.database_url(), stored.revision, evidence, actions


def load_effects(journey_id: str) -> dict[int, Effect]:
    key = _fingerprint(journey_id)
    if key is None:
        return {}
    return _effects(*key, journey_id, settings.effect_window_days(), date.today())


@st.cache_data(show_spinner="Comparing before and after…", max_entries=32)
def _effects(
    url: str,
    revision: int,
    evidence: str,
    actions: ActionsKey,
    journey_id: str,
    window_days: int,
    today: date,
) -> dict[int, Effect]:
    engine = get_engine()
    stored = JourneyRepository(engine).get(journey_id)
    if stored is None:
        return {}
    found: list[Action] = list_actions(engine, journey_id)
    return action_effects(engine, stored.journey, found, window_days=window_days, today=today)


def load_report(journey_id: str, period_label: str) -> ReportData | None:
    key = _fingerprint(journey_id)
    if key is None:
        return None
    return _report(*key, journey_id, period_label, date.today())


@st.cache_data(show_spinner="Writing the report…", max_entries=16)
def _report(
    url: str,
    revision: int,
    evidence: str,
    actions: ActionsKey,
    journey_id: str,
    period_label: str,
    today: date,
) -> ReportData | None:
    engine = get_engine()
    stored = JourneyRepository(engine).get(journey_id)
    if stored is None:
        return None
    return build_report(engine, stored.journey, parse_period(period_label))

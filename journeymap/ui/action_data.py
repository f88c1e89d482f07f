"""Cached evidence for the Act pages: action effects and the period report.

Keyed on (database, journey revision, evidence fingerprint, the actions' versions):
an import, a save or an action edit is a new key, so nothing shown is stale.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from journeymap import settings
from journeymap.analytics.action_effect import Effect
from journeymap.analytics.period_report import ReportData
from journeymap.analytics.periods import parse_period
from journeymap.services.actions import (
    ActionsKey,
    act_revision,
    action_effects,
    list_actions,
)
from journeymap.services.period_report import build_report
from journeymap.services.workspace import stored_journey
from journeymap.ui.services import get_engine


def _fingerprint(journey_id: str) -> tuple[str, int, str, ActionsKey] | None:
    revision = act_revision(get_engine(), journey_id)
    if revision is None:
        return None
    return settings.database_url(), revision.journey, revision.evidence, revision.actions


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
    stored = stored_journey(engine, journey_id)
    if stored is None:
        return {}
    found = list_actions(engine, journey_id)
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
    stored = stored_journey(engine, journey_id)
    if stored is None:
        return None
    return build_report(engine, stored.journey, parse_period(period_label))

"""Cached evidence for the Act pages: action effects and the period report, and the
report printed as a PDF.

Keyed on the Act key (database, journey, revision, and the evidence, call-back cases
and actions' versions): an import, a save or an action edit is a new key, so nothing
shown is stale. Today's date is part of the key too: the windows and the half year
move with it.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from journeymap import settings
from journeymap.analytics.action_effect import Effect
from journeymap.analytics.period_report import ReportData
from journeymap.i18n import N_
from journeymap.io.report import html_to_pdf
from journeymap.services import workspace_time
from journeymap.services.actions import action_effects, list_actions
from journeymap.services.period_report import build_report
from journeymap.ui.loaders.keys import (
    DataKey,
    Spinner,
    act_key,
    engine_of,
    in_key_language,
    journey_of,
)


def load_effects(journey_id: str) -> dict[int, Effect]:
    """Action id → its effect before and after it was done; {} when the journey is gone."""
    key = act_key(journey_id)
    if key is None:
        return {}
    return _effects(key, settings.effect_window_days(), workspace_time.today())


@st.cache_data(show_spinner=Spinner(N_("Comparing before and after…")), max_entries=32)
@in_key_language
def _effects(key: DataKey, window_days: int, today: date) -> dict[int, Effect]:
    journey = journey_of(key)
    if journey is None:
        return {}
    engine = engine_of(key)
    found = list_actions(engine, key.journey_id)
    return action_effects(engine, journey, found, window_days=window_days, today=today)


def load_report(journey_id: str, period_label: str) -> ReportData | None:
    """The period report's data; None when the journey is gone."""
    key = act_key(journey_id)
    if key is None:
        return None
    return _report(key, period_label, workspace_time.today())


@st.cache_data(show_spinner=Spinner(N_("Writing the report…")), max_entries=16)
@in_key_language
def _report(key: DataKey, period_label: str, today: date) -> ReportData | None:
    """The key carries the language the report is asked for in (the page makes the key
    inside its language block), so one language's report is never served for another."""
    journey = journey_of(key)
    if journey is None:
        return None
    return build_report(engine_of(key), journey, workspace_time.period(period_label))


@st.cache_data(show_spinner=False, max_entries=8)
def printed_pdf(html: str) -> bytes:
    """The report's HTML printed by Chromium (seconds): keyed on the HTML itself, which
    holds everything the page shows."""
    return html_to_pdf(html)

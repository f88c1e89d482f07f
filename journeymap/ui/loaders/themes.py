"""Cached themes of a journey's comments for the Verbatims page and the call-backs' root
causes.

Keyed on the themes key (database, journey, revision, survey answers' revision, and the
revision of the theme edits and survey languages): an import, an edit or a language set
is a new key. Before a cached view is handed out, the analysis is kept up to date
outside the cache (:func:`journeymap.services.themes.refresh_themes`, which writes only
when new comments arrived): nothing cached writes. The viewer is part of the key of
what depends on who looks.
"""

from __future__ import annotations

import streamlit as st

from journeymap.i18n import N_
from journeymap.model.access import Viewer
from journeymap.services import cases, theme_edits, themes
from journeymap.services.theme_analysis import ResponseThemes
from journeymap.services.themes import ThemeFilter, ThemeView
from journeymap.ui.loaders.keys import DataKey, Spinner, engine_of, in_key_language, themes_key
from journeymap.ui.shell.engine import get_engine


def load_theme_view(viewer: Viewer, journey_id: str, flt: ThemeFilter) -> ThemeView | None:
    """The themes of the comments ``flt`` keeps (None when the journey is gone);
    NotAllowed for a role that may not read comments."""
    themes.refresh_themes(viewer, get_engine(), journey_id)
    key = themes_key(journey_id)
    return None if key is None else _theme_view(key, viewer, flt)


@st.cache_data(show_spinner=Spinner(N_("Reading what customers write…")), max_entries=16)
@in_key_language
def _theme_view(key: DataKey, viewer: Viewer, flt: ThemeFilter) -> ThemeView:
    # The viewer is part of the key: the view is scoped to their locations.
    return themes.theme_view(viewer, engine_of(key), key.journey_id, flt)


def load_root_causes(viewer: Viewer, journey_id: str) -> ResponseThemes:
    """The themes to name a call-back's root cause by; reads only."""
    key = themes_key(journey_id)
    if key is None:
        return ResponseThemes({}, {})
    return _root_causes(key, viewer)


@st.cache_data(show_spinner=False, max_entries=16)
@in_key_language
def _root_causes(key: DataKey, viewer: Viewer) -> ResponseThemes:
    return cases.root_cause_choices(viewer, engine_of(key), key.journey_id)


def load_survey_languages(viewer: Viewer, journey_id: str) -> list[theme_edits.SurveyLanguage]:
    """The journey's surveys with comments and the languages they were read in."""
    key = themes_key(journey_id)
    return [] if key is None else _survey_languages(key, viewer)


@st.cache_data(show_spinner=False, max_entries=16)
@in_key_language
def _survey_languages(key: DataKey, viewer: Viewer) -> list[theme_edits.SurveyLanguage]:
    return theme_edits.survey_languages(viewer, engine_of(key), key.journey_id)

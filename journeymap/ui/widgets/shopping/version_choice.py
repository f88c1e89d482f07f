"""Which questionnaire version a journey view's shopper scores come from.

Two questionnaires score a touchpoint with other questions and other points: a figure
pooling both is the score of nothing. A view shows one version, names it, and offers
the others in a chooser when there are any.
"""

from __future__ import annotations

import streamlit as st

from journeymap.i18n import _
from journeymap.services.shopper_results import TouchpointScores
from journeymap.ui.loaders.shopping import touchpoint_shopper_scores
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import current_viewer
from journeymap.ui.widgets.text import plain


def shopper_scores_of_one_version(journey_id: str) -> TouchpointScores:
    """The touchpoints' shopper scores of the chosen version (by default the one visited
    last), with a chooser when more than one version has scored visits and a caption
    naming the one shown."""
    viewer = current_viewer()
    scores = touchpoint_shopper_scores(viewer, journey_id)
    if len(scores.options) > 1:
        picked = version_chooser(
            scores.options, state.JOURNEY_SHOPPER_VERSION, _("Shopper scores from")
        )
        if picked != scores.picked:
            scores = touchpoint_shopper_scores(viewer, journey_id, picked)
    if scores.about:
        st.caption(
            plain(
                _(
                    "Shopper scores: {about} — one questionnaire version at a time, never two "
                    "pooled in one figure."
                ).format(about=scores.about)
            )
        )
    return scores


def version_chooser(options: dict[str, str], key: str, label: str) -> str:
    """A select box of questionnaire versions ("id@version" → label), newest first; a
    choice kept from another journey that is no option here falls back to the newest."""
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]
    picked = st.selectbox(
        label,
        list(options),
        format_func=options.__getitem__,
        key=key,
        help=_(
            "Two questionnaires ask other questions for other points: their scores are "
            "shown one version at a time."
        ),
    )
    return str(picked)

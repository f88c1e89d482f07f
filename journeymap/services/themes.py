"""What customers write, for the Verbatims page's Themes view and the ``themes`` command.

Themes are found over all of a journey's comments and kept with their keys; a view
(touchpoint, location, segment, period, score group, survey kind) counts the comments it
keeps, and a location manager's views keep their own locations' comments only, with
examples from those alone. Reading needs VIEW_LOCATION_RESULTS, as the comments do.

:func:`refresh_themes` keeps the analysis of the comments as they are now when new
comments arrived since the last one, in the name of whoever looked: the next analysis
keys its themes after it, so the edits (``services.theme_edits``) follow the themes from
one month's comments to the next. Every other read here only reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

import pandas as pd
from sqlalchemy import Engine

from journeymap.analytics.comments.sentiment import (
    Sentiment,
    disagreements,
    label_of,
    sentiment_by_score_group,
)
from journeymap.analytics.comments.theme_figures import (
    OTHER_LABEL,
    ThemeFigures,
    theme_frame,
)
from journeymap.analytics.comments.theme_views import GROUP_SCORES, ThemeFilter
from journeymap.analytics.comments.themes import OTHER, Theme
from journeymap.analytics.verbatims import score_group
from journeymap.i18n import N_, _
from journeymap.io.theme_export import COMMENT_COLUMNS
from journeymap.model.access import Capability, Viewer
from journeymap.services.access import actor, require
from journeymap.services.theme_analysis import edited_result, theme_slice
from journeymap.store import comment_analysis, comment_themes
from journeymap.store.comment_analysis import journey_analysis
from journeymap.store.comment_themes import StoredEdit

__all__ = [
    "EDITORS",
    "ThemeFilter",
    "ThemeView",
    "comment_assignments",
    "may_edit_themes",
    "refresh_themes",
    "themes_revision",
    "theme_view",
]

READING = N_("read the customers' comments")
EDITORS = (Capability.EDIT_JOURNEYS, Capability.WORK_CASES)


def may_edit_themes(viewer: Viewer) -> bool:
    """Those who change the journey or work its call-backs; analysts and location
    managers read the themes only."""
    return any(viewer.can(c) for c in EDITORS)


def themes_revision(engine: Engine, journey_id: str) -> str:
    """Changes with every edit of the journey's themes and every survey language set."""
    return comment_themes.themes_revision(engine, journey_id)


def refresh_themes(viewer: Viewer, engine: Engine, journey_id: str) -> bool:
    """Analyse the journey's comments again and keep it, if they changed since the last
    analysis; True when it did (and the audit log names the viewer)."""
    require(viewer, Capability.VIEW_LOCATION_RESULTS, READING)
    if comment_analysis.is_current(engine, journey_id):
        return False
    return journey_analysis(engine, journey_id, keep_as=actor(viewer)).kept


@dataclass(frozen=True)
class ThemeView:
    """The themes of the comments a filter keeps, as a reader may see them."""

    figures: tuple[ThemeFigures, ...]  # visible themes by size, OTHER last
    themes: tuple[Theme, ...]  # every theme after the edits, hidden ones too
    comments: pd.DataFrame  # COMMENT_COLUMNS, newest first
    sentiment: dict[str, dict[str, int]]  # score group → sentiment class → comments
    disagreements: pd.DataFrame  # id, score, sentiment, kind, theme_label, comment
    unapplied: tuple[str, ...]
    rule: str  # how the number of themes was chosen
    journey_comments: int  # the journey's comments the reader may see, in every view
    kept: bool  # the analysis is the kept one (False: done now, since new comments came)
    computed_by: str
    computed_at: datetime
    log: tuple[StoredEdit, ...] = field(default=())

    @property
    def total(self) -> int:
        return len(self.comments)

    @property
    def table(self) -> pd.DataFrame:
        return theme_frame(self.figures)

    def label(self, key: str) -> str:
        return next((t.label for t in self.themes if t.key == key), OTHER_LABEL)

    def comments_of(self, key: str) -> pd.DataFrame:
        return self.comments[self.comments["theme"] == key]

    def examples(self, figure: ThemeFigures) -> pd.DataFrame:
        by_id = self.comments.set_index("id")
        ids = [int(i) for i in figure.examples if int(i) in by_id.index]
        return by_id.loc[ids].reset_index()


def _checked(viewer: Viewer, flt: ThemeFilter) -> ThemeFilter:
    require(viewer, Capability.VIEW_LOCATION_RESULTS, READING)
    if flt.group and flt.group not in GROUP_SCORES:
        raise ValueError(
            _("unknown score group '{group}': use one of {group_scores}").format(
                group=flt.group, group_scores=", ".join(GROUP_SCORES)
            )
        )
    if flt.survey_kind not in (None, "transactional", "relationship"):
        raise ValueError(
            _("unknown survey kind '{survey_kind}': use transactional or relationship").format(
                survey_kind=flt.survey_kind
            )
        )
    return replace(flt, locations=viewer.location_scope)


def theme_view(viewer: Viewer, engine: Engine, journey_id: str, flt: ThemeFilter) -> ThemeView:
    """The themes of the journey's comments that pass ``flt`` and the viewer's scope."""
    flt = _checked(viewer, flt)
    found = journey_analysis(engine, journey_id)
    edited = edited_result(found)
    here = theme_slice(found, edited, flt)
    labels = {t.key: t.label for t in edited.themes} | {OTHER: OTHER_LABEL}
    comments = here.comments.assign(
        group=score_group(here.comments["score"]),
        sentiment_label=[label_of(s) for s in here.comments["sentiment"]],
        theme_label=[labels.get(k, OTHER_LABEL) for k in here.comments["theme"]],
    )
    sentiments = [
        Sentiment(score=float(s), label=label_of(float(s)), raw=0.0, hits=0)
        for s in comments["sentiment"]
    ]
    scores = comments["score"].astype(int).tolist()
    ids = comments["id"].astype(int).tolist()
    found_disagreements = disagreements(sentiments, scores)
    disagreeing = pd.DataFrame(
        [
            {
                "id": ids[d.position],
                "score": d.score,
                "sentiment": d.sentiment,
                "kind": d.kind,
                "theme_label": comments["theme_label"].iat[d.position],
                "comment": comments["comment"].iat[d.position],
            }
            for d in found_disagreements
        ],
        columns=["id", "score", "sentiment", "kind", "theme_label", "comment"],
    )
    newest_first = comments.sort_values(["responded_at", "id"], ascending=False, kind="stable")
    return ThemeView(
        # A theme none of these comments is in says nothing about them.
        figures=tuple(f for f in here.figures if f.n),
        themes=edited.themes,
        comments=newest_first[COMMENT_COLUMNS].reset_index(drop=True),
        sentiment=sentiment_by_score_group(sentiments, scores),
        disagreements=disagreeing,
        unapplied=edited.unapplied,
        rule=found.analysis.result.n_themes_chosen,
        journey_comments=_in_scope(found.comments, flt),
        kept=found.kept,
        computed_by=found.computed_by,
        computed_at=found.computed_at,
        log=found.log,
    )


def _in_scope(comments: pd.DataFrame, flt: ThemeFilter) -> int:
    """The journey's comments the reader may see (a location manager: their locations')."""
    if flt.locations is None:
        return len(comments)
    return int(comments["location"].isin(sorted(flt.locations)).sum())


def comment_assignments(
    viewer: Viewer, engine: Engine, journey_id: str, flt: ThemeFilter
) -> pd.DataFrame:
    """One row per comment the filter keeps: response_id, theme, sentiment, language."""
    flt = _checked(viewer, flt)
    found = journey_analysis(engine, journey_id)
    here = theme_slice(found, edited_result(found), flt)
    return pd.DataFrame(
        {
            "response_id": here.comments["id"].astype(int),
            "theme": here.comments["theme"].astype(str),
            "sentiment": here.comments["sentiment"].astype(float),
            "language": here.comments["language"].astype(str),
        }
    )

"""A journey's comments analysed: the kept analysis while it is of these comments, else
analysed now (:mod:`journeymap.analytics.comments.analysis`).

An analysis done now is keyed after the kept one's themes and kept in its place when
the caller names who it is done for (``keep_as``); without a name it is only returned,
so reading evidence never writes. The demo keeps the analysis of its comments as it
loads them; the Verbatims page and the ``themes`` command keep theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import Engine

from journeymap.store.comment_themes import (
    StoredEdit,
    StoredRun,
    comments_revision,
    read_analyses,
    read_comments,
    read_edits,
    read_languages,
    read_run,
    save_run,
)

if TYPE_CHECKING:
    from journeymap.analytics.comments.analysis import CommentAnalysis
    from journeymap.analytics.comments.theme_edits import Edit


@dataclass(frozen=True)
class JourneyAnalysis:
    """The journey's comments (oldest first) and their analysis, position by position."""

    comments: pd.DataFrame  # journeymap.store.comment_themes.COMMENT_COLUMNS
    analysis: CommentAnalysis
    log: tuple[StoredEdit, ...]
    edits: tuple[Edit, ...]
    overrides: dict[str, str]
    kept: bool  # True: this is the analysis kept in the database
    computed_by: str
    computed_at: datetime

    @property
    def texts(self) -> list[str]:
        return [str(t) for t in self.comments["comment"]]


def method_of(overrides: dict[str, str]) -> str:
    """The method and survey languages an analysis was made with, as one text."""
    from journeymap.analytics.comments.analysis import METHOD, SEED

    languages = ",".join(f"{s}={lang}" for s, lang in sorted(overrides.items()))
    return f"{METHOD}|{SEED}|{languages}"


def journey_analysis(
    engine: Engine, journey_id: str, *, keep_as: str | None = None, now: datetime | None = None
) -> JourneyAnalysis:
    """The analysis of the journey's comments; see the module for when it is done now."""
    from journeymap.analytics.comments.analysis import edit_from_record

    # The revision before the comments: a response stored in between makes the kept
    # analysis look older than it is, so it is done again, never taken as newer.
    revision = comments_revision(engine, journey_id)
    comments = read_comments(engine, journey_id)
    overrides = read_languages(engine, journey_id)
    method = method_of(overrides)
    log = tuple(read_edits(engine, journey_id))
    edits = tuple(edit_from_record(e.kind, e.body) for e in log)
    run = read_run(engine, journey_id)
    if run is not None and run.comments_revision == revision and run.method == method:
        found = _kept(engine, journey_id, comments, run)
        if found is not None:
            return JourneyAnalysis(
                comments, found, log, edits, overrides, True, run.computed_by, run.computed_at
            )
    analysis = _analyse(comments, overrides, run, edits)
    at = now or datetime.now(UTC)
    kept = False
    # Without comments there are no themes whose keys an edit could refer to.
    if keep_as is not None and len(comments):
        kept = save_run(
            engine,
            journey_id,
            StoredRun(
                comments_revision=revision,
                method=method,
                seed=analysis.result.seed,
                rule=analysis.result.n_themes_chosen,
                themes=_records(analysis),
                comments=len(comments),
                computed_by=keep_as,
                computed_at=at,
            ),
            _rows(analysis),
            actor=keep_as,
        )
    return JourneyAnalysis(comments, analysis, log, edits, overrides, kept, keep_as or "", at)


def _records(analysis: CommentAnalysis) -> list[dict[str, object]]:
    from journeymap.analytics.comments.analysis import theme_record

    return [theme_record(t) for t in analysis.result.themes]


def _rows(analysis: CommentAnalysis) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "response_id": [int(i) for i in analysis.ids],
            "language": list(analysis.languages),
            "sentiment": list(analysis.sentiments),
            "theme": list(analysis.result.assignment),
            "strength": list(analysis.result.strength),
        }
    )


def _kept(
    engine: Engine, journey_id: str, comments: pd.DataFrame, run: StoredRun
) -> CommentAnalysis | None:
    """The kept analysis in the order of ``comments``; None unless it covers them all."""
    from journeymap.analytics.comments.analysis import CommentAnalysis, result_from_records

    rows = read_analyses(engine, journey_id).set_index("response_id")
    ids = comments["id"].astype("int64")
    if len(rows) != len(ids) or not ids.isin(rows.index).all():
        return None
    rows = rows.loc[ids.to_numpy()]
    keys = [str(i) for i in ids]
    texts = [str(t) for t in comments["comment"]]
    result = result_from_records(
        keys,
        rows["theme"].astype(str).tolist(),
        rows["strength"].astype(float).tolist(),
        run.themes,
        texts,
        seed=run.seed,
        rule=run.rule,
    )
    return CommentAnalysis(
        ids=tuple(keys),
        languages=tuple(rows["language"].astype(str)),
        sentiments=tuple(float(s) for s in rows["sentiment"]),
        result=result,
    )


def _analyse(
    comments: pd.DataFrame,
    overrides: dict[str, str],
    run: StoredRun | None,
    edits: tuple[Edit, ...],
) -> CommentAnalysis:
    from journeymap.analytics.comments.analysis import analyse_comments, split_keys
    from journeymap.analytics.comments.themes import Theme

    previous = [
        Theme(
            key=str(r["key"]),
            label=str(r["label"]),
            keywords=tuple(r["keywords"]),
            terms=tuple((str(t), float(w)) for t, w in r["terms"]),
            members=(),
            examples=(),
        )
        for r in (run.themes if run is not None else [])
    ]
    return analyse_comments(
        [str(i) for i in comments["id"]],
        [str(t) for t in comments["comment"]],
        [str(s) for s in comments["source"]],
        overrides=overrides,
        previous=previous,
        reserved=split_keys(edits),
    )


def is_current(engine: Engine, journey_id: str) -> bool:
    """Whether the kept analysis is of the journey's comments and survey languages now
    (three index look-ups: cheap enough for every page rerun)."""
    run = read_run(engine, journey_id)
    if run is None:
        return False
    return run.comments_revision == comments_revision(
        engine, journey_id
    ) and run.method == method_of(read_languages(engine, journey_id))

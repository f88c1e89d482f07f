"""The themes of a journey's comments to CSV and Excel, formula-safe.

Labels, keywords and comments come from customers and from people's edits; every text
cell goes through :mod:`journeymap.io.spreadsheet_safety` (a leading ``'`` in the CSV,
the quote-prefix style in the workbook), so none runs as a formula. Comments travel
without contact details. Times are UTC.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from journeymap.analytics.comments.theme_figures import (
    INTERVAL_COLUMNS,
    ThemeFigures,
    interval_columns,
)
from journeymap.i18n import _
from journeymap.io.export.workbook import frames_workbook
from journeymap.io.spreadsheet_safety import neutralised_csv

THEME_COLUMNS = [
    "theme",
    "label",
    "keywords",
    "n",
    "share",
    "detractors",
    "detractor_share",
    *INTERVAL_COLUMNS,
    "nps",
    "ci_low",
    "ci_high",
    "nps_n",
    "small_sample",
    "trend",
    "examples",
]
COMMENT_COLUMNS = [
    "id",
    "responded_at",
    "score",
    "group",
    "touchpoint_id",
    "location",
    "segment",
    "survey_kind",
    "language",
    "sentiment",
    "sentiment_label",
    "theme",
    "theme_label",
    "comment",
]


def theme_table(figures: Sequence[ThemeFigures], texts: Mapping[str, str]) -> pd.DataFrame:
    """One row per theme: its figures, its trend as ``month: n`` and its examples'
    texts (``texts``: comment id → text), separated by `` | ``."""
    rows = []
    for f in figures:
        rows.append(
            {
                "theme": f.theme,
                "label": f.label,
                "keywords": ", ".join(f.keywords),
                "n": f.n,
                "share": round(f.share, 4),
                "detractors": f.detractors,
                "detractor_share": round(f.detractor_share, 4),
                **interval_columns(f),
                "nps": None if f.nps is None else round(f.nps.nps, 1),
                "ci_low": None if f.nps is None else round(f.nps.ci_low, 1),
                "ci_high": None if f.nps is None else round(f.nps.ci_high, 1),
                "nps_n": 0 if f.nps is None else f.nps.n,
                "small_sample": bool(f.nps is not None and f.nps.small_sample),
                "trend": "; ".join(f"{m.month}: {m.n}" for m in f.trend),
                "examples": " | ".join(
                    " ".join(texts[i].split()) for i in f.examples if i in texts
                ),
            }
        )
    return pd.DataFrame(rows, columns=THEME_COLUMNS)


def _utc_text(frame: pd.DataFrame) -> pd.DataFrame:
    if "responded_at" not in frame or frame.empty:
        return frame
    moments = pd.to_datetime(frame["responded_at"], utc=True)
    return frame.assign(responded_at=moments.dt.strftime("%Y-%m-%d %H:%M UTC"))


def themes_csv(table: pd.DataFrame) -> str:
    """The theme table as CSV text (write it as UTF-8 with a BOM for Excel)."""
    return neutralised_csv(table)


def comments_csv(comments: pd.DataFrame) -> str:
    """The themed comments as CSV text."""
    present = [c for c in COMMENT_COLUMNS if c in comments.columns]
    return neutralised_csv(_utc_text(comments[present]))


def themes_xlsx(table: pd.DataFrame, comments: pd.DataFrame) -> bytes:
    """A workbook with the sheets Themes and Comments."""
    present = [c for c in COMMENT_COLUMNS if c in comments.columns]
    # Translators: the names of a workbook's two sheets, at most 31 characters each.
    return frames_workbook({_("Themes"): table, _("Comments"): comments[present]})

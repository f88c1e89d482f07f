"""Which visits one set of results is about: one questionnaire version, a wave, a round.

Two questionnaires (or two versions of one) ask different questions in different
sections with different points: a location's mean over both is no score of anything,
and a chart of their sections side by side compares unlike with unlike. Results are
therefore always read for one questionnaire version, by default the newest one that
has scored visits, and optionally for one wave (a planned round of visits) or one
round (the quarter a visit's window starts in).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

import pandas as pd

from journeymap.analytics.shopper_results import ScoreTables
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt


@dataclass(frozen=True)
class ResultsChoice:
    questionnaire_id: str
    version: int
    wave: str | None = None  # None: every wave (and visits in none)
    period: str | None = None  # a round such as "2026-Q3"; None: every round

    def describe(self, names: dict[str, str] | None = None) -> str:
        """What the figures are about, for a caption or a report's header."""
        parts = [version_text(names or {}, self.questionnaire_id, self.version)]
        if self.wave:
            parts.append(_("wave {wave}").format(wave=self.wave))
        if self.period:
            parts.append(_("round {period}").format(period=self.period))
        return " · ".join(parts)


@dataclass(frozen=True)
class VersionOption:
    questionnaire_id: str
    version: int
    n_visits: int
    last_day: pd.Timestamp | None


def version_options(visit_scores: pd.DataFrame, visits: pd.DataFrame) -> list[VersionOption]:
    """The questionnaire versions with scored visits, newest first: the version whose
    latest visit is latest, then the higher version (its id breaks a tie)."""
    if visit_scores.empty:
        return []
    days = visits.set_index("id")["window_start"]
    frame = visit_scores[["visit_id", "questionnaire_id", "questionnaire_version"]].assign(
        day=pd.to_datetime(visit_scores["visit_id"].map(days))
    )
    grouped = (
        frame.groupby(["questionnaire_id", "questionnaire_version"], sort=False)
        .agg(n_visits=("visit_id", "nunique"), last_day=("day", "max"))
        .reset_index()
        .sort_values(
            ["last_day", "questionnaire_version", "questionnaire_id"],
            ascending=[False, False, True],
        )
    )
    return [
        VersionOption(
            str(questionnaire_id),
            int(version),
            int(n_visits),
            None if pd.isna(last_day) else pd.Timestamp(last_day),
        )
        for questionnaire_id, version, n_visits, last_day in zip(
            grouped["questionnaire_id"],
            grouped["questionnaire_version"],
            grouped["n_visits"],
            grouped["last_day"],
            strict=True,
        )
    ]


def default_choice(visit_scores: pd.DataFrame, visits: pd.DataFrame) -> ResultsChoice | None:
    """The newest questionnaire version with scored visits, every wave and round; None
    when nothing is scored."""
    options = version_options(visit_scores, visits)
    if not options:
        return None
    return ResultsChoice(options[0].questionnaire_id, options[0].version)


def waves_and_periods(tables: ScoreTables, choice: ResultsChoice) -> tuple[list[str], list[str]]:
    """The waves and rounds that the chosen questionnaire version has scored visits in,
    newest round first (waves by name)."""
    visits = _of_version(tables.visits, choice)
    waves = sorted({str(w) for w in visits["wave"] if isinstance(w, str) and w})
    periods = sorted({str(p) for p in visits["period"]}, reverse=True)
    return waves, periods


def narrow(tables: ScoreTables, choice: ResultsChoice) -> ScoreTables:
    """Only the rows of the chosen version, wave and round, at every level."""
    return ScoreTables(
        **{f.name: _chosen(getattr(tables, f.name), choice) for f in fields(ScoreTables)}
    )


def _of_version(frame: pd.DataFrame, choice: ResultsChoice) -> pd.DataFrame:
    return of_version(frame, choice.questionnaire_id, choice.version)


def of_version(frame: pd.DataFrame, questionnaire_id: str, version: int) -> pd.DataFrame:
    """The rows of one questionnaire version."""
    if frame.empty:
        return frame
    keep = (frame["questionnaire_id"] == questionnaire_id) & (
        frame["questionnaire_version"].astype("int64") == version
    )
    return frame[keep]


def _chosen(frame: pd.DataFrame, choice: ResultsChoice) -> pd.DataFrame:
    frame = _of_version(frame, choice)
    if frame.empty:
        return frame
    if choice.wave is not None:
        frame = frame[frame["wave"] == choice.wave]
    if choice.period is not None:
        frame = frame[frame["period"] == choice.period]
    return frame


def newest_version_per(frame: pd.DataFrame, by: str, when: str) -> pd.DataFrame:
    """Each ``by`` group's rows of one questionnaire version only: the version whose
    latest ``when`` in the group is latest (then the one with more visits, the higher
    version, the id). For figures read per group without a chooser — a touchpoint's
    score in the sand ranking — which must still never blend two questionnaires."""
    if frame.empty:
        return frame
    keys = [by, "questionnaire_id", "questionnaire_version"]
    moments = pd.to_datetime(frame[when], utc=True)
    summary = (
        frame.assign(_when=moments)
        .groupby(keys, sort=False)
        .agg(_last=("_when", "max"), _n=("visit_id", "nunique"))
        .reset_index()
        .sort_values(
            [by, "_last", "_n", "questionnaire_version", "questionnaire_id"],
            ascending=[True, False, False, False, True],
            na_position="last",
        )
        .drop_duplicates(by)
    )
    picked = pd.MultiIndex.from_frame(summary[keys])
    return frame[pd.MultiIndex.from_frame(frame[keys]).isin(picked)]


def version_text(names: dict[str, str], questionnaire_id: str, version: int) -> str:
    """'Branch visit version 2': how a screen names the questionnaire of a figure."""
    return _("{questionnaire} version {version}").format(
        questionnaire=names.get(questionnaire_id, questionnaire_id), version=version
    )


def option_labels(
    options: list[VersionOption], names: Mapping[tuple[str, int], str]
) -> dict[str, str]:
    """ "id@version" → "Branch visit · version 2 · 4 visit(s)" for each option, in order:
    what a chooser of questionnaire versions lists. ``names``: (id, version) → name."""
    return {
        f"{o.questionnaire_id}@{o.version}": _(
            "{questionnaire} · version {version} · {n} visit(s)"
        ).format(
            questionnaire=names.get((o.questionnaire_id, o.version), o.questionnaire_id),
            version=o.version,
            n=fmt.number(o.n_visits),
        )
        for o in options
    }


@dataclass(frozen=True)
class VersionPick:
    """Visit scores narrowed to one questionnaire version, and what else there was."""

    rows: pd.DataFrame
    options: dict[str, str]  # see option_labels
    picked: str  # "id@version" of ``rows``; "" when nothing is scored
    about: str  # "Branch visit version 2"


def pick_version(
    visit_scores: pd.DataFrame,
    visits: pd.DataFrame,
    asked: str,
    names: Mapping[tuple[str, int], str],
) -> VersionPick:
    """The rows of version ``asked`` ("id@version"), or of the newest version when it
    has no scored visits among these."""
    options = option_labels(version_options(visit_scores, visits), names)
    picked = asked if asked in options else next(iter(options), "")
    if not picked:
        return VersionPick(visit_scores.iloc[0:0], {}, "", "")
    questionnaire_id, version = picked.rsplit("@", 1)
    about = version_text(
        {questionnaire_id: names.get((questionnaire_id, int(version)), questionnaire_id)},
        questionnaire_id,
        int(version),
    )
    return VersionPick(
        of_version(visit_scores, questionnaire_id, int(version)), options, picked, about
    )

"""Which visits one set of results is about: one questionnaire version, a wave, a round.

Two questionnaires (or two versions of one) ask different questions in different
sections with different points: a location's mean over both is no score of anything,
and a chart of their sections side by side compares unlike with unlike. Results are
therefore always read for one questionnaire version, by default the newest one that
has scored visits, and optionally for one wave (a planned round of visits) or one
round (the quarter a visit's window starts in).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import pandas as pd

from journeymap.analytics.shopper_results import ScoreTables


@dataclass(frozen=True)
class ResultsChoice:
    questionnaire_id: str
    version: int
    wave: str | None = None  # None: every wave (and visits in none)
    period: str | None = None  # a round such as "2026-Q3"; None: every round

    def describe(self, names: dict[str, str] | None = None) -> str:
        """What the figures are about, for a caption or a report's header."""
        name = (names or {}).get(self.questionnaire_id, self.questionnaire_id)
        parts = [f"{name} version {self.version}"]
        if self.wave:
            parts.append(f"wave {self.wave}")
        if self.period:
            parts.append(f"round {self.period}")
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
    if frame.empty:
        return frame
    keep = (frame["questionnaire_id"] == choice.questionnaire_id) & (
        frame["questionnaire_version"].astype("int64") == choice.version
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

"""Mystery-shopper results as one reader may see them.

A location manager reads their own locations' visits only; whoever does not run the
programme (see :mod:`journeymap.services.privacy`) gets shoppers as pseudonyms, visits
without their planning keys (which carry the shopper's id and the day) and
personal-data answers withheld. What is read depends only on the reader's
:class:`ResultsScope`, so a cache keyed on it is safe to share between readers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
from sqlalchemy import Engine

from journeymap.analytics.results_choice import (
    ResultsChoice,
    narrow,
    option_labels,
    version_options,
    waves_and_periods,
)
from journeymap.analytics.shopper_results import (
    SCORE_METHODS,
    ScoreMethod,
    ScoreTables,
    Versions,
    aggregate,
    score_visits,
    touchpoint_scores,
)
from journeymap.analytics.visit_report import answers_export
from journeymap.i18n import N_, _
from journeymap.model.access import Capability, Viewer
from journeymap.model.visit_status import counted_statuses
from journeymap.services.access import require
from journeymap.services.privacy import (
    ShopperNames,
    names_for,
    sees_identities,
    withhold_personal_answers,
)
from journeymap.store.data_revision import evidence_revision
from journeymap.store.programme import read_answers, read_visits
from journeymap.store.visits import all_versions

# --by of `shopper-scores`: the level of the score tables and the fields of a group.
SCORE_GROUPS: dict[str, tuple[str, list[str]]] = {
    "location": ("visits", ["location_id", "location_name", "region", "competitor"]),
    "region": ("visits", ["region", "competitor"]),
    "shopper": ("visits", ["shopper_id"]),
    "period": ("visits", ["period", "competitor"]),
    "touchpoint": ("touchpoints", ["touchpoint"]),
    "section": ("sections", ["section_id", "section_title", "touchpoint"]),
    "dimension": ("dimensions", ["dimension", "competitor"]),
}
# A shopper shown under a pseudonym is no id: the column says so.
PSEUDONYM_COLUMN = "shopper"


@dataclass(frozen=True)
class ResultsScope:
    """All that shopper results depend on about their reader (and a cache key)."""

    role: str
    identities: bool
    locations: tuple[str, ...] | None  # None: every location


@dataclass(frozen=True)
class ShopperResults:
    """A journey's visits, answers and scores as the reader may see them.

    Without ``identities``: ``shopper_id`` holds pseudonyms everywhere, ``visits`` and
    ``answers`` have no ``external_key``, and personal-data answers are withheld.
    """

    versions: Versions
    visits: pd.DataFrame
    answers: pd.DataFrame
    tables: ScoreTables
    identities: bool


def results_scope(viewer: Viewer) -> ResultsScope:
    """The reader's scope; refused (NotAllowed) for whoever may see no results."""
    require(viewer, Capability.VIEW_LOCATION_RESULTS, N_("see shopper results"))
    locations = viewer.location_scope
    return ResultsScope(
        role=viewer.role.value,
        identities=sees_identities(viewer),
        locations=None if locations is None else tuple(sorted(locations)),
    )


def results_revision(engine: Engine, journey_id: str) -> str:
    """Changes whenever a visit, an answer or a review of the journey changes."""
    return evidence_revision(engine, journey_id)


def shopper_results(
    viewer: Viewer, engine: Engine, journey_id: str, approved_only: bool
) -> ShopperResults:
    """The results of the counted visits (approved, or submitted too) for this reader."""
    return scoped_results(results_scope(viewer), engine, journey_id, approved_only)


def scoped_results(
    scope: ResultsScope, engine: Engine, journey_id: str, approved_only: bool
) -> ShopperResults:
    """:func:`shopper_results` for a scope :func:`results_scope` gave (a cache's key)."""
    locations = None if scope.locations is None else frozenset(scope.locations)
    versions = all_versions(engine, journey_id)
    visits = read_visits(engine, journey_id, locations)
    answers = read_answers(engine, journey_id, locations)
    # Scored before anything is withheld: a condition may look at any answer.
    tables = score_visits(versions, visits, answers, counted_statuses(approved_only))
    if scope.identities:
        return ShopperResults(versions, visits, answers, tables, True)
    names = names_for(False, engine)
    return ShopperResults(
        versions=versions,
        visits=_private_visits(names, visits),
        answers=withhold_personal_answers(versions, answers).drop(columns="external_key"),
        tables=ScoreTables(**{level: _named(names, getattr(tables, level)) for level in _LEVELS}),
        identities=False,
    )


_LEVELS = ("visits", "sections", "touchpoints", "dimensions", "questions")


def _named(names: ShopperNames, frame: pd.DataFrame) -> pd.DataFrame:
    if "shopper_id" not in frame.columns or frame.empty:
        return frame
    return frame.assign(shopper_id=names.column(frame["shopper_id"]))


def _private_visits(names: ShopperNames, visits: pd.DataFrame) -> pd.DataFrame:
    return _named(names, visits.drop(columns="external_key"))


@dataclass(frozen=True)
class TouchpointScores:
    """Own locations' score per touchpoint of one questionnaire version."""

    table: pd.DataFrame  # touchpoint, n_visits, score_pct, ci_low, ci_high
    about: str  # "Branch visit version 2"; "" when no visit is scored
    # Every version with scored visits, newest first: "id@version" → its label.
    options: dict[str, str]
    picked: str  # the key in ``options`` the table is of; "" when there is none


def scoped_touchpoint_scores(
    scope: ResultsScope,
    engine: Engine,
    journey_id: str,
    approved_only: bool,
    method: str,
    asked: str = "",
) -> TouchpointScores:
    """Own locations' score per touchpoint in the scope, of the questionnaire version
    ``asked`` ("id@version"; by default, or when it has no scored visits, the one
    visited last): what the journey views show. Two questionnaires are never pooled."""
    results = scoped_results(scope, engine, journey_id, approved_only)
    options = version_labels(results)
    picked = asked if asked in options else next(iter(options), "")
    if not picked:
        empty = touchpoint_scores(results.tables, _method(method))
        return TouchpointScores(empty.iloc[0:0], "", {}, "")
    questionnaire_id, version = picked.rsplit("@", 1)
    choice = ResultsChoice(questionnaire_id, int(version))
    narrowed = chosen(results, choice)
    return TouchpointScores(
        touchpoint_scores(narrowed.tables, _method(method)),
        choice.describe(questionnaire_names(results, choice)),
        options,
        picked,
    )


def version_labels(results: ShopperResults) -> dict[str, str]:
    """Each questionnaire version with scored visits, newest first: "id@version" →
    "Branch visit · version 2 · 4 visit(s)", for a chooser."""
    return option_labels(
        version_options(results.tables.visits, results.visits), version_names(results)
    )


def version_names(results: ShopperResults) -> dict[tuple[str, int], str]:
    """(questionnaire id, version) → that version's name."""
    return {key: q.name for key, q in results.versions.items()}


@dataclass(frozen=True)
class ChoiceAsked:
    """What a reader asked the results to be about; None: the default."""

    questionnaire_id: str | None = None
    version: int | None = None
    wave: str | None = None
    period: str | None = None


def resolve_choice(
    results: ShopperResults, asked: ChoiceAsked | None = None
) -> ResultsChoice | None:
    """The questionnaire version, wave and round the results are read for; None when
    no visit is scored. By default the questionnaire visited most recently, at its
    newest version with scored visits, over every wave and round. ValueError (naming
    what there is) for a questionnaire, version, wave or round without scored visits."""
    asked = asked or ChoiceAsked()
    options = version_options(results.tables.visits, results.visits)
    if not options:
        return None
    questionnaire_id = asked.questionnaire_id or options[0].questionnaire_id
    versions = sorted(
        (o.version for o in options if o.questionnaire_id == questionnaire_id), reverse=True
    )
    if not versions:
        known = sorted({o.questionnaire_id for o in options})
        raise ValueError(
            _(
                "questionnaire '{questionnaire_id}' has no scored visits here: choose one of "
                "{known}"
            ).format(questionnaire_id=questionnaire_id, known=", ".join(known))
        )
    version = versions[0] if asked.version is None else asked.version
    if version not in versions:
        raise ValueError(
            _(
                "questionnaire '{questionnaire_id}' has no scored visits of version "
                "{version}: choose version {map}"
            ).format(
                questionnaire_id=questionnaire_id,
                version=version,
                map=" or ".join(map(str, versions)),
            )
        )
    choice = ResultsChoice(questionnaire_id, version)
    waves, periods = waves_and_periods(results.tables, choice)
    for given, known, what in (
        (asked.wave, waves, N_("wave")),
        (asked.period, periods, N_("round")),
    ):
        if given is not None and given not in known:
            text = (
                _("{choice} has no scored visits in {what} '{given}': choose one of {known}")
                if known
                else _("{choice} has no scored visits in {what} '{given}'")
            )
            raise ValueError(
                text.format(
                    choice=choice.describe(), what=_(what), given=given, known=", ".join(known)
                )
            )
    return replace(choice, wave=asked.wave, period=asked.period)


def chosen(results: ShopperResults, choice: ResultsChoice | None) -> ShopperResults:
    """The results narrowed to one questionnaire version (and wave, round): what every
    figure, table and export of them shows. ``visits`` stays whole: it lists visits,
    it scores nothing."""
    if choice is None:
        return results
    return replace(results, tables=narrow(results.tables, choice))


@dataclass(frozen=True)
class GroupScores:
    table: pd.DataFrame
    choice: ResultsChoice | None  # None: no scored visits
    names: dict[str, str]  # questionnaire id → name, for ResultsChoice.describe

    def about(self) -> str:
        return "" if self.choice is None else self.choice.describe(self.names)


def scored_groups(
    viewer: Viewer,
    engine: Engine,
    journey_id: str,
    by: str,
    method: str,
    approved_only: bool,
    asked: ChoiceAsked | None = None,
) -> GroupScores:
    """Scores per group (see SCORE_GROUPS) with n and the 95 % interval, as
    ``analytics.shopper_results.aggregate`` gives them, of one questionnaire version
    (see :func:`resolve_choice`). By touchpoint, competitor visits are left out: the
    journey is ours. By shopper, a reader who may not see who shopped gets a
    ``shopper`` column of pseudonyms instead of ``shopper_id``."""
    if by not in SCORE_GROUPS:
        raise ValueError(
            _("scores by {by}: choose one of {score_groups}").format(
                by=repr(by), score_groups=", ".join(SCORE_GROUPS)
            )
        )
    results = shopper_results(viewer, engine, journey_id, approved_only)
    choice = resolve_choice(results, asked)
    results = chosen(results, choice)
    level, keys = SCORE_GROUPS[by]
    frame = getattr(results.tables, level)
    if by == "touchpoint" and not frame.empty:
        frame = frame[~frame["competitor"].astype(bool)]
    table = aggregate(frame, keys, _method(method))
    if not results.identities:
        table = table.rename(columns={"shopper_id": PSEUDONYM_COLUMN})
    return GroupScores(table, choice, questionnaire_names(results, choice))


def questionnaire_names(
    results: ShopperResults, choice: ResultsChoice | None = None
) -> dict[str, str]:
    """Questionnaire id → its name: the chosen version's, else the newest version's."""
    names = {qid: q.name for (qid, _), q in sorted(results.versions.items())}
    if (
        choice is not None
        and (key := (choice.questionnaire_id, choice.version)) in results.versions
    ):
        names[choice.questionnaire_id] = results.versions[key].name
    return names


def group_scores(
    viewer: Viewer,
    engine: Engine,
    journey_id: str,
    by: str,
    method: str,
    approved_only: bool,
    asked: ChoiceAsked | None = None,
) -> pd.DataFrame:
    """The table of :func:`scored_groups`."""
    return scored_groups(viewer, engine, journey_id, by, method, approved_only, asked).table


def _method(method: str) -> ScoreMethod:
    if method not in SCORE_METHODS:
        raise ValueError(
            _("score method {method}: choose one of {score_methods}").format(
                method=repr(method), score_methods=", ".join(SCORE_METHODS)
            )
        )
    return method  # type: ignore[return-value]


def answers_table(
    viewer: Viewer, results: ShopperResults, include_personal: bool = False
) -> pd.DataFrame:
    """Every answer of the counted visits, one row each: the CSV a reader downloads.

    Visits are named by their planning key for those who see identities, else by their
    number; the ``shopper`` column holds the id or the pseudonym. Personal-data answers
    are withheld unless asked for, and only those who run the programme may ask.
    """
    identities = sees_identities(viewer)
    if include_personal or (results.identities and not identities):
        require(viewer, Capability.RUN_PROGRAMME, N_("export answers marked as personal data"))
    counted = results.visits[results.visits["id"].isin(results.tables.visits["visit_id"])]
    return answers_export(
        results.versions, counted, results.answers, include_personal=include_personal
    )


def visits_sheet(results: ShopperResults) -> pd.DataFrame:
    """The visits of a workbook's Visits sheet: pseudonyms in a ``shopper`` column."""
    if results.identities:
        return results.visits
    return results.visits.rename(columns={"shopper_id": PSEUDONYM_COLUMN})

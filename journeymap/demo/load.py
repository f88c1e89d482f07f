"""Load the demo workspace: example journeys plus their synthetic evidence.

Every row has a fixed key (dedup key, external key, metric day), so loading twice
inserts nothing the second time. Journeys already stored are left alone: someone may
have edited them in the app, and evidence refers to touchpoints by id anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from journeymap.demo.actions import seed_demo_actions
from journeymap.demo.cases import work_demo_cases
from journeymap.demo.generate import generate_metric_points, generate_responses
from journeymap.demo.places import setting_for
from journeymap.demo.shopping import generate_visits
from journeymap.demo.story import story_for
from journeymap.demo.templates import localised, template_journeys, written_journeys
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.io.questionnaire_files import read_questionnaire_file
from journeymap.model import Journey
from journeymap.model.questionnaire import Questionnaire
from journeymap.store.comment_analysis import is_current, journey_analysis
from journeymap.store.evidence import insert_metric_points, insert_responses
from journeymap.store.journeys import JourneyRepository
from journeymap.store.programme import (
    insert_answers,
    insert_locations,
    insert_shoppers,
    insert_visits,
    save_questionnaire,
)

QUESTIONNAIRES_DIR = Path(__file__).parent / "questionnaires"
DEFAULT_SEED = 2026
QUESTIONNAIRE_AGE_DAYS = 400  # dated before the oldest visit wave
# What the demo inserted, as the command's summary names it.
REPORT_LABELS = {
    "journeys": N_("{count} journeys"),
    "responses": N_("{count} responses"),
    "metric_points": N_("{count} metric points"),
    "locations": N_("{count} locations"),
    "shoppers": N_("{count} shoppers"),
    "questionnaires": N_("{count} questionnaires"),
    "visits": N_("{count} visits"),
    "answers": N_("{count} answers"),
    "cases": N_("{count} cases"),
    "actions": N_("{count} actions"),
    "comments_themed": N_("{count} comments themed"),
}


@dataclass
class DemoReport:
    """How many rows of each kind the demo inserted (all zero on a second run)."""

    journeys: int = 0
    responses: int = 0
    metric_points: int = 0
    locations: int = 0
    shoppers: int = 0
    questionnaires: int = 0
    visits: int = 0
    answers: int = 0
    cases: int = 0  # detractor call-back cases created and worked
    actions: int = 0  # improvement actions: done, in progress and ideas
    comments_themed: int = 0  # comments whose language, sentiment and theme were kept

    def total(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self))

    def __str__(self) -> str:
        counts = ", ".join(
            _(REPORT_LABELS[f.name]).format(count=fmt.number(getattr(self, f.name)))
            for f in fields(self)
        )
        return _("demo workspace: inserted {counts}").format(counts=counts)


@dataclass(frozen=True)
class DemoData:
    """Everything the demo writes, generated but not stored: for tests and previews."""

    journeys: list[Journey]
    questionnaires: list[Questionnaire]
    locations: pd.DataFrame
    shoppers: pd.DataFrame
    responses: pd.DataFrame
    metric_points: pd.DataFrame
    visits: pd.DataFrame
    answers: pd.DataFrame


def read_demo_journeys(journeys_dir: Path, language: str | None = None) -> list[Journey]:
    """The journeys in the folder's .yaml/.yml/.json files, by file name, in ``language``
    (default: the workspace's) where they have a translation."""
    return list(template_journeys(journeys_dir, language).values())


def generate_demo(
    journeys: list[Journey], seed: int = DEFAULT_SEED, today: date | None = None
) -> DemoData:
    """The demo's rows for these journeys; pure given ``seed`` and ``today``."""
    today = today or date.today()
    questionnaires, places, shoppers = [], {}, {}
    responses, points, visits, answers = [], [], [], []
    for journey in journeys:
        story, setting = story_for(journey), setting_for(journey.id)
        places |= {p.id: p for p in setting.places}
        shoppers |= dict(setting.shoppers)
        responses.append(generate_responses(journey, story, setting, seed, today))
        points.append(generate_metric_points(journey, story, setting, seed, today))
        path = QUESTIONNAIRES_DIR / f"{journey.id}.yaml"
        if path.exists():
            questionnaire = read_questionnaire_file(path, journey)
            questionnaires.append(questionnaire)
            journey_visits, journey_answers = generate_visits(
                journey, questionnaire, story, setting, seed, today
            )
            visits.append(journey_visits)
            answers.append(journey_answers)
    return DemoData(
        journeys=journeys,
        questionnaires=questionnaires,
        locations=pd.DataFrame(
            [
                {"id": p.id, "name": p.name, "region": p.region, "competitor": p.competitor}
                for p in places.values()
            ]
        ),
        shoppers=pd.DataFrame([{"id": k, "name": v} for k, v in shoppers.items()]),
        responses=_concat(responses),
        metric_points=_concat(points),
        visits=_concat(visits),
        answers=_concat(answers),
    )


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def load_demo(
    engine: Engine,
    journeys_dir: Path,
    *,
    actor: str,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    language: str | None = None,
) -> DemoReport:
    """Store the example journeys in ``journeys_dir`` and their synthetic evidence.

    ``today`` is the last day of the two years of evidence (default: the real today);
    given it, the data is fully determined by ``seed``. ``actor`` is the person who
    loads it: the audit log and the journeys' and actions' authors name them. Call it
    through :func:`journeymap.services.workspace.load_demo_workspace`, which checks
    that they may. The journeys are in ``language`` (default: the workspace's, as
    JOURNEYMAP_LANGUAGE or ``use_language`` gives it).
    """
    today = today or date.today()
    # The evidence comes from the journeys as written: customers' comments quote their
    # pain points in the customers' own language, whatever the workspace's is.
    written = list(written_journeys(journeys_dir).values())
    data = generate_demo(written, seed, today)
    journeys = [localised(journey, journeys_dir, language) for journey in written]
    report = DemoReport()
    repository = JourneyRepository(engine)
    for journey in journeys:
        if repository.get(journey.id) is None:
            repository.save(journey, author=actor, base_revision=None, note="demo workspace")
            report.journeys += 1
    report.locations = insert_locations(engine, data.locations, actor=actor)
    report.shoppers = insert_shoppers(engine, data.shoppers, actor=actor)
    created_on = today - timedelta(days=QUESTIONNAIRE_AGE_DAYS)
    created_at = datetime.combine(created_on, time(8), tzinfo=UTC)
    for questionnaire in data.questionnaires:
        report.questionnaires += save_questionnaire(engine, questionnaire, created_at, actor=actor)
    report.responses = insert_responses(
        engine, data.responses, actor=actor, kind="demo", source="demo"
    )
    report.metric_points = insert_metric_points(engine, data.metric_points, actor=actor)
    report.visits = insert_visits(engine, data.visits, actor=actor)
    report.answers = insert_answers(engine, data.answers, actor=actor)
    for journey in journeys:
        report.cases += work_demo_cases(engine, journey, today, seed, actor=actor)
        # After the cases: an idea is made from their root causes.
        report.actions += seed_demo_actions(
            engine,
            journey,
            story_for(journey),
            _rows_of(data.responses, journey.id),
            today,
            actor=actor,
        )
        # The comments' themes are kept too, so the first look at them is quick.
        if not is_current(engine, journey.id):
            themed = journey_analysis(engine, journey.id, keep_as=actor)
            report.comments_themed += len(themed.comments) if themed.kept else 0
    return report


def _rows_of(frame: pd.DataFrame, journey_id: str) -> pd.DataFrame:
    return frame[frame["journey_id"] == journey_id] if not frame.empty else frame

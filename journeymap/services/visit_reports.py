"""One visit's report as its reader may see it: score, answers, comments, photos.

Opened from the results (whoever reads results, within their locations) or from the
review (reviewers). Whoever does not run the programme sees the shopper as a pseudonym,
personal-data answers and their comments withheld, and photos captioned by number
rather than by the file name the shopper's device gave them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from journeymap import settings
from journeymap.analytics.scoring import Answer, VisitScore, score_visit
from journeymap.analytics.visit_report import WITHHELD
from journeymap.analytics.visit_report import visit_report as report_table
from journeymap.i18n import N_, _
from journeymap.model.access import Capability, Viewer
from journeymap.model.questionnaire import Questionnaire
from journeymap.services.access import require_any
from journeymap.services.privacy import names_for, sees_identities
from journeymap.store.answers import read_visit_answers
from journeymap.store.photos import photos_folder, visit_photos
from journeymap.store.visits import find_visit, questionnaire_version


@dataclass(frozen=True)
class ShownPhoto:
    path: Path
    caption: str


@dataclass(frozen=True)
class VisitReport:
    visit_id: int
    location_name: str
    shopper: str  # the shopper's name, or a pseudonym
    status: str
    questionnaire: Questionnaire
    answers: dict[str, Answer]  # personal data withheld unless ``identities``
    score: VisitScore  # of the answers as given
    table: pd.DataFrame  # analytics.visit_report.REPORT_COLUMNS
    photos: tuple[ShownPhoto, ...]
    identities: bool

    @property
    def section_titles(self) -> dict[str, str]:
        return {s.id: s.title for s in self.questionnaire.sections}


def visit_report(
    viewer: Viewer, engine: Engine, visit_id: int, journey_id: str | None = None
) -> VisitReport:
    """The report of a visit of ``journey_id`` (any journey: None) in the viewer's
    locations; LookupError when there is no such visit for them."""
    require_any(
        viewer,
        (Capability.VIEW_LOCATION_RESULTS, Capability.REVIEW_VISITS),
        N_("see visit reports"),
    )
    visit = find_visit(engine, visit_id, journey_id=journey_id, locations=viewer.location_scope)
    if visit is None:
        raise LookupError(
            _(
                "there is no visit {visit_id} among the visits you may see: choose one from "
                "the list"
            ).format(visit_id=visit_id)
        )
    questionnaire = questionnaire_version(
        engine, visit.questionnaire_id, visit.questionnaire_version
    )
    answers = {qid: a.as_answer() for qid, a in read_visit_answers(engine, visit.id).items()}
    score = score_visit(questionnaire, answers)
    identities = sees_identities(viewer)
    table = report_table(questionnaire, answers, score, include_personal=identities)
    folder = photos_folder(settings.data_dir())
    photos = tuple(
        ShownPhoto(folder / p.file_name, p.original_name if identities else f"Photo {n}")
        for n, p in enumerate(visit_photos(engine, visit.id), start=1)
    )
    return VisitReport(
        visit_id=visit.id,
        location_name=visit.location_name,
        shopper=visit.shopper_name
        if identities
        else names_for(False, engine).shown(visit.shopper_id),
        status=visit.status,
        questionnaire=questionnaire,
        answers=answers if identities else _withheld(questionnaire, answers),
        score=score,
        table=table,
        photos=photos,
        identities=identities,
    )


def _withheld(questionnaire: Questionnaire, answers: dict[str, Answer]) -> dict[str, Answer]:
    personal = {q.id for q in questionnaire.questions() if q.personal_data}
    return {
        qid: Answer(
            _(WITHHELD) if a.value not in (None, "") else a.value,
            a.not_applicable,
            _(WITHHELD) if a.comment else "",
        )
        if qid in personal
        else a
        for qid, a in answers.items()
    }

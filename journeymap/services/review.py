"""Reviewing submitted visits: approve, count, or return with notes, as the reviewer.

Every decision is signed by the signed-in reviewer (the viewer), in the audit log and
on each note the shopper reads: there is no name to type and none to default to.
"""

from __future__ import annotations

from sqlalchemy import Engine

from journeymap.i18n import N_, _
from journeymap.model.access import Capability, Viewer
from journeymap.model.questionnaire import Questionnaire
from journeymap.services.access import actor, require
from journeymap.store import visit_workflow
from journeymap.store import visits as visit_store
from journeymap.store.visits import VisitInfo

__all__ = [
    "REVIEWABLE",
    "VisitInfo",
    "approve",
    "mark_counted",
    "return_for_correction",
    "visits_to_review",
]

REVIEWABLE = ("submitted", "approved")
REVIEWING = N_("review visits")


def visits_to_review(viewer: Viewer, engine: Engine, journey_id: str | None) -> list[VisitInfo]:
    """Submitted visits waiting for a decision, and approved ones that can still change."""
    require(viewer, Capability.REVIEW_VISITS, REVIEWING)
    return visit_store.list_visits(engine, statuses=REVIEWABLE, journey_id=journey_id)


def approve(viewer: Viewer, engine: Engine, visit_id: int) -> None:
    require(viewer, Capability.REVIEW_VISITS, REVIEWING)
    visit_workflow.change_status(engine, visit_id, "approved", actor=actor(viewer))


def mark_counted(viewer: Viewer, engine: Engine, visit_id: int) -> None:
    require(viewer, Capability.REVIEW_VISITS, REVIEWING)
    visit_workflow.change_status(engine, visit_id, "counted", actor=actor(viewer))


def return_for_correction(
    viewer: Viewer, engine: Engine, visit_id: int, notes: dict[str, str]
) -> int:
    """Send the visit back with a note on each question to correct; the number of notes.

    Blank notes are left out; at least one must remain, and each must be on a question
    of the visit's questionnaire, so that the shopper's form can show it.
    """
    require(viewer, Capability.REVIEW_VISITS, REVIEWING)
    kept = {qid: note.strip() for qid, note in notes.items() if note and note.strip()}
    if not kept:
        raise ValueError(_("say which question to correct: add a note to at least one"))
    visit = visit_store.get_visit(engine, visit_id)
    if visit is None:
        raise visit_store.VisitNotFound(_("there is no visit {visit_id}").format(visit_id=visit_id))
    questionnaire = visit_store.questionnaire_version(
        engine, visit.questionnaire_id, visit.questionnaire_version
    )
    _check_questions(questionnaire, kept)
    visit_workflow.return_visit(engine, visit_id, kept, actor=actor(viewer))
    return len(kept)


def _check_questions(questionnaire: Questionnaire, notes: dict[str, str]) -> None:
    known = {q.id for q in questionnaire.questions()}
    unknown = sorted(set(notes) - known)
    if unknown:
        raise ValueError(
            _(
                "{name} has no question {value}: write each note on one of the visit's questions"
            ).format(name=questionnaire.name, value=", ".join(repr(q) for q in unknown))
        )

"""The visit form's door: what a shopper may open, and every change they make to it.

A shopper (signed in, or through a visit link) reaches only the visits assigned to
them, a link only its one visit; an admin helping on the phone reaches any. Each change
is checked here first (FILL_VISITS and the visit's owner), then made by the store in
one transaction with the viewer as the audit entry's actor. The rules on the answers
themselves (a value the question takes, every required answer at submit) hold inside
those transactions, so no other door can get round them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from journeymap import settings
from journeymap.i18n import N_, _
from journeymap.io.photos import PhotoRejected, clean_photo
from journeymap.model.access import Capability, Viewer
from journeymap.model.questionnaire import Questionnaire
from journeymap.services.access import NotAllowed, actor, require
from journeymap.store import answers as answer_store
from journeymap.store import photos as photo_store
from journeymap.store import visit_workflow
from journeymap.store import visits as visit_store
from journeymap.store.answers import KEEP, AnswerRefused, PersonalDataRefused, StoredAnswer
from journeymap.store.photos import PhotoInfo
from journeymap.store.visit_workflow import AnswersMissing
from journeymap.store.visits import VisitInfo, VisitLocked

__all__ = [
    "KEEP",
    "AnswerRefused",
    "AnswersMissing",
    "PersonalDataRefused",
    "PhotoInfo",
    "PhotoRejected",
    "StoredAnswer",
    "VisitForm",
    "VisitInfo",
    "VisitLocked",
    "add_photo",
    "my_visits",
    "open_visit",
    "photo_path",
    "remove_photo",
    "save_answer",
    "shoppers_to_pick",
    "start_timer",
    "stop_timer",
    "submit_visit",
    "visit_form",
]

FILLING = N_("fill in visit forms")


@dataclass(frozen=True)
class VisitForm:
    """Everything the form shows of one visit, read fresh from the database."""

    visit: VisitInfo
    questionnaire: Questionnaire
    answers: dict[str, StoredAnswer]
    notes: dict[str, str]  # open reviewer notes by question id
    photos: dict[str, list[PhotoInfo]]  # by question id


def open_visit(viewer: Viewer, engine: Engine, visit_id: int) -> VisitInfo | None:
    """The visit if the viewer may fill it in; None for another shopper's or a link's
    other visit, so that an address tried by hand learns nothing."""
    try:
        return _own_visit(viewer, engine, visit_id)
    except (NotAllowed, LookupError):
        return None


def visit_form(viewer: Viewer, engine: Engine, visit_id: int) -> VisitForm:
    visit = _own_visit(viewer, engine, visit_id)
    photos: dict[str, list[PhotoInfo]] = {}
    for photo in photo_store.visit_photos(engine, visit_id):
        photos.setdefault(photo.question_id, []).append(photo)
    return VisitForm(
        visit=visit,
        questionnaire=visit_store.questionnaire_version(
            engine, visit.questionnaire_id, visit.questionnaire_version
        ),
        answers=answer_store.read_visit_answers(engine, visit_id),
        notes={
            n.question_id: n.note
            for n in visit_workflow.review_notes(engine, visit_id, open_only=True)
        },
        photos=photos,
    )


def my_visits(
    viewer: Viewer, engine: Engine, shopper_id: str, statuses: Sequence[str]
) -> list[VisitInfo]:
    """The open visits of a shopper: a shopper's own whatever ``shopper_id`` says."""
    require(viewer, Capability.FILL_VISITS, FILLING)
    scope = viewer.shopper_scope
    visits = visit_store.list_visits(
        engine, shopper_id=shopper_id if scope is None else scope, statuses=tuple(statuses)
    )
    if viewer.only_visit is not None:
        visits = [v for v in visits if v.id == viewer.only_visit]
    return visits


def shoppers_to_pick(viewer: Viewer, engine: Engine) -> dict[str, str]:
    """Shopper id → name for the visit list: all of them for an admin, else one's own."""
    require(viewer, Capability.FILL_VISITS, FILLING)
    shoppers = visit_store.list_shoppers(engine)
    scope = viewer.shopper_scope
    if scope is None:
        return shoppers
    return {scope: shoppers.get(scope, viewer.name)}


def save_answer(
    viewer: Viewer,
    engine: Engine,
    visit_id: int,
    question_id: str,
    *,
    value: Any = KEEP,
    not_applicable: Any = KEEP,
    comment: Any = KEEP,
) -> datetime:
    """Save one answer the moment it is given; AnswerRefused for a value the question
    does not take (off the scale, outside every band), with the reason."""
    _own_visit(viewer, engine, visit_id)
    return answer_store.save_answer(
        engine,
        visit_id,
        question_id,
        actor=actor(viewer),
        value=value,
        not_applicable=not_applicable,
        comment=comment,
    )


def start_timer(
    viewer: Viewer, engine: Engine, visit_id: int, question_id: str, *, restart: bool = False
) -> None:
    """Start the timer; a stopped one starts again (wiping its time) only with
    ``restart``, which the form sends once the person has confirmed it."""
    _own_visit(viewer, engine, visit_id)
    answer_store.start_timer(engine, visit_id, question_id, actor=actor(viewer), restart=restart)


def stop_timer(viewer: Viewer, engine: Engine, visit_id: int, question_id: str) -> int:
    """The seconds on the server's clock; AnswerRefused when they fall in no band."""
    _own_visit(viewer, engine, visit_id)
    return answer_store.stop_timer(engine, visit_id, question_id, actor=actor(viewer))


def add_photo(
    viewer: Viewer, engine: Engine, visit_id: int, question_id: str, data: bytes, name: str
) -> int:
    """Store a photo with its pixels only (PhotoRejected for a file that is none)."""
    _own_visit(viewer, engine, visit_id)
    photo = clean_photo(data, name)
    return photo_store.add_photo(
        engine,
        _folder(),
        visit_id,
        question_id,
        data=photo.data,
        extension=photo.extension,
        content_type=photo.content_type,
        width=photo.width,
        height=photo.height,
        original_name=name,
        actor=actor(viewer),
    )


def remove_photo(viewer: Viewer, engine: Engine, visit_id: int, photo_id: int) -> None:
    _own_visit(viewer, engine, visit_id)
    photo_store.remove_photo(engine, _folder(), visit_id, photo_id, actor=actor(viewer))


def photo_path(photo: PhotoInfo) -> Path:
    return _folder() / photo.file_name


def submit_visit(viewer: Viewer, engine: Engine, visit_id: int) -> None:
    """Submit in one transaction; AnswersMissing (nothing changed) while a required
    answer or comment is missing."""
    _own_visit(viewer, engine, visit_id)
    visit_workflow.submit_visit(engine, visit_id, actor=actor(viewer))


def _own_visit(viewer: Viewer, engine: Engine, visit_id: int) -> VisitInfo:
    require(viewer, Capability.FILL_VISITS, FILLING)
    if viewer.only_visit is not None and visit_id != viewer.only_visit:
        raise NotAllowed(
            _("this link opens visit {only_visit} only").format(only_visit=viewer.only_visit)
        )
    visit = visit_store.get_visit(engine, visit_id, viewer.shopper_scope)
    if visit is None and viewer.shopper_scope is None:
        raise visit_store.VisitNotFound(_("there is no visit {visit_id}").format(visit_id=visit_id))
    if visit is None:
        raise NotAllowed(
            _(
                "visit {visit_id} is not one of the visits assigned to {name}: choose one "
                "from the list"
            ).format(visit_id=visit_id, name=viewer.name)
        )
    return visit


def _folder() -> Path:
    return photo_store.photos_folder(settings.data_dir())

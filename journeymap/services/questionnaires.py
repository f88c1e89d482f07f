"""Storing mystery-shopper questionnaires: checked against their journey, versioned.

A questionnaire is read, checked against the journey it belongs to (its touchpoints
must exist) and stored as a new version, or found unchanged. What is allowed but
makes answers impossible to record (bands that do not reach 0 or have an upper end)
comes back as warnings to show beside the result.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from journeymap.i18n import N_, _
from journeymap.io.questionnaire_files import read_questionnaire_file
from journeymap.model import InvalidInput, Problem
from journeymap.model.access import Capability, Viewer
from journeymap.model.questionnaire import Questionnaire
from journeymap.model.questionnaire_rules import questionnaire_warnings
from journeymap.services.access import actor, require
from journeymap.store import programme as programme_store
from journeymap.store.journeys import JourneyRepository
from journeymap.store.programme import QuestionnaireVersionChanged

__all__ = [
    "QuestionnaireVersionChanged",
    "StoredQuestionnaire",
    "newest_questionnaire",
    "store_questionnaire_file",
    "store_questionnaire_upload",
]

STORING = N_("store questionnaires")


@dataclass(frozen=True)
class StoredQuestionnaire:
    questionnaire: Questionnaire
    stored: bool  # False: this version was stored already, with the same content
    warnings: list[Problem]


def store_questionnaire_file(
    viewer: Viewer, engine: Engine, path: Path, shown_as: str | None = None
) -> StoredQuestionnaire:
    """Read, check and store a questionnaire file; ``shown_as`` names it in messages.

    Raises InvalidInput (every problem, located), QuestionnaireVersionChanged, or
    ValueError when its journey is not in the workspace.
    """
    require(viewer, Capability.RUN_PROGRAMME, STORING)
    shown = shown_as or str(path)
    questionnaire = read_questionnaire_file(path)
    stored = JourneyRepository(engine).get(questionnaire.journey)
    if stored is None:
        raise ValueError(
            _(
                "{shown}: the questionnaire is for journey '{journey}', which is not in the "
                "workspace: import the journey first"
            ).format(shown=shown, journey=questionnaire.journey)
        )
    questionnaire = read_questionnaire_file(path, stored.journey)
    try:
        inserted = programme_store.save_questionnaire(engine, questionnaire, actor=actor(viewer))
    except QuestionnaireVersionChanged as error:
        raise QuestionnaireVersionChanged(
            _("{shown}: {error}").format(shown=shown, error=error)
        ) from None
    return StoredQuestionnaire(questionnaire, bool(inserted), questionnaire_warnings(questionnaire))


def store_questionnaire_upload(
    viewer: Viewer, engine: Engine, name: str, data: bytes
) -> StoredQuestionnaire:
    """store_questionnaire_file for an uploaded file's name and bytes."""
    require(viewer, Capability.RUN_PROGRAMME, STORING)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(data)
        try:
            return store_questionnaire_file(viewer, engine, path, shown_as=path.name)
        except InvalidInput as error:
            # Named by the upload, not the temporary folder it passed through.
            raise InvalidInput(error.problems, Path(name).name, error.note) from None


def newest_questionnaire(viewer: Viewer, engine: Engine, questionnaire_id: str) -> Questionnaire:
    """The newest stored version; LookupError naming the command that stores one."""
    require(viewer, Capability.RUN_PROGRAMME, N_("read questionnaires"))
    questionnaire = programme_store.newest_questionnaire(engine, questionnaire_id)
    if questionnaire is None:
        raise LookupError(
            _(
                "there is no questionnaire '{questionnaire_id}': store it with `python -m "
                "journeymap import-questionnaire FILE`"
            ).format(questionnaire_id=questionnaire_id)
        )
    return questionnaire

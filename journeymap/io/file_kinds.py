"""Which kind of file a user handed us: a journey or a mystery-shopper questionnaire."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from journeymap.i18n import _
from journeymap.io.journey_files import read_journey_file
from journeymap.io.questionnaire_files import read_questionnaire_file
from journeymap.io.safe_yaml import read_document
from journeymap.model import InvalidInput, Journey
from journeymap.model.questionnaire_rules import questionnaire_warnings

FileKind = Literal["journey", "questionnaire"]


def file_kind(path: Path) -> FileKind:
    """A questionnaire has sections; everything else is read as a journey."""
    try:
        data = read_document(path)
    except InvalidInput:
        return "journey"  # the journey reader reports the problem in full
    return "questionnaire" if isinstance(data, dict) and "sections" in data else "journey"


def validate_file(path: Path, journeys: dict[str, Journey]) -> str:
    """A one-line summary of a valid file, or InvalidInput with every problem.

    A questionnaire is checked against its journey when that journey is among
    ``journeys`` (its touchpoints must exist); otherwise on its own. Its warnings
    (bands that leave answers unscorable) follow the summary, a line each, each
    starting with the file.
    """
    if file_kind(path) == "questionnaire":
        questionnaire = read_questionnaire_file(path)
        journey = journeys.get(questionnaire.journey)
        if journey is not None:
            questionnaire = read_questionnaire_file(path, journey)
        questions = sum(len(s.questions) for s in questionnaire.sections)
        sections = len(questionnaire.sections)
        if journey:
            ok = _("ok (questionnaire, {sections} sections, {questions} questions)")
        else:
            ok = _(
                "ok (questionnaire, {sections} sections, {questions} questions; journey "
                "'{journey}' not found, not checked)"
            )
        warnings = "".join(
            "\n" + _("{path}: warning: {warning}").format(path=path, warning=warning)
            for warning in questionnaire_warnings(questionnaire)
        )
        return (
            ok.format(sections=sections, questions=questions, journey=questionnaire.journey)
            + warnings
        )
    journey = read_journey_file(path).journey
    return _("ok ({stages} stages, {touchpoints} touchpoints, {transitions} transitions)").format(
        stages=len(journey.stages),
        touchpoints=len(journey.touchpoints),
        transitions=len(journey.transitions),
    )

"""Questionnaire files: YAML or JSON, read safely and validated against their journey."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from journeymap.i18n import _
from journeymap.io.safe_yaml import read_document
from journeymap.model import InvalidInput, Journey, Problem
from journeymap.model.questionnaire import Questionnaire
from journeymap.model.questionnaire_rules import parse_questionnaire


def read_questionnaire_file(path: str | Path, journey: Journey | None = None) -> Questionnaire:
    """A valid questionnaire from a .yaml/.yml/.json file; InvalidInput names the file."""
    path = Path(path)
    data = read_document(path)
    try:
        return parse_questionnaire(_questionnaire_data(data), journey)
    except InvalidInput as error:
        raise InvalidInput(error.problems, str(path)) from None


def _questionnaire_data(data: Any) -> Any:
    if data is None:
        raise InvalidInput(
            [
                Problem(
                    "",
                    _("the file is empty (or holds only comments): write the questionnaire in it"),
                )
            ]
        )
    if isinstance(data, dict) and "schema_version" in data and "sections" not in data:
        raise InvalidInput(
            [
                Problem(
                    "",
                    _(
                        "this is a journey, not a mystery-shopper questionnaire: import it as a "
                        "journey (import-journey, or the app's Get started page)"
                    ),
                )
            ]
        )
    return data

"""Questionnaire files: YAML or JSON, read safely and validated against their journey."""

from __future__ import annotations

import json
from pathlib import Path

from journeymap.io.safe_yaml import MAX_FILE_BYTES, load_yaml_text
from journeymap.model import InvalidInput, Journey, Problem
from journeymap.model.questionnaire import Questionnaire, parse_questionnaire


def read_questionnaire_file(path: str | Path, journey: Journey | None = None) -> Questionnaire:
    """A valid questionnaire from a .yaml/.yml/.json file; InvalidInput names the file."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InvalidInput(
                [Problem("", f"the file is larger than {MAX_FILE_BYTES // 1024 // 1024} MB")],
                str(path),
            )
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise InvalidInput(
            [Problem("", f"cannot read the file: {error.strerror}")], str(path)
        ) from None
    except UnicodeDecodeError:
        raise InvalidInput(
            [Problem("", "the file is not UTF-8 text: save it as UTF-8")], str(path)
        ) from None
    try:
        if path.suffix.lower() == ".json":
            try:
                data = json.loads(text)
            except json.JSONDecodeError as error:
                raise InvalidInput(
                    [
                        Problem(
                            f"line {error.lineno}, column {error.colno}",
                            f"{error.msg}: fix the JSON",
                        )
                    ]
                ) from None
        else:
            data = load_yaml_text(text)
        return parse_questionnaire(data, journey)
    except InvalidInput as error:
        raise InvalidInput(error.problems, str(path)) from None

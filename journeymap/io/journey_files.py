"""Journey files: YAML or JSON with a schema_version, read safely, written readably.

A file may carry ``revision``: the stored revision it was exported from. Importing it
back is then refused when someone has saved a newer revision in the meantime.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from journeymap.i18n import _
from journeymap.io.safe_yaml import load_document, read_document
from journeymap.model import InvalidInput, Journey, Problem, parse_journey

SCHEMA_VERSION = 1
FILE_KEYS = ("schema_version", "revision")


@dataclass(frozen=True)
class JourneyFile:
    """A journey read from a file, and the stored revision the file was based on."""

    journey: Journey
    revision: int | None = None


def read_journey_file(path: str | Path) -> JourneyFile:
    """Read and validate a .yaml/.yml/.json journey file; InvalidInput names the file."""
    path = Path(path)
    data = read_document(path)
    try:
        return journey_from_document(data)
    except InvalidInput as error:
        raise InvalidInput(error.problems, str(path), error.note) from None


def parse_journey_text(raw: bytes | str, *, json_format: bool = False) -> JourneyFile:
    """A journey from the bytes or text of a file."""
    return journey_from_document(load_document(raw, json_format=json_format))


def journey_from_document(data: Any) -> JourneyFile:
    """Check the file-level keys, then validate the journey itself."""
    if data is None:
        raise InvalidInput(
            [Problem("", _("the file is empty (or holds only comments): write the journey in it"))]
        )
    if not isinstance(data, dict):
        raise InvalidInput([Problem("", _("the file must hold one journey (a mapping of keys)"))])
    if "sections" in data and "schema_version" not in data:
        raise InvalidInput(
            [
                Problem(
                    "",
                    _(
                        "this is a mystery-shopper questionnaire, not a journey: store it as a "
                        "questionnaire (Programme page, or import-questionnaire on the command "
                        "line)"
                    ),
                )
            ]
        )
    data = dict(data)
    version = data.pop("schema_version", None)
    revision = data.pop("revision", None)
    problems: list[Problem] = []
    if version is None:
        problems.append(
            Problem(
                "schema_version",
                _("missing: add 'schema_version: {version}' at the top").format(
                    version=SCHEMA_VERSION
                ),
            )
        )
    elif version != SCHEMA_VERSION:
        problems.append(
            Problem(
                "schema_version",
                _(
                    "version {version} is not supported: this journeymap reads version "
                    "{supported}; upgrade journeymap or export the file again"
                ).format(version=repr(version), supported=SCHEMA_VERSION),
            )
        )
    if revision is not None and (not isinstance(revision, int) or revision < 1):
        problems.append(
            Problem(
                "revision",
                _("{revision} is not a revision number: remove the line").format(
                    revision=repr(revision)
                ),
            )
        )
    try:
        journey = parse_journey(data)
    except InvalidInput as error:
        raise InvalidInput(problems + error.problems, note=error.note) from None
    if problems:
        raise InvalidInput(problems)
    return JourneyFile(journey, revision)


def journey_document(journey: Journey, revision: int | None = None) -> dict[str, Any]:
    """The journey as file data: schema_version first, then fields in model order.

    Empty and default values are left out so that files stay short and readable.
    """
    body = _whole_numbers_as_int(
        journey.model_dump(by_alias=True, exclude_defaults=True, mode="json")
    )
    head: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    if revision is not None:
        head["revision"] = revision
    return head | body


def _whole_numbers_as_int(value: Any) -> Any:
    # 'customers_per_month: 4000' reads better than 4000.0 and loads back equal.
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dict):
        return {k: _whole_numbers_as_int(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole_numbers_as_int(v) for v in value]
    return value


def journey_to_yaml(journey: Journey, revision: int | None = None) -> str:
    return yaml.safe_dump(
        journey_document(journey, revision),
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


def journey_to_json(journey: Journey, revision: int | None = None) -> str:
    return json.dumps(journey_document(journey, revision), ensure_ascii=False, indent=2) + "\n"


def write_journey_file(
    journey: Journey, path: str | Path, fmt: str | None = None, revision: int | None = None
) -> Path:
    """Write the journey as YAML or JSON (by ``fmt`` or the file's suffix)."""
    path = Path(path)
    fmt = fmt or ("json" if path.suffix.lower() == ".json" else "yaml")
    text = (
        journey_to_json(journey, revision) if fmt == "json" else journey_to_yaml(journey, revision)
    )
    path.write_text(text, encoding="utf-8")
    return path

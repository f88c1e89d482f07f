"""The example journeys in the workspace's language: the demo and the New journey templates.

The example journeys are the files in journeys/ (the stage sets and starting journeys a
new journey can start from, and the journeys of the demo workspace). Each may have a
translation per language in journeys/translations/<language>/<journey id>.yaml that
gives the journey's words in that language, by id:

    name: …                    # the journey's own texts: name, description, persona, segment
    stages: {<id>: {name: …, description: …}}
    touchpoints: {<id>: {name: …, owner: …, description: …, promise: …, does: …,
                         thinks: …, pain_points: […], opportunities: […], backstage: …}}
    metrics: {<id>: {name: …, unit: …}}

Only words change: ids, channels (keys the views label in the reader's language),
transitions, targets and numbers stay the template's, so the demo's evidence, which
names touchpoints by id, fits every language's journey. A language without a
translation file gets the template as written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from journeymap.i18n import _, current_language
from journeymap.io.journey_files import read_journey_file
from journeymap.model import Journey, parse_journey

TRANSLATIONS = "translations"
JOURNEY_SUFFIXES = (".yaml", ".yml", ".json")
JOURNEY_FIELDS = ("name", "description", "persona", "segment")
PART_FIELDS = {
    "stages": ("name", "description"),
    "touchpoints": (
        "name",
        "owner",
        "description",
        "promise",
        "does",
        "thinks",
        "pain_points",
        "opportunities",
        "backstage",
    ),
    "metrics": ("name", "unit"),
}


def template_files(journeys_dir: Path) -> list[Path]:
    """The example journeys' files in the folder, by file name."""
    if not Path(journeys_dir).is_dir():
        raise FileNotFoundError(
            _(
                "no journeys folder at {folder}: run the demo from the repository root "
                "or pass the folder that holds the example journeys"
            ).format(folder=journeys_dir)
        )
    return sorted(p for p in Path(journeys_dir).iterdir() if p.suffix.lower() in JOURNEY_SUFFIXES)


def translation_path(journeys_dir: Path, language: str, journey_id: str) -> Path:
    return Path(journeys_dir) / TRANSLATIONS / language / f"{journey_id}.yaml"


def translated(journey: Journey, words: dict[str, Any]) -> Journey:
    """The journey with the translation's words in place of its own (ids kept)."""
    data = journey.model_dump(mode="json")
    for name in JOURNEY_FIELDS:
        if name in words:
            data[name] = words[name]
    for part, names in PART_FIELDS.items():
        given = words.get(part) or {}
        for item in data.get(part) or []:
            for name in names:
                if name in given.get(item.get("id"), {}):
                    item[name] = given[item["id"]][name]
    return parse_journey(data)


def localised(journey: Journey, journeys_dir: Path, language: str | None = None) -> Journey:
    """The journey in ``language`` (default: the reader's) where a translation exists."""
    path = translation_path(journeys_dir, language or current_language(), journey.id)
    if not path.is_file():
        return journey
    with path.open(encoding="utf-8") as handle:
        words = yaml.safe_load(handle) or {}
    return translated(journey, words)


def written_journeys(journeys_dir: Path) -> dict[str, Journey]:
    """File name → the example journey as its file writes it (no translation)."""
    return {path.name: read_journey_file(path).journey for path in template_files(journeys_dir)}


def template_journeys(journeys_dir: Path, language: str | None = None) -> dict[str, Journey]:
    """File name → the example journey in ``language`` (default: the reader's)."""
    return {
        name: localised(journey, journeys_dir, language)
        for name, journey in written_journeys(journeys_dir).items()
    }

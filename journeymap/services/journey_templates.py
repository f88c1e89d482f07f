"""The example journeys offered as templates for a new journey, in the reader's language
(each has a translation file per language beside it; ids, channels and flow stay the
template's own)."""

from __future__ import annotations

from pathlib import Path

from journeymap.demo.templates import template_journeys
from journeymap.model import Journey


def journey_templates(journeys_dir: Path) -> dict[str, Journey]:
    """File name → the template in the reader's language; none when the folder is gone."""
    if not Path(journeys_dir).is_dir():
        return {}
    return template_journeys(journeys_dir)

"""What the person confirmed: which column is which, and how to read it.

The importer proposes a mapping (see :func:`journeymap.io.survey_import.importer.preview`);
the person checks it in the import page or gives it on the command line. Touchpoint
values in the file are matched to the journey's touchpoints by id or by name, ignoring
case and spacing, because exports say "Kasse" where the journey says ``kasse``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from journeymap.i18n import _
from journeymap.io.survey_import.columns import fold
from journeymap.model import Journey

SurveyKind = Literal["transactional", "relationship"]
COLUMN_ROLES = ("score", "date", "touchpoint", "location", "segment", "comment", "contact", "id")


class ImportMapping(BaseModel):
    """Column per role (None: not in the file) and how to read dates and touchpoints."""

    model_config = ConfigDict(extra="forbid")

    sheet: str | None = Field(
        default=None, description="of a workbook: the sheet's name or number (from 1)"
    )
    score: str | None = None
    date: str | None = None
    date_format: str | None = None
    dayfirst: bool | None = None
    date_value: dt.date | None = Field(
        default=None, description="one date for every row, when the file has no date column"
    )
    timezone: str = "UTC"
    touchpoint: str | None = None
    touchpoint_value: str | None = None
    location: str | None = None
    segment: str | None = None
    comment: str | None = None
    contact: str | None = None
    id: str | None = None
    survey_kind: SurveyKind = "transactional"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                _("unknown time zone '{zone}': use a name such as Europe/Copenhagen or UTC").format(
                    zone=value
                )
            ) from None
        return value

    @model_validator(mode="after")
    def _one_way_each(self) -> ImportMapping:
        if self.touchpoint and self.touchpoint_value:
            raise ValueError(
                _("give either a touchpoint column or one touchpoint for the whole file, not both")
            )
        if self.date_format and self.dayfirst is not None:
            raise ValueError(_("give either a date format or dayfirst, not both"))
        if self.date and self.date_value is not None:
            raise ValueError(
                _("give either a date column or one date for every row (--date-value), not both")
            )
        return self

    def columns(self) -> dict[str, str]:
        """Role → column for the roles that are mapped."""
        return {role: c for role in COLUMN_ROLES if (c := getattr(self, role))}


def touchpoint_lookup(journey: Journey) -> dict[str, str]:
    """Folded id and name → touchpoint id."""
    lookup: dict[str, str] = {}
    for tp in journey.touchpoints:
        lookup.setdefault(fold(tp.name), tp.id)
    for tp in journey.touchpoints:
        lookup[fold(tp.id)] = tp.id  # an id wins over another touchpoint's name
    return lookup


def match_touchpoints(values: list[str], journey: Journey) -> tuple[dict[str, str], list[str]]:
    """Each distinct value's touchpoint id, and the values that match none (sorted)."""
    lookup = touchpoint_lookup(journey)
    matched, unmatched = {}, []
    for value in values:
        tp = lookup.get(fold(value))
        if tp is None:
            unmatched.append(value)
        else:
            matched[value] = tp
    return matched, sorted(unmatched)

"""Importing visits from a table: rows checked like the form's answers, stored at once.

Each row is a visit with its answers; a row with a problem is reported and left out,
the others are stored in one transaction. Keys already stored are left as they are: a
visit a shopper is filling in is never overwritten by a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from journeymap.io.visit_dates import DateOrder
from journeymap.io.visit_import import (
    RowError,
    VisitFileError,
    parse_visits,
    read_table,
    read_table_file,
)
from journeymap.model.access import Capability, Viewer
from journeymap.services.access import actor, require
from journeymap.services.questionnaires import newest_questionnaire
from journeymap.store import programme as programme_store
from journeymap.store import visits as visit_store
from journeymap.store.visit_import import store_imported_visits

__all__ = ["DateOrder", "ImportedVisits", "RowError", "VisitFileError", "import_visits"]


@dataclass(frozen=True)
class ImportedVisits:
    visits: int
    answers: int
    known: list[str]  # keys already stored, left as they were
    errors: list[RowError] = field(default_factory=list)

    @property
    def rejected_rows(self) -> int:
        return len({e.row for e in self.errors if e.row > 1})


def import_visits(
    viewer: Viewer,
    engine: Engine,
    questionnaire_id: str,
    source: Path | tuple[str, bytes],
    *,
    order: DateOrder | None = None,
    how_to_choose: str = "give --dayfirst or --date-format %m/%d/%Y",
) -> ImportedVisits:
    """Import a visit table (a file on disk, or an upload's name and bytes) for the
    newest version of the questionnaire.

    Raises VisitFileError when the file as a whole cannot be read, including a date
    column whose day/month order is not told (``how_to_choose`` says how to tell it).
    """
    require(viewer, Capability.RUN_PROGRAMME, "import visits")
    questionnaire = newest_questionnaire(viewer, engine, questionnaire_id)
    if isinstance(source, Path):
        name, frame = source.name, read_table_file(source)
    else:
        name, frame = source[0], read_table(*source)
    locations = programme_store.read_locations(engine)
    result = parse_visits(
        frame,
        questionnaire,
        dict(zip(locations["id"], locations["competitor"].astype(bool), strict=True)),
        set(visit_store.list_shoppers(engine)),
        order=order,
        source=name,
        how_to_choose=how_to_choose,
    )
    stored, answers, known = store_imported_visits(
        engine, result.visits, result.answers, actor=actor(viewer)
    )
    return ImportedVisits(stored, answers, known, result.errors)

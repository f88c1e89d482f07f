"""Importing visits from a table: rows checked like the form's answers, stored at once.

Each row is a visit with its answers, or a planned visit (status assigned) without; a
row with a problem is reported and left out, the others are stored in one
transaction. Keys already stored are left as they are: a visit a shopper is filling
in is never overwritten by a file.

Imported visits never skip review by themselves: they land as submitted, whatever the
file says. Only someone who may review visits can import them as approved, by asking
for it explicitly; the audit log records that they did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from journeymap.i18n import N_, _
from journeymap.io.visit_dates import DateOrder
from journeymap.io.visit_import import DONE_STATUSES, RowError, parse_visits
from journeymap.io.visit_tables import VisitFileError, read_table, read_table_file
from journeymap.model.access import Capability, Viewer
from journeymap.services import workspace_time
from journeymap.services.access import actor, require
from journeymap.services.questionnaires import newest_questionnaire
from journeymap.store import people as people_store
from journeymap.store import programme as programme_store
from journeymap.store import visits as visit_store
from journeymap.store.visit_import import store_imported_visits

__all__ = [
    "DONE_STATUSES",
    "DateOrder",
    "ImportedVisits",
    "RowError",
    "VisitFileError",
    "import_visits",
]


@dataclass(frozen=True)
class ImportedVisits:
    visits: int
    answers: int
    known: list[str]  # keys already stored, left as they were
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # kept rows changed on the way in
    status: str = "submitted"  # what the visits made landed as

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
    how_to_choose: str | None = None,
    status: str = "submitted",
) -> ImportedVisits:
    """Import a visit table (a file on disk, or an upload's name and bytes) for the
    newest version of the questionnaire; the visits made land as ``status``.

    ``status`` "approved" skips review, so it needs REVIEW_VISITS (NotAllowed otherwise)
    and is recorded in the audit log. Raises VisitFileError when the file as a whole
    cannot be read, including a date column whose day/month order is not told
    (``how_to_choose`` says how to tell it).
    """
    require(viewer, Capability.RUN_PROGRAMME, N_("import visits"))
    if status not in DONE_STATUSES:
        raise ValueError(
            _(
                "imported visits land as {done_statuses}, not {status}: a visit is approved "
                "by a reviewer"
            ).format(done_statuses=" or ".join(DONE_STATUSES), status=repr(status))
        )
    if status != "submitted":
        require(viewer, Capability.REVIEW_VISITS, N_("import visits as approved, without review"))
    questionnaire = newest_questionnaire(viewer, engine, questionnaire_id)
    if isinstance(source, Path):
        name, frame = source.name, read_table_file(source)
    else:
        name, frame = source[0], read_table(*source)
    locations = programme_store.read_locations(engine)
    switched_off = {
        ("location", p.id) for p in people_store.read_location_list(engine) if not p.active
    } | {("shopper", s.id) for s in people_store.read_shoppers(engine) if not s.active}
    result = parse_visits(
        frame,
        questionnaire,
        dict(zip(locations["id"], locations["competitor"].astype(bool), strict=True)),
        set(visit_store.list_shoppers(engine)),
        order=order,
        source=name,
        how_to_choose=how_to_choose or _("give --dayfirst or --date-format %m/%d/%Y"),
        done_status=status,
        switched_off=frozenset(switched_off),
        today=workspace_time.today(),
    )
    stored, answers, known = store_imported_visits(
        engine, result.visits, result.answers, actor=actor(viewer)
    )
    return ImportedVisits(stored, answers, known, result.errors, result.notes, status)

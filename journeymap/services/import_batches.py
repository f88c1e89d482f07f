"""A journey's imports: listed with what each did, and undone one at a time.

Undoing an import removes exactly its responses and the call-back cases made from
them, in one audited transaction. A case someone has already worked (called the
customer, written notes) is the team's work, not the file's: undoing refuses while
there is one, naming how many, unless ``force`` — then they go too, and the result
and the audit log say how many worked cases went. Responses that later imports found
"already there" in this one go with it; the result names those imports, whose files
can simply be imported again.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.model.access import Capability, Viewer
from journeymap.services.access import actor, require
from journeymap.store import batch_undo
from journeymap.store import import_batches as store
from journeymap.store.batch_undo import UndoPlan
from journeymap.store.import_batches import BatchInfo

__all__ = ["BatchInfo", "UndoPlan", "UndoResult", "list_batches", "plan_undo", "undo_batch"]


@dataclass(frozen=True)
class UndoResult:
    batch_id: int
    responses: int
    cases: int
    worked_cases: int
    relied_on_by: dict[int, int]

    def sentence(self) -> str:
        counts = {
            "batch": self.batch_id,
            "responses": fmt.number(self.responses),
            "cases": fmt.number(self.cases),
            "worked": fmt.number(self.worked_cases),
        }
        if self.worked_cases:
            text = _(
                "import {batch} undone: {responses} responses and {cases} call-back cases "
                "removed, {worked} of them already worked"
            ).format(**counts)
        else:
            text = _(
                "import {batch} undone: {responses} responses and {cases} call-back cases removed"
            ).format(**counts)
        if self.relied_on_by:
            later = ", ".join(
                _("import {batch} ({count})").format(batch=b, count=fmt.number(n))
                for b, n in sorted(self.relied_on_by.items())
            )
            text += "; " + _(
                "later imports found some of these answers already there: {imports}: "
                "import their files again to keep those answers"
            ).format(imports=later)
        return text


def list_batches(viewer: Viewer, engine: Engine, journey_id: str) -> list[BatchInfo]:
    """The journey's imports, newest first, with undone ones marked."""
    require(viewer, Capability.IMPORT_DATA, N_("see the imports"))
    return store.list_batches(engine, journey_id)


def plan_undo(viewer: Viewer, engine: Engine, batch_id: int) -> UndoPlan:
    """What undoing would remove, for a confirmation; ValueError for no such import or
    one already undone."""
    require(viewer, Capability.IMPORT_DATA, N_("undo an import"))
    try:
        return batch_undo.plan_undo(engine, batch_id)
    except KeyError:
        raise ValueError(_no_such(batch_id)) from None


def undo_batch(viewer: Viewer, engine: Engine, batch_id: int, *, force: bool = False) -> UndoResult:
    """Remove the import's responses and their call-back cases, audited; ValueError (a
    sentence) for no such import, one already undone, or worked cases without force."""
    require(viewer, Capability.IMPORT_DATA, N_("undo an import"))
    try:
        plan = batch_undo.plan_undo(engine, batch_id)
        done = batch_undo.undo_batch(
            engine, batch_id, actor=actor(viewer), allow_worked_cases=force
        )
    except KeyError:
        raise ValueError(_no_such(batch_id)) from None
    return UndoResult(batch_id, done.responses, done.cases, done.worked_cases, plan.relied_on_by)


def _no_such(batch_id: int) -> str:
    return _("there is no import {batch}: `imports JOURNEY` lists them").format(batch=batch_id)

"""A walk's notes as a workbook, for the minutes of the workshop.

What people typed goes into text cells that a spreadsheet never runs as a formula
(journeymap.io.export.workbook): a note "=HYPERLINK(…)" stays the words typed.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from journeymap.io.export.workbook import frames_workbook
from journeymap.model import Journey
from journeymap.services import workspace_time
from journeymap.services.walk_notes import Walk, WalkNote, walk_notes_of

NOTE_COLUMNS = ("Step", "Touchpoint", "Stage", "Kind", "Note", "Written by", "Written at")


def notes_frame(journey: Journey, notes: list[WalkNote], steps: list[str]) -> pd.DataFrame:
    """One row a note, in walk order (the step's number on this walk; blank: a
    touchpoint not on it), then as written; times in the workspace's zone."""
    names = {t.id: t.name for t in journey.touchpoints}
    stage_of = {t.id: t.stage for t in journey.touchpoints}
    stages = {s.id: s.name for s in journey.stages}
    number = {tp: i for i, tp in enumerate(steps, start=1)}
    ordered = sorted(notes, key=lambda n: (number.get(n.touchpoint_id, len(steps) + 1), n.id))
    rows = [
        (
            number.get(note.touchpoint_id),
            names.get(note.touchpoint_id, note.touchpoint_id),
            stages.get(stage_of.get(note.touchpoint_id, ""), ""),
            note.kind,
            note.text,
            note.author,
            workspace_time.shown_moment(note.created_at).replace(tzinfo=None),
        )
        for note in ordered
    ]
    # object: a step number stays an integer and a missing one an empty cell.
    return pd.DataFrame(rows, columns=list(NOTE_COLUMNS), dtype=object)


def walk_notes_workbook(
    engine: Engine, journey: Journey, walk: Walk | None, steps: list[str]
) -> bytes:
    """The .xlsx bytes of the walk's notes (no walk: an empty sheet with its header)."""
    notes = walk_notes_of(engine, journey.id, walk_id=walk.id) if walk is not None else []
    return frames_workbook({"Walk notes": notes_frame(journey, notes, steps)})

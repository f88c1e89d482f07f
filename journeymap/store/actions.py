"""Improvement actions in the database: create, read, edit, move along the board.

Edits carry the version the person read (optimistic locking, as call-back cases do):
a steering group editing the board together must not overwrite each other silently.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, replace
from datetime import UTC, date, datetime

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from journeymap.analytics.actions import MAX_TITLE_CHARS, check_fields, check_transition
from journeymap.i18n import _
from journeymap.model.actions import Action, ActionFields
from journeymap.store.audit import record
from journeymap.store.moments import as_utc
from journeymap.store.tables import DetractorCaseRow, ImprovementActionRow, WalkNoteRow

# Each action's (id, version): changes with every save, for cache keys.
ActionsKey = tuple[tuple[int, int], ...]


class ActionChanged(Exception):
    """Someone saved the action after it was read; the message says to reload."""


def _action(row: ImprovementActionRow) -> Action:
    fields = ActionFields(
        title=row.title,
        description=row.description,
        touchpoints=tuple(json.loads(row.touchpoints or "[]")),
        source_kind=row.source_kind,
        source_ref=row.source_ref,
        source_text=row.source_text,
        category=row.category,
        owner=row.owner,
        impact=int(row.impact),
        effort=int(row.effort),
        due_on=row.due_on,
    )
    return Action(
        id=row.id,
        journey_id=row.journey_id,
        fields=fields,
        status=row.status,
        done_on=row.done_on,
        version=row.version,
        created_by=row.created_by,
        created_at=as_utc(row.created_at),
        updated_at=as_utc(row.updated_at),
    )


def _clean(fields: ActionFields) -> ActionFields:
    return replace(
        fields,
        title=fields.title.strip(),
        description=fields.description.strip(),
        owner=fields.owner.strip(),
        touchpoints=tuple(dict.fromkeys(fields.touchpoints)),
    )


def _columns(fields: ActionFields) -> dict[str, object]:
    values = asdict(fields)
    values["touchpoints"] = json.dumps(list(fields.touchpoints))
    return values


def create_action(
    engine: Engine,
    journey_id: str,
    fields: ActionFields,
    *,
    actor: str,
    touchpoint_ids: Iterable[str] | None = None,
    now: datetime | None = None,
) -> Action:
    """Store a new action as an idea; ValueError with a sentence for a bad field."""
    fields = _clean(fields)
    check_fields(fields, touchpoint_ids)
    with Session(engine) as session, session.begin():
        return _insert(session, journey_id, fields, actor, now or datetime.now(UTC))


def _insert(
    session: Session, journey_id: str, fields: ActionFields, actor: str, now: datetime
) -> Action:
    row = ImprovementActionRow(
        journey_id=journey_id,
        **_columns(fields),
        status="idea",
        version=1,
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    record(session.connection(), "created", "action", row.id, row.title, actor=actor)
    return _action(row)


def list_actions(engine: Engine, journey_id: str) -> list[Action]:
    query = (
        select(ImprovementActionRow)
        .where(ImprovementActionRow.journey_id == journey_id)
        .order_by(ImprovementActionRow.id)
    )
    with Session(engine) as session:
        return [_action(row) for row in session.scalars(query).all()]


def get_action(engine: Engine, action_id: int) -> Action | None:
    with Session(engine) as session:
        row = session.get(ImprovementActionRow, action_id)
        return _action(row) if row else None


def act_revision(engine: Engine, journey_id: str) -> tuple[ActionsKey, str]:
    """The journey's actions as (id, version), and its call-back cases' count and newest
    change: what the Act pages show besides the evidence, for cache keys."""
    table = ImprovementActionRow
    with engine.connect() as connection:
        actions = connection.execute(
            select(table.id, table.version).where(table.journey_id == journey_id).order_by(table.id)
        ).all()
        cases = connection.execute(
            select(func.count(), func.max(DetractorCaseRow.updated_at)).where(
                DetractorCaseRow.journey_id == journey_id
            )
        ).one()
    return tuple((int(i), int(v)) for i, v in actions), f"{cases[0]}|{cases[1]}"


def _current(engine: Engine, action_id: int, expected_version: int) -> Action:
    """The action as stored; ActionChanged when it is no longer the version read."""
    current = get_action(engine, action_id)
    if current is None:
        raise KeyError(_("there is no improvement action {action}").format(action=action_id))
    if current.version != expected_version:
        raise _changed(action_id, current.version, expected_version)
    return current


def _changed(action_id: int, version: int, expected_version: int) -> ActionChanged:
    return ActionChanged(
        _(
            "action {action} was changed by someone else after you opened it "
            "(now version {version}, you had {expected}): reload it and make your change again"
        ).format(action=action_id, version=version, expected=expected_version)
    )


def _save(
    engine: Engine,
    action_id: int,
    expected_version: int,
    values: dict[str, object],
    actor: str,
) -> Action:
    table = ImprovementActionRow
    with engine.begin() as connection:
        result = connection.execute(
            update(table)
            .where(table.id == action_id, table.version == expected_version)
            .values(**values, version=expected_version + 1)
        )
        if result.rowcount == 1:
            changed = ", ".join(sorted(k for k in values if k != "updated_at"))
            record(connection, "changed", "action", action_id, changed, actor=actor)
    if result.rowcount != 1:
        current = get_action(engine, action_id)
        if current is None:
            raise KeyError(_("there is no improvement action {action}").format(action=action_id))
        raise _changed(action_id, current.version, expected_version)
    saved = get_action(engine, action_id)
    assert saved is not None  # just written in this call
    return saved


def _status_values(
    current: Action, status: str, done_on: date | None, today: date
) -> dict[str, object]:
    """The columns a move to ``status`` sets; ValueError for a move or day not allowed.

    A done date may be changed on a done action (the change went live earlier than it
    was recorded); one in the future is refused: 'Did it work?' would compare nothing.
    ``today`` is the workspace's day: in Copenhagen the day starts before UTC's does.
    """
    check_transition(current.status, status)
    if status != "done":
        return {"status": status, "done_on": None}
    day = done_on or current.done_on or today
    if day > today:
        raise ValueError(
            _("the done date {day} is in the future: give the day it went live").format(day=day)
        )
    return {"status": status, "done_on": day}


def update_action(
    engine: Engine,
    action_id: int,
    fields: ActionFields,
    *,
    actor: str,
    expected_version: int,
    status: str | None = None,
    done_on: date | None = None,
    touchpoint_ids: Iterable[str] | None = None,
    now: datetime | None = None,
    today: date | None = None,
) -> Action:
    """Replace what a person wrote about the action and, given ``status``, move it: one
    save, so a refused move leaves the text as it was too. ``today``: the workspace's
    day (by default UTC's)."""
    fields = _clean(fields)
    check_fields(fields, touchpoint_ids)
    now = now or datetime.now(UTC)
    values = _columns(fields) | {"updated_at": now}
    if status is not None:
        current = _current(engine, action_id, expected_version)
        values |= _status_values(current, status, done_on, today or now.date())
    return _save(engine, action_id, expected_version, values, actor)


def set_status(
    engine: Engine,
    action_id: int,
    status: str,
    *,
    actor: str,
    expected_version: int,
    done_on: date | None = None,
    now: datetime | None = None,
    today: date | None = None,
) -> Action:
    """Move the action; done gets ``done_on`` (default ``today``, the workspace's day, by
    default UTC's), leaving done clears it."""
    now = now or datetime.now(UTC)
    current = _current(engine, action_id, expected_version)
    values = _status_values(current, status, done_on, today or now.date())
    values |= {"updated_at": now}
    return _save(engine, action_id, expected_version, values, actor)


def action_from_note(
    engine: Engine, note_id: int, *, actor: str, now: datetime | None = None
) -> Action:
    """An idea made from a walk note (once: a second click returns the same action)."""
    with Session(engine) as session, session.begin():
        note = session.get(WalkNoteRow, note_id)
        if note is None:
            raise KeyError(
                _("there is no walk note {note}: it may have been deleted").format(note=note_id)
            )
        existing = session.scalars(
            select(ImprovementActionRow).where(
                ImprovementActionRow.source_kind == "walk_note",
                ImprovementActionRow.source_ref == str(note_id),
            )
        ).first()
        if existing is not None:
            return _action(existing)
        text = note.text
        title = text if len(text) <= MAX_TITLE_CHARS else text[: MAX_TITLE_CHARS - 1] + "…"
        fields = ActionFields(
            title=title,
            touchpoints=(note.touchpoint_id,),
            source_kind="walk_note",
            source_ref=str(note_id),
            source_text=text,
        )
        fields = _clean(fields)
        check_fields(fields)
        return _insert(session, note.journey_id, fields, actor, now or datetime.now(UTC))

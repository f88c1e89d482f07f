"""Shoppers and locations: added, changed and switched off, each with its audit entry.

Rows are never deleted: visits point at them, and a switched-off shopper's or closed
branch's past visits keep counting.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, func, insert, select, update

from journeymap.i18n import _
from journeymap.model.people import Location, Shopper
from journeymap.store.audit import record
from journeymap.store.tables import LocationRow, ShopperRow, VisitRow

# Visits a shopper or location still has to make: what switching them off leaves open.
OPEN_STATUSES = ("assigned", "in_progress", "returned")


class AlreadyThere(ValueError):
    """A shopper or location with that id is stored already."""


class NotThere(LookupError):
    """No shopper or location with that id."""


def read_shoppers(engine: Engine, *, active_only: bool = False) -> list[Shopper]:
    """Every shopper by name (then id); only the active ones with ``active_only``."""
    query = select(ShopperRow.id, ShopperRow.name, ShopperRow.region, ShopperRow.active)
    if active_only:
        query = query.where(ShopperRow.active.is_(True))
    with engine.connect() as connection:
        rows = connection.execute(query.order_by(ShopperRow.name, ShopperRow.id)).all()
    return [Shopper(r.id, r.name, r.region or "", bool(r.active)) for r in rows]


def read_location_list(engine: Engine, *, active_only: bool = False) -> list[Location]:
    """Every location by id; only the active ones with ``active_only``."""
    query = select(
        LocationRow.id,
        LocationRow.name,
        LocationRow.region,
        LocationRow.competitor,
        LocationRow.active,
    )
    if active_only:
        query = query.where(LocationRow.active.is_(True))
    with engine.connect() as connection:
        rows = connection.execute(query.order_by(LocationRow.id)).all()
    return [
        Location(r.id, r.name, r.region or "", bool(r.competitor), bool(r.active)) for r in rows
    ]


def get_shopper(engine: Engine, shopper_id: str) -> Shopper | None:
    with engine.connect() as connection:
        return _shopper(connection, shopper_id)


def get_location(engine: Engine, location_id: str) -> Location | None:
    with engine.connect() as connection:
        return _location(connection, location_id)


def _shopper(connection: Connection, shopper_id: str) -> Shopper | None:
    row = connection.execute(
        select(ShopperRow.id, ShopperRow.name, ShopperRow.region, ShopperRow.active).where(
            ShopperRow.id == shopper_id
        )
    ).first()
    return None if row is None else Shopper(row.id, row.name, row.region or "", bool(row.active))


def _location(connection: Connection, location_id: str) -> Location | None:
    row = connection.execute(
        select(
            LocationRow.id,
            LocationRow.name,
            LocationRow.region,
            LocationRow.competitor,
            LocationRow.active,
        ).where(LocationRow.id == location_id)
    ).first()
    if row is None:
        return None
    return Location(row.id, row.name, row.region or "", bool(row.competitor), bool(row.active))


def add_shopper(engine: Engine, shopper: Shopper, *, actor: str) -> Shopper:
    """Store a new shopper; AlreadyThere (naming the stored one) when the id is taken."""
    with engine.begin() as connection:
        known = _shopper(connection, shopper.id)
        if known is not None:
            raise AlreadyThere(
                _(
                    "there is a shopper '{id}' already ({name}): change it with edit-shopper, or "
                    "choose another id"
                ).format(id=shopper.id, name=known.name)
            )
        connection.execute(
            insert(ShopperRow).values(
                id=shopper.id, name=shopper.name, region=shopper.region, active=shopper.active
            )
        )
        record(
            connection, "created", "shopper", shopper.id, _describe_shopper(shopper), actor=actor
        )
    return shopper


def add_location(engine: Engine, location: Location, *, actor: str) -> Location:
    """Store a new location; AlreadyThere (naming the stored one) when the id is taken."""
    with engine.begin() as connection:
        known = _location(connection, location.id)
        if known is not None:
            raise AlreadyThere(
                _(
                    "there is a location '{id}' already ({name}): change it with edit-location, "
                    "or choose another id"
                ).format(id=location.id, name=known.name)
            )
        connection.execute(
            insert(LocationRow).values(
                id=location.id,
                name=location.name,
                region=location.region,
                competitor=location.competitor,
                active=location.active,
            )
        )
        record(
            connection,
            "created",
            "location",
            location.id,
            _describe_location(location),
            actor=actor,
        )
    return location


def update_shopper(engine: Engine, changed: Shopper, *, actor: str) -> tuple[Shopper, int]:
    """Store the shopper's new fields; (the shopper, their open visits). NotThere when
    there is no such shopper. Nothing is written (or audited) when nothing changed."""
    with engine.begin() as connection:
        current = _shopper(connection, changed.id)
        if current is None:
            raise NotThere(
                _("there is no shopper '{id}': add it with add-shopper first").format(id=changed.id)
            )
        if changed != current:
            connection.execute(
                update(ShopperRow)
                .where(ShopperRow.id == changed.id)
                .values(name=changed.name, region=changed.region, active=changed.active)
            )
            detail = _changes(current.__dict__, changed.__dict__)
            record(
                connection,
                _verb(current.active, changed.active),
                "shopper",
                changed.id,
                detail,
                actor=actor,
            )
        return changed, _open_visits(connection, VisitRow.shopper_id == changed.id)


def update_location(engine: Engine, changed: Location, *, actor: str) -> tuple[Location, int]:
    """Store the location's new fields; (the location, its open visits). NotThere when
    there is no such location. Own or competitor changes only while it has no visits:
    its past results were read as one or the other."""
    with engine.begin() as connection:
        current = _location(connection, changed.id)
        if current is None:
            raise NotThere(
                _("there is no location '{id}': add it with add-location first").format(
                    id=changed.id
                )
            )
        if changed.competitor != current.competitor:
            visits = connection.scalar(
                select(func.count()).select_from(VisitRow).where(VisitRow.location_id == changed.id)
            )
            if visits:
                text = (
                    _(
                        "{name} has {visits} visit(s) as an own location: it cannot become a "
                        "competitor one; add a new location instead"
                    )
                    if current.kind == "own"
                    else _(
                        "{name} has {visits} visit(s) as a competitor location: it cannot become "
                        "an own one; add a new location instead"
                    )
                )
                raise ValueError(text.format(name=current.name, visits=visits))
        if changed != current:
            connection.execute(
                update(LocationRow)
                .where(LocationRow.id == changed.id)
                .values(
                    name=changed.name,
                    region=changed.region,
                    competitor=changed.competitor,
                    active=changed.active,
                )
            )
            detail = _changes(current.__dict__, changed.__dict__)
            record(
                connection,
                _verb(current.active, changed.active),
                "location",
                changed.id,
                detail,
                actor=actor,
            )
        return changed, _open_visits(connection, VisitRow.location_id == changed.id)


def _open_visits(connection: Connection, where: object) -> int:
    return int(
        connection.scalar(
            select(func.count())
            .select_from(VisitRow)
            .where(where, VisitRow.status.in_(OPEN_STATUSES))  # type: ignore[arg-type]
        )
        or 0
    )


def _verb(was_active: bool, active: bool) -> str:
    if was_active and not active:
        return "switched off"
    if active and not was_active:
        return "switched on"
    return "changed"


def _changes(before: dict[str, object], after: dict[str, object]) -> str:
    return "; ".join(
        f"{field}: {before[field]!s} → {after[field]!s}"
        for field in before
        if before[field] != after[field]
    )


def _describe_shopper(shopper: Shopper) -> str:
    return f"{shopper.name}" + (f" ({shopper.region})" if shopper.region else "")


def _describe_location(location: Location) -> str:
    region = f", {location.region}" if location.region else ""
    return f"{location.name} ({location.kind}{region})"

"""Reading the audit log: who created, changed, approved, imported or deleted what."""

from __future__ import annotations

from sqlalchemy import Engine

from journeymap.i18n import N_
from journeymap.model.access import Capability, Viewer
from journeymap.services.access import require
from journeymap.store import audit as audit_store
from journeymap.store.audit import AuditEntry

__all__ = ["AuditEntry", "read_audit"]


def read_audit(
    viewer: Viewer,
    engine: Engine,
    *,
    actor: str | None = None,
    object_kind: str | None = None,
    limit: int = 500,
) -> list[AuditEntry]:
    """The newest entries first, optionally of one person or one kind of object."""
    require(viewer, Capability.VIEW_AUDIT, N_("read the audit log"))
    return audit_store.read_audit(engine, actor=actor, object_kind=object_kind, limit=limit)

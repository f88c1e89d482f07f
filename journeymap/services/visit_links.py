"""Visit links: a link that opens one assigned visit without a login, issued by name."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine

from journeymap.i18n import N_
from journeymap.model.access import Capability, Viewer
from journeymap.services.access import actor, require
from journeymap.store.visit_links import DEFAULT_HOURS, MAX_HOURS, LinkRefused, issue_link

__all__ = ["DEFAULT_HOURS", "MAX_HOURS", "LinkRefused", "issue_visit_link"]


def issue_visit_link(
    viewer: Viewer, engine: Engine, visit_id: int, hours: int = DEFAULT_HOURS
) -> tuple[str, datetime]:
    """A new link token for the visit and when it expires; the viewer is its issuer.

    Raises LinkRefused for a visit that is unknown or no longer open, ValueError for
    hours out of range.
    """
    require(viewer, Capability.RUN_PROGRAMME, N_("issue visit links"))
    return issue_link(engine, visit_id, hours=hours, actor=actor(viewer))

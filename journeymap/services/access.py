"""The one door's lock: who is acting, and whether their role lets them.

Every service that changes something, or whose answer depends on who asks, takes the
acting ``Viewer`` as its first argument, calls ``require`` before it reads or writes, and
passes ``actor(viewer)`` to the store so that the audit entry names that person in the
same transaction as the change. Pages, CLI commands and API routes never decide this
themselves: then a role check or an audit actor cannot be forgotten in one of them.
"""

from __future__ import annotations

from journeymap import settings
from journeymap.i18n import _
from journeymap.model.access import Capability, Viewer, role_label, workspace_owner

__all__ = [
    "NotAllowed",
    "actor",
    "command_line_viewer",
    "owner_viewer",
    "require",
    "require_any",
]


class NotAllowed(PermissionError):
    """The acting person's role may not do this; the message is a sentence for them."""


def require(viewer: Viewer, capability: Capability, doing: str) -> None:
    """Refuse unless the viewer has the capability; ``doing`` completes "may not …" (a
    text marked with N_ where it is written, translated here)."""
    if not viewer.can(capability):
        raise NotAllowed(
            _("{name} ({role}) may not {doing}: ask an admin if you need to.").format(
                name=viewer.name, role=role_label(viewer.role), doing=_(doing)
            )
        )


def require_any(viewer: Viewer, capabilities: tuple[Capability, ...], doing: str) -> None:
    """Refuse unless the viewer has at least one of the capabilities."""
    if not any(viewer.can(c) for c in capabilities):
        require(viewer, capabilities[0], doing)


def actor(viewer: Viewer) -> str:
    """The name the audit log and every "saved by" field records for this viewer."""
    return viewer.name


def owner_viewer() -> Viewer:
    """The person of a workspace without accounts: named by JOURNEYMAP_AUTHOR, else the
    login name of whoever runs the server."""
    return workspace_owner(settings.default_author())


def command_line_viewer(name: str | None = None) -> Viewer:
    """The command line acts as a named person (``--as NAME``, else JOURNEYMAP_AUTHOR,
    else the login name) with the admin's capabilities: whoever can run commands against
    the database could change it by hand anyway, but the audit log says who it was."""
    chosen = (name or "").strip() or settings.default_author()
    return workspace_owner(f"{chosen} (command line)")

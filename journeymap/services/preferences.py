"""What each person sets for themselves: the language they read the app in.

Every signed-in person may change their own, whatever their role, and only their own;
the change is in the audit log with their name.
"""

from __future__ import annotations

from sqlalchemy import Engine

from journeymap.i18n import _
from journeymap.i18n.languages import Language, parse_language
from journeymap.model.access import Viewer
from journeymap.services.access import NotAllowed, actor
from journeymap.store.account_language import account_language, set_account_language

__all__ = ["own_language", "set_own_language"]


def _has_account(viewer: Viewer) -> bool:
    # The workspace owner and a visit link's shopper act without an account of their own.
    return not viewer.workspace_owner and viewer.only_visit is None


def own_language(viewer: Viewer, engine: Engine) -> Language | None:
    """The language the viewer chose for themselves; None: the workspace's."""
    if not _has_account(viewer):
        return None
    return account_language(engine, viewer.name)


def set_own_language(viewer: Viewer, engine: Engine, language: str | None) -> Language | None:
    """Store the viewer's own language (None or "": back to the workspace's).

    Raises ValueError (a sentence naming the choices) for a code journeymap does not
    speak, NotAllowed for a viewer without an account of their own.
    """
    if not _has_account(viewer):
        raise NotAllowed(
            _(
                "{name} has no account of their own to keep a language in: "
                "set JOURNEYMAP_LANGUAGE for the workspace instead."
            ).format(name=viewer.name)
        )
    chosen = parse_language(language) if language and language.strip() else None
    set_account_language(engine, viewer.name, chosen, actor=actor(viewer))
    return chosen

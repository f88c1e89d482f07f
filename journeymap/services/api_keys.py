"""API keys: admins make and revoke them; each request is let in by its key's scope.

A key acts as a viewer of its own ("API key NAME") so that the audit log and every
"imported by" name it: read keys with an analyst's capabilities, push keys (and keys
for both) with a leader's, narrowed further here to what the key's scope allows — the
journeys it names, and reading, pushing or both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Engine

from journeymap.i18n import N_, _
from journeymap.model.access import Capability, Role, Viewer
from journeymap.services.access import actor, require
from journeymap.services.journeys import list_journeys
from journeymap.store import api_keys as store
from journeymap.store.api_keys import SCOPES, ApiKey, ApiKeyError

__all__ = [
    "SCOPES",
    "ApiKey",
    "ApiKeyError",
    "KeyRefused",
    "create_api_key",
    "let_in",
    "list_api_keys",
    "revoke_api_key",
]

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,79}$")
NEEDS = ("read", "push")


class KeyRefused(PermissionError):
    """No key, an unknown or revoked one (status 401), or one whose scope does not
    reach (403); the message is a sentence for whoever wired the call."""

    def __init__(self, status: int, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.key = key


@dataclass(frozen=True)
class Caller:
    """A request let in: its key and the viewer it acts as."""

    key: ApiKey
    viewer: Viewer


def create_api_key(
    viewer: Viewer,
    engine: Engine,
    name: str,
    scope: str,
    journeys: tuple[str, ...] = (),
    *,
    signing_secret: str = "",
) -> tuple[ApiKey, str]:
    """A new key and its secret, which is shown only now; ApiKeyError names the field."""
    require(viewer, Capability.MANAGE_ACCOUNTS, N_("create API keys"))
    name = " ".join(name.split())
    if not NAME.match(name):
        raise ApiKeyError(
            _(
                "the key name '{name}' cannot be used: give 1 to 80 letters, digits, spaces, "
                "dots, dashes or underscores, starting with a letter or digit"
            ).format(name=name)
        )
    if scope not in SCOPES:
        raise ApiKeyError(
            _("the scope '{scope}' is unknown: use read, push or both").format(scope=scope)
        )
    known = {j.id for j in list_journeys(engine)}
    unknown = [j for j in journeys if j not in known]
    if unknown:
        raise ApiKeyError(
            _("there is no journey '{unknown}': use one of {known}").format(
                unknown=unknown[0], known=", ".join(sorted(known))
            )
        )
    if len(signing_secret) > 200:
        raise ApiKeyError(_("the signing secret is longer than 200 characters: shorten it"))
    return store.create_key(
        engine,
        name,
        scope,
        tuple(dict.fromkeys(journeys)),
        signing_secret=signing_secret.strip(),
        actor=actor(viewer),
    )


def revoke_api_key(viewer: Viewer, engine: Engine, name: str) -> None:
    require(viewer, Capability.MANAGE_ACCOUNTS, N_("revoke API keys"))
    store.revoke_key(engine, name, actor=actor(viewer))


def list_api_keys(viewer: Viewer, engine: Engine) -> list[ApiKey]:
    require(viewer, Capability.MANAGE_ACCOUNTS, N_("see the API keys"))
    return store.list_keys(engine)


def key_viewer(key: ApiKey) -> Viewer:
    role = Role.ANALYST if key.scope == "read" else Role.LEADER
    return Viewer(name=f"API key {key.name}", role=role)


def let_in(
    engine: Engine, secret: str | None, need: str, journey: str | None, doing: str
) -> Caller:
    """The caller of a request, audited; KeyRefused (401/403) with a sentence.

    ``need`` is read or push; ``journey`` the journey the request is about (None: a
    list of journeys); ``doing`` a phrase for the audit log ("POST …/responses").
    """
    if not secret:
        raise KeyRefused(
            401,
            "no API key: send it as the header 'Authorization: Bearer KEY' "
            "(an admin makes keys on the Accounts page or with `api-key`)",
        )
    key = store.find_key(engine, secret.strip())
    if key is None:
        raise KeyRefused(401, "the API key is not known: check it, or ask an admin for a new one")
    viewer = key_viewer(key)
    if not key.active:
        _audit(viewer, engine, key, f"refused (revoked): {doing}")
        raise KeyRefused(
            401, f"the API key '{key.name}' was revoked: ask an admin for a new one", key.name
        )
    if key.scope not in (need, "both"):
        _audit(viewer, engine, key, f"refused (scope {key.scope}): {doing}")
        raise KeyRefused(
            403,
            f"the API key '{key.name}' may only {key.scope}, not {need}: "
            f"use a key with the scope {need} or both",
            key.name,
        )
    if journey is not None and key.journeys and journey not in key.journeys:
        _audit(viewer, engine, key, f"refused (journey {journey}): {doing}")
        raise KeyRefused(
            403,
            f"the API key '{key.name}' is not for the journey '{journey}': it is for "
            f"{', '.join(key.journeys)}",
            key.name,
        )
    _audit(viewer, engine, key, doing)
    return Caller(key, viewer)


def allowed_journeys(caller: Caller, journey_ids: list[str]) -> list[str]:
    """Of these journeys, those the caller's key is for."""
    if not caller.key.journeys:
        return journey_ids
    return [j for j in journey_ids if j in caller.key.journeys]


def _audit(viewer: Viewer, engine: Engine, key: ApiKey, detail: str) -> None:
    store.record_use(engine, key.name, detail[:500], actor=actor(viewer))

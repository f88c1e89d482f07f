"""Alerts out: what a subscription asks for, and the rules a subscription must keep.

A subscription names a journey (and optionally one location), a kind of event, a
channel (an e-mail address, or a Slack or Microsoft Teams incoming-webhook address) and
the role of whoever reads that channel: the role decides how much personal data a
message may hold, exactly as it does on the pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from urllib.parse import urlsplit

from journeymap.i18n import N_, _
from journeymap.model.access import ROLE_LABELS, Capability, Role, Viewer, role_label


class AlertKind(StrEnum):
    DETRACTOR = "detractor"  # a new detractor who left contact details
    DEADLINE = "deadline"  # a call-back case about to pass its deadline
    SAND = "sand"  # a touchpoint turning to sand


class Channel(StrEnum):
    EMAIL = "email"
    SLACK = "slack"
    TEAMS = "teams"


KIND_LABELS: dict[AlertKind, str] = {
    AlertKind.DETRACTOR: N_("New detractor with contact details"),
    AlertKind.DEADLINE: N_("Call-back about to pass its deadline"),
    AlertKind.SAND: N_("Touchpoint turning to sand"),
}
CHANNEL_LABELS: dict[Channel, str] = {
    Channel.EMAIL: N_("E-mail"),
    Channel.SLACK: N_("Slack webhook"),
    Channel.TEAMS: N_("Microsoft Teams webhook"),
}

TARGET_LIMIT = 500
# One address, no display name: enough to refuse a typo, not a full RFC 5322 parser.
EMAIL = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")


@dataclass(frozen=True)
class Subscription:
    id: int
    journey_id: str
    location: str  # "" : every location
    kind: AlertKind
    channel: Channel
    target: str
    role: Role
    created_by: str
    created_at: datetime


def recipient(role: Role, location: str) -> Viewer:
    """The reader of a channel, as the privacy rules see them."""
    locations = frozenset({location}) if location else frozenset()
    return Viewer(name=f"alert recipient ({ROLE_LABELS[role]})", role=role, locations=locations)


def sees_contact(role: Role) -> bool:
    """Contact details are for the roles that work the call-back cases."""
    return recipient(role, "").can(Capability.WORK_CASES)


def check_subscription(
    kind: str, channel: str, target: str, role: str, location: str
) -> tuple[AlertKind, Channel, str, Role, str]:
    """The subscription's fields, tidied; ValueError with a sentence naming the field."""
    try:
        chosen_kind = AlertKind(kind)
    except ValueError:
        raise ValueError(
            _("unknown alert kind '{kind}': use one of {value}").format(
                kind=kind, value=", ".join(k.value for k in AlertKind)
            )
        ) from None
    try:
        chosen_channel = Channel(channel)
    except ValueError:
        raise ValueError(
            _("unknown channel '{channel}': use one of {value}").format(
                channel=channel, value=", ".join(c.value for c in Channel)
            )
        ) from None
    try:
        chosen_role = Role(role)
    except ValueError:
        raise ValueError(
            _("unknown role '{role}': use one of {value}").format(
                role=role, value=", ".join(r.value for r in Role)
            )
        ) from None
    tidy = target.strip()
    _check_target(chosen_channel, tidy)
    place = location.strip()
    reader = recipient(chosen_role, place)
    if not (reader.can(Capability.WORK_CASES) or reader.can(Capability.VIEW_LOCATION_RESULTS)):
        raise ValueError(
            _(
                "a {chosen_role} may not read call-back cases or results, so no alert may go to one"
            ).format(chosen_role=role_label(chosen_role))
        )
    if reader.location_scope is not None and not place:
        raise ValueError(
            _(
                "a {chosen_role} sees their own location only: name the location of the "
                "subscription"
            ).format(chosen_role=role_label(chosen_role))
        )
    return chosen_kind, chosen_channel, tidy, chosen_role, place


def _check_target(channel: Channel, target: str) -> None:
    if not target:
        raise ValueError(_("the address is empty: give an e-mail address or a webhook URL"))
    if len(target) > TARGET_LIMIT:
        raise ValueError(
            _("the address is longer than {target_limit} characters").format(
                target_limit=TARGET_LIMIT
            )
        )
    if channel == Channel.EMAIL:
        if not EMAIL.match(target):
            raise ValueError(
                _("'{target}' is not an e-mail address such as cx@example.com").format(
                    target=target
                )
            )
        return
    parts = urlsplit(target)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            _(
                "'{target}' is not a webhook URL: paste the https://… address the {channel} "
                "settings show"
            ).format(target=target, channel=_(CHANNEL_LABELS[channel]))
        )


@dataclass(frozen=True)
class AlertMessage:
    """What an alert says, before a channel's format: a title, facts as label and
    value, the customer's comment (quoted as given), and the link to act on."""

    title: str
    facts: tuple[tuple[str, str], ...]
    comment: str
    link: str
    link_label: str

    def text(self) -> str:
        """The message as plain text (the e-mail body, the notification's fallback)."""
        lines = [self.title, ""]
        lines += [f"{label}: {value}" for label, value in self.facts]
        if self.comment:
            lines += ["", "Comment:", self.comment]
        lines += ["", f"{self.link_label}: {self.link}"]
        return "\n".join(lines)

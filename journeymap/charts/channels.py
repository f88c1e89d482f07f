"""A channel named in the reader's language, the same on the graph, the map, the tables
and the editor.

The channels of the example journeys have a title ("Filial" for branch in Danish); a
channel a team typed stays as they typed it (capitalised as a lane's title).
"""

from __future__ import annotations

from journeymap.i18n import N_, _

# The channels the example journeys use, as a lane's title reads them; a channel of the
# team's own stays as they typed it.
CHANNEL_LABELS = {
    "branch": N_("Branch"),
    "phone": N_("Phone"),
    "web": N_("Web"),
    "app": N_("App"),
    "email": N_("Email"),
    "chat": N_("Chat"),
    "letter": N_("Letter"),
    "social": N_("Social media"),
    "sms": N_("SMS"),
    "delivery": N_("Delivery"),
    "home": N_("At home"),
}


def channel_label(channel: str) -> str:
    """The channel in the reader's language: "Filial" for branch; others capitalised."""
    label = CHANNEL_LABELS.get(channel.strip().lower())
    return _(label) if label else channel.capitalize()


def channel_name(channel: object) -> str:
    """A known channel in words ("Filial"); a typed one exactly as typed."""
    label = CHANNEL_LABELS.get(str(channel).strip().lower())
    return _(label) if label else str(channel)

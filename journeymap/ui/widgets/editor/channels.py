"""The channels a journey's touchpoints are in, named in the reader's language.

A channel is stored as its key ("branch", "phone" …) or as a name someone typed; the
known keys are shown in words, typed names as they were typed.
"""

from __future__ import annotations

from journeymap.i18n import N_, _

# Translators: the channel a touchpoint happens in (a lane of the journey map).
CHANNEL_NAMES = {
    "branch": N_("branch"),
    "phone": N_("phone"),
    "web": N_("web"),
    "app": N_("app"),
    "email": N_("email"),
    "chat": N_("chat"),
    "letter": N_("letter"),
    "social": N_("social"),
}


def channel_name(channel: object) -> str:
    """A known channel in words; a typed one as typed."""
    known = CHANNEL_NAMES.get(str(channel))
    return _(known) if known is not None else str(channel)

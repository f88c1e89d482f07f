"""The words of an alert (e-mail, Slack, Teams), in the workspace's language.

Alerts are sent by the dispatcher, with no reader at a screen: they are written in
JOURNEYMAP_LANGUAGE (the dispatcher chooses it). English keeps the forms the alerts
have always had (2026-03-01 11:00, -40), which the channels' readers know.
"""

from __future__ import annotations

from datetime import datetime

from journeymap.i18n import N_, _, current_language, ngettext
from journeymap.i18n import formatting as fmt
from journeymap.model.alerts import AlertKind

KIND_TITLES: dict[AlertKind, str] = {
    AlertKind.DETRACTOR: N_("New detractor with contact details"),
    AlertKind.DEADLINE: N_("Call-back about to pass its deadline"),
    AlertKind.SAND: N_("Touchpoint turning to sand"),
}
FACT_LABELS: dict[str, str] = {
    "journey": N_("Journey"),
    "touchpoint": N_("Touchpoint"),
    "score": N_("Score"),
    "location": N_("Location"),
    "answered": N_("Answered"),
    "call_back_by": N_("Call back by"),
    "time_left": N_("Time left"),
    "contact": N_("Contact"),
    "friction": N_("Friction"),
    "why": N_("Why"),
}


def _english() -> bool:
    return current_language() == "en"


def label(key: str) -> str:
    """A fact's label: "journey" → Journey (Kunderejse in Danish)."""
    return "NPS" if key == "nps" else _(FACT_LABELS[key])


def _signed(value: float) -> str:
    return f"{value:+.0f}" if _english() else fmt.signed(value)


def moment(local: datetime, zone: str) -> str:
    """A wall-clock time of the workspace's zone, with the zone named."""
    shown = f"{local:%Y-%m-%d %H:%M}" if _english() else fmt.moment(local)
    return f"{shown} ({zone})"


def score_of_ten(score: int | None) -> str:
    return "" if score is None else _("{score} of 10").format(score=fmt.number(score))


def friction_of_hundred(friction: float) -> str:
    return _("{friction} of 100").format(friction=fmt.number(friction))


def time_left(hours: float) -> str:
    """1.5 hours, or how long ago the deadline passed."""
    left = fmt.number(abs(hours), 1)
    count = 1 if round(abs(hours), 1) == 1 else 2  # plural forms are chosen by a whole number
    if hours > 0:
        return ngettext("{hours} hour", "{hours} hours", count).format(hours=left)
    return ngettext("passed {hours} hour ago", "passed {hours} hours ago", count).format(hours=left)


def nps_with_interval(nps: float, low: float, high: float, n: int) -> str:
    return _("{nps} (95% interval {low} to {high}, n = {n})").format(
        nps=_signed(nps), low=_signed(low), high=_signed(high), n=fmt.number(n)
    )


def case_title(kind: AlertKind, touchpoint: str, score: int | None, journey: str) -> str:
    return _("{kind}: {touchpoint}, score {score} ({journey})").format(
        kind=_(KIND_TITLES[kind]), touchpoint=touchpoint, score=score, journey=journey
    )


def sand_title(touchpoint: str, journey: str) -> str:
    return _("{kind}: {touchpoint} ({journey})").format(
        kind=_(KIND_TITLES[AlertKind.SAND]), touchpoint=touchpoint, journey=journey
    )


def open_case(case_id: int | None) -> str:
    return _("Open call-back case {case}").format(case=case_id)


def open_sand_ranking() -> str:
    return _("Open the sand ranking")


def withheld() -> str:
    return _("(withheld for this channel's role)")


def no_touchpoint() -> str:
    return _("(no touchpoint)")


def comment_heading() -> str:
    return _("Comment:")

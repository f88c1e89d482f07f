"""Words the survey pages share: score groups, call-back urgencies and periods, in the
reader's language (the data keeps its English codes; only what is shown is translated)."""

from __future__ import annotations

from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt

GROUP_WORDS = {
    "promoter": N_("promoter"),
    "passive": N_("passive"),
    "detractor": N_("detractor"),
}
GROUP_NAMES = {
    "promoter": N_("Promoters (9–10)"),
    "passive": N_("Passives (7–8)"),
    "detractor": N_("Detractors (0–6)"),
}
URGENCY_WORDS = {
    "overdue": N_("overdue"),
    "due today": N_("due today"),
    "open": N_("open"),
    "contacted": N_("contacted"),
    "closed": N_("closed"),
}
KIND_NAMES = {
    "transactional": N_("Transactional NPS"),
    "relationship": N_("Relationship NPS"),
}


def group_word(group: str) -> str:
    """promoter, passive or detractor as the reader says it (another value as it is)."""
    return _(GROUP_WORDS[group]) if group in GROUP_WORDS else group


def urgency_word(urgency: str) -> str:
    return _(URGENCY_WORDS[urgency]) if urgency in URGENCY_WORDS else urgency


def kind_name(kind: str) -> str:
    return _(KIND_NAMES[kind]) if kind in KIND_NAMES else kind


def hours_text(hours: float) -> str:
    """24, or 1,5 where the setting has a fraction of an hour."""
    return fmt.number(hours, 0 if float(hours).is_integer() else 1)

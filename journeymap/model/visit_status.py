"""The life of a mystery-shopper visit, from assignment to counting in the results.

assigned → in_progress → submitted → approved → counted, with a reviewer able to send
a submitted visit back (returned) for the shopper to correct and submit again. Only the
shopper's statuses let answers change: once submitted the form is read-only for them.
Whoever runs the programme may cancel a visit that has not been submitted (the
shopper fell ill, the branch closed): cancelled is final, and never counts.
"""

from __future__ import annotations

from typing import Literal

from journeymap.i18n import N_, _

VisitStatus = Literal[
    "assigned", "in_progress", "submitted", "returned", "approved", "counted", "cancelled"
]
VISIT_STATUSES: tuple[str, ...] = (
    "assigned",
    "in_progress",
    "submitted",
    "returned",
    "approved",
    "counted",
    "cancelled",
)
STATUS_LABELS: dict[str, str] = {
    "assigned": N_("Assigned"),
    "in_progress": N_("In progress"),
    "submitted": N_("Submitted"),
    "returned": N_("Returned for correction"),
    "approved": N_("Approved"),
    "counted": N_("Counted"),
    "cancelled": N_("Cancelled"),
}
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    "assigned": ("in_progress",),
    "in_progress": ("submitted",),
    "submitted": ("approved", "returned"),
    "returned": ("submitted",),
    # An approval can be reopened while the round is open; counting closes it.
    "approved": ("counted", "returned"),
    "counted": (),
    "cancelled": (),
}
# Statuses in which the shopper may still change answers.
EDITABLE_STATUSES: tuple[str, ...] = ("assigned", "in_progress", "returned")
# What the programme may still cancel: nothing the shopper has submitted.
CANCELLABLE_STATUSES: tuple[str, ...] = EDITABLE_STATUSES
# What may change hands: only a visit nobody has started (answers belong to who gave them).
REASSIGNABLE_STATUSES: tuple[str, ...] = ("assigned",)
# What results count by default, and what they count when unreviewed visits are wanted.
APPROVED_STATUSES: tuple[str, ...] = ("approved", "counted")
REPORTED_STATUSES: tuple[str, ...] = ("submitted", "approved", "counted")


def status_label(status: str) -> str:
    """A visit status as the reader calls it ("Returned for correction")."""
    return _(STATUS_LABELS[status]) if status in STATUS_LABELS else status


class StatusChangeRefused(ValueError):
    """A visit cannot move from its status to the one asked for."""


def check_transition(current: str, wanted: str) -> None:
    """Raise :class:`StatusChangeRefused` unless ``current`` → ``wanted`` is allowed."""
    if wanted not in NEXT_STATUSES.get(current, ()):
        allowed = [status_label(s).lower() for s in NEXT_STATUSES.get(current, ())]
        if not allowed:
            text = _("a visit that is {current} cannot become {wanted}: it is final")
        elif len(allowed) == 1:
            text = _("a visit that is {current} cannot become {wanted}: it can only become {one}")
        else:
            text = _(
                "a visit that is {current} cannot become {wanted}: it can only become {one} "
                "or {other}"
            )
        raise StatusChangeRefused(
            text.format(
                current=status_label(current).lower(),
                wanted=status_label(wanted).lower(),
                one=allowed[0] if allowed else "",
                other=allowed[-1] if allowed else "",
            )
        )


def counted_statuses(approved_only: bool) -> tuple[str, ...]:
    return APPROVED_STATUSES if approved_only else REPORTED_STATUSES

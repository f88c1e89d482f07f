"""Who may do what: roles, their capabilities, and the viewer every query is scoped to.

Pages and commands ask ``viewer.can(capability)``; stores take the viewer's scope
(own visits, own locations) so that a refused row is never read, not merely hidden.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from journeymap.i18n import N_, _


class Role(StrEnum):
    ADMIN = "admin"
    LEADER = "leader"
    ANALYST = "analyst"
    LOCATION_MANAGER = "location_manager"
    SHOPPER = "shopper"


ROLE_LABELS: dict[Role, str] = {
    Role.ADMIN: N_("Admin"),
    Role.LEADER: N_("Leader"),
    Role.ANALYST: N_("Analyst / consultant"),
    Role.LOCATION_MANAGER: N_("Location manager"),
    Role.SHOPPER: N_("Mystery shopper"),
}

ROLE_HELP: dict[Role, str] = {
    Role.ADMIN: N_("Everything, plus accounts and the audit log."),
    Role.LEADER: N_("Edits journeys, runs the programme, reviews visits, sees all results."),
    Role.ANALYST: N_("Reads journeys and all results, exports them; changes nothing."),
    Role.LOCATION_MANAGER: N_("Sees the journey and the results of their own locations only."),
    Role.SHOPPER: N_("Sees only the visits assigned to them and fills in their forms."),
}


def role_label(role: Role) -> str:
    """A role as the reader calls it ("Location manager")."""
    return _(ROLE_LABELS[role])


class Capability(StrEnum):
    MANAGE_ACCOUNTS = "manage_accounts"
    VIEW_AUDIT = "view_audit"
    EDIT_JOURNEYS = "edit_journeys"
    VIEW_JOURNEYS = "view_journeys"
    IMPORT_DATA = "import_data"
    EXPORT = "export"
    RUN_PROGRAMME = "run_programme"
    REVIEW_VISITS = "review_visits"
    FILL_VISITS = "fill_visits"
    VIEW_ALL_RESULTS = "view_all_results"
    VIEW_LOCATION_RESULTS = "view_location_results"
    WORK_CASES = "work_cases"
    MANAGE_ACTIONS = "manage_actions"
    MANAGE_ALERTS = "manage_alerts"


_LEADER = frozenset(
    {
        Capability.EDIT_JOURNEYS,
        Capability.VIEW_JOURNEYS,
        Capability.IMPORT_DATA,
        Capability.EXPORT,
        Capability.RUN_PROGRAMME,
        Capability.REVIEW_VISITS,
        Capability.VIEW_ALL_RESULTS,
        Capability.VIEW_LOCATION_RESULTS,
        Capability.WORK_CASES,
        Capability.MANAGE_ACTIONS,
        Capability.MANAGE_ALERTS,
    }
)
ROLE_CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.ADMIN: _LEADER
    | {Capability.MANAGE_ACCOUNTS, Capability.VIEW_AUDIT, Capability.FILL_VISITS},
    Role.LEADER: _LEADER,
    Role.ANALYST: frozenset(
        {
            Capability.VIEW_JOURNEYS,
            Capability.EXPORT,
            Capability.VIEW_ALL_RESULTS,
            Capability.VIEW_LOCATION_RESULTS,
        }
    ),
    Role.LOCATION_MANAGER: frozenset({Capability.VIEW_JOURNEYS, Capability.VIEW_LOCATION_RESULTS}),
    Role.SHOPPER: frozenset({Capability.FILL_VISITS}),
}


@dataclass(frozen=True)
class Viewer:
    """The person a page or command acts for, with the scope of what they may read.

    ``shopper_id`` limits visits to that shopper's; ``locations`` limits results of a
    location manager to those location ids; ``only_visit`` is set when a visit link
    (not a login) opened the session: that one visit and nothing else.
    """

    name: str
    role: Role
    shopper_id: str | None = None
    locations: frozenset[str] = field(default_factory=frozenset)
    only_visit: int | None = None
    # True for the one person of a workspace without accounts (the app on their own
    # machine) and for the command line: admin by position, not by an account.
    workspace_owner: bool = False

    def can(self, capability: Capability) -> bool:
        if self.only_visit is not None:
            return capability == Capability.FILL_VISITS
        return capability in ROLE_CAPABILITIES[self.role]

    @property
    def location_scope(self) -> frozenset[str] | None:
        """Location ids the viewer's results are limited to; None: all of them."""
        return None if self.can(Capability.VIEW_ALL_RESULTS) else self.locations

    @property
    def shopper_scope(self) -> str | None:
        """The only shopper whose visits the viewer may open; None: any shopper's."""
        if self.role == Role.SHOPPER or self.only_visit is not None:
            return self.shopper_id or ""
        return None


def workspace_owner(name: str) -> Viewer:
    """The viewer of a workspace without accounts (one person on their own machine; the
    app listens on localhost only until configured otherwise) or of the command line:
    admin, named so that the audit log says who it was."""
    return Viewer(name=name, role=Role.ADMIN, workspace_owner=True)


# The owner as the navigation registry sees it; the name of the actual person comes from
# services.access.owner_viewer().
LOCAL_OWNER = workspace_owner("local")

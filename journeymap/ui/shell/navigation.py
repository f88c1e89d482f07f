"""The app's pages in one registry: each feature adds its PageSpec here.

Pages are files (run as scripts by st.navigation) so that AppTest can switch to each.
``needs_journey`` pages are shown only when the workspace has a journey; the sections
become the groups of the sidebar navigation. Each page names the capability it needs:
a viewer without it does not see the page, and its address shows "not allowed".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from journeymap.i18n import N_
from journeymap.model.access import Capability as Can
from journeymap.model.access import Viewer

PAGES_DIR = Path(__file__).parents[1] / "pages"


@dataclass(frozen=True)
class PageSpec:
    file: str
    title: str
    icon: str
    url_path: str
    section: str
    capability: Can
    needs_journey: bool = True

    @property
    def path(self) -> Path:
        return PAGES_DIR / self.file


# Section names and page titles are marked here and translated where the navigation
# shows them.
JOURNEY = N_("Journey")
WORKSPACE = N_("Workspace")

JOURNEY_PAGE = PageSpec(
    "journey.py", N_("Journey"), ":material/route:", "journey", JOURNEY, Can.VIEW_JOURNEYS
)
EDIT_PAGE = PageSpec(
    "edit.py", N_("Edit journey"), ":material/edit:", "edit", JOURNEY, Can.EDIT_JOURNEYS
)
HISTORY_PAGE = PageSpec(
    "history.py", N_("History"), ":material/history:", "history", JOURNEY, Can.EDIT_JOURNEYS
)
COMPARE_PAGE = PageSpec(
    "compare.py", N_("As-is vs to-be"), ":material/compare:", "compare", JOURNEY, Can.VIEW_JOURNEYS
)
NEW_JOURNEY_PAGE = PageSpec(
    "new_journey.py",
    N_("New journey"),
    ":material/add_circle:",
    "new-journey",
    WORKSPACE,
    Can.EDIT_JOURNEYS,
    needs_journey=False,
)
WELCOME_PAGE = PageSpec(
    "welcome.py",
    N_("Get started"),
    ":material/rocket_launch:",
    "get-started",
    WORKSPACE,
    Can.EDIT_JOURNEYS,
    needs_journey=False,
)

SAND = N_("Sand in the machine")
SAND_PAGE = PageSpec(
    "sand.py", N_("Sand ranking"), ":material/warning:", "sand", SAND, Can.VIEW_LOCATION_RESULTS
)
WALK_PAGE = PageSpec(
    "walk.py",
    N_("Walk the journey"),
    ":material/directions_walk:",
    "walk",
    SAND,
    Can.VIEW_LOCATION_RESULTS,
)

SHOPPING = N_("Mystery shopping")
VISIT_FORM_PAGE = PageSpec(
    "visit_form.py",
    N_("Visit form"),
    ":material/assignment:",
    "visit-form",
    SHOPPING,
    Can.FILL_VISITS,
)
REVIEW_PAGE = PageSpec(
    "review.py", N_("Review visits"), ":material/fact_check:", "review", SHOPPING, Can.REVIEW_VISITS
)
SHOPPER_RESULTS_PAGE = PageSpec(
    "shopper_results.py",
    N_("Shopper results"),
    ":material/leaderboard:",
    "shopper-results",
    SHOPPING,
    Can.VIEW_LOCATION_RESULTS,
)
PROGRAMME_PAGE = PageSpec(
    "programme.py",
    N_("Programme"),
    ":material/event_note:",
    "programme",
    SHOPPING,
    Can.RUN_PROGRAMME,
)

VOC = N_("Voice of the customer")
NPS_PAGE = PageSpec("nps.py", N_("NPS"), ":material/monitoring:", "nps", VOC, Can.VIEW_ALL_RESULTS)
VERBATIMS_PAGE = PageSpec(
    "verbatims.py",
    N_("Verbatims"),
    ":material/format_quote:",
    "verbatims",
    VOC,
    Can.VIEW_ALL_RESULTS,
)
CALLBACKS_PAGE = PageSpec(
    "callbacks.py", N_("Call-backs"), ":material/call:", "call-backs", VOC, Can.WORK_CASES
)
SURVEY_IMPORT_PAGE = PageSpec(
    "survey_import.py",
    N_("Import survey data"),
    ":material/upload_file:",
    "import-surveys",
    VOC,
    Can.IMPORT_DATA,
)

EXPORT_PAGE = PageSpec(
    "export.py", N_("Export"), ":material/download:", "export", WORKSPACE, Can.EXPORT
)

ACT = N_("Act")
ACTIONS_PAGE = PageSpec(
    "actions.py",
    N_("Improvement actions"),
    ":material/task_alt:",
    "actions",
    ACT,
    Can.MANAGE_ACTIONS,
)
REPORT_PAGE = PageSpec(
    "period_report.py",
    N_("Period report"),
    ":material/summarize:",
    "report",
    ACT,
    Can.VIEW_ALL_RESULTS,
)

ADMIN = N_("Administration")
ACCOUNTS_PAGE = PageSpec(
    "accounts.py",
    N_("Accounts"),
    ":material/group:",
    "accounts",
    ADMIN,
    Can.MANAGE_ACCOUNTS,
    needs_journey=False,
)
AUDIT_PAGE = PageSpec(
    "audit_log.py",
    N_("Audit log"),
    ":material/policy:",
    "audit-log",
    ADMIN,
    Can.VIEW_AUDIT,
    needs_journey=False,
)
ALERTS_PAGE = PageSpec(
    "alerts.py", N_("Alerts"), ":material/notifications:", "alerts", ADMIN, Can.MANAGE_ALERTS
)

# In sidebar order. The first page that can be shown is the default page.
PAGES: tuple[PageSpec, ...] = (
    JOURNEY_PAGE,
    EDIT_PAGE,
    HISTORY_PAGE,
    COMPARE_PAGE,
    SAND_PAGE,
    WALK_PAGE,
    VISIT_FORM_PAGE,
    REVIEW_PAGE,
    SHOPPER_RESULTS_PAGE,
    PROGRAMME_PAGE,
    NPS_PAGE,
    VERBATIMS_PAGE,
    CALLBACKS_PAGE,
    SURVEY_IMPORT_PAGE,
    ACTIONS_PAGE,
    REPORT_PAGE,
    WELCOME_PAGE,
    NEW_JOURNEY_PAGE,
    EXPORT_PAGE,
    ACCOUNTS_PAGE,
    ALERTS_PAGE,
    AUDIT_PAGE,
)


def visible_pages(has_journeys: bool, viewer: Viewer) -> list[PageSpec]:
    """The pages in the viewer's navigation, in sidebar order."""
    return [
        page
        for page in PAGES
        if (has_journeys or not page.needs_journey) and viewer.can(page.capability)
    ]


def refused_pages(viewer: Viewer) -> list[PageSpec]:
    """Pages the viewer's role may not open: their addresses answer "not allowed"."""
    return [page for page in PAGES if not viewer.can(page.capability)]

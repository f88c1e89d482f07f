"""The app's pages in one registry: each feature adds its PageSpec here.

Pages are files (run as scripts by st.navigation) so that AppTest can switch to each.
``needs_journey`` pages are shown only when the workspace has a journey; the sections
become the groups of the sidebar navigation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PAGES_DIR = Path(__file__).parent / "pages"


@dataclass(frozen=True)
class PageSpec:
    file: str
    title: str
    icon: str
    url_path: str
    section: str
    needs_journey: bool = True

    @property
    def path(self) -> Path:
        return PAGES_DIR / self.file


JOURNEY_PAGE = PageSpec("journey.py", "Journey", ":material/route:", "journey", "Journey")
EDIT_PAGE = PageSpec("edit.py", "Edit journey", ":material/edit:", "edit", "Journey")
HISTORY_PAGE = PageSpec("history.py", "History", ":material/history:", "history", "Journey")
COMPARE_PAGE = PageSpec("compare.py", "As-is vs to-be", ":material/compare:", "compare", "Journey")
NEW_JOURNEY_PAGE = PageSpec(
    "new_journey.py",
    "New journey",
    ":material/add_circle:",
    "new-journey",
    "Workspace",
    needs_journey=False,
)
WELCOME_PAGE = PageSpec(
    "welcome.py",
    "Get started",
    ":material/rocket_launch:",
    "get-started",
    "Workspace",
    needs_journey=False,
)

SAND = "Sand in the machine"
SAND_PAGE = PageSpec("sand.py", "Sand ranking", ":material/warning:", "sand", SAND)
WALK_PAGE = PageSpec("walk.py", "Walk the journey", ":material/directions_walk:", "walk", SAND)

SHOPPING = "Mystery shopping"
VISIT_FORM_PAGE = PageSpec(
    "visit_form.py", "Visit form", ":material/assignment:", "visit-form", SHOPPING
)
REVIEW_PAGE = PageSpec("review.py", "Review visits", ":material/fact_check:", "review", SHOPPING)
SHOPPER_RESULTS_PAGE = PageSpec(
    "shopper_results.py", "Shopper results", ":material/leaderboard:", "shopper-results", SHOPPING
)
PROGRAMME_PAGE = PageSpec(
    "programme.py", "Programme", ":material/event_note:", "programme", SHOPPING
)

VOC = "Voice of the customer"
NPS_PAGE = PageSpec("nps.py", "NPS", ":material/monitoring:", "nps", VOC)
VERBATIMS_PAGE = PageSpec("verbatims.py", "Verbatims", ":material/format_quote:", "verbatims", VOC)
CALLBACKS_PAGE = PageSpec("callbacks.py", "Call-backs", ":material/call:", "call-backs", VOC)
SURVEY_IMPORT_PAGE = PageSpec(
    "survey_import.py", "Import survey data", ":material/upload_file:", "import-surveys", VOC
)

EXPORT_PAGE = PageSpec("export.py", "Export", ":material/download:", "export", "Workspace")

ACT = "Act"
ACTIONS_PAGE = PageSpec("actions.py", "Improvement actions", ":material/task_alt:", "actions", ACT)
REPORT_PAGE = PageSpec("period_report.py", "Period report", ":material/summarize:", "report", ACT)

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
)


def visible_pages(has_journeys: bool) -> list[PageSpec]:
    return [page for page in PAGES if has_journeys or not page.needs_journey]

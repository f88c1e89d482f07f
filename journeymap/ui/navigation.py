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
WELCOME_PAGE = PageSpec(
    "welcome.py",
    "Get started",
    ":material/rocket_launch:",
    "get-started",
    "Workspace",
    needs_journey=False,
)

# In sidebar order. The first page that can be shown is the default page.
PAGES: tuple[PageSpec, ...] = (
    JOURNEY_PAGE,
    WELCOME_PAGE,
)


def visible_pages(has_journeys: bool) -> list[PageSpec]:
    return [page for page in PAGES if has_journeys or not page.needs_journey]

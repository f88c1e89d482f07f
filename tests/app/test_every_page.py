"""Every page an admin sees opens cleanly before there is anything to show.

Two states a new workspace passes through: nothing at all, and journeys imported but no
evidence yet (no responses, visits or metrics). Each page must explain itself then,
without an exception and without an error box.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from journeymap.model import Journey
from journeymap.model.access import LOCAL_OWNER
from journeymap.ui.shell.navigation import PageSpec, visible_pages
from tests.app.conftest import app, page_path


def page_params(has_journeys: bool) -> list:  # noqa: ANN401 - pytest params
    pages = visible_pages(has_journeys=has_journeys, viewer=LOCAL_OWNER)
    return [pytest.param(page, id=page.url_path) for page in pages]


def opened(page: PageSpec) -> AppTest:
    # With no accounts in the workspace, whoever opens the app is its local admin.
    at = app().run()
    at.switch_page(page_path(page.file.removesuffix(".py"))).run()
    return at


def assert_opens_cleanly(at: AppTest, page: PageSpec) -> None:
    assert not at.exception, (page.file, [e.value for e in at.exception])
    assert not at.error, (page.file, [e.value for e in at.error])
    assert at.title, page.file  # the page itself ran, not only the sidebar


@pytest.mark.usefixtures("empty_workspace")
@pytest.mark.parametrize("page", page_params(has_journeys=False))
def test_every_page_opens_in_an_empty_workspace(page: PageSpec) -> None:
    assert_opens_cleanly(opened(page), page)


@pytest.mark.parametrize("page", page_params(has_journeys=True))
def test_every_page_opens_with_journeys_but_no_evidence(
    example_workspace: list[Journey], page: PageSpec
) -> None:
    assert_opens_cleanly(opened(page), page)

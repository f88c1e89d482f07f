"""The HTTP API's OpenAPI page renders in a browser with nothing from outside."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api_workspace import ApiWorkspace, seed_api_workspace, serving


@pytest.fixture
def api(sqlite_url: str) -> Iterator[str]:
    workspace: ApiWorkspace = seed_api_workspace(sqlite_url)
    with serving(workspace.engine) as base:
        yield base
    workspace.engine.dispose()


def test_the_docs_page_renders_without_a_cdn(api: str, page: Any, artifacts: Path) -> None:
    outside: list[str] = []

    def only_local(route: Any) -> None:
        url = route.request.url
        if url.startswith(api) or url.startswith("data:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(f"{api}/api/docs")
    page.wait_for_selector(".opblock", timeout=60_000)
    page.locator(".opblock-summary-path", has_text="/responses").first.click()
    page.wait_for_selector(".opblock-body", timeout=30_000)
    page.screenshot(path=str(artifacts / "api-docs.png"), full_page=False)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/v1/journeys/{journey}/responses" in p for p in paths)
    assert any("/api/v1/journeys/{journey}/nps" in p for p in paths)
    assert outside == []

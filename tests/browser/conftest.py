"""Fixtures for the browser tier: the app as `make run` starts it, and real Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import JOURNEYS_DIR, ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"
STARTUP_SECONDS = 60
VIEWPORT = {"width": 1920, "height": 1080}


@dataclass(frozen=True)
class RunningApp:
    url: str
    db_url: str
    log: Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def load_workspace(db_url: str) -> None:
    """The demo workspace, as `make run` loads it."""
    from journeymap.demo import load_demo
    from journeymap.store.engine import open_database

    engine = open_database(db_url)
    load_demo(engine, JOURNEYS_DIR, actor="fixture", seed=2026)
    engine.dispose()


def start_app(
    db_url: str, log: Path, port: int | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """Start the app; ``port`` restarts it where a browser is already connected."""
    port = port or free_port()
    env = os.environ | {
        "JOURNEYMAP_DB_URL": db_url,
        "JOURNEYMAP_AUTHOR": "browser-test",
        # Photos and other files go next to the test database, never into data/.
        "JOURNEYMAP_DATA_DIR": str(log.parent),
    }
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "streamlit_app.py",
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.3)
    stop(process)
    pytest.fail(f"streamlit did not answer on {url} within {STARTUP_SECONDS} s:\n{log.read_text()}")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} is missing: install it with `make chromium` (apt-get install chromium)"
        )
    return CHROMIUM


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def launch_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[bool], RunningApp]]:
    """Start the app on a fresh database, with or without the demo workspace."""
    processes: list[subprocess.Popen[bytes]] = []

    def launch(with_data: bool) -> RunningApp:
        folder = tmp_path_factory.mktemp("app-with-data" if with_data else "app-empty")
        db_url = f"sqlite:///{folder / 'journeymap.db'}"
        if with_data:
            load_workspace(db_url)
        log = folder / "streamlit.log"
        process, url = start_app(db_url, log)
        processes.append(process)
        return RunningApp(url, db_url, log)

    yield launch
    for process in processes:
        stop(process)


@pytest.fixture(scope="session")
def app_with_data(launch_app: Callable[[bool], RunningApp]) -> RunningApp:
    return launch_app(True)


@pytest.fixture(scope="session")
def empty_app(launch_app: Callable[[bool], RunningApp]) -> RunningApp:
    return launch_app(False)


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


FAILED_CALL = pytest.StashKey[bool]()
LOG_TAIL_CHARS = 4_000
SCREEN_TEXT_CHARS = 3_000


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    report = yield
    if report.when == "call" and report.failed:
        item.stash[FAILED_CALL] = True
    return report


@pytest.fixture
def page(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    context = browser.new_context(viewport=VIEWPORT)  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    if request.node.stash.get(FAILED_CALL, False):
        describe_failure(page, request.node)
    context.close()


def describe_failure(page: object, item: pytest.Item) -> None:
    """Keep what the person would have seen: a failure in CI cannot be rerun to look.

    Printed in teardown, so pytest shows it under the failed test's report.
    """
    ARTIFACTS.mkdir(exist_ok=True)
    picture = ARTIFACTS / f"failed-{item.name}.png"
    try:
        page.screenshot(path=str(picture), full_page=True)  # type: ignore[attr-defined]
        screen = page.locator("[data-testid='stApp']").inner_text(timeout=5_000)  # type: ignore[attr-defined]
    except Exception as error:  # noqa: BLE001 - the page may be gone; the report must still come
        screen = f"(the page could not be read: {error})"
    print(f"--- on screen at the failure (picture: {picture}) ---")
    print(screen[-SCREEN_TEXT_CHARS:])
    for app in (value for value in item.funcargs.values() if isinstance(value, RunningApp)):  # type: ignore[attr-defined]
        print(f"--- the end of {app.log} ---")
        print(app.log.read_text(errors="replace")[-LOG_TAIL_CHARS:])


def settle(page: object, timeout_ms: int = 90_000) -> None:
    """Wait until Streamlit has finished the current run and dropped stale elements.

    While a run is going on, elements of the previous screen stay in the page (marked
    stale) and may take new keys; acting on the page then can hit the wrong element
    or a field that is about to be replaced. A rerun asked for by the last action may
    still be on its way to the server, so the app's own run state is read only after
    a short pause, as Streamlit's own browser tests do.
    """
    page.wait_for_timeout(250)  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        """() => {
            const app = document.querySelector("[data-testid='stApp']");
            return app
              && app.getAttribute("data-test-script-state") !== "running"
              && app.getAttribute("data-test-connection-state") === "CONNECTED"
              && !document.querySelector("[data-testid='stStatusWidget']")
              && !document.querySelector("[data-stale='true']");
        }""",
        timeout=timeout_ms,
    )

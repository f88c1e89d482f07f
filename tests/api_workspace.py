"""A workspace for the HTTP API's tests: the bank journey and a key of each scope."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import uvicorn
from sqlalchemy import Engine

from journeymap.api.app import create_app
from journeymap.io.journey_files import read_journey_file
from journeymap.services.access import command_line_viewer
from journeymap.services.api_keys import create_api_key
from journeymap.services.journeys import import_journey
from journeymap.store.engine import open_database
from tests.conftest import JOURNEYS_DIR

JOURNEY = "bank-advisory"
OTHER = "retail-returns"
ADMIN = command_line_viewer("Rita")
TOUCHPOINT = "book-online"  # a touchpoint of the bank journey


@dataclass(frozen=True)
class ApiWorkspace:
    engine: Engine
    keys: dict[str, str]  # key name → secret: push, read, both, other (push to OTHER only)

    def bearer(self, name: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[name]}"}


def seed_api_workspace(url: str, *, signing_secret: str = "") -> ApiWorkspace:
    engine = open_database(url)
    for name in (JOURNEY, OTHER):
        journey = read_journey_file(JOURNEYS_DIR / f"{name}.yaml").journey
        import_journey(ADMIN, engine, journey, base_revision=None, source=f"{name}.yaml")
    keys = {}
    for name, scope, journeys in (
        ("push", "push", (JOURNEY,)),
        ("read", "read", ()),
        ("both", "both", ()),
        ("other", "push", (OTHER,)),
    ):
        _, keys[name] = create_api_key(ADMIN, engine, name, scope, journeys)
    if signing_secret:
        _, keys["signed"] = create_api_key(
            ADMIN, engine, "signed", "push", (), signing_secret=signing_secret
        )
    return ApiWorkspace(engine, keys)


def answer(
    response_id: str, score: int = 9, at: str = "2026-11-02T10:15:00+01:00", **extra: Any
) -> dict[str, Any]:
    return {
        "response_id": response_id,
        "score": score,
        "responded_at": at,
        "touchpoint": TOUCHPOINT,
        **extra,
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(engine: Engine) -> Iterator[str]:
    """The API served by uvicorn in a thread on a free port; its base URL."""
    port = free_port()
    config = uvicorn.Config(create_app(engine), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)

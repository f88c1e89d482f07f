"""`python -m journeymap api`: the API on uvicorn, on the workspace's database."""

from __future__ import annotations

import uvicorn

from journeymap import settings
from journeymap.api.app import create_app
from journeymap.store.engine import open_database


def serve(db_url: str | None = None, *, host: str | None = None, port: int | None = None) -> None:
    app = create_app(open_database(db_url))
    uvicorn.run(
        app,
        host=host or settings.api_host(),
        port=port or settings.api_port(),
        log_level="info",
    )

"""`python -m journeymap api`: the API on uvicorn, on the workspace's database."""

from __future__ import annotations

import logging
import re

import uvicorn

from journeymap import settings
from journeymap.api.app import create_app
from journeymap.store.engine import open_database

_KEY_IN_QUERY = re.compile(r"([?&]key=)[^&\s]*")


class HideKeys(logging.Filter):
    """Webhooks may carry their API key as ``?key=``: the access log shows it as ***."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                _KEY_IN_QUERY.sub(r"\1***", a) if isinstance(a, str) else a for a in record.args
            )
        return True


def serve(db_url: str | None = None, *, host: str | None = None, port: int | None = None) -> None:
    app = create_app(open_database(db_url))
    logging.getLogger("uvicorn.access").addFilter(HideKeys())
    uvicorn.run(
        app,
        host=host or settings.api_host(),
        port=port or settings.api_port(),
        log_level="info",
    )

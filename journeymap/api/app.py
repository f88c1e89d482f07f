"""The FastAPI application: routes, refusals as sentences, the docs page."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import Engine

from journeymap import settings
from journeymap.api import docs, errors, push, reads, webhooks
from journeymap.services.rate_limit import RateLimiter

DESCRIPTION = """
Push survey answers the moment they are given, and read journeys, NPS, the sand ranking,
call-back cases and actions as JSON. Every request carries an API key
(`Authorization: Bearer KEY`) that an admin makes on the Accounts page or with
`python -m journeymap api-key NAME --scope read|push|both`.
"""


def create_app(engine: Engine, *, rate_per_minute: int | None = None) -> FastAPI:
    app = FastAPI(
        title="journeymap",
        description=DESCRIPTION,
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url=docs.OPENAPI_URL,
    )
    app.state.engine = engine
    app.state.limiter = RateLimiter(rate_per_minute or settings.api_rate_per_minute())
    errors.install(app)
    docs.install(app)
    for module in (push, webhooks, reads):
        app.include_router(module.router)
    return app

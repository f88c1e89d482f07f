"""The FastAPI application: routes, refusals as sentences, the docs page."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from sqlalchemy import Engine

from journeymap import settings
from journeymap.api import docs, errors, push, reads, webhooks
from journeymap.api.schemas import push_models
from journeymap.i18n import use_language
from journeymap.services.rate_limit import RateLimiter

DESCRIPTION = """
Push survey answers the moment they are given, and read journeys, NPS, the sand ranking,
call-back cases and actions as JSON. Every request carries an API key
(`Authorization: Bearer KEY`) that an admin makes on the Accounts page or with
`python -m journeymap api-key NAME --scope read|push|both`.
"""


class InEnglish:
    """Every request answered in English, whatever JOURNEYMAP_LANGUAGE says: the API's
    error sentences (`detail`) are read by programs and by whoever wires them up."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        with use_language("en"):
            await self.app(scope, receive, send)


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
    app.add_middleware(InEnglish)
    errors.install(app)
    docs.install(app)
    for module in (push, webhooks, reads):
        app.include_router(module.router)
    _with_push_models(app)
    return app


def _with_push_models(app: FastAPI) -> None:
    """The push body's models in the schema's components, where its $refs point: FastAPI
    adds only the models of the parameters it reads itself."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            schema.setdefault("components", {}).setdefault("schemas", {}).update(push_models())
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

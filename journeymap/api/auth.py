"""Who is calling: the API key from ``Authorization: Bearer KEY`` (or, for survey tools
that cannot set a header, ``?key=``), rate-limited per key before anything is read."""

from __future__ import annotations

import hashlib

from fastapi import Request

from journeymap.api.errors import Refused
from journeymap.services.api_keys import Caller, let_in
from journeymap.services.rate_limit import RateLimiter, retry_after


def secret_of(request: Request, *, query_key: bool = False) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    if query_key:
        return request.query_params.get("key")
    return None


def caller(request: Request, need: str, journey: str | None, *, query_key: bool = False) -> Caller:
    """The key's caller, audited; 401/403 with a sentence, 429 with Retry-After."""
    secret = secret_of(request, query_key=query_key)
    limiter: RateLimiter = request.app.state.limiter
    if secret:
        wait = limiter.take(hashlib.sha256(secret.encode()).hexdigest())
        if wait:
            raise Refused(
                429,
                f"this API key made more than {limiter.per_minute} requests in a minute: "
                f"try again in {retry_after(wait)} seconds",
                {"Retry-After": retry_after(wait)},
            )
    doing = f"{request.method} {request.url.path}"
    return let_in(request.app.state.engine, secret, need, journey, doing)

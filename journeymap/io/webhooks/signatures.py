"""Signatures survey tools put on their webhooks, checked against the raw body."""

from __future__ import annotations

import base64
import hashlib
import hmac


def typeform_signature(secret: str, body: bytes) -> str:
    """The ``Typeform-Signature`` header Typeform sends: sha256= and base64 of the
    HMAC-SHA256 of the raw body under the webhook's secret."""
    mac = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).digest()
    return "sha256=" + base64.b64encode(mac).decode("ascii")


def surveymonkey_signature(secret: str, body: bytes) -> str:
    """The ``Sm-Signature`` header: base64 of the HMAC-SHA1 of the raw body under the
    key SurveyMonkey documents ("API key&API secret", given as the signing secret)."""
    mac = hmac.new(secret.encode("utf-8"), body, hashlib.sha1).digest()
    return base64.b64encode(mac).decode("ascii")


def same(expected: str, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(expected.encode(), given.strip().encode())

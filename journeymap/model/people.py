"""The programme's shoppers and locations, and the rules their fields keep.

An id is a slug (it ends up in visit keys, links and import files); names are what a
person reads. Nothing is ever deleted: a shopper who leaves the panel or a branch that
closes is switched off (``active`` false), so the visits they made keep counting while
no new visit is planned for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from journeymap.model.journey import SLUG_PATTERN

MAX_ID = 80
MAX_NAME = 200
MAX_REGION = 120
_SLUG = re.compile(SLUG_PATTERN)


@dataclass(frozen=True)
class Shopper:
    id: str
    name: str
    region: str = ""
    active: bool = True


@dataclass(frozen=True)
class Location:
    id: str
    name: str
    region: str = ""
    competitor: bool = False
    active: bool = True

    @property
    def kind(self) -> str:
        return "competitor" if self.competitor else "own"


def checked_id(value: str, what: str) -> str:
    """The id as stored; ValueError (a sentence naming ``what``) for one that is no slug."""
    text = value.strip()
    if not text or len(text) > MAX_ID or not _SLUG.match(text):
        raise ValueError(
            f"{what} id {value!r}: use 1–{MAX_ID} lowercase letters and digits, joined by - "
            "or _ (e.g. 'shopper-aarhus-01')"
        )
    return text


def checked_name(value: str, what: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise ValueError(f"{what}: give a name a person recognises")
    if len(text) > MAX_NAME:
        raise ValueError(f"{what}: the name has {len(text)} characters; keep it under {MAX_NAME}")
    return text


def checked_region(value: str, what: str) -> str:
    text = " ".join(value.split())
    if len(text) > MAX_REGION:
        raise ValueError(
            f"{what}: the region has {len(text)} characters; keep it under {MAX_REGION}"
        )
    return text

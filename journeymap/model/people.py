"""The programme's shoppers and locations, and the rules their fields keep.

An id is a slug (it ends up in visit keys, links and import files); names are what a
person reads. Nothing is ever deleted: a shopper who leaves the panel or a branch that
closes is switched off (``active`` false), so the visits they made keep counting while
no new visit is planned for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from journeymap.i18n import _
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
            _(
                "{what} id {value}: use 1–{max_id} lowercase letters and digits, joined by - "
                "or _ (e.g. 'shopper-aarhus-01')"
            ).format(what=what, value=repr(value), max_id=MAX_ID)
        )
    return text


def checked_name(value: str, what: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise ValueError(_("{what}: give a name a person recognises").format(what=what))
    if len(text) > MAX_NAME:
        raise ValueError(
            _("{what}: the name has {count} characters; keep it under {max_name}").format(
                what=what, count=len(text), max_name=MAX_NAME
            )
        )
    return text


def checked_region(value: str, what: str) -> str:
    text = " ".join(value.split())
    if len(text) > MAX_REGION:
        raise ValueError(
            _("{what}: the region has {count} characters; keep it under {max_region}").format(
                what=what, count=len(text), max_region=MAX_REGION
            )
        )
    return text

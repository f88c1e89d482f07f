"""`_` and friends: the text in the language of whoever is reading.

The language is, in order: the one an export or a command asked for (`use_language`),
the reader's own (the app registers a resolver that reads the signed-in person's
choice), then the workspace default (JOURNEYMAP_LANGUAGE).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from journeymap.i18n.catalogs import translations
from journeymap.i18n.languages import DEFAULT_LANGUAGE, Language, parse_language

_chosen: ContextVar[Language | None] = ContextVar("journeymap_language", default=None)
_resolver: Callable[[], Language | None] | None = None


def workspace_language() -> Language:
    """JOURNEYMAP_LANGUAGE, or English; a bad value is reported by settings.check()."""
    value = os.environ.get("JOURNEYMAP_LANGUAGE", "")
    if not value:
        return DEFAULT_LANGUAGE
    try:
        return parse_language(value)
    except ValueError:
        return DEFAULT_LANGUAGE


def current_language() -> Language:
    chosen = _chosen.get()
    if chosen is not None:
        return chosen
    if _resolver is not None:
        resolved = _resolver()
        if resolved is not None:
            return resolved
    return workspace_language()


def set_language_resolver(resolver: Callable[[], Language | None] | None) -> None:
    """Where the reader's language comes from when nothing chose one explicitly."""
    global _resolver
    _resolver = resolver


@contextmanager
def use_language(language: Language | None) -> Iterator[None]:
    """Texts and formats inside the block in `language` (None: leave it as it is)."""
    if language is None:
        yield
        return
    token = _chosen.set(language)
    try:
        yield
    finally:
        _chosen.reset(token)


def _(message: str) -> str:
    """The message in the reader's language."""
    if not message:
        return message
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural message for `count`, in the reader's language."""
    return translations(current_language()).ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark only"
    """Marks a message for the catalog without translating it: a constant translated
    where it is shown (with `_`)."""
    return message

"""The one key every cached loader is keyed on.

A cached answer is a function of what it read, so the key names exactly that: the
database (its URL), the journey, the journey's revision (a save makes a new one) and the
revision of the evidence the loader reads, from the services' data-revision functions
(cheap index look-ups: an import, a saved answer, a review, a call-back or an action
edit changes them). A change is therefore a new key and never a stale entry: nothing is
invalidated by hand, and no time limit (``ttl``) stands in for a key that is wrong.

The pattern every loader follows:

- its public function works the key out on every rerun (outside the cache) and hands it
  to a private ``@st.cache_data`` function;
- the cached function reads only what its key names: the key's database
  (:func:`engine_of`) and the journey at the key's revision (:func:`journey_of`);
- an answer that depends on who looks gets the viewer's scope as a further argument,
  and the viewer is checked before a cached answer is handed out;
- the cached function runs in the key's language (:func:`in_key_language`);
- nothing cached writes, draws a widget or reads session state (a spinner through
  ``show_spinner`` is fine).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy import Engine

from journeymap import settings
from journeymap.i18n import Language, _, current_language, use_language
from journeymap.model import Journey
from journeymap.services import themes, voc_data
from journeymap.services.actions import act_revision
from journeymap.services.journeys import get_journey, journey_revision
from journeymap.ui.loaders.database import engine_for
from journeymap.ui.shell.engine import get_engine


@dataclass(frozen=True)
class DataKey:
    """Where a cached answer comes from; equal keys mean the same answer."""

    database: str
    journey_id: str
    revision: int
    # The revision of the evidence the loader reads; "" for a loader that reads the
    # journey alone (its drawings).
    evidence: str = ""
    # The language the answer's texts (reasons, labels, legends) are written in: one
    # reader's language is never served to another.
    language: Language = field(default_factory=current_language)

    def journey_part(self) -> DataKey:
        """The key of what is drawn from the journey alone (shared by every evidence)."""
        return replace(self, evidence="")


class Spinner(str):
    """A cached loader's spinner text (``show_spinner=Spinner(N_("…"))``): Streamlit
    turns it into text when the spinner shows, so it is translated then, in the
    reader's language, not once when the module is imported."""

    __slots__ = ()

    def __str__(self) -> str:
        return _(str.__str__(self))


P = ParamSpec("P")
R = TypeVar("R")


def in_key_language(
    function: Callable[Concatenate[DataKey, P], R],
) -> Callable[Concatenate[DataKey, P], R]:
    """Run a cached loader in its key's language (under ``@st.cache_data``): the texts
    it writes are then those of the language it is keyed on, whoever computes it."""

    @functools.wraps(function)
    def in_language(key: DataKey, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with use_language(key.language):
            return function(key, *args, **kwargs)

    return in_language


def journey_key(journey_id: str, revision: int) -> DataKey:
    """For what is drawn from the journey alone: its revision is the whole key."""
    return DataKey(settings.database_url(), journey_id, revision)


def evidence_key(journey_id: str) -> DataKey | None:
    """For figures from any evidence (survey answers, metrics, visits and their answers
    and reviews); None when the journey is gone."""
    return _key(journey_id, voc_data.evidence_revision)


def responses_key(journey_id: str) -> DataKey | None:
    """For figures from survey answers alone: a shopper saving a visit answer does not
    make the NPS dashboard count a bank's millions of answers again."""
    return _key(journey_id, voc_data.responses_revision)


def themes_key(journey_id: str) -> DataKey | None:
    """For the themes of the journey's comments: its survey answers, the edits of its
    themes and the languages set for its surveys; None when the journey is gone."""
    return _key(journey_id, _themes_revision)


def _themes_revision(engine: Engine, journey_id: str) -> str:
    responses = voc_data.responses_revision(engine, journey_id)
    return f"{responses}|{themes.themes_revision(engine, journey_id)}"


def act_key(journey_id: str) -> DataKey | None:
    """For the Act pages and the exports: the evidence, the call-back cases and the
    improvement actions' versions; None when the journey is gone."""
    current = act_revision(get_engine(), journey_id)
    if current is None:
        return None
    evidence = f"{current.evidence}|{current.actions}"
    return DataKey(settings.database_url(), journey_id, current.journey, evidence)


def engine_of(key: DataKey) -> Engine:
    """The engine of the key's database (inside a cached function: not the configured
    one, which could have changed since the key was made)."""
    return engine_for(key.database)


def journey_of(key: DataKey) -> Journey | None:
    """The journey as it was at the key's revision; None when it is gone."""
    return journey_revision(engine_of(key), key.journey_id, key.revision)


def _key(journey_id: str, revision_of: Callable[[Engine, str], str]) -> DataKey | None:
    engine = get_engine()
    stored = get_journey(engine, journey_id)
    if stored is None:
        return None
    return DataKey(
        settings.database_url(), journey_id, stored.revision, revision_of(engine, journey_id)
    )

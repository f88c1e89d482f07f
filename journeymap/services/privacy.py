"""Privacy by role: who sees which shopper, and who reads personal-data answers.

Shoppers' identities and the answers a questionnaire marks as personal data (free text
that may name staff) are for the people who run the programme: admins and leaders.
Everyone else who reads results (analysts, location managers) sees each shopper under
a pseudonym, "Shopper A", "Shopper B" …, and those answers withheld. A pseudonym is
numbered by the shopper's first visit in the whole workspace, so it is the same on
every page, in every export and for every reader, and stays when shoppers are added;
it tells nothing of the shopper's id or name.

The services apply this to what they return: nothing identifying leaves them for a
reader who may not see it, so no page or export can forget it.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from journeymap.analytics.shopper_results import Versions
from journeymap.analytics.visit_report import WITHHELD
from journeymap.i18n import _
from journeymap.model.access import Capability, Viewer
from journeymap.store.visits import shoppers_by_first_visit

__all__ = [
    "WITHHELD",
    "ShopperNames",
    "names_for",
    "pseudonym",
    "sees_identities",
    "shopper_names",
    "withhold_personal_answers",
]


def sees_identities(viewer: Viewer) -> bool:
    """True for those who run the programme: they assign the shoppers and review."""
    return viewer.can(Capability.RUN_PROGRAMME)


def pseudonym(index: int) -> str:
    """ "Shopper A" … "Shopper Z", "Shopper AA" …: the index-th shopper (from 0)."""
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = string.ascii_uppercase[rest] + letters
    return f"Shopper {letters}"


@dataclass(frozen=True)
class ShopperNames:
    """How shoppers are shown to one reader: their ids, or pseudonyms."""

    identities: bool
    pseudonyms: Mapping[str, str]

    def shown(self, shopper_id: str) -> str:
        if self.identities:
            return shopper_id
        # A shopper without a visit has no number yet; nothing of theirs is shown anyway.
        return self.pseudonyms.get(shopper_id, "Shopper ?")

    def column(self, shopper_ids: pd.Series) -> pd.Series:
        if self.identities:
            return shopper_ids
        return shopper_ids.map(self.shown).astype(object)


def shopper_names(viewer: Viewer, engine: Engine) -> ShopperNames:
    """How this viewer sees shoppers."""
    return names_for(sees_identities(viewer), engine)


def names_for(identities: bool, engine: Engine) -> ShopperNames:
    if identities:
        return ShopperNames(True, {})
    order = shoppers_by_first_visit(engine)
    return ShopperNames(False, {shopper: pseudonym(i) for i, shopper in enumerate(order)})


def personal_questions(versions: Versions) -> set[tuple[str, int, str]]:
    """(questionnaire, version, question) of every question marked as personal data."""
    return {
        (questionnaire_id, version, question.id)
        for (questionnaire_id, version), questionnaire in versions.items()
        for question in questionnaire.questions()
        if question.personal_data
    }


def withhold_personal_answers(versions: Versions, answers: pd.DataFrame) -> pd.DataFrame:
    """``answers`` (as store.programme.read_answers gives them) with the value and the
    comment of each personal-data answer replaced by the WITHHELD marker."""
    personal = personal_questions(versions)
    if answers.empty or not personal:
        return answers
    keys = zip(
        answers["questionnaire_id"],
        answers["questionnaire_version"].astype(int),
        answers["question_id"],
        strict=True,
    )
    mask = pd.Series([key in personal for key in keys], index=answers.index)
    if not mask.any():
        return answers
    out = answers.copy()
    out["value"] = out["value"].astype(object)
    value_given = out["value"].map(lambda v: v is not None and v != "")
    out.loc[mask & value_given, "value"] = _(WITHHELD)
    comment_given = out["comment"].fillna("").astype(str).ne("")
    out.loc[mask & comment_given, "comment"] = _(WITHHELD)
    return out

"""Drafts: every edit stored as made, surviving a restart, one per person and journey."""

from __future__ import annotations

import pytest

from journeymap.analytics.journey_edit import draft_of
from journeymap.io.journey_files import read_journey_file
from journeymap.model.access import Role, Viewer
from journeymap.services.access import NotAllowed
from journeymap.services.journey_drafts import discard_draft, my_draft, my_drafts, save_draft
from journeymap.services.journeys import create_journey
from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from tests.conftest import EXAMPLE_JOURNEY_FILES

LEADER = Viewer("leif", Role.LEADER)
OTHER = Viewer("lise", Role.LEADER)
ANALYST = Viewer("ane", Role.ANALYST)


def test_a_draft_survives_a_restart_and_is_the_authors_own(database_url: str) -> None:
    engine = open_database(database_url)
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    create_journey(LEADER, engine, journey)
    data = draft_of(journey)
    data["touchpoints"][0]["name"] = "Åbner appen — ændret"
    save_draft(LEADER, engine, journey.id, 1, data)
    data["touchpoints"][0]["feels"] = -1
    save_draft(LEADER, engine, journey.id, 1, data)
    engine.dispose()

    restarted = open_database(database_url)
    draft = my_draft(LEADER, restarted, journey.id)
    assert draft is not None
    assert (draft.base_revision, draft.data) == (1, data)
    assert my_draft(OTHER, restarted, journey.id) is None
    assert [d.journey_id for d in my_drafts(LEADER, restarted)] == [journey.id]
    # Creating the draft is logged once, not every keystroke.
    assert [e.action for e in read_audit(restarted, actor="leif")].count("drafted") == 1

    assert discard_draft(LEADER, restarted, journey.id, saved=False)
    assert my_draft(LEADER, restarted, journey.id) is None
    assert not discard_draft(LEADER, restarted, journey.id, saved=False)


def test_only_who_may_change_journeys_keeps_a_draft(sqlite_url: str) -> None:
    engine = open_database(sqlite_url)
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    create_journey(LEADER, engine, journey)
    with pytest.raises(NotAllowed, match="may not change journeys"):
        save_draft(ANALYST, engine, journey.id, 1, draft_of(journey))

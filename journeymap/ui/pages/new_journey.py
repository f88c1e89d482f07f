"""New journey: from scratch, from a template in journeys/, or as a copy of a stored one.

The new journey is saved at once as revision 1 and opened in the editor; a copy of a
stored journey can be marked as its to-be variant for the As-is vs to-be page.
"""

from __future__ import annotations

import streamlit as st

from journeymap.analytics.journey_edit import copy_as, starter_journey, unique_slug
from journeymap.io.journey_files import read_journey_file
from journeymap.model import InvalidInput, Journey
from journeymap.store.journeys import JourneyRepository, StaleRevision
from journeymap.ui import state
from journeymap.ui.auth import require_page
from journeymap.ui.drafts import author, author_input
from journeymap.ui.navigation import EDIT_PAGE, NEW_JOURNEY_PAGE
from journeymap.ui.services import EXAMPLE_JOURNEYS_DIR, get_engine, list_journeys
from journeymap.ui.text import plain

TITLE = "New journey"
SCRATCH = "scratch"
TEMPLATE_PREFIX = "template:"
STORED_PREFIX = "journey:"


def _sources(stored: dict[str, str]) -> dict[str, str]:
    """Source key → what the person sees in the list."""
    sources = {SCRATCH: "Start from scratch (the usual six stages, one touchpoint)"}
    for path in sorted(EXAMPLE_JOURNEYS_DIR.glob("*.yaml")):
        sources[f"{TEMPLATE_PREFIX}{path.name}"] = f"Template: {path.stem}"
    for journey_id, name in stored.items():
        sources[f"{STORED_PREFIX}{journey_id}"] = f"Copy of the stored journey: {name}"
    return sources


def render() -> None:
    require_page(NEW_JOURNEY_PAGE)
    st.title(TITLE)
    summaries = list_journeys()
    stored = {s.id: s.name for s in summaries}
    sources = _sources(stored)
    with st.form("new-journey", border=True):
        source = st.selectbox(
            "Start from", list(sources), format_func=sources.__getitem__, key=state.NEW_SOURCE
        )
        name = st.text_input("Name", key=state.NEW_NAME, placeholder="e.g. Open a savings account")
        journey_id = st.text_input(
            "Id (optional)",
            key=state.NEW_ID,
            help="Lowercase letters, digits, - or _. Left empty, it is made from the name.",
        )
        variant = st.checkbox(
            "Mark it as the to-be variant of the journey it copies",
            key=state.NEW_VARIANT,
            help="Only for a copy of a stored journey: the As-is vs to-be page then "
            "compares the two.",
        )
        author_input()
        created = st.form_submit_button("Create the journey", type="primary")
    if created:
        _create(source, name.strip(), journey_id.strip(), variant, stored)


def _create(source: str, name: str, journey_id: str, variant: bool, stored: dict[str, str]) -> None:
    if not name:
        st.error("Give the journey a name.")
        return
    new_id = journey_id or unique_slug(name, set(stored), "journey")
    if new_id in stored:
        st.error(
            plain(f"A journey with the id '{new_id}' exists already ({stored[new_id]}): choose ")
            + "another id, or leave the id empty to get a free one."
        )
        return
    try:
        journey = _new_journey(source, new_id, name, variant)
    except InvalidInput as error:
        st.error(plain(f"Cannot create the journey: {error}"))
        return
    if journey is None:
        st.error("That journey is gone: choose another one to copy.")
        return
    try:
        saved = JourneyRepository(get_engine()).save(
            journey, author=author(), base_revision=None, note="created in the app"
        )
    except StaleRevision:
        # Someone created a journey with this id between the check above and the save.
        st.error(
            plain(f"The id '{new_id}' was taken just now by a journey someone else created: ")
            + "choose another id, or leave the id empty to get a free one."
        )
        return
    st.session_state[state.PENDING_SELECTION] = journey.id
    st.session_state[state.FLASH_MESSAGE] = f"Created {journey.name} (revision {saved.revision})."
    st.session_state[state.OPEN_PAGE] = EDIT_PAGE.file
    st.rerun()


def _new_journey(source: str, new_id: str, name: str, variant: bool) -> Journey | None:
    if source == SCRATCH:
        return starter_journey(new_id, name)
    if source.startswith(TEMPLATE_PREFIX):
        template = read_journey_file(EXAMPLE_JOURNEYS_DIR / source.removeprefix(TEMPLATE_PREFIX))
        return copy_as(template.journey, new_id, name, None)
    original_id = source.removeprefix(STORED_PREFIX)
    original = JourneyRepository(get_engine()).get(original_id)
    if original is None:
        return None
    return copy_as(original.journey, new_id, name, original_id if variant else None)


if __name__ == "__main__":  # run as a page by st.navigation; importable for tests
    render()

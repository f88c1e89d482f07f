"""New journey: from scratch, from a template in journeys/, or as a copy of a stored one.

The new journey is saved at once as revision 1 and opened in the editor; a copy of a
stored journey can be marked as its to-be variant for the As-is vs to-be page.
"""

from __future__ import annotations

import streamlit as st

from journeymap.analytics.journey_edit import copy_as, stage_names, starter_journey, unique_slug
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.model import InvalidInput, Journey
from journeymap.services.access import NotAllowed
from journeymap.services.journeys import StoredJourney, copy_journey, create_journey
from journeymap.ui.loaders.journeys import list_journeys
from journeymap.ui.loaders.templates import templates_for_reader
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import require_page
from journeymap.ui.shell.engine import EXAMPLE_JOURNEYS_DIR, get_engine
from journeymap.ui.shell.navigation import EDIT_PAGE, NEW_JOURNEY_PAGE
from journeymap.ui.widgets.editor.drafts import acting_viewer, author_input
from journeymap.ui.widgets.text import plain, sentence

TITLE = N_("New journey")
SCRATCH = "scratch"
TEMPLATE_PREFIX = "template:"
STORED_PREFIX = "journey:"


def _sources(stored: dict[str, str]) -> dict[str, str]:
    """Source key → what the person sees in the list."""
    sources = {SCRATCH: _("Start from scratch: an empty canvas with the stages you type")}
    for file_name, template in templates_for_reader(EXAMPLE_JOURNEYS_DIR).items():
        sources[f"{TEMPLATE_PREFIX}{file_name}"] = _("Template: {name} ({id})").format(
            name=template.name, id=template.id
        )
    for journey_id, name in stored.items():
        sources[f"{STORED_PREFIX}{journey_id}"] = _("Copy of the stored journey: {name}").format(
            name=name
        )
    return sources


def render() -> None:
    require_page(NEW_JOURNEY_PAGE)
    st.title(_(TITLE))
    summaries = list_journeys()
    stored = {s.id: s.name for s in summaries}
    sources = _sources(stored)
    with st.form("new-journey", border=True):
        source = st.selectbox(
            _("Start from"), list(sources), format_func=sources.__getitem__, key=state.NEW_SOURCE
        )
        name = st.text_input(
            _("Name"), key=state.NEW_NAME, placeholder=_("e.g. Open a savings account")
        )
        stages = st.text_input(
            _("Stages (from scratch)"),
            key=state.NEW_STAGES,
            placeholder=_("e.g. Skaden sker, Anmeldelse, Behandling, Afgørelse, Efter sagen"),
            help=_(
                "Left to right, separated by commas or arrows. Left empty: Aware, Choose, "
                "Buy, Use, Get help, Leave or renew. Templates and copies bring their own."
            ),
        )
        journey_id = st.text_input(
            _("Id (optional)"),
            key=state.NEW_ID,
            help=_(
                "Lowercase letters, digits, - or _. Left empty, it is made from the name "
                "(æ → ae, ø → oe, å → aa)."
            ),
        )
        variant = st.checkbox(
            _("Mark it as the to-be variant of the journey it copies"),
            key=state.NEW_VARIANT,
            help=_(
                "Only for a copy of a stored journey: the As-is vs to-be page then "
                "compares the two."
            ),
        )
        author_input()
        created = st.form_submit_button(_("Create the journey"), type="primary")
    if created:
        _create(source, name.strip(), journey_id.strip(), variant, stored, stage_names(stages))


def _create(
    source: str,
    name: str,
    journey_id: str,
    variant: bool,
    stored: dict[str, str],
    stages: list[str],
) -> None:
    if not name:
        st.error(_("Give the journey a name."))
        return
    new_id = journey_id or unique_slug(name, set(stored), "journey")
    try:
        saved = _saved_journey(source, new_id, name, variant, stages)
    except InvalidInput as error:
        st.error(plain(_("Cannot create the journey: {problem}").format(problem=error)))
        return
    except (NotAllowed, ValueError) as error:
        # An id in use, one taken a moment ago, or a copied journey deleted meanwhile.
        st.error(plain(sentence(str(error))))
        return
    st.session_state[state.PENDING_SELECTION] = saved.journey.id
    st.session_state[state.FLASH_MESSAGE] = _("Created {name} (revision {revision}).").format(
        name=saved.journey.name, revision=fmt.number(saved.revision)
    )
    st.session_state[state.OPEN_PAGE] = EDIT_PAGE.file
    st.rerun()


def _saved_journey(
    source: str, new_id: str, name: str, variant: bool, stages: list[str]
) -> StoredJourney:
    viewer, engine = acting_viewer(), get_engine()
    if source.startswith(STORED_PREFIX):
        original_id = source.removeprefix(STORED_PREFIX)
        return copy_journey(viewer, engine, original_id, new_id, name, variant=variant)
    return create_journey(viewer, engine, _new_journey(source, new_id, name, stages))


def _new_journey(source: str, new_id: str, name: str, stages: list[str]) -> Journey:
    if source.startswith(TEMPLATE_PREFIX):
        template = templates_for_reader(EXAMPLE_JOURNEYS_DIR)[source.removeprefix(TEMPLATE_PREFIX)]
        return copy_as(template, new_id, name, None)
    return starter_journey(new_id, name, stages)


if __name__ == "__main__":  # run as a page by st.navigation; importable for tests
    render()

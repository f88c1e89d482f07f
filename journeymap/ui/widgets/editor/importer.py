"""Import a journey file: validate it, list its problems as sentences, save it."""

from __future__ import annotations

import streamlit as st

from journeymap.i18n import _, ngettext
from journeymap.io.journey_files import parse_journey_text
from journeymap.model import InvalidInput, Problem
from journeymap.services.access import NotAllowed
from journeymap.services.journeys import StaleRevision, import_journey
from journeymap.ui.shell import state
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.widgets.editor.drafts import acting_viewer
from journeymap.ui.widgets.text import plain, sentence

ACCEPTED_TYPES = ["yaml", "yml", "json"]


def problem_sentence(problem: Problem) -> str:
    where = f"{problem.location}: " if problem.location else ""
    return sentence(where + problem.message)


def import_form() -> None:
    """The uploader; a valid file is saved and opened on the Journey page."""
    with st.form("journey-import", clear_on_submit=False, border=True):
        upload = st.file_uploader(
            _("Journey file (YAML or JSON)"),
            type=ACCEPTED_TYPES,
            key=state.UPLOAD_WIDGET,
            help=_(
                "A file exported from journeymap or written by hand; see journeys/ for examples."
            ),
        )
        replace = st.checkbox(
            _("Replace a stored journey with the same id"),
            key=state.REPLACE_EXISTING,
            help=_(
                "Without this, importing a journey that someone changed since the file "
                "was exported is refused, so that nobody's work is overwritten by accident."
            ),
        )
        submitted = st.form_submit_button(_("Import the journey"), type="primary")
    if submitted:
        if upload is None:
            st.warning(_("Choose a journey file first, then press Import the journey."))
            return
        import_file(upload.name, upload.getvalue(), replace=replace)


def import_file(name: str, data: bytes, *, replace: bool = False) -> bool:
    """Validate and save one file; every problem is shown as a sentence on screen."""
    try:
        loaded = parse_journey_text(data, json_format=name.lower().endswith(".json"))
    except InvalidInput as error:
        count = len(error.problems)
        lines = "\n".join(f"- {plain(problem_sentence(p))}" for p in error.problems)
        later = f"\n\n{plain(sentence(error.note))}" if error.note else ""
        headline = ngettext(
            "**{name}** cannot be imported: it has {count} problem. Fix it in the file and "
            "upload it again.",
            "**{name}** cannot be imported: it has {count} problems. Fix them in the file and "
            "upload it again.",
            count,
        ).format(name=plain(name), count=count)
        st.error(f"{headline}\n\n{lines}{later}")
        return False
    try:
        stored = import_journey(
            acting_viewer(),
            get_engine(),
            loaded.journey,
            base_revision=loaded.revision,
            force=replace,
            source=name,
        ).stored
    except StaleRevision as error:
        # Translators: replaces "--force in the CLI" in a refusal: the checkbox above.
        tick = _("tick 'Replace'")
        st.error(plain(sentence(str(error).replace("--force in the CLI", tick))))
        return False
    except NotAllowed as error:
        st.error(plain(str(error)))
        return False
    st.session_state[state.PENDING_SELECTION] = loaded.journey.id
    st.session_state[state.OPEN_JOURNEY_PAGE] = True
    st.session_state[state.FLASH_MESSAGE] = _("Imported {name} (revision {revision}).").format(
        name=loaded.journey.name, revision=stored.revision
    )
    st.rerun()
    return True

"""A returned visit's notes on the check-and-submit screen: what the reviewer asked to
correct, each with a way to the question, so nothing is submitted again unread."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from journeymap.i18n import _
from journeymap.i18n import formatting as fmt
from journeymap.model.questionnaire import Questionnaire
from journeymap.ui.widgets.text import plain


def show_return_notes(
    questionnaire: Questionnaire, notes: dict[str, str], go_to: Callable[[int], None]
) -> None:
    """Each open note with its question; a tap opens the question's section."""
    if not notes:
        return
    # The form's header already says the visit was returned; here each note is listed.
    st.markdown(
        _("**The reviewer's notes ({count}): check each before you submit again**").format(
            count=fmt.number(len(notes))
        )
    )
    for index, section in enumerate(questionnaire.sections):
        for question in section.questions:
            note = notes.get(question.id)
            if note is None:
                continue
            st.warning(
                f"{plain(question.text)}  \n" + _("Reviewer: {note}").format(note=plain(note)),
                icon=":material/rate_review:",
            )
            if st.button(
                plain(_("Open {section}").format(section=section.title)),
                key=f"return-note-{question.id}",
                icon=":material/arrow_forward:",
            ):
                go_to(index)
                st.rerun()

"""The mystery shopper's visit form, made for a tablet: one section per screen.

``?visit=<id>`` opens a visit (a link the shopper gets); ``&section=<n>`` keeps the
screen, so a reload comes back where the shopper was, with every saved answer.
"""

from __future__ import annotations

import streamlit as st

from journeymap.analytics.visit_form import (
    Missing,
    missing_before_submit,
    progress,
    visible_questions,
)
from journeymap.i18n import _, ngettext
from journeymap.i18n import formatting as fmt
from journeymap.model.access import Viewer
from journeymap.model.questionnaire import Questionnaire
from journeymap.model.visit_status import STATUS_LABELS
from journeymap.services.access import NotAllowed
from journeymap.services.visits import (
    VisitForm,
    VisitInfo,
    my_visits,
    open_visit,
    shoppers_to_pick,
    submit_visit,
    visit_form,
)
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import require_page
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.shell.navigation import VISIT_FORM_PAGE
from journeymap.ui.widgets.shopping.formats import window
from journeymap.ui.widgets.shopping.return_notes import show_return_notes
from journeymap.ui.widgets.shopping.visit_saving import (
    FormContext,
    forget_shown_errors,
    generation,
    redraw_if_resent,
    retry_pending,
)
from journeymap.ui.widgets.shopping.visit_widgets import answers_of, question_card
from journeymap.ui.widgets.text import html_with_numbers, plain

# Constant CSS, no user text: touch targets of at least 44 px on the form.
TOUCH_CSS = """<style>
.stButton button, .stDownloadButton button, [data-testid="stBaseButton-secondary"],
[data-testid="stBaseButton-primary"] { min-height: 48px; }
[data-testid="stRadio"] [role="radiogroup"] label, [data-testid="stCheckbox"] label {
  min-height: 44px; display: flex; align-items: center; padding-right: 14px; }
[data-testid="stRadio"] [role="radiogroup"] { gap: 4px 10px; }
[data-testid="stNumberInput"] input, [data-testid="stTextInput"] input { min-height: 44px; }
[data-testid="stNumberInput"] button { min-width: 44px; min-height: 44px; }
[data-testid="stFileUploaderDropzone"] button { min-height: 48px; }
/* Progress and Next stay under the thumb at the bottom of the screen. */
.st-key-visit-nav { position: fixed; left: 0; right: 0; bottom: 0; z-index: 99;
  background: #ffffff; padding: 6px max(16px, calc((100vw - 1100px) / 2)) 10px;
  border-top: 1px solid #dfe4ea; box-shadow: 0 -4px 12px #0000001a; }
[data-testid="stMainBlockContainer"] { padding-bottom: 150px; }
</style>"""
# Constant script, no user text: a new section opens at its top. Tried for a moment,
# since the new section is drawn over the old one and may still grow the page.
SCROLL_TO_TOP = """<script>
(() => {
  const top = () => {
    window.scrollTo(0, 0);
    for (const selector of ["[data-testid='stMain']", "[data-testid='stAppViewContainer']"]) {
      const element = document.querySelector(selector);
      if (element) element.scrollTop = 0;
    }
  };
  top();
  let times = 0;
  const again = setInterval(() => { top(); if (++times >= 8) clearInterval(again); }, 100);
})();
</script>"""
OPEN_STATUSES = ("assigned", "in_progress", "returned", "submitted")


def render() -> None:
    viewer = require_page(VISIT_FORM_PAGE)
    st.html(TOUCH_CSS)
    engine = get_engine()
    raw = st.query_params.get(state.VISIT_QUERY_PARAM)
    if viewer.only_visit is not None:
        raw = str(viewer.only_visit)  # a visit link opens its visit and nothing else
    if not raw:
        _visit_list(viewer)
        return
    # A visit link opens on a tablet: the form gets the whole width at first.
    st.set_page_config(initial_sidebar_state="collapsed")
    # A shopper's query is narrowed to their own visits: another's id finds nothing.
    visit = open_visit(viewer, engine, int(raw)) if raw.isdigit() else None
    if visit is None:
        st.warning(_("This address does not match one of your visits: choose from your list."))
        _back_button()
        return
    _visit_form(viewer, visit.id, back=viewer.only_visit is None)


def _visit_list(viewer: Viewer) -> None:
    st.title(_("My visits"))
    engine = get_engine()
    shoppers = shoppers_to_pick(viewer, engine)
    if viewer.shopper_scope is not None:
        shopper = viewer.shopper_scope
        name = shoppers.get(shopper, viewer.name)
        st.caption(plain(_("Visits assigned to {name}.").format(name=name)))
    elif not shoppers:
        st.info(_("No shoppers yet: add them on the Programme page or load the demo workspace."))
        return
    else:
        shopper = st.selectbox(
            _("Shopper"),
            list(shoppers),
            format_func=lambda sid: shoppers.get(sid, sid),
            key=state.SHOPPER_PICKER,
            help=_(
                "Open a visit for a shopper, e.g. to help on the phone. Shoppers who sign "
                "in see only their own visits."
            ),
        )
    visits = my_visits(viewer, engine, shopper, OPEN_STATUSES)
    if not visits:
        st.info(_("No open visits for you right now."))
    for visit in visits:
        with st.container(border=True):
            text, button = st.columns([3, 1], vertical_alignment="center")
            text.markdown(f"**{plain(visit.location_name)}** · {_(STATUS_LABELS[visit.status])}")
            text.caption(
                plain(f"{window(visit.window_start, visit.window_end)} · {visit.scenario}")
            )
            if button.button(_("Open"), key=f"open-visit-{visit.id}", width="stretch"):
                st.query_params[state.VISIT_QUERY_PARAM] = str(visit.id)
                st.query_params[state.SECTION_QUERY_PARAM] = "1"
                st.rerun()


def _back_button() -> None:
    if st.button(_("All my visits"), icon=":material/arrow_back:"):
        st.query_params.pop(state.VISIT_QUERY_PARAM, None)
        st.query_params.pop(state.SECTION_QUERY_PARAM, None)
        st.rerun()


def _section_index(count: int) -> int:
    raw = st.query_params.get(state.SECTION_QUERY_PARAM, "1")
    index = int(raw) - 1 if raw.isdigit() else 0
    return min(max(index, 0), count)  # ``count`` is the submit screen


def _go_to(index: int) -> None:
    st.query_params[state.SECTION_QUERY_PARAM] = str(index + 1)


def _visit_form(viewer: Viewer, visit_id: int, *, back: bool) -> None:
    retry_pending(viewer, visit_id)
    form: VisitForm = visit_form(viewer, get_engine(), visit_id)
    visit, questionnaire, stored = form.visit, form.questionnaire, form.answers
    answers = answers_of(stored)
    notes, photos = form.notes, form.photos
    if back:
        _back_button()
    st.title(plain(visit.location_name))
    st.caption(
        plain(
            f"{questionnaire.name} · {_(STATUS_LABELS[visit.status])} · "
            f"{window(visit.window_start, visit.window_end)}"
        )
    )
    if visit.scenario:
        st.markdown(_("**Scenario:** {scenario}").format(scenario=plain(visit.scenario)))
    if notes and visit.editable:
        st.warning(
            ngettext(
                "The reviewer returned this visit with {count} note: correct the marked "
                "question and submit again.",
                "The reviewer returned this visit with {count} notes: correct the marked "
                "questions and submit again.",
                len(notes),
            ).format(count=fmt.number(len(notes))),
            icon=":material/rate_review:",
        )
    if not visit.editable:
        st.info(
            _("This visit is {status}: it is read-only.").format(
                status=_(STATUS_LABELS[visit.status]).lower()
            ),
            icon=":material/lock:",
        )
    count = len(questionnaire.sections)
    index = _section_index(count)
    answered, shown = progress(questionnaire, answers, visit.competitor)
    label = _("Check and submit") if index == count else questionnaire.sections[index].title
    step = (
        _("Section {number} of {count}").format(
            number=fmt.number(index + 1), count=fmt.number(count)
        )
        if index < count
        else _("Last step")
    )
    numbers = {"answered": fmt.number(answered), "shown": fmt.number(shown)}
    st.progress(
        answered / shown if shown else 0.0,
        text=plain(
            _("{step}: {section} · {answered} of {shown} questions answered").format(
                step=step, section=label, **numbers
            )
        ),
    )
    _open_at_top(visit.id, index)
    ctx = FormContext(visit.id, generation(visit.id), visit.editable, photos)
    if index < count:
        _section(ctx, questionnaire, index, stored, answers, notes, visit.competitor)
    else:
        _submit_screen(viewer, visit, questionnaire, answers, notes)
    redraw_if_resent(visit.id)
    with st.container(key="visit-nav"):
        st.caption(plain(_("{step} · {answered} of {shown} answered").format(step=step, **numbers)))
        _navigation(index, count)
    forget_shown_errors(visit.id)


def _open_at_top(visit_id: int, index: int) -> None:
    """Scroll to the top when the form shows another section than it did last run."""
    shown = st.session_state.setdefault(state.SHOWN_SECTION, {})
    if shown.get(visit_id, index) != index:
        # The section number makes the element new, so the script runs each time.
        st.html(html_with_numbers(SCROLL_TO_TOP, index + 1), unsafe_allow_javascript=True)
    shown[visit_id] = index


def _section(
    ctx: FormContext,
    questionnaire: Questionnaire,
    index: int,
    stored: dict,  # type: ignore[type-arg]
    answers: dict,  # type: ignore[type-arg]
    notes: dict[str, str],
    competitor: bool,
) -> None:
    section = questionnaire.sections[index]
    st.subheader(plain(section.title))
    visible = visible_questions(questionnaire, answers, competitor)
    for question in section.questions:
        if question.id in visible:
            question_card(ctx, question, stored.get(question.id), notes.get(question.id))


def _missing(item: Missing) -> str:
    """What is still to do, in the shopper's language, around the author's words."""
    if item.reason == "comment":
        text = _("{section}: {question}: the answer misses full points, add a comment")
    else:
        text = _("{section}: {question}: answer it")
    return text.format(section=item.section_title, question=item.question_text)


def _navigation(index: int, count: int) -> None:
    back, forward = st.columns(2)
    if index > 0 and back.button(_("Previous"), icon=":material/chevron_left:", width="stretch"):
        _go_to(index - 1)
        st.rerun()
    if index < count:
        text = _("Check and submit") if index == count - 1 else _("Next section")
        if forward.button(text, icon=":material/chevron_right:", type="primary", width="stretch"):
            _go_to(index + 1)
            st.rerun()


def _submit_screen(
    viewer: Viewer,
    visit: VisitInfo,
    questionnaire: Questionnaire,
    answers: dict,  # type: ignore[type-arg]
    notes: dict[str, str],
) -> None:
    st.subheader(_("Check and submit"))
    if not visit.editable:
        st.caption(_("Submitted visits are checked by a reviewer before they count."))
        return
    show_return_notes(questionnaire, notes, _go_to)
    missing = missing_before_submit(questionnaire, answers, visit.competitor)
    if missing:
        st.error(
            ngettext(
                "{count} thing to do before you can submit:",
                "{count} things to do before you can submit:",
                len(missing),
            ).format(count=fmt.number(len(missing)))
        )
        for i, item in enumerate(missing):
            if st.button(
                plain(_missing(item)),
                key=f"missing-{item.question_id}-{i}",
                icon=":material/arrow_forward:",
                width="stretch",
            ):
                _go_to(item.section_index)
                st.rerun()
        return
    st.success(_("Every required answer is there."), icon=":material/task_alt:")
    if st.button(_("Submit visit"), type="primary", icon=":material/send:", width="stretch"):
        try:
            # Checked again where it counts: in the transaction that submits.
            submit_visit(viewer, get_engine(), visit.id)
        except (NotAllowed, ValueError, LookupError) as error:
            st.error(plain(str(error)))
            return
        st.session_state[state.FLASH_MESSAGE] = _("Visit submitted: thank you.")
        st.rerun()


if __name__ == "__main__":
    render()

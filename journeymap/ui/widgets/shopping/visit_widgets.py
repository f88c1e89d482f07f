"""The visit form's question cards: the answer widget of each question type, its
comment, the reviewer's note and whether the answer is saved (see visit_saving)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from journeymap.analytics.scoring import Answer
from journeymap.analytics.visit_form import needs_comment
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt
from journeymap.model.questionnaire import Question
from journeymap.services import visits as visit_service
from journeymap.services.visits import StoredAnswer
from journeymap.ui.widgets.shopping.formats import local_time
from journeymap.ui.widgets.shopping.visit_saving import (
    NA,
    NO,
    YES,
    FormContext,
    key,
    on_choice,
    on_comment,
    on_na,
    on_photo,
    on_remove_photo,
    on_value,
    pending,
    resend_unconfirmed,
)
from journeymap.ui.widgets.shopping.visit_timer import timer_widget
from journeymap.ui.widgets.text import plain

SAVED_ICON = ":material/cloud_done:"


def question_card(
    ctx: FormContext, question: Question, stored: StoredAnswer | None, note: str | None
) -> None:
    """One question: text, help, the answer widget, comment, reviewer note, save status."""
    with st.container(border=True, key=f"q-{question.id}"):
        marker = " \\*" if question.required else ""
        st.markdown(f"**{plain(question.text)}**{marker}")
        if question.help:
            st.caption(plain(question.help))
        if note:
            st.warning(
                _("Reviewer: {note}").format(note=plain(note)), icon=":material/rate_review:"
            )
        _answer_widget(ctx, question, stored)
        answer = stored.as_answer() if stored else None
        if question.comment_on_fail or note or (stored and stored.comment):
            missing = needs_comment(question, answer)
            widget = key(ctx, question.id, "comment")
            typed = st.text_input(
                _("Comment — required: the answer misses full points") if missing else _("Comment"),
                value=stored.comment if stored else "",
                key=widget,
                on_change=on_comment,
                args=(ctx.visit_id, question.id, widget),
                disabled=not ctx.editable,
            )
            resend_unconfirmed(
                ctx,
                question.id,
                (typed or "").strip(),
                (stored.comment or "") if stored else "",
                lambda: on_comment(ctx.visit_id, question.id, widget),
            )
        _save_status(ctx, question, stored)


def _save_status(ctx: FormContext, question: Question, stored: StoredAnswer | None) -> None:
    failed = pending().get((ctx.visit_id, question.id))
    if failed and set(failed) == {"_error"}:
        # A refused photo or timer action: nothing is waiting to be tried again.
        st.error(
            _("Not saved: {reason}").format(reason=plain(failed["_error"])),
            icon=":material/error:",
        )
    elif failed:
        st.error(
            _(
                "Not saved: {reason}. It is tried again with your next answer; check the "
                "connection."
            ).format(reason=plain(failed.get("_error", ""))),
            icon=":material/cloud_off:",
        )
    elif stored is not None:
        saved = _("Saved {time}").format(time=local_time(stored.saved_at))
        st.caption(f"{SAVED_ICON} {saved}")


def _answer_widget(ctx: FormContext, question: Question, stored: StoredAnswer | None) -> None:
    if question.type in ("yes_no", "scale", "choice"):
        _choice_widget(ctx, question, stored)
    elif question.type == "timer":
        if not _na_box(ctx, question, stored):
            timer_widget(ctx, question, stored)
    elif question.type == "number":
        _number_widget(ctx, question, stored)
    elif question.type == "text":
        widget = key(ctx, question.id, "text")
        typed = st.text_area(
            plain(question.text),
            value=str(stored.value) if stored and stored.value else "",
            key=widget,
            on_change=on_value,
            args=(ctx.visit_id, question.id, widget),
            label_visibility="collapsed",
            disabled=not ctx.editable,
            placeholder=_("Personal data: never shared in exports unless asked for")
            if question.personal_data
            else "",
        )
        resend_unconfirmed(
            ctx,
            question.id,
            (typed or "").strip() or None,
            str(stored.value) if stored and stored.value else None,
            lambda: on_value(ctx.visit_id, question.id, widget),
        )
    elif question.type == "photo":
        _photo_widget(ctx, question)


def _options(question: Question) -> list[Any]:
    if question.type == "yes_no":
        options: list[Any] = [YES, NO]
    elif question.type == "scale":
        options = list(range(question.scale_min or 1, (question.scale_max or 5) + 1))
    else:
        options = [o.label for o in question.options]
    return options + ([NA] if question.allow_na else [])


def _shown(question: Question, option: Any) -> str:
    """Yes, No and N/A in the reader's language; the author's options as typed."""
    if (option == NA and question.allow_na) or (question.type == "yes_no" and option in (YES, NO)):
        return _(str(option))
    return str(option)


def _current(question: Question, stored: StoredAnswer | None) -> Any:
    if stored is None:
        return None
    if stored.not_applicable:
        return NA
    if question.type == "yes_no" and isinstance(stored.value, bool):
        return YES if stored.value else NO
    return stored.value


def _choice_widget(ctx: FormContext, question: Question, stored: StoredAnswer | None) -> None:
    options = _options(question)
    current = _current(question, stored)
    widget = key(ctx, question.id, "choice")
    picked = st.radio(
        plain(question.text),
        options,
        index=options.index(current) if current in options else None,
        # Radio options are read as Markdown, and a choice's labels are typed by people.
        format_func=lambda option: plain(_shown(question, option)),
        key=widget,
        horizontal=question.type != "choice",
        on_change=on_choice,
        args=(ctx.visit_id, question, widget),
        label_visibility="collapsed",
        disabled=not ctx.editable,
    )
    if picked is not None:
        resend_unconfirmed(
            ctx, question.id, picked, current, lambda: on_choice(ctx.visit_id, question, widget)
        )


def _na_box(ctx: FormContext, question: Question, stored: StoredAnswer | None) -> bool:
    if not question.allow_na:
        return False
    widget = key(ctx, question.id, "na")
    return st.checkbox(
        _("N/A — does not apply on this visit"),
        value=bool(stored and stored.not_applicable),
        key=widget,
        on_change=on_na,
        args=(ctx.visit_id, question.id, widget),
        disabled=not ctx.editable,
    )


def _number_widget(ctx: FormContext, question: Question, stored: StoredAnswer | None) -> None:
    if _na_box(ctx, question, stored):
        return
    widget = key(ctx, question.id, "number")
    value = stored.value if stored and isinstance(stored.value, int | float) else None
    shown = st.number_input(
        _("Answer in {unit}").format(unit=plain(question.unit)) if question.unit else _("Number"),
        min_value=0.0,
        value=None if value is None else float(value),
        step=1.0,
        format="%g",
        key=widget,
        on_change=on_value,
        args=(ctx.visit_id, question.id, widget),
        label_visibility="visible" if question.unit else "collapsed",
        disabled=not ctx.editable,
    )
    if shown is not None:
        resend_unconfirmed(
            ctx,
            question.id,
            float(shown),
            None if value is None else float(value),
            lambda: on_value(ctx.visit_id, question.id, widget),
        )


def _photo_widget(ctx: FormContext, question: Question) -> None:
    for photo in ctx.photos.get(question.id, []):
        image_col, button_col = st.columns([3, 1], vertical_alignment="center")
        path = visit_service.photo_path(photo)
        with image_col:
            if Path(path).exists():
                st.image(str(path), width=240)
            size = f"{fmt.number(photo.width)}×{fmt.number(photo.height)}"
            st.caption(plain(f"{photo.original_name} · {size}"))
        with button_col:
            st.button(
                _("Remove"),
                key=key(ctx, question.id, f"remove-{photo.id}"),
                icon=":material/delete:",
                on_click=on_remove_photo,
                args=(ctx.visit_id, question.id, photo.id),
                disabled=not ctx.editable,
            )
    if not ctx.editable:
        return
    widget = key(ctx, question.id, "upload")
    st.file_uploader(
        _("Take or choose a photo (JPEG, PNG or WebP, at most 5 MB; location data is removed)"),
        type=["jpg", "jpeg", "png", "webp"],
        key=widget,
        on_change=on_photo,
        args=(ctx.visit_id, question.id, widget),
    )
    # The camera only when asked for: it asks the browser for permission at once.
    if st.toggle(_("Use the tablet's camera"), key=key(ctx, question.id, "camera-on")):
        camera = key(ctx, question.id, "camera")
        st.camera_input(
            _("Take the photo"),
            key=camera,
            on_change=on_photo,
            args=(ctx.visit_id, question.id, camera),
        )


def answers_of(stored: dict[str, StoredAnswer]) -> dict[str, Answer]:
    return {qid: a.as_answer() for qid, a in stored.items()}

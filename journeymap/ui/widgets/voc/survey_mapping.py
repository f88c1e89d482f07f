"""The proposed column mapping as widgets a person confirms or changes.

Every widget key carries the upload's id, so a new file starts from its own proposal
and a rerun keeps what the person chose for this one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st
from pydantic import ValidationError

from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.io.survey_import import ImportMapping, ImportPreview
from journeymap.io.survey_import.mapping import match_touchpoints
from journeymap.model import InvalidInput, Journey
from journeymap.ui.loaders.voc import column_values
from journeymap.ui.shell import state
from journeymap.ui.widgets.text import plain, sentence

OPTIONAL_ROLES = {
    "location": N_("Location (branch, store …)"),
    "segment": N_("Segment"),
    "comment": N_("Comment (the customer's words)"),
    "contact": N_("Contact (e-mail or phone, for call-backs)"),
    "id": N_("Response id (makes a re-import skip what is stored)"),
}
DATE_ORDERS = {
    "detected": N_("As detected"),
    "dayfirst": N_("Day first: 03/04/2026 is 3 April"),
    "monthfirst": N_("Month first: 03/04/2026 is 4 March"),
    "format": N_("A date format I give"),
}
COLUMN_MODE, ONE_TOUCHPOINT = "column", "one"
TOUCHPOINT_MODES = {
    COLUMN_MODE: N_("A column in the file"),
    ONE_TOUCHPOINT: N_("One touchpoint for the whole file"),
}
KINDS = {
    "transactional": N_("Transactional: about one touchpoint, asked right after it"),
    "relationship": N_("Relationship: about the company as a whole"),
}


def _key(upload_id: str, name: str) -> str:
    return f"{state.VOC_MAPPING_WIDGET}-{upload_id}-{name}"


def _column_label(preview: ImportPreview) -> Callable[[str | None], str]:
    def label(column: str | None) -> str:
        if not column:
            return _("(not in the file)")
        question = preview.labels.get(column, "")
        if question and question != column:
            short = question if len(question) <= 70 else question[:67] + "…"
            return f"{column} — {short}"
        return column

    return label


def _pick(
    preview: ImportPreview, upload_id: str, role: str, label: str, **kw: object
) -> str | None:
    options: list[str | None] = [None, *preview.columns]
    proposed = getattr(preview.mapping, role)
    return st.selectbox(
        label,
        options,
        index=options.index(proposed) if proposed in options else 0,
        format_func=_column_label(preview),
        key=_key(upload_id, role),
        **kw,  # type: ignore[arg-type]
    )


def _score(preview: ImportPreview, upload_id: str) -> str | None:
    candidates = preview.score_candidates
    why = "; ".join(
        (
            _("{column}: {share} of {count} answers are 0–10, worded like the recommend question")
            if c.worded
            else _("{column}: {share} of {count} answers are 0–10")
        ).format(column=c.column, share=fmt.share(c.fit), count=fmt.number(c.answered))
        for c in candidates[:4]
    )
    return _pick(
        preview,
        upload_id,
        "score",
        _("Score: the 0–10 'how likely are you to recommend' answer"),
        # Help is Markdown, and the column names come from the file.
        help=plain(_("Candidates: {candidates}.").format(candidates=why))
        if why
        else _("No column holds only whole numbers 0–10."),
    )


def _dates(preview: ImportPreview, upload_id: str) -> dict[str, object]:
    column = _pick(preview, upload_id, "date", _("Response date"))
    if not column:
        day = st.date_input(
            _("No date column: the date of every response"),
            value=None,
            key=_key(upload_id, "date_value"),
        )
        return {"date": None, "date_value": day}
    detected = preview.mapping.dayfirst if column == preview.mapping.date else None
    orders = {order: _(label) for order, label in DATE_ORDERS.items()}
    if detected is not None:
        orders["detected"] = (
            _("As detected: day first") if detected else _("As detected: month first")
        )
    order = st.radio(
        _("Order of day and month"),
        list(orders),
        format_func=orders.__getitem__,
        horizontal=True,
        key=_key(upload_id, "date_order"),
        help=_(
            "Only matters for dates like 03/04/2026. ISO dates (2026-04-03) and dotted "
            "dates (03.04.2026) are read without it."
        ),
    )
    fields: dict[str, object] = {"date": column}
    if order == "dayfirst":
        fields["dayfirst"] = True
    elif order == "monthfirst":
        fields["dayfirst"] = False
    elif order == "format":
        fields["date_format"] = (
            st.text_input(
                _("Date format (Python strftime)"),
                placeholder="%d/%m/%Y %H:%M",
                key=_key(upload_id, "date_format"),
            ).strip()
            or None
        )
    else:
        fields["dayfirst"] = detected
    fields["timezone"] = st.text_input(
        _("Time zone of the file's times written without one"),
        value=preview.mapping.timezone,
        key=_key(upload_id, "timezone"),
        help=_(
            "A name such as Europe/Copenhagen; times are stored in UTC. Months and days "
            "are cut in the workspace's time zone (JOURNEYMAP_TIMEZONE), whatever the file's."
        ),
    ).strip()
    return fields


def _touchpoints(
    preview: ImportPreview, upload_id: str, journey: Journey, path: Path
) -> dict[str, object]:
    names = {tp.id: tp.name for tp in journey.touchpoints}
    mode = st.radio(
        _("Touchpoint"),
        [COLUMN_MODE, ONE_TOUCHPOINT],
        format_func=lambda mode: _(TOUCHPOINT_MODES[mode]),
        index=0 if preview.mapping.touchpoint or not names else 1,
        horizontal=True,
        key=_key(upload_id, "touchpoint_mode"),
    )
    if mode == ONE_TOUCHPOINT:
        chosen = st.selectbox(
            _("The touchpoint every response is about"),
            list(names),
            format_func=names.__getitem__,
            key=_key(upload_id, "touchpoint_value"),
        )
        return {"touchpoint": None, "touchpoint_value": chosen}
    column = _pick(preview, upload_id, "touchpoint", _("Touchpoint column"))
    if column:
        try:
            values = column_values(str(path), column, preview.sheet)
        except InvalidInput:
            values = {}
        unmatched = match_touchpoints(list(values), journey)[1]
        shown = ", ".join(f"{v} ({fmt.number(n)})" for v, n in list(values.items())[:12])
        st.caption(
            plain(_("Values in the first rows: {values}.").format(values=shown or _("none")))
        )
        if unmatched:
            st.warning(
                plain(
                    _(
                        "These values match no touchpoint of the journey (by id or name): "
                        "{values}. Their rows will be rejected: rename them in the file, or add "
                        "the touchpoints to the journey."
                    ).format(values=", ".join(unmatched[:20]))
                )
            )
    return {"touchpoint": column, "touchpoint_value": None}


def sheet_key(upload_id: str) -> str:
    return _key(upload_id, "sheet")


def sheet_picker(sheets: list[str], chosen: str | None, upload_id: str, label: str) -> None:
    """The workbook's sheets to choose from; the choice is read back by its key on rerun."""
    if len(sheets) < 2:
        return
    st.selectbox(
        label,
        sheets,
        index=sheets.index(chosen) if chosen in sheets else 0,
        key=sheet_key(upload_id),
        help=_("The workbook has more than one sheet: choose the one with the answers."),
    )


def mapping_widgets(
    preview: ImportPreview, upload_id: str, journey: Journey, path: Path
) -> ImportMapping | None:
    """The confirmed mapping, or None after showing why it cannot be used yet."""
    kind = st.radio(
        _("What kind of survey is this?"),
        list(KINDS),
        format_func=lambda kind: _(KINDS[kind]),
        key=_key(upload_id, "survey_kind"),
    )
    left, right = st.columns(2, gap="large")
    with left:
        fields: dict[str, object] = {"score": _score(preview, upload_id)}
        fields |= _dates(preview, upload_id)
    with right:
        if kind == "transactional":
            fields |= _touchpoints(preview, upload_id, journey, path)
        for role, label in OPTIONAL_ROLES.items():
            fields[role] = _pick(preview, upload_id, role, _(label))
    fields["survey_kind"] = kind
    fields["sheet"] = preview.sheet
    try:
        return ImportMapping.model_validate(fields)
    except ValidationError as error:
        for problem in error.errors():
            message = str(problem["msg"]).removeprefix("Value error, ")
            st.error(plain(sentence(f"{preview.file}: {message}")))
        return None

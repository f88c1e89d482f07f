"""The Programme page's Shoppers and Locations tabs: a table, add, change, switch off."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from journeymap.i18n import N_, _, ngettext
from journeymap.i18n import formatting as fmt
from journeymap.model.access import Viewer
from journeymap.services.access import NotAllowed
from journeymap.services.people import (
    Location,
    Shopper,
    add_location,
    add_shopper,
    edit_location,
    edit_shopper,
    locations,
    shoppers,
)
from journeymap.ui.shell import state
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.widgets.tables import MISSING
from journeymap.ui.widgets.text import plain, sentence

SWITCHED_OFF = N_("Switched off: no new visits")
# Labels of the Shoppers and Locations tables' columns.
COLUMNS = {
    "Id": N_("Id"),
    "Name": N_("Name"),
    "Region": N_("Region"),
    "Kind": N_("Kind"),
    "Active": N_("Active"),
}
# A location's kind (services.people.Location.kind), as read.
KINDS = {"own": N_("own"), "competitor": N_("competitor")}


def shoppers_tab(viewer: Viewer) -> None:
    found = shoppers(viewer, get_engine())
    st.caption(
        _(
            "A switched-off shopper gets no new visits and can no longer sign in; the visits "
            "they made keep counting."
        )
    )
    if found:
        st.dataframe(
            pd.DataFrame(
                {
                    "Id": [s.id for s in found],
                    "Name": [s.name for s in found],
                    "Region": [s.region for s in found],
                    "Active": [s.active for s in found],
                }
            ),
            hide_index=True,
            width="stretch",
            column_config=_labels(),
            placeholder=MISSING,
        )
    with st.form("add-shopper", clear_on_submit=True):
        st.markdown("**" + _("Add a shopper") + "**")
        left, middle, right = st.columns(3)
        shopper_id = left.text_input(
            # Translators: an example of a shopper's id (lower case, digits and hyphens).
            _("Id"),
            placeholder=_("shopper-aarhus-01"),
        )
        name = middle.text_input(_("Name"))
        region = right.text_input(_("Region"), help=_("Planning prefers shoppers from the region."))
        if st.form_submit_button(_("Add shopper"), type="primary"):
            _run(
                lambda: add_shopper(viewer, get_engine(), shopper_id, name, region),
                lambda s: _("Added shopper {id} ({name}).").format(id=s.id, name=s.name),
            )
    if found:
        _change_shopper(viewer, {s.id: s for s in found})


def _change_shopper(viewer: Viewer, known: dict[str, Shopper]) -> None:
    chosen = st.selectbox(
        _("Change a shopper"),
        list(known),
        format_func=lambda i: f"{known[i].name} ({i})",
        key=state.SHOPPER_TO_CHANGE,
    )
    shopper = known[chosen]
    with st.form(f"change-shopper-{chosen}"):
        left, middle, right = st.columns(3)
        name = left.text_input(_("Name"), value=shopper.name)
        region = middle.text_input(_("Region"), value=shopper.region)
        active = right.toggle(_("Active"), value=shopper.active, help=_(SWITCHED_OFF))
        if st.form_submit_button(_("Save shopper")):
            _run(
                lambda: edit_shopper(
                    viewer, get_engine(), chosen, name=name, region=region, active=active
                ),
                lambda c: _changed(c.item.name, c.item.active, c.open_visits),
            )


def locations_tab(viewer: Viewer) -> None:
    found = locations(viewer, get_engine())
    st.caption(
        _(
            "Own locations are planned by default; a competitor only when named. A "
            "switched-off location gets no new visits; its visits keep counting."
        )
    )
    if found:
        st.dataframe(
            pd.DataFrame(
                {
                    "Id": [p.id for p in found],
                    "Name": [p.name for p in found],
                    "Region": [p.region for p in found],
                    "Kind": [_(KINDS.get(p.kind, p.kind)) for p in found],
                    "Active": [p.active for p in found],
                }
            ),
            hide_index=True,
            width="stretch",
            column_config=_labels(),
            placeholder=MISSING,
        )
    with st.form("add-location", clear_on_submit=True):
        st.markdown("**" + _("Add a location") + "**")
        left, middle, right = st.columns(3)
        location_id = left.text_input(
            # Translators: an example of a location's id (lower case, digits and hyphens).
            _("Id"),
            placeholder=_("bank-aarhus-c"),
        )
        name = middle.text_input(_("Name"))
        region = right.text_input(_("Region"))
        competitor = st.checkbox(_("A competitor's location"))
        if st.form_submit_button(_("Add location"), type="primary"):
            _run(
                lambda: add_location(
                    viewer, get_engine(), location_id, name, region, competitor=competitor
                ),
                lambda p: _added_location(p),
            )
    if found:
        _change_location(viewer, {p.id: p for p in found})


def _change_location(viewer: Viewer, known: dict[str, Location]) -> None:
    chosen = st.selectbox(
        _("Change a location"),
        list(known),
        format_func=lambda i: f"{known[i].name} ({i})",
        key=state.LOCATION_TO_CHANGE,
    )
    location = known[chosen]
    with st.form(f"change-location-{chosen}"):
        left, middle, right = st.columns(3)
        name = left.text_input(_("Name"), value=location.name)
        region = middle.text_input(_("Region"), value=location.region)
        active = right.toggle(_("Active"), value=location.active, help=_(SWITCHED_OFF))
        competitor = st.checkbox(
            _("A competitor's location"),
            value=location.competitor,
            help=_("Only while it has no visits: its results were read as one or the other."),
        )
        if st.form_submit_button(_("Save location")):
            _run(
                lambda: edit_location(
                    viewer,
                    get_engine(),
                    chosen,
                    name=name,
                    region=region,
                    competitor=competitor,
                    active=active,
                ),
                lambda c: _changed(c.item.name, c.item.active, c.open_visits),
            )


def _labels() -> dict[str, Any]:
    return {column: st.column_config.Column(_(label)) for column, label in COLUMNS.items()}


def _added_location(location: Location) -> str:
    if location.competitor:
        return _("Added competitor location {id} ({name}).").format(
            id=location.id, name=location.name
        )
    return _("Added own location {id} ({name}).").format(id=location.id, name=location.name)


def _changed(name: str, active: bool, open_visits: int) -> str:
    if active:
        return _("Saved {name}.").format(name=name)
    text = _("Saved {name}: switched off.").format(name=name)
    if open_visits:
        text += " " + ngettext(
            "{count} visit is still open: reassign or cancel it under Visits.",
            "{count} visits are still open: reassign or cancel them under Visits.",
            open_visits,
        ).format(count=fmt.number(open_visits))
    return text


def _run(action: Callable[[], Any], said: Callable[[Any], str]) -> None:
    try:
        done = action()
    except (NotAllowed, ValueError, LookupError) as error:
        st.error(plain(sentence(str(error))))
        return
    st.session_state[state.FLASH_MESSAGE] = said(done)
    st.rerun()

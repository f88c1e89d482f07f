"""The Journey page: the map, its key figures, the touchpoints, main path and loops."""

from __future__ import annotations

import streamlit as st

from journeymap import settings
from journeymap.analytics.flow import FlowError
from journeymap.analytics.overview import key_figures, path_names, touchpoint_table
from journeymap.analytics.shopper_results import METHOD_TEXT, MIN_RANKED_VISITS
from journeymap.charts.channels import channel_name
from journeymap.charts.map_layout import TEXT_LANES
from journeymap.i18n import N_, _, ngettext
from journeymap.i18n import formatting as fmt
from journeymap.ui.loaders.health import health_graph_figure, health_map_figure
from journeymap.ui.loaders.journeys import (
    JourneyView,
    graph_figure,
    list_journeys,
    load_journey_view,
    map_figure,
)
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import require_page
from journeymap.ui.shell.current import current_journey_id
from journeymap.ui.shell.navigation import JOURNEY_PAGE
from journeymap.ui.shell.present import presentation_switch
from journeymap.ui.widgets.column_width import column_width, measure_column
from journeymap.ui.widgets.evidence_filter import evidence_filter_widgets
from journeymap.ui.widgets.shopping.formats import score_interval
from journeymap.ui.widgets.shopping.version_choice import shopper_scores_of_one_version
from journeymap.ui.widgets.tables import MISSING
from journeymap.ui.widgets.text import plain

TITLE = N_("Journey")
VIEWS = (N_("Graph"), N_("Map"))
EDGE_CHOICES = {"all": N_("All edges"), "main": N_("Main path only")}
# The Feels lane (the emotion curve) is always drawn; the others can be hidden.
LANE_TITLES = {key: title for key, title in TEXT_LANES if key != "feels"}
# Until the browser has measured the column, presentation mode lays the map out for a
# 1920 px projector without the sidebar (the page's padding and margins taken off).
PRESENT_MAP_WIDTH = 1840
MAX_LOOPS_LISTED = 10
PLOTLY_CONFIG = {
    "displaylogo": False,
    "scrollZoom": False,
    "modeBarButtonsToRemove": [
        "zoom",
        "pan",
        "select",
        "lasso2d",
        "zoomIn",
        "zoomOut",
        "autoScale",
        "resetScale",
    ],
    "toImageButtonOptions": {"format": "png", "filename": "journey-map", "scale": 2},
}


def render() -> None:
    require_page(JOURNEY_PAGE)
    journey_id = current_journey_id(_("or import one on the Get started page"))
    revisions = {s.id: s.revision for s in list_journeys()}
    if journey_id not in revisions:
        st.warning(_("This journey was deleted meanwhile: choose another one in the sidebar."))
        return
    try:
        view = load_journey_view(journey_id, revisions[journey_id])
    except FlowError:
        st.error(
            _(
                "This journey's shares trap customers in a loop, so the flow cannot be "
                "computed: export it, validate it with `python -m journeymap validate`, fix "
                "the shares and import it again."
            )
        )
        return
    if view is None:
        st.warning(_("This journey was deleted meanwhile: choose another one in the sidebar."))
        return
    presenting = _header(view)
    # The diagram first: on a projector (1920×1080) it must start on the first screen.
    _journey_views(view, presenting)
    if presenting:
        return
    _figures(view)
    _touchpoints(view)
    left, right = st.columns(2, gap="large")
    with left:
        _main_path(view)
    with right:
        _loops(view)


def _header(view: JourneyView) -> bool:
    """The journey's name and the Present button; True when presenting."""
    journey = view.journey
    title, switch = st.columns([5, 1], vertical_alignment="center")
    with switch:
        presenting = presentation_switch()
    with title:
        st.title(plain(journey.name))
    if presenting:
        return True
    details = [_("Revision {revision}").format(revision=view.revision)]
    if journey.segment:
        details.append(_("Segment: {segment}").format(segment=journey.segment))
    st.caption(plain(" · ".join(details)))
    if journey.description or journey.persona:
        # Folded away: on a projector the map should be on the first screen.
        with st.expander(_("About this journey")):
            if journey.description:
                st.markdown(plain(journey.description))
            if journey.persona:
                st.markdown(_("**Persona:** {persona}").format(persona=plain(journey.persona)))
    return False


def _journey_views(view: JourneyView, presenting: bool = False) -> None:
    """The map (classic grid) or the graph, as the person chose; one drawn at a time."""
    journey_id = view.journey.id
    choose, options, colours = st.columns([1, 3, 1], vertical_alignment="center")
    with colours.popover(_("Colours"), icon=":material/palette:", width="stretch"):
        coloured = st.toggle(
            _("Colour touchpoints by their health"),
            value=True,
            key=state.COLOUR_BY_EVIDENCE,
            help=_(
                "Good, watch, sand in the machine, or not enough data — from NPS, mystery "
                "shopping, metrics and flow (see the Sand ranking page)."
            ),
        )
        flt = evidence_filter_widgets(journey_id)
    with choose:
        choice = st.segmented_control(
            _("View"),
            VIEWS,
            format_func=_,
            default=VIEWS[0],
            key=state.JOURNEY_VIEW,
            label_visibility="collapsed",
            help=_(
                "Graph: the touchpoints as a network with the shares of customers. "
                "Map: the classic journey map, stage by stage, with the emotion curve."
            ),
        )
    if choice == "Map":
        with options:
            lanes = st.pills(
                _("Lanes"),
                list(LANE_TITLES),
                format_func=lambda lane: _(LANE_TITLES[lane]),
                selection_mode="multi",
                default=list(LANE_TITLES),
                key=state.MAP_LANES,
                label_visibility="collapsed",
            )
        # Laid out for the column it is shown in, measured by the browser: a map made
        # for a wider screen is shrunk with its text kept at size, cards on cards.
        width = column_width(state.MAP_COLUMN_WIDTH) or (PRESENT_MAP_WIDTH if presenting else None)
        figure = (
            health_map_figure(journey_id, tuple(lanes or ()), flt, width)
            if coloured
            else map_figure(journey_id, view.revision, tuple(lanes or ()), width)
        )
    else:
        with options:
            edges = st.segmented_control(
                _("Edges"),
                list(EDGE_CHOICES),
                format_func=lambda edges: _(EDGE_CHOICES[edges]),
                default="all",
                key=state.GRAPH_EDGES,
                label_visibility="collapsed",
            )
        figure = (
            health_graph_figure(journey_id, edges or "all", flt)
            if coloured
            else graph_figure(journey_id, view.revision, edges or "all")
        )
    if figure is not None:
        config = PLOTLY_CONFIG | {
            "toImageButtonOptions": PLOTLY_CONFIG["toImageButtonOptions"]
            | {"filename": f"{journey_id}-{(choice or VIEWS[0]).lower()}"}
        }
        st.plotly_chart(figure, width="stretch", config=config, theme=None)
        if choice == "Map":
            measure_column(state.MAP_COLUMN_WIDTH)


def _figures(view: JourneyView) -> None:
    figures = key_figures(view.journey, view.flow)
    columns = st.columns(5)
    columns[0].metric(_("Touchpoints"), fmt.number(figures.touchpoints))
    columns[1].metric(_("Stages"), fmt.number(figures.stages))
    columns[2].metric(_("Channels"), fmt.number(figures.channels))
    columns[3].metric(
        _("Customers entering per month"),
        fmt.number(figures.entering_per_month),
        help=_("The sum of the journey's entries: new customers starting the journey each month."),
    )
    steps = figures.main_path_steps
    columns[4].metric(
        _("Main path"),
        ngettext("{count} step", "{count} steps", steps).format(count=fmt.number(steps)),
        delta=_("{share} walk all of it").format(share=fmt.share(figures.main_path_share)),
        delta_color="off",
        delta_arrow="off",
        help=_(
            "The most likely route from an entry to a good end: the path a workshop walks. "
            "The share is of the customers who start where it starts."
        ),
    )


def _touchpoints(view: JourneyView) -> None:
    st.subheader(_("Touchpoints"))
    scores = shopper_scores_of_one_version(view.journey.id)
    table = touchpoint_table(view.journey, view.flow, scores.table)
    table["Channel"] = table["Channel"].map(channel_name)
    table.insert(
        table.columns.get_loc("Shopper low %"),
        "Shopper 95 % interval",
        [
            score_interval(low, high, int(n), decimals=0)  # as the score: whole percent
            for low, high, n in zip(
                table["Shopper low %"],
                table["Shopper high %"],
                table["Shopper visits (n)"],
                strict=True,
            )
        ],
    )
    table = table.drop(columns=["Shopper low %", "Shopper high %"])
    method = _(METHOD_TEXT[settings.shopper_score_method()])
    shopper_help = (
        _("Mystery-shopper score of the touchpoint's sections: {method}, approved visits")
        if settings.shopper_approved_only()
        else _("Mystery-shopper score of the touchpoint's sections: {method}")
    ).format(method=method)
    # The frame keeps its column names (they are data); the reader sees them in words.
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            # Wide enough for a name of some 40 letters; the shopper's n stays on a 1920 screen.
            "Touchpoint": st.column_config.TextColumn(_("Touchpoint"), width=270),
            "Stage": st.column_config.TextColumn(_("Stage")),
            "Channel": st.column_config.TextColumn(_("Channel")),
            "Owner": st.column_config.TextColumn(
                _("Owner"), help=_("The department that owns the step")
            ),
            "Customers per month": st.column_config.NumberColumn(
                _("Customers per month"),
                format="localized",
                help=_("Expected customers reaching the touchpoint each month"),
            ),
            "Drop-off %": st.column_config.ProgressColumn(
                _("Drop-off %"),
                format="%.0f %%",
                min_value=0,
                max_value=100,
                help=_("Share of the customers here who leave the journey here"),
            ),
            "Moment of truth": st.column_config.CheckboxColumn(
                _("Moment of truth"), help=_("A touchpoint that decides loyalty")
            ),
            "Shopper score %": st.column_config.NumberColumn(
                _("Shopper score %"), format="%.0f %%", help=shopper_help
            ),
            "Shopper 95 % interval": st.column_config.TextColumn(
                _("Shopper 95 % interval"),
                help=_(
                    "Where the score would likely be with many more visits; fewer than "
                    "{count} visits are marked few"
                ).format(count=fmt.number(MIN_RANKED_VISITS)),
            ),
            "Shopper visits (n)": st.column_config.NumberColumn(
                _("Shopper visits (n)"),
                help=_("Mystery-shopper visits that scored this touchpoint"),
            ),
        },
        placeholder=MISSING,
    )


def _main_path(view: JourneyView) -> None:
    st.subheader(_("Main path"))
    names = path_names(view.journey, view.flow.main_path)
    if not names:
        st.caption(_("No path from an entry reaches an end touchpoint."))
        return
    st.markdown("\n".join(f"{i}. {plain(name)}" for i, name in enumerate(names, start=1)))


def _loops(view: JourneyView) -> None:
    st.subheader(_("Loops"))
    cycles = view.flow.cycles
    if not cycles:
        st.caption(_("The journey has no loops: nobody is sent back to an earlier step."))
        return
    # The search for loops stops at 50: "50+" says there may be more.
    count = fmt.number(len(cycles)) + ("+" if len(cycles) >= 50 else "")
    st.caption(
        ngettext(
            "{count} way customers come back to a step they were at before (shortest first).",
            "{count} ways customers come back to a step they were at before (shortest first).",
            len(cycles),
        ).format(count=count)
    )
    lines = [
        "- " + plain(" → ".join(path_names(view.journey, cycle + cycle[:1])))
        for cycle in cycles[:MAX_LOOPS_LISTED]
    ]
    if len(cycles) > MAX_LOOPS_LISTED:
        more = fmt.number(len(cycles) - MAX_LOOPS_LISTED)
        lines.append("- " + _("… and {count} more").format(count=more))
    st.markdown("\n".join(lines))


if __name__ == "__main__":  # run as a page by st.navigation; importable for tests
    render()

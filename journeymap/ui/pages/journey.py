"""The Journey page: the map, its key figures, the touchpoints, main path and loops."""

from __future__ import annotations

import streamlit as st

from journeymap import settings
from journeymap.analytics.flow import FlowError
from journeymap.analytics.overview import key_figures, path_names, touchpoint_table
from journeymap.analytics.shopper_results import METHOD_TEXT
from journeymap.charts.map_layout import TEXT_LANES
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
from journeymap.ui.widgets.shopping.version_choice import shopper_scores_of_one_version
from journeymap.ui.widgets.text import plain

TITLE = "Journey"
VIEWS = ("Graph", "Map")
EDGE_CHOICES = {"all": "All edges", "main": "Main path only"}
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
    journey_id = current_journey_id("or import one on the Get started page")
    revisions = {s.id: s.revision for s in list_journeys()}
    if journey_id not in revisions:
        st.warning("This journey was deleted meanwhile: choose another one in the sidebar.")
        return
    try:
        view = load_journey_view(journey_id, revisions[journey_id])
    except FlowError:
        st.error(
            "This journey's shares trap customers in a loop, so the flow cannot be "
            "computed: export it, validate it with `python -m journeymap validate`, fix "
            "the shares and import it again."
        )
        return
    if view is None:
        st.warning("This journey was deleted meanwhile: choose another one in the sidebar.")
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
    details = [f"Revision {view.revision}"]
    if journey.segment:
        details.append(f"Segment: {journey.segment}")
    st.caption(plain(" · ".join(details)))
    if journey.description or journey.persona:
        # Folded away: on a projector the map should be on the first screen.
        with st.expander("About this journey"):
            if journey.description:
                st.markdown(plain(journey.description))
            if journey.persona:
                st.markdown(f"**Persona:** {plain(journey.persona)}")
    return False


def _journey_views(view: JourneyView, presenting: bool = False) -> None:
    """The map (classic grid) or the graph, as the person chose; one drawn at a time."""
    journey_id = view.journey.id
    choose, options, colours = st.columns([1, 3, 1], vertical_alignment="center")
    with colours.popover("Colours", icon=":material/palette:", width="stretch"):
        coloured = st.toggle(
            "Colour touchpoints by their health",
            value=True,
            key=state.COLOUR_BY_EVIDENCE,
            help="Good, watch, sand in the machine, or not enough data — from NPS, mystery "
            "shopping, metrics and flow (see the Sand ranking page).",
        )
        flt = evidence_filter_widgets(journey_id)
    with choose:
        choice = st.segmented_control(
            "View",
            VIEWS,
            default=VIEWS[0],
            key=state.JOURNEY_VIEW,
            label_visibility="collapsed",
            help="Graph: the touchpoints as a network with the shares of customers. "
            "Map: the classic journey map, stage by stage, with the emotion curve.",
        )
    if choice == "Map":
        with options:
            lanes = st.pills(
                "Lanes",
                list(LANE_TITLES),
                format_func=LANE_TITLES.__getitem__,
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
                "Edges",
                list(EDGE_CHOICES),
                format_func=EDGE_CHOICES.__getitem__,
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
    columns[0].metric("Touchpoints", figures.touchpoints)
    columns[1].metric("Stages", figures.stages)
    columns[2].metric("Channels", figures.channels)
    columns[3].metric(
        "Customers entering per month",
        f"{figures.entering_per_month:,.0f}".replace(",", " "),
        help="The sum of the journey's entries: new customers starting the journey each month.",
    )
    columns[4].metric(
        "Main path",
        f"{figures.main_path_steps} steps",
        delta=f"{figures.main_path_share * 100:.0f} % walk all of it",
        delta_color="off",
        delta_arrow="off",
        help="The most likely route from an entry to a good end: the path a workshop walks. "
        "The share is of the customers who start where it starts.",
    )


def _touchpoints(view: JourneyView) -> None:
    st.subheader("Touchpoints")
    scores = shopper_scores_of_one_version(view.journey.id)
    table = touchpoint_table(view.journey, view.flow, scores.table)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "Touchpoint": st.column_config.TextColumn(width="large"),
            "Owner": st.column_config.TextColumn(help="The department that owns the step"),
            "Customers per month": st.column_config.NumberColumn(
                format="localized", help="Expected customers reaching the touchpoint each month"
            ),
            "Drop-off %": st.column_config.ProgressColumn(
                format="%.0f %%",
                min_value=0,
                max_value=100,
                help="Share of the customers here who leave the journey here",
            ),
            "Moment of truth": st.column_config.CheckboxColumn(
                help="A touchpoint that decides loyalty"
            ),
            "Shopper score %": st.column_config.NumberColumn(
                format="%.0f %%",
                help="Mystery-shopper score of the touchpoint's sections: "
                + METHOD_TEXT[settings.shopper_score_method()]
                + (", approved visits" if settings.shopper_approved_only() else ""),
            ),
            "Shopper visits (n)": st.column_config.NumberColumn(
                help="Mystery-shopper visits that scored this touchpoint"
            ),
        },
    )


def _main_path(view: JourneyView) -> None:
    st.subheader("Main path")
    names = path_names(view.journey, view.flow.main_path)
    if not names:
        st.caption("No path from an entry reaches an end touchpoint.")
        return
    st.markdown("\n".join(f"{i}. {plain(name)}" for i, name in enumerate(names, start=1)))


def _loops(view: JourneyView) -> None:
    st.subheader("Loops")
    cycles = view.flow.cycles
    if not cycles:
        st.caption("The journey has no loops: nobody is sent back to an earlier step.")
        return
    st.caption(
        f"{len(cycles)}{'+' if len(cycles) >= 50 else ''} ways customers come back to a "
        "step they were at before (shortest first)."
    )
    lines = [
        "- " + plain(" → ".join(path_names(view.journey, cycle + cycle[:1])))
        for cycle in cycles[:MAX_LOOPS_LISTED]
    ]
    if len(cycles) > MAX_LOOPS_LISTED:
        lines.append(f"- … and {len(cycles) - MAX_LOOPS_LISTED} more")
    st.markdown("\n".join(lines))


if __name__ == "__main__":  # run as a page by st.navigation; importable for tests
    render()

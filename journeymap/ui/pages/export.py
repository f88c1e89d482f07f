"""The Export page: a preview of the picture and one download button per format."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from journeymap.analytics.flow import FlowError
from journeymap.io.export.chromium import INSTALL_HELP, find_chromium
from journeymap.io.export.data import ExportData
from journeymap.io.export.formats import FORMATS, export_file_name
from journeymap.io.export.images import PictureSize
from journeymap.services.export import ExportOptions, export_bytes, export_figure
from journeymap.services.sand import evidence_filter
from journeymap.ui.loaders.exports import load_export_data
from journeymap.ui.loaders.journeys import list_journeys
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import current_viewer, require_page
from journeymap.ui.shell.current import current_journey_id
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.shell.navigation import EXPORT_PAGE
from journeymap.ui.widgets.text import plain, sentence

VIEWS = {"graph": "Graph", "map": "Map"}
SCALES = (1.0, 2.0, 3.0)
BUTTONS_PER_ROW = 4
PREVIEW_CONFIG = {"displaylogo": False, "staticPlot": True}


def render() -> None:
    require_page(EXPORT_PAGE)
    journey_id = current_journey_id("or import one on the Get started page")
    if journey_id not in {s.id for s in list_journeys()}:
        st.warning("This journey was deleted meanwhile: choose another one in the sidebar.")
        return
    st.title("Export")
    view, period, size = _choices()
    try:
        data = load_export_data(journey_id, period)
    except ValueError as error:
        st.error(plain(sentence(str(error))))
        return
    except FlowError:
        st.error("This journey's shares trap customers in a loop: fix them in the editor first.")
        return
    if data is None:
        st.warning("This journey was deleted meanwhile: choose another one in the sidebar.")
        return
    st.caption(plain(f"{data.journey.name} · revision {data.revision} · evidence {data.period}"))
    _buttons(data, view, period, size)
    st.subheader("Preview")
    st.plotly_chart(export_figure(data, view), width="stretch", config=PREVIEW_CONFIG, theme=None)
    with st.expander("Mermaid text"):
        st.code(export_bytes(None, data, "mermaid").decode("utf-8"), language=None)


def _choices() -> tuple[str, str, PictureSize]:
    left, middle, right, far = st.columns([2, 2, 2, 1], vertical_alignment="bottom")
    with left:
        view = st.segmented_control(
            "Picture of",
            list(VIEWS),
            format_func=VIEWS.__getitem__,
            default="graph",
            key=state.EXPORT_VIEW,
            help="The view in the PNG, SVG, PDF and the deck's overview slide: the graph "
            "coloured by health, or the classic journey map.",
        )
    with middle:
        period = st.text_input(
            "Evidence period",
            key=state.EXPORT_PERIOD,
            placeholder="the last half year",
            help="2026, 2026-Q3 or 2026-09. Empty: the last half year.",
        )
    with right:
        width = st.number_input(
            "PNG width (pixels)",
            min_value=0,
            max_value=6000,
            value=0,
            step=100,
            key=state.EXPORT_WIDTH,
            help="0: the view's own width. The whole picture is scaled, so labels keep "
            "their places.",
        )
    with far:
        scale = st.selectbox(
            "Scale",
            SCALES,
            index=1,
            format_func=lambda s: f"{s:g}×",
            key=state.EXPORT_SCALE,
            help="Pixels per screen pixel: 2× is sharp on slides and retina screens.",
        )
    return view or "graph", (period or "").strip(), PictureSize(int(width) or None, float(scale))


def _buttons(data: ExportData, view: str, period: str, size: PictureSize) -> None:
    has_chromium = find_chromium() is not None
    if not has_chromium:
        st.warning(INSTALL_HELP)
    options = ExportOptions(view=view, size=size)  # type: ignore[arg-type]
    specs = list(FORMATS.values())
    for start in range(0, len(specs), BUTTONS_PER_ROW):
        columns = st.columns(BUTTONS_PER_ROW)
        for column, spec in zip(columns, specs[start : start + BUTTONS_PER_ROW], strict=False):
            with column:
                st.download_button(
                    spec.label,
                    data=_producer(data, spec.key, options, period),
                    file_name=export_file_name(data.journey.id, spec.key, view),
                    mime=spec.mime,
                    disabled=spec.picture and not has_chromium,
                    help=spec.help,
                    on_click="ignore",
                    icon=":material/download:",
                    width="stretch",
                    key=f"export-{spec.key}",
                )


def _producer(
    data: ExportData, fmt: str, options: ExportOptions, period: str
) -> Callable[[], bytes]:
    """The file, made only when its button is clicked (a deck takes a few seconds)."""
    engine = get_engine()
    viewer = current_viewer()  # the workbook shows shoppers and personal data by role

    def produce() -> bytes:
        return export_bytes(engine, data, fmt, options, evidence_filter(period), viewer=viewer)

    return produce


if __name__ == "__main__":  # run as a page by st.navigation; importable for tests
    render()

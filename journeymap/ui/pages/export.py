"""The Export page: a preview of the picture and one download button per format."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from journeymap.analytics.flow import FlowError
from journeymap.i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    N_,
    Language,
    _,
    current_language,
    use_language,
)
from journeymap.i18n import formatting as fmt
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

VIEWS = {"graph": N_("Graph"), "map": N_("Map")}
SCALES = (1.0, 2.0, 3.0)
BUTTONS_PER_ROW = 4
PREVIEW_CONFIG = {"displaylogo": False, "staticPlot": True}


def render() -> None:
    require_page(EXPORT_PAGE)
    journey_id = current_journey_id(_("or import one on the Get started page"))
    if journey_id not in {s.id for s in list_journeys()}:
        st.warning(_("This journey was deleted meanwhile: choose another one in the sidebar."))
        return
    st.title(_("Export"))
    view, period, size, language = _choices()
    try:
        # The files are written in the language chosen for them, the page in the reader's.
        with use_language(language):
            data = load_export_data(journey_id, period)
    except ValueError as error:
        st.error(plain(sentence(str(error))))
        return
    except FlowError:
        st.error(_("This journey's shares trap customers in a loop: fix them in the editor first."))
        return
    if data is None:
        st.warning(_("This journey was deleted meanwhile: choose another one in the sidebar."))
        return
    st.caption(
        plain(
            _("{name} · revision {revision} · evidence {period}").format(
                name=data.journey.name, revision=data.revision, period=data.period
            )
        )
    )
    _buttons(data, view, period, size, language)
    st.subheader(_("Preview"))
    with use_language(language):
        figure = export_figure(data, view)
        mermaid = export_bytes(None, data, "mermaid").decode("utf-8")
    st.plotly_chart(figure, width="stretch", config=PREVIEW_CONFIG, theme=None)
    with st.expander(_("Mermaid text")):
        st.code(mermaid, language=None)


def _choices() -> tuple[str, str, PictureSize, Language]:
    left, middle, right, far, language_col = st.columns(
        [2, 2, 2, 1, 2], vertical_alignment="bottom"
    )
    with left:
        view = st.segmented_control(
            _("Picture of"),
            list(VIEWS),
            format_func=lambda v: _(VIEWS[v]),
            default="graph",
            key=state.EXPORT_VIEW,
            help=_(
                "The view in the PNG, SVG, PDF and the deck's overview slide: the graph "
                "coloured by health, or the classic journey map."
            ),
        )
    with middle:
        period = st.text_input(
            _("Evidence period"),
            key=state.EXPORT_PERIOD,
            placeholder=_("the last half year"),
            help=_("2026, 2026-Q3 or 2026-09. Empty: the last half year."),
        )
    with right:
        width = st.number_input(
            _("PNG width (pixels)"),
            min_value=0,
            max_value=6000,
            value=0,
            step=100,
            key=state.EXPORT_WIDTH,
            help=_(
                "0: the view's own width. The whole picture is scaled, so labels keep their places."
            ),
        )
    with far:
        scale = st.selectbox(
            _("Scale"),
            SCALES,
            index=1,
            format_func=lambda s: f"{fmt.number(s, 0)}×",
            key=state.EXPORT_SCALE,
            help=_("Pixels per screen pixel: 2× is sharp on slides and retina screens."),
        )
    with language_col:
        language = st.selectbox(
            _("Language"),
            LANGUAGES,
            index=LANGUAGES.index(current_language()),
            format_func=LANGUAGE_NAMES.__getitem__,
            key=state.EXPORT_LANGUAGE,
            help=_(
                "The language of the files' headings, labels and legends; names typed by "
                "people stay as they were typed."
            ),
        )
    return (
        view or "graph",
        (period or "").strip(),
        PictureSize(int(width) or None, float(scale)),
        language,
    )


def _buttons(
    data: ExportData, view: str, period: str, size: PictureSize, language: Language
) -> None:
    has_chromium = find_chromium() is not None
    if not has_chromium:
        st.warning(_(INSTALL_HELP))
    options = ExportOptions(view=view, size=size)  # type: ignore[arg-type]
    specs = list(FORMATS.values())
    for start in range(0, len(specs), BUTTONS_PER_ROW):
        columns = st.columns(BUTTONS_PER_ROW)
        for column, spec in zip(columns, specs[start : start + BUTTONS_PER_ROW], strict=False):
            with column:
                st.download_button(
                    _(spec.label),
                    data=_producer(data, spec.key, options, period, language),
                    file_name=export_file_name(data.journey.id, spec.key, view),
                    mime=spec.mime,
                    disabled=spec.picture and not has_chromium,
                    help=_(spec.help),
                    on_click="ignore",
                    icon=":material/download:",
                    width="stretch",
                    key=f"export-{spec.key}",
                )


def _producer(
    data: ExportData, file_format: str, options: ExportOptions, period: str, language: Language
) -> Callable[[], bytes]:
    """The file, made only when its button is clicked (a deck takes a few seconds), in
    the language chosen for the files: it is made outside this run's language."""
    engine = get_engine()
    viewer = current_viewer()  # the workbook shows shoppers and personal data by role

    def produce() -> bytes:
        with use_language(language):
            return export_bytes(
                engine, data, file_format, options, evidence_filter(period), viewer=viewer
            )

    return produce


if __name__ == "__main__":  # run as a page by st.navigation; importable for tests
    render()

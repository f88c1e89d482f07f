"""The Themes tab of the Verbatims page: what customers write about, with the figures of
each theme, sentiment beside the customers' own scores, a theme's comments one choice
away, the exports, and the edit controls for those who may change themes."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from journeymap.analytics.comments.theme_figures import ThemeFigures
from journeymap.analytics.comments.themes import OTHER
from journeymap.analytics.estimates import ProportionEstimate
from journeymap.analytics.periods import period_title
from journeymap.analytics.text import share_span, share_with_interval
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.io.theme_export import comments_csv, theme_table, themes_csv, themes_xlsx
from journeymap.model import Journey
from journeymap.model.access import Capability, Viewer
from journeymap.services.access import NotAllowed
from journeymap.services.themes import ThemeFilter, ThemeView, may_edit_themes
from journeymap.ui.loaders.themes import load_theme_view
from journeymap.ui.loaders.voc import location_names, touchpoint_names
from journeymap.ui.shell import state
from journeymap.ui.widgets.tables import MISSING
from journeymap.ui.widgets.text import plain, sentence
from journeymap.ui.widgets.voc import theme_controls
from journeymap.ui.widgets.voc.theme_sentiment import sentiment_section
from journeymap.ui.widgets.voc.wording import group_word

KIND_NAMES = {"transactional": N_("Transactional"), "relationship": N_("Relationship")}
COMMENTS_PER_PAGE = 25
SENTIMENT_WORDS = {"negative": N_("negative"), "neutral": N_("neutral"), "positive": N_("positive")}


def themes_tab(viewer: Viewer, journey: Journey, choice: dict[str, Any]) -> None:
    """The tab; ``choice`` holds the page's filters as search_verbatims takes them."""
    kind = st.segmented_control(
        _("Survey"),
        list(KIND_NAMES),
        default="transactional",
        format_func=lambda kind: _(KIND_NAMES[kind]),
        key=state.THEME_SURVEY_KIND,
        help=_("Transactional and relationship answers are never counted in one NPS."),
    )
    flt = ThemeFilter(
        touchpoint=choice["touchpoint"],
        location=choice["location"],
        segment=choice["segment"],
        start=choice["start"],
        end=choice["end"],
        group=choice["group"],
        survey_kind=kind or "transactional",
    )
    if choice["text"]:
        st.caption(
            _(
                "The search is for the Comments tab; the themes count every comment the "
                "other filters keep."
            )
        )
    try:
        with st.spinner(_("Reading what customers write…"), show_time=True):
            view = load_theme_view(viewer, journey.id, flt)
    except (NotAllowed, ValueError) as error:
        st.error(plain(sentence(str(error))))
        return
    if view is None:
        st.warning(_("This journey was deleted meanwhile: choose another one in the sidebar."))
        return
    if not view.journey_comments:
        st.info(_("No customer has left a comment on this journey yet."))
        return
    _about(view)
    if not view.total:
        st.markdown(_("{count} comments match.").format(count=fmt.number(0)))
        return
    _table(view)
    _exports(view, journey)
    sentiment_section(view)
    _detail(viewer, journey, view)
    if may_edit_themes(viewer):
        theme_controls.edit_log(viewer, journey, view)
    if viewer.can(Capability.VIEW_ALL_RESULTS):
        theme_controls.survey_languages(viewer, journey)


def _about(view: ThemeView) -> None:
    visible = [f for f in view.figures if f.theme != OTHER]
    st.markdown(
        plain(
            _(
                "{count} comments match, in {themes} themes (of {total} comments in the journey)."
            ).format(
                count=fmt.number(view.total),
                themes=fmt.number(len(visible)),
                total=fmt.number(view.journey_comments),
            )
        )
    )
    if not view.kept:
        found = _("analysed now: new comments came since the last analysis")
    elif view.computed_by:
        found = _("analysed {moment} UTC for {name}").format(
            moment=fmt.moment(view.computed_at), name=view.computed_by
        )
    else:
        found = _("analysed {moment} UTC").format(moment=fmt.moment(view.computed_at))
    st.caption(
        plain(
            _(
                "Themes by TF-IDF and NMF over the journey's comments, seeded: {rule}; {found}. "
                "A comment belongs to the theme that explains it best, or to other comments."
            ).format(rule=view.rule, found=found)
        )
    )
    for note in view.unapplied:
        st.warning(plain(sentence(_("An edit no longer applies: {note}").format(note=note))))


def _interval(figure: ThemeFigures) -> str:
    if figure.nps is None:
        return "–"
    return fmt.interval(figure.nps.ci_low, figure.nps.ci_high)


def _share_span(estimate: ProportionEstimate | None) -> str:
    return MISSING if estimate is None else share_span(estimate)


def _nps_text(figure: ThemeFigures) -> str:
    """NPS ±margin (n), and its interval: "NPS +12 ±9 (n = 40); 95 % interval +3 … +21"."""
    nps = figure.nps
    if nps is None:
        return ""
    text = (
        _("NPS {nps} ±{margin} (n = {n}, small sample); 95 % interval {interval}")
        if nps.small_sample
        else _("NPS {nps} ±{margin} (n = {n}); 95 % interval {interval}")
    )
    return text.format(
        nps=fmt.signed(nps.nps),
        margin=fmt.number(nps.margin),
        n=fmt.number(nps.n),
        interval=_interval(figure),
    )


def _table(view: ThemeView) -> None:
    rows = [
        {
            "label": _theme_name(f),
            "keywords": ", ".join(f.keywords),
            "n": f.n,
            "share": 100 * f.share,
            "share_interval": _share_span(f.share_estimate),
            "detractor_share": 100 * f.detractor_share,
            "detractor_interval": _share_span(f.detractor_estimate),
            "nps": None if f.nps is None else f.nps.nps,
            "interval": _interval(f),
            "nps_n": 0 if f.nps is None else f.nps.n,
            "thin": _("small sample") if f.nps is not None and f.nps.small_sample else "",
            "trend": [100 * m.share for m in f.trend],
        }
        for f in view.figures
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        column_config={
            "label": st.column_config.TextColumn(_("Theme")),
            # Medium: the figures and their intervals stay on a projector's first screen.
            "keywords": st.column_config.TextColumn(_("Keywords"), width="medium"),
            "n": st.column_config.NumberColumn(_("Comments (n)")),
            "share": st.column_config.NumberColumn(_("Share %"), format="%.0f"),
            "share_interval": st.column_config.TextColumn(
                _("Share, 95 % interval"),
                help=_("Wilson interval; its n is every comment the filters keep."),
            ),
            "detractor_share": st.column_config.NumberColumn(
                _("Of detractors' %"), format="%.0f", help=_("Share of the detractors' comments.")
            ),
            "detractor_interval": st.column_config.TextColumn(
                _("Of detractors', 95 % interval"),
                help=_("Wilson interval; its n is the detractors' comments."),
            ),
            "nps": st.column_config.NumberColumn("NPS", format="%+.0f"),
            "interval": st.column_config.TextColumn(_("95 % interval")),
            "nps_n": st.column_config.NumberColumn("NPS n"),
            "thin": st.column_config.TextColumn("", help=_("n < 30: read as a hint.")),
            "trend": st.column_config.LineChartColumn(_("Share by month"), y_min=0),
        },
        placeholder=MISSING,
    )
    st.caption(
        _(
            "NPS of the customers who wrote the theme's comments, with its 95 % interval "
            "(adjusted Wald below 30 answers); months in UTC."
        )
    )


def _exports(view: ThemeView, journey: Journey) -> None:
    texts = dict(zip(view.comments["id"].astype(str), view.comments["comment"], strict=True))
    table = theme_table(view.figures, texts)
    left, middle, right = st.columns(3)
    left.download_button(
        _("Themes (CSV)"),
        lambda: themes_csv(table).encode("utf-8-sig"),
        file_name=f"themes-{journey.id}.csv",
        mime="text/csv",
        help=_("Labels, keywords and comments cannot run as spreadsheet formulas."),
    )
    middle.download_button(
        _("Themes and comments (Excel)"),
        lambda: themes_xlsx(table, view.comments),
        file_name=f"themes-{journey.id}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    right.download_button(
        _("Comments with their themes (CSV)"),
        lambda: comments_csv(view.comments).encode("utf-8-sig"),
        file_name=f"theme-comments-{journey.id}.csv",
        mime="text/csv",
    )


def _theme_name(figure: ThemeFigures) -> str:
    """The theme's name; the comments no theme explains are named in the reader's words."""
    return _("Other comments") if figure.theme == OTHER else figure.label


def _figure_label(figure: ThemeFigures) -> str:
    return f"{_theme_name(figure)} ({fmt.number(figure.n)})"


def _detail(viewer: Viewer, journey: Journey, view: ThemeView) -> None:
    st.subheader(_("A theme and its comments"))
    by_key = {f.theme: f for f in view.figures}
    if st.session_state.get(state.THEME_PICKED) not in by_key:
        st.session_state.pop(state.THEME_PICKED, None)  # merged or hidden meanwhile
    key = st.selectbox(
        _("Open a theme"),
        list(by_key),
        format_func=lambda k: _figure_label(by_key[k]),  # options are plain text
        key=state.THEME_PICKED,
    )
    figure = by_key[key]
    st.markdown("**" + plain(_theme_name(figure)) + "**")
    if figure.keywords:
        st.caption(plain(_("Keywords: {words}").format(words=", ".join(figure.keywords))))
    cells = st.columns(3)
    cells[0].metric(
        _("Comments"),
        fmt.number(figure.n),
        help=_("{share} of the comments (n = {n}, 95 % interval)").format(
            share=share_with_interval(figure.n, figure.comments_total),
            n=fmt.number(figure.comments_total),
        ),
    )
    cells[1].metric(
        _("From detractors"),
        fmt.number(figure.detractors),
        help=_("{share} of the detractors' comments (n = {n}, 95 % interval)").format(
            share=share_with_interval(figure.detractors, figure.all_detractors),
            n=fmt.number(figure.all_detractors),
        ),
    )
    cells[2].metric("NPS", fmt.signed(figure.nps.nps) if figure.nps else "–")
    if figure.nps is not None:
        st.caption(plain(_nps_text(figure)))
    if figure.trend:
        trend = pd.DataFrame(
            {
                "month": [period_title(m.month) for m in figure.trend],
                "comments": [m.n for m in figure.trend],
            }
        )
        # The months are words now: keep them in time order, not alphabetical.
        st.bar_chart(
            trend,
            x="month",
            y="comments",
            x_label=_("Month"),
            y_label=_("Comments"),
            sort=False,
            height=180,
        )
    examples = view.examples(figure)
    if not examples.empty:
        st.markdown(_("Examples:"))
        for row in examples.itertuples():
            st.markdown("> " + plain(str(row.comment)))
    _theme_comments(journey, view, figure)
    if may_edit_themes(viewer):
        theme_controls.theme_changes(viewer, journey, view, figure)


def _theme_comments(journey: Journey, view: ThemeView, figure: ThemeFigures) -> None:
    mine = view.comments_of(figure.theme)
    if mine.empty:
        return
    pages = max(1, -(-len(mine) // COMMENTS_PER_PAGE))
    page = 1
    title = _("The {count} comments of this theme, newest first").format(
        count=fmt.number(len(mine))
    )
    with st.expander(title):
        if pages > 1:
            page = int(
                st.number_input(
                    _("Page (of {pages})").format(pages=fmt.number(pages)),
                    1,
                    pages,
                    step=1,
                    key=f"{state.THEME_COMMENT_PAGE}-{figure.theme}",
                    width=200,
                )
            )
        names = touchpoint_names(journey)
        places = location_names()
        shown = mine.iloc[(page - 1) * COMMENTS_PER_PAGE : page * COMMENTS_PER_PAGE]
        rows: list[Any] = list(shown.itertuples())
        for row in rows:
            touchpoint = row.touchpoint_id if isinstance(row.touchpoint_id, str) else ""
            label = str(row.sentiment_label)
            parts = [
                _("{moment} UTC").format(moment=fmt.moment(row.responded_at)),
                _("score {score} ({group})").format(
                    score=row.score, group=group_word(str(row.group))
                ),
                _("words {label} ({sentiment})").format(
                    label=_(SENTIMENT_WORDS[label]) if label in SENTIMENT_WORDS else label,
                    sentiment=fmt.signed(row.sentiment, 2),
                ),
                names.get(touchpoint, touchpoint) if touchpoint else _("relationship survey"),
                _("response {id}").format(id=row.id),
            ]
            if isinstance(row.location, str) and row.location:
                parts.insert(3, places.get(row.location, row.location))
            st.caption(plain(" · ".join(str(p) for p in parts)))
            st.markdown("> " + plain(str(row.comment)))

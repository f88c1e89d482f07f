"""The Themes tab of the Verbatims page: what customers write about, with the figures of
each theme, sentiment beside the customers' own scores, a theme's comments one choice
away, the exports, and the edit controls for those who may change themes."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from journeymap.analytics.comments.theme_figures import ThemeFigures
from journeymap.analytics.comments.themes import OTHER
from journeymap.analytics.friction import nps_text
from journeymap.analytics.text import signed
from journeymap.io.theme_export import comments_csv, theme_table, themes_csv, themes_xlsx
from journeymap.model import Journey
from journeymap.model.access import Capability, Viewer
from journeymap.services.access import NotAllowed
from journeymap.services.themes import ThemeFilter, ThemeView, may_edit_themes
from journeymap.ui.loaders.themes import load_theme_view
from journeymap.ui.loaders.voc import location_names, touchpoint_names
from journeymap.ui.shell import state
from journeymap.ui.widgets.text import plain, sentence
from journeymap.ui.widgets.voc import theme_controls

KIND_NAMES = {"transactional": "Transactional", "relationship": "Relationship"}
GROUP_NAMES = {
    "detractor": "Detractors (0–6)",
    "passive": "Passives (7–8)",
    "promoter": "Promoters (9–10)",
}
COMMENTS_PER_PAGE = 25
DISAGREEMENTS_SHOWN = 30


def themes_tab(viewer: Viewer, journey: Journey, choice: dict[str, Any]) -> None:
    """The tab; ``choice`` holds the page's filters as search_verbatims takes them."""
    kind = st.segmented_control(
        "Survey",
        list(KIND_NAMES),
        default="transactional",
        format_func=KIND_NAMES.__getitem__,
        key=state.THEME_SURVEY_KIND,
        help="Transactional and relationship answers are never counted in one NPS.",
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
            "The search is for the Comments tab; the themes count every comment the "
            "other filters keep."
        )
    try:
        with st.spinner("Reading what customers write…", show_time=True):
            view = load_theme_view(viewer, journey.id, flt)
    except (NotAllowed, ValueError) as error:
        st.error(plain(sentence(str(error))))
        return
    if view is None:
        st.warning("This journey was deleted meanwhile: choose another one in the sidebar.")
        return
    if not view.journey_comments:
        st.info("No customer has left a comment on this journey yet.")
        return
    _about(view)
    if not view.total:
        st.markdown("0 comments match.")
        return
    _table(view)
    _exports(view, journey)
    _sentiment(view)
    _detail(viewer, journey, view)
    if may_edit_themes(viewer):
        theme_controls.edit_log(viewer, journey, view)
    if viewer.can(Capability.VIEW_ALL_RESULTS):
        theme_controls.survey_languages(viewer, journey)


def _about(view: ThemeView) -> None:
    visible = [f for f in view.figures if f.theme != OTHER]
    st.markdown(
        plain(
            f"{view.total:,} comments match, in {len(visible)} themes "
            f"(of {view.journey_comments:,} comments in the journey)."
        )
    )
    if view.kept:
        by = f" for {view.computed_by}" if view.computed_by else ""
        found = f"analysed {view.computed_at:%Y-%m-%d %H:%M} UTC{by}"
    else:
        found = "analysed now: new comments came since the last analysis"
    st.caption(
        plain(
            f"Themes by TF-IDF and NMF over the journey's comments, seeded: {view.rule}; {found}. "
            "A comment belongs to the theme that explains it best, or to other comments."
        )
    )
    for note in view.unapplied:
        st.warning(plain(sentence(f"An edit no longer applies: {note}")))


def _interval(figure: ThemeFigures) -> str:
    if figure.nps is None:
        return "–"
    return f"{signed(figure.nps.ci_low)} to {signed(figure.nps.ci_high)}"


def _table(view: ThemeView) -> None:
    rows = [
        {
            "label": f.label,
            "keywords": ", ".join(f.keywords),
            "n": f.n,
            "share": 100 * f.share,
            "detractor_share": 100 * f.detractor_share,
            "nps": None if f.nps is None else f.nps.nps,
            "interval": _interval(f),
            "nps_n": 0 if f.nps is None else f.nps.n,
            "thin": "small sample" if f.nps is not None and f.nps.small_sample else "",
            "trend": [100 * m.share for m in f.trend],
        }
        for f in view.figures
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        column_config={
            "label": st.column_config.TextColumn("Theme"),
            "keywords": st.column_config.TextColumn("Keywords"),
            "n": st.column_config.NumberColumn("Comments (n)"),
            "share": st.column_config.NumberColumn("Share %", format="%.0f"),
            "detractor_share": st.column_config.NumberColumn(
                "Of detractors' %", format="%.0f", help="Share of the detractors' comments."
            ),
            "nps": st.column_config.NumberColumn("NPS", format="%+.0f"),
            "interval": st.column_config.TextColumn("95 % interval"),
            "nps_n": st.column_config.NumberColumn("NPS n"),
            "thin": st.column_config.TextColumn("", help="n < 30: read as a hint."),
            "trend": st.column_config.LineChartColumn("Share by month", y_min=0),
        },
    )
    st.caption(
        "NPS of the customers who wrote the theme's comments, with its 95 % interval "
        "(adjusted Wald below 30 answers); months in UTC."
    )


def _exports(view: ThemeView, journey: Journey) -> None:
    texts = dict(zip(view.comments["id"].astype(str), view.comments["comment"], strict=True))
    table = theme_table(view.figures, texts)
    left, middle, right = st.columns(3)
    left.download_button(
        "Themes (CSV)",
        lambda: themes_csv(table).encode("utf-8-sig"),
        file_name=f"themes-{journey.id}.csv",
        mime="text/csv",
        help="Labels, keywords and comments cannot run as spreadsheet formulas.",
    )
    middle.download_button(
        "Themes and comments (Excel)",
        lambda: themes_xlsx(table, view.comments),
        file_name=f"themes-{journey.id}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    right.download_button(
        "Comments with their themes (CSV)",
        lambda: comments_csv(view.comments).encode("utf-8-sig"),
        file_name=f"theme-comments-{journey.id}.csv",
        mime="text/csv",
    )


def _sentiment(view: ThemeView) -> None:
    st.subheader("The words beside the score")
    rows = []
    for group, name in GROUP_NAMES.items():
        counts = view.sentiment[group]
        n = sum(counts.values())
        rows.append(
            {
                "group": name,
                "n": n,
                **{label: (100 * c / n if n else None) for label, c in counts.items()},
            }
        )
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        column_config={
            "group": st.column_config.TextColumn("The customer's score"),
            "n": st.column_config.NumberColumn("Comments (n)"),
            "negative": st.column_config.NumberColumn("Negative words %", format="%.0f"),
            "neutral": st.column_config.NumberColumn("Neutral %", format="%.0f"),
            "positive": st.column_config.NumberColumn("Positive words %", format="%.0f"),
        },
    )
    st.caption(
        "The customer's own 0–10 score decides promoter, passive or detractor; the "
        "sentiment of the words (word lists with negation, in the comment's language) "
        "is shown beside it, never instead of it."
    )
    found = view.disagreements
    with st.expander(f"{len(found):,} comments whose words and score disagree"):
        if found.empty:
            st.caption("None: the words agree with the scores.")
        for row in found.head(DISAGREEMENTS_SHOWN).itertuples():
            st.markdown("> " + plain(str(row.comment)))
            st.caption(
                plain(
                    f"score {row.score}, words {row.sentiment:+.2f}: {row.kind} · {row.theme_label}"
                )
            )
        if len(found) > DISAGREEMENTS_SHOWN:
            st.caption(f"The {DISAGREEMENTS_SHOWN} strongest; the comments' export has them all.")


def _figure_label(figure: ThemeFigures) -> str:
    return f"{figure.label} ({figure.n:,})"


def _detail(viewer: Viewer, journey: Journey, view: ThemeView) -> None:
    st.subheader("A theme and its comments")
    by_key = {f.theme: f for f in view.figures}
    if st.session_state.get(state.THEME_PICKED) not in by_key:
        st.session_state.pop(state.THEME_PICKED, None)  # merged or hidden meanwhile
    key = st.selectbox(
        "Open a theme",
        list(by_key),
        format_func=lambda k: _figure_label(by_key[k]),  # options are plain text
        key=state.THEME_PICKED,
    )
    figure = by_key[key]
    st.markdown("**" + plain(figure.label) + "**")
    if figure.keywords:
        st.caption(plain("Keywords: " + ", ".join(figure.keywords)))
    cells = st.columns(3)
    cells[0].metric("Comments", f"{figure.n:,}", help=f"{figure.share:.0%} of the comments")
    cells[1].metric(
        "From detractors",
        f"{figure.detractors:,}",
        help=f"{figure.detractor_share:.0%} of the detractors' comments",
    )
    cells[2].metric("NPS", signed(figure.nps.nps) if figure.nps else "–")
    if figure.nps is not None:
        st.caption(plain(f"NPS {nps_text(figure.nps)}; 95 % interval {_interval(figure)}"))
    if figure.trend:
        trend = pd.DataFrame(
            {"month": [m.month for m in figure.trend], "comments": [m.n for m in figure.trend]}
        )
        st.bar_chart(trend, x="month", y="comments", height=180)
    examples = view.examples(figure)
    if not examples.empty:
        st.markdown("Examples:")
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
    with st.expander(f"The {len(mine):,} comments of this theme, newest first"):
        if pages > 1:
            page = int(
                st.number_input(
                    f"Page (of {pages:,})",
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
        for row in shown.itertuples():
            touchpoint = row.touchpoint_id if isinstance(row.touchpoint_id, str) else ""
            parts = [
                f"{row.responded_at:%Y-%m-%d %H:%M} UTC",
                f"score {row.score} ({row.group})",
                f"words {row.sentiment_label} ({row.sentiment:+.2f})",
                names.get(touchpoint, touchpoint) if touchpoint else "relationship survey",
                f"response {row.id}",
            ]
            if isinstance(row.location, str) and row.location:
                parts.insert(3, places.get(row.location, row.location))
            st.caption(plain(" · ".join(str(p) for p in parts)))
            st.markdown("> " + plain(str(row.comment)))

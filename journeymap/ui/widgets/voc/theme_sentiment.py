"""The Themes tab's "words beside the score": how the sentiment of what customers write
sits beside their own 0–10 score, and where the two disagree."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from journeymap.analytics.text import share_with_interval
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.services.themes import ThemeView
from journeymap.ui.widgets.tables import MISSING
from journeymap.ui.widgets.text import plain
from journeymap.ui.widgets.voc.wording import GROUP_NAMES

DISAGREEMENTS = {
    "detractor with positive words": N_("detractor with positive words"),
    "promoter with negative words": N_("promoter with negative words"),
}
DISAGREEMENTS_SHOWN = 30


def sentiment_section(view: ThemeView) -> None:
    """The sentiment of the words per score group, each share with its interval, and
    the comments whose words and score disagree."""
    st.subheader(_("The words beside the score"))
    rows = []
    for group, name in GROUP_NAMES.items():
        counts = view.sentiment[group]
        n = sum(counts.values())
        rows.append(
            {
                "group": _(name),
                "n": n,
                **{label: share_with_interval(c, n) for label, c in counts.items()},
            }
        )
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        column_config={
            "group": st.column_config.TextColumn(_("The customer's score")),
            "n": st.column_config.NumberColumn(_("Comments (n)")),
            "negative": st.column_config.TextColumn(_("Negative words")),
            "neutral": st.column_config.TextColumn(_("Neutral")),
            "positive": st.column_config.TextColumn(_("Positive words")),
        },
        placeholder=MISSING,
    )
    st.caption(
        _(
            "The customer's own 0–10 score decides promoter, passive or detractor; the "
            "sentiment of the words (word lists with negation, in the comment's language) "
            "is shown beside it, never instead of it. Each share of the group's comments "
            "with its 95 % (Wilson) interval."
        )
    )
    found = view.disagreements
    title = _("{count} comments whose words and score disagree").format(
        count=fmt.number(len(found))
    )
    with st.expander(title):
        if found.empty:
            st.caption(_("None: the words agree with the scores."))
        strongest: list[Any] = list(found.head(DISAGREEMENTS_SHOWN).itertuples())
        for row in strongest:
            st.markdown("> " + plain(str(row.comment)))
            code = str(row.kind)
            kind = _(DISAGREEMENTS[code]) if code in DISAGREEMENTS else code
            st.caption(
                plain(
                    _("score {score}, words {sentiment}: {kind} · {theme}").format(
                        score=row.score,
                        sentiment=fmt.signed(row.sentiment, 2),
                        kind=kind,
                        theme=row.theme_label,
                    )
                )
            )
        if len(found) > DISAGREEMENTS_SHOWN:
            st.caption(
                _("The {count} strongest; the comments' export has them all.").format(
                    count=fmt.number(DISAGREEMENTS_SHOWN)
                )
            )

"""A walk card's theme line: the theme's share of the comments with its interval."""

from __future__ import annotations

from journeymap.analytics.comments.theme_figures import ThemeFigures
from journeymap.ui.widgets.walk.walk_cards import theme_line


def test_the_share_of_a_theme_comes_with_its_n_and_interval() -> None:
    theme = ThemeFigures(
        "t1", "ventetid", (), 6, 6 / 18, 4, 4 / 6, None, (), (), comments_total=18, all_detractors=6
    )
    # Wilson, 6 of 18: 16.3 % … 56.3 %.
    assert theme_line(theme) == (
        "“ventetid”: 6 of 18 comments (33%, 95 % interval 16% … 56%), 4 of them from detractors"
    )

"""A walk card's lines: a theme's share of the comments and a question's failures, each
with its interval."""

from __future__ import annotations

from journeymap.analytics.comments.theme_figures import ThemeFigures
from journeymap.analytics.walk_cards import FailingQuestion
from journeymap.ui.widgets.walk.walk_cards import failing_line, theme_line


def test_the_share_of_a_theme_comes_with_its_n_and_interval() -> None:
    theme = ThemeFigures(
        "t1", "ventetid", (), 6, 6 / 18, 4, 4 / 6, None, (), (), comments_total=18, all_detractors=6
    )
    # Wilson, 6 of 18: 16.3 % … 56.3 %.
    assert theme_line(theme) == (
        "“ventetid”: 6 of 18 comments (33%, 95 % interval 16% … 56%), 4 of them from detractors"
    )


def test_a_failing_question_comes_with_its_share_and_interval() -> None:
    failing = FailingQuestion("coffee", "Blev du tilbudt kaffe?", 21, 29)
    # Wilson, 21 of 29: 54.3 % … 85.3 %.
    assert failing_line(failing) == ("Blev du tilbudt kaffe? — fails in 21 of 29: 72% (54% … 85%)")

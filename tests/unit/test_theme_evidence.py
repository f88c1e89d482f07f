"""Themes as evidence: the sand reason, what grew or shrank between periods, the walk
card, call-back root causes, improvement actions, and the formula-safe exports."""

from __future__ import annotations

import io
import math
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from journeymap.analytics.comments.theme_figures import ThemeFigures
from journeymap.analytics.comments.theme_views import (
    detractor_theme_reason,
    restrict,
    theme_shifts,
)
from journeymap.analytics.comments.themes import OTHER, Theme, ThemeResult
from journeymap.analytics.evidence import EvidenceFilter
from journeymap.analytics.periods import parse_period
from journeymap.io.report.html import report_html
from journeymap.io.theme_export import comments_csv, theme_table, themes_csv, themes_xlsx
from journeymap.services import theme_edits, themes
from journeymap.services.access import NotAllowed
from journeymap.services.actions import action_sources
from journeymap.services.cases import root_cause_choices
from journeymap.services.period_report import build_report
from journeymap.services.sand import sand_report
from journeymap.services.theme_analysis import period_theme_shifts
from journeymap.services.themes import ThemeFilter
from journeymap.services.walk import walk_data
from tests.unit.theme_helpers import (
    ANALYST,
    CAUSES,
    LEADER,
    START,
    add_comments,
    comment_rows,
    theme_of,
)
from tests.unit.voc_helpers import SHOP, shop_engine

MARCH = EvidenceFilter(date(2026, 3, 1), date(2026, 3, 31))


def figures(theme: str, label: str, detractors: int) -> ThemeFigures:
    return ThemeFigures(theme, label, (), detractors, 0.0, detractors, 0.0, None, (), ())


def test_the_sand_reason_names_the_leading_detractor_theme() -> None:
    found = [
        figures("t1", "gebyrer", 20),
        figures("t3", "ventetid ved skranken", 34),
        figures("t2", "appen", 0),
        figures(OTHER, "Other comments", 66),  # 20 + 34 + 66 = 120 detractors commented
    ]
    assert detractor_theme_reason(found) == (
        "34 of the 120 detractors who commented mention “ventetid ved skranken”"
    )
    # Too few to name, and OTHER never leads however many it holds.
    assert detractor_theme_reason([figures("t1", "x", 2), figures(OTHER, "y", 90)]) is None


def test_themes_that_grew_or_shrank_hand_computed() -> None:
    # A: 100 comments, 10 in t1 and 20 in t2; B: 100 comments, 30 in t1 and 20 in t2.
    in_a = [True] * 100 + [False] * 100
    in_b = [not a for a in in_a]
    t1 = [*range(10), *range(100, 130)]
    t2 = [*range(10, 30), *range(130, 150)]
    assignment = [OTHER] * 200
    for m in t1:
        assignment[m] = "t1"
    for m in t2:
        assignment[m] = "t2"
    result = ThemeResult(
        tuple(str(i) for i in range(200)),
        tuple(assignment),
        (1.0,) * 200,
        (
            Theme("t1", "ventetid", (), (), tuple(t1), ()),
            Theme("t2", "gebyrer", (), (), tuple(t2), ()),
        ),
        0,
        "",
    )
    (shift,) = theme_shifts(result, in_a, in_b)
    # Pooled p = 0.2: z = 0.2 / √(0.2 · 0.8 · 2/100) = 3.5355; two-sided p = 0.000407,
    # Holm over two themes: × 2. t2 did not move (p = 1).
    assert shift.theme == "t1"
    assert shift.z == pytest.approx(3.535534, rel=1e-5)
    assert shift.p == pytest.approx(2 * math.erfc(3.535534 / math.sqrt(2)), rel=1e-4)
    assert shift.grew
    # Newcombe from the Wilson intervals 5.52 … 17.44 % and 21.90 … 39.59 %:
    # 20 − √(8.10² + 7.44²) = 9.00 and 20 + √(9.59² + 4.48²) = 30.58 points.
    low, high = shift.change_interval
    assert (low, high) == (pytest.approx(0.0900, abs=1e-4), pytest.approx(0.3058, abs=1e-4))
    assert shift.sentence() == (
        "“ventetid”: 10% → 30% of the comments, +20 points "
        "(95 % interval +9 … +31; n=100 → 100; p=0.001)"
    )


def test_a_view_keeps_its_own_comments_and_examples() -> None:
    result = ThemeResult(
        ("a", "b", "c", "d"),
        ("t1", "t1", "t1", OTHER),
        (0.9, 0.8, 0.7, 0.0),
        (Theme("t1", "x", (), (), (0, 1, 2), (0, 1, 2)),),
        0,
        "",
    )
    kept = restrict(result, [2, 3, 1], ["one", "two", "three", "four"])
    assert kept.comment_ids == ("c", "d", "b")
    assert kept.assignment == ("t1", OTHER, "t1")
    assert kept.themes[0].members == (0, 2)
    assert kept.themes[0].examples == (2, 0)  # strongest first: b (0.8), then c (0.7)


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    engine = shop_engine(sqlite_url)
    add_comments(engine, comment_rows("shop", {"wait": 30, "fees": 20, "app": 20, "praise": 20}))
    add_comments(
        engine, comment_rows("shop", {"wait": 6, "fees": 4, "praise": 4}, location="south", tag="s")
    )
    return engine


def wait_renamed(engine: Engine) -> str:
    """The waiting theme, named by a person; a theme the analysis split off it (as NMF
    may when there are more themes than causes) merged back into it by a person too."""
    view = themes.theme_view(LEADER, engine, "shop", ThemeFilter())
    wait = theme_of(view, "wait")
    waiting = view.comments[view.comments["comment"].isin(CAUSES["wait"][1])]
    for other in sorted(set(waiting["theme"]) - {wait, OTHER}):
        theme_edits.merge_themes(LEADER, engine, "shop", other, wait)
    theme_edits.rename_theme(LEADER, engine, "shop", wait, "Ventetid ved kassen")
    return wait


def test_a_touchpoints_sand_reasons_name_its_detractors_theme(engine: Engine) -> None:
    wait_renamed(engine)
    report = sand_report(engine, SHOP, MARCH)
    reasons = report.item("checkout").reasons
    # Detractors who commented at the checkout: 36 waits, 24 fees, 20 app; praise is 10.
    sentence = "36 of the 80 detractors who commented mention “Ventetid ved kassen”"
    assert sentence in reasons
    assert reasons[reasons.index(sentence) - 1].startswith("NPS ")
    # At one location: 30 of the 70 in the north.
    north = sand_report(engine, SHOP, EvidenceFilter(MARCH.start, MARCH.end, "north"))
    assert "30 of the 70 detractors who commented mention “Ventetid ved kassen”" in (
        north.item("checkout").reasons
    )
    assert not any("detractors who commented" in r for r in report.item("advice").reasons)


def test_the_walk_card_shows_the_touchpoints_top_themes(engine: Engine) -> None:
    wait_renamed(engine)
    extras = walk_data(engine, SHOP, MARCH).extras
    top = extras["checkout"].themes
    assert [t.label for t in top][:1] == ["Ventetid ved kassen"]
    assert [t.n for t in top] == [36, 24, 24]
    assert extras["advice"].themes == ()


def test_the_period_report_names_the_themes_that_grew(engine: Engine) -> None:
    april = START.replace(month=4)
    add_comments(engine, comment_rows("shop", {"wait": 15, "praise": 5}, start=april, tag="b"))
    wait = wait_renamed(engine)
    overall, at = period_theme_shifts(
        engine, "shop", parse_period("2026-03"), parse_period("2026-04"), ["checkout"]
    )
    first = overall[0]
    assert (first.theme, first.label, first.grew) == (wait, "Ventetid ved kassen", True)
    assert (first.n_a, first.total_a, first.n_b, first.total_b) == (36, 104, 15, 20)
    assert first.p < 0.05
    assert at["checkout"][0].theme == wait
    page = report_html(build_report(engine, SHOP, parse_period("2026-04"), with_diagram=False))
    assert "What customers write about more, or less" in page
    assert "“Ventetid ved kassen”: 35% → 75% of the comments" in page


def test_an_action_from_a_theme(engine: Engine) -> None:
    wait = wait_renamed(engine)
    report = sand_report(engine, SHOP, MARCH)
    sources = action_sources(engine, SHOP, "theme", report)
    first = sources[0]
    assert (first.kind, first.ref, first.title) == (
        "theme",
        wait,
        "Fix the cause: Ventetid ved kassen",
    )
    assert first.touchpoints == ("checkout",)
    assert first.text.startswith("36 comments (35%) mention “Ventetid ved kassen”")


def test_a_call_backs_root_cause_from_the_themes(engine: Engine) -> None:
    wait = wait_renamed(engine)
    choices = root_cause_choices(LEADER, engine, "shop")
    assert choices.labels[wait] == "Ventetid ved kassen"
    view = themes.theme_view(LEADER, engine, "shop", ThemeFilter())
    waiting = int(view.comments_of(wait)["id"].iloc[0])
    assert choices.of_response[waiting] == wait
    with pytest.raises(NotAllowed, match="may not work the call-back cases"):
        root_cause_choices(ANALYST, engine, "shop")


def test_exports_run_no_formula(engine: Engine) -> None:
    view = themes.theme_view(LEADER, engine, "shop", ThemeFilter())
    wait = theme_of(view, "wait")
    theme_edits.rename_theme(LEADER, engine, "shop", wait, '=HYPERLINK("http://x","y")')
    view = themes.theme_view(LEADER, engine, "shop", ThemeFilter())
    texts = dict(zip(view.comments["id"].astype(str), view.comments["comment"], strict=True))
    table = theme_table(view.figures, texts)
    assert list(table["n"]) == [f.n for f in view.figures]
    csv = themes_csv(table)
    assert "'=HYPERLINK" in csv
    assert ',"=HYPERLINK' not in csv
    assert "theme_label" in comments_csv(view.comments).splitlines()[0]
    book = load_workbook(io.BytesIO(themes_xlsx(table, view.comments)))
    assert book.sheetnames == ["Themes", "Comments"]
    label = book["Themes"]["B2"]
    assert label.value == '=HYPERLINK("http://x","y")'
    assert label.data_type == "s"
    assert book["Comments"].max_row == view.total + 1

"""Themes on a tiny corpus whose themes are obvious, and their figures by hand."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.analytics.comments.theme_figures import OTHER_LABEL, theme_figures, theme_frame
from journeymap.analytics.comments.themes import OTHER, ThemeResult, find_themes

WAIT = [
    "Lang ventetid ved skranken.",
    "Ventetiden ved skranken var alt for lang.",
    "Alt for lang ventetid ved skranken i dag.",
    "Vi stod længe ved skranken, lang ventetid.",
    "Ventetid ved skranken på en halv time.",
    "Lang ventetid ved skranken igen.",
]
FEES = [
    "Gebyrerne er alt for høje.",
    "Høje gebyrer på kontoen.",
    "Gebyret for en overførsel er for højt.",
    "Nye gebyrer igen, høje gebyrer.",
    "Gebyrer på alt, urimelige gebyrer.",
    "For høje gebyrer på kortet.",
]
APP = [
    "Appen går ned ved login.",
    "Kan ikke logge ind i appen.",
    "Appen crasher ved login hver gang.",
    "Login i appen virker ikke.",
    "Appen lukker ned når jeg logger ind.",
    "Fejl i appen ved login.",
]
TEXTS = WAIT + FEES + APP
IDS = [f"c{i}" for i in range(len(TEXTS))]


@pytest.fixture(scope="module")
def themed() -> ThemeResult:
    return find_themes(TEXTS, ["da"] * len(TEXTS), ids=IDS, n_themes=3, seed=0)


def test_each_obvious_theme_is_found_whole(themed: ThemeResult) -> None:
    groups = [set(themed.assignment[i : i + 6]) for i in (0, 6, 12)]
    assert all(len(g) == 1 for g in groups)
    assert len(set.union(*groups)) == 3
    assert OTHER not in set.union(*groups)


def test_labels_are_key_phrases_in_the_words_customers_wrote(themed: ThemeResult) -> None:
    label = {themed.assignment[i]: themed.theme(themed.assignment[i]).label for i in (0, 6, 12)}
    assert label[themed.assignment[0]] == "ventetid skranken, lang"
    assert label[themed.assignment[6]] == "høje gebyrer"
    assert label[themed.assignment[12]] == "appen, login"
    wait = themed.theme(themed.assignment[0])
    assert {"lang ventetid", "skranken", "ventetid"} <= set(wait.keywords)  # not stems
    assert all(m in wait.members for m in wait.examples)
    assert len({TEXTS[e] for e in wait.examples}) == len(wait.examples) == 3


def test_themes_are_numbered_by_size_and_carry_their_method(themed: ThemeResult) -> None:
    assert [t.key for t in themed.themes] == ["t1", "t2", "t3"]
    assert themed.n_themes_chosen == "3 themes, as asked"
    assert themed.seed == 0


def test_the_same_seed_gives_the_same_themes(themed: ThemeResult) -> None:
    assert find_themes(TEXTS, ["da"] * len(TEXTS), ids=IDS, n_themes=3, seed=0) == themed


def test_figures_per_theme_by_hand(themed: ThemeResult) -> None:
    scores = [0, 2, 3, 5, 9, 7] + [10] * 6 + [None, 6, 6, 8, 8, 9]
    months = ["2026-01"] * 9 + ["2026-02"] * 9
    figures = {f.theme: f for f in theme_figures(themed, scores, months)}
    wait, fees, app = (figures[themed.assignment[i]] for i in (0, 6, 12))
    assert (wait.n, fees.n, app.n) == (6, 6, 6)
    assert wait.share == pytest.approx(1 / 3)
    # Detractors' comments: 4 about the wait and 2 about the app.
    assert (wait.detractors, fees.detractors, app.detractors) == (4, 0, 2)
    assert wait.detractor_share == pytest.approx(4 / 6)
    assert app.detractor_share == pytest.approx(2 / 6)
    # Wilson, 4 of 6: centre (2/3 + z²/12)/(1 + z²/6) = 0.6016, half-width
    # z·√(2/9/6 + z²/144)/(1 + z²/6) = 0.3016, so 30.0 % … 90.3 %.
    detractors = wait.detractor_estimate
    assert (detractors.n, detractors.successes) == (6, 4)
    assert detractors.ci_low == pytest.approx(0.2999, abs=1e-4)
    assert detractors.ci_high == pytest.approx(0.9032, abs=1e-4)
    # Wilson, 6 of 18 comments: 16.3 % … 56.3 %.
    assert wait.share_estimate.n == 18
    assert wait.share_estimate.ci_low == pytest.approx(0.1628, abs=1e-4)
    assert wait.share_estimate.ci_high == pytest.approx(0.5625, abs=1e-4)
    # Wait: 1 promoter, 1 passive, 4 detractors: NPS = 100·(1 − 4)/6 = −50. Adjusted
    # Wald (n < 30): n' = 9, q₊ = 1.75/9, q₋ = 4.75/9, centre −33.33,
    # σ² = q₊ + q₋ − (q₊ − q₋)² = 0.6111, SE = 100·√(0.6111/9) = 26.06, ±1.96·SE = 51.07.
    assert wait.nps.nps == pytest.approx(-50)
    assert wait.nps.ci_low == pytest.approx(-84.41, abs=0.01)
    assert wait.nps.ci_high == pytest.approx(17.74, abs=0.01)
    # Fees: all promoters, NPS 100; q₊ = 6.75/9, q₋ = 0.75/9, centre 66.67, SE 20.79.
    assert fees.nps.nps == pytest.approx(100)
    assert fees.nps.ci_low == pytest.approx(25.93, abs=0.01)
    assert fees.nps.ci_high == 100
    # App: one comment without a score counts in n, not in the NPS: 1 − 2 of 5.
    assert (app.nps.n, app.nps.nps) == (5, pytest.approx(-20))
    assert [(m.month, m.n, m.share) for m in fees.trend] == [
        ("2026-01", 3, pytest.approx(3 / 9)),
        ("2026-02", 3, pytest.approx(3 / 9)),
    ]
    assert [(m.month, m.n) for m in wait.trend] == [("2026-01", 6), ("2026-02", 0)]
    other = theme_figures(themed, scores, months)[-1]
    assert (other.theme, other.label, other.n, other.nps) == (OTHER, OTHER_LABEL, 0, None)


def test_the_table_for_export(themed: ThemeResult) -> None:
    frame = theme_frame(theme_figures(themed, [10] * 18))
    assert list(frame.columns[:4]) == ["theme", "label", "keywords", "n"]
    assert frame["n"].tolist() == [6, 6, 6, 0]
    assert frame["share"].sum() == pytest.approx(1)
    # Every share with its interval, around it; no detractors: no detractor interval.
    assert (frame["share_low"] <= frame["share"]).all()
    assert (frame["share"] <= frame["share_high"]).all()
    assert frame["detractor_share_low"].isna().all()


def test_no_comments_and_comments_without_repeated_words() -> None:
    assert find_themes([], []).themes == ()
    lonely = find_themes(["Æbler", "Pærer"], ["da", "da"])
    assert lonely.assignment == (OTHER, OTHER)
    assert lonely.n_themes_chosen == "too few repeated words to find themes"


def test_bad_input_is_refused_with_a_sentence() -> None:
    with pytest.raises(ValueError, match="every comment needs its language"):
        find_themes(["a"], [])
    with pytest.raises(ValueError, match="one distinct id"):
        find_themes(["a", "b"], ["da", "da"], ids=["x", "x"])


WORDS = "kø ventetid skranke gebyr app login rådgiver telefon filial kort svar".split()
comment = st.lists(st.sampled_from(WORDS), min_size=0, max_size=6).map(" ".join)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(comment, min_size=1, max_size=60),
    seed=st.integers(0, 3),
    k=st.none() | st.integers(1, 5),
)
def test_every_comment_is_in_exactly_one_theme_or_other(
    texts: list[str], seed: int, k: int | None
) -> None:
    result = find_themes(texts, ["da"] * len(texts), n_themes=k, seed=seed)
    keys = {t.key for t in result.themes}
    assert len(result.assignment) == len(texts)
    assert set(result.assignment) <= keys | {OTHER}
    members = sorted(m for t in result.themes for m in t.members)
    assert members == [i for i, a in enumerate(result.assignment) if a != OTHER]
    figures = theme_figures(result, [None] * len(texts))
    assert sum(f.n for f in figures) == len(texts)
    assert sum(f.share for f in figures) == pytest.approx(1)
    assert find_themes(texts, ["da"] * len(texts), n_themes=k, seed=seed) == result


def test_never_more_themes_than_terms_or_distinct_comments() -> None:
    # "kø" is in every comment (above the 50 % ceiling), "kort" in one: only "lang" is left.
    result = find_themes(["Lang kø", "Lang kø", "Kort kø"], ["da"] * 3, n_themes=5)
    assert result.n_themes_chosen == "1 theme, all there can be"
    assert result.assignment == ("t1", "t1", OTHER)

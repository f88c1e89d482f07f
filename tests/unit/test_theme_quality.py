"""Theme quality against real complaints: mask stripping, the shipped set, the paired bootstrap.

Expected values are worked by hand: NMI is 1 for a clustering that equals the labels
(up to names) and 0 for one independent of them (two labels × two clusters, each pair
once), so the difference of the two is exactly 1.
"""

from __future__ import annotations

import csv

import pytest

from benchmarks import theme_quality
from benchmarks.theme_quality import paired_nmi_difference, strip_masks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On XX/XX/2019 I paid {$20.00} to XXXX XXXX.", "On I paid $20.00 to ."),
        ("since XX/XX/XXXX, account ****XXXX", "since , account ****"),
        ("call back XX/XX/19 about XXXXXXXX", "call back about"),
        # A word that merely starts with X, or a mask glued to a word, is left alone.
        ("Xerox and XXXXU.S. stay", "Xerox and XXXXU.S. stay"),
        ("no masks here", "no masks here"),
    ],
)
def test_masks_and_amount_braces_are_stripped(text: str, expected: str) -> None:
    assert strip_masks(text) == expected


def test_the_shipped_complaints_are_labelled_short_and_unique() -> None:
    assert theme_quality.CFPB_CSV.stat().st_size < 2_000_000
    with theme_quality.CFPB_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 139
    assert len({r["complaint_id"] for r in rows}) == 139
    assert len({r["text"].lower() for r in rows}) == 139
    assert all(r["issue"] and r["product"] for r in rows)
    assert max(len(r["text"]) for r in rows) <= 800
    texts, labels = theme_quality.load_cfpb()
    assert len(texts) == len(labels["issue"]) == len(labels["product"]) == 139
    assert not any("XXXX" in t or "{$" in t for t in texts)


def test_difference_of_a_perfect_and_an_independent_clustering_is_one() -> None:
    labels = ["a", "a", "b", "b"]
    observed, _, _ = paired_nmi_difference(labels, [0, 0, 1, 1], [0, 1, 0, 1], resamples=10)
    assert observed == pytest.approx(1.0)


def test_the_interval_of_a_perfect_against_a_constant_clustering_is_one() -> None:
    labels = ["a", "b"] * 10
    observed, low, high = paired_nmi_difference(labels, labels, [0] * 20, resamples=200)
    assert (observed, low, high) == pytest.approx((1.0, 1.0, 1.0))


def test_identical_clusterings_differ_by_nothing() -> None:
    labels = ["a", "b", "c", "a", "b", "c", "a", "a"]
    clusters = [0, 1, 1, 0, 1, 2, 2, 0]
    assert paired_nmi_difference(labels, clusters, clusters, resamples=50) == (0.0, 0.0, 0.0)


def test_the_bootstrap_is_seeded() -> None:
    labels = ["a", "b", "c", "a", "b", "c", "a", "a", "b", "c"]
    ours = [0, 1, 2, 0, 1, 1, 0, 0, 1, 2]
    theirs = [0, 0, 1, 1, 2, 2, 0, 1, 2, 0]
    assert paired_nmi_difference(labels, ours, theirs, resamples=100) == paired_nmi_difference(
        labels, ours, theirs, resamples=100
    )

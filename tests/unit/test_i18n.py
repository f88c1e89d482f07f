"""The languages: choosing one, the catalogs complete, and numbers and dates as each
language writes them (values written out by hand from Danish, Norwegian, Swedish and
British usage)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from journeymap.i18n import _, current_language, ngettext, use_language
from journeymap.i18n import formatting as fmt
from journeymap.i18n.catalog_tool import disagreements, problems
from journeymap.i18n.domains import DOMAINS
from journeymap.i18n.languages import parse_language

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "thousands", "decimal", "share", "quarter", "day"),
    [
        ("da", "1.500", "3,5", f"12,5{NBSP}%", "4. kvt. 2026", "7. dec. 2026"),
        ("nb", f"1{NBSP}500", "3,5", f"12,5{NBSP}%", "K4 2026", "7. des. 2026"),
        ("sv", f"1{NBSP}500", "3,5", f"12,5{NBSP}%", "K4 2026", "7 dec. 2026"),
        ("en", "1,500", "3.5", "12.5%", "Q4 2026", "7 Dec 2026"),
    ],
)
def test_numbers_and_dates_read_as_the_language_writes_them(
    language: str, thousands: str, decimal: str, share: str, quarter: str, day: str
) -> None:
    with use_language(language):  # type: ignore[arg-type]
        assert fmt.number(1500) == thousands
        assert fmt.number(3.5, 1) == decimal
        assert fmt.percent(12.5, 1) == share
        assert fmt.share(0.125, 1) == share
        assert fmt.quarter(2026, 4) == quarter
        assert fmt.day(date(2026, 12, 7)) == day
        assert fmt.year(2026) == "2026"


def test_p_values_are_bounded_not_written_in_e_notation() -> None:
    with use_language("da"):
        assert fmt.p_value(5.2e-24) == "p < 0,001"
        assert fmt.p_value(0.0321) == "p = 0,032"
        assert fmt.p_value(0.25) == "p = 0,25"
    assert fmt.p_value(5.2e-24, language="en") == "p < 0.001"
    # In a table under the heading p: the same bound, never 0.000.
    assert fmt.p_digits(0.0004, language="en") == "< 0.001"
    assert fmt.p_digits(0.0321, language="en") == "0.032"
    assert fmt.p_digits(0.755, language="en") == "0.76"


def test_signs_are_minus_signs_and_zero_has_none() -> None:
    assert fmt.signed(23.6, 1, language="da") == "+23,6"
    assert fmt.signed(-12, language="da") == "−12"
    assert fmt.signed(0.2, language="en") == "0"
    assert fmt.number(-1500, language="en") == "−1,500"
    assert fmt.interval(-4, 18, language="sv") == "−4 … +18"


def test_months_and_times() -> None:
    assert fmt.month(date(2026, 12, 1), language="da") == "december 2026"
    assert fmt.month(date(2026, 12, 1), language="en") == "December 2026"
    assert fmt.period("quarter", date(2026, 10, 1), language="da") == "4. kvt. 2026"
    assert fmt.period("year", date(2026, 1, 1), language="da") == "2026"
    assert fmt.time_of_day(datetime(2026, 12, 7, 14, 30), language="da") == "14.30"
    assert fmt.moment(datetime(2026, 12, 7, 14, 30), language="en") == "7 Dec 2026 14:30"


@pytest.mark.parametrize(
    ("typed", "language"),
    [("da", "da"), ("da_DK", "da"), ("nb-NO", "nb"), ("no", "nb"), ("SV", "sv"), ("en", "en")],
)
def test_a_language_is_recognised_as_people_write_it(typed: str, language: str) -> None:
    assert parse_language(typed) == language


def test_an_unknown_language_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="'fr' is not a language.*da .*nb .*sv .*en"):
        parse_language("fr")


def test_the_chosen_language_holds_inside_the_block_only(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("JOURNEYMAP_LANGUAGE", "sv")
    assert current_language() == "sv"
    with use_language("da"):
        assert current_language() == "da"
        with use_language(None):
            assert current_language() == "da"
    assert current_language() == "sv"
    monkeypatch.delenv("JOURNEYMAP_LANGUAGE")
    assert current_language() == "en"


def test_a_text_without_a_translation_stays_as_written() -> None:
    with use_language("da"):
        assert _("A sentence no catalog holds") == "A sentence no catalog holds"
        assert (
            ngettext("{count} zebra crossing", "{count} zebra crossings", 2)
            == "{count} zebra crossings"
        )


@pytest.mark.parametrize("domain", sorted(DOMAINS))
def test_the_catalogs_hold_every_text_translated(domain: str) -> None:
    """No text of the source is missing, untranslated or fuzzy in da, nb, sv or en, and
    no translation names other {placeholders} than its source text."""
    gaps = problems(domain)
    assert not gaps, f"{len(gaps)} gaps; run `make catalogs` and translate:\n" + "\n".join(
        gaps[:40]
    )


def test_a_text_is_translated_alike_in_every_catalog() -> None:
    """The catalogs are merged into one lookup: a text two areas translate differently
    would read one way or the other depending on the order the files are read in."""
    found = disagreements()
    assert not found, "\n".join(found[:40])

"""Dates, times, rounds and points of the shopping pages in the reader's language, where
journeymap.i18n.formatting has no form for them: a visit's window as one span
(1.–14. dec. 2026), a planned day with its weekday, a clock time to the second (a save's
confirmation), points with the decimals they have, and a shopper score's interval with
its few-visits mark."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st
from babel.dates import format_interval, format_skeleton, format_time
from babel.numbers import format_decimal

from journeymap.analytics.shopper_results import few_visits
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt


def window(start: date, end: date) -> str:
    """1.–14. dec. 2026 (da), 1 – 14 Dec 2026 (en): a visit's window, the year once."""
    if end < start:
        start, end = end, start
    return format_interval(start, end, "yMMMd", locale=fmt.locale_of())


def clock(moment: datetime) -> str:
    """14.03.05 (da), 14:03:05 (nb, sv, en): a time of day to the second."""
    return format_time(moment, "medium", locale=fmt.locale_of())


def device_zone() -> ZoneInfo:
    """The time zone the browser reports, else UTC: the clock the person is looking at."""
    try:
        return ZoneInfo(st.context.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_time(moment: datetime) -> str:
    """A stored moment as a time of day on the device's clock (the browser's zone)."""
    return clock(moment.astimezone(device_zone()))


def points(value: float) -> str:
    """Points as few decimals as they have (2, 2,5, 0,25): what `:g` wrote in English."""
    text = format_decimal(value, "#,##0.##", locale=fmt.locale_of())
    return text.replace("-", fmt.MINUS)


def weekday(day: date) -> str:
    """tirs. 1. dec. 2026 (da), Tue, 1 Dec 2026 (en): a planned day, its weekday first."""
    return format_skeleton("yMMMEd", day, locale=fmt.locale_of())


def score_interval(low: float, high: float, n_visits: int, decimals: int = 1) -> str:
    """A shopper score's 95 % interval as text, marked when its visits are too few to be
    read as solid: 45,2 … 94,8, few visits; — with one visit; empty without visits.
    ``decimals`` as the score beside it is shown."""
    if n_visits == 0:
        return ""
    interval = fmt.span(low, high, decimals)
    if few_visits(n_visits):
        return _("{interval}, few visits").format(interval=interval)
    return interval

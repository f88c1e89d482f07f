"""Gather the one-page report of a journey for a month, quarter or year.

Every section reads the same period; the comparison is with the period of the same
kind before it, the goal with the year to date.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine

from journeymap import settings
from journeymap.analytics import local_time
from journeymap.analytics.action_effect import Effect
from journeymap.analytics.actions import actions_for_touchpoint, done_between, goal_progress
from journeymap.analytics.evidence import EvidenceFilter
from journeymap.analytics.friction import FrictionItem
from journeymap.analytics.period_report import (
    DoneAction,
    Driver,
    ReportData,
    SandLine,
    ShopperSummary,
    callback_compliance,
    leading_touchpoints,
    sand_shortlist,
    shopper_summaries,
    top_drivers,
)
from journeymap.analytics.periods import Period, previous_period
from journeymap.analytics.report_periods import year_to_date
from journeymap.analytics.results_choice import version_options
from journeymap.analytics.shopper_results import METHOD_TEXT, score_visits
from journeymap.charts import journey_figure
from journeymap.charts.health import HEALTH_LABELS, handoff_edges
from journeymap.i18n import _, use_language
from journeymap.i18n.languages import Language
from journeymap.model import Journey
from journeymap.model.actions import Action, status_label
from journeymap.model.visit_status import counted_statuses
from journeymap.services import nps_views
from journeymap.services.actions import action_effects, effect_text
from journeymap.services.sand import SandReport, journey_health, sand_report
from journeymap.services.theme_analysis import period_theme_shifts
from journeymap.store.actions import list_actions
from journeymap.store.cases import read_cases
from journeymap.store.evidence import read_responses
from journeymap.store.programme import read_answers, read_visits
from journeymap.store.visits import all_versions


def build_report(
    engine: Engine,
    journey: Journey,
    period: Period,
    *,
    now: datetime | None = None,
    with_diagram: bool = True,
    language: Language | None = None,
) -> ReportData:
    """The report's figures, and its sentences in ``language`` (None: the reader's); draw
    it with ``report_html(data, language)``."""
    with use_language(language):
        return _build(engine, journey, period, now or datetime.now(UTC), with_diagram)


def _build(
    engine: Engine, journey: Journey, period: Period, now: datetime, with_diagram: bool
) -> ReportData:
    previous = previous_period(period)
    names = {t.id: t.name for t in journey.touchpoints}
    # Counted by the database: a year of a bank's answers is millions of rows.
    comparison = nps_views.overall(engine, journey.id, previous, period)
    shift = nps_views.shift(engine, journey.id, previous, period)  # None: a period is empty
    drivers: tuple[Driver, ...] = ()
    if shift:
        leading = leading_touchpoints(shift)
        said = read_responses(
            engine, journey.id, period.start, period.end, leading, zone=period.zone
        )
        drivers = top_drivers(shift, said, period, names)
    # What customers wrote about more, or less, than in the period before.
    themes_moved, driver_themes = period_theme_shifts(
        engine, journey.id, previous, period, [d.touchpoint for d in drivers]
    )
    drivers = tuple(replace(d, themes=tuple(driver_themes.get(d.touchpoint, ()))) for d in drivers)
    sand = sand_report(engine, journey, EvidenceFilter(period.start, period.end, zone=period.zone))
    shortlist, left_out = sand_shortlist(sand.items)
    actions = list_actions(engine, journey.id)
    effects = action_effects(engine, journey, actions, today=local_time.today(period.zone, now))
    done = done_between(actions, period.start, period.end)
    svg, note = _diagram(sand) if with_diagram else (None, "")
    return ReportData(
        journey_name=journey.name,
        period=period,
        previous=previous,
        year_to_date=year_to_date(period),
        generated_at=now.astimezone(local_time.zone_info(period.zone)),
        comparison=comparison,
        shift=shift,
        drivers=drivers,
        shoppers=_shopper(engine, journey, period),
        shopper_method=_(METHOD_TEXT["mean"]),
        sand=_sand_lines(shortlist, actions, effects),
        sand_left_out=left_out,
        callbacks=callback_compliance(read_cases(engine, journey.id, now=now), period, now),
        callback_hours=settings.callback_hours(),
        progress=goal_progress(actions, period, settings.actions_goal()),
        done_actions=tuple(
            DoneAction(
                a.title,
                a.done_on or period.end,
                ", ".join(names.get(t, t) for t in a.touchpoints),
                effect_text(a, effects),
            )
            for a in done
        ),
        diagram_svg=svg,
        diagram_note=note,
        themes_moved=tuple(themes_moved),
    )


def _shopper(engine: Engine, journey: Journey, period: Period) -> tuple[ShopperSummary, ...]:
    """One summary per questionnaire version visited in the period, newest first."""
    visits = read_visits(engine, journey.id)
    if visits.empty:
        return ()
    when = visits["visited_at"].fillna(pd.to_datetime(visits["window_start"], utc=True))
    visits = visits[period.contains(pd.to_datetime(when, utc=True))]
    if visits.empty:
        return ()
    versions = all_versions(engine, journey.id)
    tables = score_visits(
        versions,
        visits,
        read_answers(engine, journey.id),
        counted_statuses(settings.shopper_approved_only()),
    )
    own_visits, own_sections = tables.visits, tables.sections
    if not own_visits.empty:
        own_visits = own_visits[~own_visits["competitor"].astype(bool)]
    if not own_sections.empty:
        own_sections = own_sections[~own_sections["competitor"].astype(bool)]
    order = [(o.questionnaire_id, o.version) for o in version_options(own_visits, visits)]
    names = {key: q.name for key, q in versions.items()}
    return shopper_summaries(own_visits, own_sections, order, names)


def _sand_lines(
    items: list[FrictionItem], actions: list[Action], effects: dict[int, Effect]
) -> tuple[SandLine, ...]:
    """The report's rows for the shortlisted sand items, with their linked actions."""
    lines = []
    for item in items:
        linked = actions_for_touchpoint(actions, item.touchpoint)
        lines.append(
            SandLine(
                rank=item.rank,
                name=item.name,
                health=HEALTH_LABELS[item.health],
                friction=item.friction,
                reason=item.reasons[0] if item.reasons else "",
                actions=tuple(
                    f"{a.title} — {status_label(a.status)}"
                    + (f": {effect_text(a, effects)}" if a.status == "done" else "")
                    for a in linked[:2]
                ),
            )
        )
    return tuple(lines)


def _diagram(report: SandReport) -> tuple[str | None, str]:
    """The journey coloured by health as inline SVG, or a note saying why it is missing."""
    try:
        from journeymap.io.export.images import figure_picture
    except ImportError:
        return None, _("The diagram needs kaleido: pip install -r requirements.txt.")
    figure = journey_figure(
        report.journey,
        report.flow,
        health=journey_health(report),
        handoffs=handoff_edges(report.handoffs),
    )
    try:
        svg = figure_picture(figure, "svg").decode("utf-8")
    except Exception as error:  # noqa: BLE001 - the rest of the report is still worth having
        return None, _("The diagram could not be drawn: {error}").format(error=error)
    return svg, ""


def report_file_name(journey_id: str, period: Period, extension: str) -> str:
    return f"{journey_id}-report-{period.label}.{extension}"

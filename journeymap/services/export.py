"""Exports of a stored journey: gather the evidence once, then write any format.

The pictures are the app's own figures (:func:`journey_figure` coloured by health,
:func:`journey_map_figure`), drawn by kaleido; everything else is built from the same
:class:`ExportData`, so every format tells the same story for the same period.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import plotly.graph_objects as go
from sqlalchemy import Engine

from journeymap import settings
from journeymap.analytics.actions import is_quick_win
from journeymap.analytics.evidence import EvidenceFilter
from journeymap.analytics.observed_emotion import observed_emotions
from journeymap.charts import journey_figure, journey_map_figure
from journeymap.charts.health import handoff_edges
from journeymap.i18n import N_, _, use_language
from journeymap.i18n.languages import Language
from journeymap.io.export.data import ALL_EVIDENCE, ActionLine, ExportData
from journeymap.io.export.dot import journey_dot
from journeymap.io.export.drawio import drawio_xml
from journeymap.io.export.formats import FORMATS
from journeymap.io.export.images import PictureFormat, PictureSize, figure_picture
from journeymap.io.export.mermaid import mermaid_flowchart, mermaid_journey
from journeymap.io.export.pptx_deck import journey_deck
from journeymap.io.export.workbook import EvidenceTables, journey_workbook
from journeymap.io.journey_files import journey_to_json, journey_to_yaml
from journeymap.model import Journey
from journeymap.model.access import Capability, Role, Viewer
from journeymap.model.actions import CATEGORY_LABELS, STATUS_LABELS
from journeymap.services import workspace_time
from journeymap.services.access import require
from journeymap.services.actions import action_effects, effect_text
from journeymap.services.sand import journey_health, sand_report
from journeymap.services.shopper_results import shopper_results, visits_sheet
from journeymap.store.actions import list_actions
from journeymap.store.evidence import read_responses

View = Literal["map", "graph"]
DEFAULT_VIEW: View = "graph"
# Whose workbook a file made without naming its reader is: one that names no shopper.
UNNAMED_READER = Viewer(name="an unnamed reader", role=Role.ANALYST)
PICTURES: dict[str, PictureFormat] = {"png": "png", "svg": "svg", "pdf": "pdf"}


@dataclass(frozen=True)
class ExportOptions:
    view: View = DEFAULT_VIEW
    size: PictureSize = PictureSize()


def period_text(flt: EvidenceFilter) -> str:
    if flt.start and flt.end:
        return f"{flt.start:%Y-%m-%d} to {flt.end:%Y-%m-%d}"
    return ALL_EVIDENCE


def export_data(
    engine: Engine, journey: Journey, revision: int | None, flt: EvidenceFilter
) -> ExportData:
    """The journey with its flow, friction ranking and health for the period."""
    report = sand_report(engine, journey, flt)
    return ExportData(
        journey=journey,
        flow=report.flow,
        revision=revision,
        items=tuple(report.items),
        health=journey_health(report),
        handoffs=handoff_edges(report.handoffs),
        evidence=report.evidence,
        period=period_text(flt),
        period_days=(flt.start, flt.end) if flt.start and flt.end else None,
        actions=action_lines(engine, journey),
        zone=flt.zone,
    )


def action_lines(engine: Engine, journey: Journey) -> tuple[ActionLine, ...]:
    """The journey's improvement actions with whether each done one worked."""
    actions = list_actions(engine, journey.id)
    effects = action_effects(engine, journey, actions)
    names = {t.id: t.name for t in journey.touchpoints}
    return tuple(
        ActionLine(
            title=a.title,
            status=STATUS_LABELS.get(a.status, a.status),
            category=CATEGORY_LABELS.get(a.fields.category, a.fields.category),
            owner=a.fields.owner,
            impact=a.fields.impact,
            effort=a.fields.effort,
            quick_win=is_quick_win(a.fields.impact, a.fields.effort),
            touchpoints=", ".join(names.get(t, t) for t in a.touchpoints),
            due_on=a.fields.due_on,
            done_on=a.done_on,
            effect=effect_text(a, effects),
        )
        for a in actions
    )


def export_figure(data: ExportData, view: View = DEFAULT_VIEW) -> go.Figure:
    """The figure the app shows for this view; the graph coloured by health."""
    if view == "map":
        return journey_map_figure(
            data.journey,
            health=data.health,
            observed=observed_emotions(dict(data.evidence)),
            handoffs=data.handoffs,
        )
    return journey_figure(data.journey, data.flow, health=data.health, handoffs=data.handoffs)


def evidence_tables(
    viewer: Viewer, engine: Engine, journey: Journey, flt: EvidenceFilter
) -> EvidenceTables:
    """Responses of the period, every visit, and the scores of the counted visits, as
    the viewer may see them (services.shopper_results: shoppers and keys)."""
    responses = read_responses(engine, journey.id, flt.start, flt.end, zone=flt.zone)
    results = shopper_results(viewer, engine, journey.id, settings.shopper_approved_only())
    if results.visits.empty:
        return EvidenceTables(responses=responses, visits=visits_sheet(results))
    return EvidenceTables(
        responses=responses,
        visits=visits_sheet(results),
        visit_scores=results.tables.visits,
        touchpoint_scores=results.tables.touchpoints,
    )


def export_bytes(
    engine: Engine | None,
    data: ExportData,
    fmt: str,
    options: ExportOptions | None = None,
    flt: EvidenceFilter | None = None,
    *,
    viewer: Viewer | None = None,
    language: Language | None = None,
) -> bytes:
    """One format's file contents. Raises ChromiumMissing or PictureError for pictures.

    ``viewer``: whose workbook it is (shoppers and personal data by role); without one,
    an analyst's. ``language``: the file's words and numbers (None: the reader's).
    """
    with use_language(language):
        return _export_bytes(engine, data, fmt, options, flt, viewer)


def _export_bytes(
    engine: Engine | None,
    data: ExportData,
    fmt: str,
    options: ExportOptions | None,
    flt: EvidenceFilter | None,
    viewer: Viewer | None,
) -> bytes:
    options = options or ExportOptions()
    if fmt not in FORMATS:
        raise ValueError(
            _("unknown format {fmt}: choose one of {formats}").format(
                fmt=repr(fmt), formats=", ".join(FORMATS)
            )
        )
    if fmt in PICTURES:
        return figure_picture(export_figure(data, options.view), PICTURES[fmt], options.size)
    if fmt == "pptx":
        overview = figure_picture(export_figure(data, options.view), "png", options.size)
        return journey_deck(data, overview, options.view)
    if fmt == "xlsx":
        flt = flt or workspace_time.evidence_filter()
        reader = viewer or UNNAMED_READER
        tables = (
            evidence_tables(reader, engine, data.journey, flt)
            if engine is not None
            else EvidenceTables()
        )
        return journey_workbook(data, tables)
    return _text(data, fmt).encode("utf-8")


def export_file(
    viewer: Viewer,
    engine: Engine,
    journey: Journey,
    revision: int | None,
    fmt: str,
    options: ExportOptions | None = None,
    flt: EvidenceFilter | None = None,
    *,
    language: Language | None = None,
) -> bytes:
    """One format's file of the journey and its evidence, for someone who may export;
    in ``language`` (None: the reader's)."""
    require(viewer, Capability.EXPORT, N_("export journeys and their evidence"))
    flt = flt or workspace_time.evidence_filter()
    with use_language(language):
        data = export_data(engine, journey, revision, flt)
        return export_bytes(engine, data, fmt, options, flt, viewer=viewer)


def _text(data: ExportData, fmt: str) -> str:
    if fmt == "mermaid":
        return mermaid_journey(data)
    if fmt == "mermaid-flow":
        return mermaid_flowchart(data)
    if fmt == "drawio":
        return drawio_xml(data)
    if fmt == "dot":
        return journey_dot(data)
    if fmt == "yaml":
        return journey_to_yaml(data.journey, data.revision)
    return journey_to_json(data.journey, data.revision)

"""Plotly figure builders. They return go.Figure for the app and the exporters alike."""

from journeymap.charts.journey_diagram import NodeHealth, journey_figure
from journeymap.charts.journey_map import journey_map_figure
from journeymap.charts.layout import DiagramLayout, DiagramStyle, diagram_layout
from journeymap.charts.map_layout import MapLayout, MapStyle, map_layout

__all__ = [
    "DiagramLayout",
    "DiagramStyle",
    "MapLayout",
    "MapStyle",
    "NodeHealth",
    "diagram_layout",
    "journey_figure",
    "journey_map_figure",
    "map_layout",
]

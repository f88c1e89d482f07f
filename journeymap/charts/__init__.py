"""Plotly figure builders. They return go.Figure for the app and the exporters alike."""

from journeymap.charts.journey_diagram import NodeHealth, journey_figure
from journeymap.charts.layout import DiagramLayout, DiagramStyle, diagram_layout

__all__ = ["DiagramLayout", "DiagramStyle", "NodeHealth", "diagram_layout", "journey_figure"]

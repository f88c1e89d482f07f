"""The product's colours for exports: the app's health colours with readable text on them."""

from __future__ import annotations

from journeymap.charts.diagram_text import INK

# Dark text on the light watch and no-data colours, white on the others.
TEXT_ON = {"good": "#ffffff", "watch": INK, "sand": "#ffffff", "no_data": INK}
ACCENT = "#486581"

"""The demo workspace: example journeys with two years of synthetic evidence."""

from journeymap.demo.load import DemoData, DemoReport, generate_demo, load_demo
from journeymap.demo.story import (
    IMPROVING_TOUCHPOINT,
    METRIC_TOUCHPOINTS,
    SAND_TOUCHPOINTS,
    WORSENING_TOUCHPOINT,
)

__all__ = [
    "IMPROVING_TOUCHPOINT",
    "METRIC_TOUCHPOINTS",
    "SAND_TOUCHPOINTS",
    "WORSENING_TOUCHPOINT",
    "DemoData",
    "DemoReport",
    "generate_demo",
    "load_demo",
]

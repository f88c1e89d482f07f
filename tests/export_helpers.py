"""Shared by the export tests: a journey whose names hold everything that breaks formats."""

from __future__ import annotations

from journeymap.analytics.flow import compute_flow
from journeymap.io.export.data import ExportData
from journeymap.io.journey_files import read_journey_file
from journeymap.model import Journey
from tests.conftest import ROOT

NAMES_FILE = ROOT / "tests" / "fixtures" / "export-names.yaml"


def names_journey() -> Journey:
    return read_journey_file(NAMES_FILE).journey


def names_data() -> ExportData:
    journey = names_journey()
    return ExportData(journey, compute_flow(journey), revision=3, period="2026-01-01 to 2026-06-30")


def tricky_names(journey: Journey) -> list[str]:
    """Every user-typed name in the journey, as it must survive an export."""
    return [journey.name] + [s.name for s in journey.stages] + [t.name for t in journey.touchpoints]

"""A small journey and database for the voice-of-the-customer tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from journeymap.io.survey_import import ImportMapping, ImportReport
from journeymap.model import Journey
from journeymap.model.access import Role, Viewer
from journeymap.services.imports import import_metrics, import_responses
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from tests.conftest import ROOT

SURVEYS = ROOT / "tests" / "fixtures" / "surveys"
REAL_DATA = ROOT / ".." / "shared" / "data" / "real"
# Data © The Carpentries, CC BY 4.0, https://github.com/carpentries/assessment
REAL_ATTRIBUTION = "Data © The Carpentries, CC BY 4.0, https://github.com/carpentries/assessment"

SHOP = Journey.model_validate(
    {
        "id": "shop",
        "name": "Shop",
        "stages": [{"id": "buy", "name": "Buy"}],
        "touchpoints": [
            {"id": "checkout", "name": "Kasse", "stage": "buy", "channel": "branch"},
            {"id": "advice", "name": "Rådgivning", "stage": "buy", "channel": "branch"},
            {"id": "phone", "name": "Telefon", "stage": "buy", "channel": "phone"},
            {"id": "returns", "name": "Returns", "stage": "buy", "channel": "branch"},
            {"id": "training", "name": "Instructor training", "stage": "buy", "channel": "web"},
        ],
        "metrics": [
            {"id": "wait_minutes", "name": "Ventetid", "unit": "min"},
            {"id": "abandonment_pct", "name": "Abandoned calls", "unit": "%"},
        ],
    }
)


def shop_engine(url: str) -> Engine:
    engine = open_database(url)
    JourneyRepository(engine).save(SHOP, author="test", base_revision=None)
    return engine


def survey(name: str) -> Path:
    return SURVEYS / name


# The person the import tests act as: a leader may import, and the audit log names her.
IMPORTER = Viewer(name="Ida Importer", role=Role.LEADER)


def run_import(
    engine: Engine, journey: Journey, path: Path, mapping: ImportMapping, **options: Any
) -> ImportReport:
    """The survey import as a leader runs it, through the service."""
    return import_responses(IMPORTER, engine, journey, path, mapping, **options)


def run_metric_import(engine: Engine, journey: Journey, path: Path, **options: Any) -> ImportReport:
    """The metric import as a leader runs it, through the service."""
    return import_metrics(IMPORTER, engine, journey, path, **options)

"""Survey exports (Qualtrics, SurveyMonkey, Google Forms, Typeform, any CSV/XLSX) → responses."""

from journeymap.io.survey_import.importer import (
    ImportPreview,
    ParsedImport,
    parse_import,
    preview,
)
from journeymap.io.survey_import.mapping import ImportMapping
from journeymap.io.survey_import.report import ImportReport, RejectedRow

__all__ = [
    "ImportMapping",
    "ImportPreview",
    "ImportReport",
    "ParsedImport",
    "RejectedRow",
    "parse_import",
    "preview",
]

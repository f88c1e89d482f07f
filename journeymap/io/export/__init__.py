"""Exporters: the journey as pictures, a deck, diagrams and a workbook.

Each exporter takes an :class:`ExportData` (the journey with its flow and evidence,
gathered by :mod:`journeymap.services.export`) and returns bytes or text, so the CLI
writes them to a file and the app hands them to a download button.
"""

from journeymap.io.export.data import ExportData
from journeymap.io.export.formats import FORMATS, ExportFormat

__all__ = ["FORMATS", "ExportData", "ExportFormat"]

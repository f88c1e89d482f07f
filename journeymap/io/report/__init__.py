"""The one-page period report as HTML and as a PDF printed by Chromium."""

from journeymap.io.report.html import report_html
from journeymap.io.report.pdf import ReportPdfError, html_to_pdf

__all__ = ["ReportPdfError", "html_to_pdf", "report_html"]

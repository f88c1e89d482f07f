"""Print the report's HTML to a one-page PDF with headless Chromium.

Chromium is the same browser the picture exports use (never downloaded: found by
:func:`journeymap.io.export.chromium.require_chromium`). It prints a local file with
networking switched off as far as flags allow; the page itself loads nothing.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from journeymap.i18n import _
from journeymap.io.export.chromium import ChromiumMissing, require_chromium

PRINT_TIMEOUT_S = 90
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-pdf-header-footer",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-extensions",
    "--hide-scrollbars",
)


class ReportPdfError(RuntimeError):
    """The PDF could not be made; the message is a sentence saying what to do."""


def html_to_pdf(html: str) -> bytes:
    """The HTML page as PDF bytes (the page's own CSS sets A4 landscape)."""
    try:
        browser = require_chromium()
    except ChromiumMissing as error:
        raise ReportPdfError(
            _(
                "The PDF report is printed by Chromium, and none was found: install it with "
                "`sudo apt-get install chromium` (Debian/Ubuntu), or set JOURNEYMAP_CHROMIUM "
                "to Chrome's path. The HTML report works without it."
            )
        ) from error
    with tempfile.TemporaryDirectory(prefix="journeymap-report-") as folder:
        page = Path(folder) / "report.html"
        out = Path(folder) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            str(browser),
            *FLAGS,
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        try:
            result = subprocess.run(
                command, capture_output=True, timeout=PRINT_TIMEOUT_S, check=False
            )
        except subprocess.TimeoutExpired as error:
            raise ReportPdfError(
                _("Chromium did not print the report within {seconds} seconds: try again").format(
                    seconds=PRINT_TIMEOUT_S
                )
            ) from error
        if not out.is_file() or out.stat().st_size == 0:
            detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise ReportPdfError(
                _(
                    "Chromium could not print the report ({detail}): try again, or download "
                    "the HTML report and print it from a browser"
                ).format(detail=detail[-1])
                if detail
                else _(
                    "Chromium could not print the report: try again, or download the HTML "
                    "report and print it from a browser"
                )
            )
        return out.read_bytes()

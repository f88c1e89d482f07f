"""Finding the Chromium that draws picture exports; never downloading one.

kaleido ≥ 1 drives a Chrome-family browser it is given a path to. journeymap always
gives it one (JOURNEYMAP_CHROMIUM, else where Debian, Chrome or macOS put it), so
kaleido's own search, which may reach for a browser it downloaded itself, never runs.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from journeymap import settings
from journeymap.i18n import N_, _

CANDIDATES = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
)
COMMANDS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Translate where it is shown: _(INSTALL_HELP).
INSTALL_HELP = N_(
    "Picture exports (PNG, SVG, PDF and the PowerPoint deck) are drawn by Chromium, and "
    "none was found. Install it with `sudo apt-get install chromium` on Debian or Ubuntu "
    "(`make chromium` does this), or install Google Chrome, or set JOURNEYMAP_CHROMIUM "
    "to the browser's path. The Mermaid, draw.io, DOT, Excel, YAML and JSON exports work "
    "without it."
)


class ChromiumMissing(RuntimeError):
    """No browser to draw pictures with; the message says how to install one."""


def _runnable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def find_chromium() -> Path | None:
    """The browser to draw with, or None when there is none."""
    configured = settings.chromium_path()
    if configured:
        path = Path(configured).expanduser()
        return path if _runnable(path) else None
    for candidate in CANDIDATES:
        if _runnable(Path(candidate)):
            return Path(candidate)
    for command in COMMANDS:
        found = shutil.which(command)
        if found:
            return Path(found)
    return None


def require_chromium() -> Path:
    path = find_chromium()
    if path is None:
        configured = settings.chromium_path()
        if configured:
            raise ChromiumMissing(
                _(
                    "JOURNEYMAP_CHROMIUM names {path}, which is not a program that can be "
                    "run: point it at Chromium or Chrome, or leave it empty to use "
                    "/usr/bin/chromium."
                ).format(path=configured)
            )
        raise ChromiumMissing(_(INSTALL_HELP))
    return path

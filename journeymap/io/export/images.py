"""Pictures of the app's own plotly figures (PNG, SVG, PDF) through kaleido.

One Chromium serves every picture of the process: kaleido's persistent server is
started on the first picture and kept, since starting a browser takes seconds and a
picture a fraction of one. The server answers one call at a time, so calls are
serialised; app sessions export in parallel.

MathJax is switched off (kaleido would load it from a CDN, and no figure uses LaTeX);
plotly.js comes from the installed plotly package, so a picture needs no network.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import kaleido
import plotly.graph_objects as go

from journeymap.i18n import _
from journeymap.io.export.chromium import require_chromium
from journeymap.io.export.xml_text import xml_values

PictureFormat = Literal["png", "svg", "pdf"]
RENDER_TIMEOUT_S = 60
MAX_PIXELS = 12_000  # a PNG wider than this is more likely a typo than a wish


class PictureError(RuntimeError):
    """Chromium could not draw the picture; the message is a sentence."""


@dataclass(frozen=True)
class PictureSize:
    """``width``: the picture's width in screen pixels (None: the view's own width);
    ``scale``: pixels per screen pixel in a PNG (2 is sharp on slides and retina screens).

    The figure is drawn at its own size and scaled as a whole, so labels never
    crowd or move apart as they would if the figure were re-laid out wider.
    """

    width: int | None = None
    scale: float = 2.0

    def kaleido_scale(self, figure_width: float) -> float:
        factor = self.width / figure_width if self.width else 1.0
        return self.scale * factor

    def pixels(self, figure_width: float, figure_height: float) -> tuple[int, int]:
        """The PNG's size in pixels for a figure of this size."""
        scale = self.kaleido_scale(figure_width)
        return round(figure_width * scale), round(figure_height * scale)


_lock = threading.Lock()
_browser: Path | None = None


def _ensure_server(browser: Path) -> None:
    global _browser  # noqa: PLW0603 - one server per process, by design
    if _browser == browser:
        return
    if _browser is not None:
        kaleido.stop_sync_server(silence_warnings=True)
    kaleido.start_sync_server(
        path=str(browser), mathjax=False, n=1, timeout=RENDER_TIMEOUT_S, silence_warnings=True
    )
    _browser = browser


def stop_picture_server() -> None:
    """Close the shared Chromium (tests; the process closes it at exit otherwise)."""
    global _browser  # noqa: PLW0603
    with _lock:
        if _browser is not None:
            kaleido.stop_sync_server(silence_warnings=True)
            _browser = None


def _call(figure: dict[str, Any], opts: dict[str, Any]) -> bytes:
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["bytes"] = kaleido.calc_fig_sync(figure, opts=opts)
        except Exception as error:  # noqa: BLE001 - handed to the caller below
            result["error"] = error

    worker = threading.Thread(target=run, daemon=True, name="journeymap-picture")
    worker.start()
    worker.join(RENDER_TIMEOUT_S + 10)
    if worker.is_alive():
        raise PictureError(
            _(
                "Chromium did not finish the picture within {seconds} seconds: try again, or "
                "restart the app if it keeps happening."
            ).format(seconds=RENDER_TIMEOUT_S)
        )
    if "error" in result:
        raise result["error"]
    return bytes(result["bytes"])


def figure_picture(figure: go.Figure, fmt: PictureFormat, size: PictureSize | None = None) -> bytes:
    """The figure as PNG, SVG or PDF bytes, drawn by the shared Chromium.

    Raises ChromiumMissing (with how to install it) or PictureError.
    """
    size = size or PictureSize()
    width = float(figure.layout.width or 1200)
    height = float(figure.layout.height or 800)
    if size.width is not None and not 100 <= size.width * size.scale <= MAX_PIXELS:
        raise PictureError(
            _(
                "a picture {width} pixels wide at scale {scale} is outside 100 … {most} pixels: "
                "choose a smaller width or scale"
            ).format(width=size.width, scale=f"{size.scale:g}", most=MAX_PIXELS)
        )
    scale = size.kaleido_scale(width) if fmt == "png" else 1.0
    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    browser = require_chromium()
    # A NUL in a label makes the SVG ill-formed, and the PNG and PDF are drawn from it.
    data = xml_values(figure.to_plotly_json())
    with _lock:
        _ensure_server(browser)
        try:
            return _call(data, opts)
        except PictureError:
            raise
        except Exception:  # noqa: BLE001 - the browser may have died: one fresh try
            _restart(browser)
            try:
                return _call(data, opts)
            except Exception as error:  # noqa: BLE001
                raise PictureError(
                    _("Chromium could not draw the picture ({error})").format(
                        error=f"{type(error).__name__}: {error}"
                    )
                ) from error


def _restart(browser: Path) -> None:
    global _browser  # noqa: PLW0603
    kaleido.stop_sync_server(silence_warnings=True)
    _browser = None
    _ensure_server(browser)

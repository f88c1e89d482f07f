"""Boxes, text measures and curves in diagram units.

One diagram unit is one screen pixel at the figure's own size, so that a label box
measured here is the box the browser draws (fonts are sized in pixels too).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import numpy as np

# Glyph width as a share of the font size. Measured in Chromium over the example
# journeys' names: 0.46 on average, 0.59 for the widest short names; 0.55 leaves room
# for capitals and wide letters in a line of ordinary words.
CHAR_WIDTH_EM = 0.55
LINE_HEIGHT_EM = 1.3
ELLIPSIS = "…"

Point = tuple[float, float]


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle; y grows downwards, as on screen."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def center(self) -> Point:
        return ((self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2)

    def overlaps(self, other: Box) -> bool:
        """True when the two boxes share area (touching edges do not count)."""
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    def grown(self, margin: float) -> Box:
        return Box(self.x0 - margin, self.y0 - margin, self.x1 + margin, self.y1 + margin)

    @staticmethod
    def around(center: Point, width: float, height: float) -> Box:
        x, y = center
        return Box(x - width / 2, y - height / 2, x + width / 2, y + height / 2)


def wrap_label(text: str, chars_per_line: int, max_lines: int) -> tuple[str, ...]:
    """Text broken into at most ``max_lines`` lines; the cut shows as an ellipsis."""
    chars_per_line = max(4, chars_per_line)
    lines = textwrap.wrap(" ".join(text.split()), width=chars_per_line, break_long_words=True)
    if not lines:
        return ("",)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        if len(last) >= chars_per_line:
            last = last[: chars_per_line - 1].rstrip()
        lines[-1] = last + ELLIPSIS
    return tuple(lines)


def text_size(lines: tuple[str, ...], font_px: float) -> tuple[float, float]:
    """Width and height of a block of text lines, in diagram units."""
    longest = max((len(line) for line in lines), default=0)
    return longest * font_px * CHAR_WIDTH_EM, len(lines) * font_px * LINE_HEIGHT_EM


def chars_fitting(width: float, font_px: float) -> int:
    return int(width // (font_px * CHAR_WIDTH_EM))


def bezier_points(controls: tuple[Point, ...], count: int) -> np.ndarray:
    """``count`` points along a straight (2 controls) or quadratic (3 controls) curve."""
    t = np.linspace(0.0, 1.0, count)[:, None]
    p = np.array(controls, dtype=float)
    if len(p) == 2:
        return (1 - t) * p[0] + t * p[1]
    return (1 - t) ** 2 * p[0] + 2 * (1 - t) * t * p[1] + t**2 * p[2]


def point_at(controls: tuple[Point, ...], t: float) -> Point:
    p = np.array(controls, dtype=float)
    if len(p) == 2:
        q = (1 - t) * p[0] + t * p[1]
    else:
        q = (1 - t) ** 2 * p[0] + 2 * (1 - t) * t * p[1] + t**2 * p[2]
    return (float(q[0]), float(q[1]))


def hits(points: np.ndarray, boxes: list[Box]) -> int:
    """How many of the points lie inside any of the boxes."""
    if not boxes or len(points) == 0:
        return 0
    b = np.array([(bx.x0, bx.y0, bx.x1, bx.y1) for bx in boxes])
    x = points[:, 0:1]
    y = points[:, 1:2]
    inside = (x > b[:, 0]) & (x < b[:, 2]) & (y > b[:, 1]) & (y < b[:, 3])
    return int(inside.any(axis=1).sum())

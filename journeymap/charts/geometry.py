"""Boxes, text measures and curves in diagram units.

One diagram unit is one screen pixel at the figure's own size, so that a label box
measured here is the box the browser draws (fonts are sized in pixels too).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from journeymap.analytics.hyphenation import break_places

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


# Marks that close or continue the text before them: a line never starts with one.
CLOSING = frozenset(".,;:!?)]}»”’…%–—-/")
# Breaks a compound already offers: after its own hyphen or slash, no hyphen added.
BREAK_AFTER = frozenset("-/")
MIN_PART = 3  # letters kept on each side of a hyphenated break, where the word allows


def wrap_label(text: str, chars_per_line: int, max_lines: int) -> tuple[str, ...]:
    """Text broken into at most ``max_lines`` lines; the cut shows as an ellipsis.

    A word longer than a line breaks with a hyphen (or after its own hyphen), and a
    line never starts with a closing mark such as "." or ")".
    """
    width = max(4, chars_per_line)
    units = _units(text.split())
    if not units:
        return ("",)
    return _shortened(_fill(units, width), width, max_lines)


def _units(words: list[str]) -> list[str]:
    """Words, each with the closing marks typed after it (``slut .``) kept on its line."""
    units: list[str] = []
    for word in words:
        if units and word[0] in CLOSING:
            units[-1] += f" {word}"
        else:
            units.append(word)
    return units


def _fill(units: list[str], width: int) -> list[str]:
    """Greedy lines of at most ``width`` characters, hyphen included."""
    lines: list[str] = []
    line = ""
    for unit in units:
        while unit:
            room = width - len(line) - bool(line)
            if len(unit) <= room:
                line, unit = _joined(line, unit), ""
                continue
            # Only a word longer than a line is broken; another starts a fresh line.
            cut = _break(unit, room, width, fresh=not line) if len(unit) > width else None
            if cut is None:
                lines.append(line)
                line = ""
                continue
            lines.append(_joined(line, unit[:cut] + _hyphen(unit, cut)))
            line, unit = "", unit[cut:]
    return [*lines, line] if line else lines


def _joined(line: str, part: str) -> str:
    return f"{line} {part}" if line else part


def _hyphen(unit: str, cut: int) -> str:
    """The hyphen a break inside a word shows: between two letters or digits only."""
    return "-" if unit[cut - 1].isalnum() and unit[cut].isalnum() else ""


def _fitting(unit: str, room: int) -> list[int]:
    """Break places whose head, hyphen included, fits ``room``: the longest head first."""
    return [i for i in range(len(unit) - 1, 0, -1) if i + len(_hyphen(unit, i)) <= room]


def _break(unit: str, room: int, width: int, *, fresh: bool) -> int | None:
    """Where to break ``unit`` so that its head fits ``room``; None: no good place.

    A good place whose rest breaks well too; on a fresh line, where the unit must break
    somewhere, any good place, then any place that does not start the next line with a
    closing mark, and at last anywhere.
    """
    fits = _fitting(unit, room)
    good = sorted(
        (i for i in fits if _good_break(unit, i)), key=lambda i: _preference(unit, i, room)
    )
    well = next((i for i in good if _breaks_well(unit[i:], width)), None)
    if well is not None or not fresh:
        return well
    # A syllable break the dictionaries allow, however short its ends, before a break
    # they do not know (a code, a run of digits, a word longer than any syllable fits).
    syllable = [i for i in fits if i in break_places(unit) and _ends(unit, i) >= 2]
    fair = [i for i in fits if unit[i - 1] != " " and _may_start(unit[i])]
    balanced = [i for i in fair if _ends(unit, i) >= MIN_PART]
    return (good or syllable or balanced or fair or fits)[0]


def _ends(unit: str, cut: int) -> int:
    """The fewer of the letters just before and just after a break."""
    return min(_run(unit[cut - 1 :: -1]), _run(unit[cut:]))


def _good_break(unit: str, cut: int) -> bool:
    """After a compound's own hyphen or slash, or between two syllables (see
    journeymap.charts.hyphenation) with a few letters on each side."""
    if not _may_start(unit[cut]):
        return False
    if unit[cut - 1] in BREAK_AFTER:
        return True
    if cut not in break_places(unit):
        return False
    return bool(_hyphen(unit, cut)) and _ends(unit, cut) >= MIN_PART


def _preference(unit: str, cut: int, room: int) -> tuple[bool, int]:
    # A compound's own break wins when it fills at least half the line.
    own = unit[cut - 1] in BREAK_AFTER and 2 * cut >= room
    return (not own, -cut)


@functools.cache
def _breaks_well(rest: str, width: int) -> bool:
    """Whether ``rest`` fits a line or breaks at good places only."""
    if len(rest) <= width:
        return True
    return any(
        _good_break(rest, i) and _breaks_well(rest[i:], width) for i in _fitting(rest, width)
    )


def _run(text: str) -> int:
    """How many letters or digits ``text`` starts with."""
    return next((i for i, char in enumerate(text) if not char.isalnum()), len(text))


def _may_start(char: str) -> bool:
    return char != " " and char not in CLOSING


def _shortened(lines: list[str], width: int, max_lines: int) -> tuple[str, ...]:
    if len(lines) <= max_lines:
        return tuple(lines)
    last = lines[max_lines - 1]
    if len(last) >= width:
        last = last[: width - 1]
    # The ellipsis stands for what was cut: "Rådgivni…", not "Rådgivni-…" or "med.…".
    last = last.rstrip(" -.,;:") or last
    return (*lines[: max_lines - 1], last + ELLIPSIS)


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


def svg_path(controls: tuple[Point, ...]) -> str:
    """A straight (2 controls) or quadratic (3 controls) curve as a plotly shape path."""
    (x0, y0), *rest = controls
    if len(rest) == 1:
        return f"M {x0:.1f},{y0:.1f} L {rest[0][0]:.1f},{rest[0][1]:.1f}"
    (cx, cy), (x1, y1) = rest
    return f"M {x0:.1f},{y0:.1f} Q {cx:.1f},{cy:.1f} {x1:.1f},{y1:.1f}"


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

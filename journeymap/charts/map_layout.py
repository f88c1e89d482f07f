"""Where everything goes on the classic journey map: stages as columns, lanes as rows.

Rows are the touchpoints (one lane per channel), then what the customer does, thinks
and feels (the emotion curve), the pain points, the opportunities and what happens
backstage. Every piece of text is a card inside its own stage column; cards in one
cell are stacked, and a lane is as tall as its fullest cell, so no two cards can
overlap however many touchpoints a stage holds. Each card starts with the step number
(see :func:`map_steps`), which is also the number on the emotion curve.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, fields, replace

from journeymap.analytics.emotion import MapStep, emotion_route, map_steps
from journeymap.analytics.flow import main_path
from journeymap.charts.channels import channel_label
from journeymap.charts.geometry import Box, chars_fitting, text_size, wrap_label
from journeymap.charts.layout import Band
from journeymap.i18n import N_, _
from journeymap.model import Journey, Touchpoint

TEXT_LANES = (
    ("does", N_("Does")),
    ("thinks", N_("Thinks")),
    ("feels", N_("Feels")),
    ("pain", N_("Pain points")),
    ("opportunity", N_("Opportunities")),
    ("backstage", N_("Backstage / owner")),
)


@dataclass(frozen=True)
class MapStyle:
    """Sizes in pixels at the figure's own size; large enough for a projector."""

    font_px: float = 16
    header_font_px: float = 18
    lane_font_px: float = 16
    # Streamlit fits a chart to its column (about 1430 px on a 1920 px screen with the
    # sidebar open); a wider figure would be shrunk and its text pushed together.
    target_width: float = 1400
    lane_label_width: float = 140
    min_column_width: float = 140
    max_column_width: float = 420
    point_spacing: float = 30  # room per touchpoint on the emotion curve
    gutter: float = 10
    card_inset: float = 5
    card_padding: float = 5
    card_gap: float = 6
    lane_padding: float = 8
    # None: a card grows to hold its whole text (a projected map must not say "…").
    max_card_lines: int | None = None
    empty_lane_height: float = 36
    feels_height: float = 190
    feels_margin: float = 24
    marker_px: float = 26
    header_lines: int = 2


def map_style(width: float | None) -> MapStyle | None:
    """The map's sizes for a figure ``width`` pixels wide (None: the default)."""
    return MapStyle(target_width=width) if width else None


@dataclass(frozen=True)
class MapCard:
    lane: str
    stage: str
    touchpoint: str
    number: int
    text: str  # the whole text, for the hover
    lines: tuple[str, ...]  # as drawn, wrapped and perhaps cut
    box: Box


@dataclass(frozen=True)
class CurvePoint:
    touchpoint: str
    number: int
    name: str
    feels: int
    x: float
    y: float

    def box(self, size: float) -> Box:
        return Box.around((self.x, self.y), size, size)


@dataclass(frozen=True)
class MapLayout:
    width: float
    height: float
    columns: list[Band]
    lanes: list[Band]
    cards: list[MapCard]
    curve: list[CurvePoint]  # the main path, in path order: the emotion curve's line
    steps: list[MapStep]
    style: MapStyle = field(default_factory=MapStyle)
    aside: list[CurvePoint] = field(default_factory=list)  # alternatives, drawn apart
    branches: list[tuple[str, str]] = field(default_factory=list)  # see EmotionRoute
    main_path: tuple[str, ...] = ()  # every main-path touchpoint, felt or not

    def step_x(self, touchpoint: str) -> float | None:
        """Where a touchpoint sits across the map (its slot in its stage column)."""
        columns = {c.key: c for c in self.columns}
        for step in self.steps:
            if step.touchpoint == touchpoint and step.stage in columns:
                return _slot_x(columns[step.stage], step)
        return None

    def feels_y(self, feels: float) -> float:
        lane = next(lane for lane in self.lanes if lane.key == "feels")
        middle = (lane.start + lane.end) / 2
        half = (lane.end - lane.start) / 2 - self.style.feels_margin
        return middle - feels / 2 * half


def lane_texts(tp: Touchpoint, lane: str) -> list[str]:
    """The texts a touchpoint puts in a lane (several pain points, one 'does' …)."""
    if lane.startswith("channel:"):
        return [tp.name] if lane == f"channel:{tp.channel}" else []
    if lane == "does":
        return [tp.does] if tp.does.strip() else []
    if lane == "thinks":
        return [f"“{tp.thinks.strip()}”"] if tp.thinks.strip() else []
    if lane == "pain":
        return [p for p in tp.pain_points if p.strip()]
    if lane == "opportunity":
        return [o for o in tp.opportunities if o.strip()]
    if lane == "backstage":
        owner = _("Owner: {owner}.").format(owner=tp.owner) if tp.owner.strip() else ""
        text = " ".join(part for part in (owner, tp.backstage.strip()) if part)
        return [text] if text else []
    return []


def map_layout(
    journey: Journey, style: MapStyle | None = None, lanes: Collection[str] | None = None
) -> MapLayout:
    """Columns, lanes, the cards in them and the emotion curve's points.

    ``lanes`` picks the text lanes to draw (keys of TEXT_LANES; None: all of them), so a
    workshop can look at, say, touchpoints, feelings and pain points alone. The
    touchpoint lanes and the Feels lane are always drawn.
    """
    wanted = set(lanes) if lanes is not None else {key for key, _ in TEXT_LANES}
    steps = map_steps(journey)
    style = fitted_style(journey, steps, style or MapStyle())
    columns = _columns(journey, steps, style)
    by_stage = {c.key: c for c in columns}
    touchpoints = {tp.id: tp for tp in journey.touchpoints}
    channels = list(dict.fromkeys(touchpoints[s.touchpoint].channel for s in steps))
    lane_keys = [(f"channel:{c}", channel_label(c)) for c in channels] + [
        (key, _(title)) for key, title in TEXT_LANES if key in wanted or key == "feels"
    ]
    header = style.header_lines * style.header_font_px * 1.3 + 2 * style.lane_padding
    top = header
    bands: list[Band] = []
    cards: list[MapCard] = []
    for key, title in lane_keys:
        if key == "feels":
            bands.append(Band(key, title, top, top + style.feels_height))
            top += style.feels_height
            continue
        bottom = top + style.empty_lane_height
        for column in columns:
            y = top + style.lane_padding
            for step in (s for s in steps if s.stage == column.key):
                for text in lane_texts(touchpoints[step.touchpoint], key):
                    card = _card(key, step, text, column, y, style)
                    cards.append(card)
                    y = card.box.y1 + style.card_gap
            bottom = max(bottom, y - style.card_gap + style.lane_padding)
        bands.append(Band(key, title, top, bottom))
        top = bottom
    width = columns[-1].end + style.gutter / 2 if columns else style.lane_label_width
    layout = MapLayout(width, top + style.lane_padding, columns, bands, cards, [], steps, style)
    points = {
        s.touchpoint: CurvePoint(
            s.touchpoint,
            s.number,
            s.name,
            s.feels,
            _slot_x(by_stage[s.stage], s),
            layout.feels_y(s.feels),
        )
        for s in steps
        if s.feels is not None and s.stage in by_stage
    }
    path = main_path(journey)[0]
    route = emotion_route(journey, path)
    return MapLayout(
        layout.width,
        layout.height,
        columns,
        bands,
        cards,
        [points[t] for t in route.main if t in points],
        steps,
        style,
        aside=[points[t] for t in route.aside if t in points],
        branches=[(a, b) for a, b in route.branches if a in points and b in points],
        main_path=tuple(path),
    )


# Never smaller than this, however narrow the screen: below it the map scrolls instead.
SMALLEST_FONT_PX = 10.0
_UNSCALED = {"target_width", "max_card_lines", "header_lines"}


def fitted_style(journey: Journey, steps: list[MapStep], style: MapStyle) -> MapStyle:
    """The style scaled down as a whole when the narrowest columns that hold the cards
    are wider than the target together: Streamlit would shrink the figure to its column
    and Plotly keep its text at size, drawing cards over their neighbours."""
    slots = {s.stage: s.slots for s in steps}
    needed = style.lane_label_width + sum(
        max(style.min_column_width, slots.get(stage.id, 0) * style.point_spacing) + style.gutter
        for stage in journey.stages
    )
    if needed <= style.target_width:
        return style
    scale = max(style.target_width / needed, SMALLEST_FONT_PX / style.font_px)
    return replace(
        style,
        **{
            f.name: getattr(style, f.name) * scale
            for f in fields(style)
            if f.name not in _UNSCALED and isinstance(getattr(style, f.name), int | float)
        },
    )


def _columns(journey: Journey, steps: list[MapStep], style: MapStyle) -> list[Band]:
    stages = journey.stages
    room = style.target_width - style.lane_label_width - len(stages) * style.gutter
    slots = {s.stage: s.slots for s in steps}
    needs = [
        max(style.min_column_width, slots.get(st.id, 0) * style.point_spacing) for st in stages
    ]
    level = min(style.max_column_width, _fill_level(needs, room))
    columns = []
    x = style.lane_label_width
    for stage, need in zip(stages, needs, strict=True):
        width = max(need, level)
        start = x + style.gutter / 2
        chars = chars_fitting(width - 8, style.header_font_px * 1.15)  # bold
        title = wrap_label(stage.name, chars, style.header_lines)
        columns.append(Band(stage.id, stage.name, start, start + width, title))
        x = start + width + style.gutter / 2
    return columns


def _fill_level(needs: list[float], room: float) -> float:
    """The width the narrow columns grow to so that all of them fill ``room``: a stage
    with many touchpoints keeps what it needs, the others share what is left evenly."""
    ordered = sorted(needs, reverse=True)
    left, count = room, len(ordered)
    for need in ordered:
        level = left / max(count, 1)
        if need <= level:
            return level
        left -= need
        count -= 1
    return 0.0


def _card(lane: str, step: MapStep, text: str, column: Band, y: float, style: MapStyle) -> MapCard:
    x0, x1 = column.start + style.card_inset, column.end - style.card_inset
    chars = chars_fitting(x1 - x0 - 2 * style.card_padding, style.font_px)
    numbered = f"{step.number} · {text}"
    lines = wrap_label(numbered, chars, style.max_card_lines or len(numbered))
    _, text_h = text_size(lines, style.font_px)
    box = Box(x0, y, x1, y + text_h + 2 * style.card_padding)
    return MapCard(lane, step.stage, step.touchpoint, step.number, numbered, lines, box)


def _slot_x(column: Band, step: MapStep) -> float:
    width = column.end - column.start
    return column.start + (step.slot + 0.5) * width / step.slots

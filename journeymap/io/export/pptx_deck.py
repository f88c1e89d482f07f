"""A PowerPoint deck of the journey: every word on it editable, in the product's style.

Slides: the title; the journey at a glance (the picture of the chosen view); one slide
per stage with its key figures and a table of its touchpoints; the sand list; the
improvement actions (a slide saying how to add them when there are none yet). Text is
set as runs (python-pptx escapes it), so a name such as ``<b>`` stays text.
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.util import Emu, Inches

from journeymap.charts.diagram_text import INK, MUTED
from journeymap.charts.health import HEALTH_COLOURS
from journeymap.io.export.data import ActionLine, ExportData
from journeymap.io.export.deck_parts import (
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    Cell,
    add_legend,
    add_table,
    add_text,
    blank_slide,
    rgb,
    slide_title,
)
from journeymap.io.export.figures import TouchpointFigures, touchpoint_figures, whole_number
from journeymap.io.export.palette import ACCENT

ROWS_PER_SLIDE = 9
SAND_ROWS_PER_SLIDE = 7
REASON_CHARS = 150
STAGE_COLUMNS = (
    ("Touchpoint", 3.1),
    ("Channel", 1.1),
    ("Owner", 1.9),
    ("Customers / month", 1.3),
    ("Drop-off", 0.9),
    ("NPS", 1.4),
    ("Shopper", 1.2),
    ("Health", 1.4),
)
SAND_COLUMNS = (("#", 0.4), ("Touchpoint", 3.0), ("Friction", 0.9), ("Customers / month", 1.3))
SAND_COLUMNS += (("Why", 6.7),)
ACTION_COLUMNS = (("Action", 3.3), ("Status", 1.1), ("Touchpoints", 2.4), ("Owner", 1.3))
ACTION_COLUMNS += (("Impact / effort", 1.3), ("When", 1.2), ("Did it work?", 1.7))
ACTION_ROWS_PER_SLIDE = 10
NO_ACTIONS = (
    "No improvement actions yet. Add them on the Improvement actions page of journeymap "
    "(from a sand item, a walk note or by hand); the next export lists them here."
)
# Room under the overview picture for the one-line legend and a margin below it.
LEGEND_ROOM = Inches(0.55)
PICTURE_MARGIN = Inches(0.25)


def journey_deck(data: ExportData, overview_png: bytes, view_name: str = "graph") -> bytes:
    """The deck as .pptx bytes; ``overview_png`` is the picture of the chosen view."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    _title_slide(deck, data)
    _overview_slide(deck, data, overview_png, view_name)
    figures = touchpoint_figures(data)
    for number, stage in enumerate(data.journey.stages, start=1):
        rows = [f for f in figures if f.stage_id == stage.id]
        _stage_slides(deck, data, number, stage.name, stage.description, rows)
    _sand_slides(deck, data)
    _action_slides(deck, data)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _title_slide(deck: Presentation, data: ExportData) -> None:
    slide = blank_slide(deck)
    bar = slide.shapes.add_shape(1, 0, 0, Inches(0.35), SLIDE_HEIGHT)
    bar.fill.solid()
    bar.fill.fore_color.rgb = rgb(ACCENT)
    bar.line.fill.background()
    journey = data.journey
    add_text(
        slide, journey.name, Inches(1), Inches(2.3), Inches(11), Inches(1.6), size=40, bold=True
    )
    lines = []
    if journey.persona:
        lines.append(f"Persona: {journey.persona}")
    if journey.segment:
        lines.append(f"Segment: {journey.segment}")
    if data.period:
        lines.append(f"Evidence: {data.period}")
    add_text(slide, "\n".join(lines), Inches(1), Inches(4.0), Inches(11), Inches(1.4), size=18)
    stamp = f"Exported from journeymap on {data.exported_at:%Y-%m-%d}"
    if data.revision is not None:
        stamp += f" · revision {data.revision}"
    add_text(slide, stamp, Inches(1), Inches(6.5), Inches(11), Inches(0.5), size=12, colour=MUTED)


def _overview_slide(deck: Presentation, data: ExportData, png: bytes, view_name: str) -> None:
    slide = blank_slide(deck)
    slide_title(slide, "The journey at a glance", f"{data.journey.name} · {view_name} view")
    legend = view_name == "graph" and bool(data.health)
    top, box_w = Inches(1.35), SLIDE_WIDTH - Inches(1.0)
    box_h = SLIDE_HEIGHT - top - (LEGEND_ROOM if legend else PICTURE_MARGIN)
    picture = slide.shapes.add_picture(io.BytesIO(png), Inches(0.5), top)
    ratio = min(box_w / picture.width, box_h / picture.height)
    picture.width, picture.height = (
        Emu(int(picture.width * ratio)),
        Emu(int(picture.height * ratio)),
    )
    picture.left = Emu(int((SLIDE_WIDTH - picture.width) / 2))
    if legend:
        add_legend(slide, Inches(0.5), SLIDE_HEIGHT - Inches(0.45))


def _stage_slides(
    deck: Presentation,
    data: ExportData,
    number: int,
    name: str,
    description: str,
    rows: list[TouchpointFigures],
) -> None:
    total = len(data.journey.stages)
    chunks = [rows[i : i + ROWS_PER_SLIDE] for i in range(0, len(rows), ROWS_PER_SLIDE)] or [[]]
    for part, chunk in enumerate(chunks):
        slide = blank_slide(deck)
        more = " (continued)" if part else ""
        slide_title(slide, f"{name}{more}", f"Stage {number} of {total}")
        add_text(
            slide,
            _stage_figures(rows, description),
            Inches(0.5),
            Inches(1.3),
            Inches(12.3),
            Inches(0.8),
            size=14,
            colour=INK,
        )
        if not chunk:
            add_text(
                slide,
                "No touchpoints in this stage yet.",
                Inches(0.5),
                Inches(2.3),
                Inches(12),
                Inches(0.5),
                size=14,
                colour=MUTED,
            )
            continue
        body = [
            [
                Cell(f.name + (" ★" if f.moment_of_truth else ""), bold=f.moment_of_truth),
                Cell(f.channel),
                Cell(f.owner or "nobody yet"),
                Cell(whole_number(f.customers_per_month), right=True),
                Cell(f"{f.drop_off * 100:.0f} %", right=True),
                Cell(f.nps_text(), right=True),
                Cell(f.shopper_text(), right=True),
                Cell(f.health_label, fill=HEALTH_COLOURS[f.health], health=f.health),
            ]
            for f in chunk
        ]
        add_table(slide, STAGE_COLUMNS, body, Inches(0.5), Inches(2.2))
        add_text(
            slide,
            "★ moment of truth · NPS ± its 95 % margin, n responses · shopper: "
            "mean mystery-shopper score, n visits",
            Inches(0.5),
            SLIDE_HEIGHT - Inches(0.6),
            Inches(12.3),
            Inches(0.4),
            size=10,
            colour=MUTED,
        )


def _stage_figures(rows: list[TouchpointFigures], description: str) -> str:
    busiest = max((f.customers_per_month for f in rows), default=0.0)
    lost = sum(f.customers_per_month * f.drop_off for f in rows if not f.end)
    sand = sum(1 for f in rows if f.health == "sand")
    moments = sum(1 for f in rows if f.moment_of_truth)
    figures = (
        f"{len(rows)} touchpoints · {whole_number(busiest)} customers a month at the busiest · "
        f"{whole_number(lost)} a month lost here · {moments} moments of truth · "
        f"{sand} sand in the machine"
    )
    return f"{description}\n{figures}" if description else figures


def _sand_slides(deck: Presentation, data: ExportData) -> None:
    items = [i for i in data.items if i.health in ("sand", "watch")]
    if not items:
        slide = blank_slide(deck)
        slide_title(slide, "Sand in the machine", data.period or "")
        reason = (
            "No touchpoint shows friction in this period."
            if data.items
            else "No evidence in this period: import survey responses, visits or metrics."
        )
        add_text(slide, reason, Inches(0.5), Inches(1.5), Inches(12), Inches(0.6), size=16)
        return
    chunks = [items[i : i + SAND_ROWS_PER_SLIDE] for i in range(0, len(items), SAND_ROWS_PER_SLIDE)]
    for part, chunk in enumerate(chunks):
        slide = blank_slide(deck)
        title = "Sand in the machine" + (" (continued)" if part else "")
        slide_title(slide, title, f"Ranked by evidence · {data.period}".rstrip(" ·"))
        body = [
            [
                Cell(str(item.rank), right=True),
                Cell(item.name, bold=True),
                Cell(f"{item.friction:.0f}", fill=HEALTH_COLOURS[item.health], health=item.health),
                Cell(whole_number(item.customers_affected), right=True),
                Cell(_shorten("; ".join(item.reasons[:2]), REASON_CHARS)),
            ]
            for item in chunk
        ]
        add_table(slide, SAND_COLUMNS, body, Inches(0.5), Inches(1.4), size=11)


def _action_slides(deck: Presentation, data: ExportData) -> None:
    """The improvement actions, open ones first, each with whether it worked."""
    if not data.actions:
        slide = blank_slide(deck)
        slide_title(slide, "Improvement actions", "0 actions")
        add_text(slide, NO_ACTIONS, Inches(0.5), Inches(1.5), Inches(12), Inches(0.9), size=16)
        return
    order = {"Idea": 1, "Approved": 0, "In progress": 0, "Done": 2, "Dropped": 3}
    actions = sorted(data.actions, key=lambda a: (order.get(a.status, 1), -a.impact, a.title))
    chunks = [
        actions[i : i + ACTION_ROWS_PER_SLIDE]
        for i in range(0, len(actions), ACTION_ROWS_PER_SLIDE)
    ]
    for part, chunk in enumerate(chunks):
        slide = blank_slide(deck)
        title = "Improvement actions" + (" (continued)" if part else "")
        done = sum(1 for a in data.actions if a.status == "Done")
        slide_title(slide, title, f"{len(data.actions)} actions · {done} done")
        body = [
            [
                Cell(_shorten(a.title, 60), bold=True),
                Cell(a.status),
                Cell(_shorten(a.touchpoints, 50)),
                Cell(_shorten(a.owner, 24)),
                Cell(f"{a.impact} / {a.effort}" + (" · quick win" if a.quick_win else "")),
                Cell(_when(a)),
                Cell(_shorten(a.effect, 60)),
            ]
            for a in chunk
        ]
        add_table(slide, ACTION_COLUMNS, body, Inches(0.5), Inches(1.4), size=11)


def _when(action: ActionLine) -> str:
    if action.done_on:
        return f"done {action.done_on:%Y-%m-%d}"
    return f"due {action.due_on:%Y-%m-%d}" if action.due_on else ""


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

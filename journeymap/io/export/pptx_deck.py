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
from journeymap.i18n import N_, _, ngettext, use_language
from journeymap.i18n import formatting as fmt
from journeymap.i18n.languages import Language
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
from journeymap.io.local_formats import percent as local_percent

ROWS_PER_SLIDE = 9
SAND_ROWS_PER_SLIDE = 7
REASON_CHARS = 150
STAGE_COLUMNS = (
    (N_("Touchpoint"), 3.1),
    (N_("Channel"), 1.1),
    (N_("Owner"), 1.9),
    (N_("Customers / month"), 1.3),
    (N_("Drop-off"), 0.9),
    ("NPS", 1.4),
    (N_("Shopper"), 1.2),
    (N_("Health"), 1.4),
)
SAND_COLUMNS = (("#", 0.4), (N_("Touchpoint"), 3.0), (N_("Friction"), 0.9))
SAND_COLUMNS += ((N_("Customers / month"), 1.3), (N_("Why"), 6.7))
ACTION_COLUMNS = ((N_("Action"), 3.3), (N_("Status"), 1.1), (N_("Touchpoints"), 2.4))
ACTION_COLUMNS += ((N_("Owner"), 1.3), (N_("Impact / effort"), 1.3), (N_("When"), 1.2))
ACTION_COLUMNS += ((N_("Did it work?"), 1.7),)
ACTION_ROWS_PER_SLIDE = 10
NO_ACTIONS = N_(
    "No improvement actions yet. Add them on the Improvement actions page of journeymap "
    "(from a sand item, a walk note or by hand); the next export lists them here."
)
# Room under the overview picture for the one-line legend and a margin below it.
LEGEND_ROOM = Inches(0.55)
PICTURE_MARGIN = Inches(0.25)


def journey_deck(
    data: ExportData,
    overview_png: bytes,
    view_name: str = "graph",
    language: Language | None = None,
) -> bytes:
    """The deck as .pptx bytes; ``overview_png`` is the picture of the chosen view.
    Every word in `language` (None: the reader's)."""
    with use_language(language):
        return _deck(data, overview_png, view_name)


def columns(spec: tuple[tuple[str, float], ...]) -> tuple[tuple[str, float], ...]:
    """A table's column heads in the reader's language."""
    return tuple((_(name), width) for name, width in spec)


def _deck(data: ExportData, overview_png: bytes, view_name: str) -> bytes:
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
        lines.append(_("Persona: {persona}").format(persona=journey.persona))
    if journey.segment:
        lines.append(_("Segment: {segment}").format(segment=journey.segment))
    if data.period:
        lines.append(_("Evidence: {period}").format(period=data.period_text()))
    add_text(slide, "\n".join(lines), Inches(1), Inches(4.0), Inches(11), Inches(1.4), size=18)
    stamp = _("Exported from journeymap on {day}").format(day=fmt.day(data.exported_at))
    if data.revision is not None:
        stamp += " · " + _("revision {number}").format(number=data.revision)
    add_text(slide, stamp, Inches(1), Inches(6.5), Inches(11), Inches(0.5), size=12, colour=MUTED)


def _overview_slide(deck: Presentation, data: ExportData, png: bytes, view_name: str) -> None:
    slide = blank_slide(deck)
    view = _("graph view") if view_name == "graph" else _("map view")
    slide_title(slide, _("The journey at a glance"), f"{data.journey.name} · {view}")
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
        title = _("{name} (continued)").format(name=name) if part else name
        slide_title(slide, title, _("Stage {number} of {total}").format(number=number, total=total))
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
                _("No touchpoints in this stage yet."),
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
                Cell(f.owner or _("nobody yet")),
                Cell(whole_number(f.customers_per_month), right=True),
                Cell(local_percent(f.drop_off * 100), right=True),
                Cell(f.nps_text(), right=True),
                Cell(f.shopper_text(), right=True),
                Cell(f.health_label, fill=HEALTH_COLOURS[f.health], health=f.health),
            ]
            for f in chunk
        ]
        add_table(slide, columns(STAGE_COLUMNS), body, Inches(0.5), Inches(2.2))
        add_text(
            slide,
            _(
                "★ moment of truth · NPS ± its 95 % margin, n responses · shopper: "
                "mean mystery-shopper score, n visits"
            ),
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
    figures = " · ".join(
        (
            ngettext("{count} touchpoint", "{count} touchpoints", len(rows)).format(
                count=fmt.number(len(rows))
            ),
            _("{count} customers a month at the busiest").format(count=whole_number(busiest)),
            _("{count} a month lost here").format(count=whole_number(lost)),
            ngettext("{count} moment of truth", "{count} moments of truth", moments).format(
                count=fmt.number(moments)
            ),
            _("{count} sand in the machine").format(count=fmt.number(sand)),
        )
    )
    return f"{description}\n{figures}" if description else figures


def _sand_slides(deck: Presentation, data: ExportData) -> None:
    items = [i for i in data.items if i.health in ("sand", "watch")]
    if not items:
        slide = blank_slide(deck)
        slide_title(slide, _("Sand in the machine"), data.period_text() if data.period else "")
        reason = (
            _("No touchpoint shows friction in this period.")
            if data.items
            else _("No evidence in this period: import survey responses, visits or metrics.")
        )
        add_text(slide, reason, Inches(0.5), Inches(1.5), Inches(12), Inches(0.6), size=16)
        return
    chunks = [items[i : i + SAND_ROWS_PER_SLIDE] for i in range(0, len(items), SAND_ROWS_PER_SLIDE)]
    for part, chunk in enumerate(chunks):
        slide = blank_slide(deck)
        title = _("Sand in the machine (continued)") if part else _("Sand in the machine")
        ranked = _("Ranked by evidence")
        slide_title(slide, title, f"{ranked} · {data.period_text()}" if data.period else ranked)
        body = [
            [
                Cell(str(item.rank), right=True),
                Cell(item.name, bold=True),
                Cell(
                    fmt.number(item.friction), fill=HEALTH_COLOURS[item.health], health=item.health
                ),
                Cell(whole_number(item.customers_affected), right=True),
                Cell(_shorten("; ".join(item.reasons[:2]), REASON_CHARS)),
            ]
            for item in chunk
        ]
        add_table(slide, columns(SAND_COLUMNS), body, Inches(0.5), Inches(1.4), size=11)


def _action_slides(deck: Presentation, data: ExportData) -> None:
    """The improvement actions, open ones first, each with whether it worked."""
    if not data.actions:
        slide = blank_slide(deck)
        slide_title(slide, _("Improvement actions"), _("0 actions"))
        add_text(slide, _(NO_ACTIONS), Inches(0.5), Inches(1.5), Inches(12), Inches(0.9), size=16)
        return
    order = {"Idea": 1, "Approved": 0, "In progress": 0, "Done": 2, "Dropped": 3}
    actions = sorted(data.actions, key=lambda a: (order.get(a.status, 1), -a.impact, a.title))
    chunks = [
        actions[i : i + ACTION_ROWS_PER_SLIDE]
        for i in range(0, len(actions), ACTION_ROWS_PER_SLIDE)
    ]
    for part, chunk in enumerate(chunks):
        slide = blank_slide(deck)
        title = _("Improvement actions (continued)") if part else _("Improvement actions")
        done = sum(1 for a in data.actions if a.status == "Done")
        count = ngettext("{count} action", "{count} actions", len(data.actions))
        slide_title(
            slide,
            title,
            count.format(count=fmt.number(len(data.actions)))
            + " · "
            + _("{count} done").format(count=fmt.number(done)),
        )
        body = [
            [
                Cell(_shorten(a.title, 60), bold=True),
                Cell(_(a.status)),  # marked for the catalogs where it is defined
                Cell(_shorten(a.touchpoints, 50)),
                Cell(_shorten(a.owner, 24)),
                Cell(f"{a.impact} / {a.effort}" + (" · " + _("quick win") if a.quick_win else "")),
                Cell(_when(a)),
                Cell(_shorten(a.effect, 60)),
            ]
            for a in chunk
        ]
        add_table(slide, columns(ACTION_COLUMNS), body, Inches(0.5), Inches(1.4), size=11)


def _when(action: ActionLine) -> str:
    if action.done_on:
        return _("done {day}").format(day=fmt.day(action.done_on))
    return _("due {day}").format(day=fmt.day(action.due_on)) if action.due_on else ""


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

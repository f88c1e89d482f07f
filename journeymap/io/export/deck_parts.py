"""Slide parts in the product's style: plain white slides, ink text, one accent colour."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.presentation import Presentation
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from journeymap.charts.diagram_text import GRID, INK, MUTED
from journeymap.charts.health import HEALTH_COLOURS, HEALTH_LABELS
from journeymap.i18n import _
from journeymap.io.export.palette import ACCENT, TEXT_ON

# A font every PowerPoint, Keynote and LibreOffice has, so tables keep their layout.
FONT_NAME = "Arial"
SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
BLANK_LAYOUT = 6
ROW_BAND = "#f5f7fa"


@dataclass(frozen=True)
class Cell:
    text: str
    bold: bool = False
    right: bool = False
    fill: str | None = None
    health: str | None = None  # picks a readable text colour on the health fill


def rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#"))


def blank_slide(deck: Presentation) -> Slide:
    return deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT])


def add_text(
    slide: Slide,
    text: str,
    left: int,
    top: int,
    width: int,
    height: int,
    *,
    size: float = 14,
    bold: bool = False,
    colour: str = INK,
) -> None:
    """A text box; each line of ``text`` a paragraph, every word editable."""
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        _font(run.font, size, bold, colour)


def add_legend(slide: Slide, left: int, top: int) -> None:
    """What the node colours of the graph mean, as one editable line."""
    box = slide.shapes.add_textbox(left, top, Inches(12.3), Inches(0.35))
    paragraph = box.text_frame.paragraphs[0]
    for state, label in HEALTH_LABELS.items():
        dot = paragraph.add_run()
        dot.text = "● "
        _font(dot.font, 12, False, HEALTH_COLOURS[state])
        words = paragraph.add_run()
        words.text = f"{_(label)}    "  # marked for the catalogs where it is defined
        _font(words.font, 12, False, MUTED)


def _font(font: object, size: float, bold: bool, colour: str) -> None:
    font.name = FONT_NAME  # type: ignore[attr-defined]
    font.size = Pt(size)  # type: ignore[attr-defined]
    font.bold = bold  # type: ignore[attr-defined]
    font.color.rgb = rgb(colour)  # type: ignore[attr-defined]


def slide_title(slide: Slide, title: str, kicker: str = "") -> None:
    """The kicker (small, muted) above the title, and a thin accent rule under both."""
    # The kicker's box ends where the title's begins: boxes that overlap get in each
    # other's way when someone edits the slide.
    if kicker:
        add_text(
            slide,
            kicker,
            Inches(0.5),
            Inches(0.2),
            Inches(12.3),
            Inches(0.3),
            size=12,
            colour=MUTED,
        )
    add_text(slide, title, Inches(0.5), Inches(0.5), Inches(12.3), Inches(0.7), size=28, bold=True)
    rule = slide.shapes.add_connector(1, Inches(0.5), Inches(1.2), Inches(12.83), Inches(1.2))
    rule.line.color.rgb = rgb(ACCENT)
    rule.line.width = Pt(1.5)


def add_table(
    slide: Slide,
    columns: Sequence[tuple[str, float]],
    body: Sequence[Sequence[Cell]],
    left: int,
    top: int,
    *,
    size: float = 12,
) -> None:
    """A table with a header row in the accent colour and banded body rows."""
    width = sum(Inches(w) for _, w in columns)
    row_height = Inches(0.42)
    shape = slide.shapes.add_table(
        len(body) + 1, len(columns), left, top, width, row_height * (len(body) + 1)
    )
    table = shape.table
    # No theme style: the product's own colours, the same in every office suite.
    table.first_row = True
    table.horz_banding = False
    for c, (title, w) in enumerate(columns):
        table.columns[c].width = Emu(Inches(w))
        _cell(table.cell(0, c), Cell(title, bold=True, fill=ACCENT), size, header=True)
    for r, row in enumerate(body, start=1):
        table.rows[r].height = row_height
        for c, value in enumerate(row):
            band = value.fill or ("#ffffff" if r % 2 else ROW_BAND)
            _cell(
                table.cell(r, c),
                Cell(value.text, value.bold, value.right, band, value.health),
                size,
            )


def _cell(cell: object, value: Cell, size: float, header: bool = False) -> None:
    # Borders before the fill: the file format wants the lines first in a cell's
    # properties, and PowerPoint offers to "repair" a deck that has them after.
    _thin_borders(cell)
    cell.fill.solid()  # type: ignore[attr-defined]
    cell.fill.fore_color.rgb = rgb(value.fill or "#ffffff")  # type: ignore[attr-defined]
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE  # type: ignore[attr-defined]
    cell.margin_left = cell.margin_right = Inches(0.08)  # type: ignore[attr-defined]
    frame = cell.text_frame  # type: ignore[attr-defined]
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.RIGHT if value.right else PP_ALIGN.LEFT
    run = paragraph.add_run()
    run.text = value.text
    colour = "#ffffff" if header else (TEXT_ON[value.health] if value.health else INK)
    _font(run.font, size, value.bold, colour)


def _thin_borders(cell: object) -> None:
    properties = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]  # noqa: SLF001
    for edge in ("a:lnL", "a:lnR", "a:lnT", "a:lnB"):
        line = properties.makeelement(qn(edge), {"w": "6350"})
        fill = line.makeelement(qn("a:solidFill"), {})
        colour = fill.makeelement(qn("a:srgbClr"), {"val": GRID.lstrip("#")})
        fill.append(colour)
        line.append(fill)
        properties.append(line)

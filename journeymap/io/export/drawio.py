"""draw.io / diagrams.net: an uncompressed ``mxfile`` that opens and edits as it is.

Stages are swimlanes (columns, as in the app), touchpoints boxes in them, placed where
the graph view places them, and transitions connectors labelled with their share.
Labels are draw.io HTML labels (so long names wrap) holding HTML-escaped text: a name
typed as ``<b>`` shows, and edits, as ``<b>``.
"""

from __future__ import annotations

import html
import itertools
import xml.etree.ElementTree as ET

from journeymap.charts.diagram_text import EDGE_COLOURS, FONT, GRID, INK, MUTED, NODE_LINE
from journeymap.charts.health import HEALTH_COLOURS
from journeymap.charts.layout import DiagramLayout, diagram_layout
from journeymap.charts.routing import share_text
from journeymap.io.export.data import ExportData
from journeymap.io.export.palette import TEXT_ON
from journeymap.io.export.xml_text import xml_text

HEADER = 44  # height of a swimlane's title bar
BOX_HEIGHT = 64
BOX_INSET = 8
FONT_NAME = FONT.split(",")[0]


def _style(*names: str, **values: object) -> str:
    """A draw.io style: bare names (a shape such as ``swimlane``) then key=value pairs."""
    return "".join(f"{name};" for name in names) + "".join(
        f"{key}={value};" for key, value in values.items()
    )


def drawio_xml(data: ExportData) -> str:
    """The journey as one draw.io page; the file is UTF-8 XML."""
    layout = diagram_layout(data.journey, data.flow)
    model = ET.Element(
        "mxGraphModel",
        grid="1",
        gridSize="10",
        guides="1",
        tooltips="1",
        connect="1",
        arrows="1",
        fold="1",
        page="0",
        math="0",
        shadow="0",
    )
    root = ET.SubElement(model, "root")
    ET.SubElement(root, "mxCell", id="0")
    ET.SubElement(root, "mxCell", id="1", parent="0")
    _stages(root, data, layout)
    _touchpoints(root, data, layout)
    _transitions(root, data)
    mxfile = ET.Element("mxfile", host="journeymap", agent="journeymap", type="device")
    diagram = ET.SubElement(mxfile, "diagram", id=data.journey.id, name=data.journey.name)
    diagram.append(model)
    ET.indent(mxfile)
    return xml_text(ET.tostring(mxfile, encoding="unicode", xml_declaration=False)) + "\n"


def _geometry(cell: ET.Element, x: float, y: float, width: float, height: float) -> None:
    ET.SubElement(
        cell,
        "mxGeometry",
        x=f"{x:.0f}",
        y=f"{y:.0f}",
        width=f"{width:.0f}",
        height=f"{height:.0f}",
        **{"as": "geometry"},
    )


def _stages(root: ET.Element, data: ExportData, layout: DiagramLayout) -> None:
    names = data.stage_names()
    style = _style(
        "swimlane",
        horizontal=1,
        startSize=HEADER,
        html=1,
        whiteSpace="wrap",
        fillColor="#f5f7fa",
        swimlaneFillColor="#ffffff",
        strokeColor=GRID,
        fontColor=INK,
        fontStyle=1,
        fontSize=15,
        fontFamily=FONT_NAME,
        collapsible=0,
    )
    for column in layout.columns:
        cell = ET.SubElement(
            root,
            "mxCell",
            id=f"stage-{column.key}",
            value=html.escape(names.get(column.key, column.key)),
            style=style,
            vertex="1",
            parent="1",
        )
        _geometry(cell, column.start, 0, column.end - column.start, layout.height + HEADER)


def _touchpoints(root: ET.Element, data: ExportData, layout: DiagramLayout) -> None:
    columns = {c.key: c for c in layout.columns}
    for tp in data.journey.touchpoints:
        node = layout.nodes.get(tp.id)
        column = columns.get(tp.stage)
        if node is None:
            continue
        state = data.state(tp.id)
        style = _style(
            rounded=1,
            whiteSpace="wrap",
            html=1,
            arcSize=18,
            fillColor=HEALTH_COLOURS[state],
            fontColor=TEXT_ON[state],
            strokeColor=NODE_LINE,
            strokeWidth=3 if tp.moment_of_truth else 1,
            fontFamily=FONT_NAME,
            fontSize=13,
        )
        label = (
            f"{html.escape(tp.name)}<br>"
            f'<span style="font-size:10px">{html.escape(tp.channel)}</span>'
        )
        cell = ET.SubElement(
            root,
            "mxCell",
            id=f"tp-{tp.id}",
            value=label,
            style=style,
            vertex="1",
            parent=f"stage-{tp.stage}" if column is not None else "1",
        )
        left = column.start if column is not None else 0.0
        top = HEADER if column is not None else 0.0
        _geometry(
            cell,
            node.slot.x0 + BOX_INSET - left,
            node.y - BOX_HEIGHT / 2 + top,
            node.slot.width - 2 * BOX_INSET,
            BOX_HEIGHT,
        )


def _transitions(root: ET.Element, data: ExportData) -> None:
    main = set(itertools.pairwise(data.flow.main_path))
    shares = data.shares()
    for i, transition in enumerate(data.journey.transitions, start=1):
        key = (transition.source, transition.target)
        style = _style(
            edgeStyle="orthogonalEdgeStyle",
            rounded=1,
            html=1,
            endArrow="block",
            endFill=1,
            strokeColor=EDGE_COLOURS[transition.kind],
            strokeWidth=3 if key in main else 1,
            dashed=1 if transition.kind == "leave" else 0,
            fontColor=MUTED,
            fontSize=12,
            labelBackgroundColor="#ffffff",
        )
        cell = ET.SubElement(
            root,
            "mxCell",
            id=f"edge-{i}",
            value=html.escape(share_text(shares.get(key, 0.0))),
            style=style,
            edge="1",
            parent="1",
            source=f"tp-{transition.source}",
            target=f"tp-{transition.target}",
        )
        ET.SubElement(cell, "mxGeometry", relative="1", **{"as": "geometry"})

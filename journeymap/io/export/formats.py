"""The export formats, in one list for the CLI's choices and the app's buttons."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExportFormat:
    key: str
    label: str
    extension: str
    mime: str
    picture: bool = False  # drawn by Chromium (through kaleido)
    uses_view: bool = False  # a picture of the map view or the graph view
    help: str = ""


FORMATS: dict[str, ExportFormat] = {
    f.key: f
    for f in (
        ExportFormat(
            "png", "PNG picture", "png", "image/png", True, True, "For slides, mails and wikis"
        ),
        ExportFormat("svg", "SVG picture", "svg", "image/svg+xml", True, True, "Sharp at any size"),
        ExportFormat("pdf", "PDF", "pdf", "application/pdf", True, True, "One page, to print"),
        ExportFormat(
            "pptx",
            "PowerPoint deck",
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            True,
            True,
            "Title, overview picture, a slide per stage, the sand list; editable text",
        ),
        ExportFormat(
            "mermaid",
            "Mermaid journey",
            "mmd",
            "text/plain",
            help="The main path as a Mermaid user-journey diagram (sections = stages)",
        ),
        ExportFormat(
            "mermaid-flow",
            "Mermaid flowchart",
            "mmd",
            "text/plain",
            help="The whole graph as a Mermaid flowchart, coloured by health",
        ),
        ExportFormat(
            "drawio",
            "draw.io diagram",
            "drawio",
            "application/vnd.jgraph.mxfile",
            help="Opens and edits in diagrams.net: stages as swimlanes",
        ),
        ExportFormat("dot", "Graphviz DOT", "dot", "text/vnd.graphviz", help="For Graphviz"),
        ExportFormat(
            "xlsx",
            "Excel workbook",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            help="Journey, touchpoints, transitions, sand, responses, visits and scores",
        ),
        ExportFormat(
            "yaml", "Journey YAML", "yaml", "application/yaml", help="The journey file, to import"
        ),
        ExportFormat(
            "json", "Journey JSON", "json", "application/json", help="The journey file, to import"
        ),
    )
}
PICTURE_VIEWS = ("map", "graph")


def export_file_name(journey_id: str, fmt: str, view: str | None = None) -> str:
    """``bank-advisory-map.png``, ``bank-advisory-flow.mmd``, ``bank-advisory.xlsx``."""
    spec = FORMATS[fmt]
    suffix = f"-{view}" if spec.uses_view and view else ""
    if fmt == "mermaid-flow":
        suffix = "-flow"
    return f"{journey_id}{suffix}.{spec.extension}"

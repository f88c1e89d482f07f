"""The export formats, in one list for the CLI's choices and the app's buttons."""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.i18n import N_, _


@dataclass(frozen=True)
class ExportFormat:
    key: str
    label: str
    extension: str
    mime: str
    picture: bool = False  # drawn by Chromium (through kaleido)
    uses_view: bool = False  # a picture of the map view or the graph view
    help: str = ""

    # The label and help are marked for the catalogs; these are what a person reads.
    def shown_label(self) -> str:
        return _(self.label)

    def shown_help(self) -> str:
        return _(self.help)


FORMATS: dict[str, ExportFormat] = {
    f.key: f
    for f in (
        ExportFormat(
            "png",
            N_("PNG picture"),
            "png",
            "image/png",
            True,
            True,
            N_("For slides, mails and wikis"),
        ),
        ExportFormat(
            "svg", N_("SVG picture"), "svg", "image/svg+xml", True, True, N_("Sharp at any size")
        ),
        ExportFormat("pdf", "PDF", "pdf", "application/pdf", True, True, N_("One page, to print")),
        ExportFormat(
            "pptx",
            N_("PowerPoint deck"),
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            True,
            True,
            N_("Title, overview picture, a slide per stage, the sand list; editable text"),
        ),
        ExportFormat(
            "mermaid",
            N_("Mermaid journey"),
            "mmd",
            "text/plain",
            help=N_("The main path as a Mermaid user-journey diagram (sections = stages)"),
        ),
        ExportFormat(
            "mermaid-flow",
            N_("Mermaid flowchart"),
            "mmd",
            "text/plain",
            help=N_("The whole graph as a Mermaid flowchart, coloured by health"),
        ),
        ExportFormat(
            "drawio",
            N_("draw.io diagram"),
            "drawio",
            "application/vnd.jgraph.mxfile",
            help=N_("Opens and edits in diagrams.net: stages as swimlanes"),
        ),
        ExportFormat("dot", "Graphviz DOT", "dot", "text/vnd.graphviz", help=N_("For Graphviz")),
        ExportFormat(
            "xlsx",
            N_("Excel workbook"),
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            help=N_("Journey, touchpoints, transitions, sand, responses, visits and scores"),
        ),
        ExportFormat(
            "yaml",
            N_("Journey YAML"),
            "yaml",
            "application/yaml",
            help=N_("The journey file, to import"),
        ),
        ExportFormat(
            "json",
            N_("Journey JSON"),
            "json",
            "application/json",
            help=N_("The journey file, to import"),
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

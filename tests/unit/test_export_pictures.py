"""Pictures through kaleido and the system Chromium, and the `export` command."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import kaleido
import pytest
from PIL import Image
from pptx import Presentation

from journeymap.cli import main
from journeymap.io.export import chromium as chromium_module
from journeymap.io.export import images
from journeymap.io.export.chromium import INSTALL_HELP, ChromiumMissing, require_chromium
from journeymap.io.export.images import PictureSize, figure_picture
from journeymap.services.export import ExportOptions, export_bytes, export_data, export_figure
from journeymap.services.sand import evidence_filter
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from tests.export_helpers import names_data

CHROMIUM = Path("/usr/bin/chromium")
# The demo's two years of evidence end today: all of last year is in them.
LAST_YEAR = str(date.today().year - 1)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Path]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: `make chromium` installs it for CI")
        pytest.skip(f"{CHROMIUM} is missing: install it with `make chromium` to test pictures")
    yield CHROMIUM
    images.stop_picture_server()


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


@pytest.mark.parametrize("view", ["graph", "map"])
def test_png_svg_pdf_of_both_views(chromium: Path, view: str) -> None:
    figure = export_figure(names_data(), view)  # type: ignore[arg-type]
    png = figure_picture(figure, "png", PictureSize(width=900, scale=2))
    with Image.open(io.BytesIO(png)) as picture:
        assert picture.format == "PNG"
        width, height = picture.size
    assert width == 1800
    expected = PictureSize(900, 2).pixels(figure.layout.width, figure.layout.height)
    assert abs(height - expected[1]) <= 1
    svg = figure_picture(figure, "svg").decode("utf-8")
    assert svg.startswith("<svg")
    # The tag is drawn as text (an escaped "<"), not taken as markup; the quotes as quotes.
    assert re.search(r"(&lt;|&#60;)b(&gt;|&#62;)now", svg)
    assert "<b>now" not in svg
    assert "&amp;quot;" not in svg
    assert "cdn" not in svg.lower()
    pdf = figure_picture(figure, "pdf")
    assert pdf.startswith(b"%PDF")
    assert pdf_pages(pdf) == 1


def test_png_at_the_views_own_size(chromium: Path) -> None:
    figure = export_figure(names_data(), "graph")
    png = figure_picture(figure, "png", PictureSize(scale=1))
    with Image.open(io.BytesIO(png)) as picture:
        assert picture.size == (round(figure.layout.width), round(figure.layout.height))


def test_repeated_pictures_reuse_one_browser(
    chromium: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    figure = export_figure(names_data(), "graph")
    figure_picture(figure, "svg")
    starts: list[object] = []
    original = kaleido.start_sync_server
    monkeypatch.setattr(
        kaleido, "start_sync_server", lambda *a, **k: starts.append(1) or original(*a, **k)
    )
    for _ in range(3):
        figure_picture(figure, "png", PictureSize(width=400, scale=1))
    assert starts == []
    assert kaleido._global_server.is_running()  # noqa: SLF001 - kaleido's own singleton


def test_missing_chromium_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chromium_module, "CANDIDATES", ())
    monkeypatch.setattr(chromium_module.shutil, "which", lambda _: None)
    monkeypatch.delenv("JOURNEYMAP_CHROMIUM", raising=False)
    with pytest.raises(ChromiumMissing) as raised:
        require_chromium()
    assert str(raised.value) == INSTALL_HELP
    assert "apt-get install chromium" in INSTALL_HELP
    monkeypatch.setenv("JOURNEYMAP_CHROMIUM", "/nowhere/chrome")
    with pytest.raises(ChromiumMissing, match="JOURNEYMAP_CHROMIUM names /nowhere/chrome"):
        require_chromium()


def test_too_large_a_picture_is_refused_in_words() -> None:
    figure = export_figure(names_data(), "graph")
    with pytest.raises(images.PictureError, match="outside 100"):
        figure_picture(figure, "png", PictureSize(width=9000, scale=3))


FORMAT_STARTS = {
    "png": b"\x89PNG",
    "svg": b"<svg",
    "pdf": b"%PDF",
    "pptx": b"PK",
    "mermaid": b"journey\n",
    "mermaid-flow": b"flowchart LR\n",
    "drawio": b"<mxfile",
    "dot": b'digraph "bank-advisory"',
    "xlsx": b"PK",
    "yaml": b"schema_version: 1",
    "json": b"{",
}


def test_every_format_of_a_demo_journey(chromium: Path, demo_url: str) -> None:
    engine = open_database(demo_url)
    stored = JourneyRepository(engine).get("bank-advisory")
    flt = evidence_filter(LAST_YEAR)
    data = export_data(engine, stored.journey, stored.revision, flt)
    options = ExportOptions(view="graph", size=PictureSize(width=800, scale=1))
    for fmt, start in FORMAT_STARTS.items():
        assert export_bytes(engine, data, fmt, options, flt).startswith(start), fmt
    deck = Presentation(io.BytesIO(export_bytes(engine, data, "pptx", options, flt)))
    titles = [s.shapes[1].text_frame.text for s in list(deck.slides)[1:]]
    assert titles[0] == "The journey at a glance"
    assert titles[1 : 1 + len(data.journey.stages)] == [s.name for s in data.journey.stages]
    # The sand ranking, then the demo's improvement actions (seven fit on one slide).
    assert titles[-2:] == ["Sand in the machine", "Improvement actions"]
    sand_slide, actions_slide = list(deck.slides)[-2:]
    sand = next(shape for shape in sand_slide.shapes if shape.has_table).table
    assert sand.cell(1, 1).text == data.items[0].name
    actions = next(shape for shape in actions_slide.shapes if shape.has_table).table
    assert len(actions.rows) == 1 + len(data.actions)
    engine.dispose()


@pytest.mark.parametrize("fmt", ["png", "mermaid", "xlsx"])
def test_cli_export(
    chromium: Path, demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = tmp_path / "sub" / f"out.{fmt}"
    args = ["--db", demo_url, "export", "bank-advisory", "--format", fmt, "--out", str(out)]
    assert (
        main([*args, "--period", LAST_YEAR, "--view", "map", "--width", "700", "--scale", "1"]) == 0
    )
    assert out.read_bytes().startswith(FORMAT_STARTS[fmt])
    assert f"out.{fmt}: {fmt}" in capsys.readouterr().out
    if fmt == "png":
        with Image.open(out) as picture:
            assert picture.width == 700


def test_cli_export_errors_are_sentences(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "x.png")
    assert main(["--db", demo_url, "export", "bank-advisory", "--format", "png", "--out", out,
                 "--period", "2026-Q9"]) == 1  # fmt: skip
    assert "is not a period" in capsys.readouterr().err
    assert main(["--db", demo_url, "export", "nope", "--format", "dot", "--out", out]) == 1
    assert "there is no journey 'nope'" in capsys.readouterr().err

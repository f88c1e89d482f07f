"""Photos keep their pixels only: every kind of metadata a file can carry is gone.

Each file is made with Pillow carrying one kind (EXIF with GPS, XMP, an ICC profile, a
JPEG comment, PNG text chunks of each sort), and the bytes stored on disk are read
segment by segment, chunk by chunk: nothing but what draws the picture is left.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageCms, PngImagePlugin
from sqlalchemy import Engine

from journeymap.io.photos import clean_photo
from journeymap.model.access import Role, Viewer
from journeymap.services import visits
from journeymap.store.engine import open_database
from tests.shopping import SHOPPER_ID, seed_tablet_visit

SECRET = "55.6761 N 12.5683 E Anne Andersen"
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    f'22-rdf-syntax-ns#"><rdf:Description>{SECRET}</rdf:Description></rdf:RDF></x:xmpmeta>'
).encode()
TESS = Viewer(name="tess.tablet", role=Role.SHOPPER, shopper_id=SHOPPER_ID)

# What draws a baseline or progressive JPEG (SOI, APP0 JFIF, tables, frame, scan).
JPEG_PICTURE = {0xD8, 0xE0, 0xDB, 0xC4, 0xC0, 0xC1, 0xC2, 0xDD, 0xDA}
PNG_PICTURE = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}


def gps_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x013B] = "Anne Andersen"  # Artist
    exif[0x8825] = {1: "N", 2: (55.0, 40.0, 34.0), 3: "E", 4: (12.0, 34.0, 6.0)}  # GPSInfo
    return exif


def icc_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def jpeg(**extra: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "steelblue").save(out, "JPEG", **extra)
    return out.getvalue()


def png(mode: str = "RGBA", **extra: object) -> bytes:
    out = io.BytesIO()
    Image.new(mode, (32, 24), "darkorange").save(out, "PNG", **extra)
    return out.getvalue()


def png_text(kind: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    if kind == "tEXt":
        info.add_text("Comment", SECRET)
    elif kind == "zTXt":
        info.add_text("Comment", SECRET, zip=True)
    else:
        info.add_itxt("Description", SECRET, lang="da", tkey="Beskrivelse")
    return png(pnginfo=info)


CARRIERS: dict[str, Callable[[], bytes]] = {
    "jpeg exif with gps": lambda: jpeg(exif=gps_exif()),
    "jpeg xmp": lambda: jpeg(xmp=XMP),
    "jpeg icc profile": lambda: jpeg(icc_profile=icc_profile()),
    "jpeg comment": lambda: jpeg(comment=SECRET.encode()),
    "png tEXt": lambda: png_text("tEXt"),
    "png zTXt": lambda: png_text("zTXt"),
    "png iTXt": lambda: png_text("iTXt"),
    "png icc profile": lambda: png(icc_profile=icc_profile()),
    "png exif": lambda: png(exif=gps_exif()),
    "rgb png with text": lambda: png("RGB", pnginfo=_text_info()),
}


def _text_info() -> PngImagePlugin.PngInfo:
    info = PngImagePlugin.PngInfo()
    info.add_text("GPS", SECRET)
    return info


def jpeg_markers(data: bytes) -> list[int]:
    """The marker of every segment before the picture data, in order."""
    assert data[:2] == b"\xff\xd8"
    markers, at = [0xD8], 2
    while at < len(data):
        assert data[at] == 0xFF, f"not a segment at byte {at}"
        marker = data[at + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: the picture itself follows
            return markers
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        at += 2 + length
    raise AssertionError("no picture data")


def png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        body = data[at + 8 : at + 8 + length]
        assert (
            zlib.crc32(kind + body)
            == struct.unpack(">I", data[at + 8 + length : at + 12 + length])[0]
        )
        chunks.append(kind)
        at += 12 + length
    return chunks


def assert_pixels_only(data: bytes) -> None:
    if data[:2] == b"\xff\xd8":
        markers = jpeg_markers(data)
        assert set(markers) <= JPEG_PICTURE, [hex(m) for m in markers]
        app0 = data.index(b"\xff\xe0")
        assert data[app0 + 4 : app0 + 9] == b"JFIF\x00"
    else:
        chunks = png_chunks(data)
        assert set(chunks) <= PNG_PICTURE, chunks
    assert SECRET.encode() not in data
    assert Image.open(io.BytesIO(data)).info.keys() <= {
        "jfif",
        "jfif_version",
        "jfif_unit",
        "jfif_density",
        "dpi",
    }


@pytest.mark.parametrize("carrier", list(CARRIERS))
def test_the_file_carries_it_before_and_not_after(carrier: str) -> None:
    raw = CARRIERS[carrier]()
    with pytest.raises(AssertionError):
        assert_pixels_only(raw)  # the generated file does carry the metadata
    clean = clean_photo(raw, "IMG_0001")
    assert_pixels_only(clean.data)
    picture = Image.open(io.BytesIO(clean.data))
    assert picture.size == Image.open(io.BytesIO(raw)).size


@pytest.fixture
def engine(sqlite_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Engine:
    monkeypatch.setenv("JOURNEYMAP_DATA_DIR", str(tmp_path / "data"))
    return open_database(sqlite_url)


def test_the_stored_file_holds_pixels_only(engine: Engine, tmp_path: Path) -> None:
    visit_id = seed_tablet_visit(engine)
    for carrier, make in CARRIERS.items():
        visits.add_photo(TESS, engine, visit_id, "entrance-photo", make(), f"{carrier}.img")
    stored = sorted((tmp_path / "data" / "photos").iterdir())
    assert len(stored) == len(CARRIERS)
    for path in stored:
        assert_pixels_only(path.read_bytes())
    photos = visits.visit_form(TESS, engine, visit_id).photos["entrance-photo"]
    assert {p.original_name for p in photos} == {f"{c}.img" for c in CARRIERS}

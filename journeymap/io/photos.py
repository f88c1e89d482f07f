"""Evidence photos: checked by decoding, shrunk to a sensible size, metadata stripped.

A tablet photo carries EXIF with the GPS position, the device and the time, and may
carry XMP, a colour profile, a JPEG comment or PNG text (a name, the coordinates an app
wrote there): private data about the shopper that a report must never leak. The
pixels are copied into a new image that has no metadata at all and encoded from there,
with nothing handed to the encoder but the pixels: Pillow would otherwise write a
decoded JPEG comment back out. The EXIF orientation is applied first so the picture
stays upright.
"""

from __future__ import annotations

import io
import struct
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from journeymap.i18n import _
from journeymap.i18n import formatting as fmt
from journeymap.io.file_checks import PHOTO_MAX_BYTES

MAX_SIDE_PX = 2560
MAX_PIXELS = 50_000_000  # refuse decompression bombs long before memory runs out
JPEG_QUALITY = 85
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF")
# What Pillow raises on a broken file, while decoding or while reading its metadata.
DAMAGED_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError, KeyError)


class PhotoRejected(ValueError):
    """A file that is not a usable photo; the message says why and what to do."""


@dataclass(frozen=True)
class CleanPhoto:
    data: bytes
    content_type: str
    extension: str
    width: int
    height: int


def clean_photo(data: bytes, name: str = "photo") -> CleanPhoto:
    """The photo re-encoded without metadata, or PhotoRejected with a sentence."""
    if len(data) > PHOTO_MAX_BYTES:
        raise PhotoRejected(
            _(
                "{name} is {size} MB; photos may be at most {limit} MB: take it at a lower "
                "resolution"
            ).format(
                name=name,
                size=fmt.number(len(data) / 1024 / 1024, 1),
                limit=fmt.number(PHOTO_MAX_BYTES // 1024 // 1024),
            )
        )
    if not data:
        raise PhotoRejected(_("{name} is empty: take the photo again").format(name=name))
    with warnings.catch_warnings():
        # Broken EXIF only warns; the metadata is thrown away below anyway.
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = _decode(data, name)
        try:
            return _reencode(image)
        except DAMAGED_ERRORS:
            raise PhotoRejected(_damaged(name)) from None


def _reencode(image: Image.Image) -> CleanPhoto:
    source_format = image.format  # a transposed copy no longer knows it
    image = ImageOps.exif_transpose(image) or image
    image.thumbnail((MAX_SIDE_PX, MAX_SIDE_PX))
    keep_png = source_format == "PNG" or image.mode in ("RGBA", "LA", "P")
    if keep_png:
        mode = image.mode if image.mode in ("RGB", "RGBA", "L", "LA") else "RGBA"
    else:
        mode = "RGB"
    clean = _pixels_only(image.convert(mode))
    out = io.BytesIO()
    if keep_png:
        clean.save(out, "PNG", optimize=True)
        content_type, extension = "image/png", "png"
    else:
        clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
        content_type, extension = "image/jpeg", "jpg"
    return CleanPhoto(out.getvalue(), content_type, extension, clean.width, clean.height)


def _pixels_only(image: Image.Image) -> Image.Image:
    """A new image with the same pixels and nothing else: no info, no EXIF, no profile."""
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    clean.info.clear()
    return clean


def _decode(data: bytes, name: str) -> Image.Image:
    too_many_pixels = _("{name} has too many pixels: take it at a lower resolution").format(
        name=name
    )
    try:
        probe = Image.open(io.BytesIO(data))
        if probe.format not in ACCEPTED_FORMATS:
            raise PhotoRejected(
                _("{name} is an image in {format} format: use a JPEG, PNG or WebP photo").format(
                    name=name, format=probe.format
                )
            )
        if probe.width * probe.height > MAX_PIXELS:
            raise PhotoRejected(too_many_pixels)
        probe.verify()  # catches truncated and corrupt files
        image = Image.open(io.BytesIO(data))
        image.load()
    except PhotoRejected:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise PhotoRejected(too_many_pixels) from None
    except UnidentifiedImageError:
        raise PhotoRejected(
            _("{name} is not a photo this app can read: use a JPEG, PNG or WebP image").format(
                name=name
            )
        ) from None
    except DAMAGED_ERRORS:
        raise PhotoRejected(_damaged(name)) from None
    return image


def _damaged(name: str) -> str:
    return _("{name} is damaged or incomplete: take the photo again").format(name=name)

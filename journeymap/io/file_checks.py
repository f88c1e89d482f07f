"""What every reader checks before a parser meets a file: its size, that it is text, and
that a workbook is a workbook that unpacks to a sane size.

Any file can arrive by an upload or a command: a video renamed .csv, a sheet saved as
UTF-16 "Unicode text", a 10 GB log, a zip bomb named .xlsx. Each check turns such a
file into one sentence naming what is wrong and the fix, before a parser can fail with
a traceback or fill the memory.

The limits, in one place. The app's uploads are capped lower still, at 5 MB
(``server.maxUploadSize`` in .streamlit/config.toml); these bound the command line,
which reads files from disk.
"""

from __future__ import annotations

import codecs
import io
import math
import zipfile
from collections.abc import Callable
from pathlib import Path

from journeymap.i18n import _
from journeymap.i18n import formatting as fmt
from journeymap.model import InvalidInput, Problem

# The sentence for a file over its limit, from its size (None: more than it said) and the
# limit, both in words: one whole sentence per kind of file, so each language words it.
Oversize = Callable[[str | None, str], str]

MB = 1024 * 1024
# A journey or questionnaire file: the examples in journeys/ are about 20 KB. The YAML
# parser is pure Python (about 6 s per MB), so this also bounds the wait.
DOCUMENT_MAX_BYTES = 5 * MB
# Survey exports and metric tables are read in chunks, so they may be large.
TABLE_MAX_BYTES = 200 * MB
# Visit tables are read whole; 20 000 visits (visit_tables.MAX_ROWS) fit easily.
VISIT_TABLE_MAX_BYTES = 20 * MB
PHOTO_MAX_BYTES = 5 * MB
# A workbook's sheets are XML in a zip; a small file can unpack to gigabytes, and the
# rows of a workbook are held in memory. Bigger tables go through CSV, read in chunks.
WORKBOOK_MAX_UNPACKED_BYTES = 256 * MB

# Like git: a NUL byte in the first 8000 bytes means the file is not text.
TEXT_PROBE_BYTES = 8000
ZIP_MAGIC = b"PK\x03\x04"
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def megabytes(size: int) -> str:
    """'7.3 MB', rounded up: a file just over a 5 MB limit reads '5.1 MB', not '5.0 MB'."""
    tenths = math.ceil(size * 10 / MB)
    if tenths >= 100:
        return f"{fmt.number(math.ceil(tenths / 10))} MB"
    return f"{fmt.number(tenths / 10, 0 if tenths % 10 == 0 else 1)} MB"


def too_large(size: int | None, limit: int, sentence: Oversize) -> str:
    """The sentence for a file over its limit: its size, the limit and the fix."""
    return sentence(None if size is None else megabytes(size), megabytes(limit))


def read_limited(path: Path, limit: int, sentence: Oversize, source: str) -> bytes:
    """The file's bytes; InvalidInput when it cannot be read or is over ``limit``.

    At most ``limit + 1`` bytes are read, so that a device or a file whose size the
    system misreports (``/dev/zero``) cannot fill the memory.
    """
    try:
        size = path.stat().st_size
        if size > limit:
            raise InvalidInput([Problem("", too_large(size, limit, sentence))], source)
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        problem = Problem(
            "", _("cannot read the file: {error}").format(error=error.strerror or error)
        )
        raise InvalidInput([problem], source) from None
    if len(data) > limit:
        raise InvalidInput([Problem("", too_large(None, limit, sentence))], source)
    return data


def not_text(head: bytes) -> str | None:
    """Why a file starting with these bytes is not 8-bit text, or None if it may be."""
    probe = head[:TEXT_PROBE_BYTES]
    if probe.startswith(_UTF16_BOMS) or _looks_utf16(probe):
        return _(
            "the file is UTF-16 text (e.g. Excel's 'Unicode text'), which is not read here: "
            "save it as UTF-8 (in Excel: 'CSV UTF-8')"
        )
    if b"\x00" in probe and probe.startswith(ZIP_MAGIC):
        return _(
            "the file is a zip archive or workbook (binary data, e.g. a picture, a PDF or a "
            "workbook): check that it is the right file, saved as text"
        )
    if b"\x00" in probe:
        return _(
            "the file is not text (binary data, e.g. a picture, a PDF or a workbook): check "
            "that it is the right file, saved as text"
        )
    return None


def _looks_utf16(probe: bytes) -> bool:
    # Latin text in UTF-16 has a NUL in every other byte; binary data has them anywhere.
    pairs = len(probe) // 2
    if pairs < 4:
        return False
    even, odd = probe[0 : pairs * 2 : 2], probe[1 : pairs * 2 : 2]
    return (
        max(even.count(0), odd.count(0)) > 0.4 * pairs
        and min(even.count(0), odd.count(0)) < 0.05 * pairs
    )


def decode_utf8(raw: bytes) -> str:
    """UTF-8 text (a BOM is dropped); InvalidInput naming the first line that is not."""
    problem = not_text(raw)
    if problem:
        raise InvalidInput([Problem("", problem)])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InvalidInput(
            [
                Problem(
                    _("line {line}").format(line=line),
                    _(
                        "the file is not UTF-8 text: save it as UTF-8 (in Excel or an editor: "
                        "'Save as… UTF-8')"
                    ),
                )
            ]
        ) from None


def workbook_problem(source: Path | bytes) -> str | None:
    """Why this is not a workbook that is safe to open, or None.

    The sizes come from the zip's directory before anything is unpacked; the zip
    reader stops at the declared size, so a member cannot unpack to more than it says.
    """
    try:
        handle = io.BytesIO(source) if isinstance(source, bytes) else source
        with zipfile.ZipFile(handle) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return _(
            "the file is not a complete Excel workbook (damaged, cut short, or another "
            "kind of file named .xlsx): open it in Excel and save it again as .xlsx"
        )
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        return _(
            "the file is a zip archive but not an Excel workbook: unpack it, or save the "
            "spreadsheet again as .xlsx"
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > WORKBOOK_MAX_UNPACKED_BYTES:
        return _(
            "the workbook unpacks to {size}, more than the {limit} a workbook may hold: save "
            "the sheet as CSV (read in parts, up to {csv_limit}) or split it"
        ).format(
            size=megabytes(unpacked),
            limit=megabytes(WORKBOOK_MAX_UNPACKED_BYTES),
            csv_limit=megabytes(TABLE_MAX_BYTES),
        )
    return None

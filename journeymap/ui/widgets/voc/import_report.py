"""Uploads saved for the importers, their progress bar, and the report of an import."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from journeymap.i18n import _
from journeymap.i18n import formatting as fmt
from journeymap.io.survey_import import ImportReport
from journeymap.io.survey_import.sniffing import MAX_FILE_BYTES
from journeymap.ui.shell import state
from journeymap.ui.widgets.tables import MISSING
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
    return _(
        "{file} is {size} MB; the app takes files up to {limit} MB. Split it by period (one "
        "file per quarter), or import it with the command line (python -m journeymap "
        "import-responses, up to {most} MB)."
    ).format(
        file=upload.name,
        size=fmt.number(upload.size / 2**20, 1),
        limit=fmt.number(limit),
        most=fmt.number(MAX_FILE_BYTES // 2**20),
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
        text = _("{step}: {message}").format(step=label, message=message)
        bar.progress(min(1.0, max(0.0, fraction)), text=plain(text))

    return report


def _outcome(report: ImportReport, metrics: bool) -> str:
    """The import's result as one sentence (whole sentences: word order differs)."""
    values = {
        "file": report.file,
        "count": fmt.number(report.imported),
        "batch": report.batch_id,
    }
    if metrics:
        if report.batch_id is None:
            return _("{file}: {count} metric points imported.").format(**values)
        return _("{file}: {count} metric points imported as import {batch}.").format(**values)
    if report.batch_id is None:
        return _("{file}: {count} responses imported.").format(**values)
    return _("{file}: {count} responses imported as import {batch}.").format(**values)


def show_report(report: ImportReport, *, metrics: bool = False) -> None:
    """Counts, then what was refused and why, row by row (``metrics``: a metric file's)."""
    if report.dry_run:
        st.info(
            _(
                "Check only (dry run): nothing was stored. The counts are what an import would "
                "do now."
            )
        )
    else:
        st.success(plain(_outcome(report, metrics)))
    if report.source:
        st.caption(
            plain(
                _("Source: {source} ({how}).").format(source=report.source, how=report.source_how)
            )
        )
    cells = st.columns(6)
    cells[0].metric(_("Rows read"), fmt.number(report.rows_read))
    cells[1].metric(
        _("Would be imported") if report.dry_run else _("Imported"), fmt.number(report.imported)
    )
    cells[2].metric(_("Already there (skipped)"), fmt.number(report.duplicates))
    cells[3].metric(_("Conflicting"), fmt.number(report.conflicting))
    cells[4].metric(
        _("Blank") if metrics else _("Without a score"), fmt.number(report.blank_scores)
    )
    cells[5].metric(_("Rejected"), fmt.number(report.rejected_count))
    _batch_details(report)
    if report.test_rows:
        st.markdown(
            plain(
                _(
                    "{count} test or preview rows (the survey tool marks them as previews, "
                    "tests or spam) were left out: they are no customer's answer."
                ).format(count=fmt.number(report.test_rows))
            )
        )
    if report.cases_created:
        st.markdown(
            plain(
                _("{count} detractor call-back cases were created.").format(
                    count=fmt.number(report.cases_created)
                )
            )
        )
    for value, count in report.unmatched_touchpoints.items():
        st.warning(
            plain(
                _(
                    "Touchpoint '{value}' ({count} rows) matches no touchpoint of the journey: "
                    "rename it in the file, choose one touchpoint for the whole file, or add "
                    "the touchpoint to the journey."
                ).format(value=value, count=fmt.number(count))
            )
        )
    for warning in report.warnings:
        st.warning(plain(warning))
    _rejected(report)


def _rejected(report: ImportReport) -> None:
    """The rejected rows: counted by reason, then row by row."""
    if report.rejected_by_reason:
        st.markdown("**" + _("Rejected rows by reason") + "**")
        reasons = pd.DataFrame(
            sorted(report.rejected_by_reason.items(), key=lambda kv: -kv[1]),
            columns=["reason", "rows"],
        )
        # The reasons are the importer's constant words, translated where they are shown.
        reasons["reason"] = reasons["reason"].map(_)
        st.dataframe(
            reasons,
            hide_index=True,
            column_config={
                "reason": st.column_config.TextColumn(_("Reason")),
                "rows": st.column_config.NumberColumn(_("Rows")),
            },
            placeholder=MISSING,
        )
    if report.rejected:
        st.markdown(_("**Rejected rows** (row numbers as a spreadsheet shows them)"))
        rows = pd.DataFrame(
            [(r.row, r.column, r.value, r.reason) for r in report.rejected],
            columns=["row", "column", "value", "reason"],
        )
        st.dataframe(
            rows,
            hide_index=True,
            width="stretch",
            column_config={
                "row": st.column_config.NumberColumn(_("Row")),
                "column": st.column_config.TextColumn(_("Column")),
                "value": st.column_config.TextColumn(_("Value")),
                "reason": st.column_config.TextColumn(_("Reason")),
            },
            placeholder=MISSING,
        )
        missing = report.rejected_count - len(report.rejected)
        if missing > 0:
            st.caption(
                _("… and {count} more rejected rows, counted by reason above.").format(
                    count=fmt.number(missing)
                )
            )


def _already_there(already_from: dict[int, int]) -> str:
    """Where the responses already there are stored: "5 from import 3, 2 repeated in this file"."""
    return ", ".join(
        _("{count} repeated in this file").format(count=fmt.number(count))
        if batch == 0
        else _("{count} from import {batch}").format(count=fmt.number(count), batch=batch)
        for batch, count in sorted(already_from.items())
    )


def _batch_details(report: ImportReport) -> None:
    """Which import holds the answers already there, the conflicts, and the history."""
    if report.already_from:
        st.markdown(
            plain(_("Already there: {where}.").format(where=_already_there(report.already_from)))
        )
    for conflict in report.conflicts:
        st.warning(plain(sentence(str(conflict))))
    if report.conflicting:
        st.caption(
            _(
                "A conflict is the same response id with other answers in the same source. "
                "If this file is from another survey than the stored one, give its name as "
                "the source and import it again."
            )
        )
    if report.too_old:
        st.markdown(
            plain(
                _(
                    "{count} detractors were already past the call-back deadline: too old to "
                    "call back, so no case was made for them."
                ).format(count=fmt.number(report.too_old))
            )
        )

"""What an import did, row by row where it refused something."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

MAX_REJECTED_DETAILS = 1_000  # per import; the counts by reason cover the rest


@dataclass(frozen=True)
class RejectedRow:
    row: int  # as a spreadsheet numbers it: the first header row is row 1
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, column '{self.column}': {self.reason}"


@dataclass(frozen=True)
class Conflict:
    """A response whose id is stored with other answers: the stored one is kept.

    ``stored_batch`` is the import that stored it; None when the file itself has the id
    twice with different answers (the first is kept).
    """

    row: int
    response: str  # the response id as the file writes it
    stored_batch: int | None
    stored: dict[str, Any]  # the fields that differ, as stored
    incoming: dict[str, Any]  # and as in this file

    def __str__(self) -> str:
        def show(values: dict[str, Any]) -> str:
            return ", ".join(
                f"{k} {v!r}" if isinstance(v, str) else f"{k} {v}" for k, v in values.items()
            )

        if self.stored_batch is None:
            return (
                f"row {self.row}: response '{self.response}' is in the file twice with "
                f"different answers (first: {show(self.stored)}; this row: "
                f"{show(self.incoming)}): the first is kept"
            )
        return (
            f"row {self.row}: response '{self.response}' is stored with other answers "
            f"(import {self.stored_batch}: {show(self.stored)}; this file: "
            f"{show(self.incoming)}): the stored one is kept"
        )


@dataclass
class ImportReport:
    """Counts always add up: rows_read = imported + duplicates + conflicting + rejected +
    blank_scores + test_rows. ``duplicates`` are the responses already there, per import
    that stored them in ``already_from``."""

    file: str
    format: str
    rows_read: int = 0
    imported: int = 0
    duplicates: int = 0
    blank_scores: int = 0
    test_rows: int = 0  # the tool's previews, tests and spam, left out
    rejected_count: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    rejected_by_reason: Counter[str] = field(default_factory=Counter)
    unmatched_touchpoints: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False
    cases_created: int = 0
    too_old: int = 0  # detractors with contact details past the call-back deadline
    conflicting: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    already_from: dict[int, int] = field(default_factory=dict)  # import (0: this file) → rows
    source: str = ""  # the survey or form the file is from
    source_how: str = ""  # how it was known
    batch_id: int | None = None  # None in a dry run
    sha256: str = ""

    @property
    def valid(self) -> int:
        """Rows that were good enough to store (new or already there)."""
        return self.imported + self.duplicates

    def reject(self, row: int, column: str, value: str, kind: str, reason: str) -> None:
        self.rejected_count += 1
        self.rejected_by_reason[kind] += 1
        if len(self.rejected) < MAX_REJECTED_DETAILS:
            self.rejected.append(RejectedRow(row, column, value, reason))

    def conflict(self, conflict: Conflict) -> None:
        self.conflicting += 1
        if len(self.conflicts) < MAX_REJECTED_DETAILS:
            self.conflicts.append(conflict)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["rejected_by_reason"] = dict(self.rejected_by_reason)
        data["valid"] = self.valid
        data["already_from"] = {str(k): v for k, v in self.already_from.items()}
        return data

    def already_from_text(self) -> str:
        """Where the responses already there are stored: "5 from import 3, …"."""
        return self._from()

    def _from(self) -> str:
        return ", ".join(
            f"{count} {'repeated in this file' if batch == 0 else f'from import {batch}'}"
            for batch, count in sorted(self.already_from.items())
        )

    def lines(self, what: str = "responses") -> list[str]:
        """The report as a person reads it in a terminal."""
        verb = "would be imported" if self.dry_run else "imported"
        origin = f", source '{self.source}' ({self.source_how})" if self.source else ""
        out = [
            f"{self.file} ({self.format}{origin}): {self.rows_read} rows read, "
            f"{self.imported} {what} {verb} (new), {self.duplicates} already there"
            + (f" ({self._from()})" if self.already_from else " (skipped)")
            + (f", {self.conflicting} conflicting" if self.source else "")
            + f", {self.rejected_count} rejected"
            + (f", {self.blank_scores} without a score" if self.blank_scores else "")
            + (f", {self.test_rows} test or preview rows left out" if self.test_rows else "")
        ]
        if self.batch_id is not None:
            out.append(f"stored as import {self.batch_id} (undo-import {self.batch_id})")
        if self.cases_created:
            out.append(f"{self.cases_created} detractor call-back cases created")
        if self.too_old:
            out.append(
                f"{self.too_old} detractors were already past the call-back deadline when "
                "imported: too old to call back, so no case was made for them"
            )
        out += [str(c) for c in self.conflicts]
        if self.conflicting > len(self.conflicts):
            out.append(f"… and {self.conflicting - len(self.conflicts)} more conflicts")
        if self.conflicting:
            out.append(
                "a conflict is the same response id with other answers in the same source: "
                "if this file is from another survey than the stored one, import it again "
                "with --source NAME"
            )
        for value, count in self.unmatched_touchpoints.items():
            out.append(
                f"touchpoint '{value}' ({count} rows) matches no touchpoint of the journey: "
                "rename it in the file or add the touchpoint to the journey"
            )
        out += [str(r) for r in self.rejected]
        if self.rejected_count > len(self.rejected):
            out.append(f"… and {self.rejected_count - len(self.rejected)} more rejected rows")
        out += self.warnings
        return out

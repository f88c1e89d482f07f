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


@dataclass
class ImportReport:
    """Counts always add up:
    rows_read = imported + duplicates + rejected + blank_scores + test_rows."""

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

    @property
    def valid(self) -> int:
        """Rows that were good enough to store (new or already there)."""
        return self.imported + self.duplicates

    def reject(self, row: int, column: str, value: str, kind: str, reason: str) -> None:
        self.rejected_count += 1
        self.rejected_by_reason[kind] += 1
        if len(self.rejected) < MAX_REJECTED_DETAILS:
            self.rejected.append(RejectedRow(row, column, value, reason))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["rejected_by_reason"] = dict(self.rejected_by_reason)
        data["valid"] = self.valid
        return data

    def lines(self, what: str = "responses") -> list[str]:
        """The report as a person reads it in a terminal."""
        verb = "would be imported" if self.dry_run else "imported"
        out = [
            f"{self.file} ({self.format}): {self.rows_read} rows read, {self.imported} {what} "
            f"{verb}, {self.duplicates} already there (skipped), {self.rejected_count} rejected"
            + (f", {self.blank_scores} without a score" if self.blank_scores else "")
            + (f", {self.test_rows} test or preview rows left out" if self.test_rows else "")
        ]
        if self.cases_created:
            out.append(f"{self.cases_created} detractor call-back cases created")
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

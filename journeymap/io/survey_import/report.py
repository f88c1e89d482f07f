"""What an import did, row by row where it refused something."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from journeymap.i18n import _, ngettext
from journeymap.i18n import formatting as fmt

MAX_REJECTED_DETAILS = 1_000  # per import; the counts by reason cover the rest


@dataclass(frozen=True)
class RejectedRow:
    row: int  # as a spreadsheet numbers it: the first header row is row 1
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        return _("row {row}, column '{column}': {reason}").format(
            row=self.row, column=self.column, reason=self.reason
        )


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
            return _(
                "row {row}: response '{response}' is in the file twice with different "
                "answers (first: {first}; this row: {this}): the first is kept"
            ).format(
                row=self.row,
                response=self.response,
                first=show(self.stored),
                this=show(self.incoming),
            )
        return _(
            "row {row}: response '{response}' is stored with other answers (import {batch}: "
            "{stored}; this file: {incoming}): the stored one is kept"
        ).format(
            row=self.row,
            response=self.response,
            batch=self.stored_batch,
            stored=show(self.stored),
            incoming=show(self.incoming),
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
            (
                _("{count} repeated in this file")
                if batch == 0
                else _("{count} from import {batch}")
            ).format(count=fmt.number(count), batch=batch)
            for batch, count in sorted(self.already_from.items())
        )

    def _summary(self, what: str) -> str:
        """The first line: the file, then what became of its rows, one count a clause."""
        n = fmt.number
        if self.source:
            head = _("{file} ({format}, source '{source}' ({how}))").format(
                file=self.file, format=self.format, source=self.source, how=self.source_how
            )
        else:
            head = _("{file} ({format})").format(file=self.file, format=self.format)
        clauses = [
            ngettext("{count} row read", "{count} rows read", self.rows_read).format(
                count=n(self.rows_read)
            ),
            _imported(what, self.imported, self.dry_run).format(count=n(self.imported)),
            (
                _("{count} already there ({where})").format(
                    count=n(self.duplicates), where=self._from()
                )
                if self.already_from
                else _("{count} already there (skipped)").format(count=n(self.duplicates))
            ),
        ]
        if self.source:
            clauses.append(_("{count} conflicting").format(count=n(self.conflicting)))
        clauses.append(_("{count} rejected").format(count=n(self.rejected_count)))
        if self.blank_scores:
            clauses.append(_("{count} without a score").format(count=n(self.blank_scores)))
        if self.test_rows:
            clauses.append(
                _("{count} test or preview rows left out").format(count=n(self.test_rows))
            )
        return _("{file}: {counts}").format(file=head, counts=", ".join(clauses))

    def lines(self, what: str = "responses") -> list[str]:
        """The report as a person reads it in a terminal; ``what``: "responses" or
        "metric points"."""
        n = fmt.number
        out = [self._summary(what)]
        if self.batch_id is not None:
            out.append(
                _("stored as import {batch} (undo-import {batch})").format(batch=self.batch_id)
            )
        if self.cases_created:
            out.append(
                ngettext(
                    "{count} detractor call-back case created",
                    "{count} detractor call-back cases created",
                    self.cases_created,
                ).format(count=n(self.cases_created))
            )
        if self.too_old:
            out.append(
                _(
                    "{count} detractors were already past the call-back deadline when "
                    "imported: too old to call back, so no case was made for them"
                ).format(count=n(self.too_old))
            )
        out += [str(c) for c in self.conflicts]
        if self.conflicting > len(self.conflicts):
            more = self.conflicting - len(self.conflicts)
            out.append(_("… and {count} more conflicts").format(count=n(more)))
        if self.conflicting:
            out.append(
                _(
                    "a conflict is the same response id with other answers in the same "
                    "source: if this file is from another survey than the stored one, import "
                    "it again with --source NAME"
                )
            )
        for value, count in self.unmatched_touchpoints.items():
            out.append(
                ngettext(
                    "touchpoint '{value}' ({count} row) matches no touchpoint of the journey: "
                    "rename it in the file or add the touchpoint to the journey",
                    "touchpoint '{value}' ({count} rows) matches no touchpoint of the journey: "
                    "rename it in the file or add the touchpoint to the journey",
                    count,
                ).format(value=value, count=n(count))
            )
        out += [str(r) for r in self.rejected]
        if self.rejected_count > len(self.rejected):
            more = self.rejected_count - len(self.rejected)
            out.append(_("… and {count} more rejected rows").format(count=n(more)))
        out += self.warnings
        return out


def _imported(what: str, count: int, dry_run: bool) -> str:
    """ "{count} responses imported (new)", as one text per kind of row and per mode."""
    if what == "metric points":
        if dry_run:
            return ngettext(
                "{count} metric point would be imported (new)",
                "{count} metric points would be imported (new)",
                count,
            )
        return ngettext(
            "{count} metric point imported (new)", "{count} metric points imported (new)", count
        )
    if dry_run:
        return ngettext(
            "{count} response would be imported (new)",
            "{count} responses would be imported (new)",
            count,
        )
    return ngettext("{count} response imported (new)", "{count} responses imported (new)", count)

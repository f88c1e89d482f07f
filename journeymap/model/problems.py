"""Validation problems that a person can act on: where, what, and the fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, located precisely enough to find and fix."""

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class InvalidInput(ValueError):
    """Raised when an input has problems; carries every problem, not only the first."""

    def __init__(self, problems: list[Problem], source: str = "", note: str = "") -> None:
        """``note``: a line said after the problems, such as which checks are still to run."""
        self.problems = problems
        self.source = source
        self.note = note
        prefix = f"{source}: " if source else ""
        lines = [prefix + str(p) for p in problems] + ([prefix + note] if note else [])
        super().__init__("\n".join(lines))

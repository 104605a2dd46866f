"""Findings: what a check found, where, how serious, and what to do.

A finding's message is rendered once, by the check, and is privacy-safe: it never contains the
value of a sensitive slot. Locations are what the user sees (file, row, column letter, header,
line, JSON path) or, for RDF, the subject and predicate.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

__all__ = ["Finding", "Location", "Severity"]


class Severity(StrEnum):
    """How serious a finding is; ``--fail-on`` picks the lowest that fails a run."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


class Location(BaseModel):
    """Where a finding is. Every field is optional; fill the ones that locate it for a person."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None
    line: int | None = None
    record_index: int | None = None
    record_id: str | None = None
    json_path: str | None = None
    subject: str | None = None
    predicate: str | None = None

    def __str__(self) -> str:
        parts = [self.file or ""]
        for label, value in (
            ("sheet", self.sheet),
            ("row", self.row),
            ("column", self.column),
            ("line", self.line),
            ("record", self.record_index),
        ):
            if value is not None:
                parts.append(f"{label} {value}")
        if self.subject:
            parts.append(f"<{self.subject}>" + (f" <{self.predicate}>" if self.predicate else ""))
        if self.json_path:
            parts.append(self.json_path)
        return ", ".join(p for p in parts if p)


class Finding(BaseModel):
    """One result of one check."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    severity: Severity
    message: str
    location: Location = Location()
    suggestion: str | None = None

    def __str__(self) -> str:
        where = str(self.location)
        fix = f" ({self.suggestion})" if self.suggestion else ""
        return (
            f"{where + ': ' if where else ''}{self.id} [{self.severity.value}] {self.message}{fix}"
        )

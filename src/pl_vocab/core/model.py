"""Findings: what a check found, where, how serious, and what to do.

A finding's message is rendered once, by the check, and is privacy-safe: it never contains the
value of a sensitive slot. Locations are what the user sees (file, row, column letter, header,
line, JSON path) or, for RDF, the subject and predicate.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

__all__ = [
    "Coverage",
    "FacetCoverage",
    "Finding",
    "InputInfo",
    "Location",
    "MappingRow",
    "Report",
    "Severity",
    "VocabularyInfo",
]


class Severity(StrEnum):
    """How serious a finding is; ``--fail-on`` picks the lowest that fails a run."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


_FIELDS_SETS: dict[tuple[str, ...], set[str]] = {}  # by the names passed, in their order
_set_slot = object.__setattr__


class _Many(BaseModel):
    """A frozen model made by the hundred thousand, whose instances share their set of
    explicitly set fields (:attr:`model_fields_set`) with every instance that set the same ones.

    Pydantic gives each instance a set of its own: 728 bytes for six names, two thirds of a
    finding, and 240 MB in the report of a 100,000-term glossary. Findings, locations and
    mappings are almost all built with the same fields, and the set of a frozen model never
    changes in place (assignment is refused; ``model_copy`` copies the set before it adds to
    it), so sharing it changes nothing else.
    """

    def __init__(self, /, **data: Any) -> None:
        self.__pydantic_validator__.validate_python(data, self_instance=self)
        own = self.__pydantic_fields_set__
        shared = _FIELDS_SETS.setdefault(tuple(data), own)
        if shared is not own and shared == own:
            _set_slot(self, "__pydantic_fields_set__", shared)


class Location(_Many):
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


class Finding(_Many):
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


class InputInfo(BaseModel):
    """What was read: the file as the user named it, its fingerprint, and how it was read."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str
    sha256: str | None = None
    format: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    columns: dict[str, str] = {}


class VocabularyInfo(BaseModel):
    """Which national vocabulary the input was checked against."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    iri: str
    version: str


class MappingRow(_Many):
    """One mapping from a district term to a national concept (one SSSOM row)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    row: int | None
    term: str
    concept: str
    predicate: str
    justification: str
    confidence: float
    comment: str | None = None


class FacetCoverage(BaseModel):
    """Core concepts of one facet that the input covers."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    facet: str
    label: str
    covered: int
    total: int


class Coverage(BaseModel):
    """How much of the national core the input covers, overall and per facet."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    core_covered: int
    core_total: int
    missing_core: list[str] = []
    facets: list[FacetCoverage] = []


class Report(BaseModel):
    """The result of a check or a validation: the contract of ``--format json``.

    ``valid`` is true when no finding is an error. Severity counts, mappings and coverage are
    filled by the checker that made the report; renderers read nothing else.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    valid: bool
    tool: str = "pl-vocab"
    tool_version: str
    input: InputInfo
    vocabulary: VocabularyInfo | None = None
    stats: dict[str, int] = {}
    findings: list[Finding] = []
    mappings: list[MappingRow] = []
    coverage: Coverage | None = None

    def counts(self) -> dict[str, int]:
        """Findings per severity, every severity present (zero when none)."""
        out = {s.value: 0 for s in Severity}
        for f in self.findings:
            out[f.severity.value] += 1
        return out

    def exit_code(self, fail_on: Severity = Severity.ERROR) -> int:
        """0 when no finding is at or above ``fail_on``, else 1 (2 and 3 are decided before a
        report exists: unreadable input and internal errors).

        >>> r = Report(valid=True, tool_version="0", input=InputInfo(file="g.csv"),
        ...            findings=[Finding(id="B001", name="x", severity=Severity.WARNING, message="m")])
        >>> r.exit_code(Severity.ERROR), r.exit_code(Severity.WARNING)
        (0, 1)
        """
        return 1 if any(f.severity.rank >= fail_on.rank for f in self.findings) else 0

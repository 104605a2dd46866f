"""What every glossary check shares: its declaration, the context it reads, and how it reports.

A check is a pure function ``(CheckContext) -> Iterator[Finding]`` declared with :func:`check`:
stable ID, kebab-case name, default severity, one-line summary. Checks never read files, print or
raise for bad data; positions come from the rows the reader produced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from pl_vocab.core.model import Finding, Location, Severity
from pl_vocab.io.tables import column_letter

if TYPE_CHECKING:
    from pl_vocab.glossary.match import Matcher, TermMatch
    from pl_vocab.glossary.read import GlossaryRow, GlossaryTable
    from pl_vocab.vocabulary import Vocabulary

__all__ = ["CHECKS", "CheckContext", "CheckInfo", "check"]

CheckFn = Callable[["CheckContext"], Iterator[Finding]]


@dataclass(frozen=True)
class CheckInfo:
    """A declared check."""

    id: str
    name: str
    severity: Severity
    summary: str
    run: CheckFn


CHECKS: dict[str, CheckInfo] = {}


def check(id: str, name: str, severity: Severity, summary: str) -> Callable[[CheckFn], CheckFn]:
    """Declare a check; IDs are unique and never reused."""

    def register(fn: CheckFn) -> CheckFn:
        if id in CHECKS:
            raise RuntimeError(f"check {id} declared twice")
        CHECKS[id] = CheckInfo(id, name, severity, summary, fn)
        return fn

    return register


@dataclass
class CheckContext:
    """Everything a check may read: the table, the vocabulary, and the matches of every row."""

    table: GlossaryTable
    vocabulary: Vocabulary
    matcher: Matcher
    selected: set[str] = field(default_factory=set)
    # per run: locations by (row, line, subject, role), concept labels by (CURIE, language)
    _locations: dict[tuple[int | None, int | None, str | None, str | None], Location] = field(
        default_factory=dict, init=False, repr=False
    )
    _labels: dict[tuple[str, str], str] = field(default_factory=dict, init=False, repr=False)
    #: :func:`~pl_vocab.vocabulary.normalize_label` of the cells, by cell text (see
    #: :func:`pl_vocab.glossary.checks.mapping_user.normalized`)
    normalized_texts: dict[str, str] = field(default_factory=dict, init=False, repr=False)

    @cached_property
    def matches(self) -> dict[int, TermMatch]:
        """The match of each row's term, by row number (rows without a term are absent)."""
        rows = [r for r in self.table.rows if r.term]
        found = self.matcher.match_many([(r.term, self.term_language) for r in rows])
        return {r.row: m for r, m in zip(rows, found, strict=True)}

    @cached_property
    def matches_es(self) -> dict[int, TermMatch]:
        """The match of each row's Spanish term, by row number."""
        rows = [r for r in self.table.rows if r.term_es]
        found = self.matcher.match_many([(r.term_es or "", "es") for r in rows])
        return {r.row: m for r, m in zip(rows, found, strict=True)}

    @property
    def term_language(self) -> str | None:
        return getattr(self.table, "term_language", None) or None

    def finding(
        self,
        check_id: str,
        message: str,
        row: GlossaryRow | None = None,
        role: str | None = None,
        suggestion: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of ``check_id`` at a row and column role (term, definition, term_es...)."""
        info = CHECKS[check_id]
        # A location depends on these four values only, and is immutable: the findings at one
        # cell share one (a glossary of 100,000 rows has hundreds of thousands of findings).
        key = (row.row, row.line, row.extra.get("iri"), role) if row else (None, None, None, role)
        location = self._locations.get(key)
        if location is None:
            location = self._locations[key] = self._location(row, role)
        return Finding(
            id=check_id,
            name=info.name,
            severity=severity or info.severity,
            message=message,
            location=location,
            suggestion=suggestion,
        )

    def _location(self, row: GlossaryRow | None, role: str | None) -> Location:
        header = self.table.column_map.get(role) if role else None
        column = None
        if header is not None and header in self.table.header:
            column = column_letter(self.table.header.index(header))
        return Location(
            file=self.table.source,
            sheet=self.table.sheet,
            row=row.row if row else None,
            line=row.line if row else None,
            column=column,
            field=header,
            subject=row.extra.get("iri") if row else None,  # rows read from SKOS
        )

    def label(self, curie: str, language: str = "en") -> str:
        key = (curie, language)
        found = self._labels.get(key)
        if found is None:
            found = self._labels[key] = self.vocabulary.label(curie, language)
        return found

    def describe(self, curie: str) -> str:
        """'unfinished learning (plvc:unfinished-learning)'."""
        return f"'{self.label(curie)}' ({curie})"


def snippet(text: str, limit: int = 60) -> str:
    """A short, single-line quotation of user text for messages."""
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


def nonempty(value: Any) -> bool:
    return bool(value and str(value).strip())

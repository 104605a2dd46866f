"""A glossary as the readers hand it to the checks: one :class:`GlossaryRow` per entry in a
:class:`GlossaryTable`, whatever the file was (table, workbook, YAML/JSON or SKOS).

The data contract between :mod:`pl_vocab.glossary.read` (and :mod:`pl_vocab.glossary.skos_input`)
and the checks; it imports no reader.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from pl_vocab.core.model import Finding

__all__ = ["NOTHING_CHANGED", "GlossaryRow", "GlossaryTable", "clean_text", "split_synonyms"]

_SEPARATED = re.compile(r"[;|\r\n\u2028\u2029\x85]")
_NFC = unicodedata.normalize
NOTHING_CHANGED: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class GlossaryRow:
    """One entry of the glossary.

    ``row`` is the row Excel shows (header = row 1) for tables and the 1-based entry number
    for YAML/JSON; ``line`` is the line where it starts in a text file (``None`` in workbooks).
    ``extra`` holds the unrecognized columns by header; ``original`` holds, for the roles
    whose value stripping or NFC changed, the cell exactly as read (for whitespace checks).
    """

    row: int
    line: int | None
    term: str
    definition: str | None
    synonyms: list[str]
    notes: str | None
    broader: str | None
    language: str | None
    term_es: str | None
    definition_es: str | None
    extra: dict[str, str]
    original: Mapping[str, str] = field(default_factory=lambda: NOTHING_CHANGED)


@dataclass(frozen=True)
class GlossaryTable:
    """A glossary as read: where from, how it was decoded, which column plays which role.

    ``column_map`` maps role -> header; ``blank_rows`` counts the empty rows skipped;
    ``term_language`` is ``"en"``/``"es"`` when the term column's header tells (see
    :class:`~pl_vocab.glossary.columns.ColumnMapping`).
    """

    source: str
    sha256: str
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    header: list[str]
    column_map: dict[str, str]
    rows: list[GlossaryRow]
    findings: list[Finding]
    blank_rows: int = 0
    term_language: str | None = None


def split_synonyms(text: str | None) -> list[str]:
    """Split a synonyms cell on ``;``, ``|`` and line breaks; on commas only when none of those
    is present. Parts are stripped, put in NFC, and empty ones dropped.

    >>> split_synonyms("Student voice; Learner voice | Voz"), split_synonyms("CBE, CBL")
    (['Student voice', 'Learner voice', 'Voz'], ['CBE', 'CBL'])
    >>> split_synonyms(None)
    []
    """
    if not text:
        return []
    parts = _SEPARATED.split(text) if _SEPARATED.search(text) else text.split(",")
    return [clean_text(p) for p in parts if p and not p.isspace()]


def clean_text(text: str) -> str:
    """A cell as the checks read it: stripped, and in NFC when it is not ASCII."""
    text = text.strip()
    return text if text.isascii() else _NFC("NFC", text)

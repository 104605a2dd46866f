"""Delimited text (CSV, TSV) read into records with the row numbers a person sees in Excel.

- The delimiter is one of comma, semicolon, tab and pipe; space is never one. The choice is
  measured, not guessed: each candidate parses the first 50 records, and the one that gives
  the most records the header's width (two columns or more) wins; ties go to the count in the
  header line outside quotes, then to ``;``, then to ``csv.Sniffer`` restricted to the tied
  candidates (unrestricted, it was measured choosing a space). An Excel ``sep=;`` first line
  is obeyed. The choice and its evidence are reported (A005).
- Quoted cells may span lines. ``row`` counts records the way Excel shows them (the header is
  row 1, a blank line is a row); ``line`` is the physical line where the record starts.
- Blank records are skipped, counted and reported when data follows them (A011); a record
  wider or narrower than the header is kept whole and reported (A012).
- A quote opened and never closed, more than ``max_rows`` records after the header, and a
  record longer than ``max_record_chars`` characters (its physical lines together: one line
  of millions of cells would become millions of objects) are refused with
  :class:`~pl_vocab.core.errors.InputError`. The record length is checked line by line before
  the csv module splits the line, so memory stays proportional to the file. O(size) time.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from pl_vocab.core.errors import InputError
from pl_vocab.core.model import Finding, Location
from pl_vocab.io.text import input_finding

__all__ = [
    "DEFAULT_MAX_RECORD_CHARS",
    "DEFAULT_MAX_ROWS",
    "DELIMITERS",
    "Record",
    "Table",
    "blank_row_findings",
    "column_letter",
    "detect_delimiter",
    "read_delimited",
]

DELIMITERS: tuple[str, ...] = (";", ",", "\t", "|")  # order breaks ties: ';' first (§2.1)
DEFAULT_MAX_ROWS = 200_000
DEFAULT_MAX_RECORD_CHARS = 1_000_000  # characters in one record (its lines together)
_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_SAMPLE_RECORDS = 50
_SNIFF_CHARS = 16_384  # Sniffer's regular expressions are quadratic on hostile input
_SEP_LINE = re.compile(r"\Asep=(.)(?:\r\n|\n|\r)")


class Record(NamedTuple):
    """One row: the Excel row number, the line it starts on (text files), its cells, and the
    cells that a workbook stored as something other than text: ``(column index, kind)``."""

    row: int
    line: int | None
    cells: tuple[str, ...]
    kinds: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Table:
    """A header and data records as read, before any column has a meaning."""

    source: str
    header: Record
    records: tuple[Record, ...]
    blank_rows: tuple[int, ...] = ()
    delimiter: str | None = None
    sheet: str | None = None
    findings: tuple[Finding, ...] = ()


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index.

    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(701)
    ('A', 'Z', 'AA', 'ZZ')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _records(text: str, delimiter: str) -> Iterator[list[str]]:
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _header_counts(text: str) -> dict[str, int]:
    """How often each candidate occurs outside quotes in the first record."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in text.lstrip("\r\n"):
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "\r\n":
            break
        elif not quoted and char in counts:
            counts[char] += 1
    return counts


def _consistency(sample: str, delimiter: str) -> tuple[int, int, int]:
    """(header width, records of that width, records) over the sample's first 50 records."""
    rows = []
    try:
        for cells in _records(sample, delimiter):
            if any(c.strip() for c in cells):
                rows.append(cells)
            if len(rows) > _SAMPLE_RECORDS:
                break
    except csv.Error:
        return 0, 0, 0
    if not rows:
        return 0, 0, 0
    # the sample may end in the middle of a record: leave the last one out if it is not alone
    body = rows[1:-1] if len(rows) > 2 and len(sample) >= _SNIFF_CHARS else rows[1:]
    width = len(rows[0])
    return width, sum(len(r) == width for r in body), len(body)


def detect_delimiter(text: str, *, prefer: str | None = None) -> tuple[str | None, str]:
    """The delimiter of delimited ``text`` and the evidence for it, or ``None`` if the header
    has a single column.

    Each candidate parses the first 50 records; those giving the header two or more columns
    compete on the share of records as wide as the header, then on the number of columns.
    A tie goes to the candidate the header line holds most often outside quotes, then to
    ``;`` (a comma inside a definition is common, a semicolon rare), then to ``csv.Sniffer``'s
    choice among those four.

    :param prefer: a delimiter to keep if it gives two or more columns (``\\t`` for ``.tsv``).

    >>> detect_delimiter("Term;Definition\\nAgency;Learners act, choose, reflect\\n")
    (';', 'semicolon: 2 columns, and 1 of 1 sampled rows have 2 cells')
    >>> detect_delimiter("Term\\nAgency\\n")
    (None, 'no comma, semicolon, tab or pipe in the header: one column')
    """
    sample = text[:_SNIFF_CHARS]
    if prefer is not None:
        width, same, total = _consistency(sample, prefer)
        if width >= 2:
            return prefer, _evidence(prefer, width, same, total, "the file extension")
    scores = {d: _consistency(sample, d) for d in DELIMITERS}
    viable = [d for d in DELIMITERS if scores[d][0] >= 2]
    if not viable:
        return None, "no comma, semicolon, tab or pipe in the header: one column"

    def rank(d: str) -> tuple[float, int]:
        width, same, total = scores[d]
        return (same / total if total else 1.0), width

    best = max(rank(d) for d in viable)
    tied = [d for d in viable if rank(d) == best]
    if len(tied) == 1:
        return tied[0], _evidence(tied[0], *scores[tied[0]], None)
    counts = _header_counts(sample)
    most = max(counts[d] for d in tied)
    tied = [d for d in tied if counts[d] == most]
    if len(tied) == 1:
        return tied[0], _evidence(tied[0], *scores[tied[0]], "the header line")
    if ";" in tied:
        return ";", _evidence(";", *scores[";"], "preference, on a tie")
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(tied)).delimiter
    except csv.Error:
        sniffed = tied[0]
    chosen = sniffed if sniffed in tied else tied[0]
    return chosen, _evidence(chosen, *scores[chosen], "csv.Sniffer, on a tie")


def _evidence(delimiter: str, width: int, same: int, total: int, how: str | None) -> str:
    return (
        f"{_NAMES[delimiter]}: {width} columns, and {same} of {total} sampled rows have "
        f"{width} cells" + (f" (chosen by {how})" if how else "")
    )


def blank_row_findings(
    source: str, blank_rows: Sequence[int], last_row: int, *, sheet: str | None = None
) -> list[Finding]:
    """One A011 finding per run of blank rows that data follows (trailing blanks are silent).

    >>> [f.message for f in blank_row_findings("g.csv", [3, 4, 9], last_row=8)]
    ['Rows 3-4 are empty (skipped).']
    """
    findings = []
    runs: list[list[int]] = []
    for row in blank_rows:
        if row > last_row:
            break
        if runs and runs[-1][-1] == row - 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    for run in runs:
        what = f"Row {run[0]} is" if len(run) == 1 else f"Rows {run[0]}-{run[-1]} are"
        findings.append(
            input_finding(
                "A011", f"{what} empty (skipped).", Location(file=source, sheet=sheet, row=run[0])
            )
        )
    return findings


def read_delimited(
    text: str,
    *,
    source: str = "<text>",
    delimiter: str | None = None,
    prefer: str | None = None,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_record_chars: int = DEFAULT_MAX_RECORD_CHARS,
) -> Table:
    """Split decoded text into a header and data records.

    :param delimiter: use this delimiter instead of detecting one.
    :param prefer: a delimiter to try first (see :func:`detect_delimiter`).
    :param max_rows: the most records allowed after the header.
    :param max_record_chars: the most characters one record may span (A018 over it).
    :raises InputError: A006 (the header is one column that contains a delimiter inside
        quotes), A018 (too many rows), or an unclosed quote, with its row and line.

    >>> t = read_delimited('Term,Definition\\r\\n"Agency","Acting\\r\\non purpose"\\r\\n\\r\\nVoice,x\\r\\n')
    >>> [(r.row, r.line, r.cells) for r in t.records], t.blank_rows
    ([(2, 2, ('Agency', 'Acting\\r\\non purpose')), (4, 5, ('Voice', 'x'))], (3,))
    """
    findings: list[Finding] = []
    line_offset = 0
    sep = _SEP_LINE.match(text)
    if sep:
        delimiter = delimiter or sep.group(1)
        text = text[sep.end() :]
        line_offset = 1
    if delimiter is None:
        detected, evidence = detect_delimiter(text, prefer=prefer)
        if detected is not None:
            findings.append(
                input_finding(
                    "A005",
                    f"Delimiter: {evidence}.",
                    Location(file=source),
                )
            )
        delimiter = detected or ","
    else:
        detected = delimiter
    header: Record | None = None
    records: list[Record] = []
    blank: list[int] = []
    limits = (max_rows, max_record_chars)
    try:
        header = _collect(text, delimiter, True, source, line_offset, limits, records, blank)
    except csv.Error:  # malformed quoting that Excel tolerates: read it as Excel does
        records.clear()
        blank.clear()
        header = _collect(text, delimiter, False, source, line_offset, limits, records, blank)
    if header is None:
        raise InputError(
            "the file has no header row (it is empty)",
            location=Location(file=source),
            suggestion="Put the column names (Term, Definition, ...) in the first row.",
        )
    if detected is None and any(c in header.cells[0] for c in ",;\t|"):
        raise InputError(
            "the header is a single column that contains a delimiter inside quotes",
            location=Location(file=source, row=header.row, line=header.line, column="A"),
            suggestion="Remove the quotes around the header row, or save the file again as CSV.",
            check_id="A006",
        )
    width = len(header.cells)
    for record in records:
        extra = record.cells[width:]
        if len(record.cells) < width or any(c.strip() for c in extra):
            findings.append(_ragged(source, record, width))
    last = records[-1].row if records else header.row
    findings.extend(blank_row_findings(source, blank, last))
    return Table(
        source=source,
        header=header,
        records=tuple(records),
        blank_rows=tuple(blank),
        delimiter=detected,
        findings=tuple(findings),
    )


class _RecordTooLongError(Exception):
    """A record grew past the character limit while its lines were read."""


def _bounded_lines(text: str, limit: int, used: list[int]) -> Iterator[str]:
    """The physical lines of ``text``, refusing once the record being read (``used[0]``
    characters so far; the caller resets it after each record) passes ``limit``."""
    for line in io.StringIO(text, newline=""):
        used[0] += len(line)
        if used[0] > limit:
            raise _RecordTooLongError
        yield line


def _collect(
    text: str,
    delimiter: str,
    strict: bool,
    source: str,
    line_offset: int,
    limits: tuple[int, int],
    records: list[Record],
    blank: list[int],
) -> Record | None:
    """Read the records of ``text`` into ``records``; return the header. O(size) time, memory
    proportional to the text (``limits``: the most rows after the header, and characters in a
    record)."""
    max_rows, max_record_chars = limits
    header: Record | None = None
    row = 0
    used = [0]
    lines = _bounded_lines(text, max_record_chars, used)
    reader = csv.reader(lines, delimiter=delimiter, strict=strict)
    line = 1  # where the record being read starts
    try:
        for cells in reader:  # the hot loop: no per-row function calls
            used[0] = 0
            row += 1
            if header is not None and row - header.row > max_rows:
                raise InputError(
                    f"more than {max_rows:,} row{'s' if max_rows != 1 else ''} after the header "
                    "(the limit)",
                    location=Location(file=source, row=row, line=line + line_offset),
                    suggestion="Split the glossary into smaller files, or raise the row limit.",
                    check_id="A018",
                )
            if not "".join(cells).strip():
                blank.append(row)
            elif header is None:
                header = Record(row, line + line_offset, tuple(cells))
                blank.clear()  # blank lines above the header are not reported
            else:
                records.append(Record(row, line + line_offset, tuple(cells)))
            line = reader.line_num + 1
    except _RecordTooLongError:
        raise InputError(
            f"a record longer than {max_record_chars:,} characters starts in this row (the "
            "record-length limit; one line of that many cells cannot be read in bounded memory)",
            location=Location(file=source, row=row + 1, line=line + line_offset),
            suggestion="Check that the file has line breaks between rows and that no quote is "
            "left open, or raise the limit (read_delimited(max_record_chars=...)).",
            check_id="A018",
        ) from None
    except csv.Error as exc:
        where = Location(file=source, row=row + 1, line=line + line_offset)
        if strict and "unexpected end of data" in str(exc):
            raise InputError(
                "a quoted cell that starts in this row is never closed (a '\"' is missing)",
                location=where,
                suggestion="Close the quote in that cell, or save the file again from Excel.",
            ) from None
        if "field larger" in str(exc):
            raise InputError(
                f"a cell longer than {csv.field_size_limit():,} characters starts in this row; "
                "usually a quote that is never closed",
                location=where,
                suggestion="Close the quote in that cell, or save the file again from Excel.",
            ) from None
        if strict:
            raise
        raise InputError(
            f"this is not readable as delimited text ({exc})",
            location=where,
            suggestion="Save the file again from Excel as CSV UTF-8.",
        ) from None
    return header


def _ragged(source: str, record: Record, width: int) -> Finding:
    count = len(record.cells)
    col = column_letter(min(count, width))
    detail = (
        "a delimiter inside a cell that is not in quotes"
        if count > width
        else "a line break that is not inside quotes, or missing delimiters"
    )
    return input_finding(
        "A012",
        f"Row {record.row} has {count} cells; the header has {width}. The usual cause is "
        f"{detail}. The cells are kept as they are.",
        Location(file=source, row=record.row, line=record.line, column=col),
        "Check this row in a spreadsheet and put quotes around cells that contain the delimiter.",
    )

"""Workbooks (.xlsx, .xls, .ods) read with python-calamine into the same :class:`Table` as CSV.

- The first visible worksheet is read unless a sheet is named; an unknown name is an error that
  lists the sheets. Other and hidden sheets are reported (A017).
- The header is the first non-blank row. ``row`` is the row number Excel shows, whatever empty
  rows or columns come first, and positions use column letters.
- Every cell becomes text as the user sees it, as far as calamine allows: whole numbers without
  ``.0``, other numbers to Excel's 15 significant digits, ``TRUE``/``FALSE``, dates as
  ``2024-01-02``, date-times as ``2024-01-02 10:15:00``, durations as ``26:30:00``. Display
  formats (currency, a date's local order, leading zeros such as ``0012``) are not visible to
  calamine. Cells that were not text are listed in :attr:`Record.kinds` for A014.
- Merged ranges in the data area are reported (A016): only their top-left cell has the value.
- Safety: a zip archive (.xlsx, .ods) is opened only if its uncompressed size is under a cap
  (a "zip bomb" is refused, A018) and none of its XML parts declares a DOCTYPE or an entity in
  its prolog (refused, A018, as in RDF/XML: spreadsheet programs never write one, and entity
  expansion can exhaust memory); a damaged, truncated or password-protected workbook is an
  :class:`~pl_vocab.core.errors.InputError`, never a traceback.

- Formula cells are reported (A013) with the formula and the value that was read: calamine
  gives a formula's saved result (or an empty string when the file has none, as in a workbook
  written by a script), so the formulas are found in the sheet's XML by
  :mod:`pl_vocab.io.workbook_formulas` (.xlsx and .ods; not in the binary .xls and .xlsb). A
  formula cell is not also reported as a non-text cell (A014).
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import io
import os
import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from pl_vocab.core.errors import InputError
from pl_vocab.core.model import Finding, Location
from pl_vocab.io.tables import DEFAULT_MAX_ROWS, Record, Table, blank_row_findings, column_letter
from pl_vocab.io.text import input_finding
from pl_vocab.io.workbook_formulas import Formulas, FormulaScanError, check_ods, find_formulas
from pl_vocab.io.workbook_limits import check_xlsx_sheet

__all__ = [
    "DEFAULT_MAX_SHARED_TEXT",
    "DEFAULT_MAX_UNCOMPRESSED",
    "MAX_CELLS",
    "cell_text",
    "read_workbook",
]

DEFAULT_MAX_UNCOMPRESSED = 256 * 1024 * 1024
_MAX_ZIP_ENTRIES = 10_000
_RESAVE = "Open it in Excel or LibreOffice and save it again as .xlsx, or export it as CSV UTF-8."
MAX_CELLS = 10_000_000  # positions in a sheet's used area (python-calamine allocates each)
DEFAULT_MAX_SHARED_TEXT = 64 * 1024 * 1024  # characters cells copy out of the shared strings
FORMULAS_LISTED = 50  # formula cells reported one by one; the rest in one finding
_FORMULA_SHOWN = 60  # characters of a formula quoted in a message


def cell_text(value: object) -> tuple[str, str | None]:
    """A cell value as text, and what kind of non-text value it was (``None`` for text).

    >>> cell_text(3.0), cell_text(0.1 + 0.2), cell_text(dt.date(2024, 1, 2)), cell_text("x")
    (('3', 'number'), ('0.3', 'number'), ('2024-01-02', 'date'), ('x', None))
    >>> cell_text(dt.timedelta(hours=26, minutes=30)), cell_text(True)
    (('26:30:00', 'duration'), ('TRUE', 'boolean'))
    """
    if isinstance(value, str):
        return value, None
    if value is None:
        return "", None
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), "boolean"
    if isinstance(value, int):
        return str(value), "number"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value)), "number"
        return format(value, ".15g"), "number"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds"), "date and time"
    if isinstance(value, dt.date):
        return value.isoformat(), "date"
    if isinstance(value, dt.time):
        return value.isoformat(timespec="seconds"), "time"
    if isinstance(value, dt.timedelta):
        seconds = int(value.total_seconds())
        sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
        return f"{sign}{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}", "duration"
    return str(value), type(value).__name__


def _check_zip(data: bytes, source: str, max_uncompressed: int) -> None:
    where = Location(file=source)
    damaged = InputError(
        "this workbook is damaged or truncated (its zip structure cannot be read)",
        location=where,
        suggestion=_RESAVE,
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            total = sum(e.file_size for e in entries)
            if len(entries) > _MAX_ZIP_ENTRIES or total > max_uncompressed:
                raise InputError(
                    f"this workbook unpacks to {total:,} bytes in {len(entries):,} parts, more "
                    f"than the limit of {max_uncompressed:,} bytes (a zip bomb, or a very large "
                    "workbook)",
                    location=where,
                    suggestion="Export the glossary sheet alone as CSV UTF-8.",
                    check_id="A018",
                )
            for entry in entries:
                problem = None if entry.is_dir() else _unsafe_prolog(archive, entry)
                if problem is not None:
                    raise InputError(
                        f"this workbook's part {entry.filename!r} {problem}",
                        location=where,
                        suggestion=_RESAVE,
                        check_id="A018",
                    )
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, zlib.error):
        raise damaged from None
    except RuntimeError:  # an encrypted part (zipfile asks for a password)
        raise damaged from None


# A DOCTYPE (and with it any ENTITY) can only come in the prolog, before the root element.
_DECLARATION = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_FIRST_READ = 4096  # a prolog is an XML declaration and perhaps a comment: a few dozen bytes
_NEXT_READ = 64 * 1024
_MAX_PROLOG = 1024 * 1024  # characters before the root element; longer is refused
_ENCODINGS = (  # (BOM or first bytes of "<", codec); UTF-32 before UTF-16: they share a prefix
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)


def _root_start(text: str) -> int | None:
    """Where the root element's start tag begins, after the XML declaration, comments,
    processing instructions and any DOCTYPE; None if ``text`` ends before it.

    >>> _root_start('<?xml version="1.0"?><!-- <a> --><!DOCTYPE a><a/>')
    45
    >>> _root_start("<?xml version='1.0'?><!-- not closed") is None
    True
    """
    i = 0
    while (j := text.find("<", i)) >= 0:
        if text.startswith("<!--", j):
            end = text.find("-->", j + 4)
            if end < 0:
                return None
            i = end + 3
        elif text.startswith("<?", j):
            end = text.find("?>", j + 2)
            if end < 0:
                return None
            i = end + 2
        elif j + 1 == len(text):
            return None
        elif text[j + 1].isalpha() or text[j + 1] in "_:":
            return j
        else:  # "<!DOCTYPE", "<!ENTITY" (found by the caller), or not XML
            i = j + 1
    return None


def _unsafe_prolog(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> str | None:
    """What is wrong with the prolog of a part of the archive, if it is XML: a DOCTYPE or
    ENTITY declaration, or no root element in the first ``_MAX_PROLOG`` characters (a prolog
    that long is refused rather than read to its end); None if nothing is.

    Only the prolog is read: the first few KB of each part, more only while a long comment
    lasts. Parts that do not start with ``<`` (images, binary parts) are not XML and pass.
    UTF-8, UTF-16 and UTF-32, with or without a byte order mark, are recognized; any other
    encoding that XML allows writes the markup in ASCII and is read as Latin-1 here.
    """
    with archive.open(entry) as stream:
        head = stream.read(_FIRST_READ)
        codec = next((c for prefix, c in _ENCODINGS if head.startswith(prefix)), "latin-1")
        decoder = codecs.getincrementaldecoder(codec)(errors="replace")
        text = decoder.decode(head, final=len(head) < _FIRST_READ)
        if text.lstrip("\ufeff \t\r\n")[:1] != "<":
            return None  # not XML
        while True:
            end = _root_start(text)
            if _DECLARATION.search(text if end is None else text[:end]):
                return (
                    "has a DOCTYPE or ENTITY declaration, which is refused (entity expansion "
                    "can exhaust memory; spreadsheet programs never write one)"
                )
            if end is not None:
                return None
            if len(text) > _MAX_PROLOG:
                return (
                    f"has no XML element in its first {_MAX_PROLOG:,} characters, which is "
                    "refused (a DOCTYPE or ENTITY declaration could follow)"
                )
            more = stream.read(_NEXT_READ)
            if not more:
                return None  # no root element at all: calamine says what is wrong
            text += decoder.decode(more)


@contextmanager
def _native_stderr_muted() -> Iterator[None]:
    """Send file descriptor 2 to the null device while calamine runs: a Rust panic prints its
    text there before it arrives as ``PanicException``, and that text must not reach the user
    (the one-line error says what went wrong)."""
    try:
        saved = os.dup(2)
    except OSError:  # no stderr to protect
        yield
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _open_error(exc: BaseException, source: str) -> InputError:
    kind = type(exc).__name__
    if kind == "PasswordError":
        return InputError(
            "this workbook is password-protected",
            location=Location(file=source),
            suggestion="Remove the password (File > Info > Protect Workbook) and save it again.",
        )
    return InputError(
        f"this is not a workbook python-calamine can read ({kind})",
        location=Location(file=source),
        suggestion=_RESAVE,
    )


def _choose(names: list[str], hidden: set[str], sheet: str | None, source: str) -> str:
    if sheet is None:
        visible = [n for n in names if n not in hidden]
        return (visible or names)[0]
    if sheet in names:
        return sheet
    folded = [n for n in names if n.casefold() == sheet.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    near = difflib.get_close_matches(sheet, names, n=1)
    hint = f"Did you mean {near[0]!r}? " if near else ""
    raise InputError(
        f"there is no sheet named {sheet!r}",
        location=Location(file=source),
        suggestion=f"{hint}The sheets are: {', '.join(repr(n) for n in names)}.",
    )


def read_workbook(
    data: bytes,
    *,
    source: str = "<workbook>",
    sheet: str | None = None,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED,
    max_cells: int | None = None,
    max_shared_text: int = DEFAULT_MAX_SHARED_TEXT,
) -> Table:
    """Read one sheet of a workbook into a header and data records.

    :param data: the whole file (.xlsx, .xls or .ods).
    :param sheet: the sheet to read (exact name, or the only one equal ignoring case).
    :param max_rows: the most rows allowed after the header.
    :param max_uncompressed: the most bytes a zip-based workbook may unpack to.
    :param max_cells: the most positions the sheet's values may span (rows x columns; default
        :data:`MAX_CELLS`), checked on the raw .xlsx before python-calamine allocates them.
    :param max_shared_text: the most characters the sheet's cells may copy out of the shared
        strings (one long string in many cells is copied once per cell).
    :raises InputError: for an unknown sheet, an empty sheet, a damaged, protected or oversized
        workbook, with the file (and sheet) named.

    >>> read_workbook(b"not a workbook", source="g.xlsx")
    Traceback (most recent call last):
    ...
    pl_vocab.core.errors.InputError: g.xlsx: this is not a workbook python-calamine can read (CalamineError). Open it in Excel or LibreOffice and save it again as .xlsx, or export it as CSV UTF-8.
    """
    if data[:4] == b"PK\x03\x04":
        _check_zip(data, source, max_uncompressed)
        check_ods(data, source, max_rows=max_rows, max_cells=max_cells or MAX_CELLS)
    from python_calamine import CalamineWorkbook  # imported when a workbook is read

    try:
        with _native_stderr_muted(), CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
            names = list(workbook.sheet_names)
            hidden = {
                m.name for m in workbook.sheets_metadata if not str(m.visible).endswith("Visible")
            }
            chosen = _choose(names, hidden, sheet, source)
            if data[:4] == b"PK\x03\x04":
                check_xlsx_sheet(
                    data,
                    chosen,
                    source,
                    max_rows=max_rows,
                    max_cells=max_cells or MAX_CELLS,
                    max_shared_text=max_shared_text,
                )
            worksheet = workbook.get_sheet_by_name(chosen)
            merged = worksheet.merged_cell_ranges or []
            start, end = worksheet.start, worksheet.end
            if start is not None and end is not None and end[0] - start[0] > max_rows:
                raise InputError(
                    f"sheet {chosen!r} has more than {max_rows:,} rows after the header (the limit)",
                    location=Location(file=source, sheet=chosen, row=start[0] + max_rows + 2),
                    suggestion="Split the glossary into smaller files, or raise the row limit.",
                    check_id="A018",
                )
            values = worksheet.to_python(skip_empty_area=False)
    except InputError:
        raise
    except Exception as exc:
        raise _open_error(exc, source) from None
    except BaseException as exc:  # a Rust panic in the reader arrives as a BaseException
        if type(exc).__name__ != "PanicException":
            raise
        raise _open_error(exc, source) from None
    formulas = _formulas(data, chosen, source)
    return _to_table(values, merged, source, chosen, names, hidden, sheet is not None, formulas)


def _formulas(data: bytes, sheet: str, source: str) -> Formulas | Finding | None:
    """The formula cells of ``sheet`` (None for a workbook that is not a zip archive), or a
    finding saying why they could not be looked for."""
    if data[:4] != b"PK\x03\x04":
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return find_formulas(archive, sheet, limit=FORMULAS_LISTED)
    except FormulaScanError as exc:
        why = str(exc)
    except (zipfile.BadZipFile, EOFError, ValueError, KeyError, NotImplementedError, zlib.error):
        why = "could not be opened a second time"
    return input_finding(
        "A013",
        f"Formula cells could not be looked for: the workbook {why}. Cells that hold a formula "
        "read as the value the formula last showed, or as empty.",
        Location(file=source, sheet=sheet),
        _RESAVE,
    )


def _formula_findings(
    formulas: Formulas, values: Sequence[Sequence[object]], source: str, sheet: str
) -> list[Finding]:
    findings = []
    for (row, col), text in sorted(formulas.cells.items()):
        ref = f"{column_letter(col)}{row}"
        raw = values[row - 1] if 0 < row <= len(values) else ()
        shown_value = cell_text(raw[col])[0] if col < len(raw) else ""
        if text:
            formula = text if text.startswith("=") else f"={text}"
            if len(formula) > _FORMULA_SHOWN:
                formula = formula[: _FORMULA_SHOWN - 1] + "…"
            what = f"the formula {formula}"
        else:
            what = "a formula shared with the cells near it"
        if shown_value:
            message = (
                f"Cell {ref} holds {what}; the value it last showed, {shown_value!r}, was read."
            )
            fix = (
                "Replace the formula by its value (copy the cells, then Paste Special > Values), "
                "so the glossary holds the text itself."
            )
        else:
            message = f"Cell {ref} holds {what} with no saved result, so it reads as empty."
            fix = (
                "Open the file in Excel or LibreOffice and save it so the result is stored, or "
                "replace the formula by its value (Paste Special > Values)."
            )
        findings.append(
            input_finding(
                "A013",
                message,
                Location(file=source, sheet=sheet, row=row, column=column_letter(col)),
                fix,
            )
        )
    more = formulas.total - len(formulas.cells)
    if more > 0:
        findings.append(
            input_finding(
                "A013",
                f"{more:,} more cell{'s' if more != 1 else ''} hold a formula (only the first "
                f"{len(formulas.cells)} are listed).",
                Location(file=source, sheet=sheet),
                "Replace the formulas by their values (select the sheet, copy, then Paste "
                "Special > Values).",
            )
        )
    return findings


def _to_table(
    values: Sequence[Sequence[object]],
    merged: list[tuple[tuple[int, int], tuple[int, int]]],
    source: str,
    chosen: str,
    names: list[str],
    hidden: set[str],
    asked: bool,
    formulas: Formulas | Finding | None = None,
) -> Table:
    in_formula = set(formulas.cells) if isinstance(formulas, Formulas) else set()
    header: Record | None = None
    records: list[Record] = []
    blank: list[int] = []
    for index, raw in enumerate(values):
        converted = [cell_text(v) for v in raw]
        cells = tuple(text for text, _ in converted)
        if not any(c.strip() for c in cells):
            if header is not None:
                blank.append(index + 1)
            continue
        kinds = tuple(
            (col, kind)
            for col, (_, kind) in enumerate(converted)
            if kind and (index + 1, col) not in in_formula
        )
        record = Record(index + 1, None, cells, kinds)
        if header is None:
            header = record
        else:
            records.append(record)
    if header is None:
        raise InputError(
            f"sheet {chosen!r} is empty",
            location=Location(file=source, sheet=chosen),
            suggestion="Choose the sheet that holds the glossary (--sheet)."
            + (f" The sheets are: {', '.join(repr(n) for n in names)}." if len(names) > 1 else ""),
        )
    findings: list[Finding] = []
    if len(names) > 1:
        why = "as asked" if asked else "the first visible sheet"
        others = [f"{n!r}" + (" (hidden)" if n in hidden else "") for n in names if n != chosen]
        findings.append(
            input_finding(
                "A017",
                f"Read sheet {chosen!r} ({why}); not read: {', '.join(others)}.",
                Location(file=source, sheet=chosen),
                "Use --sheet NAME to read another sheet.",
            )
        )
    for (top, left), (bottom, right) in merged:
        if bottom + 1 < header.row:
            continue
        span = f"{column_letter(left)}{top + 1}:{column_letter(right)}{bottom + 1}"
        findings.append(
            input_finding(
                "A016",
                f"Cells {span} are merged; only {column_letter(left)}{top + 1} has the value and "
                "the other cells read as empty.",
                Location(file=source, sheet=chosen, row=top + 1, column=column_letter(left)),
                "Unmerge the cells and fill in each row.",
            )
        )
    if isinstance(formulas, Formulas):
        findings.extend(_formula_findings(formulas, values, source, chosen))
    elif formulas is not None:
        findings.append(formulas)
    last = records[-1].row if records else header.row
    findings.extend(blank_row_findings(source, blank, last, sheet=chosen))
    return Table(
        source=source,
        header=header,
        records=tuple(records),
        blank_rows=tuple(blank),
        sheet=chosen,
        findings=tuple(findings),
    )

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
  (a "zip bomb" is refused, A018); a damaged, truncated or password-protected workbook is an
  :class:`~pl_vocab.io.text.InputError`, never a traceback.

**Formulas (A013) are not detected.** calamine returns a formula's cached value (or an empty
string when the file has none) and has no way to give the formula text; finding formula cells
would need openpyxl or a scan of the sheet XML, which this reader does not do.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import zipfile
from collections.abc import Sequence

from pl_vocab.io.tables import DEFAULT_MAX_ROWS, Record, Table, blank_row_findings, column_letter
from pl_vocab.io.text import InputError, input_finding
from pl_vocab.report.model import Finding, Location

__all__ = ["DEFAULT_MAX_UNCOMPRESSED", "cell_text", "read_workbook"]

DEFAULT_MAX_UNCOMPRESSED = 256 * 1024 * 1024
_MAX_ZIP_ENTRIES = 10_000
_RESAVE = "Open it in Excel or LibreOffice and save it again as .xlsx, or export it as CSV UTF-8."


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
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):
        raise InputError(
            "this workbook is damaged or truncated (its zip structure cannot be read)",
            location=where,
            fix=_RESAVE,
        ) from None
    total = sum(e.file_size for e in entries)
    if len(entries) > _MAX_ZIP_ENTRIES or total > max_uncompressed:
        raise InputError(
            f"this workbook unpacks to {total:,} bytes in {len(entries):,} parts, more than the "
            f"limit of {max_uncompressed:,} bytes (a zip bomb, or a very large workbook)",
            location=where,
            fix="Export the glossary sheet alone as CSV UTF-8.",
            check_id="A018",
        )


def _open_error(exc: BaseException, source: str) -> InputError:
    kind = type(exc).__name__
    if kind == "PasswordError":
        return InputError(
            "this workbook is password-protected",
            location=Location(file=source),
            fix="Remove the password (File > Info > Protect Workbook) and save it again.",
        )
    return InputError(
        f"this is not a workbook python-calamine can read ({kind})",
        location=Location(file=source),
        fix=_RESAVE,
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
        fix=f"{hint}The sheets are: {', '.join(repr(n) for n in names)}.",
    )


def read_workbook(
    data: bytes,
    *,
    source: str = "<workbook>",
    sheet: str | None = None,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED,
) -> Table:
    """Read one sheet of a workbook into a header and data records.

    :param data: the whole file (.xlsx, .xls or .ods).
    :param sheet: the sheet to read (exact name, or the only one equal ignoring case).
    :param max_rows: the most rows allowed after the header.
    :param max_uncompressed: the most bytes a zip-based workbook may unpack to.
    :raises InputError: for an unknown sheet, an empty sheet, a damaged, protected or oversized
        workbook, with the file (and sheet) named.

    >>> read_workbook(b"not a workbook", source="g.xlsx")
    Traceback (most recent call last):
    ...
    pl_vocab.io.text.InputError: g.xlsx: this is not a workbook python-calamine can read (CalamineError). Open it in Excel or LibreOffice and save it again as .xlsx, or export it as CSV UTF-8.
    """
    if data[:4] == b"PK\x03\x04":
        _check_zip(data, source, max_uncompressed)
    from python_calamine import CalamineWorkbook  # imported when a workbook is read

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        with workbook:
            names = list(workbook.sheet_names)
            hidden = {
                m.name for m in workbook.sheets_metadata if not str(m.visible).endswith("Visible")
            }
            chosen = _choose(names, hidden, sheet, source)
            worksheet = workbook.get_sheet_by_name(chosen)
            merged = worksheet.merged_cell_ranges or []
            start, end = worksheet.start, worksheet.end
            if start is not None and end is not None and end[0] - start[0] > max_rows:
                raise InputError(
                    f"sheet {chosen!r} has more than {max_rows:,} rows after the header (the limit)",
                    location=Location(file=source, sheet=chosen, row=start[0] + max_rows + 2),
                    fix="Split the glossary into smaller files, or raise the row limit.",
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
    return _to_table(values, merged, source, chosen, names, hidden, sheet is not None)


def _to_table(
    values: Sequence[Sequence[object]],
    merged: list[tuple[tuple[int, int], tuple[int, int]]],
    source: str,
    chosen: str,
    names: list[str],
    hidden: set[str],
    asked: bool,
) -> Table:
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
        kinds = tuple((col, kind) for col, (_, kind) in enumerate(converted) if kind)
        record = Record(index + 1, None, cells, kinds)
        if header is None:
            header = record
        else:
            records.append(record)
    if header is None:
        raise InputError(
            f"sheet {chosen!r} is empty",
            location=Location(file=source, sheet=chosen),
            fix="Choose the sheet that holds the glossary (--sheet)."
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

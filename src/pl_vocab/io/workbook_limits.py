"""What an .xlsx sheet would cost python-calamine, measured on the raw parts before it reads them.

python-calamine allocates one cell for every position in the rectangle a sheet's values span
(a single value in ``A99999999999`` asks for tens of gigabytes and the process aborts, which no
``except`` can catch), and one copy of a shared string for every cell that refers to it (one
1 MB string in a few thousand cells exhausts memory). Both are measured here first:

- :func:`xlsx_is_small` is a byte screen: true only when every cell of a part is written
  ``<c r="X123"`` with a one-letter column and a row under a bound, so the area cannot be larger.
- :func:`xlsx_extent` is the exact measure, parsed with expat so every XML spelling counts as
  calamine sees it (either quote, spaces around ``=``, character references, prefixed
  elements): a cell with content is placed by its ``r``, or after the cell before it in its
  row, whose number is the row's ``r`` or the one after the previous row.
- :func:`shared_string_cost` is the number of characters the cells that refer to shared strings
  would copy: a cheap upper bound (cells × longest string) first, the exact sum only when that
  bound is over the limit.

Every measure is one streaming pass over a part, O(part size) time and O(1) memory (shared
string lengths: O(number of strings)). The parts measured are every part that could be the
sheet: the one found by the package relationships and the one found calamine's way
(``xl/workbook.xml`` and its relationships), so a decoy relationship cannot hide the real one.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO
from xml.parsers import expat

from pl_vocab.core.errors import InputError
from pl_vocab.core.model import Location
from pl_vocab.io.tables import column_letter

__all__ = [
    "Extent",
    "UnboundedSheetError",
    "check_xlsx_sheet",
    "shared_string_cost",
    "sheet_parts",
    "xlsx_extent",
    "xlsx_is_small",
]

_CHUNK = 256 * 1024
RESAVE = "Open it in Excel or LibreOffice and save it again as .xlsx, or export it as CSV UTF-8."
_HUGE = 10**15  # a row or column number with more digits than this is counted as this
_REF = re.compile(r"\$?([A-Za-z]{1,12})\$?([0-9]{1,15})")
_ANY_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")


class UnboundedSheetError(Exception):
    """A sheet part whose area cannot be bounded here (a reference that cannot be read, XML
    that is not well-formed, or no part at all): refused rather than handed to calamine."""


@dataclass
class Extent:
    """The smallest rectangle holding every cell of a sheet that has content (1-based rows,
    0-based columns); calamine allocates a cell for each position in it."""

    first_row: int = 0
    last_row: int = 0
    first_column: int = 0
    last_column: int = 0

    @property
    def rows(self) -> int:
        return self.last_row - self.first_row + 1 if self.last_row else 0

    @property
    def columns(self) -> int:
        return self.last_column - self.first_column + 1 if self.last_row else 0

    def add(self, row: int, column: int) -> None:
        """Widen the rectangle to hold the cell at ``row``, ``column``."""
        if not self.last_row:
            self.first_row = self.last_row = row
            self.first_column = self.last_column = column
            return
        self.first_row, self.last_row = min(self.first_row, row), max(self.last_row, row)
        self.first_column = min(self.first_column, column)
        self.last_column = max(self.last_column, column)

    def union(self, other: Extent) -> Extent:
        """The rectangle holding both."""
        if not other.last_row:
            return self
        out = Extent(self.first_row, self.last_row, self.first_column, self.last_column)
        out.add(other.first_row, other.first_column)
        out.add(other.last_row, other.last_column)
        return out


def _column(letters: str) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return min(index - 1, _HUGE)


def _local(name: str) -> str:
    return name.rpartition(" ")[2]


def _parser() -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_: object) -> int:
        raise UnboundedSheetError("declares an entity")

    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    return parser


def _feed(parser: expat.XMLParserType, stream: IO[bytes], part: str) -> None:
    try:
        while chunk := stream.read(_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise UnboundedSheetError(
            f"part {part!r} is not well-formed XML (line {exc.lineno})"
        ) from None
    except LookupError:  # the XML declaration names an encoding Python has no codec for
        raise UnboundedSheetError(
            f"part {part!r} declares an XML encoding that is not known"
        ) from None


class _ExtentScan:
    """Cells of a worksheet part placed as calamine places them; a cell counts once it has a
    child element (a value, inline text or a formula; ``<c r="X1" s="1"/>`` is skipped)."""

    def __init__(self, shared: list[int] | None = None) -> None:
        self.extent = Extent()
        self.row = 0
        self.column = -1
        self.cell: tuple[int, int] | None = None
        self.has_content = False
        self.shared = shared  # lengths of the shared strings, to sum what cells copy
        self.shared_cell = False
        self.in_value = False
        self.value: list[str] = []
        self.copied = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if self.cell is not None:
            self.has_content = True
            self.in_value = local == "v" and self.shared_cell
            self.value = []
        elif local == "row":
            r = attrs.get("r")
            self.row = self._number(r) if r is not None else self.row + 1
            self.column = -1
        elif local == "c":
            ref = attrs.get("r")
            if ref is None:
                self.column += 1
            else:
                m = _REF.fullmatch(ref.strip())
                if m is None:
                    raise UnboundedSheetError("has a cell reference that cannot be read")
                self.column, self.row = _column(m[1]), self._number(m[2])
            self.cell = (self.row, self.column)
            self.has_content = False
            self.shared_cell = attrs.get("t", "").strip() == "s"

    @staticmethod
    def _number(text: str) -> int:
        text = text.strip()
        if not text.isdigit() or not text.isascii():
            raise UnboundedSheetError("has a row number that cannot be read")
        return _HUGE if len(text) > 15 else int(text)

    def end(self, name: str) -> None:
        local = _local(name)
        if local == "c" and self.cell is not None:
            if self.has_content:
                self.extent.add(*self.cell)
            self.cell = None
        elif local == "v" and self.in_value:
            self.in_value = False
            index = "".join(self.value).strip()
            if self.shared is not None and index.isdigit() and int(index) < len(self.shared):
                self.copied += self.shared[int(index)]

    def data(self, text: str) -> None:
        if self.in_value:
            self.value.append(text)


def xlsx_extent(archive: zipfile.ZipFile, part: str) -> Extent:
    """Where the cells with content of the worksheet ``part`` lie: one expat pass, O(size).

    :raises UnboundedSheetError: for a reference or XML this cannot read.
    """
    scan = _ExtentScan()
    parser = _parser()
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    with archive.open(part) as stream:
        _feed(parser, stream, part)
    return scan.extent


def xlsx_is_small(archive: zipfile.ZipFile, part: str, rows: int) -> bool:
    """A quick, safe byte screen for :func:`xlsx_extent`: true only when every cell start in
    ``part`` (any prefix, any spacing) is exactly ``<c r="`` + one letter A-Z + a row number
    under ``rows`` (rounded down to its first digit: 200,001 screens at 200,000) + ``"``. Then
    the values span at most ``rows`` by 26 cells. False means "measure it". O(size)."""
    k = len(str(rows)) - 1
    first = int(str(rows)[0])
    under = rf"[0-9]{{1,{k}}}" if k else "(?!)"
    if first > 1:
        under += rf"|[1-{first - 1}][0-9]{{{k}}}"
    exact = re.compile(rb'<c r="[A-Z](?:%s)"' % under.encode())
    with archive.open(part) as stream:
        cells, good = _count(stream, _ANY_CELL, exact)
    return cells == good


def _count(stream: IO[bytes], *patterns: re.Pattern[bytes]) -> list[int]:
    """How many times each pattern (at most 40 bytes long) occurs in ``stream``, read in
    chunks. O(size) time, O(chunk) memory."""
    totals = [0] * len(patterns)
    carry = b""
    while True:
        more = stream.read(_CHUNK)
        window = carry + more
        keep = max(len(window) - 40, 0) if more else len(window)
        for i, pattern in enumerate(patterns):
            totals[i] += sum(1 for m in pattern.finditer(window) if m.start() < keep)
        carry = window[keep:]
        if not more:
            return totals


def _elements(archive: zipfile.ZipFile, part: str, wanted: str) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    parser = _parser()

    def start(name: str, attrs: dict[str, str]) -> None:
        if _local(name) == wanted:
            out.append({_local(k): v for k, v in attrs.items()})

    parser.StartElementHandler = start
    with archive.open(part) as stream:
        _feed(parser, stream, part)
    return out


def _resolutions(owner: str, target: str) -> set[str]:
    """Every part a relationship target could name: relative to its owner, to ``xl/`` (as
    calamine resolves it) and to the root, with and without a leading ``/``."""
    target = target.strip()
    base = posixpath.dirname(owner)
    out = {target.lstrip("/"), posixpath.normpath(posixpath.join(base, target)).lstrip("/")}
    out.add(posixpath.normpath(posixpath.join("xl", target)))
    return {p for p in out if p and p != "."}


def sheet_parts(archive: zipfile.ZipFile, sheet: str) -> set[str]:
    """Every part of the archive that could be the worksheet named ``sheet``, found by the
    package relationships and by calamine's fixed ``xl/workbook.xml`` (no fewer parts than
    either reader would open; ``sheet`` compared with tabs and line breaks as spaces).

    :raises UnboundedSheetError: when none can be found.
    """
    names = set(archive.namelist())
    folded = {n.casefold(): n for n in names}
    workbooks = {"xl/workbook.xml"}
    if "_rels/.rels" in names:
        for rel in _elements(archive, "_rels/.rels", "Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                workbooks |= _resolutions("", rel.get("Target", ""))
    wanted = re.sub(r"[\t\n\r]", " ", sheet)
    parts: set[str] = set()
    for workbook in sorted(workbooks & names):
        ids = {
            s.get("id", "")
            for s in _elements(archive, workbook, "sheet")
            if re.sub(r"[\t\n\r]", " ", s.get("name", "")) == wanted
        }
        head, tail = posixpath.split(workbook)
        rels = posixpath.join(head, "_rels", f"{tail}.rels")
        if not ids or rels not in names:
            continue
        for rel in _elements(archive, rels, "Relationship"):
            if rel.get("Id") in ids:
                for path in _resolutions(workbook, rel.get("Target", "")):
                    found = path if path in names else folded.get(path.casefold())
                    if found is not None:
                        parts.add(found)
    if not parts:
        raise UnboundedSheetError(f"has no part for sheet {sheet!r}")
    return parts


def _shared_lengths(archive: zipfile.ZipFile) -> list[int]:
    """The length in characters of every shared string (all parts named like a shared-string
    table, in order; phonetic runs counted too, an upper bound). O(size) time."""
    lengths: list[int] = []
    for part in sorted(n for n in archive.namelist() if n.casefold().endswith("sharedstrings.xml")):
        depth = [0]

        def start(name: str, _attrs: dict[str, str], depth: list[int] = depth) -> None:
            if _local(name) == "si":
                lengths.append(0)
                depth[0] += 1

        def end(name: str, depth: list[int] = depth) -> None:
            if _local(name) == "si":
                depth[0] -= 1

        def data(text: str, depth: list[int] = depth) -> None:
            if depth[0] and lengths:
                lengths[-1] += len(text)

        parser = _parser()
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = data
        with archive.open(part) as stream:
            _feed(parser, stream, part)
    return lengths


def shared_string_cost(archive: zipfile.ZipFile, parts: set[str], limit: int) -> int:
    """The characters the cells of ``parts`` copy out of the shared strings, or a bound on them
    that is at most ``limit`` (cells × the longest string), whichever is found first.
    O(shared strings + parts) time."""
    lengths = _shared_lengths(archive)
    if not lengths:
        return 0
    longest = max(lengths)
    cells = 0
    for part in parts:
        with archive.open(part) as stream:
            cells += _count(stream, _ANY_CELL)[0]
    if cells * longest <= limit:
        return cells * longest
    total = 0
    for part in parts:
        scan = _ExtentScan(shared=lengths)
        parser = _parser()
        parser.StartElementHandler = scan.start
        parser.EndElementHandler = scan.end
        parser.CharacterDataHandler = scan.data
        with archive.open(part) as stream:
            _feed(parser, stream, part)
        total += scan.copied
    return total


def check_xlsx_sheet(
    data: bytes, sheet: str, source: str, *, max_rows: int, max_cells: int, max_shared_text: int
) -> None:
    """Refuse an .xlsx sheet that calamine could not read in bounded memory: its values span
    more than ``max_rows`` rows or ``max_cells`` positions, or its cells copy more than
    ``max_shared_text`` characters out of the shared strings; or it cannot be measured.

    :raises InputError: (A018) naming the limit and how to raise it.
    """
    _check_extent(data, sheet, source, max_rows, max_cells)
    _check_shared(data, sheet, source, max_shared_text)


def unbounded(source: str, sheet: str, why: str) -> InputError:
    return InputError(
        f"sheet {sheet!r} cannot be measured before it is read: the workbook {why}",
        location=Location(file=source, sheet=sheet),
        suggestion=RESAVE,
        check_id="A018",
    )


def _measure(data: bytes, sheet: str, source: str, max_rows: int, max_cells: int) -> Extent:
    """The area the values of every part that could be ``sheet`` span (an empty extent when a
    byte screen shows it is small, or for .ods)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "xl/workbook.xml" not in archive.namelist() and "content.xml" in archive.namelist():
                return Extent()  # .ods: measured before calamine opens it (check_ods)
            extent = Extent()
            for part in sorted(sheet_parts(archive, sheet)):
                # rows numbered under both limits, in columns A-Z: nothing to measure
                if not xlsx_is_small(archive, part, min(max_rows + 1, max_cells // 26)):
                    extent = extent.union(xlsx_extent(archive, part))
            return extent
    except UnboundedSheetError as exc:
        raise unbounded(source, sheet, str(exc)) from None
    except (zipfile.BadZipFile, EOFError, KeyError, ValueError, NotImplementedError, zlib.error):
        raise unbounded(source, sheet, "has a part that cannot be opened") from None


def _check_extent(data: bytes, sheet: str, source: str, max_rows: int, max_cells: int) -> None:
    """Refuse an .xlsx sheet whose values span more rows or cells than can be read, before
    python-calamine allocates a cell for every position in that area (a single value in cell
    XFD1048576 would ask it for 17 billion cells, and the process would abort). O(part size)."""
    refuse_extent(
        _measure(data, sheet, source, max_rows, max_cells), sheet, source, max_rows, max_cells
    )


def refuse_extent(extent: Extent, sheet: str, source: str, max_rows: int, max_cells: int) -> None:
    last = f"{column_letter(min(extent.last_column, 10**6))}{extent.last_row}"
    if extent.rows > max_rows + 1:
        raise InputError(
            f"sheet {sheet!r} has values down to row {extent.last_row:,}, more than "
            f"{max_rows:,} rows after the header (the limit)",
            location=Location(file=source, sheet=sheet, row=extent.last_row),
            suggestion=f"If the glossary is shorter, a stray value far below it is the cause (cell {last}; "
            "Ctrl+End in Excel goes to it): delete the rows after the glossary and save again. "
            "Otherwise split the glossary into smaller files, or raise the row limit.",
            check_id="A018",
        )
    if extent.rows * extent.columns > max_cells:
        first = f"{column_letter(min(extent.first_column, 10**6))}{extent.first_row}"
        raise InputError(
            f"sheet {sheet!r} has values from {first} to {last}, an area of "
            f"{extent.rows:,} rows by {extent.columns:,} columns, more than the "
            f"{max_cells:,} cells that can be read (the cell limit)",
            location=Location(file=source, sheet=sheet, row=extent.last_row),
            suggestion=f"A stray value far from the glossary is the usual cause (cell {last}; Ctrl+End "
            "in Excel goes to it): delete the columns and rows outside the glossary and save "
            "again, or raise the cell limit (read_workbook(max_cells=...)).",
            check_id="A018",
        )


def _check_shared(data: bytes, sheet: str, source: str, limit: int) -> None:
    """Refuse an .xlsx sheet whose cells would copy more than ``limit`` characters out of the
    shared strings (calamine makes one copy per cell). O(shared strings + sheet part)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "xl/workbook.xml" not in archive.namelist() and "content.xml" in archive.namelist():
                return
            cost = shared_string_cost(archive, sheet_parts(archive, sheet), limit)
    except UnboundedSheetError as exc:
        raise unbounded(source, sheet, str(exc)) from None
    except (zipfile.BadZipFile, EOFError, KeyError, ValueError, NotImplementedError, zlib.error):
        raise unbounded(source, sheet, "has a part that cannot be opened") from None
    if cost > limit:
        raise InputError(
            f"sheet {sheet!r} would expand to {cost:,} characters of shared text, more than the "
            f"limit of {limit:,} (the shared-string expansion limit: a long text repeated in "
            "many cells is copied once per cell)",
            location=Location(file=source, sheet=sheet),
            suggestion="Shorten the long texts or export the sheet as CSV UTF-8, or raise the "
            "limit (read_workbook(max_shared_text=...)).",
            check_id="A018",
        )

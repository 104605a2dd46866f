"""Find the formula cells of one sheet of an .xlsx or .ods workbook (check A013). (The area an
.xlsx sheet's values span is measured by :mod:`pl_vocab.io.workbook_limits`.)

python-calamine gives a formula's saved result and nothing else, so the formulas are found in
the sheet's own XML: ``<c r="C12"><f>VLOOKUP(...)</f><v>...</v></c>`` in an .xlsx worksheet
part, ``<table:table-cell table:formula="of:=SUM(...)">`` in an .ods ``content.xml``.

- The part is found the way Excel does: the package relationships lead to the workbook, the
  workbook lists sheets by name with a relationship ID, and the workbook's relationships give
  the worksheet part. Strict OOXML and prefixed element names (``<x:c>``) are understood: only
  local names are compared.
- Cells are placed by their ``r`` reference, or after the previous cell and row when a writer
  left it out (the format allows that); in .ods, repeated rows and columns are counted.
- A part is first scanned as raw bytes for anything that could be a formula; only a part that
  has one is parsed, with expat and no tree, so a sheet without formulas costs one pass of
  decompression. The caller has already refused any part with a DOCTYPE or an ENTITY.
- At most ``limit`` cells are kept; :attr:`Formulas.total` counts them all. In an .xlsx part,
  the formulas after the first ``limit`` are counted on the raw bytes, without parsing.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import IO
from xml.parsers import expat

from pl_vocab.io.workbook_limits import (
    _HUGE,
    Extent,
    UnboundedSheetError,
    _feed,
    _parser,
    refuse_extent,
    unbounded,
)

__all__ = ["FormulaScanError", "Formulas", "check_ods", "find_formulas", "ods_extent"]

_CHUNK = 256 * 1024
_OFFICE_DOCUMENT = "/officeDocument"  # the end of the relationship type, transitional or strict
_CELL_REF = re.compile(r"([A-Za-z]{1,3})(\d{1,7})$")
# An xlsx formula element, possibly prefixed; an .ods formula attribute, possibly prefixed.
_XLSX_HINT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_ODS_HINT = re.compile(rb"[:\s]formula\s*=")
_HINT_OVERLAP = 64
_ATTRIBUTE_SPACE = re.compile(r"[\t\n\r]")
_SHEET_DATA_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?sheetData\s*>")


class FormulaScanError(Exception):
    """A part that calamine read but that is not well-formed XML here, or is missing."""


@dataclass
class Formulas:
    """The formula cells found: ``(row, column)`` (1-based row, 0-based column) to the formula
    text as written (``""`` for the later cells of an Excel shared formula)."""

    cells: dict[tuple[int, int], str] = field(default_factory=dict)
    total: int = 0
    limit: int = 10_000

    def add(self, row: int, column: int, text: str, rows: int = 1, columns: int = 1) -> None:
        """Add the cell at ``row``, ``column``, or the block of ``rows`` by ``columns`` cells
        that starts there (an .ods cell repeated down and across)."""
        self.total += rows * columns
        for r in range(row, row + rows):
            for c in range(column, column + columns):
                if len(self.cells) >= self.limit:
                    return
                self.cells[(r, c)] = text


def column_index(letters: str) -> int:
    """The 0-based index of a column's letters.

    >>> column_index("A"), column_index("Z"), column_index("AA"), column_index("xfd")
    (0, 25, 26, 16383)
    """
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


def find_formulas(archive: zipfile.ZipFile, sheet: str, *, limit: int = 10_000) -> Formulas:
    """The formula cells of the sheet named ``sheet`` in an .xlsx or .ods archive.

    :raises FormulaScanError: when the sheet's part cannot be found or parsed.
    """
    names = set(archive.namelist())
    found = Formulas(limit=limit)
    if "content.xml" in names and "xl/workbook.xml" not in names:
        with archive.open("content.xml") as stream:
            if _has_hint(stream, _ODS_HINT):
                with archive.open("content.xml") as again:
                    _OdsScan(sheet, found).parse(again, "content.xml")
        return found
    part = _xlsx_sheet_part(archive, names, sheet)
    with archive.open(part) as stream:
        if _has_hint(stream, _XLSX_HINT):
            with archive.open(part) as again:
                _XlsxScan(found).parse(again, part)
    return found


def _has_hint(stream: IO[bytes], hint: re.Pattern[bytes]) -> bool:
    tail = b""
    while chunk := stream.read(_CHUNK):
        if hint.search(tail + chunk):
            return True
        tail = chunk[-_HINT_OVERLAP:]
    return False


def _local(name: str) -> str:
    """The local part of an expat name written as ``namespace<space>local``."""
    return name.rpartition(" ")[2]


def _new_parser() -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True

    def refuse_declaration(*_: object) -> None:
        raise FormulaScanError("declares an entity")

    def refuse_reference(*_: object) -> int:
        raise FormulaScanError("refers to an external entity")

    parser.EntityDeclHandler = refuse_declaration
    parser.ExternalEntityRefHandler = refuse_reference
    return parser


def _parse(
    parser: expat.XMLParserType,
    stream: IO[bytes],
    part: str,
    count_rest: _XlsxScan | None = None,
) -> None:
    """Parse ``stream`` in chunks. With ``count_rest``, parsing stops once the scan holds all
    the cells it may list, and the formulas in the rest of ``sheetData`` are only counted, on the
    raw bytes (a worksheet's text cannot hold a raw ``<``, so each match is one ``<f>``)."""
    try:
        while chunk := stream.read(_CHUNK):
            parser.Parse(chunk, False)
            if count_rest is not None and len(count_rest.found.cells) >= count_rest.found.limit:
                if count_rest.in_sheet_data:
                    _count_rest(count_rest, chunk, stream)
                    return
                if count_rest.sheet_data_done:
                    return
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise FormulaScanError(
            f"part {part!r} is not well-formed XML at line {exc.lineno}, column {exc.offset + 1}"
        ) from None
    except LookupError:  # the XML declaration names an encoding Python has no codec for
        raise FormulaScanError(
            f"part {part!r} declares an XML encoding that is not known"
        ) from None


def _count_rest(scan: _XlsxScan, chunk: bytes, stream: IO[bytes]) -> None:
    """Count the formula elements left in ``sheetData`` after the parser stopped in ``chunk``."""
    found = scan.found
    if scan.in_formula:
        found.total += 1  # its start tag was parsed, its end tag is still to come
    # expat may hold back an unfinished tag at the end of the chunk: count from it
    cut = chunk.rfind(b"<")
    tail = chunk[cut:] if cut >= 0 and b">" not in chunk[cut:] else b""
    while True:
        more = stream.read(_CHUNK)
        tail += more
        keep = len(tail) if not more else tail.rfind(b"<")
        if keep < 0 or b">" in tail[keep:]:
            keep = len(tail)
        end = _SHEET_DATA_END.search(tail, 0, keep)
        if end is not None:
            found.total += len(_XLSX_HINT.findall(tail, 0, end.start()))
            return
        found.total += len(_XLSX_HINT.findall(tail, 0, keep))
        tail = tail[keep:]
        if not more:
            return


def _elements(archive: zipfile.ZipFile, part: str, wanted: str) -> list[dict[str, str]]:
    """The attributes (by local name, prefixed names kept beside) of every ``wanted`` element."""
    out: list[dict[str, str]] = []
    parser = _new_parser()

    def start(name: str, attrs: dict[str, str]) -> None:
        if _local(name) == wanted:
            out.append({_local(k): v for k, v in attrs.items()} | dict(attrs))

    parser.StartElementHandler = start
    with archive.open(part) as stream:
        _parse(parser, stream, part)
    return out


def _target(archive_names: set[str], source_part: str, target: str) -> str | None:
    """A relationship target resolved against the part that owns the relationship."""
    if target.startswith("/"):
        path = target.lstrip("/")
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))
    if path in archive_names:
        return path
    folded = {n.casefold(): n for n in archive_names}
    return folded.get(path.casefold())


def _rels_part(part: str) -> str:
    head, tail = posixpath.split(part)
    return posixpath.join(head, "_rels", f"{tail}.rels")


def _xlsx_sheet_part(archive: zipfile.ZipFile, names: set[str], sheet: str) -> str:
    workbook = "xl/workbook.xml"
    if "_rels/.rels" in names:
        for rel in _elements(archive, "_rels/.rels", "Relationship"):
            if rel.get("Type", "").endswith(_OFFICE_DOCUMENT):
                workbook = _target(names, "", rel.get("Target", "")) or workbook
                break
    if workbook not in names:
        raise FormulaScanError("has no workbook part")
    # XML turns a tab or line break in an attribute into a space; calamine keeps it
    wanted = _ATTRIBUTE_SPACE.sub(" ", sheet)
    ids = [
        s.get("id", "")
        for s in _elements(archive, workbook, "sheet")
        if _ATTRIBUTE_SPACE.sub(" ", s.get("name", "")) == wanted
    ]
    rels = _rels_part(workbook)
    if not ids or rels not in names:
        raise FormulaScanError(f"does not list sheet {sheet!r} in its workbook part")
    for rel in _elements(archive, rels, "Relationship"):
        if rel.get("Id") == ids[0]:
            part = _target(names, workbook, rel.get("Target", ""))
            if part is None:
                break
            return part
    raise FormulaScanError(f"has no part for sheet {sheet!r}")


class _XlsxScan:
    """Rows and cells of a worksheet part; the text of each ``<f>`` that is a cell's child inside
    ``sheetData`` (other ``f`` elements, such as the ``xm:f`` of a drop-down list's source in
    ``extLst``, are not cells' formulas)."""

    def __init__(self, found: Formulas) -> None:
        self.found = found
        self.row = 0
        self.column = -1
        self.in_formula = False
        self.text: list[str] = []
        self.stack: list[str] = []  # local names of the open elements
        self.in_sheet_data = False
        self.sheet_data_done = False

    def parse(self, stream: IO[bytes], part: str) -> None:
        parser = _new_parser()
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.data
        _parse(parser, stream, part, count_rest=self)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        parent = self.stack[-1] if self.stack else ""
        self.stack.append(local)
        if local == "sheetData":
            self.in_sheet_data = True
        elif not self.in_sheet_data:
            return
        elif local == "row" and parent == "sheetData":
            r = attrs.get("r", "")
            self.row = int(r) if r.isdigit() else self.row + 1
            self.column = -1
        elif local == "c" and parent == "row":
            match = _CELL_REF.match(attrs.get("r", ""))
            if match:
                self.column = column_index(match[1])
                self.row = int(match[2])
            else:
                self.column += 1
        elif local == "f" and parent == "c":
            self.in_formula = True
            self.text = []

    def end(self, name: str) -> None:
        local = self.stack.pop() if self.stack else _local(name)
        if local == "sheetData":
            self.in_sheet_data = False
            self.sheet_data_done = True
        elif self.in_formula and local == "f":
            self.in_formula = False
            self.found.add(self.row, self.column, "".join(self.text))

    def data(self, text: str) -> None:
        if self.in_formula:
            self.text.append(text)


_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_CELLS = {"table-cell", "covered-table-cell"}


class _OdsScan:
    """Rows and cells of one ``table:table`` in content.xml; the ``table:formula`` attribute.

    Repeated rows (``number-rows-repeated``) and cells (``number-columns-repeated``) advance
    the position by their count; a formula in a repeated cell is one formula cell per copy.
    """

    def __init__(self, sheet: str, found: Formulas) -> None:
        self.sheet = sheet
        self.found = found
        self.depth = 0  # table depth inside the wanted table (1 = the table itself)
        self.row = 0  # rows before the current one
        self.row_repeat = 1
        self.column = 0  # cells before the current one

    def parse(self, stream: IO[bytes], part: str) -> None:
        parser = _new_parser()
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        _parse(parser, stream, part)

    @staticmethod
    def _count(attrs: dict[str, str], name: str) -> int:
        value = attrs.get(f"{_ODS_TABLE} {name}", "1")
        return int(value) if value.isdigit() and int(value) > 0 else 1

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "table":
            if self.depth:
                self.depth += 1
            elif attrs.get(f"{_ODS_TABLE} name") == self.sheet:
                self.depth = 1
            return
        if self.depth != 1:
            return
        if local == "table-row":
            self.row_repeat = self._count(attrs, "number-rows-repeated")
            self.column = 0
        elif local in _ODS_CELLS:
            repeat = self._count(attrs, "number-columns-repeated")
            formula = attrs.get(f"{_ODS_TABLE} formula")
            if formula is not None:
                text = formula.partition(":")[2] if formula[:1].isalpha() else formula
                self.found.add(self.row + 1, self.column, text or formula, self.row_repeat, repeat)
            self.column += repeat

    def end(self, name: str) -> None:
        local = _local(name)
        if local == "table" and self.depth:
            self.depth -= 1
        elif local == "table-row" and self.depth == 1:
            self.row += self.row_repeat
            self.row_repeat = 1


_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "


def ods_extent(archive: zipfile.ZipFile, sheet: str | None) -> Extent:
    """Where the cells with content of the .ods table ``sheet`` lie (``None``: the largest of
    all tables; calamine reads them all when it opens the file), counting repeated rows and
    cells (a 1 KB file can repeat one value over billions of positions). One expat pass over
    content.xml, O(size)."""
    extents: list[Extent] = [Extent()]
    state = {"depth": 0, "row": 0, "repeat": 1, "column": 0}

    def count(attrs: dict[str, str], name: str) -> int:
        value = attrs.get(_TABLE + name, "1").strip()
        return min(int(value), _HUGE) if value.isdigit() and 0 < len(value) <= 15 else 1

    def start(name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "table":
            wanted = state["depth"] or sheet is None or attrs.get(_TABLE + "name") == sheet
            if wanted and not state["depth"]:
                extents.append(Extent())
                state["row"] = 0
            state["depth"] += 1 if wanted else 0
        elif state["depth"] != 1:
            return
        elif local == "table-row":
            state["repeat"], state["column"] = count(attrs, "number-rows-repeated"), 0
        elif local in ("table-cell", "covered-table-cell"):
            repeat = count(attrs, "number-columns-repeated")
            if any(_local(k) in ("value-type", "formula") for k in attrs):
                first, row = state["column"], state["row"] + 1
                extents[-1].add(row, first)
                extents[-1].add(row + state["repeat"] - 1, first + repeat - 1)
            state["column"] += repeat

    def end(name: str) -> None:
        local = _local(name)
        if local == "table" and state["depth"]:
            state["depth"] -= 1
        elif local == "table-row" and state["depth"] == 1:
            state["row"] += state["repeat"]
            state["repeat"] = 1

    parser = _parser()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    with archive.open("content.xml") as stream:
        _feed(parser, stream, "content.xml")
    return max(extents, key=lambda e: e.rows * e.columns)


def check_ods(data: bytes, source: str, *, max_rows: int, max_cells: int) -> None:
    """Refuse an .ods workbook any table of which spans more than ``max_rows`` rows or
    ``max_cells`` positions, before calamine opens it (it reads every table when it opens).

    :raises InputError: (A018) naming the limit and how to raise it.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "xl/workbook.xml" in names or "content.xml" not in names:
                return
            extent = ods_extent(archive, None)
    except UnboundedSheetError as exc:
        raise unbounded(source, "(any)", str(exc)) from None
    except (zipfile.BadZipFile, EOFError, KeyError, ValueError, NotImplementedError, zlib.error):
        return  # calamine says what is wrong
    refuse_extent(extent, "(one of its sheets)", source, max_rows, max_cells)

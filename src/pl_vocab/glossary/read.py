"""Read a district's glossary file into typed rows with exact positions.

Formats, by extension: ``.csv .tsv .txt`` (any of comma, semicolon, tab, pipe; UTF-8, UTF-16
or, with a warning, Windows-1252), ``.xlsx .xls .ods`` (python-calamine), ``.yaml .yml .json``
(a list of entries, or ``{"terms": [...]}``; keys are recognized like column headers). SKOS
files are not read here.

Every cell is kept: values are stripped of surrounding whitespace and put in Unicode NFC, and
otherwise left as written; columns that are not recognized go to :attr:`GlossaryRow.extra`.
Problems that still leave a readable glossary are findings of family A; a file that cannot be
read raises :class:`GlossaryInputError` (exit code 2) naming the file, row, line and column.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from pl_vocab.core.errors import InputError
from pl_vocab.core.model import Finding, Location
from pl_vocab.glossary.columns import (
    ROLES,
    ColumnMapping,
    GlossaryInputError,
    Where,
    header_findings,
    list_headers,
    map_columns,
    parse_columns_option,
)
from pl_vocab.glossary.structured import read_structured
from pl_vocab.glossary.table import (
    NOTHING_CHANGED,
    GlossaryRow,
    GlossaryTable,
    clean_text,
    split_synonyms,
)
from pl_vocab.io.excel import read_workbook
from pl_vocab.io.formats import GLOSSARY_EXTENSIONS, glossary_reader
from pl_vocab.io.tables import DEFAULT_MAX_ROWS, Record, Table, column_letter, read_delimited
from pl_vocab.io.text import decode_text, input_finding

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_EXTENSIONS",
    "GlossaryInputError",
    "GlossaryRow",
    "GlossaryTable",
    "read_glossary",
    "read_glossary_bytes",
    "split_synonyms",
]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(GLOSSARY_EXTENSIONS)
_INJECTION = frozenset("=+-@\t\r")  # first characters a spreadsheet may run as a formula
_TEXT_ROLES = ("term", "definition", "notes", "broader", "language", "term_es", "definition_es")


def _refuse_size(source: str, size: int, max_bytes: int) -> GlossaryInputError:
    return GlossaryInputError(
        f"the file is {size:,} bytes, more than the limit of {max_bytes:,}",
        location=Location(file=source),
        suggestion="Split the glossary into smaller files, or raise the size limit.",
        check_id="A018",
    )


def _check_extension(source: str) -> str:
    ext = Path(source).suffix.lower()
    if glossary_reader(source) is None:
        raise GlossaryInputError(
            f"cannot read {ext or 'a file without an extension'} files as a glossary",
            location=Location(file=source),
            suggestion=f"Use one of: {' '.join(SUPPORTED_EXTENSIONS)}. For a table, export it from "
            "Excel as CSV UTF-8.",
        )
    return ext


def read_glossary(
    path: str | Path,
    *,
    sheet: str | None = None,
    columns: str | Mapping[str, str] | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> GlossaryTable:
    """Read a glossary file (see the module docstring for the formats).

    :param path: the file; its extension chooses the reader.
    :param sheet: for workbooks, the sheet to read (default: the first visible one).
    :param columns: a ``term=Vocabulary,definition=Meaning`` override, or a ``{role: header}``
        mapping.
    :param encoding: for text files, decode with this codec only.
    :param max_bytes: refuse larger files (A018).
    :param max_rows: refuse more rows (or entries) after the header (A018).
    :raises GlossaryInputError: for an unreadable, unsafe or oversized file, an unsupported
        extension, or a column choice that does not fit.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "glossary.csv"
    >>> _ = p.write_bytes("Término;Definición\\r\\nVoz del estudiante;Lo que dice\\r\\n".encode("cp1252"))
    >>> g = read_glossary(p)
    >>> g.encoding, g.delimiter, g.column_map, g.rows[0].term, [f.id for f in g.findings]
    ('cp1252', ';', {'term': 'Término', 'definition': 'Definición'}, 'Voz del estudiante', ['A001', 'A005'])
    """
    source = str(path)
    _check_extension(source)
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise GlossaryInputError(
            f"cannot be read ({exc.strerror or type(exc).__name__})",
            location=Location(file=source),
            suggestion="Check the path and that you may read the file.",
        ) from None
    if len(data) > max_bytes:
        raise _refuse_size(source, Path(path).stat().st_size, max_bytes)
    return read_glossary_bytes(
        data,
        source,
        sheet=sheet,
        columns=columns,
        encoding=encoding,
        max_bytes=max_bytes,
        max_rows=max_rows,
    )


def read_glossary_bytes(
    data: bytes,
    name: str,
    *,
    sheet: str | None = None,
    columns: str | Mapping[str, str] | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> GlossaryTable:
    """Read a glossary from its bytes (an upload, say); ``name``'s extension picks the reader.
    The other parameters are those of :func:`read_glossary`.

    >>> g = read_glossary_bytes(b"- term: Equity\\n  aka: Fairness; Justice\\n", "g.yaml")
    >>> g.rows[0].term, g.rows[0].synonyms, g.rows[0].line
    ('Equity', ['Fairness', 'Justice'], 1)
    """
    ext = _check_extension(name)
    kind = glossary_reader(name)
    if len(data) > max_bytes:
        raise _refuse_size(name, len(data), max_bytes)
    if sheet is not None and kind != "workbook":
        raise GlossaryInputError(
            f"a sheet ({sheet!r}) was named, but {ext} files have no sheets",
            location=Location(file=name),
            suggestion="Name a sheet only for .xlsx, .xls and .ods files.",
        )
    if kind == "skos":
        from pl_vocab.glossary.skos_input import read_skos_glossary

        skos_table: GlossaryTable = read_skos_glossary(data, name, max_rows=max_rows)
        return skos_table
    override = parse_columns_option(columns) if isinstance(columns, str) else columns
    findings: list[Finding] = []
    codec: str | None = None
    try:
        if kind == "workbook":
            table = read_workbook(data, source=name, sheet=sheet, max_rows=max_rows)
        else:
            _refuse_workbook_bytes(data, name, ext)
            decoded = decode_text(data, source=name, encoding=encoding)
            codec = decoded.encoding
            findings.extend(decoded.findings)
            if kind == "structured":
                table = read_structured(
                    decoded.text, source=name, json_format=ext == ".json", max_rows=max_rows
                )
            else:
                table = read_delimited(
                    decoded.text,
                    source=name,
                    prefer="\t" if ext == ".tsv" else None,
                    max_rows=max_rows,
                )
    except GlossaryInputError:
        raise
    except InputError as exc:
        raise GlossaryInputError(
            exc.message, location=exc.location, suggestion=exc.suggestion, check_id=exc.check_id
        ) from None
    findings.extend(table.findings)
    return _build(table, override, hashlib.sha256(data).hexdigest(), codec, findings)


def _refuse_workbook_bytes(data: bytes, name: str, ext: str) -> None:
    kind = (
        ".xlsx or .ods"
        if data[:4] == b"PK\x03\x04"
        else ".xls"
        if data[:8] == bytes.fromhex("d0cf11e0a1b11ae1")
        else None
    )
    if kind:
        raise GlossaryInputError(
            f"this is a workbook ({kind}) with a {ext} name, not text",
            location=Location(file=name),
            suggestion=f"Rename it to {kind.split()[0]}, or open it and save it as CSV UTF-8.",
        )


def _build(
    table: Table,
    override: Mapping[str, str] | None,
    sha256: str,
    codec: str | None,
    findings: list[Finding],
) -> GlossaryTable:
    """The glossary from a table as read: columns given their roles, header checked, rows
    read."""
    header = [clean_text(h) for h in table.header.cells]
    width = max([len(header), *(len(r.cells) for r in table.records)])
    keys = _column_keys(header, width)
    where = _locator(table, keys)
    mapping = _map_roles(header, override, table, where)
    roles = mapping.roles
    findings.extend(header_findings(header, keys, mapping, table, where))
    rows, blank = _read_rows(
        table, roles, _extra_columns(header, keys, roles, width), where, findings
    )
    return GlossaryTable(
        source=table.source,
        sha256=sha256,
        encoding=codec,
        delimiter=table.delimiter,
        sheet=table.sheet,
        header=header,
        column_map={r: keys[i] for r, i in roles.items()},
        rows=rows,
        findings=findings,
        blank_rows=blank,
        term_language=mapping.term_language,
    )


def _locator(table: Table, keys: list[str]) -> Where:
    """``where(row, column index, line)``: a location in ``table``, as its format counts (rows
    and column letters in tables; entry numbers in YAML/JSON)."""
    structured = table.header.row == 0

    def where(row: int | None, col: int | None, line: int | None) -> Location:
        named = keys[col] if col is not None else None
        if structured:
            index = None if row is None else row - 1
            return Location(file=table.source, line=line, record_index=index, field=named)
        letter = None if col is None else column_letter(col)
        return Location(
            file=table.source, sheet=table.sheet, row=row, line=line, column=letter, field=named
        )

    return where


def _map_roles(
    header: list[str], override: Mapping[str, str] | None, table: Table, where: Where
) -> ColumnMapping:
    """Each recognized column's role; refused when no column is the term column."""
    try:
        mapping = map_columns(header, override)
    except GlossaryInputError as exc:  # a --columns choice that does not fit: say which file
        raise GlossaryInputError(
            exc.message,
            location=where(table.header.row or None, None, table.header.line),
            suggestion=exc.suggestion,
        ) from None
    if "term" not in mapping.roles:
        raise GlossaryInputError(
            "no column is recognized as the term column; the headers are: " + list_headers(header),
            location=where(table.header.row or None, None, table.header.line),
            suggestion="Rename the term column's header to Term (or Término), or name it with "
            "--columns term=HEADER.",
            check_id="A007",
        )
    return mapping


_Columns = list[tuple[int, str]]


def _extra_columns(
    header: list[str], keys: list[str], roles: Mapping[str, int], width: int
) -> tuple[_Columns, _Columns]:
    """The columns with no role, as ``(index, key)``: those with a header (always kept), and
    those without one (kept where a row has something in them)."""
    taken = set(roles.values())
    extra_cols = [i for i in range(width) if i not in taken]
    named = [(i, keys[i]) for i in extra_cols if i < len(header) and header[i]]
    loose = [(i, keys[i]) for i in extra_cols if not (i < len(header) and header[i])]
    return named, loose


def _read_rows(
    table: Table,
    roles: Mapping[str, int],
    extra_columns: tuple[_Columns, _Columns],
    where: Where,
    findings: list[Finding],
) -> tuple[list[GlossaryRow], int]:
    """The rows that hold something, and the number of blank rows (those skipped on reading
    included); cell findings (A014, A015) are added to ``findings``."""
    by_index = {i: r for r, i in roles.items()}
    present = [(ROLES.index(role), role, i) for role, i in roles.items()]
    named, loose = extra_columns
    rows: list[GlossaryRow] = []
    blank = len(table.blank_rows)
    for record in table.records:  # the hot loop: 200,000 rows must stay fast
        row = _row(record, present, named, loose)
        if row is None:
            blank += 1  # only whitespace, or blank cells in the known columns of YAML/JSON
            continue
        if record.kinds:
            findings.extend(_kind_findings(record, by_index, where))
        cells = record.cells
        if not _INJECTION.isdisjoint([c[:1] for c in cells]):
            findings.extend(
                _injection(record, i, where) for i, raw in enumerate(cells) if raw[:1] in _INJECTION
            )
        rows.append(row)
    return rows, blank


def _row(
    record: Record, present: list[tuple[int, str, int]], named: _Columns, loose: _Columns
) -> GlossaryRow | None:
    """One row: the value of each role (stripped, in NFC; None when empty), with the cells
    exactly as read for the roles whose value that changed, and the columns with no role.
    None for a row with nothing in it."""
    cells = record.cells
    count = len(cells)
    values: list[str | None] = [None] * len(ROLES)
    changed: dict[str, str] | None = None
    for position, role, i in present:
        if i < count:
            raw = cells[i]
            value = raw.strip()
            if not value.isascii():
                value = unicodedata.normalize("NFC", value)
            if value != raw:
                changed = changed or {}
                changed[role] = raw
            values[position] = value or None
    extra = _extra_values(cells, named, loose) if named or loose else {}
    if not any(values) and not any(extra.values()):
        return None
    term, definition, synonyms, notes, broader, language, term_es, definition_es = values
    return GlossaryRow(
        record.row,
        record.line,
        term or "",
        definition,
        split_synonyms(synonyms),
        notes,
        broader,
        language,
        term_es,
        definition_es,
        extra,
        changed or NOTHING_CHANGED,
    )


def _extra_values(cells: tuple[str, ...], named: _Columns, loose: _Columns) -> dict[str, str]:
    """The cells of the columns with no role, by key: every named one, the loose ones that hold
    something."""
    count = len(cells)
    extra = {key: clean_text(cells[i]) for i, key in named if i < count}
    for i, key in loose:
        if i < count and cells[i].strip():
            extra[key] = clean_text(cells[i])
    return extra


def _kind_findings(record: Record, by_index: Mapping[int, str], where: Where) -> list[Finding]:
    """A014 for each cell of a text role that a workbook stored as something else (a list is
    fine for synonyms)."""
    found = []
    for i, kind in record.kinds:
        plays = by_index.get(i)
        if plays in _TEXT_ROLES or (plays == "synonyms" and kind != "list"):
            found.append(_non_text(record, i, kind, where))
    return found


def _column_keys(header: list[str], width: int) -> list[str]:
    """The name each column's values go under: its header, made unique with the letter."""
    keys: list[str] = []
    seen: set[str] = set()
    for i in range(width):
        text = header[i] if i < len(header) else ""
        key = text or f"(column {column_letter(i)})"
        if key.casefold() in seen:
            key = f"{text} (column {column_letter(i)})"
        seen.add(key.casefold())
        keys.append(key)
    return keys


def _non_text(record: Record, col: int, kind: str, where: Where) -> Finding:
    return input_finding(
        "A014",
        f"This cell holds a {kind}, not text; it was read as {record.cells[col]!r}.",
        where(record.row, col, record.line),
        "If the spreadsheet changed what was typed (a date or a number), format the column as "
        "Text and type it again.",
    )


def _injection(record: Record, col: int, where: Where) -> Finding:
    first = repr(record.cells[col][0])
    return input_finding(
        "A015",
        f"This cell starts with {first}, which a spreadsheet may run as a formula; exports "
        "put an apostrophe in front of it.",
        where(record.row, col, record.line),
        "Nothing to do unless the cell should not start with that character.",
    )

"""YAML and JSON glossaries, read into the same :class:`~pl_vocab.io.tables.Table` as CSV.

A glossary is a list of entries, or a mapping with a ``terms`` list (also ``términos``,
``glossary``, ``glosario``). An entry is a mapping whose keys are recognized like column headers,
or a plain string (a term alone). Keys become the header, in the order they first appear.

YAML is read without aliases (refused, A018) and without implicit typing: ``No``, ``0012`` and
``2024-01-02`` stay the text that was written. JSON numbers and booleans, lists and mappings
become text and are reported by the caller as non-text cells (A014); a list under a synonyms key
is the natural form and is not. Each entry keeps the line where it starts (JSON by a light second
scan with ``raw_decode``). The header record has row 0: entries are numbered from 1.
"""

from __future__ import annotations

import datetime as dt
import json

import yaml

from pl_vocab.core.model import Location
from pl_vocab.glossary.columns import GlossaryInputError, normalize_header
from pl_vocab.io.json_safe import JsonSyntaxError, decode
from pl_vocab.io.tables import Record, Table
from pl_vocab.io.yaml_safe import (
    SafeTags,
    UniqueKeys,
    YamlInputError,
    _SafeNoAliasLoader,
    safe_problem,
)

__all__ = ["read_structured"]


def _compact(text: str) -> str:
    return normalize_header(text).replace(" ", "")


class _TextLoader(UniqueKeys, SafeTags, _SafeNoAliasLoader):
    """Aliases and repeated keys refused, tags as :class:`~pl_vocab.io.yaml_safe.SafeTags`;
    every untagged scalar stays the text written (``No``, ``0012``), nulls None."""


_TextLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag == "tag:yaml.org,2002:null"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LIST_KEYS = ("terms", "terminos", "glossary", "glosario")


def _load_yaml(text: str, source: str) -> tuple[object, list[int] | None]:
    loader = None
    try:
        loader = _TextLoader(text)
        loader.name = source
        node = loader.get_single_node()
        data = None if node is None else loader.construct_document(node)
    except YamlInputError as exc:  # aliases, a key written twice, a tag
        repeated = exc.kind == "duplicate-key"
        what = exc.reason.removesuffix(".").removesuffix("; keep one")
        if exc.kind in ("tag", "long-number", "syntax"):
            what = f"this is not valid YAML: {what}"
        raise GlossaryInputError(
            f"{what} (column {exc.column})" if exc.column is not None else what,
            location=Location(file=source, line=exc.line),
            suggestion="Keep one of the two values (the glossary would otherwise lose the other)."
            if repeated
            else None,
            check_id=None if repeated else "A018",
            column=exc.column,
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise GlossaryInputError(
            f"this is not valid YAML ({safe_problem(exc.problem or exc.context)})"
            + (f" at column {mark.column + 1}" if mark else ""),
            location=Location(file=source, line=mark.line + 1 if mark else None),
            suggestion="Fix the indentation or quoting there, or check the file with a YAML linter.",
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.reader.ReaderError as exc:
        raise GlossaryInputError(
            f"character #x{exc.character:04X} at position {exc.position} is not allowed in YAML",
            location=Location(file=source, line=text.count("\n", 0, exc.position) + 1),
            suggestion="Remove it, or save the file again as plain UTF-8 text.",
        ) from None
    except (yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
        raise GlossaryInputError(
            f"this is not valid YAML ({type(exc).__name__})",
            location=Location(file=source),
            suggestion="Check the file with a YAML linter, or write the values as plain text.",
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    if isinstance(node, yaml.MappingNode):
        node = next((v for k, v in node.value if _compact(str(k.value)) in _LIST_KEYS), None)
    lines = (
        [n.start_mark.line + 1 for n in node.value] if isinstance(node, yaml.SequenceNode) else None
    )
    return data, lines


def _load_json(text: str, source: str) -> tuple[object, list[int] | None]:
    try:
        data = decode(text)  # strict: a key twice in one object, NaN, huge numbers refused
    except JsonSyntaxError as exc:
        raise GlossaryInputError(
            f"this is not valid JSON ({exc.reason}"
            + (f" at column {exc.column}" if exc.column else "")
            + ")",
            location=Location(file=source, line=exc.line),
            suggestion=_JSON_FIXES.get(exc.kind, _JSON_FIXES["syntax"]),
            column=exc.column,
        ) from None
    try:
        return data, _json_entry_lines(text)
    except (ValueError, IndexError):
        return data, None


_JSON_FIXES = {
    "duplicate-key": "Keep one of the two values (the glossary would otherwise lose the other).",
    "not-json": "Write the value as text, in quotes, or leave the field out.",  # NaN, Infinity
    "long-number": "Write long numbers as text, in quotes.",
    "syntax": "Fix the JSON there (a missing comma or quote is the usual cause).",
}


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\n\r":
        i += 1
    return i


def _json_entry_lines(text: str) -> list[int]:
    """The line where each entry of the glossary's list starts, by a light second scan."""
    decoder = json.JSONDecoder()
    i = _skip(text, 0)
    if text.startswith("{", i):
        i += 1
        while True:
            i = _skip(text, i)
            key, i = decoder.raw_decode(text, i)
            i = _skip(text, _skip(text, i) + 1)  # past the colon
            if isinstance(key, str) and _compact(key) in _LIST_KEYS and text.startswith("[", i):
                break
            _, i = decoder.raw_decode(text, i)
            i = _skip(text, i) + 1
    lines: list[int] = []
    line, at = 1, 0
    i += 1
    while True:
        i = _skip(text, i)
        if text.startswith("]", i):
            return lines
        line += text.count("\n", at, i)
        at = i
        lines.append(line)
        _, i = decoder.raw_decode(text, i)
        i = _skip(text, i)
        i += text.startswith(",", i)


def _as_text(value: object) -> tuple[str, str | None]:
    if isinstance(value, str):
        return value, None
    if value is None:
        return "", None
    if isinstance(value, bool):
        return ("true" if value else "false"), "boolean"
    if isinstance(value, int | float):
        return str(value), "number"
    if isinstance(value, list):
        parts = [_as_text(v)[0] for v in value]
        return "\n".join(parts), "list"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str), "mapping"
    if isinstance(value, dt.date):
        return value.isoformat(), "date"
    return str(value), type(value).__name__


def read_structured(text: str, *, source: str, json_format: bool, max_rows: int) -> Table:
    """A YAML or JSON glossary as a table: keys become headers, entries rows (header row 0).

    :param text: the decoded file.
    :param json_format: parse as JSON rather than YAML.
    :raises GlossaryInputError: for invalid YAML/JSON (with its line), YAML aliases, too many
        entries, or a shape that is not a list of entries.

    >>> t = read_structured("terms:\\n  - term: Equity\\n    notas: No\\n  - Agency\\n",
    ...                     source="g.yaml", json_format=False, max_rows=10)
    >>> t.header.cells, [(r.row, r.line, r.cells) for r in t.records]
    (('term', 'notas'), [(1, 2, ('Equity', 'No')), (2, 4, ('Agency', ''))])
    """
    try:
        data, lines = _load_json(text, source) if json_format else _load_yaml(text, source)
        return _to_table(data, lines, source, max_rows)
    except RecursionError:
        raise GlossaryInputError(
            "the file is nested too deeply to be a glossary",
            location=Location(file=source),
            suggestion="A glossary is a list of entries, each a mapping of fields to text.",
        ) from None


def _to_table(data: object, lines: list[int] | None, source: str, max_rows: int) -> Table:
    if isinstance(data, dict):
        lists = [k for k in data if _compact(str(k)) in _LIST_KEYS]
        if len(lists) > 1:
            raise GlossaryInputError(
                f"the file has {len(lists)} lists of terms ({', '.join(repr(str(k)) for k in lists)})"
                ", and only one is read",
                location=Location(file=source),
                suggestion="Put all the entries in one list (under 'terms'), or check them as separate "
                "files.",
            )
        data = data[lists[0]] if lists else data
    if not isinstance(data, list):
        found = (
            f"a mapping with keys {', '.join(repr(str(k)[:40]) for k in list(data)[:8])}"
            if isinstance(data, dict)
            else f"a {type(data).__name__}"
        )
        raise GlossaryInputError(
            f"expected a list of entries or a mapping with a 'terms' list, found {found}",
            location=Location(file=source),
            suggestion="Write the glossary as a list of entries such as {term: ..., definition: ...}.",
        )
    if len(data) > max_rows:
        raise GlossaryInputError(
            f"more than {max_rows:,} entries (the limit)",
            location=Location(file=source, record_index=max_rows),
            suggestion="Split the glossary into smaller files, or raise the row limit.",
            check_id="A018",
        )
    lines = lines if lines is not None and len(lines) == len(data) else None
    keys: dict[str, int] = {}
    entries: list[tuple[int, int | None, dict[int, tuple[str, str | None]]]] = []
    for n, entry in enumerate(data, 1):
        line = lines[n - 1] if lines else None
        if isinstance(entry, str):
            entry = {"term": entry}
        if not isinstance(entry, dict):
            raise GlossaryInputError(
                f"this entry is a {type(entry).__name__}, not a mapping of fields",
                location=Location(file=source, line=line, record_index=n - 1),
                suggestion="Write each entry as a mapping such as {term: ..., definition: ...}.",
            )
        cells: dict[int, tuple[str, str | None]] = {}
        for k, v in entry.items():
            column = keys.setdefault(str(k), len(keys))
            if column in cells:  # two keys written differently read the same (~ and null)
                raise GlossaryInputError(
                    f"entry {n} has two fields that both read as {str(k)!r}",
                    location=Location(file=source, line=line, record_index=n - 1),
                    suggestion="Keep one of the two (the glossary would otherwise lose the other).",
                )
            cells[column] = _as_text(v)
        entries.append((n, line, cells))
    blank: list[int] = []
    records: list[Record] = []
    for n, line, cells in entries:
        row = tuple(cells.get(i, ("", None))[0] for i in range(len(keys)))
        if not any(c.strip() for c in row):
            blank.append(n)
            continue
        kinds = tuple((i, kind) for i, (_, kind) in sorted(cells.items()) if kind)
        records.append(Record(n, line, row, kinds))
    header = Record(0, None, tuple(keys))
    return Table(source=source, header=header, records=tuple(records), blank_rows=tuple(blank))

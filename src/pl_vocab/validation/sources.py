"""Records out of files, one at a time, each with where it came from.

JSON (one record or an array), YAML (one record or a list), NDJSON (one record a line, streamed),
JSON-LD, Turtle, N-Triples, N-Quads and RDF/XML; a directory stands for the files under it whose
extension names one of these formats. Locations: the line of each record in NDJSON, JSON and YAML
(YAML also gives the line of each field), the subject IRI in RDF.

A file that cannot be read at all (not UTF-8, malformed JSON or YAML, unsafe RDF) raises
:class:`~pl_vocab.core.errors.InputError`, which the command turns into exit 2. A single bad line of
NDJSON is a finding (R000) instead, and the lines after it are still checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from pl_vocab.core.errors import InputError
from pl_vocab.core.model import Finding, Location
from pl_vocab.io.formats import detect_format, normalize_format, record_extensions
from pl_vocab.io.json_safe import JsonSyntaxError, decode, not_json_data
from pl_vocab.io.records import iter_json_records
from pl_vocab.io.records import ndjson_lines as _ndjson_lines
from pl_vocab.io.text import decode_utf8
from pl_vocab.validation.layers import Place, Where, finding, not_json_finding

__all__ = ["Item", "expand_paths", "iter_items", "ndjson_item", "ndjson_lines"]

_EXTENSIONS = record_extensions(scanned=True)  # what a directory is searched for
_KNOWN = record_extensions()
_MAX_FILE_BYTES = 2 * 1024**3  # whole-file formats are read into memory; NDJSON streams


@dataclass(slots=True)
class Item:
    """One record to validate: its data, its class if known, where it is."""

    data: Any
    class_name: str | None
    where: Where
    model: BaseModel | None = None  # already built (RDF input)
    findings: list[Finding] | None = None  # found while reading (R011)
    lines: dict[str, int] | None = None  # line of each JSON path inside the record (YAML)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and for each directory the record files under it (sorted, hidden skipped).

    :raises InputError: for a path that does not exist or a directory with no record files.
    """
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in _EXTENSIONS
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                known = ", ".join(sorted(_EXTENSIONS))
                raise InputError(f"{p}: the directory holds no record files ({known}).")
            out.extend(found)
        elif p.exists():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file or directory.")
    return out


def _format_of(path: Path, given: str | None) -> str:
    if given:
        return normalize_format(given)
    ext = _KNOWN.get(path.suffix.lower())
    if ext:
        return ext
    with path.open("rb") as f:
        head = f.read(4096)
    return detect_format(path, head)


# a \uD800-\uDFFF escape: a JSON or YAML text that has none cannot hold a lone surrogate
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _unicode_findings(data: Any, text: str, where: Where) -> list[Finding] | None:
    """R010 for text that is not valid Unicode (a lone surrogate escape), which the later layers
    and every writer would choke on; None when the text has no such escape (the usual case)."""
    if not _SURROGATE_ESCAPE.search(text):
        return None
    found = not_json_data(data, max_depth=10_000)
    if found is None:
        return None
    return [not_json_finding(*found, where)]


def _json_items(text: str, source: str, cls: str | None) -> Iterator[Item]:
    """Records of a JSON file with the line each starts on."""
    for record in iter_json_records(text, source):
        where = Place(file=source, line=record.line, record_index=record.index)
        yield Item(
            record.value, cls, where, findings=_unicode_findings(record.value, record.text, where)
        )


def ndjson_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """The non-blank lines of an NDJSON file with their line numbers (a BOM on line 1 dropped)."""
    with path.open("rb") as f:
        yield from _ndjson_lines(f)


def ndjson_item(raw: bytes, source: str, line: int, index: int) -> Item:
    """One NDJSON line as an item; a line that is not a JSON object's text is an R000 item."""
    where = Place(file=source, line=line, record_index=index)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _unreadable(where, f"the line is not UTF-8 text (byte {exc.start})")
    try:
        doc = decode(text)
    except JsonSyntaxError as exc:
        at = f"at column {exc.column} " if exc.column else ""
        return _unreadable(where, f"invalid JSON {at}({exc.reason})")
    return Item(doc, None, where, findings=_unicode_findings(doc, text, where))


def _ndjson_items(path: Path, source: str, cls: str | None) -> Iterator[Item]:
    for index, (n, raw) in enumerate(ndjson_lines(path), 1):
        item = ndjson_item(raw, source, n, index)
        item.class_name = cls
        yield item


def _unreadable(where: Where, what: str) -> Item:
    problem = finding("R000", f"{what}; the record was not checked", where, None, "fix the line")
    return Item(None, None, where, findings=[problem])


def _yaml_items(data: bytes, source: str, cls: str | None) -> Iterator[Item]:
    from pl_vocab.io.yaml_safe import load_yaml_with_lines

    try:
        doc, lines = load_yaml_with_lines(decode_utf8(data, source), name=source)
    except RecursionError:
        raise InputError(f"{source}: the YAML is nested too deeply to read safely.") from None

    def own(prefix: str) -> dict[str, int]:
        return {"$" + k[len(prefix) :]: v for k, v in lines.items() if k.startswith(prefix)}

    if isinstance(doc, list):
        for i, record in enumerate(doc):
            prefix = f"$[{i}]"
            where = Place(file=source, line=lines.get(prefix), record_index=i + 1)
            yield Item(record, cls, where, lines=own(prefix))
    else:
        yield Item(doc, cls, Place(file=source, line=lines.get("$")), lines=own("$"))


def _rdf_items(data: bytes, fmt: str, source: str) -> Iterator[Item]:
    from pl_vocab.exchange import loads
    from pl_vocab.rdf.load import RdfDataError

    try:
        objects = loads(data, fmt, source=source)
    except RdfDataError as exc:
        problems = [
            finding(
                "R011",
                p.message,
                Location(file=source, subject=p.subject, predicate=p.predicate),
                None,
                p.fix or "fix the triple, or remove it if it does not belong to this record",
            )
            for p in exc.problems
        ]
        yield Item(None, None, Location(file=source), findings=problems)
        return
    for i, obj in enumerate(objects, 1):
        data_ = obj.model_dump(mode="json", exclude_none=True)
        ident = next((v for k, v in data_.items() if k == "id"), None)
        where = Place(
            file=source,
            record_index=i,
            subject=str(ident) if ident else None,
        )
        yield Item(data_, type(obj).__name__, where, model=obj)


def iter_items(path: Path, fmt: str | None = None, cls: str | None = None) -> Iterator[Item]:
    """The records of one file, in file order.

    :raises InputError: when the file cannot be read or parsed as a whole.
    """
    source = str(path)
    kind = _format_of(path, fmt)
    if kind == "ndjson":
        yield from _ndjson_items(path, source, cls)
        return
    try:
        size = path.stat().st_size
        if size > _MAX_FILE_BYTES:
            raise InputError(
                f"{source}: {size:,} bytes is more than a whole-file format can hold in memory; "
                "write the records as NDJSON (one a line) to stream them."
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{source}: cannot be read ({exc.strerror}).") from None
    if kind == "json":
        yield from _json_items(decode_utf8(data, source), source, cls)
    elif kind == "yaml":
        yield from _yaml_items(data, source, cls)
    else:
        yield from _rdf_items(data, kind, source)

"""Read and write pl_vocab records in every exchange format, losslessly and without the network.

Formats: ``json yaml ndjson jsonld turtle ntriples nquads`` (aliases ``json-ld ttl nt nq``), plus
``rdfxml`` for reading. The format is taken from the file extension unless given; the names,
aliases, extensions and detection are those of the one registry, :mod:`pl_vocab.io.formats`.
This module is a registry of one loader and one dumper per format (:func:`loader`,
:func:`dumper`); the readers under them are the shared ones of :mod:`pl_vocab.io`.

    >>> from pl_vocab.models import Learner
    >>> text = dumps([Learner(id="plv:learner/1", grade_level="7")], "turtle")
    >>> loads(text, "turtle")[0].grade_level
    '7'

JSON, YAML and NDJSON records carry a ``type`` key naming their class, so a file is
self-describing; readers accept records without it when ``cls`` is given. Redaction is not done
here: :func:`pl_vocab.dumps` (:mod:`pl_vocab.convert`) composes it before dumping.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from pl_vocab.core.errors import InputError
from pl_vocab.io.formats import FORMAT_NAMES, detect_format, format_info, normalize_format
from pl_vocab.io.json_safe import read_json
from pl_vocab.io.records import ndjson_lines
from pl_vocab.io.text import decode_utf8
from pl_vocab.prefixes import serialization_prefixes

if TYPE_CHECKING:
    import rdflib

__all__ = [
    "FORMATS",
    "Dumper",
    "InputError",
    "Loader",
    "detect_format",
    "dump",
    "dumper",
    "dumps",
    "iter_ndjson",
    "load",
    "loader",
    "loads",
    "normalize_format",
    "to_rdflib_graph",
    "write_stream",
]

FORMATS = FORMAT_NAMES

#: ``(objects, single)`` -> text; ``single``: one object was given, not a list.
Dumper = Callable[[list[BaseModel], bool], str]
#: ``(data, cls, source)`` -> validated objects.
Loader = Callable[[bytes, str | None, str], list[BaseModel]]


# ------------------------------------------------------------------------------------- writing
def _tagged(obj: BaseModel) -> dict[str, Any]:
    return {"type": type(obj).__name__, **obj.model_dump(mode="json", exclude_none=True)}


def _payload(items: list[BaseModel], single: bool) -> Any:
    return _tagged(items[0]) if single else [_tagged(o) for o in items]


def _dump_json(items: list[BaseModel], single: bool) -> str:
    return json.dumps(_payload(items, single), ensure_ascii=False, indent=2) + "\n"


def _dump_yaml(items: list[BaseModel], single: bool) -> str:
    from pl_vocab.io.yaml_safe import dump_yaml

    return dump_yaml(_payload(items, single))


def _dump_ndjson(items: list[BaseModel], single: bool) -> str:
    return "".join(json.dumps(_tagged(o), ensure_ascii=False) + "\n" for o in items)


def _dump_jsonld(items: list[BaseModel], single: bool) -> str:
    from pl_vocab.rdf.jsonld import dumps_jsonld

    return dumps_jsonld(items[0] if single else items)


def _dump_ntriples(items: list[BaseModel], single: bool) -> str:
    # default-graph N-Quads lines are N-Triples lines
    from pl_vocab.rdf.export import to_ntriples

    return "".join(to_ntriples(items))


def _dump_turtle(items: list[BaseModel], single: bool) -> str:
    from pl_vocab.io.rdf import serialize_triples
    from pl_vocab.rdf.export import to_triples

    return serialize_triples(to_triples(items), "turtle", prefixes=serialization_prefixes())


_DUMPERS: dict[str, Dumper] = {
    "json": _dump_json,
    "yaml": _dump_yaml,
    "ndjson": _dump_ndjson,
    "jsonld": _dump_jsonld,
    "turtle": _dump_turtle,
    "ntriples": _dump_ntriples,
    "nquads": _dump_ntriples,
}


def dumper(format: str) -> Dumper:
    """The dumper of a format (a name or alias).

    :raises InputError: for an unknown format, or one that is read but never written (rdfxml).
    """
    info = format_info(format)
    if not info.writable:
        raise InputError(f"{info.name} can be read but not written; choose turtle or ntriples.")
    return _DUMPERS[info.name]


def dumps(objects: BaseModel | Iterable[BaseModel], format: str) -> str:
    """Serialize one object or many to text in ``format``.

    To take the sensitive data out first, use :func:`pl_vocab.dumps` with ``redact=True`` (or
    :func:`pl_vocab.redact.redact_all` and then this function).
    """
    write = dumper(format)
    single = isinstance(objects, BaseModel)
    items = [objects] if isinstance(objects, BaseModel) else list(objects)
    return write(items, single)


def dump(
    objects: BaseModel | Iterable[BaseModel], path: str | Path, format: str | None = None
) -> None:
    """Write one object or many to ``path`` (format from the extension unless given)."""
    fmt = normalize_format(format) if format else detect_format(path)
    from pl_vocab.io.output import write_text_atomic

    write_text_atomic(Path(path), dumps(objects, fmt))


def write_stream(objects: Iterable[BaseModel], out: IO[str], format: str, chunk: int = 2000) -> int:
    """Stream records to ``out`` in ``ndjson``, ``ntriples`` or ``nquads``; returns the count."""
    info = format_info(format)
    if not info.streams_out:
        raise InputError(f"streaming output supports ndjson, ntriples and nquads, not {info.name}")
    count = 0
    batch: list[BaseModel] = []
    for obj in objects:
        batch.append(obj)
        count += 1
        if len(batch) >= chunk:
            out.write(dumps(batch, info.name))
            batch.clear()
    if batch:
        out.write(dumps(batch, info.name))
    return count


# ------------------------------------------------------------------------------------- reading
def _record(data: Any, cls: str | None, source: str, where: str) -> BaseModel:
    from pl_vocab.models import model_class

    if not isinstance(data, dict):
        raise InputError(
            f"{source}{where}: a record must be a JSON object, found {type(data).__name__}."
        )
    name = data.get("type") if isinstance(data.get("type"), str) else None
    body = {k: v for k, v in data.items() if k != "type"} if name else data
    name = name or cls or "RecordSet"
    try:
        model = model_class(name)
    except KeyError:
        raise InputError(f"{source}{where}: unknown class {name!r} in 'type'.") from None
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        first = exc.errors(include_input=False, include_url=False)[0]
        path = ".".join(str(x) for x in first["loc"]) or "(record)"
        raise InputError(
            f"{source}{where}: {name} is not valid at {path}: {first['type'].replace('_', ' ')}"
            f" ({exc.error_count()} problem(s); run `pl-vocab validate` for all of them)."
        ) from None


def _records(doc: Any, cls: str | None, source: str) -> list[BaseModel]:
    if isinstance(doc, list):
        return [_record(d, cls, source, f", record {i + 1}") for i, d in enumerate(doc)]
    return [_record(doc, cls, source, "")]


def iter_ndjson(
    lines: Iterable[str], *, cls: str | None = None, source: str = "<input>"
) -> Iterator[BaseModel]:
    """Validated records from NDJSON lines, one at a time (for streaming large files)."""
    for n, line in ndjson_lines(lines):
        doc = read_json(line, source, line_offset=n - 1, starts=n)
        yield _record(doc, cls, source, f", line {n}")


def _load_json(data: bytes, cls: str | None, source: str) -> list[BaseModel]:
    return _records(read_json(decode_utf8(data, source), source), cls, source)


def _load_yaml(data: bytes, cls: str | None, source: str) -> list[BaseModel]:
    from pl_vocab.io.yaml_safe import load_yaml

    return _records(load_yaml(decode_utf8(data, source), name=source), cls, source)


def _load_ndjson(data: bytes, cls: str | None, source: str) -> list[BaseModel]:
    # split on \n only: str.splitlines() would also split inside values at U+0085, U+2028...
    return list(iter_ndjson(decode_utf8(data, source).split("\n"), cls=cls, source=source))


def _load_jsonld(data: bytes, cls: str | None, source: str) -> list[BaseModel]:
    from pl_vocab.rdf.jsonld import jsonld_for_parser
    from pl_vocab.rdf.load import RdfDataError, RdfProblem, from_rdf

    # what the RDF parser would drop (keys with no IRI, nodes with a relative id) is reported
    # with the RDF's own problems, never lost
    losses: list[RdfProblem] = []
    safe = jsonld_for_parser(decode_utf8(data, source), source=source, losses=losses)
    try:
        objects = from_rdf(safe, "jsonld", source=source)
    except RdfDataError as exc:
        raise RdfDataError([*losses, *exc.problems], source) from None
    if losses:
        raise RdfDataError(losses, source)
    return objects


def _rdf_loader(fmt: str) -> Loader:
    def load_rdf(data: bytes, cls: str | None, source: str) -> list[BaseModel]:
        from pl_vocab.rdf.load import from_rdf

        return from_rdf(data, fmt, source=source)

    return load_rdf


_LOADERS: dict[str, Loader] = {
    "json": _load_json,
    "yaml": _load_yaml,
    "ndjson": _load_ndjson,
    "jsonld": _load_jsonld,
    **{fmt: _rdf_loader(fmt) for fmt in ("turtle", "ntriples", "nquads", "rdfxml")},
}


def loader(format: str) -> Loader:
    """The loader of a format (a name or alias).

    :raises InputError: for an unknown format.
    """
    return _LOADERS[normalize_format(format)]


def loads(
    data: str | bytes, format: str, *, cls: str | None = None, source: str = "<input>"
) -> list[BaseModel]:
    """Parse text or bytes in ``format`` into validated model objects.

    :param cls: the class of records that carry no ``type`` (JSON, YAML, NDJSON); default RecordSet.
    :raises InputError: malformed or unsafe input, with file, line and column where known.
    :raises pl_vocab.rdf.load.RdfDataError: RDF whose triples do not fit the schema.
    """
    read = loader(format)
    return read(data.encode("utf-8") if isinstance(data, str) else data, cls, source)


def load(path: str | Path, format: str | None = None, *, cls: str | None = None) -> list[BaseModel]:
    """Read a file (format from the extension or content unless given)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror}).") from None
    fmt = normalize_format(format) if format else detect_format(p, data)
    return loads(data, fmt, cls=cls, source=str(p))


def to_rdflib_graph(objects: BaseModel | Iterable[BaseModel]) -> rdflib.Graph:
    """An rdflib ``Graph`` holding the same triples as the fast path (rdflib imported only here)."""
    import rdflib

    from pl_vocab.rdf.export import to_triples

    def term(t: Any) -> Any:
        import pyoxigraph as ox

        if isinstance(t, ox.NamedNode):
            return rdflib.URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return rdflib.BNode(t.value)
        if t.language:
            return rdflib.Literal(t.value, lang=t.language)
        dt = t.datatype.value
        plain = dt == "http://www.w3.org/2001/XMLSchema#string"
        return rdflib.Literal(
            t.value, datatype=None if plain else rdflib.URIRef(dt), normalize=False
        )

    g = rdflib.Graph()
    for tr in to_triples([objects] if isinstance(objects, BaseModel) else objects):
        g.add((term(tr.subject), term(tr.predicate), term(tr.object)))
    return g

"""Read and write pl_vocab records in every exchange format, losslessly and without the network.

Formats: ``json yaml ndjson jsonld turtle ntriples nquads`` (aliases ``json-ld ttl nt nq``), plus
``rdfxml`` for reading. The format is taken from the file extension unless given.

    >>> from pl_vocab.models import Learner
    >>> text = dumps([Learner(id="plv:learner/1", grade_level="7")], "turtle")
    >>> loads(text, "turtle")[0].grade_level
    '7'

JSON, YAML and NDJSON records carry a ``type`` key naming their class, so a file is
self-describing; readers accept records without it when ``cls`` is given.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from pl_vocab.core.errors import PlVocabError

if TYPE_CHECKING:
    import rdflib

__all__ = [
    "FORMATS",
    "InputError",
    "detect_format",
    "dump",
    "dumps",
    "iter_ndjson",
    "load",
    "loads",
    "to_rdflib_graph",
]

FORMATS = ("json", "yaml", "ndjson", "jsonld", "turtle", "ntriples", "nquads", "rdfxml")
_ALIASES = {
    "json-ld": "jsonld",
    "ttl": "turtle",
    "nt": "ntriples",
    "nq": "nquads",
    "xml": "rdfxml",
    "rdf": "rdfxml",
    "yml": "yaml",
    "jsonl": "ndjson",
}
_EXTENSIONS = {
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".ndjson": "ndjson",
    ".jsonl": "ndjson",
    ".jsonld": "jsonld",
    ".ttl": "turtle",
    ".nt": "ntriples",
    ".nq": "nquads",
    ".rdf": "rdfxml",
    ".owl": "rdfxml",
    ".xml": "rdfxml",
}
_RDF = {"turtle", "ntriples", "nquads", "rdfxml"}
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class InputError(PlVocabError):
    """Input that cannot be read: malformed, unsafe, or of an unknown format."""


def normalize_format(name: str) -> str:
    """``"ttl"`` -> ``"turtle"``; raise :class:`InputError` for an unknown format name."""
    key = name.lower().lstrip(".")
    key = _ALIASES.get(key, key)
    if key not in FORMATS:
        raise InputError(
            f"Unknown format {name!r}. Use one of: {', '.join(FORMATS[:-1])} (or rdfxml to read)."
        )
    return key


def detect_format(path: str | Path, data: bytes | None = None) -> str:
    """The format of a file from its extension, else from its first bytes."""
    ext = Path(path).suffix.lower()
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    head = (data or b"")[:2048].lstrip()
    if head.startswith((b"{", b"[")):
        return "jsonld" if b'"@context"' in head else "json"
    if head.startswith(b"<?xml") or head.startswith(b"<rdf:RDF"):
        return "rdfxml"
    if head.startswith((b"@prefix", b"PREFIX", b"@base")):
        return "turtle"
    if head.startswith(b"<"):
        return "ntriples"
    raise InputError(
        f"{path}: cannot tell the format from the name or the content; give it with --from."
    )


# ------------------------------------------------------------------------------------- writing
def _tagged(obj: BaseModel) -> dict[str, Any]:
    return {"type": type(obj).__name__, **obj.model_dump(mode="json", exclude_none=True)}


def _rdf_format(fmt: str) -> Any:
    import pyoxigraph as ox

    return {
        "turtle": ox.RdfFormat.TURTLE,
        "ntriples": ox.RdfFormat.N_TRIPLES,
        "nquads": ox.RdfFormat.N_QUADS,
        "rdfxml": ox.RdfFormat.RDF_XML,
    }[fmt]


def _prefixes() -> dict[str, str]:
    from pl_vocab.rdf.plan import get_plan

    return {k: v for k, v in get_plan().prefixes.items() if k not in ("linkml", "schema", "shex")}


def dumps(objects: BaseModel | Iterable[BaseModel], format: str, *, redact: bool = False) -> str:
    """Serialize one object or many to text in ``format``.

    :param redact: first take the sensitive data out of every object (see :mod:`pl_vocab.redact`).
    """
    fmt = normalize_format(format)
    if redact:
        from pl_vocab.redact import redact as redact_one

        objects = (
            redact_one(objects)
            if isinstance(objects, BaseModel)
            else [redact_one(o) for o in objects]
        )
    items = [objects] if isinstance(objects, BaseModel) else list(objects)
    if fmt == "json":
        payload: Any = (
            _tagged(items[0]) if isinstance(objects, BaseModel) else [_tagged(o) for o in items]
        )
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if fmt == "yaml":
        from pl_vocab.io.yaml_safe import dump_yaml

        payload = (
            _tagged(items[0]) if isinstance(objects, BaseModel) else [_tagged(o) for o in items]
        )
        return dump_yaml(payload)
    if fmt == "ndjson":
        return "".join(json.dumps(_tagged(o), ensure_ascii=False) + "\n" for o in items)
    if fmt == "jsonld":
        from pl_vocab.rdf.jsonld import dumps_jsonld

        return dumps_jsonld(items[0] if isinstance(objects, BaseModel) else items)
    if fmt in ("ntriples", "nquads"):  # default-graph N-Quads lines are N-Triples lines
        from pl_vocab.rdf.export import to_ntriples

        return "".join(to_ntriples(items))
    import pyoxigraph as ox

    from pl_vocab.rdf.export import to_triples

    triples: Iterable[Any] = to_triples(items)
    if fmt in ("turtle", "rdfxml"):
        out = ox.serialize(triples, format=_rdf_format(fmt), prefixes=_prefixes())
    else:
        out = ox.serialize(triples, format=_rdf_format(fmt))
    assert out is not None
    return out.decode("utf-8")


def dump(
    objects: BaseModel | Iterable[BaseModel],
    path: str | Path,
    format: str | None = None,
    *,
    redact: bool = False,
) -> None:
    """Write one object or many to ``path`` (format from the extension unless given).

    :param redact: first take the sensitive data out of every object (see :mod:`pl_vocab.redact`).
    """
    fmt = normalize_format(format) if format else detect_format(path)
    Path(path).write_text(dumps(objects, fmt, redact=redact), encoding="utf-8")


# ------------------------------------------------------------------------------------- reading
def _parse_json(text: str, source: str, line_offset: int = 0) -> Any:
    from pl_vocab.io.json_safe import JsonSyntaxError, decode

    try:
        return decode(text)
    except JsonSyntaxError as exc:
        where = ""
        if exc.line is not None:
            where = f", line {exc.line + line_offset}"
            where += f", column {exc.column}" if exc.column else ""
        elif line_offset:
            where = f", line {line_offset + 1}"
        raise InputError(f"{source}{where}: invalid JSON ({exc.reason}).") from None


def _one_line(message: str) -> str:
    """A parser's message with the control characters it quotes from the input escaped, so
    that an error stays on one line."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], message)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_PARSER_PLACE = re.compile(
    r"^Parser error (?:at line \d+ (?:column \d+|between columns \d+ and \d+)"
    r"|between line \d+ column \d+ and line \d+ column \d+): "
)


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


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{source}: not UTF-8 text (byte {exc.start}); save it as UTF-8."
        ) from None


def iter_ndjson(
    lines: Iterable[str], *, cls: str | None = None, source: str = "<input>"
) -> Iterator[BaseModel]:
    """Validated records from NDJSON lines, one at a time (for streaming large files)."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        doc = _parse_json(line.removesuffix("\r"), source, line_offset=n - 1)
        yield _record(doc, cls, source, f", line {n}")


def _rdf_objects(data: bytes, fmt: str, source: str) -> list[BaseModel]:
    import pyoxigraph as ox

    from pl_vocab.rdf.load import canonical_ntriples, from_ntriples

    if fmt == "ntriples":
        # N-Triples already in canonical form is checked and split in one pass, without the round
        # trip through pyoxigraph; anything else (or text that is not UTF-8) takes the full parser
        try:
            lines = canonical_ntriples(data.decode("utf-8"))
        except UnicodeDecodeError:
            lines = None
        if lines is not None:
            return from_ntriples(lines, source=source)
    if fmt == "rdfxml" and _DOCTYPE.search(data):
        raise InputError(
            f"{source}: RDF/XML with a DOCTYPE or ENTITY declaration is refused (entity expansion "
            "can exhaust memory); remove the declaration."
        )
    ox_format = _rdf_format(fmt) if fmt != "jsonld" else ox.RdfFormat.JSON_LD
    try:
        # pyoxigraph parses and validates, then writes canonical N-Triples, all in Rust
        quads: Iterable[Any] = ox.parse(data, format=ox_format)
        if fmt in ("nquads", "jsonld"):  # named graphs are flattened: the graph name is ignored
            quads = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        nt = ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES)
    except SyntaxError as exc:
        line, col = (
            (exc.args[1][1], exc.args[1][2]) if len(exc.args) > 1 and exc.args[1] else (None, None)
        )
        where = f", line {line}, column {col}" if line else ""
        message = str(exc.args[0]) if exc.args else str(exc)
        message = _one_line(_PARSER_PLACE.sub("", message))
        raise InputError(f"{source}{where}: {message}") from None
    return from_ntriples((nt or b"").decode("utf-8"), source=source)


def loads(
    data: str | bytes, format: str, *, cls: str | None = None, source: str = "<input>"
) -> list[BaseModel]:
    """Parse text or bytes in ``format`` into validated model objects.

    :param cls: the class of records that carry no ``type`` (JSON, YAML, NDJSON); default RecordSet.
    :raises InputError: malformed or unsafe input, with file, line and column where known.
    :raises pl_vocab.rdf.load.RdfDataError: RDF whose triples do not fit the schema.
    """
    fmt = normalize_format(format)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if fmt in _RDF:
        return _rdf_objects(raw, fmt, source)
    text = _decode(raw, source)
    if fmt == "ndjson":
        # split on \n only: str.splitlines() would also split inside values at U+0085, U+2028...
        return list(iter_ndjson(text.split("\n"), cls=cls, source=source))
    if fmt == "yaml":
        from pl_vocab.io import load_yaml

        doc = load_yaml(text, name=source)
    else:
        doc = _parse_json(text, source)
    if fmt == "jsonld":
        from pl_vocab.rdf.jsonld import resolve_contexts

        try:
            resolved = json.dumps(resolve_contexts(doc, source=source)).encode("utf-8")
        except RecursionError:
            raise InputError(
                f"{source}: the JSON-LD is nested too deeply to read safely."
            ) from None
        return _rdf_objects(resolved, "jsonld", source)
    if isinstance(doc, list):
        return [_record(d, cls, source, f", record {i + 1}") for i, d in enumerate(doc)]
    return [_record(doc, cls, source, "")]


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


def write_stream(objects: Iterable[BaseModel], out: IO[str], format: str, chunk: int = 2000) -> int:
    """Stream records to ``out`` in ``ndjson``, ``ntriples`` or ``nquads``; returns the count."""
    fmt = normalize_format(format)
    if fmt not in ("ndjson", "ntriples", "nquads"):
        raise InputError(f"streaming output supports ndjson, ntriples and nquads, not {fmt}")
    count = 0
    batch: list[BaseModel] = []
    for obj in objects:
        batch.append(obj)
        count += 1
        if len(batch) >= chunk:
            out.write(dumps(batch, fmt))
            batch.clear()
    if batch:
        out.write(dumps(batch, fmt))
    return count

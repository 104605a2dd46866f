"""The one safe entry for parsing RDF text: every RDF reader in pl_vocab goes through here.

- RDF/XML with a DOCTYPE or ENTITY declaration is refused before parsing (entity expansion can
  exhaust memory); nothing is ever fetched.
- pyoxigraph parses (and validates) in Rust; relative IRIs resolve against ``base_iri`` when one is
  given, and are an error otherwise.
- a syntax error is one :class:`RdfSyntaxError`: the file, line and column and the kind of
  problem in pl_vocab's own words (:func:`syntax_reason`). The parser's text is never shown: it
  quotes the offending token, an IRI, or (RDF/XML) whole text content, any of which can be a
  name or a narrative.

JSON-LD must have had its contexts resolved to the bundled ones first
(:func:`pl_vocab.rdf.jsonld.safe_jsonld_bytes`): this module only parses.

    >>> [t.object.value for t in parse_triples(b'<a:s> <a:p> "o" .', "ntriples", source="x.nt")]
    ['o']
    >>> parse_triples(b'<a:s> <a:p> "o', "ntriples", source="x.nt")
    Traceback (most recent call last):
    ...
    pl_vocab.io.rdf.RdfSyntaxError: x.nt, line 1, column 13: the text ends unexpectedly (an \
unclosed string, IRI or statement)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from pl_vocab.core.errors import ParseError

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = [
    "RdfSyntaxError",
    "one_line",
    "parse_quads",
    "parse_triples",
    "refuse_doctype",
    "serialize_triples",
    "syntax_error",
    "syntax_reason",
    "to_canonical_ntriples",
]

_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_PARSER_PLACE = re.compile(
    r"^Parser error (?:at line \d+ (?:column \d+|between columns \d+ and \d+)"
    r"|between line \d+ column \d+ and line \d+ column \d+): "
)


class RdfSyntaxError(ParseError):
    """RDF text that does not parse (``kind`` ``syntax``), or is refused before parsing (``kind``
    ``unsafe``: a DOCTYPE or ENTITY declaration); ``reason`` is the problem without the place."""

    @property
    def unsafe(self) -> bool:
        """Whether the text was refused before any parser saw it."""
        return self.kind == "unsafe"


def _ox_format(fmt: str) -> ox.RdfFormat:
    import pyoxigraph as ox

    formats = {
        "turtle": ox.RdfFormat.TURTLE,
        "ntriples": ox.RdfFormat.N_TRIPLES,
        "nquads": ox.RdfFormat.N_QUADS,
        "rdfxml": ox.RdfFormat.RDF_XML,
        "jsonld": ox.RdfFormat.JSON_LD,
    }
    return formats[fmt]


def refuse_doctype(data: bytes, fmt: str, source: str) -> None:
    """Refuse RDF/XML that declares a DOCTYPE or an ENTITY (before any parser sees it).

    :raises RdfSyntaxError: for such a declaration.
    """
    if fmt == "rdfxml" and _DOCTYPE.search(data):
        raise RdfSyntaxError(
            source,
            "RDF/XML with a DOCTYPE or ENTITY declaration is refused (entity expansion can exhaust "
            "memory); remove the declaration.",
            kind="unsafe",
        )


def one_line(message: str) -> str:
    """A parser's message with the control characters it quotes from the input escaped.

    >>> one_line("bad\\nchar")
    'bad\\\\nchar'
    """
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], message)


# the parser's message is only classified, by these patterns in order; what the user sees is the
# fixed text beside each pattern, so no input can reach a message through it
_REASONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), reason)
    for pattern, reason in (
        (
            r"end of (file|input)|unexpected eof",
            "the text ends unexpectedly (an unclosed string, IRI or statement)",
        ),
        (
            r"prefix",
            "a prefix that has not been declared, or a prefix declaration that is not "
            "valid (declare each prefix with @prefix)",
        ),
        (r"language|xml:lang", "a language tag is not valid"),
        (r"datatype", "a datatype is not valid"),
        (r"blank node", "a blank node label is not valid"),
        (r"\bbase\b", "the base IRI is not valid"),
        (
            r"IRI|URL",
            "an IRI is not valid (a space or a character IRIs do not allow, or no scheme)",
        ),
        (r"namespace", "an XML namespace is missing (RDF/XML needs its xmlns declarations)"),
        (r"text event", "text outside any RDF/XML element (is this file RDF/XML?)"),
        (r"XML|element|attribute|tag", "the XML is not well formed, or is not RDF/XML"),
        (r"object", "this term cannot be the object of a triple"),
        (r"subject|graph name", "this term cannot be the subject of a triple or a graph name"),
        (r"predicate", "this term cannot be the predicate of a triple"),
        (r"integer|decimal|double|number", "a number is not valid"),
        (r"string|literal|escape|quote", "a string literal is not valid"),
        (r"json|keyword|context|term definition|@", "the JSON-LD is not valid"),
        (r"char", "an unexpected character"),
    )
)
_GENERIC_REASON = "the syntax is not valid here"


def syntax_reason(message: str) -> str:
    """The kind of problem a parser's message names, in fixed words: nothing of the message (and
    so nothing of the input it may quote) is returned.

    >>> syntax_reason("SECRET is not a valid RDF object")
    'this term cannot be the object of a triple'
    >>> syntax_reason("Unexpected text event: 'Ana Ruiz'")
    'text outside any RDF/XML element (is this file RDF/XML?)'
    >>> syntax_reason("The prefix ana: has not been declared")
    'a prefix that has not been declared, or a prefix declaration that is not valid (declare each \
prefix with @prefix)'
    """
    message = _PARSER_PLACE.sub("", message)
    return next((reason for rx, reason in _REASONS if rx.search(message)), _GENERIC_REASON)


def syntax_error(exc: SyntaxError, source: str) -> RdfSyntaxError:
    """pyoxigraph's ``SyntaxError`` as an :class:`RdfSyntaxError` with its line and column and
    the kind of problem (:func:`syntax_reason`), never the parser's text."""
    pos = exc.args[1] if len(exc.args) > 1 and exc.args[1] else None
    line, column = (pos[1], pos[2]) if pos else (None, None)
    message = str(exc.args[0]) if exc.args else str(exc)
    return RdfSyntaxError(source, syntax_reason(message), line=line, column=column)


def _parse(data: bytes, fmt: str, source: str, base_iri: str | None) -> Any:
    import pyoxigraph as ox

    refuse_doctype(data, fmt, source)
    return ox.parse(data, format=_ox_format(fmt), base_iri=base_iri)


def parse_quads(
    data: bytes, fmt: str, *, source: str, base_iri: str | None = None
) -> Iterator[ox.Quad]:
    """The quads of RDF text, one at a time.

    :param fmt: ``turtle``, ``ntriples``, ``nquads``, ``rdfxml`` or ``jsonld`` (contexts resolved).
    :raises RdfSyntaxError: for a DOCTYPE in RDF/XML, or text that does not parse (while iterating).
    """
    quads = _parse(data, fmt, source, base_iri)
    try:
        yield from quads
    except SyntaxError as exc:
        raise syntax_error(exc, source) from None


def parse_triples(
    data: bytes, fmt: str, *, source: str, base_iri: str | None = None
) -> list[ox.Triple]:
    """The triples of RDF text; named graphs are flattened (the graph name is ignored).

    :raises RdfSyntaxError: as :func:`parse_quads`.
    """
    import pyoxigraph as ox

    quads = _parse(data, fmt, source, base_iri)
    try:
        return [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    except SyntaxError as exc:
        raise syntax_error(exc, source) from None


def to_canonical_ntriples(
    data: bytes,
    fmt: str,
    *,
    source: str,
    base_iri: str | None = None,
    graphs: dict[str, int] | None = None,
) -> str:
    """RDF text as canonical N-Triples, parsed and written back by pyoxigraph (no Python term
    object per triple for the graph formats); named graphs are flattened.

    :param graphs: when given, each named graph flattened is counted in it (its name, in
        N-Triples spelling, to its number of triples), so the caller can say what was lost.
    :raises RdfSyntaxError: as :func:`parse_quads`.
    """
    import pyoxigraph as ox

    quads: Iterable[Any] = _parse(data, fmt, source, base_iri)
    if fmt in ("nquads", "jsonld"):
        quads = _flatten(quads, graphs if graphs is not None else {})
    try:
        out = ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES)
    except SyntaxError as exc:
        raise syntax_error(exc, source) from None
    return (out or b"").decode("utf-8")


def _flatten(quads: Iterable[Any], graphs: dict[str, int]) -> Iterator[Any]:
    """The triples of quads, each named graph counted in ``graphs``."""
    import pyoxigraph as ox

    for q in quads:
        if not isinstance(q.graph_name, ox.DefaultGraph):
            name = str(q.graph_name)
            graphs[name] = graphs.get(name, 0) + 1
        yield ox.Triple(q.subject, q.predicate, q.object)


def serialize_triples(
    triples: Iterable[Any], fmt: str, *, prefixes: dict[str, str] | None = None
) -> str:
    """Triples as text in ``turtle``, ``ntriples``, ``nquads``, ``rdfxml`` or ``jsonld``
    (prefixes are used by the formats that have them)."""
    import pyoxigraph as ox

    if fmt in ("turtle", "rdfxml") and prefixes:
        out = ox.serialize(triples, format=_ox_format(fmt), prefixes=prefixes)
    else:
        out = ox.serialize(triples, format=_ox_format(fmt))
    return (out or b"").decode("utf-8")

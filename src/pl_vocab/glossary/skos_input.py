"""A district glossary sent as SKOS (Turtle, N-Triples, RDF/XML or JSON-LD), read into the same
rows as a table, with the SKOS integrity checks (family H) as findings.

The safety rules of RDF exchange apply: no DOCTYPE or entity declarations in RDF/XML, no remote or
``file:`` JSON-LD contexts, nothing fetched. Each ``skos:Concept`` becomes one row (numbered in
order of IRI); its position in findings is its IRI (``extra["iri"]``).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Any

from pl_vocab.core.errors import InputError
from pl_vocab.core.model import Location
from pl_vocab.glossary.columns import GlossaryInputError
from pl_vocab.io.formats import record_extensions
from pl_vocab.io.json_safe import JsonInputError
from pl_vocab.io.text import NotUtf8Error, decode_utf8

__all__ = ["read_skos_glossary"]

SKOS = "http://www.w3.org/2004/02/skos/core#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _jsonld(data: bytes, name: str) -> bytes:
    """JSON-LD made safe to parse (contexts bundled or refused), as H001 when it is not."""
    from pl_vocab.rdf.jsonld import jsonld_for_parser

    try:
        text = decode_utf8(data, name)
    except NotUtf8Error as exc:
        raise GlossaryInputError(
            f"not UTF-8 (byte {exc.offset})",
            location=Location(file=name, line=exc.line),
            suggestion="Save it as UTF-8.",
            check_id="H001",
        ) from None
    losses: list[Any] = []
    try:
        safe = jsonld_for_parser(text, source=name, losses=losses)
    except JsonInputError as exc:
        raise GlossaryInputError(
            f"this is not valid JSON ({exc.reason})",
            location=Location(
                file=name, line=exc.line, column=str(exc.column) if exc.column else None
            ),
            suggestion="Fix the JSON there (a missing comma or quote is the usual cause).",
            check_id="H001",
        ) from None
    except InputError as exc:  # a context that would be fetched: the message names its place
        from pl_vocab.rdf.jsonld import UnsafeJsonLdError

        fetched = isinstance(exc, UnsafeJsonLdError)
        raise GlossaryInputError(
            str(exc).removeprefix(f"{name}: ").removeprefix(f"{name}, ").rstrip("."),
            location=Location(file=name),
            suggestion="Embed the context in the document, or use Turtle."
            if fetched
            else "Fix the document there, or export the glossary as Turtle.",
            check_id="H001",
        ) from None
    if losses:  # keys or nodes the RDF parser would drop without a word
        more = f" (and {len(losses) - 1} more)" if len(losses) > 1 else ""
        raise GlossaryInputError(
            f"{losses[0]}{more}",
            location=Location(file=name),
            suggestion="Give every key an IRI (the pl_vocab context or @vocab) and every node an "
            "absolute id.",
            check_id="H001",
        )
    return safe


def _parse(data: bytes, name: str, ext: str) -> list[Any]:
    """The triples of the file, through the one safe RDF parse entry."""
    from pl_vocab.io.rdf import RdfSyntaxError, parse_triples

    fmt = record_extensions().get(ext, "jsonld")  # .ttl .nt .rdf .owl .jsonld
    if fmt == "jsonld":
        data = _jsonld(data, name)
    try:
        return parse_triples(data, fmt, source=name)
    except RdfSyntaxError as exc:
        if exc.unsafe:
            raise GlossaryInputError(
                "RDF/XML with a DOCTYPE or ENTITY declaration is refused (entity expansion can "
                "exhaust memory)",
                location=Location(file=name),
                suggestion="Remove the declaration, or export the glossary as Turtle.",
                check_id="A018",
            ) from None
        raise GlossaryInputError(
            f"is not valid RDF: {exc.reason}",
            location=Location(
                file=name, line=exc.line, column=str(exc.column) if exc.column else None
            ),
            suggestion="Fix the syntax at that position (a validator such as `pl-vocab convert` shows "
            "the same).",
            check_id="H001",
        ) from None


def read_skos_glossary(data: bytes, name: str, *, max_rows: int) -> Any:
    """Read SKOS into a :class:`~pl_vocab.glossary.read.GlossaryTable`."""
    import pyoxigraph as ox

    from pl_vocab.glossary.table import GlossaryRow, GlossaryTable
    from pl_vocab.skos.integrity import check_skos

    ext = "." + name.rsplit(".", 1)[-1].lower()
    triples = _parse(data, name, ext)
    out: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    concepts: set[str] = set()
    for t in triples:
        s = t.subject.value if isinstance(t.subject, ox.NamedNode) else f"_:{t.subject.value}"
        if t.predicate.value == _RDF_TYPE and t.object == ox.NamedNode(SKOS + "Concept"):
            concepts.add(s)
        out[s][t.predicate.value].append(t.object)
    if len(concepts) > max_rows:
        raise GlossaryInputError(
            f"has {len(concepts):,} concepts, more than the limit of {max_rows:,}",
            location=Location(file=name),
            suggestion="Split the scheme, or raise the limit.",
            check_id="A018",
        )

    def text(s: str, prop: str, lang: str) -> list[str]:
        vals = [o for o in out[s].get(SKOS + prop, ()) if isinstance(o, ox.Literal)]
        return [o.value for o in vals if (o.language or "").lower().split("-")[0] == lang] or (
            [o.value for o in vals if not o.language] if lang == "en" else []
        )

    def first(values: list[str]) -> str | None:
        return values[0] if values else None

    rows = []
    ordered = sorted(concepts)
    for i, s in enumerate(ordered, start=1):
        en, es = text(s, "prefLabel", "en"), text(s, "prefLabel", "es")
        term = (en or es or [s.rsplit("/", 1)[-1].rsplit("#", 1)[-1]])[0]
        broader = [b.value for b in out[s].get(SKOS + "broader", ()) if isinstance(b, ox.NamedNode)]
        broader_label = (
            (text(broader[0], "prefLabel", "en") or [broader[0]])[0] if broader else None
        )
        rows.append(
            GlossaryRow(
                row=i,
                line=None,
                term=term,
                definition=first(text(s, "definition", "en")),
                synonyms=text(s, "altLabel", "en"),
                notes=first(text(s, "scopeNote", "en")),
                broader=broader_label,
                language="en" if en else ("es" if es else None),
                term_es=es[0] if es and en else None,
                definition_es=first(text(s, "definition", "es")) if en else None,
                extra={"iri": s},
            )
        )
    findings = check_skos(triples, source=name)
    column_map = {
        "term": "skos:prefLabel",
        "definition": "skos:definition",
        "synonyms": "skos:altLabel",
        "notes": "skos:scopeNote",
        "broader": "skos:broader",
    }
    if any(r.term_es for r in rows):
        column_map |= {"term_es": "skos:prefLabel@es", "definition_es": "skos:definition@es"}
    return GlossaryTable(
        source=name,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding="utf-8",
        delimiter=None,
        sheet=None,
        header=[],
        column_map=column_map,
        rows=rows,
        findings=findings,
    )

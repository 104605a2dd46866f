"""The national vocabulary and district glossaries as SKOS triples (Turtle, JSON-LD, N-Triples).

The vocabulary is already SKOS by construction (``Concept`` is ``skos:Concept``, labels are
``skos:prefLabel`` with language tags, deprecated concepts carry ``owl:deprecated`` and
``dcterms:isReplacedBy``), so it goes through the generic exporter. A district glossary is
projected: its terms become ``skos:Concept`` in a ``skos:ConceptScheme``, and each mapping a SKOS
mapping triple to the national concept.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from pl_vocab.rdf.export import to_triples
from pl_vocab.rdf.plan import RDF_TYPE, get_plan

if TYPE_CHECKING:
    from pl_vocab.core.model import Finding
    from pl_vocab.models import DistrictGlossary

__all__ = ["SKOS_FORMATS", "SkosExport", "export_skos", "glossary_to_skos", "vocabulary_to_skos"]

SKOS = "http://www.w3.org/2004/02/skos/core#"


def vocabulary_to_skos() -> list[ox.Triple]:
    """The national vocabulary as SKOS triples."""
    from pl_vocab.vocabulary import load_vocabulary

    return list(to_triples(load_vocabulary().scheme))


def glossary_to_skos(glossary: DistrictGlossary) -> Iterator[ox.Triple]:
    """A district glossary as SKOS: a ConceptScheme of Concepts, with mappings as SKOS triples."""
    plan = get_plan()
    scheme = ox.NamedNode(plan.expand(glossary.id))
    rdf_type = ox.NamedNode(RDF_TYPE)
    yield from to_triples(glossary)
    yield ox.Triple(scheme, rdf_type, ox.NamedNode(SKOS + "ConceptScheme"))
    predicate_iris: dict[str, Any] = plan.classes["ConceptMapping"].slots["predicate"].enum_to_iri
    for term in glossary.terms or ():
        node = ox.NamedNode(plan.expand(term.id))
        yield ox.Triple(node, rdf_type, ox.NamedNode(SKOS + "Concept"))
        yield ox.Triple(node, ox.NamedNode(SKOS + "inScheme"), scheme)
        if not term.broader_terms:
            yield ox.Triple(scheme, ox.NamedNode(SKOS + "hasTopConcept"), node)
        for m in term.mappings or ():
            yield ox.Triple(
                node,
                ox.NamedNode(predicate_iris[m.predicate]),
                ox.NamedNode(plan.expand(m.concept)),
            )


#: The formats ``export_skos`` writes.
SKOS_FORMATS = ("turtle", "jsonld", "ntriples")


@dataclass(frozen=True)
class SkosExport:
    """SKOS text ready to write, its triples, and the integrity errors that forbid writing it."""

    text: str
    format: str
    triples: list[ox.Triple]
    errors: list[Finding]

    @property
    def ok(self) -> bool:
        """No integrity error (H002-H020 at severity error): the text may be published."""
        return not self.errors


def export_skos(format: str = "turtle", glossary: str | Path | None = None) -> SkosExport:
    """The national vocabulary (or the one DistrictGlossary in the file ``glossary``) as SKOS in
    ``format`` (turtle, jsonld, ntriples), checked with the SKOS integrity checks.

    :raises InputError: an unknown or unwritable format, or a glossary file that cannot be read or
        holds no single DistrictGlossary.
    :raises pl_vocab.rdf.load.RdfDataError: a glossary in RDF that does not fit the schema.

    >>> out = export_skos("ntriples")
    >>> out.ok, out.format, len(out.triples) > 1000
    (True, 'ntriples', True)
    """
    from pl_vocab.core.errors import InputError
    from pl_vocab.exchange import dumps, load
    from pl_vocab.io.formats import normalize_format
    from pl_vocab.skos.integrity import check_skos

    fmt = normalize_format(format)
    if fmt not in SKOS_FORMATS:
        raise InputError(f"export writes {', '.join(SKOS_FORMATS)}, not {fmt}.")
    if glossary is None:
        triples = vocabulary_to_skos()
        if fmt == "jsonld":  # compact, with the published context
            from pl_vocab.vocabulary import load_vocabulary

            text = dumps(load_vocabulary().scheme, "jsonld")
        else:
            text = _serialize(triples, fmt)
    else:
        records = load(glossary, cls="DistrictGlossary")
        glossaries = [r for r in records if type(r).__name__ == "DistrictGlossary"]
        if len(glossaries) != 1:
            raise InputError(f"{glossary}: expected one DistrictGlossary, found {len(glossaries)}.")
        triples = list(glossary_to_skos(glossaries[0]))  # type: ignore[arg-type]
        text = _serialize(triples, fmt)
    errors = [f for f in check_skos(triples) if f.severity.value == "error"]
    return SkosExport(text, fmt, triples, errors)


def _serialize(triples: list[ox.Triple], fmt: str) -> str:
    from pl_vocab.io.rdf import serialize_triples
    from pl_vocab.prefixes import serialization_prefixes

    return serialize_triples(
        triples, fmt, prefixes=serialization_prefixes() if fmt == "turtle" else None
    )

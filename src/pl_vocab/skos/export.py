"""The national vocabulary and district glossaries as SKOS triples (Turtle, JSON-LD, N-Triples).

The vocabulary is already SKOS by construction (``Concept`` is ``skos:Concept``, labels are
``skos:prefLabel`` with language tags, deprecated concepts carry ``owl:deprecated`` and
``dcterms:isReplacedBy``), so it goes through the generic exporter. A district glossary is
projected: its terms become ``skos:Concept`` in a ``skos:ConceptScheme``, and each mapping a SKOS
mapping triple to the national concept.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from pl_vocab.rdf.export import to_triples
from pl_vocab.rdf.plan import RDF_TYPE, get_plan

if TYPE_CHECKING:
    from pl_vocab.models import DistrictGlossary

__all__ = ["glossary_to_skos", "vocabulary_to_skos"]

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

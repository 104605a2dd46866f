"""Objects to RDF, driven by the plan: pyoxigraph terms, or N-Triples text written directly.

One walk over the models' JSON-mode dicts serves both outputs; only the term factory differs. The
N-Triples writer skips building Rust objects (the costliest step) and is checked against the
pyoxigraph path by graph isomorphism in the tests.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

import pyoxigraph as ox
from pydantic import BaseModel

from pl_vocab.core.errors import PlVocabError
from pl_vocab.rdf.plan import RDF_TYPE, XSD, ClassPlan, Plan, get_plan

__all__ = ["canonical_double", "to_ntriples", "to_triples"]

_XSD_DOUBLE = XSD + "double"
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_NT_ESCAPES = {i: f"\\u{i:04X}" for i in (*range(0x20), 0x7F)}
_NT_ESCAPES |= {
    ord("\\"): "\\\\",
    ord('"'): '\\"',
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
}


def canonical_double(value: float) -> str:
    """The canonical xsd:double lexical form, as JSON-LD processors write it.

    >>> canonical_double(3.0), canonical_double(0.15), canonical_double(1234.5)
    ('3.0E0', '1.5E-1', '1.2345E3')
    """
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "INF" if value > 0 else "-INF"
    if value == 0:
        return "-0.0E0" if str(value).startswith("-") else "0.0E0"
    sign, digits, exponent = Decimal(repr(value)).normalize().as_tuple()
    assert isinstance(exponent, int)
    head, tail = str(digits[0]), "".join(map(str, digits[1:])) or "0"
    return f"{'-' if sign else ''}{head}.{tail}E{exponent + len(digits) - 1}"


def _lexical(value: Any, datatype: str | None) -> str:
    if datatype == _XSD_DOUBLE:
        return canonical_double(float(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class _OxTerms:
    """Term factory for pyoxigraph objects (caches the IRIs it repeats)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._iris: dict[str, ox.NamedNode] = {}
        self.rdf_type = self.iri(RDF_TYPE)

    def iri(self, value: str) -> Any:
        node = self._iris.get(value)
        if node is None:
            node = ox.NamedNode(self.plan.expand(value))
            if len(self._iris) < 200_000:
                self._iris[value] = node
        return node

    def bnode(self) -> Any:
        return ox.BlankNode()

    def literal(self, value: Any, datatype: str | None) -> Any:
        if datatype is None:
            return ox.Literal(str(value))
        return ox.Literal(_lexical(value, datatype), datatype=self.iri(datatype))

    def text(self, value: str, language: str) -> Any:
        return ox.Literal(value, language=language)


class _NtTerms:
    """Term factory for N-Triples text: terms are their N-Triples spelling."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._iris: dict[str, str] = {}
        self._labels = itertools.count(1)
        self.rdf_type = self.iri(RDF_TYPE)

    def iri(self, value: str) -> str:
        term = self._iris.get(value)
        if term is None:
            full = self.plan.expand(value)
            if _BAD_IRI.search(full) or ":" not in full:
                raise PlVocabError(
                    f'{value!r} is not a valid IRI (no spaces or <>"{{}}|^`\\ allowed)'
                )
            term = f"<{full}>"
            if len(self._iris) < 200_000:
                self._iris[value] = term
        return term

    def bnode(self) -> str:
        return f"_:b{next(self._labels)}"

    def literal(self, value: Any, datatype: str | None) -> str:
        text = str(value).translate(_NT_ESCAPES) if datatype is None else _lexical(value, datatype)
        return f'"{text}"' if datatype is None else f'"{text}"^^{self.iri(datatype)}'

    def text(self, value: str, language: str) -> str:
        return f'"{value.translate(_NT_ESCAPES)}"@{language.lower()}'  # as pyoxigraph writes tags


def _walk(data: dict[str, Any], cplan: ClassPlan, terms: Any) -> Iterator[tuple[Any, Any, Any]]:
    ident = data.get(cplan.identifier) if cplan.identifier else None
    subject = terms.iri(ident) if ident else terms.bnode()
    yield subject, terms.rdf_type, terms.iri(cplan.iri)
    classes = terms.plan.classes
    for name, value in data.items():
        if name == cplan.identifier or name == cplan.designator or value is None:
            continue
        slot = cplan.slots[name]
        pred = terms.iri(slot.iri)
        kind = slot.kind
        for v in value if slot.multivalued else (value,):
            if kind == "literal":
                yield subject, pred, terms.literal(v, slot.datatype)
            elif kind == "reference" or kind == "iri":
                yield subject, pred, terms.iri(v)
            elif kind == "enum":
                yield subject, pred, terms.iri(slot.enum_to_iri[v])
            elif kind == "localized":
                yield subject, pred, terms.text(v["value"], v["language"])
            else:
                inner = _walk(v, classes[slot.range], terms)
                first = next(inner)
                yield subject, pred, first[0]
                yield first
                yield from inner


def _items(objects: BaseModel | Iterable[BaseModel]) -> Iterable[BaseModel]:
    return [objects] if isinstance(objects, BaseModel) else objects


def to_triples(
    objects: BaseModel | Iterable[BaseModel], plan: Plan | None = None
) -> Iterator[ox.Triple]:
    """Yield the RDF triples of one model object or many (every node gets an rdf:type).

    >>> from pl_vocab.models import Learner
    >>> [str(t.predicate) for t in to_triples(Learner(id="plv:learner/1", grade_level="7"))]
    ['<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>', '<https://schema.org/educationalLevel>']
    """
    plan = plan or get_plan()
    terms = _OxTerms(plan)
    for obj in _items(objects):
        cplan = plan.classes[type(obj).__name__]
        for s, p, o in _walk(obj.model_dump(mode="json", exclude_none=True), cplan, terms):
            yield ox.Triple(s, p, o)


def to_ntriples(
    objects: BaseModel | Iterable[BaseModel], plan: Plan | None = None
) -> Iterator[str]:
    """Yield N-Triples lines (each ending in a newline), the fast path for N-Triples and N-Quads.

    >>> from pl_vocab.models import Learner
    >>> print("".join(to_ntriples(Learner(id="plv:learner/1", grade_level="7"))), end="")
    <https://w3id.org/pl-vocab/learner/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/pl-vocab/Learner> .
    <https://w3id.org/pl-vocab/learner/1> <https://schema.org/educationalLevel> "7" .
    """
    plan = plan or get_plan()
    terms = _NtTerms(plan)
    for obj in _items(objects):
        cplan = plan.classes[type(obj).__name__]
        for s, p, o in _walk(obj.model_dump(mode="json", exclude_none=True), cplan, terms):
            yield f"{s} {p} {o} .\n"

"""Objects to RDF triples, driven by the plan (pyoxigraph terms: fast, and no network ever)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

import pyoxigraph as ox
from pydantic import BaseModel

from pl_vocab.rdf.plan import RDF_TYPE, XSD, ClassPlan, Plan, get_plan

__all__ = ["canonical_double", "to_triples"]

_XSD_DOUBLE = XSD + "double"


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


class _Writer:
    """Walks plain JSON-mode dicts of the models and yields triples; caches terms it repeats."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.rdf_type = ox.NamedNode(RDF_TYPE)
        self._iri_cache: dict[str, ox.NamedNode] = {}
        self._dt_cache: dict[str, ox.NamedNode] = {}

    def iri(self, value: str) -> ox.NamedNode:
        node = self._iri_cache.get(value)
        if node is None:
            node = ox.NamedNode(self.plan.expand(value))
            if len(self._iri_cache) < 200_000:
                self._iri_cache[value] = node
        return node

    def _literal(self, value: Any, datatype: str | None) -> ox.Literal:
        if datatype is None:
            return ox.Literal(str(value))
        dt = self._dt_cache.get(datatype)
        if dt is None:
            dt = self._dt_cache[datatype] = ox.NamedNode(datatype)
        if datatype == _XSD_DOUBLE:
            return ox.Literal(canonical_double(float(value)), datatype=dt)
        if isinstance(value, bool):
            return ox.Literal("true" if value else "false", datatype=dt)
        return ox.Literal(str(value), datatype=dt)

    def node(
        self, data: dict[str, Any], cplan: ClassPlan
    ) -> Iterator[tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, Any]]:
        # a triple is yielded as (subject, predicate, object); the caller wraps them
        ident = data.get(cplan.identifier) if cplan.identifier else None
        subject: ox.NamedNode | ox.BlankNode = self.iri(ident) if ident else ox.BlankNode()
        yield subject, self.rdf_type, self.iri(cplan.iri)
        for name, value in data.items():
            if name == cplan.identifier or value is None:
                continue
            slot = cplan.slots[name]
            pred = self.iri(slot.iri)
            values = value if slot.multivalued else (value,)
            for v in values:
                if slot.kind == "literal":
                    yield subject, pred, self._literal(v, slot.datatype)
                elif slot.kind in ("reference", "iri"):
                    yield subject, pred, self.iri(v)
                elif slot.kind == "enum":
                    yield subject, pred, self.iri(slot.enum_to_iri[v])
                elif slot.kind == "localized":
                    yield subject, pred, ox.Literal(v["value"], language=v["language"])
                else:
                    child = self.plan.classes[slot.range]
                    inner = list(self.node(v, child))
                    yield subject, pred, inner[0][0]
                    yield from inner


def to_triples(
    objects: BaseModel | Iterable[BaseModel], plan: Plan | None = None
) -> Iterator[ox.Triple]:
    """Yield the RDF triples of one model object or many (every node gets an rdf:type).

    >>> from pl_vocab.models import Learner
    >>> [str(t.predicate) for t in to_triples(Learner(id="plv:learner/1", grade_level="7"))]
    ['<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>', '<https://schema.org/educationalLevel>']
    """
    plan = plan or get_plan()
    writer = _Writer(plan)
    items = [objects] if isinstance(objects, BaseModel) else objects
    for obj in items:
        cplan = plan.classes[type(obj).__name__]
        data = obj.model_dump(mode="json", exclude_none=True)
        for s, p, o in writer.node(data, cplan):
            yield ox.Triple(s, p, o)

"""RDF triples back to validated model objects, driven by the plan.

Every triple must fit a slot of its subject's class; one that does not is reported with its subject
and predicate, never dropped. Values of sensitive slots never appear in a problem.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from pydantic import BaseModel, ValidationError

from pl_vocab.errors import PlVocabError
from pl_vocab.rdf.plan import (
    RDF_TYPE,
    XSD,
    ClassPlan,
    Plan,
    SlotPlan,
    canonical_language_tag,
    get_plan,
)

__all__ = ["RdfDataError", "RdfProblem", "from_triples"]

_XSD_BOOLEAN, _XSD_INTEGER, _XSD_DOUBLE = XSD + "boolean", XSD + "integer", XSD + "double"
_XSD_FLOAT, _XSD_DECIMAL = XSD + "float", XSD + "decimal"


@dataclass(frozen=True)
class RdfProblem:
    """Something in the RDF that does not fit the schema, with where it is."""

    subject: str
    predicate: str | None
    message: str

    def __str__(self) -> str:
        where = f"<{self.subject}>" + (f" <{self.predicate}>" if self.predicate else "")
        return f"{where}: {self.message}"


class RdfDataError(PlVocabError):
    """The RDF does not fit the pl_vocab schema; ``problems`` lists every problem found."""

    def __init__(self, problems: list[RdfProblem], source: str = "<input>") -> None:
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(
            f"{source}: {len(problems)} problem(s) fitting the RDF to the schema:\n{shown}{more}"
        )


def _term_key(term: Any) -> str:
    return term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"


class _Reader:
    def __init__(self, plan: Plan, triples: Iterable[Any]) -> None:
        self.plan = plan
        self.props: dict[Any, list[tuple[str, Any]]] = defaultdict(list)
        self.types: dict[Any, list[str]] = defaultdict(list)
        self.problems: list[RdfProblem] = []
        for t in triples:
            s, p, o = t.subject, t.predicate.value, t.object
            if p == RDF_TYPE and isinstance(o, ox.NamedNode):
                self.types[s].append(o.value)
            else:
                self.props[s].append((p, o))

    def class_of(self, subject: Any) -> ClassPlan | None:
        known = [
            self.plan.by_class_iri[t]
            for t in self.types.get(subject, ())
            if t in self.plan.by_class_iri
        ]
        return known[0] if len(known) == 1 else None

    def roots(self) -> list[tuple[Any, ClassPlan]]:
        nested: set[Any] = set()
        typed: list[tuple[Any, ClassPlan]] = []
        for subject, type_iris in self.types.items():
            cplan = self.class_of(subject)
            if cplan is None:
                known = [t for t in type_iris if t in self.plan.by_class_iri]
                if len(known) > 1:
                    self.problems.append(
                        RdfProblem(_term_key(subject), RDF_TYPE, "has more than one pl_vocab class")
                    )
                continue
            typed.append((subject, cplan))
            for p, o in self.props.get(subject, ()):
                slot = cplan.by_predicate.get(p)
                if slot is not None and slot.kind == "inlined":
                    nested.add(o)
        return [(s, c) for s, c in typed if s not in nested]

    def value(self, subject: Any, slot: SlotPlan, obj: Any) -> Any:
        where = (_term_key(subject), slot.iri)
        if slot.kind == "localized":
            if not isinstance(obj, ox.Literal) or not obj.language:
                self.problems.append(RdfProblem(*where, "expects a language-tagged text"))
                return None
            return {"value": obj.value, "language": canonical_language_tag(obj.language)}
        if slot.kind == "inlined":
            return self.build(obj, self.plan.classes[slot.range])
        if slot.kind in ("reference", "iri", "enum"):
            if not isinstance(obj, ox.NamedNode):
                self.problems.append(
                    RdfProblem(*where, "expects an IRI, found a literal or blank node")
                )
                return None
            if slot.kind == "enum":
                found = slot.iri_to_enum.get(obj.value)
                if found is None:
                    self.problems.append(
                        RdfProblem(
                            *where, f"<{obj.value}> is not one of the values of {slot.range}"
                        )
                    )
                return found
            return self.plan.compress(obj.value)
        if not isinstance(obj, ox.Literal):
            self.problems.append(
                RdfProblem(*where, "expects a literal value, found an IRI or node")
            )
            return None
        dt = obj.datatype.value
        try:
            if dt == _XSD_BOOLEAN:
                return obj.value in ("true", "1")
            if dt == _XSD_INTEGER:
                return int(obj.value)
            if dt in (_XSD_DOUBLE, _XSD_FLOAT, _XSD_DECIMAL):
                return float(obj.value)
        except ValueError:
            what = "a value" if slot.sensitive else repr(obj.value)
            self.problems.append(
                RdfProblem(*where, f"{what} is not a valid {dt.rsplit('#', 1)[-1]}")
            )
            return None
        return obj.value

    def build(self, subject: Any, cplan: ClassPlan) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if cplan.identifier and isinstance(subject, ox.NamedNode):
            data[cplan.identifier] = self.plan.compress(subject.value)
        for p, o in self.props.get(subject, ()):
            slot = cplan.by_predicate.get(p)
            if slot is None:
                self.problems.append(
                    RdfProblem(
                        _term_key(subject), p, f"fits no slot of {cplan.name}; it was not loaded"
                    )
                )
                continue
            v = self.value(subject, slot, o)
            if v is None:
                continue
            if slot.multivalued:
                data.setdefault(slot.name, []).append(v)
            elif slot.name in data:
                self.problems.append(
                    RdfProblem(_term_key(subject), p, f"{slot.name} takes one value, found several")
                )
            else:
                data[slot.name] = v
        return data


def from_triples(
    triples: Iterable[Any], *, source: str = "<input>", plan: Plan | None = None
) -> list[BaseModel]:
    """Build validated model objects from RDF triples (or quads: the graph name is ignored).

    The top-level objects are the typed nodes that no other node inlines. References stay IRIs.

    :raises RdfDataError: listing every triple that fits no slot and every invalid value.
    """
    from pl_vocab.models import model_class

    plan = plan or get_plan()
    reader = _Reader(plan, triples)
    out: list[BaseModel] = []
    for subject, cplan in sorted(reader.roots(), key=lambda sc: _term_key(sc[0])):
        data = reader.build(subject, cplan)
        try:
            out.append(model_class(cplan.name).model_validate(data))
        except ValidationError as exc:
            for e in exc.errors(include_input=False, include_url=False):
                path = ".".join(str(x) for x in e["loc"])
                reader.problems.append(
                    RdfProblem(
                        _term_key(subject),
                        None,
                        f"{cplan.name}.{path}: {e['type'].replace('_', ' ')}",
                    )
                )
    if reader.problems:
        raise RdfDataError(reader.problems, source)
    return out

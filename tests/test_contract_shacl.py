"""The JSON Schema (with the models) and the SHACL shapes give one verdict on every example.

Both are generated from one schema; where LinkML gave a constraint two meanings (before:
``minimum_cardinality: 1`` without ``required`` was optional in the JSON Schema and "at least one"
in SHACL, so a scale without levels passed ``validate`` and failed SHACL) the schema now says
``required``. Each example's data is turned into RDF as the exporter would, leniently (a value
that breaks the schema is written as it is, so SHACL can see it), and checked with pyshacl
against ``_generated/shapes-record.ttl``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from pl_vocab._resources import generated_text
from pl_vocab.core.model import Location
from pl_vocab.io.yaml_safe import load_yaml
from pl_vocab.rdf.export import _lexical
from pl_vocab.rdf.plan import RDF_TYPE, get_plan
from pl_vocab.validation.layers import check_structure

from .conftest import DATA

pytest.importorskip("pyshacl")
import pyoxigraph as ox
import rdflib

EXAMPLES = sorted(DATA.glob("*/*.yaml"))
# What the JSON Schema refuses and SHACL cannot see, by the nature of RDF: each one is checked to
# still disagree, so the list cannot rot.
KNOWN_LIMITS = {
    "invalid/Competency-003.yaml": "one value or a list of one: the same triples in RDF",
    "invalid/Educator-001.yaml": "one value or a list of one: the same triples in RDF",
    "invalid/LearnerGoal-004.yaml": "one value or a list of one: the same triples in RDF",
    "invalid/Concept-002.yaml": "SHACL can list language tags (sh:languageIn), not check their form",
    "invalid/Learner-001.yaml": "rdflib, under pyshacl, cuts an xsd:date literal to its date part",
}
# the examples of "at least one" (minimum_cardinality: 1), which both now refuse
AT_LEAST_ONE = [
    "invalid/ProficiencyScale-003.yaml",
    "invalid/LearningProgression-003.yaml",
    "invalid/Consent-004.yaml",
]


class _NotRdfError(Exception):
    """A value RDF cannot write at all (an IRI that is not one)."""


def _iri(value: Any) -> Any:
    try:
        return ox.NamedNode(get_plan().expand(str(value)))
    except ValueError:
        raise _NotRdfError from None


def _literal(value: Any, datatype: str | None) -> Any:
    if datatype is None:
        return ox.Literal(str(value))
    try:
        lexical = _lexical(value, datatype)
    except (TypeError, ValueError):
        lexical = str(value)
    return ox.Literal(lexical, datatype=ox.NamedNode(datatype))


def _term(value: Any, slot: Any, out: list[Any]) -> Any:
    if slot is None:  # an unknown field: a plv: property, which the closed shapes refuse
        return ox.Literal(str(value))
    kind = slot.kind
    if kind == "literal":
        return _literal(value, slot.datatype)
    if kind in ("iri", "reference"):
        return _iri(value)
    if kind == "enum":
        meaning = slot.enum_to_iri.get(value) if isinstance(value, str) else None
        return ox.NamedNode(meaning) if meaning else ox.Literal(str(value))
    if kind == "localized":
        try:
            return ox.Literal(value["value"], language=value["language"])
        except (KeyError, TypeError, ValueError):
            return ox.Literal(str(value))
    return _triples(value, slot.range, out) if isinstance(value, dict) else ox.Literal(str(value))


def _triples(data: dict[str, Any], cls: str, out: list[Any]) -> Any:
    """Append the triples of ``data`` (as the exporter writes them) to ``out``; the subject."""
    plan = get_plan()
    cplan = plan.classes[cls]
    ident = data.get(cplan.identifier) if cplan.identifier else None
    subject = _iri(ident) if isinstance(ident, str) else ox.BlankNode()
    out.append(ox.Triple(subject, ox.NamedNode(RDF_TYPE), ox.NamedNode(cplan.iri)))
    for name, value in data.items():
        if name in (cplan.identifier, cplan.designator) or value is None:
            continue
        slot = cplan.slots.get(name)
        predicate = ox.NamedNode(slot.iri if slot else f"https://w3id.org/pl-vocab/{name}")
        for v in value if isinstance(value, list) else [value]:
            out.append(ox.Triple(subject, predicate, _term(v, slot, out)))
    return subject


def _verdicts(path: Path) -> tuple[bool, bool]:
    """(the JSON Schema and models accept it, SHACL accepts it)."""
    cls = path.stem.rsplit("-", 1)[0]
    data = load_yaml(path)
    structure = check_structure(data, cls, Location()) == []
    triples: list[Any] = []
    try:
        _triples(data, cls, triples)
    except _NotRdfError:
        return structure, False
    return structure, _conforms(triples)


@cache
def _shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(data=generated_text("shapes-record.ttl"), format="turtle")


def _conforms(triples: list[Any]) -> bool:
    """pyshacl's verdict with the record shapes, as ``pl_vocab.shacl.validate_shacl`` runs it
    (the shapes parsed once here: parsing them is most of the cost of a call)."""
    import pyshacl

    nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    data = rdflib.Graph().parse(data=(nt or b"").decode("utf-8"), format="nt")
    conforms, _, _ = pyshacl.validate(data, shacl_graph=_shapes(), inference="none")
    return bool(conforms)


def _key(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@pytest.mark.parametrize("path", EXAMPLES, ids=_key)
def test_json_schema_and_shacl_agree(path: Path) -> None:
    structure, shacl = _verdicts(path)
    if _key(path) in KNOWN_LIMITS:
        assert (structure, shacl) == (False, True), "no longer a known limit: take it off the list"
    else:
        assert structure == shacl
        if path.parent.name == "valid":
            assert structure


@pytest.mark.parametrize("name", AT_LEAST_ONE)
def test_at_least_one_means_required_in_both(name: str) -> None:
    assert _verdicts(DATA / name) == (False, False)

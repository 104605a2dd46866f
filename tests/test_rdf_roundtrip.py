"""Lossless exchange: every class, through every format, comes back equal (canonical form)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pl_vocab import exchange
from pl_vocab.models import model_class
from pl_vocab.rdf.plan import get_plan

from .strategies import concrete_classes, record

CLASSES = concrete_classes()
FORMATS = ["json", "yaml", "ndjson", "jsonld", "turtle", "ntriples", "nquads"]


def canonical(value: Any, cls: str) -> Any:
    """Sets sorted, CURIEs expanded, datetimes in UTC 'Z', empty lists dropped."""
    plan = get_plan()
    cplan = plan.classes[cls]
    out: dict[str, Any] = {}
    for name, v in value.items():
        if v is None or v == []:
            continue
        slot = cplan.slots[name]

        def one(x: Any, name: str = name, slot: Any = slot) -> Any:
            if name == cplan.identifier or slot.kind in ("reference", "iri"):
                return plan.expand(x)
            if slot.kind == "inlined":
                return canonical(x, slot.range)
            if slot.range == "datetime":
                return dt.datetime.fromisoformat(x).astimezone(dt.UTC).isoformat()
            return x

        if slot.multivalued:
            out[name] = sorted((one(x) for x in v), key=lambda x: json.dumps(x, sort_keys=True))
        else:
            out[name] = one(v)
    return out


def dump_canonical(obj: Any) -> Any:
    return canonical(obj.model_dump(mode="json", exclude_none=True), type(obj).__name__)


@pytest.mark.parametrize("cls", CLASSES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_class_round_trips_through_every_format(cls: str, fmt: str) -> None:
    @settings(max_examples=3)
    @given(record(cls))
    def check(data: dict[str, Any]) -> None:
        obj = model_class(cls).model_validate(data)
        back = exchange.loads(exchange.dumps([obj], fmt), fmt, cls=cls)
        assert len(back) == 1
        assert type(back[0]) is type(obj)
        assert dump_canonical(back[0]) == dump_canonical(obj)

    check()


@given(st.lists(record("NarrativeAssessment"), min_size=1, max_size=4))
def test_batches_round_trip_through_turtle(items: list[dict[str, Any]]) -> None:
    # give each record a distinct namespace of identifiers: in RDF, equal IRIs are one node
    items = [
        json.loads(json.dumps(d).replace("urn:uuid:", f"urn:uuid:{i}")) for i, d in enumerate(items)
    ]
    objs = [model_class("NarrativeAssessment").model_validate(d) for d in items]
    back = exchange.loads(exchange.dumps(objs, "turtle"), "turtle")
    key = lambda o: o.id  # noqa: E731
    assert [dump_canonical(o) for o in sorted(back, key=key)] == [
        dump_canonical(o) for o in sorted(objs, key=key)
    ]


@pytest.mark.parametrize(
    "cls", ["NarrativeAssessment", "Concept", "LearnerIdentity", "TechnologyReview", "RecordSet"]
)
def test_rdflib_graph_is_isomorphic_to_the_fast_path(cls: str) -> None:
    import rdflib
    from rdflib import Graph
    from rdflib.compare import isomorphic

    rdflib.NORMALIZE_LITERALS = False  # compare lexical forms as written, as pyoxigraph keeps them

    @settings(max_examples=4)
    @given(record(cls))
    def check(data: dict[str, Any]) -> None:
        obj = model_class(cls).model_validate(data)
        slow = exchange.to_rdflib_graph(obj)
        fast = Graph().parse(data=exchange.dumps(obj, "ntriples"), format="nt")
        assert isomorphic(slow, fast)
        # and the JSON-LD, read by pyoxigraph, gives the same graph
        via_jsonld = exchange.loads(exchange.dumps(obj, "jsonld"), "jsonld", cls=cls)[0]
        assert isomorphic(exchange.to_rdflib_graph(via_jsonld), slow)

    check()

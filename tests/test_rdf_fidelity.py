"""Issue 12 §2 and §5 (RDF's part): nothing in JSON-LD or RDF input is dropped or changed without
a finding, the bundled context is protected, and shared or deep nodes load in bounded work."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pl_vocab import exchange
from pl_vocab.core.errors import InputError
from pl_vocab.models import Learner
from pl_vocab.rdf.jsonld import CONTEXT_IRI, bundled_context
from pl_vocab.rdf.load import RdfDataError
from pl_vocab.rdf.plan import get_plan

from .strategies import concrete_classes, record

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
PLV = "https://w3id.org/pl-vocab/"
XSD = "http://www.w3.org/2001/XMLSchema#"
GRADE = get_plan().classes["Learner"].slots["grade_level"].iri


def _jsonld(doc: Any) -> list[Any]:
    return exchange.loads(json.dumps(doc), "jsonld")


def _problems(doc: Any, fmt: str = "jsonld") -> list[str]:
    text = doc if isinstance(doc, str) else json.dumps(doc)
    with pytest.raises(RdfDataError) as info:
        exchange.loads(text, fmt)
    return [str(p) for p in info.value.problems]


LEARNER = {"id": "plv:learner/1", "type": "Learner", "grade_level": "7"}


@pytest.mark.parametrize(
    ("doc", "lost"),
    [
        (LEARNER, "grade_level"),  # no @context at all
        (
            {"@context": [CONTEXT_IRI, {"@vocab": None}], **LEARNER, "grade_levle": "7"},
            "grade_levle",
        ),
        ({"@context": {"x": None}, "x": "1"}, "$.x"),
        ({"@context": CONTEXT_IRI, **LEARNER, "@foo": 1}, "@foo"),
        ({"@context": CONTEXT_IRI, "@graph": [{**LEARNER, "id": "learner/1"}]}, "relative IRI"),
        ({"@context": CONTEXT_IRI, **LEARNER, "id": "urn:x:a|b"}, "not a valid IRI"),
    ],
)
def test_a_key_or_node_the_parser_would_drop_is_a_problem_with_its_path(
    doc: Any, lost: str
) -> None:
    problems = _problems(doc)
    assert any(lost in p for p in problems), problems
    assert all("Secret" not in p for p in problems)


@pytest.mark.parametrize(
    "local",
    [
        {"name": "https://schema.org/educationalLevel"},
        {"plv": "https://example.org/other/"},
        {"grade_level": None},
        None,
    ],
)
def test_the_bundled_context_is_protected(local: Any) -> None:
    assert bundled_context()["@protected"] is True
    doc = {
        "@context": [CONTEXT_IRI, local],
        "id": "plv:person/1",
        "type": "Person",
        "name": "Secret",
    }
    with pytest.raises(InputError) as info:
        _jsonld(doc)
    assert "$.@context[1]" in str(info.value) and "Secret" not in str(info.value)


def test_restating_a_protected_term_as_it_is_is_allowed() -> None:
    ctx = bundled_context()
    doc = {"@context": [CONTEXT_IRI, {"grade_level": ctx["grade_level"]}], **LEARNER}
    assert _jsonld(doc)[0].grade_level == "7"


@pytest.mark.parametrize(
    "literal",
    ['"Escuela"@es', f'"7"^^<{XSD}integer>', f'"7"^^<{XSD}dateTime>'],
)
def test_a_tag_or_datatype_a_plain_slot_cannot_keep_is_reported(literal: str) -> None:
    nt = f"<{PLV}learner/1> {RDF_TYPE} <{PLV}Learner> .\n<{PLV}learner/1> <{GRADE}> {literal} .\n"
    assert any("cannot keep" in p for p in _problems(nt, "ntriples"))


def test_named_graphs_are_reported_and_repeated_triples_are_one() -> None:
    line = f"<{PLV}learner/1> {RDF_TYPE} <{PLV}Learner>"
    assert len(exchange.loads(f"{line} .\n{line} .\n", "nquads")) == 1
    assert any("named graph" in p for p in _problems(f"{line} <http://g/1> .\n", "nquads"))


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld"])
def test_integers_beyond_2_to_the_53_stay_exact(fmt: str) -> None:
    from pl_vocab.models import model_class

    cls = next(c for c in concrete_classes() if c == "ProficiencyLevel")
    data = next(iter([_example(cls)]))
    data["rank"] = 2**60 + 1
    obj = model_class(cls).model_validate(data)
    back = exchange.loads(exchange.dumps([obj], fmt), fmt)
    assert back[0].rank == 2**60 + 1  # type: ignore[attr-defined]


def _example(cls: str) -> dict[str, Any]:
    from hypothesis import find

    return dict(find(record(cls), lambda d: True))


def test_a_node_inlined_under_many_parents_loads_in_bounded_work(monkeypatch: Any) -> None:
    # a chain of shared nodes: rebuilt per parent, 2**40 copies; shared, or refused, linear
    plan = get_plan().classes["ConceptScheme"]
    concepts = plan.slots["concepts"].iri
    lines = [f"<{PLV}s/{i}> {RDF_TYPE} <{plan.iri}> ." for i in range(40)]
    lines += [f"<{PLV}s/0> <{concepts}> <{PLV}s/{i}> ." for i in range(1, 3)]
    lines += [f"<{PLV}s/{i}> <{concepts}> <{PLV}s/{i + 1}> ." for i in range(1, 39)]
    lines += [f"<{PLV}s/{i}> <{concepts}> <{PLV}s/{i + 2}> ." for i in range(1, 38)]
    with pytest.raises(RdfDataError):
        exchange.loads("\n".join(lines) + "\n", "ntriples")


def test_a_node_that_inlines_itself_is_a_problem_not_a_crash() -> None:
    plan = get_plan().classes["ConceptScheme"]
    nt = (
        f"<{PLV}s/1> {RDF_TYPE} <{plan.iri}> .\n"
        f"<{PLV}s/1> <{plan.slots['concepts'].iri}> _:c .\n"
        f"_:c {RDF_TYPE} <{get_plan().classes['Concept'].iri}> .\n"
        f"_:c <{get_plan().classes['Concept'].slots['sources'].iri}> _:c .\n"
    )
    with pytest.raises(RdfDataError):
        exchange.loads(nt, "ntriples")


def test_deep_json_ld_is_refused_with_the_nesting_limit() -> None:
    doc: Any = {"x": 1}
    for _ in range(900):
        doc = {"@context": CONTEXT_IRI, "type": "Learner", "organization": doc}
    with pytest.raises(InputError, match="PL_VOCAB_MAX_NESTING"):
        _jsonld(doc)


_IDS = st.sampled_from(
    ["urn:x:a", "https://example.org/a?b=c&d=e#f", "urn:uuid:1-2", "plv:x/y", "http://h/%41~"]
)


@settings(max_examples=25, deadline=None)
@given(
    cls=st.sampled_from(concrete_classes()),
    data=st.data(),
    fmt=st.sampled_from(["jsonld", "turtle", "ntriples", "nquads"]),
)
def test_what_pl_vocab_writes_it_reads_back(cls: str, data: st.DataObject, fmt: str) -> None:
    from pl_vocab.models import model_class

    body = data.draw(record(cls))
    if "id" in body:
        body["id"] = data.draw(_IDS)
    obj = model_class(cls).model_validate(body)
    back = exchange.loads(exchange.dumps([obj], fmt), fmt)
    assert [_plain(o.model_dump(mode="json")) for o in back] == [
        _plain(obj.model_dump(mode="json"))
    ]


def _plain(value: Any) -> Any:
    """A dump without absent values (an empty list has no triple: it reads back as absent)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v not in (None, [])}
    if isinstance(value, list):
        return sorted((_plain(v) for v in value), key=repr)
    return value


def test_learner_round_trip_smoke() -> None:
    obj = Learner(id="plv:learner/1", grade_level="7")
    assert exchange.loads(exchange.dumps([obj], "jsonld"), "jsonld") == [obj]


def test_a_repeated_triple_in_a_single_valued_slot_is_one_value() -> None:
    line = f'<{PLV}learner/1> <{GRADE}> "7" .\n'
    nt = f"<{PLV}learner/1> {RDF_TYPE} <{PLV}Learner> .\n{line}{line}"
    assert exchange.loads(nt, "ntriples")[0].grade_level == "7"  # type: ignore[attr-defined]


def test_a_skos_glossary_in_json_ld_that_would_lose_keys_is_refused() -> None:
    from pl_vocab.glossary.columns import GlossaryInputError
    from pl_vocab.glossary.skos_input import read_skos_glossary

    doc = {"@id": "http://ex.org/c/1", "prefLabel": "lost"}  # no context: nothing would load
    with pytest.raises(GlossaryInputError, match="maps to no IRI"):
        read_skos_glossary(json.dumps(doc).encode(), "g.jsonld", max_rows=10)
    deep: Any = {"@id": "http://ex.org/c/1"}
    for _ in range(900):
        deep = {"@id": "http://ex.org/c/1", "http://ex.org/p": deep}
    with pytest.raises(InputError, match="limit of 200"):
        read_skos_glossary(json.dumps(deep).encode(), "g.jsonld", max_rows=10)


def test_problems_past_the_first_thousand_are_counted_not_listed() -> None:
    nt = "".join(f'<{PLV}x/{i}> <{PLV}p> "v" .\n' for i in range(1500))
    with pytest.raises(RdfDataError) as info:
        exchange.loads(nt, "ntriples")
    assert len(info.value.problems) == 1001 and "500 more" in info.value.problems[-1].message

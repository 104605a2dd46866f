"""The typed schema index and the one prefix map (pl_vocab.schema_index, pl_vocab.prefixes)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pl_vocab import prefixes
from pl_vocab.prefixes import PrefixMap, UnknownPrefixError, compress, expand
from pl_vocab.schema_index import schema_index


def test_loaded_once() -> None:
    assert schema_index() is schema_index()
    assert prefixes.prefix_map() is prefixes.prefix_map()


def test_every_class_and_slot_is_carried_whole(schema_index: dict[str, Any]) -> None:
    from pl_vocab.schema_index import schema_index as typed

    index = typed()
    assert set(index.classes) == set(schema_index["classes"])
    for name, raw in schema_index["classes"].items():
        c = index.classes[name]
        assert (c.class_uri, c.identifier, c.abstract, c.mixin, c.is_a) == (
            raw["class_uri"],
            raw["identifier"],
            raw["abstract"],
            raw["mixin"],
            raw["is_a"],
        )
        assert list(c.slots) == list(raw["slots"])
        for sname, s in raw["slots"].items():
            got = c.slots[sname]
            for key, value in s.items():
                assert getattr(got, key) == value, (name, sname, key)
    assert index.prefixes == schema_index["prefixes"]
    assert index.types == schema_index["types"]
    assert index.sensitive_slots == frozenset(schema_index["sensitive_slots"])
    for ename, raw_enum in schema_index["enums"].items():
        values = index.enums[ename].values
        assert list(values) == list(raw_enum["values"])
        assert all(values[v].meaning == body["meaning"] for v, body in raw_enum["values"].items())


def test_readers_share_the_typed_index() -> None:
    from pl_vocab.rdf.plan import get_plan
    from pl_vocab.validation.index import class_info, known_classes

    index = schema_index()
    assert known_classes() == index.concrete_classes()
    assert class_info("LearnerGoal").slots is index.classes["LearnerGoal"].slots
    assert get_plan().prefixes == index.prefixes


_LOCAL = st.text("abcdefghijklmnopqrstuvwxyz0123456789-_/#", min_size=1, max_size=20).filter(
    lambda s: not s.startswith("//")
)


@given(st.sampled_from(sorted(schema_index().prefixes)), _LOCAL)
def test_expand_then_compress_with_every_prefix(prefix: str, local: str) -> None:
    iri = expand(f"{prefix}:{local}")
    assert iri == schema_index().prefixes[prefix] + local
    back = compress(iri, only=None)
    assert expand(back) == iri  # the longest namespace may be another prefix's


@given(_LOCAL)
def test_own_iris_compress_to_the_most_specific_own_prefix(local: str) -> None:
    assert compress(expand(f"plvc:{local}")) == f"plvc:{local}"
    if not local.startswith("concept/"):
        assert compress(expand(f"plv:{local}")) == f"plv:{local}"


@pytest.mark.parametrize(
    "value",
    ["urn:uuid:6f1c2d7e", "https://example.org/x", "http://example.org/x", "mailto:a@b.org", "x"],
)
def test_non_curies_are_left_as_they_are(value: str) -> None:
    assert expand(value) == value
    assert compress(value) == value


def test_unknown_prefixes_are_explicit() -> None:
    assert expand("foo:bar") == "foo:bar"
    with pytest.raises(UnknownPrefixError, match="'foo'"):
        expand("foo:bar", strict=True)
    assert expand("urn:x:1", strict=True) == "urn:x:1"
    assert expand("ex://host/x", strict=True) == "ex://host/x"
    assert isinstance(UnknownPrefixError("x"), ValueError)


def test_a_namespace_itself_is_not_compressed() -> None:
    m = PrefixMap({"ex": "https://e.org/", "exv": "https://e.org/v/"})
    assert m.compress("https://e.org/v/", only=None) == "https://e.org/v/"
    assert m.compress("https://e.org/", only=None) == "https://e.org/"


@pytest.mark.parametrize(
    "value",
    ["plvc:equity", "plv:facet/assessment", "skos:Concept", "urn:uuid:1", "https://e.org/x"],
)
def test_the_other_expanders_agree_with_the_prefix_map(value: str) -> None:
    # validation.rules.expand and exchange._prefixes are to switch to pl_vocab.prefixes
    from pl_vocab.rdf.plan import get_plan
    from pl_vocab.validation import rules
    from pl_vocab.vocabulary import Vocabulary

    assert rules.expand(value) == get_plan().expand(value) == Vocabulary.expand(value)
    assert rules.expand(value) == expand(value)


def test_turtle_output_declares_the_serialization_prefixes() -> None:
    from pl_vocab import dumps
    from pl_vocab.models import Learner

    turtle = dumps(Learner(id="https://district.example.org/learners/1"), "turtle")
    declared = dict(
        line.removeprefix("@prefix ").rstrip(" .").split(": ", 1)
        for line in turtle.splitlines()
        if line.startswith("@prefix ")
    )
    wanted = {k: f"<{v}>" for k, v in prefixes.serialization_prefixes().items()}
    assert declared == wanted

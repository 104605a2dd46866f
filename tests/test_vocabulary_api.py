"""The Python API for looking concepts up."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pl_vocab import UnknownConceptError, load_vocabulary, normalize_label
from pl_vocab.vocabulary import Vocabulary


def test_loaded_once() -> None:
    assert load_vocabulary() is load_vocabulary()


@pytest.mark.parametrize(
    "key",
    [
        "plvc:narrative-assessment",
        "https://w3id.org/pl-vocab/concept/narrative-assessment",
        "plv:concept/narrative-assessment",
        "narrative assessment",
        "Narrative Assessment",
        "narrative-assessment",
        "evaluación narrativa",
        "EVALUACIÓN NARRATIVA",
    ],
)
def test_lookup_by_iri_curie_and_label_in_both_languages(vocab: Vocabulary, key: str) -> None:
    assert vocab.concept(key).id == "plvc:narrative-assessment"
    assert key in vocab


def test_alt_labels_and_language_filter(vocab: Vocabulary) -> None:
    assert vocab.concept("student voice").id == "plvc:learner-voice"
    assert vocab.get("evaluación narrativa", language="en") is None
    assert vocab.get("evaluación narrativa", language="es") is not None


def test_hidden_labels_never_resolve_directly(vocab: Vocabulary) -> None:
    assert vocab.get("PBL") is None
    assert len({c.id for c, _, _ in vocab.lookup("pbl")}) == 2


def test_unknown_concept_suggests_the_nearest_label(vocab: Vocabulary) -> None:
    with pytest.raises(UnknownConceptError, match="learning loss"):
        vocab.concept("learning los")
    with pytest.raises(KeyError):
        vocab.concept("plvc:no-such-concept")


def test_labels_definitions_facets(vocab: Vocabulary) -> None:
    assert vocab.label("plvc:unfinished-learning", "es") == "aprendizaje inconcluso"
    assert vocab.definition("plvc:equity", "es")
    assert vocab.facet("assessment").id == "plv:facet/assessment"
    assert all(c.facet == "plv:facet/assessment" for c in vocab.in_facet("assessment"))
    assert vocab.label_facet("well-being", "es") == "bienestar"
    assert vocab.iri == "https://w3id.org/pl-vocab/vocabulary"
    assert vocab.version


def test_hierarchy_navigation_is_consistent(vocab: Vocabulary) -> None:
    for c in vocab.concepts:
        for b in vocab.broader(c.id):
            assert c.id in {n.id for n in vocab.narrower(b.id)}
        for r in vocab.related(c.id):
            assert c.id in {x.id for x in vocab.related(r.id)}


def test_expand_and_compress_are_inverse() -> None:
    for curie in ("plvc:equity", "plv:facet/assessment"):
        assert Vocabulary.compress(Vocabulary.expand(curie)) == curie
    assert Vocabulary.expand("https://example.org/x") == "https://example.org/x"


@given(st.text())
def test_normalize_label_is_idempotent(text: str) -> None:
    once = normalize_label(text)
    assert normalize_label(once) == once
    assert once == once.strip()


@given(st.sampled_from([c.id for c in load_vocabulary().concepts]), st.sampled_from(["en", "es"]))
def test_every_pref_label_finds_its_concept(cid: str, lang: str) -> None:
    vocab = load_vocabulary()
    label = vocab.label(cid, lang)
    assert cid in {c.id for c, _, _ in vocab.lookup(label, lang)}

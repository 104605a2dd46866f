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


# ------------------------------------------------- one label normalisation with the matcher
def _lexical_mappings() -> list[tuple[str, str, str]]:
    """(glossary, term, concept) for every term ``check`` maps by a lexical stage in the three
    example glossaries (exact, normalized, learner variants, acronym)."""
    from pl_vocab.glossary.check import check_glossary

    from .conftest import ROOT

    out = []
    for path in sorted((ROOT / "examples" / "glossaries").glob("*-glossary.*")):
        for m in check_glossary(path).mappings:
            if m.justification == "lexical_match":
                out.append((path.name, m.term, m.concept))
    return out


_MAPPED = _lexical_mappings()


def test_the_example_glossaries_have_lexical_mappings() -> None:
    assert len(_MAPPED) > 50
    assert {name for name, _, _ in _MAPPED} == {
        "lakeshore-district-glossary.yaml",
        "mesa-verde-sd-glossary.xlsx",
        "pine-hollow-sd-glossary.csv",
        "riverbend-usd-glossary.csv",
    }


@pytest.mark.parametrize(("glossary", "term", "concept"), _MAPPED)
def test_lookup_finds_what_check_maps(
    vocab: Vocabulary, glossary: str, term: str, concept: str
) -> None:
    assert concept in {c.id for c, _, _ in vocab.lookup(term)}, (glossary, term)
    assert vocab.concept(term).id == concept, (glossary, term)


@pytest.mark.parametrize(
    ("term", "concept"),
    [
        ("Student Voices", "plvc:learner-voice"),  # plural of an alternative label
        ("Struggling Learners", "plvc:struggling-learner"),
        ("At-Risk Students", "plvc:at-risk-student"),
        ("The Student Voice", "plvc:learner-voice"),  # leading article
        ("Universal Design for Learning (UDL)", "plvc:universal-design-for-learning"),
        ("Evaluaciones Narrativas", "plvc:narrative-assessment"),
    ],
)
def test_concept_resolves_plurals_articles_and_acronyms_like_the_matcher(
    vocab: Vocabulary, term: str, concept: str
) -> None:
    from pl_vocab.glossary.match import shared_matcher

    assert shared_matcher(vocab).match(term).concept == concept
    assert vocab.concept(term).id == concept
    assert [c.id for c, _, _ in vocab.lookup(term)] == [concept]


def test_lookup_with_a_language_keeps_to_it(vocab: Vocabulary) -> None:
    assert vocab.get("Evaluaciones Narrativas", language="en") is None
    assert vocab.get("Evaluaciones Narrativas", language="es") is not None
    assert vocab.lookup("Student Voices", language="es") == []


def test_the_matcher_and_the_vocabulary_share_one_label_index(vocab: Vocabulary) -> None:
    from pl_vocab.glossary.match import Matcher

    assert Matcher(vocab)._labels is vocab.label_index


def test_concept_command_finds_a_plural() -> None:
    from .test_cli import run

    out = run("concept", "Student Voices")
    assert out.returncode == 0, out.stderr
    assert "plvc:learner-voice" in out.stdout


# ------------------------------------------------------------------------ one prefix map
def test_vocabulary_expand_and_compress_are_the_prefix_map() -> None:
    from pl_vocab import prefixes

    for curie in ("plvc:equity", "plv:facet/assessment", "skos:Concept", "urn:uuid:1"):
        assert Vocabulary.expand(curie) == prefixes.expand(curie)
    assert Vocabulary.expand("plv:concept/equity") == Vocabulary.expand("plvc:equity")
    assert Vocabulary.compress(Vocabulary.expand("plv:concept/equity")) == "plvc:equity"

"""Integrity of the national vocabulary: the rules a terminologist would check, as tests."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

import pytest

from pl_vocab.io import load_yaml
from pl_vocab.models import Concept, ConceptScheme
from pl_vocab.vocabulary import Vocabulary, normalize_label

from .conftest import SCHEMA_DIR

LANGS = ("en", "es")


def _texts(values: Any, lang: str) -> list[str]:
    return [lt.value for lt in values or () if lt.language == lang]


def test_source_files_conform_to_the_concept_class() -> None:
    files = sorted((SCHEMA_DIR / "vocabulary").glob("*.yaml"))
    assert len(files) >= 3
    for path in files:
        data = load_yaml(path)
        if path.name == "scheme.yaml":
            ConceptScheme.model_validate({**data, "modified": str(data["modified"])})
        else:
            assert list(data) == ["concepts"], path.name
            for raw in data["concepts"]:
                Concept.model_validate(raw)


def test_iris_are_unique_and_readable_slugs(vocab: Vocabulary) -> None:
    ids = [c.id for c in vocab.concepts]
    assert len(ids) == len(set(ids))
    for i in ids:
        assert re.fullmatch(r"plvc:[a-z0-9]+(-[a-z0-9]+)*", i), i


def test_every_concept_has_one_label_and_one_definition_per_language(vocab: Vocabulary) -> None:
    for c in vocab.concepts:
        for lang in LANGS:
            assert len(_texts(c.pref_label, lang)) == 1, (c.id, lang, "prefLabel")
            assert len(_texts(c.definition, lang)) == 1, (c.id, lang, "definition")
            assert _texts(c.definition, lang)[0].strip(), (c.id, lang)


def test_definitions_are_not_circular(vocab: Vocabulary) -> None:
    for c in vocab.concepts:
        for lang in LANGS:
            definition = normalize_label(_texts(c.definition, lang)[0])
            for label in _texts(c.pref_label, lang):
                norm = normalize_label(label)
                if len(norm) > 3:
                    assert not re.search(rf"\b{re.escape(norm)}\b", definition), (c.id, lang)


def test_labels_are_unique_across_concepts(vocab: Vocabulary) -> None:
    """A pref or alt label names one concept; only hidden labels (ambiguous acronyms) repeat."""
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in vocab.concepts:
        for values in (c.pref_label, c.alt_label):
            for lt in values or ():
                owners[(lt.language, normalize_label(lt.value))].add(c.id)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert clashes == {}


def test_references_resolve(vocab: Vocabulary) -> None:
    facet_ids = {f.id for f in vocab.facets}
    for c in vocab.concepts:
        assert c.facet in facet_ids, c.id
        targets = [*(c.broader or ()), *(c.related or ()), *(c.replaced_by or ())]
        targets += [d.concept for d in c.distinct_from or ()]
        for t in targets:
            assert t in vocab, f"{c.id} points at missing {t}"
            assert t != c.id, f"{c.id} points at itself"


def test_no_broader_cycles(vocab: Vocabulary) -> None:
    def ancestors(cid: str, seen: tuple[str, ...]) -> None:
        for b in vocab.concept(cid).broader or ():
            assert b not in seen, f"broader cycle: {' -> '.join((*seen, b))}"
            ancestors(b, (*seen, b))

    for c in vocab.concepts:
        ancestors(c.id, (c.id,))


def test_size_facets_and_core(vocab: Vocabulary) -> None:
    active = vocab.active_concepts()
    assert len(active) >= 90
    per_facet = Counter(c.facet for c in active)
    assert len([f for f, n in per_facet.items() if n >= 3]) >= 8
    core = vocab.core_concepts()
    assert 20 <= len(core) <= 30
    assert all(not c.deprecated for c in core)
    assert "plv:facet/language-guidance" not in {c.facet for c in core}


def test_deprecated_and_flagged_terms_point_at_active_replacements(vocab: Vocabulary) -> None:
    for c in vocab.concepts:
        adv = c.language_advisory
        if c.deprecated:
            assert adv is not None and adv.status in ("deprecated", "flagged"), c.id
            assert c.replaced_by, c.id
            for r in vocab.replacements(c.id):
                assert not r.deprecated, f"{c.id} is replaced by deprecated {r.id}"
        if adv is not None and adv.status in ("deprecated", "flagged"):
            assert c.deprecated and c.replaced_by, c.id
        if adv is not None:
            for lang in LANGS:
                assert len(_texts(adv.rationale, lang)) == 1, (c.id, lang)
            assert adv.sources, f"{c.id}: advisory without a source"
        if c.facet == "plv:facet/language-guidance":
            assert adv is not None, f"{c.id} in language guidance without an advisory"


def test_distinctions_carry_rationale_in_both_languages(vocab: Vocabulary) -> None:
    pairs = 0
    for c in vocab.concepts:
        for d in c.distinct_from or ():
            pairs += 1
            for lang in LANGS:
                assert len(_texts(d.rationale, lang)) == 1, (c.id, d.concept, lang)
    assert pairs >= 5


@pytest.mark.parametrize(
    ("deficit", "replacement"),
    [
        ("learning loss", "plvc:unfinished-learning"),
        ("at-risk", "plvc:at-promise-learner"),
        ("limited English proficient", "plvc:multilingual-learner"),
        ("achievement gap", "plvc:opportunity-gap"),
    ],
)
def test_deficit_terms_point_at_asset_based_concepts(
    vocab: Vocabulary, deficit: str, replacement: str
) -> None:
    hits = {c.id: c for c, kind, _ in vocab.lookup(deficit) if kind != "hidden"}
    assert len(hits) == 1, deficit
    (c,) = hits.values()
    assert c.deprecated
    assert replacement in {r.id for r in vocab.replacements(c.id)}


@pytest.mark.parametrize("term", ["learning recovery", "acceleration"])
def test_contested_terms_are_marked_not_banned(vocab: Vocabulary, term: str) -> None:
    hits = [c for c, kind, _ in vocab.lookup(term)] or [
        c
        for c in vocab.concepts
        if any(term in normalize_label(lt.value) for lt in [*c.pref_label, *(c.alt_label or [])])
    ]
    assert hits, term
    c = hits[0]
    assert c.language_advisory is not None
    assert c.language_advisory.status in ("contested", "context_dependent")
    assert not c.deprecated


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("plvc:equity", "plvc:equality"),
        ("plvc:personalized-learning", "plvc:individualized-instruction"),
        ("plvc:personalized-learning", "plvc:differentiated-instruction"),
        ("plvc:personalized-learning", "plvc:adaptive-learning-technology"),
        ("plvc:individualized-education-program", "plvc:personal-learning-plan"),
    ],
)
def test_not_the_same_pairs_are_recorded(vocab: Vocabulary, a: str, b: str) -> None:
    assert b in {c.id for c in vocab.distinct_from(a)}
    assert a in {c.id for c in vocab.distinct_from(b)}


def test_ambiguous_acronym_is_a_hidden_label_on_each_meaning(vocab: Vocabulary) -> None:
    hits = vocab.lookup("PBL")
    assert {c.id for c, _, _ in hits} == {
        "plvc:project-based-learning",
        "plvc:competency-based-education",
    }
    assert {kind for _, kind, _ in hits} == {"hidden"}


def test_cbe_synonyms_are_labels_of_one_concept(vocab: Vocabulary) -> None:
    for label in (
        "mastery-based learning",
        "proficiency-based learning",
        "competency-based learning",
    ):
        assert vocab.concept(label).id == "plvc:competency-based-education"


def test_aurora_elements_are_concepts_citing_their_source(vocab: Vocabulary) -> None:
    elements = [c for c in vocab.concepts if c.id.startswith("plvc:cbe-element-")]
    assert len(elements) == 7
    for c in elements:
        assert "plvc:competency-based-education" in (c.broader or [])
        assert any("Levine" in s.citation and "2019" in s.citation for s in c.sources or ())
    assert sorted(c.notation or "" for c in elements) == [f"CBE-{i}" for i in range(1, 8)]


def test_top_concepts_are_active_and_without_broader(vocab: Vocabulary) -> None:
    tops = vocab.scheme.has_top_concept or []
    assert tops
    for t in tops:
        c = vocab.concept(t)
        assert not c.broader and not c.deprecated

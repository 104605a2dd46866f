"""Matching district terms to national concepts (issue 4, "Matching")."""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from pl_vocab import load_vocabulary
from pl_vocab.glossary import match as match_module
from pl_vocab.glossary.match import Candidate, Mapping, Matcher, TermMatch
from pl_vocab.normalize import (
    FOLD_LANGUAGES,
    clean,
    compact,
    fold,
    fold_forms,
    prefold,
    refold,
    split_acronym,
)

ROOT = Path(__file__).resolve().parent.parent


@cache
def _shared_matcher() -> Matcher:
    return Matcher()


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return _shared_matcher()


def _mapped(result: TermMatch) -> str | None:
    return result.mapping.concept if result.mapping else None


def _offered(result: TermMatch) -> set[str]:
    """Every concept the result puts in front of a person."""
    found = {c.concept for c in result.candidates} | set(result.ambiguous)
    if result.mapping:
        found.add(result.mapping.concept)
    return found


# ---------------------------------------------------------------- exact labels


@pytest.mark.parametrize(
    ("term", "language", "concept", "kind", "confidence"),
    [
        ("learner agency", "en", "plvc:learner-agency", "pref", 1.0),
        ("learner agency", None, "plvc:learner-agency", "pref", 1.0),
        ("student agency", "en", "plvc:learner-agency", "alt", 0.95),
        ("evaluación narrativa", "es", "plvc:narrative-assessment", "pref", 1.0),
        ("evaluación narrativa", None, "plvc:narrative-assessment", "pref", 1.0),
        ("informe narrativo", "es", "plvc:narrative-assessment", "alt", 0.95),
        ("agencia estudiantil", "es", "plvc:learner-agency", "alt", 0.95),
        # A Spanish label in an English column still matches (any language comes second).
        ("aprendizaje personalizado", "en", "plvc:personalized-learning", "pref", 1.0),
        ("  learner\u00a0 agency ", "en", "plvc:learner-agency", "pref", 1.0),
    ],
)
def test_exact_pref_and_alt_labels(
    matcher: Matcher,
    term: str,
    language: str | None,
    concept: str,
    kind: str,
    confidence: float,
) -> None:
    result = matcher.match(term, language)
    assert result.mapping is not None
    assert result.mapping == Mapping(
        concept, "exact_match", "lexical_match", confidence, result.mapping.comment
    )
    assert result.candidates[0].method == "exact"
    assert result.candidates[0].label_kind == kind
    assert result.ambiguous == ()
    assert result.blocked == ()
    assert result.term == term
    assert result.language == language


def test_exact_match_is_case_sensitive_then_normalized(matcher: Matcher) -> None:
    result = matcher.match("Learner Agency", "en")
    assert _mapped(result) == "plvc:learner-agency"
    assert result.candidates[0].method == "normalized"
    assert result.mapping is not None
    assert result.mapping.confidence == 0.9


# ---------------------------------------------------------------- normalized and variants


@pytest.mark.parametrize(
    ("term", "language", "concept", "method"),
    [
        ("LEARNER AGENCY", None, "plvc:learner-agency", "normalized"),
        ("Learner-Agency", "en", "plvc:learner-agency", "normalized"),
        ("learner agency!", "en", "plvc:learner-agency", "normalized"),
        ("Learner agencies", "en", "plvc:learner-agency", "normalized"),
        ("Students' Voice", "en", "plvc:learner-voice", "normalized"),
        ("Project based learning", "en", "plvc:project-based-learning", "normalized"),
        ("Well Being", "en", "plvc:well-being", "normalized"),
        ("Formative Assessments", "en", "plvc:formative-assessment", "normalized"),
        ("Learning Progressions", None, "plvc:learning-progression", "normalized"),
        ("The Learner Profile", "en", "plvc:learner-profile", "normalized"),
        ("learner\u200bagency", "en", "plvc:learner-agency", "normalized"),
        ("Pupil Agency", "en", "plvc:learner-agency", "variant"),
        ("Student Variability", "en", "plvc:learner-variability", "variant"),
        ("learners' choice", "en", "plvc:learner-choice", "normalized"),
        ("Evaluaciones Narrativas", "es", "plvc:narrative-assessment", "normalized"),
        ("evaluacion narrativa", "es", "plvc:narrative-assessment", "normalized"),
        ("La evaluación formativa", "es", "plvc:formative-assessment", "normalized"),
        ("Voz del alumno", "es", "plvc:learner-voice", "variant"),
        ("Agencia de la alumna", None, None, None),
    ],
)
def test_normalized_and_variant_matches(
    matcher: Matcher, term: str, language: str | None, concept: str | None, method: str | None
) -> None:
    result = matcher.match(term, language)
    assert _mapped(result) == concept
    if concept is None:
        return
    assert result.mapping is not None
    assert result.mapping.predicate == "exact_match"
    assert result.mapping.justification == "lexical_match"
    assert result.mapping.confidence == 0.9
    assert result.candidates[0].method == method


def test_leading_article_of_a_label_is_kept(matcher: Matcher, vocab: Any) -> None:
    # A label written with its article ("the poor") matches only a term that has it too; a
    # bare common word ("poor", "projects") is not the deprecated concept.
    with_article = [
        (lt.value, c.id)
        for c in vocab.concepts
        for lt in [*c.pref_label, *(c.alt_label or ())]
        if lt.language == "en" and lt.value.lower().startswith("the ")
    ]
    assert with_article, "the vocabulary has labels with a leading article"
    for label, concept in with_article:
        assert _mapped(matcher.match(label.upper(), "en")) == concept
        bare = label[4:]
        if not vocab.lookup(bare):
            assert _mapped(matcher.match(bare, "en")) != concept


def test_trailing_acronym(matcher: Matcher) -> None:
    result = matcher.match("Universal Design for Learning (UDL)", "en")
    assert _mapped(result) == "plvc:universal-design-for-learning"
    assert result.candidates[0].method == "acronym"
    assert result.mapping is not None
    assert result.mapping.confidence == 0.9
    assert "(UDL)" in result.mapping.comment

    result = matcher.match("UDL", "en")
    assert _mapped(result) == "plvc:universal-design-for-learning"
    assert result.candidates[0].label_kind == "alt"

    result = matcher.match("udl")
    assert _mapped(result) == "plvc:universal-design-for-learning"

    # The name is unknown but the acronym is an alternative label.
    result = matcher.match("Universal Designs For All Learners (UDL)", "en")
    assert _mapped(result) == "plvc:universal-design-for-learning"
    assert result.candidates[0].method == "acronym"


def test_acronym_that_is_ambiguous(matcher: Matcher) -> None:
    result = matcher.match("Our District Program (PBL)", "en")
    assert result.mapping is None
    assert set(result.ambiguous) == {
        "plvc:project-based-learning",
        "plvc:competency-based-education",
    }


# ---------------------------------------------------------------- hidden labels


def test_pbl_is_ambiguous(matcher: Matcher) -> None:
    for term in ("PBL", "pbl", "P.B.L."):
        result = matcher.match(term, "en")
        assert result.mapping is None, term
        assert result.ambiguous == (
            "plvc:competency-based-education",
            "plvc:project-based-learning",
        )
        assert {c.label_kind for c in result.candidates} == {"hidden"}
        assert {c.concept for c in result.candidates} == set(result.ambiguous)


def test_hidden_labels_follow_the_vocabulary(matcher: Matcher, vocab: Any) -> None:
    owners: dict[str, set[str]] = {}
    for c in vocab.concepts:
        for lt in c.hidden_label or ():
            owners.setdefault(clean(lt.value), set()).add(c.id)
    assert any(len(v) > 1 for v in owners.values())
    assert any(len(v) == 1 for v in owners.values())
    for label, concepts in owners.items():
        result = matcher.match(label)
        if len(concepts) == 1:
            assert result.mapping is not None
            assert result.mapping.concept in concepts
            assert result.mapping.confidence == 0.9
            assert result.ambiguous == ()
        else:
            assert result.mapping is None
            assert set(result.ambiguous) == concepts


# ---------------------------------------------------------------- deficit language


@pytest.mark.parametrize(
    "term", ["Learning Loss", "learning losses", "Learning-loss", "LEARNING LOSS"]
)
def test_learning_loss_is_deprecated_and_never_personalized_learning(
    matcher: Matcher, vocab: Any, term: str
) -> None:
    result = matcher.match(term, "en")
    assert _mapped(result) == "plvc:learning-loss"
    assert result.deprecated_hit == "plvc:learning-loss"
    assert result.mapping is not None
    assert result.mapping.predicate == "exact_match"
    assert "plvc:unfinished-learning" in result.mapping.comment
    assert [c.id for c in vocab.replacements(result.deprecated_hit)] == ["plvc:unfinished-learning"]
    assert "plvc:personalized-learning" not in _offered(result)


def test_deficit_rule_blocks_every_fuzzy_candidate() -> None:
    generous = Matcher(fuzzy_cutoff=0.5, max_candidates=10)
    for term in (
        "Learning Loss",
        "learning losses",
        "Learning loss interventions",
        "learning loss recovry",
        "Addressing learning loss",
    ):
        result = generous.match(term, "en")
        assert "plvc:personalized-learning" not in _offered(result), term
        assert result.deprecated_hit == "plvc:learning-loss" or _mapped(result), term
    # A misspelled contested label next to a deprecated one: the close candidate is blocked,
    # and the reason names the deprecated label.
    result = Matcher().match("learning loss recovry", "en")
    assert result.mapping is None
    assert result.candidates == ()
    assert result.deprecated_hit == "plvc:learning-loss"
    assert result.blocked
    assert result.blocked[0][0] == "plvc:learning-recovery"
    assert "'learning loss'" in result.blocked[0][1]


def test_learning_loss_recovery_is_its_own_contested_concept(matcher: Matcher) -> None:
    result = matcher.match("learning-loss recovery", "en")
    assert _mapped(result) == "plvc:learning-recovery"
    assert result.advisory_hit == "plvc:learning-recovery"
    assert result.deprecated_hit is None
    assert "plvc:personalized-learning" not in _offered(result)


def test_contested_term_sets_advisory_hit(matcher: Matcher, vocab: Any) -> None:
    for c in vocab.concepts:
        advisory = c.language_advisory
        status = getattr(advisory.status, "value", advisory.status) if advisory else None
        result = matcher.match(c.pref_label[0].value, c.pref_label[0].language)
        if status in ("contested", "context_dependent") and not c.deprecated:
            assert result.advisory_hit == c.id
            assert result.deprecated_hit is None
        elif c.deprecated or status in ("deprecated", "flagged"):
            assert result.deprecated_hit == c.id
            assert result.advisory_hit is None
        else:
            assert result.deprecated_hit is None
            assert result.advisory_hit is None


# ---------------------------------------------------------------- not the same


def test_equality_is_never_equity(matcher: Matcher) -> None:
    for term in ("Equality", "equality", "EQUALITY", "Equalities", "Igualdad"):
        result = matcher.match(term)
        assert _mapped(result) == "plvc:equality", term
        assert "plvc:equity" not in _offered(result), term


def test_not_the_same_pair_blocks_the_fuzzy_candidate(matcher: Matcher) -> None:
    # "equality in education" is within the cutoff of "equity in education" (an alternative
    # label of equity); the term contains "equality", which is not the same as equity.
    result = matcher.match("Equality in education", "en")
    assert result.mapping is None
    assert "plvc:equity" not in _offered(result)
    assert [concept for concept, _ in result.blocked] == ["plvc:equity"]
    assert "plvc:equality" in result.blocked[0][1]


def test_no_pair_is_offered_through_the_other(vocab: Any) -> None:
    generous = Matcher(fuzzy_cutoff=0.6, max_candidates=10)
    for c in vocab.concepts:
        others = {d.id for d in vocab.distinct_from(c.id)}
        for lt in [*c.pref_label, *(c.alt_label or ())]:
            for term in (lt.value, lt.value + " program", "our " + lt.value):
                result = generous.match(term, lt.language)
                assert not (_offered(result) & others) or _mapped(result) in others, (term, others)


# ---------------------------------------------------------------- unmatched and fuzzy


def test_local_term_has_no_mapping(matcher: Matcher) -> None:
    result = matcher.match("Panther Pride Hour", "en")
    assert result.mapping is None
    assert result.ambiguous == ()
    assert result.deprecated_hit is None
    assert all(c.method == "fuzzy" for c in result.candidates)


def test_misspelling_is_a_fuzzy_candidate_not_a_mapping(matcher: Matcher) -> None:
    result = matcher.match("personalised lerning", "en")
    assert result.mapping is None
    assert result.candidates
    top = result.candidates[0]
    assert top == Candidate(
        "plvc:personalized-learning", top.label, top.label_kind, "en", "fuzzy", top.score
    )
    assert 0.88 <= top.score < 1.0


def test_subset_words_are_not_fuzzy_candidates() -> None:
    # "Learning" is a part of many labels; whole-word additions are not spelling variants.
    result = Matcher(fuzzy_cutoff=0.5, max_candidates=10).match("Learning", "en")
    assert result.mapping is None
    for candidate in result.candidates:
        assert "learning" not in fold(candidate.label).split()


def test_fuzzy_candidates_are_capped_and_distinct() -> None:
    result = Matcher(fuzzy_cutoff=0.5, max_candidates=2).match("asessment of lerning", "en")
    assert len(result.candidates) <= 2
    assert len({c.concept for c in result.candidates}) == len(result.candidates)
    scores = [c.score for c in result.candidates]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("term", ["", "   ", "???", "\u200b"])
def test_blank_terms(matcher: Matcher, term: str) -> None:
    result = matcher.match(term)
    assert result.mapping is None
    assert result.candidates == ()
    assert result.ambiguous == ()


def test_bad_settings() -> None:
    with pytest.raises(ValueError, match="fuzzy_cutoff"):
        Matcher(fuzzy_cutoff=0)
    with pytest.raises(ValueError, match="fuzzy_cutoff"):
        Matcher(fuzzy_cutoff=88)
    with pytest.raises(ValueError, match="max_candidates"):
        Matcher(max_candidates=0)


# ---------------------------------------------------------------- the whole vocabulary


def test_every_label_maps_to_its_concept(matcher: Matcher, vocab: Any) -> None:
    for c in vocab.concepts:
        for lt in c.pref_label:
            for language in (lt.language, None):
                result = matcher.match(lt.value, language)
                assert result.mapping is not None, (lt.value, language)
                assert result.mapping.concept == c.id
                assert result.mapping.confidence == 1.0
                # ... and so do its normalized forms.
                assert _mapped(matcher.match(lt.value.upper(), language)) == c.id
        for lt in c.alt_label or ():
            result = matcher.match(lt.value, lt.language)
            assert _mapped(result) == c.id, lt.value
            assert result.mapping is not None
            assert result.mapping.confidence == 0.95


def test_enum_names_match_the_schema() -> None:
    schema = yaml.safe_load((ROOT / "schema" / "vocabulary.yaml").read_text(encoding="utf-8"))
    predicates = set(schema["enums"]["MappingPredicateEnum"]["permissible_values"])
    justifications = set(schema["enums"]["MappingJustificationEnum"]["permissible_values"])
    assert predicates == {
        "exact_match",
        "close_match",
        "broad_match",
        "narrow_match",
        "related_match",
    }
    assert justifications == {
        "lexical_match",
        "lexical_similarity",
        "manual_curation",
        "unspecified",
    }


def test_matcher_takes_a_vocabulary() -> None:
    vocab = load_vocabulary()
    assert Matcher(vocab).vocabulary is vocab


# ---------------------------------------------------------------- normalization


_any_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
_wordy_text = st.lists(
    st.sampled_from(
        [
            "The",
            "a",
            "los",
            "Las",
            "student's",
            "Learners",
            "alumnas",
            "aprendices",
            "Evaluación",
            "policies",
            "classes",
            "&",
            "-",
            "(UDL)",
            "  ",
            "ß",
            "İ",
            "ﬁ",
            "e\u0301",
            "\u200b",
            "\u00a0",
            "s",
            "ies",
            "es",
        ]
    ),
    max_size=8,
).map(" ".join)


@given(st.one_of(_any_text, _wordy_text))
def test_normalization_is_idempotent(text: str) -> None:
    assert clean(clean(text)) == clean(text)
    assert prefold(prefold(text)) == prefold(text)
    for language in FOLD_LANGUAGES:
        for variants in (False, True):
            for articles in (False, True):
                once = fold(text, language, learner_variants=variants, articles=articles)
                again = fold(once, language, learner_variants=variants, articles=articles)
                assert again == once
                same = refold(prefold(text), language, learner_variants=variants, articles=articles)
                assert same == once
        forms = fold_forms(prefold(text), language)
        assert forms == (
            fold(text, language, learner_variants=False, articles=False),
            fold(text, language, learner_variants=False),
            fold(text, language, articles=False),
            fold(text, language),
        )
        assert compact(compact(fold(text, language))) == compact(fold(text, language))


@given(st.one_of(_any_text, _wordy_text), st.sampled_from(["en", "es", "es-MX", "fr", None]))
def test_match_never_accepts_a_fuzzy_candidate(text: str, language: str | None) -> None:
    result = _shared_matcher().match(text, language)
    if result.mapping is not None:
        assert result.mapping.predicate == "exact_match"
        assert result.mapping.justification == "lexical_match"
        assert all(c.method != "fuzzy" for c in result.candidates)
    for candidate in result.candidates:
        assert 0.0 <= candidate.score <= 1.0


def test_split_acronym() -> None:
    assert split_acronym("Multi-Tiered System of Supports (MTSS)") == (
        "Multi-Tiered System of Supports",
        "MTSS",
    )
    assert split_acronym("Exhibition [POL]") == ("Exhibition", "POL")
    assert split_acronym("(UDL)") is None
    assert split_acronym("Advisory (homeroom)") is None
    assert split_acronym("UDL") is None


def test_plural_and_learner_folding() -> None:
    assert fold("approaches") == fold("approach")
    assert fold("policies") == fold("policy")
    assert fold("classes") == fold("class")
    assert fold("analysis") == "analysis"
    assert fold("Students") == fold("learner") == fold("pupils")
    assert fold("estándares", "es") == fold("estándar", "es")
    assert fold("niveles", "es") == fold("nivel", "es")
    assert fold("pobres", "es") == fold("pobre", "es")
    assert fold("aprendices", "es") == fold("estudiante", "es") == fold("Alumnos", "es")
    assert fold("Equity & Inclusion") == "equity and inclusion"
    assert fold("Equidad & Inclusión", "es") == "equidad y inclusion"


# ---------------------------------------------------------------- many terms


def _generated_terms(n: int) -> list[tuple[str, str | None]]:
    vocab = load_vocabulary()
    labels = [lt.value for c in vocab.concepts for lt in [*c.pref_label, *(c.alt_label or ())]]
    words = [
        "panther",
        "pride",
        "hour",
        "genius",
        "data",
        "plan",
        "coach",
        "reading",
        "math",
        "loss",
        "gap",
        "voice",
        "path",
    ]
    rng = random.Random(4)
    terms: list[tuple[str, str | None]] = []
    for i in range(n):
        roll = rng.random()
        if roll < 0.3:
            term = rng.choice(labels)
        elif roll < 0.5:
            chars = list(rng.choice(labels))
            chars[rng.randrange(len(chars))] = rng.choice("abcdefghijklmnopqrstuvwxyz")
            term = "".join(chars)
        else:
            term = " ".join(rng.choice(words) for _ in range(rng.randint(1, 4))) + f" {i % 700}"
        terms.append((term, rng.choice(["en", "es", None])))
    return terms


def test_match_many_on_5000_terms(monkeypatch: pytest.MonkeyPatch) -> None:
    terms = _generated_terms(5000)
    calls = 0
    real_extract = match_module.process.extract

    def counting_extract(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return real_extract(*args, **kwargs)

    monkeypatch.setattr(match_module.process, "extract", counting_extract)
    matcher = Matcher()
    results = matcher.match_many(terms)
    assert len(results) == len(terms)
    assert [(r.term, r.language) for r in results] == terms
    # One scorer call per distinct unmatched term and language at most: linear, never
    # terms x labels.
    unmatched = {(r.term, r.language) for r in results if r.mapping is None and not r.ambiguous}
    assert 0 < calls <= 2 * len(unmatched)
    monkeypatch.undo()
    # The batch gives the same answers as one term at a time.
    single = Matcher()
    for index in range(0, len(terms), 25):
        term, language = terms[index]
        assert single.match(term, language) == results[index]
    assert sum(r.mapping is not None for r in results) > 1000
    assert any(r.candidates and r.mapping is None for r in results)


def test_match_many_repeats_and_order(matcher: Matcher) -> None:
    pairs: list[tuple[str, str | None]] = [
        ("Equality", None),
        ("Panther Pride Hour", "en"),
        ("Equality", None),
        ("equidad", "es"),
    ]
    results = matcher.match_many(pairs)
    assert [r.term for r in results] == [t for t, _ in pairs]
    assert results[0] is results[2]
    assert [_mapped(r) for r in results] == ["plvc:equality", None, "plvc:equality", "plvc:equity"]
    assert matcher.match_many([]) == []

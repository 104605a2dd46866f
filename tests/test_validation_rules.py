"""Record validation, layer V: the vocabulary's own rules, each shown firing and not firing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pl_vocab.validation import Validator, iter_findings, validate

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
LEARNER = {"type": "Learner", "id": "https://example.org/learners/1"}
GOAL = {
    "type": "LearnerGoal",
    "id": "https://example.org/goals/1",
    "learner": "https://example.org/learners/1",
    "statement": "Read two novels by Latin American authors",
    "asserter_role": "learner",
    "language": "en",
}
ASSESSMENT = {
    "type": "NarrativeAssessment",
    "id": "https://example.org/assessments/1",
    "learner": "https://example.org/learners/1",
    "narrative": "Ana explained her model of the water cycle and answered two questions.",
    "language": "en",
    "author": "https://example.org/staff/4",
    "author_role": "teacher",
    "assessed_at": "2026-03-04T10:15:00-06:00",
}
ATTRIBUTE: dict[str, Any] = {
    "type": "IdentityAttribute",
    "attribute_type": "pronouns",
    "attribute_value": "she/her",
    "described_by": "learner",
    "described_at": "2026-09-01T09:00:00-05:00",
    "visibility": "named_educators",
    "consent": {
        "given_by": "learner",
        "given_at": "2026-09-01T09:00:00-05:00",
        "purposes": ["instruction"],
    },
}


def ids(records: Any, **kw: Any) -> list[str]:
    return [f.id for f in validate(records, now=NOW, **kw)]


def test_clean_batch_has_no_findings() -> None:
    assert validate([LEARNER, GOAL, ASSESSMENT, ATTRIBUTE], now=NOW) == []


# V001 ---------------------------------------------------------------------------------------
def test_unresolved_reference_is_reported_once_with_a_count() -> None:
    other = {**GOAL, "id": "https://example.org/goals/2"}
    found = validate([GOAL, other], now=NOW)
    assert [f.id for f in found] == ["V001"]
    assert found[0].severity == "warning"
    assert "<https://example.org/learners/1>" in found[0].message
    assert "2 references" in found[0].message
    assert found[0].location.record_index == 1 and found[0].location.json_path == "$.learner"


def test_references_resolve_forward_and_through_curies_and_known_ids() -> None:
    assert ids([GOAL, LEARNER]) == []  # the learner comes later in the batch
    curie_goal = {**GOAL, "learner": "plv:learners/1"}
    curie_learner = {**LEARNER, "id": "https://w3id.org/pl-vocab/learners/1"}
    assert ids([curie_goal, curie_learner]) == []
    assert ids([GOAL], known_ids=["https://example.org/learners/1"]) == []


def test_references_to_people_are_not_required_in_the_batch() -> None:
    # authors and educators live in a staff directory, not in the batch
    assert ids([LEARNER, ASSESSMENT]) == []


def test_a_record_with_structural_errors_still_resolves_references() -> None:
    broken_learner = {**LEARNER, "birth_date": "not a date"}
    assert ids([GOAL, broken_learner]) == ["R006"]


# V002 / V003 ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text", ["N/A", "n/a.", "--", "...", "See score", "TBD", "Sin comentarios"]
)
def test_a_narrative_that_says_nothing_is_an_error(text: str) -> None:
    found = validate([LEARNER, {**ASSESSMENT, "narrative": text}], now=NOW)
    assert [(f.id, f.severity) for f in found] == [("V002", "error")]
    assert found[0].location.json_path == "$.narrative"


def test_a_brief_narrative_next_to_a_score_is_a_warning() -> None:
    scored = {
        **ASSESSMENT,
        "narrative": "Good work overall.",
        "scores": [{"score_value": 3.0}],
    }
    assert ids([LEARNER, scored]) == ["V003"]
    assert ids([LEARNER, {**scored, "scores": None}]) == []  # no scores: short is fine


# V004 -----------------------------------------------------------------------------------------
def test_identity_attribute_with_withdrawn_or_expired_consent() -> None:
    withdrawn = {
        **ATTRIBUTE,
        "consent": {**ATTRIBUTE["consent"], "withdrawn_at": "2026-10-01T00:00:00Z"},
    }
    expired = {
        **ATTRIBUTE,
        "consent": {**ATTRIBUTE["consent"], "expires_at": "2026-11-01T00:00:00Z"},
    }
    later = {**ATTRIBUTE, "consent": {**ATTRIBUTE["consent"], "expires_at": "2027-06-30T00:00:00Z"}}
    assert ids(withdrawn) == ["V004"]
    assert "withdrawn" in validate(withdrawn, now=NOW)[0].message
    assert ids(expired) == ["V004"]
    assert ids(later) == []


def test_identity_rules_reach_attributes_nested_in_a_learner_identity() -> None:
    identity = {
        "type": "LearnerIdentity",
        "id": "https://example.org/identities/1",
        "learner": "https://example.org/learners/1",
        "attributes": [
            {k: v for k, v in ATTRIBUTE.items() if k != "type"},
            {
                **{k: v for k, v in ATTRIBUTE.items() if k != "type"},
                "consent": {**ATTRIBUTE["consent"], "withdrawn_at": "2026-10-01T00:00:00Z"},
            },
        ],
    }
    found = validate([LEARNER, identity], now=NOW)
    assert [(f.id, f.location.json_path) for f in found] == [("V004", "$.attributes[1]")]


# V005 -----------------------------------------------------------------------------------------
def test_asserter_and_role_must_agree() -> None:
    by_learner_as_teacher = {**GOAL, "asserted_by": GOAL["learner"], "asserter_role": "teacher"}
    role_learner_by_other = {**GOAL, "asserted_by": "https://example.org/staff/4"}
    teacher = {**GOAL, "asserted_by": "https://example.org/staff/4", "asserter_role": "teacher"}
    assert ids([LEARNER, by_learner_as_teacher]) == ["V005"]
    assert ids([LEARNER, role_learner_by_other]) == ["V005"]
    assert ids([LEARNER, teacher]) == []
    assert ids([LEARNER, {**GOAL, "asserted_by": GOAL["learner"]}]) == []


# V006 / V007 ----------------------------------------------------------------------------------
def test_dates_of_things_done_are_not_in_the_future() -> None:
    soon = (NOW + dt.timedelta(minutes=3)).isoformat()
    later = (NOW + dt.timedelta(hours=1)).isoformat()
    assert ids([LEARNER, {**ASSESSMENT, "assessed_at": soon}]) == []  # five minutes' tolerance
    found = validate([LEARNER, {**ASSESSMENT, "assessed_at": later}], now=NOW)
    assert [(f.id, f.location.json_path) for f in found] == [("V006", "$.assessed_at")]
    # a date (without a time) is in the future only once that day has begun everywhere on Earth
    assert ids({**LEARNER, "birth_date": "2026-11-24"}) == []  # already the 24th at UTC+14
    assert ids({**LEARNER, "birth_date": "2026-11-25"}) == ["V006"]


def test_plans_may_lie_ahead() -> None:
    # the schema marks target_date and expires_at may_be_future
    assert ids([LEARNER, {**GOAL, "target_date": "2027-06-01"}]) == []
    later = {**ATTRIBUTE, "consent": {**ATTRIBUTE["consent"], "expires_at": "2030-01-01T00:00:00Z"}}
    assert ids(later) == []


def test_an_end_before_its_start() -> None:
    bad = {**ATTRIBUTE, "consent": {**ATTRIBUTE["consent"], "expires_at": "2026-08-01T00:00:00Z"}}
    found = validate(bad, now=NOW, select=["V007"])
    assert [(f.id, f.location.json_path) for f in found] == [("V007", "$.consent.expires_at")]


# V008 / V009 ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("tag", "rule", "suggestion"),
    [("sp", "V008", "use 'es'"), ("eng", "V008", "use 'en'"), ("es-mx", "V009", "write 'es-MX'")],
)
def test_language_tags(tag: str, rule: str, suggestion: str) -> None:
    found = validate([LEARNER, {**GOAL, "language": tag}], now=NOW)
    assert [(f.id, f.suggestion) for f in found] == [(rule, suggestion)]


# V010 -----------------------------------------------------------------------------------------
def test_deficit_terms_in_plain_text_are_named_with_their_replacement() -> None:
    evidence = {
        "type": "Evidence",
        "id": "https://example.org/evidence/1",
        "description": "Poster made by the at-risk students group about learning loss.",
    }
    found = validate(evidence, now=NOW)
    assert {f.id for f in found} == {"V010"}
    assert sorted(f.message for f in found) == [
        "'description' uses the deprecated term 'at-risk students'",
        "'description' uses the deprecated term 'learning loss'",
    ]
    assert all(f.suggestion and f.suggestion.startswith("say '") for f in found)


def test_deficit_terms_in_sensitive_text_are_flagged_without_repeating_them() -> None:
    found = validate(
        [LEARNER, {**ASSESSMENT, "narrative": "Ana is one of our at-risk students; LEP."}], now=NOW
    )
    assert [f.id for f in found] == ["V010"]
    assert "at-risk" not in found[0].message + (found[0].suggestion or "")
    assert "2 deprecated" in found[0].message


def test_deficit_terms_match_whole_words_and_acronyms_by_case() -> None:
    evidence = {
        "type": "Evidence",
        "id": "https://example.org/evidence/1",
        "description": "Help with the lepidoptera project; a gapless timeline.",
    }
    assert ids(evidence) == []


def test_the_vocabulary_itself_may_hold_deprecated_labels() -> None:
    concept = {
        "type": "Concept",
        "id": "plvc:learning-loss-example",
        "facet": "plvc:facet/language-guidance",
        "pref_label": [{"value": "learning loss", "language": "en"}],
        "definition": [
            {"value": "A deficit-based phrase for unfinished learning.", "language": "en"}
        ],
    }
    assert "V010" not in ids(concept)


# V011 -----------------------------------------------------------------------------------------
def test_duplicate_identifiers_anywhere_in_the_batch() -> None:
    found = validate(
        [LEARNER, GOAL, {**GOAL, "statement": "Another goal with the same id"}], now=NOW
    )
    assert [(f.id, f.location.record_index) for f in found] == [("V011", 3)]
    assert "first at record 2" in found[0].message


# selection and streaming ----------------------------------------------------------------------
def test_select_and_ignore_by_family_and_id() -> None:
    batch = [{**GOAL, "language": "sp", "colour": "red"}]
    assert set(ids(batch)) == {"R002", "V001"}  # structure first: V rules but V001 wait for it
    assert ids(batch, select=["V"]) == ["V001"]
    assert ids(batch, ignore=["R", "V001"]) == []


def test_iter_findings_streams_and_the_batch_findings_come_last() -> None:
    def stream() -> Any:
        yield GOAL
        yield {**GOAL, "id": "https://example.org/goals/2", "colour": "red"}

    found = list(iter_findings(stream(), now=NOW))
    assert [f.id for f in found] == ["R002", "V001"]


def test_validator_counts_every_finding_but_lists_at_most_the_cap() -> None:
    v = Validator(now=NOW, max_per_rule=2)
    for i in range(5):
        v.check({**GOAL, "id": f"https://example.org/goals/{i}", "colour": "red"})
    v.finish()
    assert v.counts["R002"] == 5
    assert sum(f.id == "R002" for f in v.findings) == 2


def test_now_must_carry_a_timezone() -> None:
    with pytest.raises(ValueError, match="timezone"):
        Validator(now=dt.datetime(2026, 1, 1))


def test_one_place_given_to_two_validators_is_read_by_each_on_its_own() -> None:
    from pl_vocab.validation import Validator
    from pl_vocab.validation.layers import Place

    place = Place(file="roster.json", line=3, record_index=1)
    first, second = Validator(now=NOW), Validator(now=NOW)
    assert first.check(LEARNER, place) == []
    assert second.check(LEARNER, place) == []
    [dup] = second.check(LEARNER, Place(file="other.json", line=9, record_index=1))
    assert dup.id == "V011" and "(first at roster.json, line 3, record 1)" in dup.message


@pytest.mark.parametrize("entry", ["validate", "iter_findings", "Validator", "validate_files"])
def test_an_unknown_class_is_a_pl_vocab_error_that_says_what_to_do(
    entry: str, tmp_path: Path
) -> None:
    """Not a bare KeyError (the command would have to turn every KeyError, a bug's included,
    into a usage error): a PlVocabError with the nearest class and where to look."""
    from pl_vocab.core.errors import PlVocabError
    from pl_vocab.validation import validate_files

    record = {"id": "https://example.org/learners/1"}
    path = tmp_path / "r.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    calls: dict[str, Callable[[str], object]] = {
        "validate": lambda cls: validate(record, cls=cls),
        "iter_findings": lambda cls: iter_findings([record], cls=cls),  # at the call, not later
        "Validator": lambda cls: Validator(cls),
        "validate_files": lambda cls: validate_files([path], cls=cls),
    }
    with pytest.raises(PlVocabError) as near:
        calls[entry]("Lerner")
    assert str(near.value).startswith("unknown class 'Lerner'; did you mean 'Learner'? ")
    assert "`pl-vocab validate --help`" in str(near.value)
    with pytest.raises(PlVocabError) as far:
        calls[entry]("NoSuchClass")
    assert str(far.value).startswith("unknown class 'NoSuchClass'")
    assert "did you mean" not in str(far.value)

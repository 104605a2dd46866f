"""Record validation, layers R and S: what each structural mistake becomes, and the proof that the
JSON Schema fast path gives the same verdict as the Pydantic models."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from pl_vocab.io.yaml_safe import load_yaml
from pl_vocab.models import model_class
from pl_vocab.validation import validate
from pl_vocab.validation.layers import validator_for_class as _validator

from .conftest import ROOT
from .strategies import concrete_classes, record

NOW = dt.datetime(2031, 1, 1, tzinfo=dt.UTC)  # after every date the strategies make
EXAMPLES_NOW = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)  # the examples' consents run to 2027
EXAMPLES = sorted((ROOT / "tests" / "data").glob("*/*.yaml"))


def _model_accepts(cls: str, data: Any) -> bool:
    try:
        model_class(cls).model_validate(data)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_json_schema_and_models_agree_on_every_example(path: Path) -> None:
    cls = path.stem.rsplit("-", 1)[0]
    data = load_yaml(path)
    assert _validator(cls).is_valid(data) == _model_accepts(cls, data)
    found = validate(data, cls=cls, now=EXAMPLES_NOW, ignore=["V001"])
    errors = [f for f in found if f.severity == "error"]
    if path.parent.name == "valid":
        assert errors == []
    else:
        assert errors, "an invalid example must give at least one error"


def _mutations(data: dict[str, Any], cls: str) -> list[dict[str, Any]]:
    """Typical mistakes, one at a time, on a copy of a valid record."""
    from pl_vocab.validation.index import class_info

    info = class_info(cls)
    out: list[dict[str, Any]] = []
    for name, slot in info.slots.items():
        changed = copy.deepcopy(data)
        if slot.required and name in changed:
            del changed[name]
            out.append(changed)
        for wrong in (3, True, "", " ", ["x"], {"a": 1}, "2026-03-04T10:15:00", "2026-02-30"):
            changed = copy.deepcopy(data)
            changed[name] = wrong
            out.append(changed)
    extra = copy.deepcopy(data)
    extra["not_a_slot"] = "x"
    out.append(extra)
    return out


@pytest.mark.parametrize("cls", concrete_classes())
def test_whatever_the_json_schema_accepts_the_models_accept(cls: str) -> None:
    """The fast path skips the models when the JSON Schema accepts a record: proven here on
    generated records and on every single-slot mutation of them."""

    @settings(max_examples=3)
    @given(record(cls))
    def check(data: dict[str, Any]) -> None:
        assert _validator(cls).is_valid(data)
        assert _model_accepts(cls, data)
        for changed in _mutations(data, cls):
            if _validator(cls).is_valid(changed):
                assert _model_accepts(cls, changed), changed

    check()


GOAL = {
    "id": "https://example.org/goals/1",
    "learner": "https://example.org/learners/1",
    "statement": "Read two novels by Latin American authors",
    "asserter_role": "learner",
}


def _ids(data: dict[str, Any], cls: str = "LearnerGoal") -> list[tuple[str, str | None]]:
    found = validate(data, cls=cls, now=NOW, ignore=["V001"])
    return [(f.id, f.location.json_path) for f in found]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"statement": None}, ("R005", "$.statement")),
        ({"colour": "red"}, ("R002", "$.colour")),
        ({"asserter_role": "boss"}, ("R003", "$.asserter_role")),
        ({"learner": "not an iri"}, ("R004", "$.learner")),
        ({"statement": "   "}, ("R004", "$.statement")),
        ({"related_competencies": [3]}, ("R005", "$.related_competencies[0]")),
        ({"asserted_at": "2026-03-04T10:15:00"}, ("R006", "$.asserted_at")),
        ({"target_date": "2026-02-30"}, ("R006", "$.target_date")),
        ({"success_criteria": "one string, not a list"}, ("R005", "$.success_criteria")),
    ],
)
def test_each_structural_mistake_has_its_rule_and_path(
    change: dict[str, Any], expected: tuple[str, str]
) -> None:
    assert expected in _ids({**GOAL, **change})


def test_a_missing_required_field_is_r001_once() -> None:
    data = {k: v for k, v in GOAL.items() if k != "statement"}
    found = validate(data, cls="LearnerGoal", now=NOW, ignore=["V001"])
    assert [(f.id, f.location.json_path, f.location.field) for f in found] == [
        ("R001", "$.statement", "statement")
    ]
    assert "statement" in found[0].message and found[0].suggestion


def test_nested_errors_point_into_the_nested_object() -> None:
    data = {
        "id": "urn:uuid:00000000-0000-4000-8000-000000000001",
        "learner": "https://example.org/learners/1",
        "narrative": "Ana explained her model of the water cycle to the class.",
        "language": "en",
        "author": "https://example.org/staff/4",
        "author_role": "teacher",
        "assessed_at": "2026-03-04T10:15:00-06:00",
        "evidence": [{"id": "https://example.org/e/1", "descripton": "a photo"}],
    }
    found = _ids(data, "NarrativeAssessment")
    assert ("R001", "$.evidence[0].description") in found
    assert ("R002", "$.evidence[0].descripton") in found
    typo = next(
        f
        for f in validate(data, cls="NarrativeAssessment", now=NOW)
        if f.location.json_path == "$.evidence[0].descripton"
    )
    assert typo.suggestion == "did you mean 'description'?"
    assert "Evidence" in typo.message


def test_what_only_the_json_schema_refuses_is_a_formats_finding() -> None:
    # the models accept "3" for a number and an IRI that is not a URI (not ASCII) for a uri;
    # the JSON Schema does not
    evidence = {
        "id": "https://example.org/e/1",
        "description": "a photo",
        "url": "https://example.org/café",
    }
    found = validate(evidence, cls="Evidence", now=NOW)
    assert [(f.id, f.location.json_path) for f in found] == [("S001", "$.url")]
    assert found[0].message == "'url' is not a valid uri"


def test_unknown_type_and_missing_type() -> None:
    found = validate({"type": "LearnerGoals", **GOAL}, now=NOW)
    assert [(f.id, f.suggestion) for f in found] == [("R008", "did you mean LearnerGoal?")]
    found = validate(GOAL, now=NOW)
    assert [f.id for f in found] == ["R008"]
    found = validate(["not a record"], now=NOW)
    assert [f.id for f in found] == ["R009"]


def test_the_type_field_is_not_an_unknown_field() -> None:
    assert validate({"type": "LearnerGoal", **GOAL}, now=NOW, ignore=["V001"]) == []


def test_model_objects_are_validated_too() -> None:
    goal = model_class("LearnerGoal").model_validate(GOAL)
    assert validate(goal, now=NOW, ignore=["V001"]) == []
    assert validate([goal, goal], now=NOW, select=["V011"])[0].id == "V011"


@given(st.sampled_from(concrete_classes()).flatmap(lambda c: st.tuples(st.just(c), record(c))))
@settings(max_examples=20)
def test_generated_records_of_any_class_have_no_structural_findings(
    pair: tuple[str, dict[str, Any]],
) -> None:
    cls, data = pair
    found = validate(data, cls=cls, now=NOW, select=["R", "S"])
    assert found == []

"""Redaction, driven by the schema: every class, every sensitive slot at every depth, every format."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pl_vocab
from pl_vocab import exchange
from pl_vocab._resources import generated_json
from pl_vocab.models import LearnerGoal, model_class
from pl_vocab.redact import REDACTED, RedactionError, redact, redact_all, redact_dict
from pl_vocab.schema_index import parse_schema_index

from .strategies import concrete_classes, record
from .test_rdf_roundtrip import dump_canonical

CLASSES = concrete_classes()
FORMATS = ["json", "yaml", "ndjson", "jsonld", "turtle", "ntriples", "nquads"]
INDEX = generated_json("schema_index.json")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


# ------------------------------------------------------------------------------------ helpers
def _sentinel(slot: dict[str, Any], n: int) -> Any:
    """A value no generated record contains and every format writes verbatim (ASCII only)."""
    xsd = INDEX["types"].get(slot["range"])
    if slot["kind"] == "literal" and xsd == XSD_STRING:
        return f"zzSECRET{n:05d}zz"
    if slot["kind"] == "literal" and xsd == XSD_DATE:
        return (dt.date(1801, 1, 1) + dt.timedelta(days=n)).isoformat()  # strategies stay >= 1990
    raise NotImplementedError(
        f"no sentinel for a sensitive slot of range {slot['range']} ({slot['kind']}): "
        "add one to tests/test_redact.py"
    )


def fill(data: dict[str, Any], cls: str, counter: Iterator[int]) -> tuple[dict[str, Any], set[str]]:
    """``data`` with every sensitive slot set to sentinels, in it and in every inlined object."""
    out = dict(data)
    sentinels: set[str] = set()
    for name, slot in INDEX["classes"][cls]["slots"].items():
        if slot["sensitive"]:
            values = [
                _sentinel(slot, next(counter)) for _ in range(2 if slot["multivalued"] else 1)
            ]
            sentinels.update(values)
            out[name] = values if slot["multivalued"] else values[0]
        elif slot["kind"] == "inlined" and out.get(name) is not None:
            items = out[name] if slot["multivalued"] else [out[name]]
            filled = []
            for item in items:
                new, found = fill(item, slot["range"], counter)
                filled.append(new)
                sentinels |= found
            out[name] = filled if slot["multivalued"] else filled[0]
    return out, sentinels


def strip_sensitive(data: dict[str, Any], cls: str) -> dict[str, Any]:
    """A JSON-mode dump without its sensitive slots, at every depth (independent of pl_vocab)."""
    out: dict[str, Any] = {}
    for name, value in data.items():
        slot = INDEX["classes"][cls]["slots"][name]
        if slot["sensitive"]:
            continue
        if slot["kind"] == "inlined" and value is not None:
            if slot["multivalued"]:
                value = [strip_sensitive(v, slot["range"]) for v in value]
            else:
                value = strip_sensitive(value, slot["range"])
        out[name] = value
    return out


def redacted_slots(before: dict[str, Any], after: dict[str, Any], cls: str) -> set[tuple[str, str]]:
    """The (class, slot) pairs whose values differ between two dumps, at every depth."""
    changed: set[tuple[str, str]] = set()
    for name, slot in INDEX["classes"][cls]["slots"].items():
        old, new = before.get(name), after.get(name)
        if slot["kind"] == "inlined" and not slot["sensitive"] and old is not None and new:
            pairs = zip(old, new, strict=True) if slot["multivalued"] else [(old, new)]
            for o, n in pairs:
                changed |= redacted_slots(o, n, slot["range"])
        elif old != new:
            changed.add((cls, name))
    return changed


def check_sensitive_slots(data: dict[str, Any], cls: str) -> None:
    """In a redacted dump: optional sensitive slots absent, required ones masked, at every depth."""
    for name, slot in INDEX["classes"][cls]["slots"].items():
        value = data.get(name)
        if slot["sensitive"]:
            if slot["required"]:
                assert value == ([REDACTED] if slot["multivalued"] else REDACTED), (cls, name)
            else:
                assert value is None, (cls, name)
        elif slot["kind"] == "inlined" and value is not None:
            for item in value if slot["multivalued"] else [value]:
                check_sensitive_slots(item, slot["range"])


def filled_record(cls: str) -> st.SearchStrategy[tuple[dict[str, Any], set[str]]]:
    return record(cls).map(lambda d: fill(d, cls, itertools.count(1)))


@pytest.fixture
def fresh_rules() -> Iterator[None]:
    from pl_vocab import redact as module

    module._rule.cache_clear()
    yield
    module._rule.cache_clear()


# -------------------------------------------------------------------------------- every class
@pytest.mark.parametrize("cls", CLASSES)
def test_every_class_is_redacted_in_every_format(cls: str) -> None:
    @settings(max_examples=8)
    @given(filled_record(cls))
    def check(case: tuple[dict[str, Any], set[str]]) -> None:
        data, sentinels = case
        obj = model_class(cls).model_validate(data)
        before = obj.model_dump_json()
        assert all(s in before for s in sentinels)  # the check below would otherwise prove nothing

        out = redact(obj)

        assert type(out) is type(obj) and out is not obj
        assert obj.model_dump_json() == before  # the input is not changed
        text = out.model_dump_json()
        assert not [s for s in sentinels if s in text]
        model_class(cls).model_validate(out.model_dump())  # still valid
        old, new = obj.model_dump(mode="json"), out.model_dump(mode="json")
        assert strip_sensitive(new, cls) == strip_sensitive(old, cls)  # nothing else changed
        check_sensitive_slots(new, cls)

        for fmt in FORMATS:
            plain = exchange.dumps([obj], fmt)
            assert all(s in plain for s in sentinels), fmt
            safe = pl_vocab.dumps([obj], fmt, redact=True)
            assert not [s for s in sentinels if s in safe], fmt
            if fmt in ("json", "yaml", "ndjson"):  # RDF writers name blank nodes at random
                assert safe == exchange.dumps([out], fmt), fmt
            (back,) = exchange.loads(safe, fmt, cls=cls)
            assert dump_canonical(back) == dump_canonical(out), fmt
        assert obj.model_dump_json() == before

    check()


@settings(max_examples=3)
@given(st.data())
def test_the_slots_redacted_are_the_schemas_sensitive_slots(data: st.DataObject) -> None:
    changed: set[tuple[str, str]] = set()
    for cls in CLASSES:
        filled, _ = data.draw(filled_record(cls), label=cls)
        obj = model_class(cls).model_validate(filled)
        changed |= redacted_slots(
            obj.model_dump(mode="json"), redact(obj).model_dump(mode="json"), cls
        )
    expected = {
        (cls, name)
        for cls in CLASSES
        for name, slot in INDEX["classes"][cls]["slots"].items()
        if slot["sensitive"]
    }
    assert changed == expected
    assert {name for _, name in changed} == set(INDEX["sensitive_slots"])


def test_every_required_sensitive_slot_can_be_masked() -> None:
    for cls in INDEX["classes"]:
        redact_dict({}, cls)  # builds the class's rule: raises if REDACTED would not validate


# ----------------------------------------------------------------------------- the dict level
@pytest.mark.parametrize("cls", ["LearnerIdentity", "RecordSet", "TechnologyReview", "Learner"])
def test_redact_dict_agrees_with_redact(cls: str) -> None:
    @settings(max_examples=5)
    @given(filled_record(cls))
    def check(case: tuple[dict[str, Any], set[str]]) -> None:
        data, sentinels = case
        obj = model_class(cls).model_validate(data)
        raw = {"type": cls, **obj.model_dump(mode="json", exclude_none=True)}
        kept = copy.deepcopy(raw)
        out = redact_dict(raw)
        assert raw == kept  # not changed
        assert out["type"] == cls
        assert not [s for s in sentinels if s in json.dumps(out)]
        body = {k: v for k, v in out.items() if k != "type"}
        assert model_class(cls).model_validate(body) == redact(obj)
        assert redact_dict(kept | {"type": None}, cls) == body | {"type": None}

    check()


def test_redact_dict_needs_a_known_class() -> None:
    with pytest.raises(RedactionError, match="no 'type'"):
        redact_dict({"id": "urn:x:1", "name": "Ana"})
    with pytest.raises(RedactionError, match="No class 'Pupil'"):
        redact_dict({"type": "Pupil", "name": "Ana"})


def test_redact_refuses_objects_of_other_classes() -> None:
    from pydantic import BaseModel

    class Other(BaseModel):
        name: str

    with pytest.raises(RedactionError, match="not a pl_vocab class"):
        redact(Other(name="Ana"))


# -------------------------------------------------------------------- the schema drives it all
def _patched_index(monkeypatch: pytest.MonkeyPatch, edit: Any) -> None:
    from pl_vocab import redact as module

    index = copy.deepcopy(INDEX)
    edit(index["classes"])
    monkeypatch.setattr(module, "_index", lambda: parse_schema_index(index))


@pytest.mark.usefixtures("fresh_rules")
def test_a_slot_marked_sensitive_in_the_schema_is_redacted_without_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def edit(classes: dict[str, Any]) -> None:
        classes["LearnerGoal"]["slots"]["goal_status"]["sensitive"] = True
        classes["NarrativeAssessment"]["slots"]["next_steps"]["required"] = True
        classes["Evidence"]["slots"]["description"]["sensitive"] = True

    _patched_index(monkeypatch, edit)
    goal = {"type": "LearnerGoal", "statement": "s", "goal_status": "active", "id": "urn:x:1"}
    assert redact_dict(goal) == {"type": "LearnerGoal", "statement": REDACTED, "id": "urn:x:1"}
    assessment = {
        "next_steps": ["a", "b"],
        "evidence": [{"id": "urn:x:2", "description": "d", "url": "https://e.org/f"}],
    }
    assert redact_dict(assessment, "NarrativeAssessment") == {
        "next_steps": [REDACTED],  # required and multivalued: one marker
        "evidence": [{"id": "urn:x:2", "description": REDACTED, "url": "https://e.org/f"}],
    }


@pytest.mark.usefixtures("fresh_rules")
def test_a_required_sensitive_slot_that_cannot_be_masked_is_a_schema_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def edit(classes: dict[str, Any]) -> None:
        classes["Learner"]["slots"]["birth_date"]["required"] = True

    _patched_index(monkeypatch, edit)
    with pytest.raises(RuntimeError, match=r"Learner\.birth_date is sensitive and required"):
        redact_dict({"birth_date": "2014-05-01"}, "Learner")


# ------------------------------------------------------------------------------ API behaviour
def _goal(n: int, statement: str = "read a chapter book") -> LearnerGoal:
    return LearnerGoal(
        id=f"urn:uuid:00000000-0000-4000-8000-{n:012d}",
        learner="https://d.example.org/l/1",
        statement=statement,
        success_criteria=["zzCRITERIONzz"],
        asserter_role="learner",
    )


def test_redact_all_is_lazy() -> None:
    pulled: list[int] = []

    def source() -> Iterator[LearnerGoal]:
        for n in range(1, 1000):
            pulled.append(n)
            yield _goal(n)

    stream = redact_all(source())
    first = next(stream)
    assert first.statement == REDACTED and first.success_criteria is None
    assert pulled == [1]


def test_unset_and_none_fields_stay_as_they_were() -> None:
    goal = _goal(1)
    out = redact(goal)
    assert out.model_fields_set == goal.model_fields_set - {"success_criteria"}
    assert out.language is None and out.goal_status is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_dumps_redacts_one_object_a_list_or_a_generator(fmt: str) -> None:
    goals = [_goal(1, "zzSTATEMENTzz"), _goal(2, "zzSTATEMENTzz")]
    for objects in (goals[0], goals, iter(goals)):
        text = pl_vocab.dumps(objects, fmt, redact=True)
        assert "zzSTATEMENTzz" not in text and "zzCRITERIONzz" not in text
        assert REDACTED in text
    assert "zzSTATEMENTzz" in exchange.dumps(goals, fmt)  # redact is off by default


def test_dump_redacts(tmp_path: Path) -> None:
    path = tmp_path / "goals.ttl"
    pl_vocab.dump([_goal(1, "zzSTATEMENTzz")], path, redact=True)
    text = path.read_text(encoding="utf-8")
    assert "zzSTATEMENTzz" not in text and "zzCRITERIONzz" not in text
    (back,) = [o for o in exchange.load(path) if isinstance(o, LearnerGoal)]
    assert back.statement == REDACTED

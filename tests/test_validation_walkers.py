"""The compiled walkers of layer V and the engine's quick path for plain, typed records: the
same findings as the general path, for every class, on generated and on broken records."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pl_vocab.validation import validate
from pl_vocab.validation.catalogue import RULES
from pl_vocab.validation.walkers import walker, walker_source

from .strategies import concrete_classes, record

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
CLASSES = concrete_classes()
V_RULES = sorted(r for r in RULES if r.startswith("V"))
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=6,
)


def _signature(records: list[dict[str, Any]], **kw: Any) -> list[str]:
    return [f.model_dump_json() for f in validate(records, now=NOW, **kw)]


@pytest.mark.parametrize("selection", [None, *[frozenset({r}) for r in V_RULES]])
def test_every_walker_compiles_for_every_selection(selection: frozenset[str] | None) -> None:
    for cls in CLASSES:
        compiled = walker(cls, selection)
        assert compiled.__name__ == f"walk_{cls}"
        source = walker_source(cls, selection)
        assert source.startswith(f"def walk_{cls}(") and source == walker_source(cls, selection)


def test_a_walker_only_holds_the_parts_its_rules_need() -> None:
    everything = walker_source("NarrativeAssessment")
    assert "see_id" in everything and "see_reference" in everything and "narrative(" in everything
    ids_only = walker_source("NarrativeAssessment", frozenset({"V011"}))
    assert "see_id" in ids_only and "see_reference" not in ids_only
    assert "narrative(data" not in ids_only and "texts.extend" not in ids_only
    assert "walk_Evidence(" in ids_only  # nested evidence still carries identifiers
    assert "walk_Score(" not in ids_only  # scores have none: not walked at all
    assert "walk_Score(" in everything


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(CLASSES).flatmap(lambda c: st.tuples(st.just(c), record(c))))
def test_the_quick_path_finds_what_the_general_path_finds(case: tuple[str, dict[str, Any]]) -> None:
    """A record that names its class takes the quick path; the same record given with
    ``cls`` takes the general one. Same findings, same places."""
    cls, body = case
    assert _signature([{**body, "type": cls}]) == _signature([body], cls=cls)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(CLASSES).flatmap(lambda c: st.tuples(st.just(c), record(c))),
    st.data(),
)
def test_broken_records_are_left_to_the_general_path(
    case: tuple[str, dict[str, Any]], data: st.DataObject
) -> None:
    """A slot replaced by any JSON value (most make the record invalid): the quick path must
    hand the record over untouched, so both paths report the same findings."""
    cls, body = case
    if not body:
        return
    slot = data.draw(st.sampled_from(sorted(body)))
    broken = {**body, slot: data.draw(_json)}
    twice = [broken, {**broken}]  # twice: identifiers and references are remembered once
    typed = [{**r, "type": cls} for r in twice]
    assert _signature(typed) == _signature(twice, cls=cls)


def test_a_bad_language_tag_is_reported_every_time_and_a_good_one_never() -> None:
    goal = {
        "type": "LearnerGoal",
        "id": "https://example.org/goals/1",
        "learner": "https://example.org/learners/1",
        "statement": "Read two novels",
        "asserter_role": "learner",
        "language": "es-mx",
    }
    found = validate(
        [
            goal,
            {**goal, "id": "https://example.org/goals/2"},
            {**goal, "id": "urn:x:3", "language": "es-MX"},
        ],
        now=NOW,
        select=["V008", "V009"],
    )
    assert [(f.id, f.location.record_index) for f in found] == [("V009", 1), ("V009", 2)]


def _multi_references() -> list[tuple[str, str]]:
    from pl_vocab.validation.plan import rule_plan

    return [(cls, name) for cls in CLASSES for name, multi, _ in rule_plan(cls).references if multi]


@pytest.mark.parametrize(("cls", "slot"), _multi_references())
@pytest.mark.parametrize("value", [5, True, 1.5, "abc", {"k": 1}])
def test_a_single_value_where_a_list_of_references_belongs_is_a_finding(
    cls: str, slot: str, value: object
) -> None:
    """Not a crash, and not a reference per character or key."""
    record = {"type": cls, "id": "https://example.org/x/1", slot: value}
    found = validate([record], now=NOW)
    assert any(f.id.startswith("R") and f.location.json_path == f"$.{slot}" for f in found)
    assert not [
        f for f in found if f.id == "V001" and (f.location.json_path or "").startswith(f"$.{slot}")
    ]

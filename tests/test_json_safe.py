"""The strict JSON reader (and the record YAML reader): same values as the standard library on
strict JSON, and a located problem for everything else."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pl_vocab.io.json_safe import JsonSyntaxError, decode, decode_at, not_json_data
from pl_vocab.io.yaml_safe import YamlInputError, load_yaml

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values, st.sampled_from([None, 2]))
def test_strict_json_reads_as_the_standard_library_does(value: Any, indent: int | None) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    assert decode(text) == json.loads(text)
    assert not_json_data(value) is None


@given(st.lists(json_values, min_size=1, max_size=4))
def test_decode_at_walks_an_array_element_by_element(values: list[Any]) -> None:
    text = "[" + ", ".join(json.dumps(v) for v in values) + "]"
    pos, out = 1, []
    for i, _ in enumerate(values):
        if i:
            pos = text.index(",", pos) + 1
        value, pos = decode_at(text, pos, skip_space=True)
        out.append(value)
    assert out == values


@pytest.mark.parametrize(
    ("text", "line", "column", "reason"),
    [
        ('{"a": 1,\n "b": {"a": 2},\n "a": 3}', 3, 2, "the key 'a' appears twice"),
        ('[{"a": 1}, {"a": 1}]', None, None, None),  # the same key in two objects is fine
        ('{"x": [1,\n NaN]}', 2, 2, "NaN is not a JSON value"),
        ('{"x": -Infinity}', 1, 7, "-Infinity is not a JSON value"),
        ('{\n"x": ' + "9" * 5000 + "}", 2, 6, "more than 4,300 digits"),
        ("[" * 50_000 + "]" * 50_000, 1, None, "nested too deeply"),
        ('{"a": 1}\n{"b": 2}', 2, 1, "unexpected text after the JSON value"),
        ('{"a": \n', 2, 1, "Expecting value"),
    ],
)
def test_problems_are_located(text: str, line: int | None, column: int | None, reason: str) -> None:
    if reason is None:
        decode(text)
        return
    with pytest.raises(JsonSyntaxError) as caught:
        decode(text)
    problem = caught.value
    assert reason in problem.reason
    assert problem.line == line
    if column is not None:
        assert problem.column == column
    assert "9999" not in str(problem)  # no value quoted


@pytest.mark.parametrize(
    ("value", "path", "what"),
    [
        ({"a": {1: "x"}}, ["a"], "field name that is not text (a number)"),
        ({"a": [b"x"]}, ["a", 0], "binary value"),
        ({"a": {1, 2}}, ["a"], "(a set)"),
        ({"d": dt.date(2001, 12, 14)}, ["d"], "(a date)"),
        ({"f": float("inf")}, ["f"], "not finite"),
        ({"t": ["ok", "a\ud800b"]}, ["t", 1], "lone surrogate"),
    ],
)
def test_what_is_not_json_data(value: Any, path: list[Any], what: str) -> None:
    found = not_json_data(value)
    assert found is not None
    assert found[0] == path and what in found[1]


def test_nesting_beyond_the_limit_is_not_json_data() -> None:
    value: Any = "x"
    for _ in range(150):
        value = [value]
    found = not_json_data({"a": value})
    assert found is not None and len(found[0]) == 100 and "nested more than 100" in found[1]
    assert not_json_data({"a": value}, max_depth=200) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("type: Learner\nid: a\nid: b\n", "line 3, column 1: the key 'id' appears twice"),
        ("a:\n  b: 1\n  b: 2\n", "line 3, column 3: the key 'b' appears twice"),
        ("n: " + "9" * 5000 + "\n", "line 1, column 4: a number has more than 4,300 digits"),
        ('a: "\x07"\n', "line 1, column 5: character #x0007"),
    ],
)
def test_record_yaml_refuses_what_json_refuses(text: str, message: str) -> None:
    with pytest.raises(YamlInputError, match=message):
        load_yaml(text, name="r.yaml")


def test_record_yaml_accepts_the_same_key_in_sibling_mappings() -> None:
    assert load_yaml("- id: a\n- id: b\n") == [{"id": "a"}, {"id": "b"}]

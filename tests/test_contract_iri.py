"""What ``pl-vocab validate`` accepts as an identifier or reference, RDF can write and read back.

The schema's ``iri_valued`` mixin puts one pattern (an absolute IRI, RFC 3987) on every IRI-valued
slot, so the JSON Schema, the models and the SHACL shapes all refuse what N-Triples cannot carry
(before: ``validate`` accepted ``<``, ``>``, ``"``, ``{``, ``}``, ``|``, ``^``, a backtick, a space
or a control character, and ``convert --to ntriples`` then refused the value as "not a valid IRI").
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pl_vocab import dumps, loads
from pl_vocab.models import Learner, LearnerGoal
from pl_vocab.rdf.plan import get_plan
from pl_vocab.validation import validate

from .cli_in_process import invoke_validate

BASE = "https://district.example.org/learners/"
NOT_IN_AN_IRI = ["<", ">", '"', "{", "}", "|", "^", "`", "\\", " ", "\x00", "\x1f", "\x7f", "\x85"]
NOT_AN_IRI = [
    f"{BASE}a%zz",  # % that starts no percent-encoding
    f"{BASE}a%2",
    f"{BASE}a#b#c",  # two fragments
    "https://district.example.org:port/x",  # a port is digits
    "https://a@b@district.example.org/",
    f"{BASE}[17]",  # brackets only around an IPv6 host
    f"{BASE}\ufffe",  # a noncharacter
    f"{BASE}\ue000",  # private use, outside a query
    f"{BASE}\U0001f600",  # outside the Basic Multilingual Plane: percent-encode it
    "plv:",
    "no-colon",
    "https://[::1]/x",  # an IP-literal host is a valid IRI, but not one pl_vocab accepts
]


def _id_findings(value: str) -> list[str]:
    found = validate({"type": "Learner", "id": value})
    return [f.id for f in found if f.location.json_path == "$.id"]


@pytest.mark.parametrize("char", NOT_IN_AN_IRI, ids=repr)
def test_a_character_no_iri_may_hold_is_refused(char: str) -> None:
    value = f"{BASE}ana{char}17"
    assert _id_findings(value) == ["R004"]
    reference = {
        "type": "LearnerGoal",
        "id": "https://district.example.org/goals/1",
        "learner": value,
        "statement": "Explain my model to the class.",
        "asserted_by": "https://district.example.org/learners/17",
        "asserter_role": "learner",
        "asserted_at": "2026-03-04T10:15:00-06:00",
    }
    found = [f for f in validate(reference, ignore=["V001"]) if f.location.json_path == "$.learner"]
    assert [f.id for f in found] == ["R004"]
    for f in found:  # the value is never echoed
        assert value not in f.message and value not in (f.suggestion or "")


@pytest.mark.parametrize("value", NOT_AN_IRI, ids=repr)
def test_what_is_not_an_iri_is_refused(value: str) -> None:
    assert _id_findings(value) == ["R004"]


@pytest.mark.parametrize(
    "value",
    [
        "urn:uuid:6f1c2d7e-0000-4000-8000-000000000001",
        "plv:learner/1",
        "plvc:learner-voice",
        f"{BASE}Ana%20L%C3%B3pez",
        f"{BASE}José",
        "https://district.example.org:8443/a/b?c=d&e=f#g",
        "https://user:pw@district.example.org/",
        "tag:district.example.org,2026:learner/17",
    ],
)
def test_iris_are_accepted_and_written(value: str) -> None:
    assert _id_findings(value) == []
    _round_trip(value)


def _round_trip(value: str) -> None:
    learner = Learner(id=value, grade_level="7")
    for fmt in ("ntriples", "turtle", "jsonld"):
        back = loads(dumps(learner, fmt), fmt)
        expand = get_plan().expand
        assert [expand(o.id) for o in back] == [expand(value)], fmt


_SPECIAL = "<>\"{}|^`\\ %#?@:/[]!$&'()*+,;=.-_~\x00\x1f\x7f\x85\xa0é\u2028\ufffe\ue000\U0001f600"
_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(_SPECIAL),
        st.sampled_from("abcAF09"),
        st.characters(exclude_categories=("Cs",)),
    ),
    max_size=24,
)
_CANDIDATES = st.builds(
    lambda head, tail: head + tail,
    st.sampled_from(
        ["https://", "https://district.example.org", "urn:", "plv:", "plvc:", "a:", ""]
    ),
    _TEXT,
)


@given(_CANDIDATES)
@example("https://district.example.org/a%zz")
@example("https://district.example.org:port/")
@example("plv:a#b#c")
def test_any_identifier_validate_accepts_is_written_as_ntriples_and_read_back(value: str) -> None:
    if _id_findings(value):
        return
    learner = Learner(id=value)
    goal = LearnerGoal(
        id="https://district.example.org/goals/1",
        learner=value,
        statement="Explain my model to the class.",
        asserted_by=value,
        asserter_role="learner",
        asserted_at="2026-03-04T10:15:00-06:00",
    )
    text = dumps([learner, goal], "ntriples")
    back = loads(text, "ntriples")
    expand = get_plan().expand
    ids = {type(o).__name__: o for o in back}
    assert expand(ids["Learner"].id) == expand(value)
    assert expand(ids["LearnerGoal"].learner) == expand(value)


def test_convert_to_ntriples_writes_what_validate_accepted(tmp_path: Path) -> None:
    good = tmp_path / "good.ndjson"
    good.write_text(
        '{"type": "Learner", "id": "https://district.example.org/learners/Jos%C3%A9"}\n',
        encoding="utf-8",
    )
    assert invoke_validate("2026-11-23T00:00:00+00:00", good).exit_code == 0
    out = tmp_path / "good.nt"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pl_vocab",
            "convert",
            str(good),
            "--to",
            "ntriples",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Jos%C3%A9" in out.read_text(encoding="utf-8")
    bad = tmp_path / "bad.ndjson"
    bad.write_text(
        '{"type": "Learner", "id": "https://district.example.org/learners/ana <17>"}\n',
        encoding="utf-8",
    )
    assert invoke_validate("2026-11-23T00:00:00+00:00", bad).exit_code == 1

"""Small single-purpose checks of the schema itself (in the spirit of nmdc-schema's tests)."""

from __future__ import annotations

import json
import re
import subprocess
from typing import Any

import pytest

from pl_vocab._resources import generated_json, generated_text
from pl_vocab.io import load_yaml

from .conftest import ROOT, SCHEMA_DIR

MODULES = sorted(SCHEMA_DIR.glob("*.yaml"))


def _all_elements() -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for path in MODULES:
        data = load_yaml(path)
        for section in ("classes", "slots", "enums", "subsets"):
            for name, body in (data.get(section) or {}).items():
                out.append((path.name, f"{section}.{name}", body or {}))
        for ename, enum in (data.get("enums") or {}).items():
            for pv, body in (enum.get("permissible_values") or {}).items():
                out.append((path.name, f"enums.{ename}.{pv}", body or {}))
    return out


@pytest.mark.parametrize(("module", "element", "body"), _all_elements(), ids=lambda x: str(x)[:60])
def test_every_element_is_described(module: str, element: str, body: dict[str, Any]) -> None:
    assert len((body.get("description") or "").split()) >= 2, f"{module}: {element}"


def test_every_class_has_its_own_class_uri(schema_index: dict[str, Any]) -> None:
    uris = [c["class_uri"] for c in schema_index["classes"].values()]
    assert len(uris) == len(set(uris))
    assert (
        schema_index["classes"]["Concept"]["class_uri"]
        == "http://www.w3.org/2004/02/skos/core#Concept"
    )
    assert (
        schema_index["classes"]["ConceptScheme"]["class_uri"]
        == "http://www.w3.org/2004/02/skos/core#ConceptScheme"
    )
    for name, c in schema_index["classes"].items():
        if name not in ("Concept", "ConceptScheme"):
            assert c["class_uri"].startswith("https://w3id.org/pl-vocab/"), name


def test_every_enum_value_has_a_meaning(schema_index: dict[str, Any]) -> None:
    for ename, enum in schema_index["enums"].items():
        for value, body in enum["values"].items():
            assert body["meaning"], f"{ename}.{value}"


def test_identity_cannot_be_inferred(schema_index: dict[str, Any]) -> None:
    sources = set(schema_index["enums"]["IdentitySourceEnum"]["values"])
    assert sources == {"learner", "guardian"}
    attr = schema_index["classes"]["IdentityAttribute"]["slots"]
    for required in ("described_by", "consent", "visibility", "described_at", "attribute_value"):
        assert attr[required]["required"], required
    assert attr["attribute_value"]["sensitive"]


def test_narrative_is_required_and_scores_are_optional(schema_index: dict[str, Any]) -> None:
    na = schema_index["classes"]["NarrativeAssessment"]["slots"]
    assert na["narrative"]["required"] and na["author_role"]["required"]
    assert na["language"]["required"]
    assert not na["scores"]["required"] and not na["proficiency_level"]["required"]


def test_sensitive_marking_covers_personal_slots(schema_index: dict[str, Any]) -> None:
    sensitive = set(schema_index["sensitive_slots"])
    expected = {"name", "birth_date", "local_identifier", "attribute_value", "narrative", "text"}
    assert expected <= sensitive
    for cname, c in schema_index["classes"].items():
        for sname, s in c["slots"].items():
            assert s["sensitive"] == (sname in sensitive), (cname, sname)
            if s["sensitive"]:
                assert s["sensitivity"] in {"pii", "identity", "narrative"}, (cname, sname)


def test_multivalued_class_slots_are_lists_or_references(schema_index: dict[str, Any]) -> None:
    schema = generated_json("schema.json")
    for cname, c in schema_index["classes"].items():
        if c["abstract"] or c["mixin"]:
            continue
        props = schema["$defs"][cname]["properties"]
        for sname, s in c["slots"].items():
            if s["multivalued"] and s["kind"] == "inlined":
                assert props[sname]["type"] in ("array", ["array", "null"]), (cname, sname)


def test_references_carry_an_iri_pattern(schema_index: dict[str, Any]) -> None:
    for cname, c in schema_index["classes"].items():
        for sname, s in c["slots"].items():
            if s["kind"] == "reference" or s["identifier"]:
                assert s["pattern"], (cname, sname)


def test_datetime_policy_is_the_same_in_models_and_json_schema(
    schema_index: dict[str, Any],
) -> None:
    """Every datetime slot requires an offset: AwareDatetime in Pydantic, date-time in JSON Schema."""
    schema = generated_json("schema.json")
    models = generated_text("models.py")
    seen = 0
    for cname, c in schema_index["classes"].items():
        for sname, s in c["slots"].items():
            if s["range"] != "datetime" or c["abstract"] or c["mixin"]:
                continue
            seen += 1
            assert schema["$defs"][cname]["properties"][sname]["format"] == "date-time"
    assert seen > 10
    assert not re.search(r":\s*(Optional\[)?datetime\b", models), "a naive datetime annotation"


def test_unknown_fields_are_forbidden() -> None:
    assert 'extra = "forbid"' in generated_text("models.py")
    schema = generated_json("schema.json")
    for name, d in schema["$defs"].items():
        if "properties" in d:
            assert d.get("additionalProperties") is False, name


def test_generated_files_are_marked() -> None:
    assert generated_text("models.py").startswith('"""Generated by tools/generate.py')
    assert "Do not edit" in generated_json("schema.json")["$comment"]
    assert generated_text("shapes.ttl").startswith("# Generated by")
    assert json.loads(generated_text("vocabulary.json"))["@comment"].startswith("Generated")


@pytest.mark.slow
def test_linkml_lint_is_clean() -> None:
    out = subprocess.run(
        ["linkml", "lint", "--config", ".linkmllint.yaml", "schema/pl_vocab.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "No problems found" in out.stdout

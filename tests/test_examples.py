"""Every class has valid and invalid examples; valid ones pass and invalid ones fail in BOTH the
Pydantic models and the JSON Schema (the validator vendors use, jsonschema-rs)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from pl_vocab.io import load_yaml
from pl_vocab.models import model_class
from pl_vocab.validation import validate
from pl_vocab.validation.layers import validator_for_class

from .conftest import DATA

VALID = sorted((DATA / "valid").glob("*.yaml"))
INVALID = sorted((DATA / "invalid").glob("*.yaml"))


def _load(path: Path) -> tuple[str, Any]:
    return path.name.split("-", 1)[0], load_yaml(path)


def _concrete_classes(schema_index: dict[str, Any]) -> list[str]:
    return sorted(
        name for name, c in schema_index["classes"].items() if not c["abstract"] and not c["mixin"]
    )


def test_every_concrete_class_has_valid_and_invalid_examples(schema_index: dict[str, Any]) -> None:
    valid = {p.name.split("-", 1)[0] for p in VALID}
    invalid = {p.name.split("-", 1)[0] for p in INVALID}
    classes = set(_concrete_classes(schema_index))
    assert classes - valid == set(), "classes without a valid example"
    assert classes - invalid == set(), "classes without an invalid example"
    assert valid | invalid <= classes, "examples named after unknown classes"


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_example_passes_models_and_json_schema(path: Path) -> None:
    cls, data = _load(path)
    obj = model_class(cls).model_validate(data)
    assert validator_for_class(cls).is_valid(json.loads(json.dumps(data)))
    assert [f for f in validate(data, cls=cls, select=["R", "S"])] == []
    # and it survives a JSON round trip through the model unchanged
    again = model_class(cls).model_validate_json(obj.model_dump_json(exclude_none=True))
    assert again == obj


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_example_fails_models_and_json_schema(path: Path) -> None:
    cls, data = _load(path)
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# invalid:"), "say why the example is invalid on line 1"
    with pytest.raises(ValidationError):
        model_class(cls).model_validate(data)
    assert not validator_for_class(cls).is_valid(json.loads(json.dumps(data)))
    assert validate(data, cls=cls, select=["R", "S"]), "the validator found no problem"


@pytest.mark.parametrize("path", VALID + INVALID, ids=lambda p: p.name)
def test_python_jsonschema_agrees_with_jsonschema_rs(path: Path) -> None:
    """Cross-check the fast validator against the reference implementation."""
    import jsonschema

    from pl_vocab._resources import generated_json

    cls, data = _load(path)
    full = dict(generated_json("schema.json"))
    for key in ("properties", "required", "additionalProperties"):
        full.pop(key, None)
    full["$ref"] = f"#/$defs/{cls}"
    ref = jsonschema.Draft201909Validator(
        full, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER
    )
    assert ref.is_valid(data) == validator_for_class(cls).is_valid(data)


# ------------------------------------------------------- examples/ (the README's and the tour's)
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_example_records_are_one_valid_batch() -> None:
    from pl_vocab.validation import validate_files

    report = validate_files([EXAMPLES / "records"])
    assert report.valid and report.findings == [], [f.id for f in report.findings]
    assert report.stats["records"] >= 14


def test_example_batch_refers_only_to_its_roster() -> None:
    from pl_vocab.validation import validate_files

    batch = EXAMPLES / "records" / "alder-creek-batch.ndjson"
    roster = EXAMPLES / "records" / "alder-creek-roster.ndjson"
    assert validate_files([batch], known=[roster]).findings == []
    alone = validate_files([batch]).findings
    assert alone and {f.id for f in alone} == {"V001"}  # the learners live in the roster
    kinds = {json.loads(line)["type"] for line in roster.read_text(encoding="utf-8").splitlines()}
    assert kinds == {"Learner", "Educator"}
    kinds = {json.loads(line)["type"] for line in batch.read_text(encoding="utf-8").splitlines()}
    assert kinds == {"LearnerGoal", "NarrativeAssessment"}


def test_example_records_use_no_deficit_based_terms(vocab: Any) -> None:
    """Asset-based language: no label of a deprecated concept in any example record."""
    from pl_vocab.vocabulary import normalize_label

    labels = {
        normalize_label(lt.value)
        for c in vocab.concepts
        if c.deprecated
        for lt in (*c.pref_label, *(c.alt_label or ()))
    }
    for path in (EXAMPLES / "records").iterdir():
        if path.suffix in {".yaml", ".ndjson"}:
            text = f" {normalize_label(path.read_text(encoding='utf-8'))} "
            found = sorted(label for label in labels if f" {label} " in text)
            assert found == [], f"{path.name} uses {found}"


def test_pine_hollow_glossary_plants_one_deficit_term_and_needs_its_columns() -> None:
    from pl_vocab.glossary.check import check_glossary

    path = EXAMPLES / "glossaries" / "pine-hollow-sd-glossary.csv"
    assert path.read_text(encoding="utf-8").splitlines()[0].startswith("Vocabulary,Meaning,")
    report = check_glossary(path, columns="term=Vocabulary,definition=Meaning")
    deficit = [(f.id, f.location.row) for f in report.findings if f.id.startswith("E")]
    assert deficit == [("E001", 11)]  # Struggling Readers, planted (examples/glossaries/README.md)
    readme = (EXAMPLES / "glossaries" / "README.md").read_text(encoding="utf-8")
    assert "Struggling Readers (row 11)" in readme and "Trailhead Time (row 12)" in readme


def test_every_example_folder_says_what_it_holds() -> None:
    for folder in (EXAMPLES / "records", EXAMPLES / "glossaries"):
        text = (folder / "README.md").read_text(encoding="utf-8")
        for path in folder.iterdir():
            if path.name != "README.md":
                assert f"`{path.name}`" in text, (
                    f"{folder.name}/README.md does not describe {path.name}"
                )
        assert "asset-based" in text

"""One data contract between the models, the JSON Schema, SHACL and ``pl-vocab validate``.

What pl_vocab writes (``dumps`` in JSON, YAML and NDJSON) and what its models dump
(``model_dump``, ``model_dump_json``) passes the JSON Schema it ships, checked with Python's
``jsonschema`` and, where node and the npm packages are installed (``tools/install_node_tools.sh``),
with ajv in strict mode; and it passes ``pl-vocab validate`` without ``--class``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import BaseModel

from pl_vocab import dumps
from pl_vocab._resources import generated_json
from pl_vocab.io.yaml_safe import load_yaml
from pl_vocab.models import NarrativeAssessment, model_class
from pl_vocab.validation import validate

from .cli_in_process import invoke_validate
from .conftest import DATA, ROOT

VALID = sorted((DATA / "valid").glob("*.yaml"))
EXAMPLES_NOW = "2026-11-23T00:00:00+00:00"  # the examples' consents run to 2027
AJV_SCRIPT = ROOT / "tests" / "js" / "ajv_check.js"


def _object(path: Path) -> BaseModel:
    cls = path.stem.rsplit("-", 1)[0]
    return model_class(cls).model_validate(load_yaml(path))


def _outputs(obj: BaseModel) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every form in which pl_vocab hands the object out, as JSON data."""
    yield "model_dump", obj.model_dump(mode="json")
    yield "model_dump(exclude_none)", obj.model_dump(mode="json", exclude_none=True)
    yield "model_dump_json", json.loads(obj.model_dump_json())
    yield "dumps json", json.loads(dumps(obj, "json"))
    yield "dumps json list", json.loads(dumps([obj], "json"))[0]
    yield "dumps ndjson", json.loads(dumps([obj], "ndjson"))
    yield "dumps yaml", load_yaml(dumps(obj, "yaml"))


@cache
def _cases() -> list[tuple[str, str, str, dict[str, Any]]]:
    """(example, output form, class, data) for every valid example and every output form."""
    out = []
    for path in VALID:
        obj = _object(path)
        for form, data in _outputs(obj):
            out.append((path.name, form, type(obj).__name__, data))
    return out


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = generated_json("schema.json")
    return schema


# ------------------------------------------------------------------------------ the type key
def test_the_readme_vendor_example_dump_validates_without_class(tmp_path: Path) -> None:
    # README "For an edtech vendor": the model's own JSON, validated as it is (bug: R008, no type)
    assessment = NarrativeAssessment(
        id="https://district.example.org/assessments/42",
        learner="https://district.example.org/learners/17",
        narrative="Ana explained her water-cycle model and linked it to the rain in her town.",
        language="en",
        author="https://district.example.org/staff/4",
        author_role="teacher",
        assessed_at="2026-03-04T10:15:00-06:00",
    )
    text = assessment.model_dump_json(exclude_none=True)
    assert json.loads(text)["type"] == "NarrativeAssessment"
    path = tmp_path / "assessment.json"
    path.write_text(text, encoding="utf-8")
    result = invoke_validate(EXAMPLES_NOW, path, "--ignore", "V001")
    assert result.exit_code == 0, result.output


def test_type_is_always_written_first_and_names_the_class() -> None:
    for path in VALID:
        obj = _object(path)
        for form, data in _outputs(obj):
            assert next(iter(data)) == "type", (path.name, form)
            assert data["type"] == type(obj).__name__, (path.name, form)


def test_nested_objects_name_their_class_too() -> None:
    obj = _object(DATA / "valid" / "ProficiencyScale-001.yaml")
    levels = obj.model_dump(mode="json")["levels"]
    assert {level["type"] for level in levels} == {"ProficiencyLevel"}


def test_records_without_type_still_validate_with_class() -> None:
    for path in VALID:
        cls = path.stem.rsplit("-", 1)[0]
        data = load_yaml(path)
        assert "type" not in data
        errors = [
            f for f in validate(data, cls=cls, now=_now(), ignore=["V001"]) if f.severity == "error"
        ]
        assert errors == [], path.name


def _now() -> Any:
    import datetime as dt

    return dt.datetime.fromisoformat(EXAMPLES_NOW)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_every_output_validates_without_class(path: Path) -> None:
    obj = _object(path)
    for form, data in _outputs(obj):
        errors = [f for f in validate(data, now=_now(), ignore=["V001"]) if f.severity == "error"]
        assert errors == [], (form, errors)


def test_convert_output_validates_without_class(tmp_path: Path) -> None:
    objects = [_object(p) for p in VALID]
    for fmt, ext in (("json", "json"), ("ndjson", "ndjson"), ("yaml", "yaml")):
        path = tmp_path / f"all.{ext}"
        path.write_text(dumps(objects, fmt), encoding="utf-8")
        # the examples reuse identifiers across files: V011 (duplicate identifier) is theirs
        result = invoke_validate(EXAMPLES_NOW, path, "--ignore", "V001,V011", "--fail-on", "error")
        assert result.exit_code == 0, (fmt, result.output)


def test_rdf_carries_the_class_as_rdf_type_only() -> None:
    from pl_vocab.rdf.export import to_ntriples

    for path in VALID:
        lines = "".join(to_ntriples(_object(path)))
        assert "<https://w3id.org/pl-vocab/type>" not in lines, path.name
    shapes = (ROOT / "src" / "pl_vocab" / "_generated" / "shapes-record.ttl").read_text("utf-8")
    assert "pl-vocab/type>" not in shapes and "plv:type " not in shapes


# ------------------------------------------------------------------------------ JSON Schema
def test_the_schema_has_only_json_schema_keywords_at_the_top() -> None:
    # ajv in strict mode refused LinkML's "metamodel_version" and "version"
    schema = _schema()
    assert "metamodel_version" not in schema and "version" not in schema
    assert "0.1.0" in schema["$comment"]


def test_the_schema_is_a_valid_draft_2019_09_schema() -> None:
    schema = _schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2019-09/schema"
    jsonschema.Draft201909Validator.check_schema(schema)


def _wrapper(cls: str) -> dict[str, Any]:
    full = _schema()
    body = {
        k: v for k, v in full.items() if k not in ("properties", "required", "additionalProperties")
    }
    return {**body, "$ref": f"#/$defs/{cls}"}


def test_every_output_passes_python_jsonschema() -> None:
    validators: dict[str, jsonschema.Draft201909Validator] = {}
    cases = _cases()
    for example, form, cls, data in cases:
        if cls not in validators:
            validators[cls] = jsonschema.Draft201909Validator(
                _wrapper(cls), format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER
            )
        errors = [e.message for e in validators[cls].iter_errors(data)]
        assert errors == [], (example, form, errors)
    assert len(cases) == len(VALID) * 7


def _node_modules() -> Path | None:
    """Where ajv and ajv-formats are: ``$PL_VOCAB_NODE_MODULES``, else ``.tools/node``."""
    given = os.environ.get("PL_VOCAB_NODE_MODULES")
    candidates = [Path(given)] if given else []
    candidates.append(ROOT / ".tools" / "node" / "node_modules")
    for candidate in candidates:
        if (candidate / "ajv").is_dir() and (candidate / "ajv-formats").is_dir():
            return candidate
    return None


def _ajv(cases: list[dict[str, Any]], schema: dict[str, Any] | None = None) -> dict[str, Any]:
    node = shutil.which("node")
    modules = _node_modules()
    if node is None or modules is None:
        pytest.skip("ajv needs node and the npm packages: run tools/install_node_tools.sh")
    payload = json.dumps({"schema": schema or _schema(), "cases": cases})
    done = subprocess.run(
        [node, str(AJV_SCRIPT)],
        input=payload,
        capture_output=True,
        text=True,
        env={**os.environ, "NODE_PATH": str(modules)},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_ajv_strict_accepts_the_schema_and_every_output() -> None:
    cases = _cases()
    result = _ajv([{"class": cls, "data": data} for _, _, cls, data in cases])
    assert result["compiled"], result.get("error")
    refused = [
        (example, form, r["errors"][:2])
        for (example, form, _, _), r in zip(cases, result["results"], strict=True)
        if not r["valid"]
    ]
    assert refused == []
    assert len(result["results"]) == len(VALID) * 7


def test_ajv_strict_refuses_what_the_schema_refuses() -> None:
    # the check is real: a wrong type, an unknown field and an IRI RDF cannot write are refused
    learner = {"type": "Learner", "id": "https://district.example.org/learners/17"}
    cases = [
        {"class": "Learner", "data": learner},
        {"class": "Learner", "data": {**learner, "type": "Person"}},
        {"class": "Learner", "data": {**learner, "nickname": "A"}},
        {"class": "Learner", "data": {**learner, "id": "https://x.example.org/a b"}},
        {"class": "Learner", "data": {**learner, "id": "https://x.example.org/%zz"}},
    ]
    result = _ajv(cases)
    assert result["compiled"], result.get("error")
    assert [r["valid"] for r in result["results"]] == [True, False, False, False, False]


def test_ajv_strict_refused_the_old_top_level_keywords() -> None:
    # what the schema looked like before: ajv strict stops at "metamodel_version"
    old = {"metamodel_version": "1.7.0", "version": "0.1.0", **_schema()}
    result = _ajv([], schema=old)
    assert not result["compiled"]
    assert "metamodel_version" in result["error"]


@pytest.mark.slow
def test_linkmls_own_validator_accepts_every_written_record() -> None:
    # a cross-check with the reference implementation (LinkML is a development dependency)
    validator_module = pytest.importorskip("linkml.validator")
    plugins = pytest.importorskip("linkml.validator.plugins")
    validator = validator_module.Validator(
        str(ROOT / "schema" / "pl_vocab.yaml"),
        validation_plugins=[plugins.JsonschemaValidationPlugin(closed=True)],
    )
    refused = []
    for path in VALID:
        obj = _object(path)
        report = validator.validate(json.loads(dumps(obj, "json")), type(obj).__name__)
        if report.results:
            refused.append((path.name, [r.message[:80] for r in report.results[:2]]))
    assert refused == []

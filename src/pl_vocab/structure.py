"""Structural checks of one record against the generated JSON Schema and Pydantic models.

This is the first two layers of record validation (types and formats); messages name the JSON
path and the kind of problem and never repeat the value, so they are safe for sensitive slots.

    >>> problems = check_record({"id": "plv:x", "name": "Ana"}, "Learner")
    >>> problems
    []
    >>> check_record({"id": "plv:x", "nickname": "A"}, "Learner")[0].path
    '$'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

__all__ = ["StructureProblem", "check_record", "validator_for_class"]


@dataclass(frozen=True)
class StructureProblem:
    """One structural problem: where (a JSON path), which layer, and what kind of problem."""

    path: str
    layer: str  # "json-schema" or "model"
    kind: str
    message: str


@cache
def validator_for_class(class_name: str) -> Any:
    """A compiled jsonschema-rs validator for one class of the packaged JSON Schema."""
    import jsonschema_rs

    from pl_vocab._resources import generated_json

    full = generated_json("schema.json")
    if class_name not in full["$defs"]:
        raise KeyError(f"No class {class_name!r} in the pl_vocab schema.")
    schema = {
        k: v for k, v in full.items() if k not in ("properties", "required", "additionalProperties")
    }
    schema["$ref"] = f"#/$defs/{class_name}"
    return jsonschema_rs.Draft201909Validator(schema, validate_formats=True)


def _json_path(parts: list[Any]) -> str:
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def _safe_schema_message(kind: str, path: str) -> str:
    """A message from the error's kind and location only: jsonschema-rs messages quote values."""
    return {
        "required": "a required field is missing",
        "additionalProperties": "a field that the schema does not define (unknown fields are not allowed)",
        "format": "the value does not have the required format",
        "pattern": "the value does not match the required pattern",
        "enum": "the value is not one of the allowed values",
        "type": "the value has the wrong type",
        "minItems": "the list has too few items",
        "minimum": "the number is below the allowed minimum",
        "maximum": "the number is above the allowed maximum",
    }.get(kind, f"the value breaks the schema rule '{kind}'") + f" at {path}"


def check_record(data: Any, class_name: str) -> list[StructureProblem]:
    """Check one record (a dict as read from JSON or YAML) against ``class_name``.

    JSON Schema runs first (formats, patterns, closed objects); the Pydantic model runs only if it
    passes, so each problem is reported once.
    """
    validator = validator_for_class(class_name)
    as_json = json.loads(json.dumps(data, default=str))
    problems: list[StructureProblem] = []
    for err in validator.iter_errors(as_json):
        name = type(err.kind).__name__
        kind = name[0].lower() + name[1:]
        path = _json_path(list(err.instance_path))
        message = _safe_schema_message(kind, path)
        # field names are schema vocabulary, never user values, so they are safe to name
        if kind == "required":
            path = _json_path([*err.instance_path, err.kind.property])
            message = f"the required field '{err.kind.property}' is missing"
        elif kind == "additionalProperties":
            fields = ", ".join(repr(f) for f in err.kind.unexpected)
            message = f"unknown field(s) {fields} at {path}: the schema does not define them"
        problems.append(StructureProblem(path, "json-schema", kind, message))
    if problems:
        return problems

    from pydantic import ValidationError

    from pl_vocab.models import model_class

    try:
        model_class(class_name).model_validate(as_json)
    except ValidationError as exc:
        for e in exc.errors(include_input=False, include_url=False):
            path = _json_path(list(e["loc"]))
            problems.append(
                StructureProblem(
                    path, "model", e["type"], f"{e['type'].replace('_', ' ')} at {path}"
                )
            )
    return problems

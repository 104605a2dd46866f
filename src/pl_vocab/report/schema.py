"""The JSON Schema of ``--format json``: the published contract of :class:`Report`."""

from __future__ import annotations

from typing import Any

from pl_vocab.core.model import Report

__all__ = ["SCHEMA_DIALECT", "report_json_schema"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def report_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every ``render_json`` output validates against.

    It is generated from the model in serialization mode, so it describes what is written.

    >>> schema = report_json_schema()
    >>> schema["title"], schema["properties"]["valid"]["type"], sorted(schema["required"])
    ('Report', 'boolean', ['input', 'tool_version', 'valid'])
    """
    schema = Report.model_json_schema(mode="serialization")
    return {"$schema": SCHEMA_DIALECT, **schema}

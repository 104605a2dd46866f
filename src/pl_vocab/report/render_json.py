"""``--format json``: the Report as documented, stable JSON (the schema is in :mod:`.schema`)."""

from __future__ import annotations

import json

from pl_vocab.core.model import Report

__all__ = ["render_json"]


def render_json(report: Report) -> str:
    """The report as indented UTF-8 JSON, fields in the model's order, ending in a newline.

    Every field is written, ``null`` included, so consumers can rely on the shape; non-ASCII
    text is written as is (not ``\\u`` escapes). ``Report.model_validate_json`` reads it back.

    >>> from pl_vocab.core.model import InputInfo
    >>> text = render_json(Report(valid=True, tool_version="0.1.0", input=InputInfo(file="glosario.csv")))
    >>> print(*text.splitlines()[:4], sep="\\n")
    {
      "valid": true,
      "tool": "pl-vocab",
      "tool_version": "0.1.0",
    """
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"

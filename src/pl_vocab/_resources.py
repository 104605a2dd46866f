"""Read the files that ship inside the package (generated artifacts, schema, vocabulary)."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["generated_json", "generated_text"]


def generated_text(name: str) -> str:
    """Return the text of a file in ``pl_vocab/_generated`` (e.g. ``"shapes.ttl"``)."""
    return files("pl_vocab._generated").joinpath(name).read_text(encoding="utf-8")


@cache
def generated_json(name: str) -> Any:
    """Parse a JSON file in ``pl_vocab/_generated`` once and keep it (treat it as read-only)."""
    return json.loads(generated_text(name))

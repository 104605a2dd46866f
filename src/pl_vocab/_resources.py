"""Read the files that ship inside the package (generated artifacts, schema, vocabulary)."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

__all__ = ["generated_json", "generated_text"]


def generated_text(name: str) -> str:
    """Return the text of a file in ``pl_vocab/_generated`` (e.g. ``"shapes.ttl"``)."""
    return files("pl_vocab._generated").joinpath(name).read_text(encoding="utf-8")


@cache
def generated_json(name: str) -> Any:
    """Parse a JSON file in ``pl_vocab/_generated`` once and keep it (treat it as read-only)."""
    return json.loads(generated_text(name))


def examples_dir(kind: str) -> Path | None:
    """The folder of shipped examples of one kind (``"records"`` or ``"glossaries"``), or None.

    An installed wheel carries them as ``pl_vocab/examples/<kind>``; a source checkout (an
    editable install) has them in the repository's ``examples/<kind>``.
    """
    shipped = Path(str(files("pl_vocab").joinpath("examples", kind)))
    if shipped.is_dir():
        return shipped
    checkout = Path(__file__).resolve().parent.parent.parent / "examples" / kind
    return checkout if checkout.is_dir() else None

"""The parts of the generated schema index that record validation reads, by class and slot.

Built once per process from ``schema_index.json`` (the schema, not code, decides which slots are
sensitive, which dates may lie ahead, which slots reference which classes).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

__all__ = ["ClassInfo", "SlotInfo", "class_info", "enum_values", "known_classes"]


@dataclass(frozen=True)
class SlotInfo:
    """One slot of one class, as record validation needs it."""

    name: str
    range: str
    kind: str  # "literal", "enum", "reference", "inlined"
    multivalued: bool
    required: bool
    sensitive: bool
    may_be_future: bool
    pattern: str | None


@dataclass(frozen=True)
class ClassInfo:
    """One class: its identifier slot and its slots by name."""

    name: str
    identifier: str | None
    slots: dict[str, SlotInfo]
    abstract: bool


@cache
def _index() -> dict[str, Any]:
    from pl_vocab._resources import generated_json

    index: dict[str, Any] = generated_json("schema_index.json")
    return index


@cache
def class_info(name: str) -> ClassInfo:
    """The class ``name``; :class:`KeyError` when the schema has no such class."""
    raw = _index()["classes"][name]
    slots = {
        n: SlotInfo(
            name=n,
            range=s["range"],
            kind=s["kind"],
            multivalued=s["multivalued"],
            required=s["required"],
            sensitive=s["sensitive"],
            may_be_future=s.get("may_be_future", False),
            pattern=s["pattern"],
        )
        for n, s in raw["slots"].items()
    }
    return ClassInfo(name, raw["identifier"], slots, raw["abstract"] or raw["mixin"])


@cache
def known_classes() -> tuple[str, ...]:
    """The concrete classes a record may have, sorted."""
    return tuple(
        sorted(n for n, c in _index()["classes"].items() if not (c["abstract"] or c["mixin"]))
    )


def is_known_class(name: str) -> bool:
    """Whether ``name`` is a concrete class (a set look-up)."""
    return name in _known_set()


@cache
def _known_set() -> frozenset[str]:
    return frozenset(known_classes())


@cache
def enum_values(name: str) -> tuple[str, ...]:
    """The permissible values of the enumeration ``name`` (empty for an unknown name)."""
    enum = _index()["enums"].get(name)
    return tuple(enum["values"]) if enum else ()

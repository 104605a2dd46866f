"""The parts of the generated schema index that record validation reads, by class and slot.

A view of :func:`pl_vocab.schema_index.schema_index` (the schema, not code, decides which slots
are sensitive, which dates may lie ahead, which slots reference which classes).

    >>> info = class_info("LearnerGoal")
    >>> info.identifier, info.abstract, info.slots["statement"].sensitive
    ('id', False, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pl_vocab.schema_index import SlotDef, schema_index

__all__ = ["ClassInfo", "SlotInfo", "class_info", "enum_values", "known_classes"]

SlotInfo = SlotDef
"""One slot of one class, as record validation needs it (the schema index's :class:`SlotDef`)."""


@dataclass(frozen=True)
class ClassInfo:
    """One class: its identifier slot and its slots by name (``abstract``: abstract or mixin)."""

    name: str
    identifier: str | None
    slots: dict[str, SlotInfo]
    abstract: bool


@cache
def class_info(name: str) -> ClassInfo:
    """The class ``name``; :class:`KeyError` when the schema has no such class."""
    c = schema_index().classes[name]
    return ClassInfo(name, c.identifier, c.slots, not c.concrete)


@cache
def known_classes() -> tuple[str, ...]:
    """The concrete classes a record may have, sorted."""
    return schema_index().concrete_classes()


def is_known_class(name: str) -> bool:
    """Whether ``name`` is a concrete class (a set look-up)."""
    return name in _known_set()


@cache
def _known_set() -> frozenset[str]:
    return frozenset(known_classes())


@cache
def enum_values(name: str) -> tuple[str, ...]:
    """The permissible values of the enumeration ``name`` (empty for an unknown name)."""
    enum = schema_index().enums.get(name)
    return tuple(enum.values) if enum else ()

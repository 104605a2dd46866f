"""Typed access to the generated schema index (``_generated/schema_index.json``).

The schema index is what the runtime knows about the LinkML schema without importing LinkML:
class and slot IRIs, ranges, how each slot is written (literal, enum, reference, inlined), enum
meanings, the sensitive subset and the prefix map. :func:`schema_index` parses it once per
process into frozen dataclasses; every reader of the schema (record validation, redaction, the
RDF plan, the prefix map) goes through it.

    >>> index = schema_index()
    >>> index is schema_index()
    True
    >>> goal = index.classes["LearnerGoal"]
    >>> goal.class_uri, goal.identifier, goal.concrete
    ('https://w3id.org/pl-vocab/LearnerGoal', 'id', True)
    >>> slot = goal.slots["statement"]
    >>> slot.kind, slot.sensitive, slot.required
    ('literal', True, True)
    >>> index.enums["AdvisoryStatusEnum"].values["flagged"].meaning
    'https://w3id.org/pl-vocab/advisory/flagged'
    >>> index.prefixes["plvc"]
    'https://w3id.org/pl-vocab/concept/'

The mappings are plain dicts for speed; treat them as read-only (they are shared).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, cast

__all__ = [
    "ClassDef",
    "EnumDef",
    "EnumValue",
    "SchemaIndex",
    "SlotDef",
    "SlotKind",
    "parse_schema_index",
    "schema_index",
]

SlotKind = Literal["literal", "enum", "reference", "inlined"]
_KINDS: frozenset[str] = frozenset({"literal", "enum", "reference", "inlined"})


@dataclass(frozen=True, slots=True)
class SlotDef:
    """One slot as used by one class (``slot_usage`` applied)."""

    name: str
    slot_uri: str
    range: str
    kind: SlotKind
    datatype: str | None
    multivalued: bool
    required: bool
    identifier: bool
    sensitive: bool
    sensitivity: str | None
    pattern: str | None
    may_be_future: bool
    designates_type: bool = (
        False  # the ``type`` slot: names the record's class, no triple of its own
    )


@dataclass(frozen=True, slots=True)
class ClassDef:
    """One class: its IRI, its place in the hierarchy, its identifier slot and its slots."""

    name: str
    class_uri: str
    abstract: bool
    mixin: bool
    is_a: str | None
    tree_root: bool
    description: str | None
    identifier: str | None
    slots: dict[str, SlotDef]
    designator: str | None = None  # the slot that names the class (``type``)

    @property
    def concrete(self) -> bool:
        """Whether a record may have this class (neither abstract nor a mixin)."""
        return not (self.abstract or self.mixin)


@dataclass(frozen=True, slots=True)
class EnumValue:
    """One permissible value of an enumeration, with its meaning IRI."""

    name: str
    meaning: str | None
    description: str | None


@dataclass(frozen=True, slots=True)
class EnumDef:
    """One enumeration: its permissible values by name, in schema order."""

    name: str
    description: str | None
    values: dict[str, EnumValue]

    def meanings(self) -> dict[str, str]:
        """Value name -> meaning IRI, for the values that have one."""
        return {n: v.meaning for n, v in self.values.items() if v.meaning is not None}


@dataclass(frozen=True, slots=True)
class SchemaIndex:
    """The whole schema index (see the module documentation)."""

    schema_id: str
    name: str
    version: str
    prefixes: dict[str, str]
    types: dict[str, str]
    classes: dict[str, ClassDef]
    enums: dict[str, EnumDef]
    sensitive_slots: frozenset[str]

    def concrete_classes(self) -> tuple[str, ...]:
        """The names of the classes a record may have, sorted."""
        return tuple(sorted(n for n, c in self.classes.items() if c.concrete))


def _slot(name: str, raw: dict[str, Any]) -> SlotDef:
    kind = raw["kind"]
    if kind not in _KINDS:  # the generator's contract; a change there must not pass silently
        raise RuntimeError(f"schema_index.json: slot {name!r} has an unknown kind {kind!r}")
    return SlotDef(
        name=name,
        slot_uri=raw["slot_uri"],
        range=raw["range"],
        kind=cast("SlotKind", kind),
        datatype=raw.get("datatype"),
        multivalued=bool(raw["multivalued"]),
        required=bool(raw["required"]),
        identifier=bool(raw.get("identifier", False)),
        sensitive=bool(raw["sensitive"]),
        sensitivity=raw.get("sensitivity"),
        pattern=raw.get("pattern"),
        may_be_future=bool(raw.get("may_be_future", False)),
        designates_type=bool(raw.get("designates_type", False)),
    )


def _class(name: str, raw: dict[str, Any]) -> ClassDef:
    return ClassDef(
        name=name,
        class_uri=raw["class_uri"],
        abstract=bool(raw["abstract"]),
        mixin=bool(raw["mixin"]),
        is_a=raw.get("is_a"),
        tree_root=bool(raw.get("tree_root", False)),
        description=raw.get("description"),
        identifier=raw["identifier"],
        slots={n: _slot(n, s) for n, s in raw["slots"].items()},
        designator=raw.get("designator"),
    )


def _enum(name: str, raw: dict[str, Any]) -> EnumDef:
    values = {
        v: EnumValue(v, body.get("meaning"), body.get("description"))
        for v, body in raw["values"].items()
    }
    return EnumDef(name, raw.get("description"), values)


def parse_schema_index(raw: dict[str, Any]) -> SchemaIndex:
    """Build a :class:`SchemaIndex` from the parsed JSON of a schema index."""
    schema = raw["schema"]
    return SchemaIndex(
        schema_id=schema["id"],
        name=schema["name"],
        version=str(schema["version"]),
        prefixes=dict(raw["prefixes"]),
        types=dict(raw["types"]),
        classes={n: _class(n, c) for n, c in raw["classes"].items()},
        enums={n: _enum(n, e) for n, e in raw["enums"].items()},
        sensitive_slots=frozenset(raw["sensitive_slots"]),
    )


@cache
def schema_index() -> SchemaIndex:
    """The index of the packaged schema, parsed once per process."""
    from pl_vocab._resources import generated_json

    return parse_schema_index(generated_json("schema_index.json"))

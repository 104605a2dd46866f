"""The mapping between pl_vocab classes and RDF, computed once from the generated schema index.

Nothing here is written per class: class IRIs, slot IRIs, ranges, inlining, datatypes and enum
meanings all come from ``schema_index.json``, so a schema change needs no code change.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from pl_vocab.langtag import canonical_case
from pl_vocab.prefixes import OWN_PREFIXES, PrefixMap, prefix_map
from pl_vocab.schema_index import SchemaIndex, SlotDef, schema_index

__all__ = ["ClassPlan", "Plan", "SlotPlan", "canonical_language_tag", "get_plan"]

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LOCALIZED = "LocalizedText"
IRI_RANGES = frozenset({"uri", "uriorcurie"})

Kind = Literal["literal", "iri", "enum", "reference", "inlined", "localized"]


# the limits of loading RDF (see docs/security.md)
MAX_COPIES_ENV, DEFAULT_MAX_INLINED_COPIES = "PL_VOCAB_MAX_INLINED_COPIES", 10
MAX_NESTING_ENV, DEFAULT_MAX_NESTING = "PL_VOCAB_MAX_NESTING", 200


def _limit(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else default


def max_inlined_copies() -> int:
    """How many nodes loading may build per triple of the input, a node inlined under several
    parents counted once per parent (default 10; raise with ``PL_VOCAB_MAX_INLINED_COPIES``)."""
    return _limit(MAX_COPIES_ENV, DEFAULT_MAX_INLINED_COPIES)


def max_nesting() -> int:
    """How deep JSON-LD or inlined RDF nodes may nest (default 200; ``PL_VOCAB_MAX_NESTING``):
    deeper input is refused before any recursive step."""
    return _limit(MAX_NESTING_ENV, DEFAULT_MAX_NESTING)


@dataclass(frozen=True)
class SlotPlan:
    """How one slot of one class becomes triples."""

    name: str
    iri: str
    kind: Kind
    range: str
    datatype: str | None
    multivalued: bool
    sensitive: bool
    enum_to_iri: dict[str, str] = field(default_factory=dict)
    iri_to_enum: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ClassPlan:
    """How one class becomes triples: its IRI, its identifier slot, its slots by name and IRI."""

    name: str
    iri: str
    identifier: str | None
    slots: dict[str, SlotPlan]
    by_predicate: dict[str, SlotPlan]
    # the slot that names the class in JSON ("type"): rdf:type says it in RDF, so it has no triple
    designator: str | None = None


@dataclass(frozen=True)
class Plan:
    """Every class's plan, the prefix map, and look-ups by class IRI."""

    classes: dict[str, ClassPlan]
    by_class_iri: dict[str, ClassPlan]
    prefixes: dict[str, str]
    inlined_predicates: frozenset[str] = frozenset()

    def expand(self, value: str) -> str:
        """Expand a CURIE with a known prefix; anything else is taken as an absolute IRI
        (see :mod:`pl_vocab.prefixes`)."""
        return self._prefix_map().expand(value)

    def compress(self, iri: str) -> str:
        """Shorten an IRI to a ``plvc:``/``plv:`` CURIE where it is one of ours."""
        return self._prefix_map().compress(iri, only=OWN_PREFIXES)

    def _prefix_map(self) -> PrefixMap:
        shared = prefix_map()
        return shared if shared.namespaces == self.prefixes else PrefixMap(self.prefixes)


def canonical_language_tag(tag: str) -> str:
    """BCP 47 canonical casing (RDF stores tags case-insensitively and may lower-case them):
    :func:`pl_vocab.langtag.canonical_case`, under the name the RDF loader imports.

    >>> canonical_language_tag("es-mx"), canonical_language_tag("ZH-hant-tw")
    ('es-MX', 'zh-Hant-TW')
    >>> canonical_language_tag("az-latn-x-latn")
    'az-Latn-x-latn'
    """
    return canonical_case(tag)


def _slot_plan(s: SlotDef, index: SchemaIndex) -> SlotPlan:
    kind: Kind
    enum_to_iri: dict[str, str] = {}
    if s.kind == "enum":
        kind = "enum"
        enum_to_iri = index.enums[s.range].meanings()
    elif s.kind == "inlined":
        kind = "localized" if s.range == LOCALIZED else "inlined"
    elif s.kind == "reference":
        kind = "reference"
    elif s.range in IRI_RANGES:
        kind = "iri"
    else:
        kind = "literal"
    datatype = None
    if kind == "literal" and s.range != "string":
        datatype = index.types.get(s.range) or None
    return SlotPlan(
        name=s.name,
        iri=s.slot_uri,
        kind=kind,
        range=s.range,
        datatype=datatype,
        multivalued=s.multivalued,
        sensitive=s.sensitive,
        enum_to_iri=enum_to_iri,
        iri_to_enum={iri: v for v, iri in enum_to_iri.items()},
    )


@cache
def get_plan() -> Plan:
    """The plan for the packaged schema (built once, in a few milliseconds)."""
    index = schema_index()
    classes: dict[str, ClassPlan] = {}
    for cname, c in index.classes.items():
        slots = {sname: _slot_plan(s, index) for sname, s in c.slots.items()}
        by_predicate = {
            sp.iri: sp for sp in slots.values() if sp.name not in (c.identifier, c.designator)
        }
        classes[cname] = ClassPlan(
            cname, c.class_uri, c.identifier, slots, by_predicate, c.designator
        )
    by_iri = {cp.iri: cp for cp in classes.values() if not index.classes[cp.name].mixin}
    inlined = frozenset(
        sp.iri for cp in classes.values() for sp in cp.slots.values() if sp.kind == "inlined"
    )
    not_inlined = {
        sp.iri
        for cp in classes.values()
        for sp in cp.slots.values()
        if sp.kind != "inlined" and sp.name != cp.designator
    }
    if (
        inlined & not_inlined
    ):  # the loader relies on this; a schema change must not break it silently
        raise RuntimeError(f"slot IRIs both inlined and not: {sorted(inlined & not_inlined)}")
    return Plan(classes, by_iri, dict(index.prefixes), inlined)

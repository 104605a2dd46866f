"""Take the sensitive data out of pl_vocab records before they leave a trusted system.

What is sensitive is read from the schema (the ``sensitive`` annotation of each slot, carried into
``schema_index.json``); nothing here is written per class, so a slot marked sensitive in the schema
is redacted without a code change.

    >>> from pl_vocab.models import LearnerGoal
    >>> goal = LearnerGoal(
    ...     id="urn:uuid:6f1c2d7e-0000-4000-8000-000000000002",
    ...     learner="https://district.example.org/learners/17",
    ...     statement="I want to read a whole chapter book by myself.",
    ...     success_criteria=["I finish it", "I can retell it"],
    ...     asserter_role="learner",
    ... )
    >>> safe = redact(goal)
    >>> safe.statement, safe.success_criteria, safe.learner
    ('[redacted]', None, 'https://district.example.org/learners/17')

The rules, applied to every record and to every object written out inside it (at any depth):

* an optional sensitive slot is removed;
* a required sensitive slot cannot be removed, so its value is replaced by :data:`REDACTED`
  (a multivalued one by a single :data:`REDACTED` item), which still validates;
* every other slot is kept as it is; identifiers and references are not sensitive in the schema
  and are kept, so redacted records still link to each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel

from pl_vocab.core.errors import PlVocabError
from pl_vocab.schema_index import SchemaIndex, SlotDef, schema_index

__all__ = ["REDACTED", "RedactionError", "redact", "redact_all", "redact_dict"]

REDACTED = "[redacted]"
"""The value that replaces a required sensitive slot (it matches the schema's ``\\S`` pattern)."""

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

M = TypeVar("M", bound=BaseModel)


class RedactionError(PlVocabError, ValueError):
    """A plain record that cannot be redacted: its class is unknown or not given."""


@dataclass(frozen=True)
class _Rule:
    """What redaction does to one class: slots to remove, to mask, and to descend into."""

    remove: frozenset[str]
    mask: dict[str, bool]  # slot -> multivalued
    inlined: dict[str, tuple[str, bool]]  # slot -> (range class, multivalued)


def _index() -> SchemaIndex:
    """The schema index redaction reads (a seam for tests that edit the schema)."""
    return schema_index()


def _maskable(slot: SlotDef, types: Mapping[str, str]) -> bool:
    """Whether :data:`REDACTED` is a valid value of ``slot`` (a string range whose pattern fits)."""
    if slot.kind != "literal" or types.get(slot.range) != _XSD_STRING:
        return False
    return slot.pattern is None or re.search(slot.pattern, REDACTED) is not None


@cache
def _rule(cls: str) -> _Rule:
    index = _index()
    c = index.classes.get(cls)
    if c is None:
        raise RedactionError(f"No class {cls!r} in the pl_vocab schema.")
    remove: set[str] = set()
    mask: dict[str, bool] = {}
    inlined: dict[str, tuple[str, bool]] = {}
    for name, slot in c.slots.items():
        if slot.sensitive:
            if not slot.required:
                remove.add(name)
            elif _maskable(slot, index.types):
                mask[name] = slot.multivalued
            else:  # the packaged schema's fault, not the user's: say what to change
                raise RuntimeError(
                    f"{cls}.{name} is sensitive and required, but {REDACTED!r} is not a valid "
                    f"value of it (range {slot.range}, pattern {slot.pattern!r}); "
                    "make the slot optional or give it a string range in the schema."
                )
        elif slot.kind == "inlined":
            inlined[name] = (slot.range, slot.multivalued)
    return _Rule(frozenset(remove), mask, inlined)


def _copy(value: Any) -> Any:
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return value


def _redact(data: Mapping[str, Any], cls: str) -> dict[str, Any]:
    rule = _rule(cls)
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in rule.remove:
            continue
        if key in rule.mask:
            out[key] = [REDACTED] if rule.mask[key] else REDACTED
        elif key in rule.inlined and value is not None:
            rng, multivalued = rule.inlined[key]
            if multivalued and isinstance(value, list):
                out[key] = [_redact(v, rng) if isinstance(v, Mapping) else _copy(v) for v in value]
            elif isinstance(value, Mapping):
                out[key] = _redact(value, rng)
            else:  # not the shape the schema asks for: left for validation to report
                out[key] = _copy(value)
        else:
            out[key] = _copy(value)
    return out


def redact_dict(data: Mapping[str, Any], cls: str | None = None) -> dict[str, Any]:
    """Redact one plain record (the dict shape of JSON, YAML and NDJSON files); no validation.

    The class is the record's ``type`` key if it has one, else ``cls``. There is no default
    class: guessing one could leave another class's sensitive slots in place. Keys that are not
    slots of the class (such as ``type``) are kept; checking the result is the caller's job (or use
    :func:`redact`, which validates). Returns a new dict; ``data`` is not changed.

    >>> redact_dict({"type": "Learner", "id": "urn:x:1", "name": "Ana", "grade_level": "7"})
    {'type': 'Learner', 'id': 'urn:x:1', 'grade_level': '7'}

    :raises RedactionError: the class is not given or not in the schema.
    """
    name = data.get("type") if isinstance(data.get("type"), str) else None
    name = name or cls
    if name is None:
        raise RedactionError(
            "the record has no 'type' and no class was given; pass cls= to redact it."
        )
    return _redact(data, name)


def _class_name(obj: BaseModel) -> str:
    classes = _index().classes
    for klass in type(obj).__mro__:
        if klass.__name__ in classes:
            return klass.__name__
    raise RedactionError(f"{type(obj).__name__} is not a pl_vocab class.")


def redact(obj: M) -> M:
    """A redacted, validated copy of one model object (of the same class); ``obj`` is not changed.

    Optional sensitive slots are removed and required ones masked with :data:`REDACTED`, in the
    object and in every object inlined in it, at any depth.

    There is deliberately no option to mask every sensitive slot instead of removing it: a
    marker in an optional slot would still tell the reader that a value existed (that a learner
    has an identity attribute recorded, or that a conference had notes), which is itself
    information about the learner; masking cannot apply to slots whose range is not text (a
    birth date); and an absent optional slot is what every reader already handles. The marker
    is used only where the schema leaves no other valid choice.

    :raises RedactionError: ``obj`` is not an instance of a pl_vocab class.
    """
    data = obj.model_dump(exclude_unset=True)
    return type(obj).model_validate(_redact(data, _class_name(obj)))


def redact_all(objects: Iterable[M]) -> Iterator[M]:
    """:func:`redact` each object in turn, lazily (memory stays flat on a stream of records)."""
    for obj in objects:
        yield redact(obj)

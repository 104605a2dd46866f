"""The record rules (families R, S and V of :mod:`pl_vocab.core.catalogue`), by ID.

Three families, one per layer (``../docs/validation.md`` explains each rule with an example):

- ``R`` structure and types, from the generated Pydantic models;
- ``S`` formats and strict JSON types, from the generated JSON Schema (jsonschema-rs);
- ``V`` the vocabulary's own rules, which neither schema language can say.

    >>> RULES["V001"].layer
    'vocabulary'
"""

from __future__ import annotations

from pl_vocab.core.catalogue import Rule, rules_for

__all__ = ["RULES", "RuleInfo"]

#: A record rule is a catalogue :class:`~pl_vocab.core.catalogue.Rule` (``layer`` says which).
RuleInfo = Rule

RULES: dict[str, Rule] = {r.id: r for r in rules_for("validate")}

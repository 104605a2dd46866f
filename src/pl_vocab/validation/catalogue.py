"""The record rules: stable IDs, names, default severities and one-line summaries.

Three families, one per layer (``../docs/validation.md`` explains each rule with an example):

- ``R`` structure and types, from the generated Pydantic models;
- ``S`` formats and strict JSON types, from the generated JSON Schema (jsonschema-rs);
- ``V`` the vocabulary's own rules, which neither schema language can say.

IDs are never reused or renumbered; a retired rule keeps its ID out of use.
"""

from __future__ import annotations

from dataclasses import dataclass

from pl_vocab.core.model import Severity

__all__ = ["RULES", "RuleInfo"]


@dataclass(frozen=True)
class RuleInfo:
    """A declared record rule."""

    id: str
    name: str
    severity: Severity
    summary: str
    layer: str


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES: dict[str, RuleInfo] = {
    r.id: r
    for r in (
        RuleInfo(
            "R000",
            "unreadable-record",
            _E,
            "A record cannot be read at all (for example a line of NDJSON that is not JSON); the other records are still checked.",
            "structure",
        ),
        RuleInfo(
            "R001",
            "missing-required-field",
            _E,
            "A field the class requires is missing.",
            "structure",
        ),
        RuleInfo(
            "R002",
            "unknown-field",
            _E,
            "A field the class does not define: unknown fields are refused, never dropped.",
            "structure",
        ),
        RuleInfo(
            "R003",
            "not-an-allowed-value",
            _E,
            "A value is not one of the values its enumeration allows.",
            "structure",
        ),
        RuleInfo(
            "R004",
            "pattern-mismatch",
            _E,
            "A value does not have the required shape: identifiers and references must be IRIs or CURIEs, text must not be blank.",
            "structure",
        ),
        RuleInfo(
            "R005",
            "wrong-type",
            _E,
            "A value has the wrong type (text, number, true/false, list or object).",
            "structure",
        ),
        RuleInfo(
            "R006",
            "invalid-date-or-time",
            _E,
            "A date is not YYYY-MM-DD, or a date-time is malformed or has no timezone offset.",
            "structure",
        ),
        RuleInfo(
            "R007",
            "wrong-number-of-items",
            _E,
            "A list has fewer or more items than the class allows.",
            "structure",
        ),
        RuleInfo(
            "R008",
            "unknown-class",
            _E,
            "The record's type names no pl_vocab class, or the record has no type and no --class was given.",
            "structure",
        ),
        RuleInfo(
            "R009",
            "not-a-record",
            _E,
            "An item where a record should be is not an object.",
            "structure",
        ),
        RuleInfo(
            "R010", "invalid-value", _E, "A value breaks another rule of the model.", "structure"
        ),
        RuleInfo(
            "R011",
            "rdf-does-not-fit",
            _E,
            "In RDF input, a triple fits no slot of its subject's class, or its value has the wrong kind; it is reported, never dropped.",
            "structure",
        ),
        RuleInfo(
            "S001",
            "invalid-format",
            _E,
            "A value breaks its JSON Schema format (date-time, date, URI...).",
            "formats",
        ),
        RuleInfo(
            "S002",
            "not-strictly-typed",
            _E,
            'A value has a JSON type that the JSON Schema does not allow, even if it could be converted ("3" for a number, 1 for true).',
            "formats",
        ),
        RuleInfo(
            "S003",
            "schema-rule",
            _E,
            "A value breaks another rule of the generated JSON Schema.",
            "formats",
        ),
        RuleInfo(
            "V001",
            "unresolved-reference",
            _W,
            "A reference to a learner, goal, competency, framework or piece of evidence points at no record in the batch or in the --known files.",
            "vocabulary",
        ),
        RuleInfo(
            "V002",
            "narrative-missing",
            _E,
            "A narrative assessment's narrative says nothing (only punctuation, or a placeholder such as 'N/A' or 'see score'): the narrative comes first, whatever scores the record carries.",
            "vocabulary",
        ),
        RuleInfo(
            "V003",
            "narrative-too-brief",
            _W,
            "A narrative of fewer than five words next to scores or a proficiency level: describe what the learner did.",
            "vocabulary",
        ),
        RuleInfo(
            "V004",
            "identity-consent-ended",
            _E,
            "An identity attribute whose consent was withdrawn, or has expired, is still in the record.",
            "vocabulary",
        ),
        RuleInfo(
            "V005",
            "asserter-role-inconsistent",
            _E,
            "Who asserted a goal and in what role disagree: the learner is recorded as the asserter with another role, or the role is 'learner' but the asserter is someone else.",
            "vocabulary",
        ),
        RuleInfo(
            "V006",
            "date-in-future",
            _E,
            "A date or time that records something done (assessed, described, consent given...) lies in the future (five minutes of tolerance).",
            "vocabulary",
        ),
        RuleInfo(
            "V007",
            "dates-out-of-order",
            _E,
            "An end comes before its start (consent expires or is withdrawn before it was given; a relationship ends before it started).",
            "vocabulary",
        ),
        RuleInfo(
            "V008",
            "invalid-language-tag",
            _E,
            "A language tag is not a well-formed BCP 47 tag, or uses a code that does not exist.",
            "vocabulary",
        ),
        RuleInfo(
            "V009",
            "language-tag-case",
            _I,
            "A language tag is valid but not in its canonical case (es-mx for es-MX).",
            "vocabulary",
        ),
        RuleInfo(
            "V010",
            "deprecated-term",
            _W,
            "Text uses a deprecated, deficit-based term of the national vocabulary, or a record points at a deprecated concept; the preferred term is suggested.",
            "vocabulary",
        ),
        RuleInfo(
            "V011",
            "duplicate-identifier",
            _E,
            "Two records (or two nested objects) in the batch have the same identifier.",
            "vocabulary",
        ),
    )
}

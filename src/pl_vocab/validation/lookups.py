"""What the vocabulary rules look up: deprecated concepts and their labels (CURIEs are expanded
by :mod:`pl_vocab.prefixes`, the one prefix map).

They are read once per process from the generated files as plain JSON: the command's start-up
stays free of the models.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from pl_vocab.prefixes import expand

__all__ = ["Deprecated", "deprecated", "deprecated_terms_in"]


@dataclass(frozen=True)
class Deprecated:
    """Deprecated concepts: their IRIs, and one regular expression over all their labels."""

    replacement_of: dict[str, str]  # deprecated concept IRI -> label of its replacement
    label_concept: dict[str, str]  # lower-cased label -> deprecated concept IRI
    pattern: re.Pattern[str] | None
    acronyms: re.Pattern[str] | None  # all-capital labels, matched case-sensitively
    # every label as plain text, searched by a Rust regular expression engine (the one inside
    # jsonschema-rs, a dependency already): text without any of them (nearly all text) is passed
    # over in microseconds; text with one is then scanned by the exact expressions above
    prefilter: Any


@cache
def deprecated() -> Deprecated:
    """Read from the compiled vocabulary as plain JSON: the command's start-up stays free of the
    models (building 158 concept objects is not needed to know which labels are deprecated)."""
    from pl_vocab._resources import generated_json

    compiled = generated_json("vocabulary.json")
    english: dict[str, str] = {}
    for concept in compiled["concepts"]:
        label = next((lt["value"] for lt in concept["pref_label"] if lt["language"] == "en"), "")
        english[concept["id"]] = label
    replacement: dict[str, str] = {}
    labels: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    for concept in compiled["concepts"]:
        if not concept.get("deprecated"):
            continue
        iri = expand(concept["id"])
        replaced_by = concept.get("replaced_by") or []
        replacement[iri] = english.get(replaced_by[0], "") if replaced_by else ""
        for lt in (*concept["pref_label"], *(concept.get("alt_label") or ())):
            text = lt["value"].strip()
            if len(text) < 3:
                continue
            if text.isupper():
                acronyms[text] = iri
            else:
                labels[text.lower()] = iri
    labels.update({k.lower(): v for k, v in acronyms.items()})

    def alternation(words: list[str], flags: int) -> re.Pattern[str] | None:
        if not words:
            return None
        body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)

    return Deprecated(
        replacement,
        labels,
        alternation([k for k in labels if k.upper() not in acronyms], re.IGNORECASE),
        alternation(list(acronyms), 0),
        _prefilter(labels, acronyms),
    )


def _plain(text: str) -> str:
    """A label as a literal in a regular expression that both ECMA 262 and Rust accept."""
    return "".join("\\" + c if c in ".^$*+?()[]{}|\\/" else c for c in text)


def _prefilter(labels: dict[str, str], acronyms: dict[str, str]) -> Any:
    """A matcher that is true for any text that holds a label (a superset: no word boundaries)."""
    import jsonschema_rs

    words = sorted((k for k in labels if k.upper() not in acronyms), key=len, reverse=True)
    parts = []
    if words:
        parts.append("(?i:" + "|".join(_plain(w) for w in words) + ")")
    if acronyms:
        parts.append("|".join(_plain(a) for a in sorted(acronyms, key=len, reverse=True)))
    if not parts:
        return None
    return jsonschema_rs.validator_for({"type": "string", "pattern": "|".join(parts)})


def deprecated_terms_in(text: str) -> list[str]:
    """The deprecated labels in ``text``, as written there, in order of kind then place."""
    dep = deprecated()
    found: list[str] = []
    for pattern in (dep.pattern, dep.acronyms):
        if pattern is not None:
            found.extend(m.group(0) for m in pattern.finditer(text))
    return found

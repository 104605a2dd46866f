"""Family B: the terms themselves."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from pl_vocab.core.model import Finding, Severity
from pl_vocab.glossary.checks.base import CheckContext, check, normalized, snippet

_INVISIBLE = re.compile(
    "[\u200b-\u200f\u2060\ufeff\u00ad\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]"
)
_IRREGULAR_SPACE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]| {2,}")
_SEPARATORS = re.compile(r"\s/\s|;|\||\band/or\b|\by/o\b")
_PLACEHOLDERS = {
    "tbd",
    "tba",
    "n/a",
    "na",
    "?",
    "??",
    "xxx",
    "new term",
    "todo",
    "term",
    "pendiente",
    "por definir",
}
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}s?$")


@check("B001")
def empty_term(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        if not r.term and (r.definition or r.synonyms or r.notes or r.term_es):
            yield ctx.finding(
                "B001",
                "This row has content but no term.",
                r,
                "term",
                "Add the term, or delete the row.",
            )


@check("B002")
def duplicate_term(ctx: CheckContext) -> Iterator[Finding]:
    first: dict[str, tuple[int, str | None]] = {}  # term -> (row, definition) of its first row
    for r in ctx.table.rows:
        if not r.term:
            continue
        if r.term in first:
            row, definition = first[r.term]
            same = (
                "with the same definition"
                if definition == r.definition
                else "with a different definition"
            )
            yield ctx.finding(
                "B002",
                f"'{snippet(r.term)}' is also at row {row}, {same}.",
                r,
                "term",
                "Keep one row per term; merge the definitions.",
            )
        else:
            first[r.term] = (r.row, r.definition)


@check("B003")
def case_variant(ctx: CheckContext) -> Iterator[Finding]:
    seen: dict[str, tuple[int, str, str | None]] = {}
    for r in ctx.table.rows:
        if not r.term:
            continue
        key = r.term.casefold()
        if key in seen and seen[key][1] != r.term:
            row, other, definition = seen[key]
            severity = (
                Severity.ERROR if (definition or "") != (r.definition or "") else Severity.WARNING
            )
            yield ctx.finding(
                "B003",
                f"'{snippet(r.term)}' differs only in case from '{snippet(other)}' at row {row}.",
                r,
                "term",
                "Use one spelling and one definition.",
                severity,
            )
        else:
            seen.setdefault(key, (r.row, r.term, r.definition))


@check("B004")
def normalized_duplicate(ctx: CheckContext) -> Iterator[Finding]:
    seen: dict[str, tuple[int, str]] = {}
    for r in ctx.table.rows:
        if not r.term:
            continue
        key = normalized(ctx, r.term)
        if key in seen and seen[key][1].casefold() != r.term.casefold():
            yield ctx.finding(
                "B004",
                f"'{snippet(r.term)}' is the same term as '{snippet(seen[key][1])}' at row {seen[key][0]}, written differently.",
                r,
                "term",
                "Use one spelling.",
            )
        else:
            seen.setdefault(key, (r.row, r.term))


@check("B005")
def edge_whitespace(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        raw = (getattr(r, "original", None) or {}).get("term")
        if raw is not None and raw != raw.strip() and raw.strip():
            yield ctx.finding(
                "B005",
                f"The term '{snippet(raw.strip())}' has spaces before or after it.",
                r,
                "term",
                "Remove the extra spaces (they were ignored for matching).",
            )


@check("B006")
def irregular_whitespace(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        raw = (getattr(r, "original", None) or {}).get("term") or r.term
        if raw and _IRREGULAR_SPACE.search(raw.strip()):
            yield ctx.finding(
                "B006",
                f"The term '{snippet(' '.join(raw.split()))}' contains double, non-breaking or tab spaces.",
                r,
                "term",
                "Use single ordinary spaces.",
            )


@check("B007")
def invisible(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        raw = (getattr(r, "original", None) or {}).get("term") or r.term
        if raw and _INVISIBLE.search(raw):
            names = sorted(
                {unicodedata.name(c, f"U+{ord(c):04X}") for c in _INVISIBLE.findall(raw)}
            )
            yield ctx.finding(
                "B007",
                f"The term '{snippet(_INVISIBLE.sub('', raw))}' contains invisible characters ({', '.join(names)}).",
                r,
                "term",
                "Retype the term or remove the hidden characters.",
            )


@check("B008")
def too_long(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        if r.term and (len(r.term) > 80 or len(r.term.split()) > 8):
            yield ctx.finding(
                "B008",
                f"The term '{snippet(r.term, 40)}' is {len(r.term.split())} words long; it reads like a definition.",
                r,
                "term",
                "Put the short name in the term column and the sentence in the definition.",
            )


@check("B009")
def multiple_terms(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        term = r.term  # every separator holds "/", ";" or "|": a cheap test before the pattern
        if term and ("/" in term or ";" in term or "|" in term) and _SEPARATORS.search(term):
            yield ctx.finding(
                "B009",
                f"'{snippet(r.term)}' seems to hold several terms.",
                r,
                "term",
                "Give each term its own row, or list the others as synonyms.",
            )


@check("B010")
def placeholder(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        if r.term and r.term.strip().casefold() in _PLACEHOLDERS:
            yield ctx.finding(
                "B010",
                f"'{r.term}' is a placeholder, not a term.",
                r,
                "term",
                "Write the term, or delete the row.",
            )


@check("B011")
def unexpanded_acronym(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        if r.term and _ACRONYM.match(r.term) and not any(len(s.split()) > 1 for s in r.synonyms):
            yield ctx.finding(
                "B011",
                f"'{r.term}' is an acronym with no expansion in this row.",
                r,
                "term",
                "Add the full name as the term and the acronym as a synonym.",
            )

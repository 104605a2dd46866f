"""Family C: the definitions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pl_vocab.glossary.checks.base import CheckContext, check, snippet
from pl_vocab.report.model import Finding, Severity
from pl_vocab.vocabulary import normalize_label

_PLACEHOLDER = re.compile(
    r"^(tbd|tba|n/?a|todo|pending|pendiente|por definir|see (above|below|handbook|district handbook|policy)|same as .{1,60}|https?://\S+)\.?$",
    re.IGNORECASE,
)


@check(
    "C001", "missing-definition", Severity.WARNING, "The term has no definition in any language."
)
def missing_definition(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        if r.term and not r.definition and not r.definition_es:
            yield ctx.finding(
                "C001",
                f"'{snippet(r.term)}' has no definition.",
                r,
                "definition",
                "Write one plain-language sentence that says what it is.",
            )


@check(
    "C002",
    "circular-definition",
    Severity.WARNING,
    "The definition uses the term itself as its main content.",
)
def circular(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        if not (r.term and r.definition):
            continue
        term, definition = normalize_label(r.term), normalize_label(r.definition)
        if len(term) < 4 or term not in definition:
            continue
        rest = definition.replace(term, " ").split()
        stems = {w[:6] for w in term.split() if len(w) > 3}
        content = [w for w in rest if len(w) > 3 and w[:6] not in stems]
        if len(content) <= 3:
            yield ctx.finding(
                "C002",
                f"The definition of '{snippet(r.term)}' mostly repeats the term.",
                r,
                "definition",
                "Say what kind of thing it is and what sets it apart, without the term itself.",
            )


@check("C003", "definition-too-short", Severity.INFO, "The definition has fewer than 5 words.")
def too_short(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        if (
            r.term
            and r.definition
            and len(r.definition.split()) < 5
            and not _PLACEHOLDER.match(r.definition.strip())
        ):
            yield ctx.finding(
                "C003",
                f"The definition of '{snippet(r.term)}' has {len(r.definition.split())} word(s).",
                r,
                "definition",
                "A useful definition names the kind of thing and what sets it apart.",
            )


@check("C004", "definition-too-long", Severity.INFO, "The definition has more than 120 words.")
def too_long(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        if r.definition and len(r.definition.split()) > 120:
            yield ctx.finding(
                "C004",
                f"The definition of '{snippet(r.term or '')}' has {len(r.definition.split())} words.",
                r,
                "definition",
                "Keep the definition to a sentence or two; move the rest to notes.",
            )


@check(
    "C005",
    "duplicate-definition",
    Severity.WARNING,
    "The identical definition is used for different terms.",
)
def duplicate_definition(ctx: CheckContext) -> Iterator[Finding]:
    seen: dict[str, tuple[int, str]] = {}
    for r in ctx.table.rows:
        if not (r.term and r.definition) or len(r.definition.split()) < 3:
            continue
        key = normalize_label(r.definition)
        if key in seen and normalize_label(seen[key][1]) != normalize_label(r.term):
            yield ctx.finding(
                "C005",
                f"'{snippet(r.term)}' has the same definition as '{snippet(seen[key][1])}' at row {seen[key][0]}.",
                r,
                "definition",
                "Two different terms need two different definitions, or one of them is a synonym.",
            )
        else:
            seen.setdefault(key, (r.row, r.term))


@check(
    "C007",
    "placeholder-definition",
    Severity.WARNING,
    "A placeholder such as TBD, 'see above', 'same as X' or a bare link.",
)
def placeholder_definition(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        if r.definition and _PLACEHOLDER.match(r.definition.strip()):
            yield ctx.finding(
                "C007",
                f"The definition of '{snippet(r.term or '')}' is a placeholder ('{snippet(r.definition, 30)}').",
                r,
                "definition",
                "Write the definition itself.",
            )

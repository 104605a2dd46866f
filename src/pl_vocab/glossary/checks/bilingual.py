"""Family G: English and Spanish together."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from pl_vocab.glossary.checks.base import CheckContext, check, snippet
from pl_vocab.report.model import Finding, Severity
from pl_vocab.vocabulary import normalize_label

_SPANISH_HINTS = set("áéíóúñü¿¡")
_SPANISH_WORDS = {
    "de",
    "del",
    "la",
    "el",
    "los",
    "las",
    "y",
    "para",
    "con",
    "que",
    "en",
    "aprendizaje",
    "estudiante",
    "estudiantes",
}
_ENGLISH_WORDS = {
    "the",
    "of",
    "and",
    "for",
    "with",
    "learning",
    "student",
    "students",
    "learner",
    "learners",
    "to",
}


def _has_spanish_columns(ctx: CheckContext) -> bool:
    return "term_es" in ctx.table.column_map


def _looks_english(text: str) -> bool:
    words = set(normalize_label(text).split())
    return not (set(text) & _SPANISH_HINTS) and len(words & _ENGLISH_WORDS) > len(
        words & _SPANISH_WORDS
    )


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


@check(
    "G001",
    "missing-spanish-term",
    Severity.WARNING,
    "The row has an English term but no Spanish one (when the file has a Spanish column).",
)
def missing_spanish_term(ctx: CheckContext) -> Iterator[Finding]:
    if not _has_spanish_columns(ctx):
        return
    for r in ctx.table.rows:
        if r.term and not r.term_es:
            yield ctx.finding("G001", f"'{snippet(r.term)}' has no Spanish term.", r, "term_es")


@check(
    "G002", "missing-spanish-definition", Severity.INFO, "A Spanish term has no Spanish definition."
)
def missing_spanish_definition(ctx: CheckContext) -> Iterator[Finding]:
    if "definition_es" not in ctx.table.column_map:
        return
    for r in ctx.table.rows:
        if r.term_es and not r.definition_es:
            yield ctx.finding(
                "G002", f"'{snippet(r.term_es)}' has no Spanish definition.", r, "definition_es"
            )


@check(
    "G003",
    "language-mismatch",
    Severity.WARNING,
    "Text in the Spanish column looks English, or the two columns are identical.",
)
def language_mismatch(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        if (
            r.term
            and r.term_es
            and normalize_label(r.term) == normalize_label(r.term_es)
            and len(r.term.split()) > 1
        ):
            yield ctx.finding(
                "G003",
                f"The English and Spanish terms are the same ('{snippet(r.term)}').",
                r,
                "term_es",
                "Write the Spanish term.",
            )
        elif (
            r.definition_es
            and len(r.definition_es.split()) >= 4
            and _looks_english(r.definition_es)
        ):
            yield ctx.finding(
                "G003",
                f"The Spanish definition of '{snippet(r.term or r.term_es or '')}' looks like English.",
                r,
                "definition_es",
            )


@check(
    "G004",
    "inconsistent-translation",
    Severity.WARNING,
    "The English and Spanish terms of one row mean different national concepts.",
)
def inconsistent_translation(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        en, es = ctx.matches.get(r.row), ctx.matches_es.get(r.row)
        if en and es and en.mapping and es.mapping and en.mapping.concept != es.mapping.concept:
            yield ctx.finding(
                "G004",
                f"'{snippet(r.term)}' means {ctx.describe(en.mapping.concept)} but '{snippet(r.term_es or '')}' means {ctx.describe(es.mapping.concept)}.",
                r,
                "term_es",
                f"The national Spanish term for it is '{ctx.label(en.mapping.concept, 'es')}'.",
            )


@check(
    "G005",
    "duplicate-spanish-term",
    Severity.WARNING,
    "The same Spanish term is used for different English terms.",
)
def duplicate_spanish(ctx: CheckContext) -> Iterator[Finding]:
    seen: dict[str, tuple[int, str]] = {}
    for r in ctx.table.rows:
        if not (r.term_es and r.term):
            continue
        key = normalize_label(r.term_es)
        if key in seen and normalize_label(seen[key][1]) != normalize_label(r.term):
            yield ctx.finding(
                "G005",
                f"'{snippet(r.term_es)}' is also the Spanish term of '{snippet(seen[key][1])}' (row {seen[key][0]}).",
                r,
                "term_es",
            )
        else:
            seen.setdefault(key, (r.row, r.term))


@check(
    "G006",
    "missing-accents",
    Severity.INFO,
    "The Spanish term matches a national label only without its accents.",
)
def missing_accents(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        m = ctx.matches_es.get(r.row)
        if not (r.term_es and m and m.mapping):
            continue
        label = ctx.label(m.mapping.concept, "es")
        if (
            _fold(label).casefold() == _fold(r.term_es).casefold()
            and label.casefold() != r.term_es.casefold()
        ):
            yield ctx.finding(
                "G006",
                f"'{snippet(r.term_es)}' is written without its accents: '{label}'.",
                r,
                "term_es",
            )

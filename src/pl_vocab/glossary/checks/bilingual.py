"""Family G: English and Spanish together.

G007 (mixed-language cell) looks at the term cells only (term and Spanish term), split at
" / ", "|", ";", " - " and parentheses; each part must be clearly English or clearly Spanish
(function words, accents, or a national label of that language; acronyms count as neither).
Definitions are left out: they quote names in the other language legitimately ("Niños
Bilingües" at Río Vista Elementary).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from pl_vocab.core.model import Finding
from pl_vocab.glossary.checks.base import CheckContext, check, snippet
from pl_vocab.glossary.read import GlossaryRow
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


@check("G001")
def missing_spanish_term(ctx: CheckContext) -> Iterator[Finding]:
    if not _has_spanish_columns(ctx):
        return
    for r in ctx.table.rows:
        if r.term and not r.term_es:
            yield ctx.finding(
                "G001",
                f"'{snippet(r.term)}' has no Spanish term.",
                r,
                "term_es",
                _spanish_for(ctx, r),
            )


def _spanish_for(ctx: CheckContext, row: GlossaryRow) -> str | None:
    """The national Spanish term for the concept the English term maps to; for a deficit-based
    term, the Spanish term of its asset-based replacement (never the deficit-based one)."""
    m = ctx.matches.get(row.row)
    if not (m and m.mapping):
        return None
    concept = m.mapping.concept
    if ctx.vocabulary.concept(concept).deprecated:
        better = ctx.vocabulary.replacements(concept)
        if not better:
            return None
        return (
            f"The national Spanish term for the asset-based concept, "
            f"'{ctx.label(better[0].id)}', is '{ctx.label(better[0].id, 'es')}'."
        )
    return f"The national Spanish term is '{ctx.label(concept, 'es')}'."


@check("G002")
def missing_spanish_definition(ctx: CheckContext) -> Iterator[Finding]:
    if "definition_es" not in ctx.table.column_map:
        return
    for r in ctx.table.rows:
        if r.term_es and not r.definition_es:
            yield ctx.finding(
                "G002", f"'{snippet(r.term_es)}' has no Spanish definition.", r, "definition_es"
            )


@check("G003")
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


@check("G004")
def inconsistent_translation(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        en, es = ctx.matches.get(r.row), ctx.matches_es.get(r.row)
        if en and es and en.mapping and es.mapping and en.mapping.concept != es.mapping.concept:
            en_concept, es_concept = en.mapping.concept, es.mapping.concept
            message = (
                f"'{snippet(r.term)}' means {ctx.describe(en_concept)} but "
                f"'{snippet(r.term_es or '')}' means {ctx.describe(es_concept)}."
            )
            vocab = ctx.vocabulary
            if vocab.concept(en_concept).deprecated and not vocab.concept(es_concept).deprecated:
                # the Spanish side already says it in asset-based words: never point it back at
                # the deficit-based term; the English term is the one to change
                better = [c.id for c in vocab.replacements(en_concept)]
                target = es_concept if es_concept in better or not better else better[0]
                yield ctx.finding(
                    "G004",
                    message,
                    r,
                    "term",
                    f"The English term is deficit-based; rename it to '{ctx.label(target)}' so "
                    "both columns name the same asset-based concept.",
                )
                continue
            yield ctx.finding(
                "G004",
                message,
                r,
                "term_es",
                f"The national Spanish term for it is '{ctx.label(en_concept, 'es')}'.",
            )


@check("G005")
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


@check("G006")
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


_PARTS = re.compile(r"\s*(?:/|\||;|\s[-–—]\s)\s*|\s*[()\[\]]\s*")
_PART_CHARS = frozenset("/|;-–—()[]")  # every match of _PARTS has one
_ACRONYM = re.compile(r"^[A-Z0-9&.]{2,8}s?$")
_MORE_SPANISH = frozenset(
    {"por", "una", "un", "sobre", "evaluación", "escuela", "familias", "programa", "maestro"}
)
_MORE_ENGLISH = frozenset({"a", "an", "on", "by", "assessment", "school", "families", "program"})


def _language(ctx: CheckContext, part: str) -> str | None:
    """'en' or 'es' when a short text clearly is one of them, else None (acronyms, names)."""
    if _ACRONYM.match(part):
        return None
    words = normalize_label(part).split()
    es = 2 * bool(set(part) & _SPANISH_HINTS) + len(set(words) & (_SPANISH_WORDS | _MORE_SPANISH))
    en = len(set(words) & (_ENGLISH_WORDS | _MORE_ENGLISH))
    labels = {lang[:2] for _, _, lang in ctx.vocabulary.lookup(part)}
    if labels == {"en"}:
        en += 2
    elif labels == {"es"}:
        es += 2
    if es >= 2 and en == 0:
        return "es"
    if en >= 2 and es == 0:
        return "en"
    return None


@check("G007")
def mixed_language(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        for role in ("term", "term_es"):
            text = getattr(r, role)
            if not text or _PART_CHARS.isdisjoint(text) or not _PARTS.search(text):
                continue  # (a separator needs one of those characters: a cheap test first)
            parts = [p for p in _PARTS.split(text) if p.strip()]
            found = {p: _language(ctx, p) for p in parts}
            if {"en", "es"} <= set(found.values()):
                en = next(p for p, lang in found.items() if lang == "en")
                es = next(p for p, lang in found.items() if lang == "es")
                move = "Spanish term column" if role == "term" else "English term column"
                yield ctx.finding(
                    "G007",
                    f"'{snippet(text)}' holds an English term ('{snippet(en, 30)}') and a "
                    f"Spanish one ('{snippet(es, 30)}') in one cell.",
                    r,
                    role,
                    f"Keep one language per cell: move the other term to the {move}"
                    + (" (add one)." if "term_es" not in ctx.table.column_map else "."),
                )

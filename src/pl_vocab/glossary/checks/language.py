"""Family E: deficit-based and contested language (the lists are vocabulary data, not code).

E003 (person labels) is built from the labels of the deprecated and flagged concepts: a label
that ends in a person noun ("at-risk students") gives its modifier ("at risk"), any other label
is a modifier as it is ("underprivileged"); a modifier followed by a person noun (English) or
a person noun followed by a modifier (Spanish: "alumnos de bajo rendimiento") labels people.
Quotations and data-field names (words joined by "_") are protected spans and never fire;
statute citations and official program names are not recognized (there is no reliable list of
them), but the modifiers come only from deprecated and flagged concepts, never from
context-dependent ones such as "English learners". E002 does not repeat, in the same cell, a
label that E003 reports (when E003 is selected).

E007 is a warning when the district's mapping column names the core replacement; otherwise it
is a note (info), because E001 already warns about the same term.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from pl_vocab.core.model import Finding, Severity
from pl_vocab.glossary.checks.base import CheckContext, check, memo, normalized, snippet
from pl_vocab.glossary.checks.coverage import covered_concepts
from pl_vocab.glossary.checks.mapping_user import user_mappings
from pl_vocab.vocabulary import Vocabulary, normalize_label

if TYPE_CHECKING:
    pass


def _rationale(ctx: CheckContext, concept: str, language: str = "en") -> str:
    adv = ctx.vocabulary.concept(concept).language_advisory
    if adv is None:
        return ""
    return next((lt.value for lt in adv.rationale if lt.language == language), "")


def _replacements(ctx: CheckContext, concept: str, language: str = "en") -> str:
    return " or ".join(
        f"'{ctx.label(c.id, language)}'" for c in ctx.vocabulary.replacements(concept)
    )


@check("E001")
def deprecated_term(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        m = ctx.matches.get(r.row)
        if m is not None and m.deprecated_hit:
            repl = _replacements(ctx, m.deprecated_hit)
            yield ctx.finding(
                "E001",
                f"'{snippet(r.term)}' is deficit-based language. {_rationale(ctx, m.deprecated_hit)}",
                r,
                "term",
                f"Use {repl} instead." if repl else None,
            )


@cache
def _deprecated_index(
    vocab: Vocabulary, language: str
) -> tuple[dict[str, set[str]], set[str], int]:
    """Normalized labels (over 5 characters) of deprecated concepts -> concepts; the labels'
    first words; the most words in a label."""
    index: dict[str, set[str]] = {}
    for c in vocab.concepts:
        if not c.deprecated:
            continue
        for lt in [*c.pref_label, *(c.alt_label or [])]:
            norm = normalize_label(lt.value)
            if lt.language == language and len(norm) > 5:
                index.setdefault(norm, set()).add(c.id)
    firsts = {k.split()[0] for k in index}
    return index, firsts, max((len(k.split()) for k in index), default=1)


def _deprecated_hits(vocab: Vocabulary, norm: str, language: str) -> set[str]:
    """Deprecated concepts with a label in the normalized text, as whole words: one dictionary
    look-up per run of words that starts like a label (a regex per label was 50x slower)."""
    index, firsts, longest = _deprecated_index(vocab, language)
    words = norm.split()
    found: set[str] = set()
    if firsts.isdisjoint(words):
        return found  # no word starts a label (most texts)
    for i, word in enumerate(words):
        if word in firsts:
            for j in range(i + 1, min(len(words), i + longest) + 1):
                found |= index.get(" ".join(words[i:j]), set())
    return found


@check("E002")
def deprecated_in_definition(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        for role, text, language in (
            ("definition", r.definition, "en"),
            ("notes", r.notes, "en"),
            ("definition_es", r.definition_es, "es"),
        ):
            if not text:
                continue
            hits = _deprecated_hits(ctx.vocabulary, normalized(ctx, text), language)
            if hits and "E003" in ctx.selected:  # a person label is reported once, by E003
                hits -= {cid for cid, _ in _person_labels(ctx, text, language)}
            for cid in sorted(hits):
                repl = _replacements(ctx, cid, language)
                yield ctx.finding(
                    "E002",
                    f"The {role.replace('_', ' ')} of '{snippet(r.term or '')}' uses '{ctx.label(cid, language)}', deficit-based language.",
                    r,
                    role,
                    f"Use {repl} instead." if repl else None,
                )


@check("E004")
def contested(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        m = ctx.matches.get(r.row)
        if m is None or not m.advisory_hit:
            continue
        adv = ctx.vocabulary.concept(m.advisory_hit).language_advisory
        if adv is not None and adv.status == "contested":
            yield ctx.finding(
                "E004",
                f"'{snippet(r.term)}' is contested. {_rationale(ctx, m.advisory_hit)}",
                r,
                "term",
                "Say what the district means by it in the definition.",
            )


@check("E005")
def context_dependent(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        m = ctx.matches.get(r.row)
        if m is None or not m.advisory_hit:
            continue
        adv = ctx.vocabulary.concept(m.advisory_hit).language_advisory
        if adv is not None and adv.status == "context_dependent":
            yield ctx.finding(
                "E005",
                f"'{snippet(r.term)}' depends on context. {_rationale(ctx, m.advisory_hit)}",
                r,
                "term",
            )


@check("E006")
def spanish_deficit(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        m = ctx.matches_es.get(r.row)
        if m is not None and m.deprecated_hit:
            repl = _replacements(ctx, m.deprecated_hit, "es")
            yield ctx.finding(
                "E006",
                f"'{snippet(r.term_es or '')}' es lenguaje basado en carencias. {_rationale(ctx, m.deprecated_hit, 'es')}",
                r,
                "term_es",
                f"Use {repl}." if repl else None,
            )


# ---------------------------------------------------------------- E003: labels for people
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Person nouns. A singular one followed by another word is usually a modifier itself ("low
# student engagement", "poor family attendance"), so it counts only before a word of this list.
_PLURALS = {
    "en": frozenset({"students", "kids", "children", "learners", "youth", "youths", "pupils"})
    | {"families"},
    "es": frozenset({"estudiantes", "alumnos", "alumnas", "niños", "niñas", "familias"})
    | {"jóvenes"},
}
_SINGULARS = {
    "en": frozenset({"student", "kid", "child", "learner", "family", "pupil"}),
    "es": frozenset({"estudiante", "alumno", "alumna", "niño", "niña", "familia", "joven"}),
}
_AFTER_SINGULAR = _words("who that is was has had may can will with in at from and or of")
_ARTICLES = frozenset({"the", "a", "an", "los", "las", "el", "la", "un", "una"})
_PERSONS = {lang: _PLURALS[lang] | _SINGULARS[lang] for lang in ("en", "es")}
_PROTECTED = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»|\b\w+(?:_\w+)+\b')


def _deficit(vocab: Vocabulary) -> list[tuple[str, list[tuple[str, str]]]]:
    """(concept, [(label, language)]) for deprecated and flagged concepts."""
    out = []
    for c in vocab.concepts:
        adv = c.language_advisory
        status = str(getattr(adv.status, "value", adv.status)) if adv else ""
        if c.deprecated or status in ("deprecated", "flagged"):
            labels = [*c.pref_label, *(c.alt_label or []), *(c.hidden_label or [])]
            out.append((c.id, [(lt.value, lt.language[:2]) for lt in labels]))
    return out


@cache
def _person_modifiers(vocab: Vocabulary, language: str) -> tuple[dict[str, str], dict[str, int]]:
    """Modifier -> concept for ``language``; and the word of each modifier next to the person
    noun (its last word in English, its first in Spanish) -> the most words of a modifier with
    that word there."""
    persons = _PLURALS[language] | _SINGULARS[language]
    modifiers: dict[str, str] = {}
    for cid, labels in _deficit(vocab):
        for value, lang in labels:
            words = normalize_label(value).split()
            if lang != language or not words or words[0] in _ARTICLES:
                continue  # "the disabled" is deficit as a noun; "disabled students" is not
            edge = words[-1] if language == "en" else words[0]
            if edge in persons:
                words = words[:-1] if language == "en" else words[1:]
            modifier = " ".join(words)
            if len(modifier) >= 3 and not set(words) <= persons:
                modifiers.setdefault(modifier, cid)
    edges: dict[str, int] = {}
    for modifier in modifiers:
        words = modifier.split()
        edge = words[-1] if language == "en" else words[0]
        edges[edge] = max(edges.get(edge, 0), len(words))
    return modifiers, edges


def _person_labels(ctx: CheckContext, text: str, language: str) -> list[tuple[str, str]]:
    """(concept, phrase as written) for every deficit label applied to people in ``text``:
    at each person noun, the longest modifier before it (English) or after it (Spanish)."""
    modifiers, edges = _person_modifiers(ctx.vocabulary, language)
    # quotation marks or field_names (four substring searches, faster than a set test of
    # every character)
    protected = '"' in text or "“" in text or "«" in text or "_" in text
    free = _PROTECTED.sub(" ¶ ", text) if protected else text
    words = (normalize_label(free) if protected else normalized(ctx, text)).split()
    if _PERSONS[language].isdisjoint(words) or edges.keys().isdisjoint(words):
        return []  # no person noun, or no word that a modifier can end (English) or start with
    english = language == "en"
    singulars, persons = _SINGULARS[language], _PERSONS[language]
    out = []
    for i, word in enumerate(words):
        if word not in persons:
            continue
        if (
            english
            and word in singulars
            and i + 1 < len(words)
            and words[i + 1] not in _AFTER_SINGULAR
        ):
            continue  # "low student engagement": the singular noun modifies another
        # the longest modifier before the noun (English) or after it (Spanish); only a run
        # that ends (starts) with a modifier's edge word can be one
        hit: tuple[int, int, str] | None = None
        if english:
            most = edges.get(words[i - 1], 0) if i > 0 else 0
            for k in range(min(most, i), 0, -1):
                m = " ".join(words[i - k : i])
                if m in modifiers:
                    hit = (i - k, i + 1, m)
                    break
        else:
            most = edges.get(words[i + 1], 0) if i + 1 < len(words) else 0
            for k in range(min(most, len(words) - i - 1), 0, -1):
                m = " ".join(words[i + 1 : i + k + 1])
                if m in modifiers:
                    hit = (i, i + k + 1, m)
                    break
        if hit is not None:
            pattern = r"[\W_]+".join(re.escape(w) for w in words[hit[0] : hit[1]])
            written = re.search(pattern, free, re.IGNORECASE)  # the phrase as the district wrote it
            out.append((modifiers[hit[2]], written.group(0) if written else pattern))
    return out


@check("E003")
def person_label(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        en, es = ctx.matches.get(r.row), ctx.matches_es.get(r.row)
        cells = (
            ("term", None if en and en.deprecated_hit else r.term, "en"),  # else E001
            ("definition", r.definition, "en"),
            ("notes", r.notes, "en"),
            ("term_es", None if es and es.deprecated_hit else r.term_es, "es"),  # else E006
            ("definition_es", r.definition_es, "es"),
        )
        for role, text, language in cells:
            if not text:
                continue
            seen: set[str] = set()
            for cid, phrase in _person_labels(ctx, text, language):
                if cid in seen:
                    continue
                seen.add(cid)
                repl = _replacements(ctx, cid, language)
                yield ctx.finding(
                    "E003",
                    f"The {role.replace('_es', ' (Spanish)')} of '{snippet(r.term or r.term_es or '')}' "
                    f"labels people as '{phrase}' ({ctx.describe(cid)}, deficit-based).",
                    r,
                    role,
                    "Describe the circumstance or the support instead of labelling the group"
                    + (f"; the national term is {repl}." if repl else "."),
                )


# ---------------------------------------------------------------- E007: deficit term for a core concept
def _covering_rows(ctx: CheckContext) -> dict[str, tuple[int, str]]:
    """Concept -> (row, role) of the first accepted mapping that covers it."""

    def compute() -> dict[str, tuple[int, str]]:
        out: dict[str, tuple[int, str]] = {}
        for role, matches in (("term", ctx.matches), ("term_es", ctx.matches_es)):
            for row, m in sorted(matches.items()):
                if m.mapping and not m.deprecated_hit:
                    out.setdefault(m.mapping.concept, (row, role))
        return out

    return memo(ctx, "covering_rows", compute)


@check("E007")
def deficit_for_core(ctx: CheckContext) -> Iterator[Finding]:
    covered = covered_concepts(ctx)
    covering = _covering_rows(ctx)
    for r in ctx.table.rows:
        for role, m in (("term", ctx.matches.get(r.row)), ("term_es", ctx.matches_es.get(r.row))):
            if m is None or m.deprecated_hit is None:
                continue
            core = [c.id for c in ctx.vocabulary.replacements(m.deprecated_hit) if c.core]
            if not core:
                continue
            um = user_mappings(ctx).get(r.row)
            claimed = um is not None and um.concept in core
            names = " and ".join(ctx.describe(c) for c in core)
            where = [covering[c] for c in core if c in covered and c in covering]
            note = (
                "it is covered by "
                + ", ".join(
                    f"row {row}" + (" (Spanish term)" if x == "term_es" else "") for row, x in where
                )
                if where
                else "this row does not count toward that coverage"
            )
            yield ctx.finding(
                "E007",
                f"'{snippet(m.term)}' stands for the core concept {names}"
                + (" (the mapping column says so)" if claimed else "")
                + f", but it is deficit-based language; core coverage counts only through the "
                f"asset-based term, so {note}.",
                r,
                role,
                f"Rename the term to '{ctx.label(core[0], 'es' if role == 'term_es' else 'en')}' "
                "(keep the old one as a hidden synonym if people search for it).",
                None if claimed else Severity.INFO,
            )

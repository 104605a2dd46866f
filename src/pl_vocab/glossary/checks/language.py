"""Family E: deficit-based and contested language (the lists are vocabulary data, not code)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from pl_vocab.glossary.checks.base import CheckContext, check, snippet
from pl_vocab.report.model import Finding, Severity
from pl_vocab.vocabulary import Vocabulary, normalize_label


def _rationale(ctx: CheckContext, concept: str, language: str = "en") -> str:
    adv = ctx.vocabulary.concept(concept).language_advisory
    if adv is None:
        return ""
    return next((lt.value for lt in adv.rationale if lt.language == language), "")


def _replacements(ctx: CheckContext, concept: str, language: str = "en") -> str:
    return " or ".join(
        f"'{ctx.label(c.id, language)}'" for c in ctx.vocabulary.replacements(concept)
    )


@check(
    "E001",
    "deprecated-term",
    Severity.WARNING,
    "The term is deficit-based language that the national vocabulary retires.",
)
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
def _deprecated_patterns(vocab: Vocabulary, language: str) -> list[tuple[re.Pattern[str], str]]:
    out = []
    for c in vocab.concepts:
        if not c.deprecated:
            continue
        for lt in [*c.pref_label, *(c.alt_label or [])]:
            norm = normalize_label(lt.value)
            if lt.language == language and len(norm) > 5:
                out.append((re.compile(rf"\b{re.escape(norm)}\b"), c.id))
    return out


@check(
    "E002",
    "deprecated-term-in-definition",
    Severity.WARNING,
    "A deficit-based term appears in a definition or note.",
)
def deprecated_in_definition(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        for role, text, language in (
            ("definition", r.definition, "en"),
            ("notes", r.notes, "en"),
            ("definition_es", r.definition_es, "es"),
        ):
            if not text:
                continue
            norm = normalize_label(text)
            hits = {
                cid for rx, cid in _deprecated_patterns(ctx.vocabulary, language) if rx.search(norm)
            }
            for cid in sorted(hits):
                repl = _replacements(ctx, cid, language)
                yield ctx.finding(
                    "E002",
                    f"The {role.replace('_', ' ')} of '{snippet(r.term or '')}' uses '{ctx.label(cid, language)}', deficit-based language.",
                    r,
                    role,
                    f"Use {repl} instead." if repl else None,
                )


@check(
    "E004",
    "contested-term",
    Severity.INFO,
    "A contested term: used with care, never replaced automatically.",
)
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


@check(
    "E005",
    "context-dependent-term",
    Severity.INFO,
    "Acceptable in some uses (legal or data fields), not in others.",
)
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


@check(
    "E006", "spanish-deficit-term", Severity.WARNING, "A Spanish term is deficit-based language."
)
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

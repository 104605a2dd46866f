"""Family F: coverage of the national core, and the coverage figures of the report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from pl_vocab.glossary.checks.base import CheckContext, check
from pl_vocab.report.model import Coverage, FacetCoverage, Finding, Severity

CORE_THRESHOLD = 0.6


def covered_concepts(ctx: CheckContext) -> set[str]:
    """Concepts with an accepted mapping (English or Spanish term); deprecated terms count
    through their replacement only for coverage notes, not here."""
    out = set()
    for matches in (ctx.matches, ctx.matches_es):
        for m in matches.values():
            if m.mapping and not m.deprecated_hit:
                out.add(m.mapping.concept)
    return out


def compute_coverage(ctx: CheckContext) -> Coverage:
    covered = covered_concepts(ctx)
    core = ctx.vocabulary.core_concepts()
    facets = []
    for f in ctx.vocabulary.facets:
        members = [c for c in core if c.facet == f.id]
        if members:
            facets.append(
                FacetCoverage(
                    facet=f.id,
                    label=ctx.vocabulary.label_facet(f.id),
                    covered=sum(c.id in covered for c in members),
                    total=len(members),
                )
            )
    return Coverage(
        core_covered=sum(c.id in covered for c in core),
        core_total=len(core),
        missing_core=[c.id for c in core if c.id not in covered],
        facets=facets,
    )


@check("F001", "core-concept-missing", Severity.WARNING, "A core concept has no term mapped to it.")
def core_missing(ctx: CheckContext) -> Iterator[Finding]:
    covered = covered_concepts(ctx)
    for c in ctx.vocabulary.core_concepts():
        if c.id not in covered:
            yield ctx.finding(
                "F001",
                f"No term covers the core concept {ctx.describe(c.id)}.",
                suggestion=f"Add it, or map a district term to it: '{ctx.label(c.id)}' / '{ctx.label(c.id, 'es')}'.",
            )


@check("F002", "core-coverage-below-threshold", Severity.WARNING, "Core coverage is below 60%.")
def coverage_threshold(ctx: CheckContext) -> Iterator[Finding]:
    cov = compute_coverage(ctx)
    if cov.core_total and cov.core_covered / cov.core_total < CORE_THRESHOLD:
        share = round(100 * cov.core_covered / cov.core_total)
        yield ctx.finding(
            "F002",
            f"The glossary covers {cov.core_covered} of {cov.core_total} core concepts ({share}%).",
            suggestion="See the core-concept-missing findings for what to add.",
        )


@check("F003", "facet-uncovered", Severity.INFO, "A facet has no mapped term.")
def facet_uncovered(ctx: CheckContext) -> Iterator[Finding]:
    covered = covered_concepts(ctx)
    used = {ctx.vocabulary.concept(c).facet for c in covered}
    for f in ctx.vocabulary.facets:
        if f.id not in used and f.id != "plv:facet/language-guidance":
            yield ctx.finding(
                "F003", f"No term falls in the facet '{ctx.vocabulary.label_facet(f.id)}'."
            )


@check(
    "F004",
    "facet-imbalance",
    Severity.INFO,
    "More than half of the mapped terms fall in one facet.",
)
def facet_imbalance(ctx: CheckContext) -> Iterator[Finding]:
    facets = Counter(
        ctx.vocabulary.concept(m.mapping.concept).facet for m in ctx.matches.values() if m.mapping
    )
    total = sum(facets.values())
    if total >= 6:
        facet, n = facets.most_common(1)[0]
        if n / total > 0.5:
            yield ctx.finding(
                "F004", f"{n} of {total} mapped terms are in '{ctx.vocabulary.label_facet(facet)}'."
            )

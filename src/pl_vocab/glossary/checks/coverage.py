"""Family F: coverage of the national core, and the coverage figures of the report.

F005 lists how an uncovered core concept is reached without an accepted mapping: fuzzy review
candidates, ambiguous labels, deficit-based terms through their replacements, and the
district's own mapping column (which :func:`covered_concepts` does not count: it holds what the
district claims, not what the matcher found).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from pl_vocab.core.model import Coverage, FacetCoverage, Finding
from pl_vocab.glossary.checks.base import CheckContext, check
from pl_vocab.glossary.checks.mapping_user import user_mappings

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


@check("F001")
def core_missing(ctx: CheckContext) -> Iterator[Finding]:
    covered = covered_concepts(ctx)
    for c in ctx.vocabulary.core_concepts():
        if c.id not in covered:
            yield ctx.finding(
                "F001",
                f"No term covers the core concept {ctx.describe(c.id)}.",
                suggestion=f"Add it, or map a district term to it: '{ctx.label(c.id)}' / '{ctx.label(c.id, 'es')}'.",
            )


@check("F002")
def coverage_threshold(ctx: CheckContext) -> Iterator[Finding]:
    cov = compute_coverage(ctx)
    if cov.core_total and cov.core_covered / cov.core_total < CORE_THRESHOLD:
        share = round(100 * cov.core_covered / cov.core_total)
        yield ctx.finding(
            "F002",
            f"The glossary covers {cov.core_covered} of {cov.core_total} core concepts ({share}%).",
            suggestion="See the core-concept-missing findings for what to add.",
        )


@check("F003")
def facet_uncovered(ctx: CheckContext) -> Iterator[Finding]:
    covered = covered_concepts(ctx)
    used = {ctx.vocabulary.concept(c).facet for c in covered}
    for f in ctx.vocabulary.facets:
        if f.id not in used and f.id != "plv:facet/language-guidance":
            yield ctx.finding(
                "F003", f"No term falls in the facet '{ctx.vocabulary.label_facet(f.id)}'."
            )


@check("F004")
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


def _pending(ctx: CheckContext) -> dict[str, list[str]]:
    """Concept -> how rows reach it without an accepted mapping (review candidates, ambiguous
    labels, deficit terms through their replacements, the district's mapping column)."""
    out: dict[str, list[str]] = defaultdict(list)
    for lang, matches in (("", ctx.matches), (" (Spanish term)", ctx.matches_es)):
        for row, m in sorted(matches.items()):
            if m.deprecated_hit:
                for c in ctx.vocabulary.replacements(m.deprecated_hit):
                    out[c.id].append(f"row {row}{lang}, a deficit-based term it replaces")
            elif m.mapping is None:
                for cid in m.ambiguous:
                    out[cid].append(f"row {row}{lang}, an ambiguous label")
                for cand in m.candidates:
                    out[cand.concept].append(
                        f"row {row}{lang}, a similar spelling ({cand.score:.2f})"
                    )
    for row, um in sorted(user_mappings(ctx).items()):
        if um.valid and um.concept and um.predicate in (None, "exact_match", "close_match"):
            out[um.concept].append(f"row {row}, the district's mapping column")
    return out


@check("F005")
def coverage_pending(ctx: CheckContext) -> Iterator[Finding]:
    covered = covered_concepts(ctx)
    pending = _pending(ctx)
    for c in ctx.vocabulary.core_concepts():
        ways = pending.get(c.id)
        if c.id in covered or not ways:
            continue
        shown = "; ".join(ways[:4]) + (f"; and {len(ways) - 4} more" if len(ways) > 4 else "")
        yield ctx.finding(
            "F005",
            f"The core concept {ctx.describe(c.id)} is reached only through {shown}; it is not "
            "counted as covered until a person confirms it.",
            suggestion=f"Confirm the match by using the national term '{ctx.label(c.id)}' (or "
            "adding it as a synonym), or rename the deficit-based term.",
        )

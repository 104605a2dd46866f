"""Family D: mapping district terms to national concepts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from pl_vocab.glossary.checks.base import CheckContext, check, snippet
from pl_vocab.report.model import Finding, Severity


@check("D001", "unmapped-term", Severity.WARNING, "No national concept matches the term.")
def unmapped(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        m = ctx.matches.get(r.row)
        if m is None or m.mapping or m.ambiguous or m.candidates:
            continue
        es = ctx.matches_es.get(r.row)
        if es is not None and es.mapping:
            continue
        yield ctx.finding(
            "D001",
            f"'{snippet(r.term)}' matches no national concept.",
            r,
            "term",
            "If it is a local term, keep it and mark it local; if it means a national concept, add that concept's label as a synonym.",
        )


@check(
    "D002",
    "fuzzy-candidate-only",
    Severity.WARNING,
    "The only candidates are similar spellings; a person must confirm or reject them.",
)
def fuzzy_only(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        m = ctx.matches.get(r.row)
        if m is None or m.mapping or m.ambiguous or not m.candidates:
            continue
        best = m.candidates[0]
        others = ", ".join(ctx.describe(c.concept) for c in m.candidates[1:])
        more = f" (also: {others})" if others else ""
        yield ctx.finding(
            "D002",
            f"'{snippet(r.term)}' looks like {ctx.describe(best.concept)}, similarity {best.score:.2f}{more}; not mapped until someone confirms.",
            r,
            "term",
            "Confirm the mapping, or add the national label as a synonym.",
        )


@check(
    "D003",
    "ambiguous-mapping",
    Severity.WARNING,
    "An acronym or label may mean more than one national concept.",
)
def ambiguous(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        m = ctx.matches.get(r.row)
        if m is not None and m.ambiguous:
            options = " or ".join(ctx.describe(c) for c in m.ambiguous)
            yield ctx.finding(
                "D003",
                f"'{snippet(r.term)}' may mean {options}.",
                r,
                "term",
                "Spell the term out so readers know which is meant.",
            )


@check(
    "D004",
    "false-friend",
    Severity.ERROR,
    "The term is a 'not the same' pair of a concept it was about to be matched to.",
)
def false_friend(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        m = ctx.matches.get(r.row)
        if m is None:
            continue
        for concept, reason in m.blocked:
            if "not-the-same" in reason or "distinct" in reason:
                target = m.mapping.concept if m.mapping else None
                own = f" It means {ctx.describe(target)}." if target else ""
                yield ctx.finding(
                    "D004",
                    f"'{snippet(r.term)}' is not {ctx.describe(concept)}, although they look alike.{own}",
                    r,
                    "term",
                    "Do not map one onto the other; see the vocabulary's rationale with `pl-vocab concept`.",
                )


@check(
    "D005", "matched-via-synonym", Severity.INFO, "Matched through an alternative or hidden label."
)
def via_synonym(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        m = ctx.matches.get(r.row)
        if m is None or not m.mapping or m.deprecated_hit:
            continue
        if "alt label" in m.mapping.comment or "hidden label" in m.mapping.comment:
            yield ctx.finding(
                "D005",
                f"'{snippet(r.term)}' is a synonym of {ctx.describe(m.mapping.concept)}.",
                r,
                "term",
                f"The national preferred term is '{ctx.label(m.mapping.concept)}'.",
            )


@check(
    "D006",
    "matched-via-normalization",
    Severity.INFO,
    "Matched only after normalizing spelling, case, plurals or learner/student variants.",
)
def via_normalization(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        m = ctx.matches.get(r.row)
        if m is None or not m.mapping or m.deprecated_hit:
            continue
        label = m.mapping.comment.split("'")[1] if m.mapping.comment.count("'") >= 2 else ""
        if " ".join(r.term.casefold().split()) == label.casefold():
            continue  # a difference of case only is not worth a finding
        if any(k in m.mapping.comment for k in ("normalized", "variant", "acronym")):
            yield ctx.finding(
                "D006",
                f"'{snippet(r.term)}' matched {ctx.describe(m.mapping.concept)} after normalizing ({m.mapping.comment}).",
                r,
                "term",
            )


@check("D007", "matched-via-spanish", Severity.INFO, "Matched through a Spanish label.")
def via_spanish(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        m = ctx.matches.get(r.row)
        es = ctx.matches_es.get(r.row)
        if (m is None or not m.mapping) and es is not None and es.mapping:
            yield ctx.finding(
                "D007",
                f"'{snippet(r.term_es or '')}' matched {ctx.describe(es.mapping.concept)} through its Spanish label.",
                r,
                "term_es",
            )


@check(
    "D010",
    "many-to-one",
    Severity.INFO,
    "Several district terms map exactly onto one national concept.",
)
def many_to_one(ctx: CheckContext) -> Iterator[Finding]:
    by_concept: dict[str, list[int]] = defaultdict(list)
    rows = {r.row: r for r in ctx.table.rows}
    for row, m in ctx.matches.items():
        if m.mapping and m.mapping.predicate == "exact_match":
            by_concept[m.mapping.concept].append(row)
    for concept, found in sorted(by_concept.items()):
        terms = {rows[x].term.casefold() for x in found}
        if len(terms) > 1:
            for row in found[1:]:
                yield ctx.finding(
                    "D010",
                    f"'{snippet(rows[row].term)}' and the term at row {found[0]} both mean {ctx.describe(concept)}.",
                    rows[row],
                    "term",
                    "Keep one term and list the others as synonyms.",
                )

"""Family D: mapping district terms to national concepts (D011 and D012, the district's own
mapping column, and the local-row helpers are in :mod:`.mapping_user`, imported here).

D008 is not derived from matcher predicates: the matcher only ever yields ``exact_match``
(stages 1-3). It fires instead on the two lexical signals of a narrower term that a table has
(the row's broader term is a national concept, or the term contains a national label as whole
words), as a review-only proposal. D001 is not repeated for a row that the district marked
local (D009 says so) or mapped itself in its mapping column.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from pl_vocab.core.model import Finding
from pl_vocab.glossary.checks.base import CheckContext, check, memo, normalized, snippet
from pl_vocab.glossary.checks.mapping_user import is_local, user_concept
from pl_vocab.normalize import FOLD_LANGUAGES, FoldLanguage, fold, fold_forms, prefold
from pl_vocab.vocabulary import Vocabulary

if TYPE_CHECKING:
    from pl_vocab.glossary.read import GlossaryRow


# ---------------------------------------------------------------- national parents
@cache
def _parent_index(
    vocab: Vocabulary,
) -> dict[FoldLanguage, tuple[dict[str, tuple[str, ...]], dict[str, int]]]:
    """Folded pref/alt labels of active concepts with no language advisory, per language, and
    the first word of each with the most words of a label that starts with it."""
    index: dict[str, dict[str, list[str]]] = {"en": defaultdict(list), "es": defaultdict(list)}
    for c in vocab.concepts:
        if c.deprecated or c.language_advisory is not None:
            continue
        for lt in [*c.pref_label, *(c.alt_label or [])]:
            lang = "es" if lt.language.startswith("es") else "en"
            key = fold(lt.value, lang)  # type: ignore[arg-type]
            if key and c.id not in index[lang][key]:
                index[lang][key].append(c.id)
    out: dict[FoldLanguage, tuple[dict[str, tuple[str, ...]], dict[str, int]]] = {}
    for lang in FOLD_LANGUAGES:
        firsts: dict[str, int] = {}
        for key in index[lang]:
            words = key.split()
            firsts[words[0]] = max(firsts.get(words[0], 0), len(words))
        out[lang] = ({k: tuple(v) for k, v in index[lang].items()}, firsts)
    return out


def contained_concepts(vocab: Vocabulary, text: str) -> list[tuple[str, str]]:
    """(concept, folded phrase) for national labels found as whole words in ``text``, longest
    phrase first; only concepts that can be a parent (active, no language advisory)."""
    found: dict[str, tuple[int, str]] = {}
    chars = prefold(text)  # fold(text, lang) is the last of fold_forms(prefold(text), lang)
    for lang, (index, firsts) in _parent_index(vocab).items():
        words = fold_forms(chars, lang)[3].split()
        n = len(words)
        for i, word in enumerate(words):
            most = firsts.get(word)
            if most is None:
                continue  # no label starts with this word
            for j in range(i + 1, min(n, i + most) + 1):
                phrase = " ".join(words[i:j])
                for cid in index.get(phrase, ()):
                    if cid not in found or len(phrase) > found[cid][0]:
                        found[cid] = (len(phrase), phrase)
    return [(cid, p) for cid, (_, p) in sorted(found.items(), key=lambda kv: (-kv[1][0], kv[0]))]


def term_rows(ctx: CheckContext) -> dict[str, GlossaryRow]:
    """The first row of each term, by its normalized form."""

    def compute() -> dict[str, GlossaryRow]:
        out: dict[str, GlossaryRow] = {}
        for r in ctx.table.rows:
            if r.term:
                out.setdefault(normalized(ctx, r.term), r)
        return out

    return memo(ctx, "term_rows", compute)


def concept_of_name(ctx: CheckContext, name: str) -> str | None:
    """The active national concept a name means: through the glossary row with that term (its
    accepted mapping), else a national preferred or alternative label."""
    r = term_rows(ctx).get(normalized(ctx, name))
    if r is not None:
        m = ctx.matches.get(r.row)
        if m is not None and m.mapping and not m.deprecated_hit:
            return m.mapping.concept
    found = ctx.vocabulary.get(name)
    return found.id if found is not None and not found.deprecated else None


def national_parent(
    ctx: CheckContext, r: GlossaryRow, *, definition: bool = False
) -> tuple[str, str] | None:
    """The nearest national concept above an unmapped term, and where that came from: the
    row's broader term, a national label inside the term, or (``definition=True``) the
    longest label, in its definition, of the facet that most labels found there belong to."""
    if r.broader:
        cid = concept_of_name(ctx, r.broader)
        if cid is not None:
            return cid, f"its broader term '{snippet(r.broader, 40)}'"
    inside = contained_concepts(ctx.vocabulary, r.term) if r.term else []
    if inside:
        return inside[0][0], f"the words '{inside[0][1]}' in the term"
    if definition and r.definition:
        hits = contained_concepts(ctx.vocabulary, r.definition)
        facets: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for cid, phrase in hits:
            facets[ctx.vocabulary.concept(cid).facet].append((cid, phrase))
        if facets:
            best = max(facets.values(), key=len)  # the facet most labels belong to
            return best[0][0], f"the words '{best[0][1]}' in its definition"
    return None


@check("D001")
def unmapped(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        m = ctx.matches.get(r.row)
        if m is None or m.mapping or m.ambiguous or m.candidates:
            continue
        es = ctx.matches_es.get(r.row)
        if es is not None and es.mapping:
            continue
        if user_concept(ctx, r.row) or ("D009" in ctx.selected and is_local(ctx, r)):
            continue  # the district mapped it itself, or marked it local (D009 says so)
        yield ctx.finding(
            "D001",
            f"'{snippet(r.term)}' matches no national concept.",
            r,
            "term",
            "If it is a local term, keep it and mark it local; if it means a national concept, add that concept's label as a synonym.",
        )


@check("D002")
def fuzzy_only(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        m = ctx.matches.get(r.row)
        if m is None or m.mapping or m.ambiguous or not m.candidates:
            continue
        if user_concept(ctx, r.row):
            continue  # a person already chose (D012 says if the choice is disputed)
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


@check("D003")
def ambiguous(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        m = ctx.matches.get(r.row)
        if m is not None and m.ambiguous and user_concept(ctx, r.row) not in m.ambiguous:
            options = " or ".join(ctx.describe(c) for c in m.ambiguous)
            yield ctx.finding(
                "D003",
                f"'{snippet(r.term)}' may mean {options}.",
                r,
                "term",
                "Spell the term out so readers know which is meant.",
            )


@check("D004")
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


@check("D005")
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


@check("D006")
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


@check("D007")
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


@check("D010")
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


@check("D008")
def narrower_only(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        m = ctx.matches.get(r.row)
        if m is None or m.mapping or m.ambiguous or m.candidates or m.deprecated_hit:
            continue
        es = ctx.matches_es.get(r.row)
        if (es is not None and es.mapping) or user_concept(ctx, r.row) or is_local(ctx, r):
            continue  # mapped in Spanish or by the district; local rows get D009
        parent = national_parent(ctx, r)
        if parent is None:
            continue
        cid, why = parent
        yield ctx.finding(
            "D008",
            f"'{snippet(r.term)}' has no exact national equivalent, but it is probably narrower "
            f"than (or related to) {ctx.describe(cid)}, judging by {why}.",
            r,
            "term",
            f"Record it as narrowMatch (or relatedMatch) {cid} after checking, or mark it local.",
        )


@check("D009")
def local_extension(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.table.rows:
        if not r.term:
            continue
        where = is_local(ctx, r)
        if where is None:
            continue
        m = ctx.matches.get(r.row)
        if m is not None and m.mapping and not m.deprecated_hit:
            yield ctx.finding(
                "D009",
                f"'{snippet(r.term)}' is marked local (in '{where}'), but it is the national "
                f"concept {ctx.describe(m.mapping.concept)}.",
                r,
                "term",
                "Map it to the national concept instead of keeping a local term.",
            )
            continue
        parent = national_parent(ctx, r, definition=True)
        if parent is None:
            yield ctx.finding(
                "D009",
                f"'{snippet(r.term)}' is a local term (marked in '{where}'); no national "
                "concept above it was found.",
                r,
                "term",
                "Keep it as a local extension; give it a broader term if a national concept covers it.",
            )
            continue
        cid, why = parent
        facet = ctx.vocabulary.label_facet(ctx.vocabulary.concept(cid).facet)
        yield ctx.finding(
            "D009",
            f"'{snippet(r.term)}' is a local term (marked in '{where}'); its nearest national "
            f"parent is {ctx.describe(cid)} in the facet '{facet}', from {why}.",
            r,
            "term",
            f"Keep it local and record it as narrowMatch {cid}, so reports can roll it up.",
        )
